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


def timex_range(tx: Any) -> tuple[str | None, str | None, str | None]:
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


def event_dates(timexes: Sequence[Any], g: TokenGraph, ev: CodedEvent, lo: int, hi: int) -> DateInfo:
    """Local fallback: own timex (attached to the trigger or its control verb), else governing."""
    tokens = g.toks
    txs = [t for t in timexes if t.type in ("DATE", "TIME")]
    if not txs:
        return DateInfo()
    trig = ev.trigger
    heads = {trig}
    if ev.control is not None:
        heads.add(ev.control)
    own: list[tuple[int, Any]] = []
    gov: list[tuple[int, Any]] = []
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
        return DateInfo(b, e, p, "own-timex", getattr(tx, "id", None))
    if gov:
        gov.sort(key=lambda x: x[0])
        tx = gov[0][1]
        b, e, p = timex_range(tx)
        return DateInfo(b, e, p, "governing-timex", getattr(tx, "id", None))
    return DateInfo()


def partner_date(g: TokenGraph, k: int, lo: int, hi: int, dct: str | None = None) -> DateInfo | None:
    """The year/date right after a partner in "X did the same with A in 2012, B in 2016"."""
    from eventwire.analyze.timex import tag

    toks = g.toks
    # the words from this partner up to the next partner / punctuation group
    j = k + 1
    while j < hi and toks[j].text not in (",", ";") and not (toks[j].pos == "PROPN" and toks[j].dep in ("conj", "appos")):
        j += 1
    if j <= k + 1:
        return None
    start, end = toks[k + 1].start, toks[j - 1].end
    text = " ".join(t.text for t in toks[k + 1 : j])
    if not any(ch.isdigit() for ch in text) and "year" not in text:
        return None
    spans = tag(text, dct)
    for sp in spans:
        if sp.type == "DATE" and sp.value[:4].isdigit():
            b, e = sp.begin or sp.value, sp.end_value or sp.value
            prec = sp.precision or ("year" if len(sp.value) == 4 else None)
            return DateInfo(b, e, prec, "own-timex", None)
    del start, end
    return None


def refine_planned_dates(drafts: list[dict[str, Any]]) -> None:
    """A planned event dated coarsely ("next week") takes the day-precise dates of a planned
    event of the same source in the same article whose dates fall inside its period."""
    fine = [d for d in drafts if d["ev"].status == "planned" and (d["date"].precision or "").startswith("day")
            and d["date"].begin]
    for d in drafts:
        di = d["date"]
        ev = d["ev"]
        if ev.status != "planned" or ((di.precision or "").startswith("day") and di.begin):
            continue
        for f in fine:
            fi = f["date"]
            if f["ev"].source_country != ev.source_country or f["ev"].plover_type != ev.plover_type and not (
                {f["ev"].plover_type, ev.plover_type} <= {"CONSULT", "AGREE"}):
                continue
            inside = di.begin is None or (di.begin[:10] <= fi.begin[:10] and (fi.end or fi.begin)[:10] <= (di.end or di.begin)[:10] + "~")
            if inside:
                d["date"] = DateInfo(fi.begin, fi.end, fi.precision, "inherited" if di.begin is None else di.source, fi.timex_id)
                break
