"""When two stated values of one fact are the same, compatible or a conflict (partial dates,
clock times without a.m./p.m. or in another time zone, figures rounded in two units,
spellings of one name), and how the story's statements are grouped (two people's ages under
one key, an approximate figure that names no happening)."""

from __future__ import annotations

from typing import Any

from eventwire.corpus.facts import facts_command
from eventwire.corpus.facts.reconcile import compare, group_label, reconcile
from eventwire.corpus.facts.records import Statement


def _st(doc: str, value: Any, kind: str, text: str | None = None, key: str = "k", **kw: Any) -> Statement:
    text = text if text is not None else str(value)
    return Statement(doc_id=doc, start=0, end=len(text), text=text, key=key, kind=kind, value=value, **kw)


def test_values_partial_dates_agree_where_both_speak() -> None:
    # a bare year and a month-day without year state no common field
    assert compare(_st("a", "2013", "date"), _st("b", "--09-13", "date")) == "compatible"
    assert compare(_st("a", "--09-13", "date"), _st("b", "2013-09-13", "date")) == "same"
    assert compare(_st("a", "Friday", "date"), _st("b", "2013-09-13", "date")) == "compatible"
    # a field both state with two values clashes
    assert compare(_st("a", "Thursday", "date"), _st("b", "2013-09-13", "date")) == "conflict"
    assert compare(_st("a", "2012", "date"), _st("b", "--09-13", "date")) == "compatible"
    assert compare(_st("a", "2012", "date"), _st("b", "2013-09-13", "date")) == "conflict"
    assert compare(_st("a", "--09-14", "date"), _st("b", "2013-09-13", "date")) == "conflict"
    assert compare(_st("a", "--12-12/--12-13", "date"), _st("b", "2023-12-12/2023-12-13", "date")) == "same"


def test_values_clock_time_without_am_pm_may_be_either_half_of_the_day() -> None:
    evening = _st("b", "Thursday evening", "time")
    assert compare(_st("a", "07:42", "time", "7:42"), evening) == "compatible"
    assert compare(_st("a", "07:42", "time", "7:42 a.m."), evening) == "conflict"
    assert compare(_st("a", "07:42", "time", "07:42"), evening) == "conflict"  # a 24-hour clock
    # the same written time, resolved to two halves of the day, against its p.m. form
    assert compare(_st("a", "08:30", "time", "shortly after 8:30"), _st("b", "20:30", "time", "8:30 p.m.")) == "compatible"
    assert compare(_st("a", "08:30", "time", "8:30"), _st("b", "21:30", "time", "9:30 p.m.")) == "conflict"
    # "early morning" is its own part of the day, within the morning
    assert compare(_st("a", "01:30", "time", "around 1:30"), _st("b", "early morning", "time")) == "compatible"
    assert compare(_st("a", "early morning", "time"), _st("b", "morning", "time")) == "compatible"


def test_values_time_in_another_zone_differs_by_the_zones_offset() -> None:
    local = _st("a", "17:06", "time", "17:06 local time (13:36 GMT) on Sunday")
    gmt = _st("b", "13:36", "time", "13:36 GMT on Sunday")
    assert compare(local, gmt) == "compatible"  # 3 h 30 min: a zone's offset
    assert compare(_st("a", "17:10", "time", "17:10"), gmt) == "conflict"  # 3 h 34 min: no zone's
    assert compare(_st("a", "13:40", "time", "13:40 GMT"), gmt) == "conflict"  # one zone, two times
    assert group_label([local, gmt])[0] == "complement"


def test_values_figures_rounded_in_two_units_allow_the_rounding() -> None:
    metre = _st("a", 10.0, "distance", "a 10-metre boat", unit="m")
    assert compare(metre, _st("b", 9.14, "distance", "a 30-foot boat", unit="m")) == "compatible"
    assert compare(metre, _st("b", 15.24, "distance", "a 50-foot boat", unit="m")) == "conflict"
    # written in one unit, two figures are two values
    assert compare(metre, _st("b", 9.0, "distance", "a 9-metre boat", unit="m")) == "conflict"


