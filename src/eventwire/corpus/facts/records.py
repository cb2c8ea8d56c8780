"""Fact records: a statement (one span of one article stating one value of one fact), a
typed relation (subject, predicate, object, time) and a group of statements of the same fact
across the articles of a story, with its agreement label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Statement", "Group", "LABELS", "Value", "indexes_by_key"]

LABELS = ("agree", "complement", "conflict", "update", "single-source")

Value = float | tuple[float, float] | str


@dataclass(frozen=True)
class Statement:
    """One fact statement with its evidence span (``text == article text[start:end]``).

    ``key`` names the fact (statements of one fact in a story share it), ``kind`` its type
    (money, count, age, duration, distance, percent, magnitude, date, time, place,
    relation), ``value`` the normalized value (a float in ``unit``, a (low, high) range, or a
    canonical string: ISO date, weekday, "17:30", a place, "a; b" sets), ``qualifier``
    ("at least", "about", ...), ``as_of``/``period`` the time the figure refers to,
    ``subject``/``obj`` the entities involved, ``attribution`` the source the article cites,
    ``hedge`` the hedging word ("reportedly", "expected") when the statement is not asserted.
    ``relative`` is the (start, end) of a relative date expression ("yesterday", "this
    year") that the value, period or year depends on, in an article without a date of its
    own; ``inferred`` says how it was resolved from the story's date (None while unresolved,
    and for statements that need no such resolution). ``trend`` is the direction a cue
    right before a figure gives it as the latest value of a developing figure ("rose to"
    -> rise, "fell to" -> fall, "revised to" -> revision; ``context.trend_cue``).
    ``wording`` is the words the article writes around the span (``context.wording``): two
    articles that word a statement the same way state the same fact. It is read from the
    article's text, not stored, and not part of the output record.
    """

    doc_id: str
    start: int
    end: int
    text: str
    key: str
    kind: str
    value: Value
    unit: str | None = None
    qualifier: str | None = None
    as_of: str | None = None
    period: tuple[str, str] | None = None
    subject: str | None = None
    obj: str | None = None
    attribution: str | None = None
    hedge: str | None = None
    alt_values: tuple[Value, ...] = ()
    segment: str = "body"
    doc_date: str | None = None
    relative: tuple[int, int] | None = None
    inferred: str | None = None
    trend: str | None = None
    wording: str | None = None

    @property
    def unresolved(self) -> bool:
        """A date stated only relatively ("yesterday") in an article without a date, that no
        story date resolved: it states no checkable value. (A figure or relation whose
        period or year alone is relative keeps its value and stays a fact.)"""
        return self.relative is not None and self.inferred is None and self.kind == "date"

    def to_json(self) -> dict[str, Any]:
        r: dict[str, Any] = {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "key": self.key,
            "value": list(self.value) if isinstance(self.value, tuple) else self.value,
            "kind": self.kind,
        }
        for name in ("unit", "qualifier", "as_of", "subject", "obj", "attribution", "hedge", "inferred", "trend"):
            v = getattr(self, name)
            if v:
                r[name] = v
        if self.period:
            r["period"] = list(self.period)
        if self.alt_values:
            r["alt_values"] = [list(v) if isinstance(v, tuple) else v for v in self.alt_values]
        return r


@dataclass(frozen=True)
class Group:
    """Statements of one fact in one story (indexes into the story's statement list)."""

    key: str
    label: str
    members: tuple[int, ...]
    reason: str = ""
    docs: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "members": list(self.members), "reason": self.reason}


def indexes_by_key(keys: list[str], skip: frozenset[int] = frozenset()) -> dict[str, list[int]]:
    """The positions of each key in ``keys`` (one key per statement), in order of first
    appearance; positions in ``skip`` are left out."""
    by_key: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if i not in skip:
            by_key.setdefault(k, []).append(i)
    return by_key
