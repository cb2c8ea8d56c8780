"""Publication-date inference from an article's own temporal expressions.

Used only when nothing states the date (no metadata, stamp or date line, see
:func:`eventwire.ingest.clean.publication_date`). It answers only on strong evidence and
otherwise returns None ("unknown"):

a deictic ("today", "yesterday", "this morning", "last night") in the same clause as a
full calendar date with its year ("yesterday (Dec 6, 2023)", "today, December 7, 2023").

Softer evidence is not used: scoring every candidate day by how consistent the article's
relative expressions become ("said Thursday", "next week", "this year" after "in 2022")
dated 4 of 5 real articles wrongly in development (an old full date, "the 2005 murder",
pinned the wrong year), so such articles stay undated rather than shift every relative date.
Bare numbers are never taken as years: only a full date whose month is named or written
with its day and year counts ("1680 x 1050" or "bis 2030" give nothing).
"""

from __future__ import annotations

import datetime as _dt
import re

from eventwire.analyze.timex import TimexSpan, tag
from eventwire.analyze.timex._base import _iso, _safe_date

__all__ = ["infer_publication_date"]

Date = _dt.date

_DEICTIC = re.compile(
    r"\b(today|tonight|this (?:morning|afternoon|evening)|yesterday|last night|tomorrow)\b", re.I
)
_DEICTIC_SHIFT = {"yesterday": 1, "last night": 1, "tomorrow": -1}


def _anchored(text: str, spans: list[TimexSpan]) -> tuple[str, float, str] | None:
    """A deictic tied to a full date in the same clause: "today, December 7, 2023"."""
    for s in spans:
        m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", s.value)
        if not m or not re.search(r"\b\d{4}\b", s.text):
            continue
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is None:
            continue
        lo, hi = max(0, s.start - 30), min(len(text), s.end + 30)
        for dm in _DEICTIC.finditer(text, lo, hi):
            between = text[dm.end() : s.start] if dm.end() <= s.start else text[s.end : dm.start()]
            # same clause, nothing but punctuation, a weekday or "on" between
            if re.search(r"[.;!?]", between) or len(re.findall(r"[A-Za-z]+", between)) > 2:
                continue
            pub = d + _dt.timedelta(days=_DEICTIC_SHIFT.get(dm.group(1).lower(), 0))
            return _iso(pub), 0.85, f"'{dm.group(0)}' is tied to the full date '{s.text}'"
    return None


def infer_publication_date(text: str) -> tuple[str, float, str] | None:
    """The publication date of an undated article from its own temporal expressions, only
    on strong evidence (see the module docstring): (ISO date, confidence, explanation) or
    None when the text does not support one day."""
    text = text[:20000]  # the opening of an article carries its time anchors
    spans = tag(text, None)[:80]
    return _anchored(text, spans)
