"""TIMEX3 tagging and normalisation for news English (rule based, offline).

The tagger finds temporal expressions with a set of regular expressions (one per pattern
family, tried at every candidate position; the longest accepted match wins) and
normalises each to a TIMEX3 ``type`` and ``value`` against a reference time:

* the document creation time (DCT, the publication date) for deictic expressions
  ("yesterday", "next week", "last year", weekday names, months without a year),
* the last mentioned date for anaphoric ones ("a year earlier", "the following day",
  "that year", "the quarter"),
* the tense of the clause decides the direction of underspecified ones ("said Thursday" is
  the past Thursday, "will visit on Tuesday" the next one).

How it works: candidate start positions are words that are temporal in themselves
(months, weekdays, units, digits, "now", ...) or modifiers followed by one; at each, every
pattern family whose key words occur nearby is tried, the longest accepted match wins and
its handler normalises it. Families: ISO and numeric dates (day-first when another date of
the text proves it, or ``dayfirst=True``), clock times with zones and days, day ranges
("12th - 13th December", "December 12-13"), full and partial dates, "the week of ...",
year ranges ("2012-13"), quarters/halves/fiscal years, financial periods ("the year-ago
quarter"), "year to November 20", decades, centuries, seasons, months, years, relative
units ("last week", "early next year", "the end of last year"), anaphoric ones ("the
following year", "that day", "a year earlier"), "N units ago", today/yesterday/tomorrow,
parts of days, weekdays, weekends, holidays, sets, durations and PRESENT/PAST/FUTURE_REF.

Conventions follow TimeML/TimeBank: extents include "the" and modifiers but not
prepositions or possessives; START/MID/END narrow ``begin``/``end_value`` to the first,
middle or last third of the period; a month or month-day without a year takes the
occurrence nearest the reference time unless the clause's tense clearly points the other
way; a bare clock time belongs to the day mentioned just before it.

Public API: :func:`tag`, :func:`timex_command` (the ``eventwire timex`` command),
:func:`event_date`, :func:`value_bounds`,
:func:`new_context` + :func:`tag_range` (sentence-by-sentence tagging of one document).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.analyze.timex._base import (
    VERSION,
    Result,
    TimexSpan,
    _add_months,
    _Ctx,
    _iso,
    _month_end,
    _parse_dct,
    value_bounds,
)
from eventwire.analyze.timex._patterns import (
    _COMPILED,
    _candidates,
)

__all__ = [
    "TimexSpan",
    "EventDate",
    "tag",
    "timex_command",
    "event_date",
    "value_bounds",
    "new_context",
    "tag_range",
    "VERSION",
]



_LEAD_TRIM = re.compile(
    r"(the\s+company['’]s|its|their|his|her|the|that|this|right)\s+(?=\S)", re.I
)


_ADJ_UNIT = re.compile(r"-(?:quarter|year|month|week|day|hour|minute|decade|century)s?$", re.I)
_NARROWABLE = ("year", "month", "quarter", "half", "season", "decade", "century")


def _narrow(b: str, e: str, mod: str, prec: str) -> tuple[str, str]:
    """The first, middle or last third of a period ("early 2020": January to April,
    "mid-November": the 11th to the 20th, "the late 1970s": 1977 to 1979)."""
    d0, d1 = _dt.date.fromisoformat(b), _dt.date.fromisoformat(e)
    k = {"START": 0, "MID": 1, "END": 2}[mod]
    if prec == "month":
        lo = d0.replace(day=1 + 10 * k)
        hi = d1 if k == 2 else d0.replace(day=10 + 10 * k)
        return _iso(lo), _iso(hi)
    if prec in ("decade", "century"):
        span = d1.year - d0.year + 1
        cuts = [d0.year, d0.year + round(span * 0.4), d0.year + round(span * 0.7), d1.year + 1]
        return f"{cuts[k]:04d}-01-01", f"{cuts[k + 1] - 1:04d}-12-31"
    # year, half, quarter, season: whole months
    months = (d1.year - d0.year) * 12 + d1.month - d0.month + 1
    per = max(1, months // 3)
    first = k * per
    last = months - 1 if k == 2 else (k + 1) * per - 1
    y0, m0 = _add_months(d0.year, d0.month, first)
    y1, m1 = _add_months(d0.year, d0.month, last)
    return f"{y0:04d}-{m0:02d}-01", _iso(_month_end(y1, m1))


def _update_ref(ctx: _Ctx, value: str, kind: str, pos: int = 0) -> None:
    if kind not in ("DATE", "TIME"):
        return
    v = value.split("T")[0] if "T" in value else value
    b = value_bounds(v)
    if b is None:
        return
    ctx.ref = v
    ctx.ref_prec = b[2]
    ctx.ref_pos = pos


def _tag(text: str, ctx: _Ctx, lo: int = 0, hi: int | None = None) -> list[TimexSpan]:
    """Tag text[lo:hi] (offsets stay relative to ``text``), updating ``ctx`` as it goes."""
    out: list[TimexSpan] = []
    if hi is None:
        hi = len(text)
    pos = lo
    for p, keys in _candidates(text[lo:hi]):
        p += lo
        if p < pos:
            continue
        best: tuple[int, re.Match[str], Result] | None = None
        for _name, pat, handler, need in _COMPILED:
            if need is not None and need.isdisjoint(keys):
                continue
            mm = pat.match(text, p, hi)
            if mm is None or mm.end() == p:
                continue
            if best is not None and mm.end() <= best[0]:
                continue
            res = handler(mm, ctx)
            if res is None:
                continue
            best = (mm.end(), mm, res)
        if best is None:
            continue
        end, mm, (typ, value, mod, extra) = best
        start = p
        # trim trailing punctuation / spaces
        while end > start and text[end - 1] in " ,\t\n":
            end -= 1
        if text[end - 1] == "." and end - start > 2 and not text[end - 3 : end].lower().endswith(
            ("a.m.", "p.m.", "m.")
        ):
            nxt = text[end : end + 3]
            if not nxt or re.match(r"\s*(?:$|[A-Z\n\"”’])", nxt):
                end -= 1  # "on 7 Dec." closing the sentence: the full stop is not the date's
        # TimeML extents leave out possessives, and determiners of a one-word modifier
        # ("its third-quarter loss", "the 1996 election")
        lead = _LEAD_TRIM.match(text, start, end)
        if lead is not None and lead.end() < end:
            rest = text[lead.end() : end]
            if lead.group(1).lower() not in ("the", "that", "this") or (
                " " not in rest and (_ADJ_UNIT.search(rest) is not None or rest.isdigit())
            ):
                start = lead.end()
        span_text = text[start:end]
        b = extra.get("begin")
        e = extra.get("end")
        prec = None
        if b is None and typ in ("DATE", "TIME"):
            bounds = value_bounds(value)
            if bounds is not None:
                b, e, prec = bounds
        else:
            if b is not None:
                bb = value_bounds(value)
                prec = "day" if bb is None else bb[2]
        if mod in ("START", "MID", "END") and b and e and prec in _NARROWABLE:
            b, e = _narrow(b, e, mod, prec)
        if typ == "DURATION":
            prec = "duration"
        elif typ == "SET":
            prec = "set"
        elif value.endswith("_REF"):
            prec = "ref"
        elif "T" in value and typ == "TIME":
            prec = "time"
        out.append(
            TimexSpan(start, end, span_text, typ, value, mod, b, e, prec, extra.get("anchor", "dct"))
        )
        if "_noref" not in extra:
            _update_ref(ctx, value, typ, end)
        if "_q" in extra or re.fullmatch(r"\d{4}-Q\d", value):
            if "_noref" not in extra or "_q" in extra:
                ctx.last_q, ctx.last_q_pos = value, start
        pos = max(end, p + 1)
    return out


def _detect_dayfirst(text: str) -> bool | None:
    if "/" not in text and "." not in text:
        return None
    for m in re.finditer(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})(?!\d)", text):
        if int(m.group(1)) > 12:
            return True
        if int(m.group(2)) > 12:
            return False
    return None


def new_context(text: str, dct: str | None, *, tense_hints: bool = True) -> _Ctx:
    """A tagging context over a whole document (for tagging it sentence by sentence)."""
    return _Ctx(text=text, dct=_parse_dct(dct), tense_hints=tense_hints, dayfirst=_detect_dayfirst(text))


def tag_range(ctx: _Ctx, start: int, end: int) -> list[TimexSpan]:
    """Tag ctx.text[start:end] with document offsets; the reference time carries over
    between successive calls on the same context (call them in document order)."""
    return _tag(ctx.text, ctx, start, end)


def tag(
    text: str,
    dct: str | None,
    *,
    tense_hints: bool = True,
    dayfirst: bool | None = None,
) -> list[TimexSpan]:
    """Find and normalise the temporal expressions in ``text`` against ``dct``.

    ``dct`` is the document creation time (ISO date, e.g. the publication date) or None
    (values then stay underspecified: ``XXXX-12-25``, ``XXXX-WXX-4``). ``tense_hints`` uses
    the tense of the sentence to resolve weekdays and months without a year.
    ``dayfirst`` forces the reading of numeric dates such as 7/12/2023 (None: month first
    unless the numbers rule it out, or another numeric date in the text is day first).
    Returns spans in text order, never overlapping.
    """
    if dayfirst is None:
        dayfirst = _detect_dayfirst(text)
    ctx = _Ctx(text=text, dct=_parse_dct(dct), tense_hints=tense_hints, dayfirst=dayfirst)
    return _tag(text, ctx)


def _to_record(t: TimexSpan) -> dict[str, Any]:
    r: dict[str, Any] = {
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "type": t.type,
        "value": t.value,
    }
    if t.mod:
        r["mod"] = t.mod
    return r


def timex_command(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The ``eventwire timex`` command: {doc_id, dct, text} in, {doc_id, timexes} out."""
    for rec in records:
        text = rec.get("text") or ""
        spans = tag(text, rec.get("dct"))
        yield {"doc_id": rec.get("doc_id"), "timexes": [_to_record(t) for t in spans]}


