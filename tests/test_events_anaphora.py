"""Verb-phrase anaphora ("did the same", "did likewise", "followed suit") and other
candidate rules of the coder: sentences
written for these tests (none from the seed articles), checked at the candidate level so
that a retrained event-ness model cannot change what they test."""

from __future__ import annotations

from eventwire.analyze.events import candidate_events
from eventwire.analyze.pipeline import default_pipeline
from eventwire.model import Article, Event, make_id


def _candidates(text: str, date: str | None) -> list[tuple[Event, dict[str, float]]]:
    art = Article(id=make_id("anaphora", text), text=text, source="test", fmt="text", published=date,
                  date_method="metadata" if date else "unknown")
    (doc,) = default_pipeline(n_process=1)([art])
    return candidate_events(doc)


def _repeats(cands: list[tuple[Event, dict[str, float]]]) -> list[Event]:
    return [e for e, _ in cands if "same-as-previous" in e.attrs.get("notes", [])]


def test_events_anaphora_did_the_same_repeats_the_previous_sentence_with_a_new_source() -> None:
    cands = _candidates("France expelled two Russian diplomats on Monday. Germany did the same on Tuesday.",
                        "2024-03-06")
    (rep,) = _repeats(cands)
    first = next(e for e, _ in cands if e.text == "expelled")
    assert (rep.source_country, rep.plover_type, rep.target_country) == ("DEU", first.plover_type, "RUS")
    assert rep.date_begin == "2024-03-05"  # its own clause's date, not the antecedent's


def test_events_anaphora_did_likewise_in_the_same_sentence_is_judged_by_its_antecedent() -> None:
    cands = _candidates("Japan imposed sanctions on North Korea last year, and South Korea did likewise.",
                        "2024-03-06")
    (rep,) = _repeats(cands)
    assert (rep.source_country, rep.plover_type, rep.target_country) == ("KOR", "SANCTION", "PRK")
    feats = dict(cands[[e for e, _ in cands].index(rep)][1])
    # the event-ness model sees the repeated verb, not "do"
    assert feats.get("lemma=impose") == 1.0 and "lemma=do" not in feats


def test_events_anaphora_followed_suit_keeps_the_target() -> None:
    cands = _candidates("The United States condemned the coup in Niger. Britain followed suit a day later.",
                        "2024-03-06")
    (rep,) = _repeats(cands)
    assert (rep.source_country, rep.target_country) == ("GBR", "NER")


def test_events_anaphora_partners_take_their_own_dates_and_never_borrow_an_unresolved_one() -> None:
    text = ("Brazil expelled two Venezuelan diplomats in 2015. "
            "Chile did the same with Peru in 2017, Bolivia in 2019 and Colombia this year.")
    undated = {e.target_country: (e.date_begin or "")[:4] for e in _repeats(_candidates(text, None))}
    # "this year" cannot be resolved without a publication date: no date, not Bolivia's 2019
    assert undated == {"PER": "2017", "BOL": "2019", "COL": ""}
    dated = {e.target_country: (e.date_begin or "")[:4] for e in _repeats(_candidates(text, "2024-03-06"))}
    assert dated == {"PER": "2017", "BOL": "2019", "COL": "2024"}


def test_events_anaphora_nothing_to_repeat_adds_nothing() -> None:
    assert not _repeats(_candidates("Germany did the same on Tuesday.", "2024-03-06"))


def test_events_core_a_word_of_a_date_is_never_a_trigger() -> None:
    # "March" the month is not a march (PROTEST); the attack itself is still coded
    cands = _candidates("Russian troops attacked the city of Kharkiv in March 2022.", "2024-03-06")
    types = {e.plover_type for e, _ in cands}
    assert "ASSAULT" in types and "PROTEST" not in types
