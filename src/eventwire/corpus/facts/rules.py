"""Switches for the statement-selection rules of facts round 8, one name per rule, so that each
can be measured on its own (``eval/facts_rules.py``: leave-one-story-out on the tune stories,
and judged on the extra stories, read by none of them until session 9's second round).

``ON`` is the shipped rule set, in force by default. Another set is in force only inside
``with rules.using(names):`` (the evaluations' ``--rules``, the tests): a context variable, so
it never leaks out of the block, into another thread's run, or into a Dask worker's tasks.
Session 9's first round kept only ``person_place`` of the round-8 rules on: on the five extra
stories (eval/facts_extra.jsonl, then read by no rule), leaving any other rule out of the full
set changed nothing (seven rules) or raised the objective (``day_part``). Its second round added
``named_people`` and ``street_town`` (on) and its third round ``unit_keys``, ``shared_unit`` and
``age_people`` (on); the other eight round-8 rules stay here, off, to be decided at the next
annotated round (or deleted). The second round kept the first round's criterion although the
extra stories had become tune data by then (README, Facts, session 9).
The names:

``state_setting``  a place name the gazetteer knows as a country, state or region and as no
                   city of 100,000 people or more is the setting, not a checkable place
``person_place``   "a Mafia boss in Palermo": where someone is from, not where it happened
``said_date``      a date on a reporting verb ("officials said Saturday") dates no happening
``decade``         "in the 1940's" is a decade, no date
``source_office``  the office of a sentence's source ("said Police Chief X") is no statement
``when_clause``    a clause on a date or time names its happening ("at 5:30 p.m., when the bomb
                   went off")
``area``           "a Woodburn-area bank", "in the Woodburn area": in the town
``read_twice``     one value of one fact read twice over overlapping spans is one statement
``day_part``       a day with a part of the day ("Tuesday evening") is one statement in a story

Session 9, second round (recall on the ten tune stories; ``people``):

``named_people``   every full-name mention of a person the article names as killed, arrested
                   or charged, or gives the age of, is a statement of that name
``street_town``    a street a happening took place at is an address with its house number and
                   the article's one town ("24 Independent Street, New Bedford"; ``streets``)

Session 9, third round (conflicts on the ten tune stories):

``unit_keys``      a key whose figures clash across two units ("9 months", "2 years") gives each
                   unit its own key, so a clash within one unit (2 against 2 1/2 years) is
                   found (``units``)
``shared_unit``    "68 and 48-years-old": a whole number "and" joins to an age or a duration
                   shares its unit (``units``)
``age_people``     two ages no article states together, each stated with the same other ages
                   of a key that holds several people's, are one person's (``ages``)

Session 15 (recall on the ten tune stories):

``shared_clock``   a clock time the parse ties to no known kind of happening ("crews were
                   called at 06:00") takes part in its story when another article states the
                   same clock time (``selection``)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["ALL", "ON", "on", "parse", "using"]

ALL = frozenset({"state_setting", "person_place", "said_date", "decade", "source_office", "when_clause", "area",
                 "read_twice", "day_part", "named_people", "street_town", "unit_keys",
                 "shared_unit", "age_people", "shared_clock"})
ON: frozenset[str] = frozenset({"person_place", "named_people", "street_town", "unit_keys", "shared_unit",
                                "age_people",  # kept in session 9: eval/facts_rules.py
                                "shared_clock"})  # session 15: tune statements +8 matched, 0 spurious


def parse(spec: str) -> frozenset[str]:
    """``none``, ``all`` or a comma-separated list of rule names, as a set of ``ALL``."""
    if spec in ("none", ""):
        return frozenset()
    if spec == "all":
        return ALL
    names = frozenset(x.strip() for x in spec.split(","))
    if not names <= ALL:
        raise ValueError(f"unknown rules: {sorted(names - ALL)}")
    return names


_IN_FORCE: ContextVar[frozenset[str] | None] = ContextVar("eventwire_facts_rules", default=None)


@contextmanager
def using(names: frozenset[str]) -> Iterator[None]:
    """Put the rule set ``names`` (a subset of ``ALL``) in force for the ``with`` block."""
    if not names <= ALL:
        raise ValueError(f"unknown rules: {sorted(names - ALL)}")
    token = _IN_FORCE.set(frozenset(names))
    try:
        yield
    finally:
        _IN_FORCE.reset(token)


def on(name: str) -> bool:
    """Whether the rule ``name`` (one of ``ALL``) is in force."""
    assert name in ALL, name
    in_force = _IN_FORCE.get()
    return name in (ON if in_force is None else in_force)