def test_values_spellings_of_one_name_are_one_value() -> None:
    assert compare(_st("a", "Promises Treatment Centre", "place"), _st("b", "Promises Treatment Center", "place")) == "same"
    assert compare(_st("a", "Ilene Wolfe", "spokesperson"), _st("b", "Ilene Wolff", "spokesperson")) == "same"
    assert compare(_st("a", "Rome", "place"), _st("b", "Rome", "place")) == "same"
    # short names and names with other figures are not spellings of one another
    assert compare(_st("a", "Derby", "place"), _st("b", "Dorby", "place")) != "same"
    assert compare(_st("a", "2500 block of Main St", "place"), _st("b", "2600 block of Main St", "place")) != "same"
    assert compare(_st("a", "Staunton", "place"), _st("b", "Stockton", "place")) != "same"


def test_reconcile_two_ages_stated_together_in_several_articles_are_two_peoples() -> None:
    # the parse gave both men's ages one key; three articles each state both
    sts = [_st(d, v, "age", key="age:jenkins") for d in ("a", "b", "c") for v in (23.0, 20.0)]
    groups = reconcile(sts)
    assert sorted((g.label, len(g.members)) for g in groups) == [("agree", 3), ("agree", 3)]
    # one article stating two ages of one named person contradicts itself: still a clash
    sts = [_st("a", 91.0, "age", key="age:williams"), _st("a", 93.0, "age", key="age:williams"),
           _st("b", 91.0, "age", key="age:williams")]
    assert [g.label for g in reconcile(sts)] == ["conflict"]


def test_reconcile_approximate_figure_naming_no_happening_joins_the_one_key() -> None:
    sts = [_st("a", 108e6, "money", "$108 million", key="money:theft", unit="USD"),
           _st("b", 110e6, "money", "about $110 million", key="money:?", unit="USD", qualifier="about"),
           _st("b", 5e6, "money", "$5 million", key="money:reward", unit="USD")]
    groups = reconcile(sts)
    assert [(g.key, g.label, g.members) for g in groups][0] == ("money:theft", "complement", (0, 1))


def test_reconcile_local_and_gmt_times_through_the_command() -> None:
    docs = [{"doc_id": "a1", "story": "s", "date": "2024-05-05",
             "text": "A magnitude 5.9 earthquake struck the island of Tarn at 17:06 local time (13:36 GMT) on Sunday."},
            {"doc_id": "a2", "story": "s", "date": "2024-05-05",
             "text": "The 5.9-magnitude quake struck Tarn at 13:36 GMT on Sunday, officials said."}]
    out = list(facts_command(docs))[0]
    times = [g for g in out["groups"] if g["key"].startswith("time:")]
    assert [g["label"] for g in times] == ["complement"]
    assert {out["statements"][m]["value"] for m in times[0]["members"]} == {"17:06", "13:36"}


def test_reconcile_count_that_names_no_unit_joins_its_happenings_count() -> None:
    # "quake kills five" (count:death:?) is the toll the body gives as "killed 5 people"; a
    # later article's larger toll is then an update of that one fact
    sts = [_st("a", 5.0, "count", "five", key="count:death:?", doc_date="2024-05-05"),
           _st("a", 5.0, "count", "5", key="count:death:people", unit="people", doc_date="2024-05-05"),
           _st("b", 12.0, "count", "12", key="count:death:people", unit="people", doc_date="2024-05-07")]
    groups = reconcile(sts)
    assert [(g.key, g.label, g.members) for g in groups] == [("count:death:people", "update", (0, 1, 2))]
    # a count of another happening keeps its own key
    sts = [*sts, _st("c", 3.0, "count", "three", key="count:injury:?"), _st("d", 3.0, "count", "3", key="count:death:people", unit="people")]
    assert ("count:injury:?", (3,)) in [(g.key, g.members) for g in reconcile(sts)]


def test_reconcile_background_figures_of_an_unknown_happening_are_no_clash() -> None:
    # "scored three touchdowns" / "two touchdowns": statistics of a happening of no known kind
    sts = [_st("a", 3.0, "count", "three", key="count:score:touchdown", unit="touchdown"),
           _st("b", 2.0, "count", "two", key="count:score:touchdown", unit="touchdown")]
    assert sorted(g.label for g in reconcile(sts)) == ["single-source", "single-source"]
    # the same clash over a known kind of happening is a conflict
    sts = [_st("a", 3.0, "count", "three", key="count:death:people", unit="people"),
           _st("b", 2.0, "count", "two", key="count:death:people", unit="people")]
    assert [g.label for g in reconcile(sts)] == ["conflict"]
