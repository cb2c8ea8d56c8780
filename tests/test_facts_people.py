"""Session 9, second round: named people at every mention (``people``), street addresses with
their town (``streets``), mixed fractions ("2 1/2 years") and "no-one" (British spelling)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from eventwire.corpus.facts import facts_command, rules
from eventwire.corpus.facts.numbers import find_quantities


@pytest.fixture
def switch() -> Iterator[Any]:
    default = rules.ON

    def set_on(*names: str) -> None:
        rules.ON = frozenset(names)

    yield set_on
    rules.ON = default


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
