"""Undated articles take their story's time.

An article without a publication date cannot resolve its own relative expressions
("yesterday", "this year", "year to November 20"): extraction keeps such statements with the
span of the expression (``Statement.relative``) and no resolved value, period or year. Once
the article's story is known, :func:`story_date` gives the story a reference date from its
dated articles, and :func:`resolve_relative` re-reads the expression against it: a date
statement gets the ISO date, a figure its period, a relation its year. Each resolution is
marked with its provenance (``Statement.inferred``: the expression, the story date and how
that date was obtained), so a reader can tell a stated date from an inferred one.

Used by the ``eventwire facts`` command (one story of the input) and the ``facts`` corpus
stage (stored in ``fact_resolutions``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from eventwire.analyze import timex as timex_mod
from eventwire.analyze.timex import value_bounds
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.when_where import date_value

__all__ = ["StoryDate", "story_date", "resolve_relative", "STORY_DATE_SPAN_DAYS"]

# the dated articles of a story must lie within this many days of each other for the
# story to have one date (a long-running story has none to lend)
STORY_DATE_SPAN_DAYS = 7
_ISO = re.compile(r"^\d{4}-\d\d-\d\d")


@dataclasses.dataclass(frozen=True)
class StoryDate:
    """A story's reference date and how it was obtained."""

    date: str
    n_dated: int
    article_ids: tuple[str, ...]

    @property
    def provenance(self) -> str:
        return (f"story date {self.date} (median publication date of its {self.n_dated} dated "
                f"article(s): {', '.join(a[:16] for a in self.article_ids)})")


def story_date(dated: Iterable[tuple[str, str | None]]) -> StoryDate | None:
    """The reference date of a story from (article id, publication date) pairs: the (lower)
    median of its dated articles' dates, when those lie within ``STORY_DATE_SPAN_DAYS`` of
    each other; None when no article is dated or they are too far apart."""
    pairs = sorted((d[:10], a) for a, d in dated if d and _ISO.match(d))
    if not pairs:
        return None
    try:
        lo, hi = dt.date.fromisoformat(pairs[0][0]), dt.date.fromisoformat(pairs[-1][0])
    except ValueError:
        return None
    if (hi - lo).days > STORY_DATE_SPAN_DAYS:
        return None
    med = pairs[(len(pairs) - 1) // 2][0]
    return StoryDate(med, len(pairs), tuple(a for _, a in pairs))


def _covering(spans: Sequence[Any], rel: tuple[int, int]) -> Any:
    for tx in spans:
        if tx.start < rel[1] and rel[0] < tx.end and tx.type in ("DATE", "TIME"):
            return tx
    return None


def resolve_relative(statements: Sequence[Statement], text: str, anchor: StoryDate) -> list[Statement]:
    """The statements of one undated article, with those that depend on a relative
    expression resolved against the story's date (``inferred`` says so); statements that
    need nothing, or that the story's date cannot resolve either, are returned unchanged."""
    spans: list[Any] | None = None
    out = []
    for s in statements:
        if s.relative is None or s.inferred is not None:
            out.append(s)
            continue
        if spans is None:
            spans = list(timex_mod.tag(text, anchor.date))
        tx = _covering(spans, s.relative)
        new = _resolved(s, tx, anchor, text[s.relative[0] : s.relative[1]])
        out.append(new if new is not None else s)
    return out


def _resolved(s: Statement, tx: Any, anchor: StoryDate, expr: str) -> Statement | None:
    note = f"{expr!r} resolved against the {anchor.provenance}"
    if tx is None or tx.value in ("PAST_REF", "PRESENT_REF"):
        if s.kind == "relation":  # "recently", "now": the story's year
            return dataclasses.replace(s, as_of=anchor.date[:4], inferred=note)
        return None
    bounds: tuple[str, str] | None = (tx.begin, tx.end_value) if tx.begin and tx.end_value else None
    if bounds is None:
        vb = value_bounds(tx.value)
        bounds = (vb[0], vb[1]) if vb is not None else None
    if bounds is None:
        return None
    if s.kind == "date":
        dv = date_value(tx.value, "")
        if dv is None or not _ISO.match(dv):
            return None
        return dataclasses.replace(s, value=dv, inferred=note)
    if s.kind == "relation":
        year = tx.value if re.fullmatch(r"\d{4}", tx.value) else bounds[0][:4]
        return dataclasses.replace(s, as_of=year, inferred=note)
    return dataclasses.replace(s, period=bounds, as_of=tx.value, inferred=note)

