"""Dating events from the timexes of their sentence (own, governing, inherited, none).

An event's own date is a temporal expression attached to its trigger clause; a governing
date is one attached to a clause that governs it; otherwise an event may inherit the date of
the previous event of its sentence with lower confidence. The article date is never used
silently: an event with no expression gets ``date_source="none"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventwire.model import Timex

if TYPE_CHECKING:
    from eventwire.analyze.events_core import CodedEvent, TokenGraph

__all__ = ["DateInfo", "event_dates", "timex_range"]


@dataclass(frozen=True)
class DateInfo:
    begin: str | None = None
    end: str | None = None
    precision: str | None = None
    source: str = "none"
    timex_id: str | None = None


def timex_range(tx: Timex) -> tuple[str | None, str | None, str | None]:
    """(begin, end, precision) of a DATE timex value (YYYY, YYYY-MM, YYYY-MM-DD, ranges)."""
    begin = tx.begin or tx.value
    end = tx.end_value or tx.value
    if not begin or not begin[:4].isdigit():
        return None, None, None
    b = begin[:10]
    e = (end or begin)[:10]
    if len(b) == 4:
        prec = "year"
    elif len(b) == 7:
        prec = "month" if not b[5:].startswith(("Q", "H", "W")) else "quarter"
    else:
        prec = "day"
    if b[5:6] in ("Q", "H", "W") or e[5:6] in ("Q", "H", "W"):
        b, e = b[:4], e[:4]
        prec = "year" if prec != "quarter" else "quarter"
    return b, e, prec


def _token_of(tokens: Sequence[Any], start: int, end: int, lo: int, hi: int) -> list[int]:
    return [k for k in range(lo, hi) if tokens[k].start < end and start < tokens[k].end]


def event_dates(doc: Any, g: TokenGraph, ev: CodedEvent, sent: Any, dct: str | None,
                lo: int | None = None, hi: int | None = None) -> DateInfo:
    tokens = g.toks
    if lo is None or hi is None:
        ks = [k for k in range(len(tokens)) if sent.start <= tokens[k].start < sent.end]
        if not ks:
            return DateInfo()
        lo, hi = ks[0], ks[-1] + 1
    txs = [t for t in getattr(doc, "timexes", ()) if sent.start <= t.start < sent.end and t.type in ("DATE", "TIME")]
    if not txs:
        return DateInfo()
    trig = ev.trigger
    heads = {trig}
    if ev.control is not None:
        heads.add(ev.control)
    own: list[tuple[int, Timex]] = []
    gov: list[tuple[int, Timex]] = []
    anc = set()
    cur = ev.control if ev.control is not None else trig
    for _ in range(12):
        h = g.head(cur)
        if h == cur:
            break
        anc.add(h)
        cur = h
    for tx in txs:
        b, _, _ = timex_range(tx)
        if b is None:
            continue
        ks = _token_of(tokens, tx.start, tx.end, lo, hi)
        if not ks:
            continue
        # the first event-ish ancestor (verb or the trigger itself) of the timex
        k = ks[-1]
        first_verb = None
        path = []
        for _ in range(12):
            path.append(k)
            if k in heads:
                first_verb = k
                break
            h = g.head(k)
            if h == k:
                break
            k = h
            if tokens[k].pos in ("VERB", "AUX") or k in heads:
                first_verb = k
                if k in heads:
                    break
                break
        if first_verb in heads:
            own.append((abs(ks[0] - trig), tx))
        elif first_verb in anc:
            gov.append((abs(ks[0] - trig), tx))
    if own:
        own.sort(key=lambda x: x[0])
        tx = own[0][1]
        b, e, p = timex_range(tx)
        return DateInfo(b, e, p, "own-timex", tx.id)
    if gov:
        gov.sort(key=lambda x: x[0])
        tx = gov[0][1]
        b, e, p = timex_range(tx)
        return DateInfo(b, e, p, "governing-timex", tx.id)
    return DateInfo()
