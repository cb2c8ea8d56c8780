"""Compatibility of two stated values of one fact, for the forms that need more than
equality: partial dates (a year, a month and day without year, a weekday, a full date), clock
times (a written "8:30" without a.m./p.m. is 08:30 or 20:30; a time in GMT against the local
time; a part of the day), and figures converted from different written units ("30-foot"
against "10-metre": each allows the rounding of the figure as written), and spellings of one
name ("Centre"/"Center").

Each function answers "same", "compatible" or "conflict" (see
:func:`eventwire.corpus.facts.reconcile.compare`).
"""

from __future__ import annotations

import datetime as dt
import re

from eventwire.corpus.facts.records import Statement

__all__ = ["compare_dates", "compare_times", "rounding_overlap", "spelling_variant", "fold"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# hours of the parts of a day; the first listed part a value names is its part ("early
# morning" before "morning")
PARTS = {"early morning": (0, 9), "morning": (5, 12), "afternoon": (12, 18), "evening": (17, 22), "night": (20, 29)}
# a clock time's own marks: a.m./p.m., noon/midnight, and the time zone written right after it
_MERIDIEM = re.compile(r"^\s*(?:[ap]\.?\s?m\b\.?|noon|midnight)", re.I)
_ZONE = re.compile(r"^\s*(?:[ap]\.?\s?m\b\.?\s*)?(?:\(?\s*)?(GMT|UTC|Z|[ECMP][SD]?T|BST|CET|CEST|IST|JST|local)\b", re.I)
_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d\d)\b")


def fold(v: str) -> str:
    return re.sub(r"\s+", " ", v.strip(" .,;:'\"").lower())


# --- dates ----------------------------------------------------------------------------------

def _date_fields(v: str) -> dict[str, int | str] | None:
    """The fields a date value states: year, month, day, weekday (a full date gives its
    weekday); None for a form not known here."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v)
    if m:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return {"year": d.year, "month": d.month, "day": d.day, "weekday": WEEKDAYS[d.weekday()]}
    m = re.fullmatch(r"--(\d\d)-(\d\d)", v)
    if m:
        return {"month": int(m.group(1)), "day": int(m.group(2))}
    m = re.fullmatch(r"(\d{4})-(\d\d)", v)
    if m:
        return {"year": int(m.group(1)), "month": int(m.group(2))}
    m = re.fullmatch(r"--(\d\d)", v)
    if m:
        return {"month": int(m.group(1))}
    if re.fullmatch(r"\d{4}", v):
        return {"year": int(v)}
    if v in WEEKDAYS:
        return {"weekday": v}
    return None


_FUZZY_MARK = re.compile(r"\s*\((early|mid|late)\)$")


def compare_dates(a: str, b: str) -> str:
    """Two dates agree on every field both state ("2013" and "--09-13" state no common
    field: compatible; "Friday" and 2013-09-13, a Friday: compatible); the same fields with
    the same values are the same date ("December 12" in an undated article and 2023-12-12)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return "same"
    # "2008 (late)": a part of 2008; against a date without that mark, the mark is a detail
    pa, pb = _FUZZY_MARK.search(fa), _FUZZY_MARK.search(fb)
    if pa or pb:
        if pa and pb and pa.group(1) != pb.group(1):
            return "conflict" if _FUZZY_MARK.sub("", fa) == _FUZZY_MARK.sub("", fb) else compare_dates(
                _FUZZY_MARK.sub("", fa), _FUZZY_MARK.sub("", fb))
        plain = compare_dates(_FUZZY_MARK.sub("", fa), _FUZZY_MARK.sub("", fb))
        return "compatible" if plain == "same" else plain
    # a year-less date or span from an undated article ("December 12-13") and the same days
    # with their year: the texts state the same thing
    if re.sub(r"\d{4}-", "--", fa) == fb or re.sub(r"\d{4}-", "--", fb) == fa:
        return "same"
    if "/" in fa or "/" in fb:  # intervals: compatible when one lies in the other
        ra, rb = fa.split("/"), fb.split("/")
        if ra[0] <= rb[0] <= ra[-1] or rb[0] <= ra[0] <= rb[-1]:
            return "compatible"
        return "conflict"
    da, db = _date_fields(fa), _date_fields(fb)
    if da is None or db is None:
        return "conflict"
    shared = set(da) & set(db)
    if any(da[k] != db[k] for k in shared):
        return "conflict"
    # a year-less date from an undated article and the same day with its year state the same
    # day; anything else that agrees where both speak is the same fact at two precisions
    if {"month", "day"} <= shared and ("year" not in da or "year" not in db):
        return "same"
    return "compatible"


# --- clock times ----------------------------------------------------------------------------

def _hour(v: str) -> float | None:
    m = re.fullmatch(r"(\d\d):(\d\d)", v)
    return int(m.group(1)) + int(m.group(2)) / 60 if m else None


