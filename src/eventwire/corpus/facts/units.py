"""One key's figures in two units: each unit's figures judged as their own fact.

A key names what is measured ("duration:sentence"), but one article's sentence may be "9
months" for one case and "2 years" for another, and another article's "2 1/2 years" for the
second. Reconciliation compares values as numbers, so 9 (months) against 2 (years) is a clash
that no unit conversion explains; it then keeps every value of the key as a different fact
(``reconcile._distinct_facts``: "they are in different units"), and a real clash within one
unit (2 against 2 1/2 years) is lost with them. This rule (``unit_keys`` in ``rules``) gives
each unit of such a key a key of its own (``duration:sentence:years``) before the groups are
formed, so the figures of one unit are compared with each other only.

Figures coordinated before one unit ("68 and 48-years-old", "who were 61 and 48 years old")
share it: the unit is written once, after the last, and the first would otherwise be a bare
count of nothing (rule ``shared_unit``, ``coordinated_units``: for ages and durations, a whole
number of no unit joined by "and" to the next figure).

A key split by unit applies to a key that holds two or more units, among figures that all carry one, when two
figures of different units clash (``compare`` says ``conflict``): figures in two units that
agree after rounding ("30-foot" and "10-metre") stay one fact. Counts are left alone (their
unit is the counted noun, which their key already names), and so is money (``compare`` keeps
different currencies apart).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from eventwire.corpus.facts import rules
from eventwire.corpus.facts.numbers import Quantity
from eventwire.corpus.facts.records import Statement, indexes_by_key

__all__ = ["coordinated_units", "unit_keys"]

_SHARED = ("age", "duration")  # kinds whose unit a coordinated figure shares
_AND = re.compile(r"\s+and\s+")


def coordinated_units(text: str, qs: list[Quantity]) -> list[Quantity]:
    """``qs`` (one text's figures, in order) with a bare whole number that "and" joins to the
    next figure, an age or a duration, given that figure's kind and unit."""
    if not rules.on("shared_unit"):
        return qs
    out = list(qs)
    for n in range(len(out) - 1):
        q, nxt = out[n], out[n + 1]
        if q.kind != "count" or q.unit or q.qualifier or isinstance(q.value, tuple) or q.value != int(q.value):
            continue
        if nxt.kind not in _SHARED or isinstance(nxt.value, tuple) or q.words != nxt.words:
            continue
        if _AND.fullmatch(text[q.end : nxt.start]):
            out[n] = replace(q, kind=nxt.kind, unit=nxt.unit)
    return out

_KEEP = ("count", "money")


def unit_keys(statements: Sequence[Statement], keys: list[str],
              compare: Callable[[Statement, Statement], str]) -> list[str]:
    """``keys`` (one per statement) with a key whose figures clash across units split by unit."""
    if not rules.on("unit_keys"):
        return keys
    out = list(keys)
    for key, idx in indexes_by_key(keys).items():
        members = [statements[i] for i in idx]
        if members[0].kind in _KEEP or any(not s.unit or isinstance(s.value, str) for s in members):
            continue
        if len({s.unit for s in members}) < 2:
            continue
        if not any(a.unit != b.unit and compare(a, b) == "conflict"
                   for n, a in enumerate(members) for b in members[n + 1:]):
            continue
        for i in idx:
            out[i] = f"{key}:{statements[i].unit}"
    return out