# --------------------------------------------------------------------------------------
# event dates
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventDate:
    begin: str | None
    end: str | None
    precision: str | None
    status_hint: str | None  # "planned" | "happened" | None
    source: str  # "own-timex" | "governing-timex" | "none"
    timex_index: int | None = None  # index into the spans passed in


def _span_attr(t: Any, name: str, alt: str | None = None) -> Any:
    v = getattr(t, name, None)
    if v is None and alt:
        v = getattr(t, alt, None)
    return v


def event_date(
    timexes: Sequence[Any],
    trigger_start: int,
    trigger_end: int,
    dct: str | None,
    tokens: Sequence[Any] | None = None,
) -> EventDate:
    """Pick the date of one event from the temporal expressions of its sentence.

    Arguments:
      timexes: the sentence's temporal expressions, as :class:`TimexSpan` or
        :class:`eventwire.model.Timex` (anything with ``start``, ``end``, ``type``, ``value``,
        and optionally ``begin`` and ``end_value``); offsets in the same space as the trigger.
      trigger_start, trigger_end: character offsets of the event trigger.
      dct: the article's publication date (ISO) or None.
      tokens: optional ``eventwire.model.Token`` records of the sentence (``i``, ``head``,
        ``dep``, ``start``, ``end``) with the same offsets; when given, the timex whose
        tokens attach (via their dependency heads) to the trigger, or to a verb governing
        it, is preferred over mere proximity.

    Returns an :class:`EventDate`: ``begin``/``end`` ISO dates of the period, the
    ``precision`` (day/week/month/quarter/year/...), ``status_hint`` "planned" when the
    period lies after the DCT, "happened" when it ends on or before it, None when unknown,
    and ``source``: "own-timex" (attached to the trigger), "governing-timex" (attached to a
    governing verb or, without a parse, the nearest in the sentence) or "none" (nothing
    usable: the caller should inherit, with lower confidence, never silently the DCT).
    Durations and sets are skipped; PRESENT_REF/PAST_REF/FUTURE_REF give only a status.
    """
    cands: list[tuple[float, int, str]] = []  # score (lower better), index, source
    tok_by_i: dict[int, Any] = {}
    trig_tok = None
    if tokens:
        tok_by_i = {t.i: t for t in tokens}
        for t in tokens:
            if t.start <= trigger_start < t.end or (trigger_start <= t.start < trigger_end):
                trig_tok = t
                break
    # chain of governors of the trigger
    gov_chain: list[int] = []
    if trig_tok is not None:
        cur = trig_tok
        seen = set()
        while cur.head != cur.i and cur.i not in seen and len(gov_chain) < 8:
            seen.add(cur.i)
            cur = tok_by_i.get(cur.head, cur)
            gov_chain.append(cur.i)
    for idx, t in enumerate(timexes):
        ttype = _span_attr(t, "type")
        if ttype not in ("DATE", "TIME"):
            continue
        val = _span_attr(t, "value")
        if not val:
            continue
        dist = min(abs(t.start - trigger_end), abs(trigger_start - t.end))
        score = dist / 1000.0
        source = "governing-timex"
        if trig_tok is not None:
            ttoks = [x for x in tokens or () if x.start >= t.start and x.end <= t.end]
            heads_out = {x.head for x in ttoks if not (t.start <= tok_by_i.get(x.head, x).start < t.end)}
            # walk up from the timex head until a verb / the trigger
            attached = None
            for h in heads_out:
                cur = tok_by_i.get(h)
                steps = 0
                while cur is not None and steps < 4:
                    if cur.i == trig_tok.i:
                        attached = "own"
                        break
                    if cur.i in gov_chain:
                        attached = attached or "gov"
                        break
                    if cur.head == cur.i:
                        break
                    cur = tok_by_i.get(cur.head)
                    steps += 1
            if attached == "own":
                score -= 10
                source = "own-timex"
            elif attached == "gov":
                score -= 5
        else:
            # without a parse, an expression right after the trigger's clause is its own
            if 0 <= t.start - trigger_end <= 60 or 0 <= trigger_start - t.end <= 25:
                source = "own-timex"
                score -= 1
        if val.endswith("_REF"):
            score += 3
        cands.append((score, idx, source))
    if not cands:
        return EventDate(None, None, None, None, "none")
    cands.sort()
    _, idx, source = cands[0]
    t = timexes[idx]
    val = _span_attr(t, "value")
    b = _span_attr(t, "begin")
    e = _span_attr(t, "end_value")
    if e is None and isinstance(t, TimexSpan):
        e = t.end_value
    prec = getattr(t, "precision", None)
    bounds = value_bounds(val.split("T")[0]) if val else None
    if bounds is not None:
        b = b or bounds[0]
        e = e or bounds[1]
        prec = prec or bounds[2]
    if b is not None and e is not None and b != e and prec == "day":
        prec = "days"
    status = None
    d = _parse_dct(dct)
    if val == "FUTURE_REF":
        status = "planned"
    elif val in ("PAST_REF", "PRESENT_REF"):
        status = "happened"
    elif d is not None and b is not None and e is not None:
        if _dt.date.fromisoformat(b) > d:
            status = "planned"
        elif _dt.date.fromisoformat(e) <= d:
            status = "happened"
        else:
            status = None  # the period contains the DCT: ongoing or either
    if bounds is None and not val.endswith("_REF"):
        return EventDate(None, None, None, status, source, idx)
    if val.endswith("_REF"):
        return EventDate(None, None, "ref", status, source, idx)
    return EventDate(b, e, prec, status, source, idx)
