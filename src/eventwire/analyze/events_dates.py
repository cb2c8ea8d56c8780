"""Dating events from the timexes of their sentence (own, governing, inherited, none).

An event's own date is a temporal expression attached to its trigger clause; a governing
date is one attached to a clause that governs it; otherwise an event may inherit the date of
the previous event of its sentence with lower confidence. The article date is never used
silently: an event with no expression gets ``date_source="none"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.analyze.events_core import TokenGraph

__all__ = ["DateInfo", "partner_date", "refine_planned_dates", "timex_range"]


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


def partner_date(g: TokenGraph, k: int, lo: int, hi: int, dct: str | None = None) -> DateInfo | None:
    """The date written right after a partner in a list ("with A in 2012, B in 2016"), if any."""
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
    spans = [sp for sp in tag(text, dct) if sp.type == "DATE"]
    for sp in spans:
        if sp.value[:4].isdigit():
            b, e = sp.begin or sp.value, sp.end_value or sp.value
            prec = sp.precision or ("year" if len(sp.value) == 4 else None)
            return DateInfo(b, e, prec, "own-timex", None)
    del start, end
    # a date of its own that nothing resolves ("this year" in an undated article): no date,
    # and none borrowed from the partner before it
    return DateInfo(source="unresolved") if spans else None


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
