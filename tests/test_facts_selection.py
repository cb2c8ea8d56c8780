"""The statement-selection rules of facts round 8 (``eventwire.corpus.facts.rules``): each does
what it says when it is switched on; of them only ``person_place`` is on by default (session 9: the
only one that helped on the five extra stories none of them was read from, eval/facts_rules.py),
with session 9's second-round ``named_people`` and ``street_town`` (tests/test_facts_people.py)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.corpus.facts import facts_command, rules


def _story(*texts: str) -> list[dict[str, Any]]:
    docs = [{"doc_id": f"d{n}", "text": t, "story": "s"} for n, t in enumerate(texts)]
    return list(facts_command(docs))[0]["statements"]  # type: ignore[no-any-return]


def _values(kind: str, *texts: str) -> list[Any]:
    return [s["value"] for s in _story(*texts) if s["kind"] == kind]


def test_facts_selection_rules_parse_names_and_rejects_unknown() -> None:
    assert rules.parse("none") == frozenset() and rules.parse("all") == rules.ALL
    assert rules.parse("area,decade") == frozenset({"area", "decade"})
    with pytest.raises(ValueError):
        rules.parse("no_such_rule")


def test_facts_selection_rules_using_is_scoped_to_its_block_and_thread() -> None:
    import threading

    assert rules.on("person_place") and not rules.on("area")
    seen: list[bool] = []
    with rules.using(frozenset({"area"})):
        assert rules.on("area") and not rules.on("person_place")
        worker = threading.Thread(target=lambda: seen.append(rules.on("area")))
        worker.start()
        worker.join()
    assert seen == [False]  # another thread keeps the shipped set
    assert rules.on("person_place") and not rules.on("area")
    with pytest.raises(ValueError), rules.using(frozenset({"no_such_rule"})):
        pass


_PALERMO = "A Mafia boss in Palermo hanged himself in jail on Tuesday."


def test_facts_selection_when_where_place_of_a_person_is_no_place_of_the_happening(switch: Any) -> None:
    assert "Palermo" not in _values("place", _PALERMO)  # the default
    switch()
    assert "Palermo" in _values("place", _PALERMO)


def test_facts_selection_when_where_state_that_is_also_a_small_town_is_the_setting(switch: Any) -> None:
    # "Oregon" is a state and two small towns: the state is the setting, not a checkable place
    text = "A bomb exploded at a bank in Oregon on Friday, killing two officers."
    switch("state_setting")
    assert "Oregon" not in _values("place", text)
    switch()
    assert "Oregon" in _values("place", text)


def test_facts_selection_when_where_date_of_a_saying_is_no_date_of_the_happening(switch: Any) -> None:
    text = "Two officers died in the blast on Friday, and police had no suspects, officials said Saturday."
    switch("said_date")
    dates = _values("date", text)
    assert "Saturday" not in dates and "Friday" in dates
    switch()
    assert "Saturday" in _values("date", text)


def test_facts_selection_when_where_clause_on_a_time_names_its_happening(switch: Any) -> None:
    text = "Residents heard the noise at 5:30 p.m., when the bomb went off."
    switch("when_clause")
    assert [(s["key"], s["value"]) for s in _story(text) if s["kind"] == "time"] == [("time:explosion", "17:30")]
    switch()
    assert ("time:explosion", "17:30") not in [(s["key"], s["value"]) for s in _story(text) if s["kind"] == "time"]


def test_facts_selection_when_where_decade_is_no_date(switch: Any) -> None:
    text = "The actress, who swam to stardom in the 1940's, died in her sleep on Thursday."
    switch("decade")
    dates = _values("date", text)
    assert "1940" not in dates and "Thursday" in dates
    switch()
    assert "1940" in _values("date", text)


def test_facts_selection_when_where_building_in_a_towns_area_is_in_the_town(switch: Any) -> None:
    text = "A bomb exploded at a Denver-area bank on Friday, killing two officers."
    switch("area")
    assert _values("place", text) == ["Denver"]
    switch()
    assert _values("place", text) == ["area bank, Denver"]


def test_facts_selection_command_one_value_read_twice_is_one_statement(switch: Any) -> None:
    text = "An officer arrived at the West Coast Bank after a call about a suspicious device."
    switch("read_twice")
    assert len([s for s in _story(text) if s["kind"] == "place"]) == 1
    switch()
    assert len([s for s in _story(text) if s["kind"] == "place"]) == 2


def test_facts_selection_day_with_part_of_day_keeps_one_reading(switch: Any) -> None:
    evening = ("Police said Marco Bruni hanged himself in his cell on Tuesday evening.",
               "Marco Bruni hanged himself in his cell on Tuesday evening, police said.")
    switch("day_part")
    # no clock time of the death in the story: the part of the day, with its day
    assert {(s["kind"], s["value"]) for s in _story(*evening) if s["kind"] in ("date", "time")} == {("time", "Tuesday evening")}
    # the story gives the clock time of the explosion: the span's checkable detail is its day
    sts = _story("The bomb exploded Friday afternoon at a bank in Denver.", "The bomb exploded at 5:30 p.m. at a bank in Denver.")
    dt = {(s["kind"], s["value"]) for s in sts if s["kind"] in ("date", "time")}
    assert ("date", "Friday") in dt and ("time", "Friday afternoon") not in dt and ("time", "17:30") in dt
    switch()
    assert ("date", "Tuesday") in {(s["kind"], s["value"]) for s in _story(*evening)}


def test_facts_selection_relations_office_of_a_sentences_source_is_no_statement(switch: Any) -> None:
    text = ("Two men were arrested and held without bail, said Chief of Detectives Frank Miller. "
            "Dayton Police Chief Tom Reed announced 40-year-old Ann Cole was arrested.")
    switch("source_office")
    assert not [s for s in _story(text) if s["kind"] == "office"]
    # the office of someone the happening befell stays
    sts = _story("Police Chief Scott Ellis was injured in the blast on Friday.")
    assert [s["value"] for s in sts if s["kind"] == "office"] == ["Police Chief"]
    switch()
    assert [s for s in _story(text) if s["kind"] == "office"]


def test_facts_selection_clock_time_two_articles_state_is_a_story_detail(switch: Any) -> None:
    texts = ("Fire crews were called to the supermarket at 6am on Sunday.",
             "Two engines were sent to the store at 06:00 on Sunday.")
    switch(*rules.ON)
    assert _values("time", *texts) == ["06:00", "06:00"]
    # one article's clock time of a happening of no known kind stays out
    assert _values("time", texts[0]) == []
    switch(*(rules.ON - {"shared_clock"}))
    assert _values("time", *texts) == []
