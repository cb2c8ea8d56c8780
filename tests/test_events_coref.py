"""Pronoun antecedents of event arguments (issue 10; ``analyze/events_coref.py``): sentences
written for these tests (none from the seed articles or any scored set), checked at the
coder's candidates so that the event-ness model cannot change what they test, and at the
resolver's chosen antecedent."""

from __future__ import annotations

from eventwire.analyze.events import _SKIP_SEGMENTS, _sentence_ranges, _units
from eventwire.analyze.events_coref import AnaphorContext, antecedent
from eventwire.analyze.events_graph import TokenGraph

from .coder import analysed as _doc
from .coder import candidate as _cand


def _antecedent(text: str, pronoun: str, nth: int = 0) -> str | None:
    """The text of the token the resolver takes as the antecedent of the ``nth`` ``pronoun``."""
    doc = _doc(text)
    g = TokenGraph(doc.tokens)
    units = _units(doc)
    ranges = [r for r, u in zip(_sentence_ranges(doc.tokens, [(a, b) for a, b, _ in units]), units, strict=True)
              if u[2] not in _SKIP_SEGMENTS]
    ks = [k for k, t in enumerate(doc.tokens) if t.text == pronoun]
    j = antecedent(AnaphorContext(doc, g, ranges), ks[nth])
    return doc.tokens[j].text if j is not None else None


def test_events_coref_plural_pronoun_takes_the_previous_sentences_group() -> None:
    e = _cand("Russian troops crossed the border at dawn. They attacked the Ukrainian town of Sumy.", "attacked")
    assert e.attrs["source_text"] == "They"
    assert (e.source_country, e.target_country) == ("RUS", "UKR")


def test_events_coref_possessed_noun_takes_its_pronoun_possessors_country() -> None:
    e = _cand("The Iraqi army said its forces had shelled the Turkish positions.", "shelled")
    assert e.attrs["source_text"] == "its forces"
    assert (e.source_country, e.target_country) == ("IRQ", "TUR")


def test_events_coref_governing_clause_subject_comes_first() -> None:
    text = "The Bolivian envoy told the Chilean minister that he would visit La Paz."
    assert _antecedent(text, "he") == "envoy"


def test_events_coref_object_pronoun_is_not_a_coargument() -> None:
    # "him" cannot be the officer who beats: the trader of the sentence before
    assert _antecedent("A Ghanaian trader met a Nigerian officer in Accra. The officer later beat him.", "him") == "trader"


def test_events_coref_reflexive_is_bound_in_its_clause() -> None:
    assert _antecedent("Police said the Albanian smuggler had shot himself in the cell.", "himself") == "smuggler"


def test_events_coref_pronouns_agree_in_gender_and_number() -> None:
    text = "She met the delegates in Geneva. Later he said they had left."
    assert _antecedent(text, "he") is None  # "She" is no antecedent of "he", nor are the delegates
    assert _antecedent(text, "they") == "delegates"


def test_events_coref_it_takes_no_person() -> None:
    text = "The Danish shipping company hired a new captain. It later sued the Panamanian port authority."
    assert _antecedent(text, "It") == "company"


def test_events_coref_first_person_in_a_quote_is_the_speaker() -> None:
    text = '"We will never negotiate with the rebels," the Colombian defence minister said on Monday.'
    assert _antecedent(text, "We") == "minister"


def test_events_coref_antecedent_with_no_country_takes_its_sentences_place() -> None:
    text = ("Mr. Rodel Bautista lived in Manila for years. On Friday a man attacked him outside a bar. "
            "Police in Osaka, Kyoto and Tokyo are searching for the attacker.")
    e = _cand(text, "attacked")
    assert e.attrs["target_text"] == "him"
    assert e.target_country == "PHL"  # his sentence's one country, not the article's lead (JPN)


def test_events_coref_antecedent_country_comes_before_the_sentences_guess() -> None:
    # "them" are the Colombian diplomats, not the country the sentence's other side names
    e = _cand("Venezuela expelled three Colombian diplomats on Monday. Its foreign minister accused them of espionage.",
              "accused")
    assert (e.source_country, e.target_country) == ("VEN", "COL")
