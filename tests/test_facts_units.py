"""A key whose figures are in two units: each unit's figures judged on their own
(``corpus/facts/units.py``, rule ``unit_keys``)."""

from __future__ import annotations

from typing import Any

from eventwire.corpus.facts import rules
from eventwire.corpus.facts.reconcile import reconcile
from eventwire.corpus.facts.records import Statement


def _st(doc: str, value: Any, unit: str, kind: str = "duration", key: str = "duration:sentence", **kw: Any) -> Statement:
    text = f"{value} {unit}"
    return Statement(doc_id=doc, start=0, end=len(text), text=text, key=key, kind=kind, value=value, unit=unit, **kw)


def _labels(sts: list[Statement]) -> list[tuple[str, int]]:
    return sorted((g.label, len(g.members)) for g in reconcile(sts))


def test_units_clash_within_one_unit_is_found_beside_another_units_figure() -> None:
    # a "9 months" sentence in every article, and 2 against 2 1/2 years for the other case
    sts = [_st("a", 9.0, "months"), _st("a", 2.0, "years"), _st("b", 9.0, "months"), _st("b", 2.5, "years"),
           _st("c", 2.5, "years")]
    assert rules.on("unit_keys")
    assert _labels(sts) == [("agree", 2), ("conflict", 3)]
    keys = {g.key for g in reconcile(sts)}
    assert keys == {"duration:sentence:months", "duration:sentence:years"}


def test_units_switch_off_keeps_the_whole_key_apart(switch: Any) -> None:
    switch(*(rules.ON - {"unit_keys"}))
    sts = [_st("a", 9.0, "months"), _st("a", 2.0, "years"), _st("b", 9.0, "months"), _st("b", 2.5, "years")]
    assert "conflict" not in [label for label, _ in _labels(sts)]


def test_units_figures_that_agree_across_units_stay_one_key() -> None:
    # bounds in two units that allow a common value are no clash: no split
    sts = [_st("a", 15.0, "years", qualifier="up to"), _st("b", 7.0, "months", qualifier="more than")]
    assert [g.key for g in reconcile(sts)] == ["duration:sentence"]
    # counts keep their key: their unit is the counted noun
    sts = [_st("a", 6.0, "engine", kind="count", key="count:call"), _st("b", 4.0, "appliance", kind="count", key="count:call")]
    assert {g.key.split("#")[0] for g in reconcile(sts)} == {"count:call"}


def test_units_coordinated_figure_shares_the_age_unit() -> None:
    from eventwire.corpus.facts.numbers import find_quantities
    from eventwire.corpus.facts.units import coordinated_units

    text = "The women, 68 and 48-years-old, were found. Police said 5 and 6 people left."
    qs = coordinated_units(text, find_quantities(text))
    assert [(q.text, q.kind, q.unit) for q in qs] == [
        ("68", "age", "years"), ("48-years-old", "age", "years"), ("5", "count", ""), ("6", "count", "")]


def test_units_coordinated_figure_switch_off(switch: Any) -> None:
    from eventwire.corpus.facts.numbers import find_quantities
    from eventwire.corpus.facts.units import coordinated_units

    switch(*(rules.ON - {"shared_unit"}))
    text = "who were 61 and 48 years old"
    assert [q.kind for q in coordinated_units(text, find_quantities(text))] == ["count", "age"]


def _age(doc: str, value: float) -> Statement:
    return _st(doc, value, "years", kind="age", key="age:gomes")


def test_ages_one_persons_differing_age_under_a_family_key_clashes() -> None:
    # every report gives the son's 35, the ex-girlfriend's 48 and the mother's 61; one gives 68
    sts = [_age(d, v) for d in ("a", "b", "c") for v in (35.0, 48.0, 61.0)] + [_age("d", v) for v in (35.0, 48.0, 68.0)]
    assert rules.on("age_people")
    assert _labels(sts) == [("agree", 4), ("agree", 4), ("conflict", 4)]


def test_ages_person_rule_off_keeps_the_differing_age_apart(switch: Any) -> None:
    switch(*(rules.ON - {"age_people"}))
    sts = [_age(d, v) for d in ("a", "b", "c") for v in (35.0, 48.0, 61.0)] + [_age("d", v) for v in (35.0, 48.0, 68.0)]
    assert "conflict" not in [label for label, _ in _labels(sts)]


def test_ages_of_one_person_or_of_people_always_stated_together_are_unchanged() -> None:
    # one person's ages, never stated together: one key, a clash (as before)
    sts = [_age("a", 60.0), _age("b", 60.0), _age("c", 61.0)]
    assert _labels(sts) == [("conflict", 3)]
    # three people whose ages every report gives: three facts, no clash
    sts = [_age(d, v) for d in ("a", "b") for v in (35.0, 48.0, 61.0)]
    assert _labels(sts) == [("agree", 2), ("agree", 2), ("agree", 2)]