def _clock_hours(s: Statement, hour: float) -> list[float]:
    """The hours a written clock time may mean: "8:30" without a.m./p.m. is 08:30 or 20:30
    (the tagger picks one); "17:06", "8:30 p.m." or "08:30" is one."""
    written = _CLOCK.search(s.text)
    if (written is None or _MERIDIEM.search(s.text[written.end() :]) or written.group(1).startswith("0")
            or not 1 <= int(written.group(1)) <= 12):
        return [hour]
    h = float(int(written.group(1)) % 12) + hour % 1
    return [h, h + 12]


def _zone(s: Statement) -> str | None:
    """The time zone written right after the statement's clock time ("13:36 GMT"); None for
    local time, said ("17:06 local time") or not."""
    written = _CLOCK.search(s.text)
    m = _ZONE.match(s.text[written.end() :]) if written else None
    zone = m.group(1).upper() if m else None
    return None if zone == "LOCAL" else zone


def _part(v: str) -> str | None:
    return next((p for p in PARTS if p in v), None)


def compare_times(a: Statement, b: Statement) -> str:
    fa, fb = fold(str(a.value)), fold(str(b.value))
    if fa == fb:
        return "same"
    da = next((d for d in WEEKDAYS if d in fa), None)
    db = next((d for d in WEEKDAYS if d in fb), None)
    if da and db and da != db:  # "Tuesday evening" / "Wednesday evening"
        return "conflict"
    fa, fb = (re.sub(r"\b(?:" + "|".join(WEEKDAYS) + r")\b\s*", "", x).strip() for x in (fa, fb))
    if fa == fb:
        return "same" if da == db else "compatible"
    ha, hb = _hour(fa), _hour(fb)
    if ha is not None and hb is not None:
        if _zone(a) != _zone(b):
            # "13:36 GMT" against "17:06" local: the same instant when they differ by a
            # time zone's offset (a whole number of quarter hours)
            diff = abs(ha - hb) % 24
            return "compatible" if abs(diff * 4 - round(diff * 4)) < 0.02 else "conflict"
        ca, cb = _clock_hours(a, ha), _clock_hours(b, hb)
        if any(abs(x - y) < 0.01 for x in ca for y in cb):
            return "same" if abs(ha - hb) < 0.01 else "compatible"
        return "conflict"
    if ha is None and hb is None:
        pa, pb = _part(fa), _part(fb)
        if pa == pb or pa and pb and (pa in pb or pb in pa):
            return "compatible"
        return "conflict"
    clock_s, clock, part = (a, ha, fb) if ha is not None else (b, hb, fa)
    p = _part(part)
    if p is None or clock is None:
        return "compatible"
    if _zone(clock_s):
        return "compatible"  # a time in another zone says nothing of the local part of the day
    lo, hi = PARTS[p]
    hours = _clock_hours(clock_s, clock)
    return "compatible" if any(lo <= h <= hi or lo <= h + 24 <= hi for h in hours) else "conflict"


# --- figures written in different units -----------------------------------------------------

def _written(s: Statement) -> tuple[float, float] | None:
    """The figure as written in the statement's text and the half step of its rounding, at
    most a tenth of the figure ("30" -> (30, 3), "500" -> (500, 50), "205" -> (205, 0.5),
    "9.5" -> (9.5, 0.05)); None when it is not written in digits."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", s.text)
    if m is None:
        return None
    digits = m.group(0).replace(",", "")
    x = float(digits)
    if x == 0:
        return None
    if "." in digits:
        return x, 0.5 * 10 ** -len(digits.split(".")[1])
    zeros = len(digits) - len(digits.rstrip("0"))
    return x, min(0.5 * 10 ** zeros, 0.1 * x)


def rounding_overlap(a: Statement, b: Statement, va: float, vb: float) -> bool:
    """Whether two figures written in different units ("30-foot", "10-metre") may be one
    value: each stands for the values its written figure rounds from, converted."""
    wa, wb = _written(a), _written(b)
    if wa is None or wb is None or va <= 0 or vb <= 0:
        return False
    fa, fb = va / wa[0], vb / wb[0]  # the conversion factor from the written unit
    if abs(fa - fb) <= 0.01 * max(fa, fb):
        return False  # the same written unit: no conversion to allow for
    lo_a, hi_a = (wa[0] - wa[1]) * fa, (wa[0] + wa[1]) * fa
    lo_b, hi_b = (wb[0] - wb[1]) * fb, (wb[0] + wb[1]) * fb
    return lo_a <= hi_b and lo_b <= hi_a


# --- spellings ------------------------------------------------------------------------------

def _edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def spelling_variant(a: str, b: str) -> bool:
    """Whether two folded names differ only as spellings of one name ("Centre"/"Center",
    "Dargehan"/"Dargahan"): the same figures, at most one edit per eight letters (at least
    one), in names of six letters or more."""
    if a == b or min(len(a), len(b)) < 6 or re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    if abs(len(a) - len(b)) > max(1, min(len(a), len(b)) // 8):
        return False
    return _edits(a, b) <= max(1, min(len(a), len(b)) // 8)
