"""Which statements take part in a story's reconciliation.

:func:`story_statements` applies the per-statement test (:func:`reconcile.story_fact`) and
one rule that needs the whole story: a day with a part of the day ("Tuesday evening",
"Friday afternoon") is read by extraction both as a date (the day) and as a time of day
(the part, with its day), with one span. The story keeps one reading of that span, the
one that says most about the happening in that story: when some article gives the clock
time of the same happening ("5:30 p.m."), the part of the day is a vaguer reading of a
known time and the span's checkable detail is its day; when no article does, the part of
the day (with its day) is the most precise time the story has, and the day it carries is
not stated a second time. The standalone command and the stored ``facts`` corpus stage
both select with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventwire.corpus.facts import rules
from eventwire.corpus.facts.reconcile import story_fact
from eventwire.corpus.facts.records import Statement

__all__ = ["story_statements"]

_CLOCK = re.compile(r"^\d\d:\d\d$")
_DAY_PART = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+\w+")


def _happening(key: str) -> str:
    parts = key.split(":")
    return parts[1] if len(parts) > 1 else "?"


def story_statements(statements: Sequence[Statement]) -> list[int]:
    """Indexes of the statements of a story that take part in its reconciliation (in order)."""
    clocks: dict[str, set[str]] = {}
    for s in statements:
        if s.kind == "time" and _CLOCK.match(str(s.value)) and not s.unresolved:
            clocks.setdefault(str(s.value), set()).add(s.doc_id)
    # a clock time the parse ties to no known kind of happening ("crews were called at
    # 06:00") is still a detail of the story when another article states the same time
    keep = [i for i, s in enumerate(statements) if story_fact(s) or (
        rules.on("shared_clock") and s.kind == "time" and len(clocks.get(str(s.value), ())) >= 2)]
    if not rules.on("day_part"):
        return keep
    clocked = {_happening(statements[i].key) for i in keep if statements[i].kind == "time" and _CLOCK.match(str(statements[i].value))}
    # the pairs are read before the per-statement test: a part of the day that the test
    # leaves out (the time of a background happening) takes its day with it
    spans: dict[tuple[str, int, int], dict[str, int]] = {}
    for i, s in enumerate(statements):
        if s.kind in ("date", "time"):
            spans.setdefault((s.doc_id, s.start, s.end), {})[s.kind] = i
    drop: set[int] = set()
    for both in spans.values():
        if len(both) < 2:
            continue
        t = statements[both["time"]]
        if not isinstance(t.value, str) or not _DAY_PART.search(t.value):
            continue  # "early Thursday": the date and "early morning" are two details
        drop.add(both["time"] if _happening(t.key) in clocked else both["date"])
    return [i for i in keep if i not in drop]
