"""Session 9, second round: named people at every mention (``people``), street addresses with
their town (``streets``), mixed fractions ("2 1/2 years") and "no-one" (British spelling)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.corpus.facts import facts_command
from eventwire.corpus.facts.numbers import find_quantities


def _statements(*texts: str) -> list[dict[str, Any]]:
    docs = [{"doc_id": f"d{n}", "text": t, "story": "s"} for n, t in enumerate(texts)]
    return list(facts_command(docs))[0]["statements"]  # type: ignore[no-any-return]


_STABBING = ("Police arrested Daniel Hartley, 35, on Tuesday. Hartley is accused of stabbing "
             "Martha Quinn, 48, in her apartment. Daniel Hartley was held without bail. "
             "Officers said Martha Quinn had called police twice.")


def test_people_named_participant_is_a_statement_at_every_mention(switch: Any) -> None:
    switch("person_place", "named_people")
    names = [(s["key"], s["value"], s["start"]) for s in _statements(_STABBING) if s["kind"] == "names"]
    hartley = [n for n in names if n[1] == "Daniel Hartley"]
    quinn = [n for n in names if n[1] == "Martha Quinn"]
    assert len(hartley) == 2 and len(quinn) == 2
    assert "name:hartley" in {k for k, _, _ in hartley}  # the arrest's own mention keeps names:arrest
    switch("person_place")
    names_off = [s for s in _statements(_STABBING) if s["kind"] == "names" and s["value"] == "Daniel Hartley"]
    assert len(names_off) < 2


def test_people_protagonist_who_died_and_officials_are_no_named_participants(switch: Any) -> None:
    switch("person_place", "named_people")
    text = ("Actress Joan Merrill died on Thursday at her home. Joan Merrill was 91. "
            "Police Chief Robert Lane, 46, said Robert Lane had ordered an inquiry.")
    values = [s["value"] for s in _statements(text) if s["kind"] == "names"]
    assert "Joan Merrill" not in values and "Robert Lane" not in values


def test_streets_address_takes_house_number_and_the_articles_town(switch: Any) -> None:
    text = ("The bodies were found Saturday at 24 Maple Street in Springfield. Police said the "
            "Maple Street apartment was locked.")
    switch("person_place", "street_town")
    st = _statements(text)
    places = [s["value"] for s in st if s["kind"] == "place"]
    assert "24 Maple Street, Springfield" in places
    assert not [s for s in st if s["kind"] == "count" and s["value"] == 24.0]  # the house number is no count
    switch("person_place")
    places_off = [s["value"] for s in _statements(text) if s["kind"] == "place"]
    assert "24 Maple Street, Springfield" not in places_off


def test_people_killer_is_a_named_participant_the_killed_is_not(switch: Any) -> None:
    # the subject of "killed" is the killer, not the dead: his later mentions are statements
    switch("person_place", "named_people")
    text = ("Police arrested Gary Morton, 35, in Springfield. Gary Morton killed his neighbour "
            "Ann Bell, 61, on Monday. Gary Morton was held without bail. Ann Bell lived alone.")
    names = [(s["key"], s["value"]) for s in _statements(text) if s["kind"] == "names"]
    assert names.count(("name:morton", "Gary Morton")) == 2
    assert ("name:bell", "Ann Bell") not in names


def test_people_dead_relative_excludes_no_other_person_of_the_surname(switch: Any) -> None:
    switch("person_place", "named_people")
    text = ("Catherine Gomes, 61, died on Monday. Police arrested Robert Gomes, 40, on Tuesday. "
            "Robert Gomes was held without bail.")
    names = [(s["key"], s["value"]) for s in _statements(text) if s["kind"] == "names"]
    assert ("name:gomes", "Robert Gomes") in names


def test_streets_headline_words_are_no_part_of_the_street(switch: Any) -> None:
    switch("person_place", "street_town")
    text = ("Bodies Found In Independent Street Apartment. SPRINGFIELD -- The bodies were found "
            "Saturday at 24 Independent Street in Springfield.")
    places = [s["value"] for s in _statements(text) if s["kind"] == "place"]
    assert "Found In Independent Street, Springfield" not in places
    assert "24 Independent Street, Springfield" in places


def test_streets_where_someone_lives_is_no_place_of_the_happening(switch: Any) -> None:
    switch("person_place", "street_town")
    text = ("Police Chief Ann Lee, who lives on Elm Street in Springfield, said the fire was set "
            "on Oak Street.")
    places = [s["value"] for s in _statements(text) if s["kind"] == "place"]
    assert "Elm Street, Springfield" not in places and "Oak Street, Springfield" in places


def test_streets_statements_in_text_order_with_or_without_a_street(monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.corpus.facts.streets as streets_mod
    from eventwire.corpus.facts.records import Statement

    def st(a: int) -> Statement:
        return Statement(doc_id="d", start=a, end=a + 1, text="x", key="k", kind="count", value=1.0)

    # no town, so nothing to add: the statements still come back in text order
    monkeypatch.setattr(streets_mod, "article_town", lambda doc: None)
    out = streets_mod.street_statements(None, [st(5), st(1)])  # type: ignore[arg-type]
    assert [s.start for s in out] == [1, 5]


def test_streets_no_address_without_one_town(switch: Any) -> None:
    switch("person_place", "street_town")
    text = "The bodies were found Saturday on Maple Street. Police from Boston and Chicago helped."
    places = [s["value"] for s in _statements(text) if s["kind"] == "place"]
    assert not [p for p in places if p.startswith("Maple Street,")]


def test_numbers_mixed_fraction_is_one_figure() -> None:
    qs = [(q.text, q.value, q.unit) for q in find_quantities("He was sentenced to 2 1/2 years, and a 2-1/2 year term.")]
    assert ("2 1/2 years", 2.5, "years") in qs and ("2-1/2 year", 2.5, "years") in qs
    assert [q.value for q in find_quantities("open 24/7")] == [24.0, 7.0]


def test_none_stated_british_no_one_hyphenated() -> None:
    st = _statements("A fire destroyed the supermarket on Sunday. No-one was injured.")
    assert [(s["key"], s["value"]) for s in st if s["kind"] == "count"] == [("count:injury:people", 0.0)]
