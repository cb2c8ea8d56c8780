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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

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

VERSION = "1"

Date = _dt.date


@dataclass(frozen=True)
class TimexSpan:
    """One temporal expression: offsets into the tagged text and its TIMEX3 normalisation.

    ``begin``/``end_value`` are ISO dates bounding the period the expression denotes (for a
    range such as "12th – 13th December" the first and last day; for "2023-12" the first
    and last day of the month); ``None`` when the value is not a calendar period.
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    begin: str | None = None
    end_value: str | None = None
    precision: str | None = None  # day|week|month|quarter|season|half|year|decade|century|time|ref|...
    anchor: str | None = None  # the reference time used ("dct" or an ISO value)


# --------------------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6,
    "sat": 6, "sunday": 7, "sun": 7,
}
NUMWORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2,
    "couple of": 2, "half a": 0.5, "a half": 0.5, "one and a half": 1.5,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4,
}
VAGUE = {"a few", "few", "several", "some", "many", "the", "numerous", "a number of"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
UNIT_CODE = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("E", False), "century": ("C", False), "weekend": ("WE", False),
}
# TimeBank convention: decades in years (P20Y) rather than P2E, quarters as months
_UNIT_MULT = {"decade": ("Y", 10), "century": ("Y", 100), "fortnight": ("W", 2)}

_MON = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?|"
    r"aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_WD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon\.|tue\.|tues\.|wed\.|"
    r"thu\.|thur\.|thurs\.|fri\.|sat\.|sun\.)"
)
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
_DAYWORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty-?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty-?first)"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d,.]?\d)"
_SPYEAR = (
    r"(?:(?:nineteen|eighteen)[\s-](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+and)?(?:\s+"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five))?))?)"
)
_ANYYEAR = rf"(?:{_YEAR}|{_SPYEAR}|'\d\d(?!\d))"
_NUMW = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundred|"
    r"a\s+dozen|dozen)(?:\s+(?:hundred|thousand))?"
)
_NUM = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_NUMW}(?:\s+and\s+a\s+half)?|an?(?:\s+couple\s+of)?|"
    r"a\s+few|few|several|some|many|couple\s+of|half\s+an?|numerous|a\s+number\s+of)"
)
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centurie)s?"
_TZN = (
    r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|JST|IST|AEST|AEDT|HKT|ET|PT|"
    r"[Ll]ocal\s+[Tt]ime|hours|hrs)"
)
_TZ = (
    rf"(?:(?:\s*(?:\({_TZN}\)|{_TZN}))?(?:\s*\((?:\d{{1,2}}[:.]?\d\d\s*)?(?:GMT|UTC|EST|EDT|ET|HKT)\))?)"
)
_CLOCK = (
    r"(?:(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:hours?\b|hrs\b|GMT|UTC|[A-Z]{2,3}T\b|Z\b))|"
    r"(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])|"
    r"(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)|noon|midday|midnight|(?:[01]?\d)\s+o'clock)"
)
_PRE = r"(?:early|late|mid-?|the\s+(?:beginning|start|end|middle|close)\s+of|the\s+(?:first|second|last|latter)\s+half\s+of)"
_APPROX = (
    r"(?:about|around|approximately|roughly|some|nearly|almost|more\s+than|over|at\s+least|"
    r"less\s+than|under|up\s+to|no\s+more\s+than|at\s+most|just\s+over|just\s+under|"
    r"fewer\s+than|well\s+over|close\s+to|upwards\s+of|a\s+little\s+over)"
)
_REL = r"(?:last|this|next|past|previous|coming|current|following|same|preceding|upcoming|prior)"

MOD_WORDS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "close to": "APPROX", "nearly": "EQUAL_OR_LESS", "almost": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN",
    "just over": "MORE_THAN", "upwards of": "MORE_THAN", "a little over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "less than": "LESS_THAN", "under": "LESS_THAN",
    "fewer than": "LESS_THAN", "just under": "LESS_THAN", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
}
PRE_MOD = {
    "early": "START", "late": "END", "mid": "MID", "mid-": "MID", "the beginning of": "START",
    "the start of": "START", "the end of": "END", "the middle of": "MID",
    "the close of": "END", "earlier": "START", "later": "END",
    "the first half of": "START", "the second half of": "END", "the last half of": "END",
    "the latter half of": "END",
}

_FUTURE_CUES = frozenset(
    "will 'll wo shall scheduled planned expected expects upcoming "
    "tomorrow would intends intend future to-be might".split()
)
_PAST_CUES = frozenset(
    "said says was were had did told ago last yesterday earlier announced reported "
    "added noted took came went met made gave held left began saw won lost died killed "
    "visited signed agreed stated found got ran fell rose hit shot struck sent brought thought "
    "felt kept led paid sold bought spoke wrote broke chose drove flew fought caught stood sat "
    "grew knew threw became fled spent built heard hid laid swore tore woke wore ended".split()
)
_NOT_PAST_ED = frozenset(
    "scheduled planned expected proposed intended slated supposed needed red bed "
    "speed feed need seed shed breed deed".split()
)


# --------------------------------------------------------------------------------------
# calendar helpers
# --------------------------------------------------------------------------------------


def _iso(d: Date) -> str:
    return d.isoformat()


def _week(d: Date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _month_end(y: int, m: int) -> Date:
    ny, nm = _add_months(y, m, 1)
    return Date(ny, nm, 1) - _dt.timedelta(days=1)


def _safe_date(y: int, m: int, d: int) -> Date | None:
    try:
        return Date(y, m, d)
    except ValueError:
        return None


def _parse_dct(dct: str | None) -> Date | None:
    if not dct:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", dct)
    if not m:
        m2 = re.match(r"(\d{4})(\d\d)(\d\d)", dct)
        if not m2:
            return None
        m = m2
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def value_bounds(value: str) -> tuple[str, str, str] | None:
    """First day, last day and precision of a TIMEX3 calendar value, or None.

    >>> value_bounds("2023-12")
    ('2023-12-01', '2023-12-31', 'month')
    """
    v = value
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(T.*)?", v)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is None:
            return None
        return _iso(d), _iso(d), "time" if m.group(4) else "day"
    m = re.fullmatch(r"(\d{4})-(\d\d)", v)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            return None
        return f"{y:04d}-{mo:02d}-01", _iso(_month_end(y, mo)), "month"
    m = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", v)
    if m:
        try:
            mon = Date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
        except ValueError:
            return None
        return _iso(mon), _iso(mon + _dt.timedelta(days=1 if m.group(3) else 6)), "week"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return f"{y:04d}-{3 * q - 2:02d}-01", _iso(_month_end(y, 3 * q)), "quarter"
    m = re.fullmatch(r"(\d{4})-H([12])", v)
    if m:
        y, h = int(m.group(1)), int(m.group(2))
        return f"{y:04d}-{6 * h - 5:02d}-01", _iso(_month_end(y, 6 * h)), "half"
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
    if m:
        y = int(m.group(1))
        a, b = _SEASON_MONTHS[m.group(2)]
        if m.group(2) == "WI":
            return f"{y:04d}-12-01", _iso(_month_end(y + 1, 2)), "season"
        return f"{y:04d}-{a:02d}-01", _iso(_month_end(y, b)), "season"
    m = re.fullmatch(r"(\d{4})", v)
    if m:
        return f"{v}-01-01", f"{v}-12-31", "year"
    m = re.fullmatch(r"(\d{3})", v)
    if m:
        return f"{v}0-01-01", f"{v}9-12-31", "decade"
    m = re.fullmatch(r"(\d{2})", v)
    if m:
        return f"{v}00-01-01", f"{v}99-12-31", "century"
    return None


# --------------------------------------------------------------------------------------
# context: reference time, tense
# --------------------------------------------------------------------------------------


@dataclass
class _Ctx:
    text: str
    dct: Date | None
    tense_hints: bool
    dayfirst: bool | None
    ref: str | None = None  # last mentioned calendar value (anchor for anaphora)
    ref_prec: str | None = None
    ref_pos: int = -(10**9)
    last_q: str | None = None  # last mentioned quarter (financial comparisons)
    last_q_pos: int = -(10**9)

    def quarter_ref(self, pos: int) -> str | None:
        return self.last_q if self.last_q and pos - self.last_q_pos < 1500 else None


_WORD_RE = re.compile(r"[A-Za-z']+")
_SENT_END = re.compile(r"[.!?]\s+(?=[A-Z\"“‘(])|\n\s*\n|\n(?=[A-Z\"“])")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    s = lo
    for m in _SENT_END.finditer(text, lo, start):
        s = m.end()
    m2 = _SENT_END.search(text, end, min(len(text), end + 300))
    e = m2.start() + 1 if m2 else min(len(text), end + 300)
    return s, e


def _tense(ctx: _Ctx, start: int, end: int) -> str | None:
    """'future' or 'past' from the nearest tense cue in the expression's sentence."""
    if not ctx.tense_hints:
        return None
    text = ctx.text
    s, e = _sentence_bounds(text, start, end)
    before = text[max(s, start - 12) : start].lower()
    if re.search(r"\w\s+(?:until|till)\s+(?:the\s+)?$", text[max(s, start - 20) : start].lower()):
        return "future"
    if before.endswith("as soon as "):
        return "future"
    if re.match(r"['’]s\b", text[end : end + 3]):
        return "past"  # "Wednesday's ruling": a possessive day is one that has been
    best: tuple[float, str] | None = None
    for m in _WORD_RE.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        w = m.group().lower()
        kind = None
        if w in _FUTURE_CUES:
            kind = "future"
        elif w in _PAST_CUES or (
            len(w) > 4
            and w.endswith("ed")
            and w not in _NOT_PAST_ED
            and not w.endswith("eed")
            and not (m.group()[0].isupper() and m.start() > s)
        ):
            kind = "past"
        elif w == "to" and text[m.end() : m.end() + 3] == " be":
            kind = "future"
        elif w in ("going", "set", "due", "plan", "plans", "planning", "aims", "hopes") and text[
            m.end() : m.end() + 3
        ] == " to":
            kind = "future"
        elif w in ("is", "are", "am"):
            kind = "future" if re.match(r"\s+(?:due\s+|set\s+|scheduled\s+|expected\s+)?to\s+\w", text[m.end() : m.end() + 20]) else "present"
        if kind == "past" and re.search(r"\b(?:be|being)\s+$", text[max(s, m.start() - 7) : m.start()]):
            continue  # "would be paid", "will be held": the auxiliary decides
        if kind is None:
            continue
        # distance in characters, cues before the expression slightly preferred
        dist = (start - m.end()) if m.end() <= start else (m.start() - end) * 2.0
        if w in ("will", "'ll", "shall", "would", "wo") and m.end() <= start and dist < 40:
            dist *= 0.5
        if kind == "past" and w.endswith("ed") and w not in _PAST_CUES:
            dist *= 1.3  # a regular -ed form may be an adjective
        elif w == "to":
            dist *= 1.5
        if best is None or dist < best[0]:
            best = (dist, kind)
    if best is None or best[1] == "present":
        return None
    return best[1]


# --------------------------------------------------------------------------------------
# resolution helpers
# --------------------------------------------------------------------------------------


def _direction(ctx: _Ctx, start: int, end: int) -> str | None:
    return _tense(ctx, start, end)


def _resolve_weekday(wd: int, dct: Date, direction: str | None, rel: str | None) -> Date:
    diff = wd - dct.isoweekday()
    if rel == "last" or rel == "past" or rel == "previous":
        back = (dct.isoweekday() - wd) % 7 or 7
        return dct - _dt.timedelta(days=back)
    if rel == "next":
        fwd = diff % 7 or 7
        return dct + _dt.timedelta(days=fwd)
    if rel in ("this", "coming", "this coming", "upcoming"):
        return dct + _dt.timedelta(days=diff % 7)
    if direction == "future":
        return dct + _dt.timedelta(days=diff % 7)
    return dct - _dt.timedelta(days=(-diff) % 7)


def _pick_year_for_md(month: int, day: int, dct: Date, direction: str | None) -> int:
    """Year of a month(-day) without a year.

    The occurrence nearest the DCT when it is within about three months; otherwise the
    tense decides (past: the previous occurrence, future: the next one); else the nearest.
    """
    y = dct.year
    cands: list[tuple[int, int]] = []
    for cy in (y - 1, y, y + 1):
        d = _safe_date(cy, month, min(day, 28) if day else 15)
        if d is not None:
            cands.append(((d - dct).days, cy))
    nearest = min(cands, key=lambda c: abs(c[0]))
    if direction is None or abs(nearest[0]) <= 60:
        return nearest[1]
    if abs(nearest[0]) <= 92 and (nearest[0] > 0) == (direction == "future"):
        return nearest[1]
    if direction == "past":
        past = [c for c in cands if c[0] <= (0 if day else 15)]
        if past:
            return max(past)[1]
    if direction == "future":
        fut = [c for c in cands if c[0] >= (0 if day else -15)]
        if fut:
            return min(fut)[1]
    return nearest[1]


def _num_value(s: str) -> float | None:
    s = re.sub(r"\s+", " ", s.lower().strip())
    s = s.replace("-", " ")
    if s in VAGUE or s in ("a number of", "couple of"):
        return 2.0 if s == "couple of" else None
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    m = re.fullmatch(r"(\d+) 1/2", s)
    if m:
        return int(m.group(1)) + 0.5
    half = 0.0
    if s.endswith(" and a half"):
        half = 0.5
        s = s[: -len(" and a half")]
    if s in NUMWORDS:
        return float(NUMWORDS[s]) + half
    total = 0.0
    for part in s.split():
        if part in ("hundred", "thousand"):
            total = max(total, 1.0) * (100 if part == "hundred" else 1000)
        elif part in NUMWORDS:
            total += NUMWORDS[part]
        else:
            return None
    return total + half


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _duration_value(num: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    if unit == "centurie":
        unit = "century"
    if unit == "weekend":
        return "P2D" if num in (None, 1) else "PXWE"
    if unit in _UNIT_MULT and num is not None:
        code, mult = _UNIT_MULT[unit]
        num = num * mult
    else:
        code = UNIT_CODE.get(unit, ("X", False))[0]
        if unit in _UNIT_MULT:
            code = {"decade": "E", "century": "C", "quarter": "Q", "fortnight": "W"}[unit]
    timey = UNIT_CODE.get(unit, ("X", False))[1]
    t = "T" if timey else ""
    if num is None:
        return f"P{t}X{code}"
    if not float(num).is_integer():
        # 1.5 years -> P1Y6M ; 2.5 hours -> PT2H30M
        whole = int(num)
        frac = num - whole
        sub = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}
        if timey:
            sub = {"H": ("M", 60), "M": ("S", 60)}  # hours and minutes, not months
        if code in sub:
            scode, k = sub[code]
            parts = (f"{whole}{code}" if whole else "") + f"{_fmt_num(round(frac * k))}{scode}"
            if code == "D":
                return f"P{whole}DT{_fmt_num(round(frac * k))}H" if whole else f"PT{_fmt_num(round(frac * k))}H"
            return f"P{t}{parts}"
    return f"P{t}{_fmt_num(num)}{code}"


def _shift(value: str, unit: str, n: int) -> str | None:
    """Shift a calendar value by n units at the value's own granularity when sensible."""
    b = value_bounds(value)
    if b is None:
        return None
    prec = b[2]
    start = _dt.date.fromisoformat(b[0])
    if unit == "year":
        if prec == "quarter":
            return f"{int(value[:4]) + n:04d}{value[4:]}"
        if prec in ("month", "half", "season"):
            return f"{int(value[:4]) + n:04d}{value[4:7]}"
        if prec == "day":
            d = _safe_date(start.year + n, start.month, start.day) or _safe_date(
                start.year + n, start.month, 28
            )
            return _iso(d) if d else None
        return f"{start.year + n:04d}"
    if unit == "quarter":
        if prec == "quarter":
            q = (start.year * 4 + (start.month - 1) // 3) + n
            return f"{q // 4:04d}-Q{q % 4 + 1}"
        y, m = _add_months(start.year, start.month, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "month":
        y, m = _add_months(start.year, start.month, n)
        if prec == "day":
            d = _safe_date(y, m, min(start.day, _month_end(y, m).day))
            return _iso(d) if d else None
        return f"{y:04d}-{m:02d}"
    if unit == "week":
        d = start + _dt.timedelta(weeks=n)
        return _iso(d) if prec == "day" else _week(d)
    if unit == "day":
        return _iso(start + _dt.timedelta(days=n))
    if unit == "decade":
        return f"{(start.year + 10 * n) // 10:03d}"
    if unit == "century":
        return f"{(start.year + 100 * n) // 100:02d}"
    return None


def _rel_unit_value(unit: str, base: Date, n: int) -> str:
    if unit == "day":
        return _iso(base + _dt.timedelta(days=n))
    if unit == "week":
        return _week(base + _dt.timedelta(weeks=n))
    if unit == "weekend":
        d = base + _dt.timedelta(weeks=n)
        return _week(d) + "-WE"
    if unit == "month":
        y, m = _add_months(base.year, base.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        q = base.year * 4 + (base.month - 1) // 3 + n
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit == "year":
        return f"{base.year + n:04d}"
    if unit == "decade":
        return f"{base.year // 10 + n:03d}"
    if unit == "century":
        return f"{base.year // 100 + n:02d}"
    return "PRESENT_REF"


# --------------------------------------------------------------------------------------
# the pattern families
# --------------------------------------------------------------------------------------

# A handler returns (type, value, mod, extra) or None to reject the match.
# extra may hold {"begin": ..., "end": ..., "anchor": ...}.
Result = tuple[str, str, str | None, dict[str, str]]
Handler = Callable[[re.Match[str], _Ctx], Result | None]


def _month_num(s: str) -> int | None:
    s = s.lower().rstrip(".")
    return MONTHS.get(s) or MONTHS.get(s[:3])


def _day_num(s: str) -> int | None:
    s = s.lower().strip()
    m = re.match(r"(\d+)", s)
    if m:
        return int(m.group(1))
    s = s.replace("-", "")
    for pre, base in (("twenty", 20), ("thirty", 30)):
        if s.startswith(pre) and s != pre + "ieth" and s[len(pre) :] in ORDINALS:
            return base + ORDINALS[s[len(pre) :]]
    if s == "twentieth":
        return 20
    if s == "thirtieth":
        return 30
    return ORDINALS.get(s)


def _year_num(s: str, dct: Date | None) -> int | None:
    s = s.lower().strip()
    if re.fullmatch(r"\d{4}", s):
        return int(s)
    if re.fullmatch(r"'\d\d", s):
        yy = int(s[1:])
        cur = (dct.year if dct else 2000) % 100
        century = (dct.year // 100 if dct else 20) * 100
        return century + yy if yy <= cur + 10 else century - 100 + yy
    s2 = s.replace("-", " ")
    m = re.fullmatch(r"(nineteen|eighteen) (.+)", s2)
    if m:
        hi = 19 if m.group(1) == "nineteen" else 18
        lo = _num_value(m.group(2))
        return hi * 100 + int(lo) if lo is not None else None
    m = re.fullmatch(r"two thousand(?: and)?(?: (.+))?", s2)
    if m:
        lo = _num_value(m.group(1)) if m.group(1) else 0
        return 2000 + int(lo) if lo is not None else None
    return None


def _month_ok(word: str, m: re.Match[str], ctx: _Ctx, standalone: bool) -> bool:
    w = word.lower().rstrip(".")
    if w in ("may", "march") or (len(w) == 3 and not word.endswith(".") and w not in ("may",)):
        if not word[:1].isupper():
            return False
        if standalone:
            # bare "May"/"March": require a temporal preposition before it
            before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
            if not re.search(r"\b(in|since|until|till|by|during|of|from|through|last|next|this|early|late|mid-?|before|after|on)\s*$", before):
                return False
            if len(w) == 3 and w != "may":
                return False
    return True


def _h_iso(m: re.Match[str], ctx: _Ctx) -> Result | None:
    s = m.group(0)
    mm = re.match(r"(\d{4})[-/.](\d\d)[-/.](\d\d)(?:T(\d\d):(\d\d))?", s)
    if not mm or _safe_date(int(mm.group(1)), int(mm.group(2)), int(mm.group(3))) is None:
        return None
    if mm.group(4):
        return "TIME", f"{mm.group(1)}-{mm.group(2)}-{mm.group(3)}T{mm.group(4)}:{mm.group(5)}", None, {}
    return "DATE", f"{mm.group(1)}-{mm.group(2)}-{mm.group(3)}", None, {}


def _h_numeric(m: re.Match[str], ctx: _Ctx) -> Result | None:
    a, b, y = int(m.group("a")), int(m.group("b")), m.group("y")
    year = int(y)
    if len(y) == 2:
        year += 2000 if year < 50 else 1900
    dayfirst = ctx.dayfirst
    if dayfirst is None and m.group("sep") == ".":
        dayfirst = True  # 7.12.2023 is European
    if a > 12 and b <= 12:
        day, mon = a, b
    elif b > 12 and a <= 12:
        day, mon = b, a
    elif dayfirst:
        day, mon = a, b
    else:
        day, mon = b, a
    d = _safe_date(year, mon, day)
    if d is None:
        return None
    return "DATE", _iso(d), None, {}


def _clock_value(s: str) -> tuple[int, int] | None:
    s = s.lower().strip()
    if s in ("noon", "midday"):
        return 12, 0
    if s == "midnight":
        return 0, 0
    mil = re.fullmatch(r"([01]\d|2[0-3])([0-5]\d)", s)
    if mil:
        return int(mil.group(1)), int(mil.group(2))
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*(a\.?m\.?|p\.?m\.?|o'clock)?", s)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    ap = (m.group(3) or "").replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    if h > 23 or mi > 59:
        return None
    return h, mi


def _day_of(word: str, m: re.Match[str], ctx: _Ctx) -> Date | None:
    """The date of a day word (today/yesterday/tomorrow/weekday/'Nov. 9') against the DCT."""
    if ctx.dct is None:
        return None
    w = word.lower().strip().rstrip(",")
    if w in ("today", "tonight", "this"):
        return ctx.dct
    if w == "yesterday":
        return ctx.dct - _dt.timedelta(days=1)
    if w == "tomorrow":
        return ctx.dct + _dt.timedelta(days=1)
    if w.rstrip(".") in WEEKDAYS:
        return _resolve_weekday(WEEKDAYS[w.rstrip(".")], ctx.dct, _direction(ctx, m.start(), m.end()), None)
    mm = re.match(rf"({_MON})\s*({_DAYNUM})(?:,?\s+(\d{{4}}))?", w, re.I)
    if mm:
        mon = _month_num(mm.group(1))
        day = _day_num(mm.group(2))
        if mon and day and mm.group(3):
            return _safe_date(int(mm.group(3)), mon, day)
        if mon and day:
            y = _pick_year_for_md(mon, day, ctx.dct, _direction(ctx, m.start(), m.end()))
            return _safe_date(y, mon, day)
    return None


def _h_clock(m: re.Match[str], ctx: _Ctx) -> Result | None:
    cv = _clock_value(m.group("clock"))
    if cv is None:
        return None
    h, mi = cv
    dayw = m.group("day1") or m.group("day2")
    d = _day_of(dayw, m, ctx) if dayw else ctx.dct
    extra: dict[str, str] = {}
    if not dayw and ctx.ref and ctx.ref_prec == "day" and m.start() - ctx.ref_pos < 600:
        # a bare clock time belongs to the day just mentioned ("on Friday ... at 4 p.m.")
        d = _dt.date.fromisoformat(ctx.ref)
        extra = {"anchor": ctx.ref, "_noref": "1"}
    hm = f"T{h:02d}:{mi:02d}"
    mod = MOD_WORDS.get((m.group("amod") or "").lower()) if m.group("amod") else None
    if d is None:
        return "TIME", "XXXX-XX-XX" + hm, mod, extra
    return "TIME", _iso(d) + hm, mod, extra


def _h_dayrange(m: re.Match[str], ctx: _Ctx) -> Result | None:
    mon = _month_num(m.group("mon"))
    d1, d2 = _day_num(m.group("d1")), _day_num(m.group("d2"))
    if not mon or not d1 or not d2 or d2 <= d1 or d2 > 31:
        return None
    if not _month_ok(m.group("mon"), m, ctx, False):
        return None
    yg = m.group("y")
    if yg:
        y = _year_num(yg, ctx.dct)
    elif ctx.dct:
        y = _pick_year_for_md(mon, d1, ctx.dct, _direction(ctx, m.start(), m.end()))
    else:
        y = None
    if y is None:
        return "DATE", f"XXXX-{mon:02d}-{d1:02d}", None, {}
    a, b = _safe_date(y, mon, d1), _safe_date(y, mon, d2)
    if a is None or b is None:
        return None
    return "DATE", _iso(a), None, {"begin": _iso(a), "end": _iso(b)}


def _h_fulldate(m: re.Match[str], ctx: _Ctx) -> Result | None:
    mon = _month_num(m.group("mon"))
    day = _day_num(m.group("d"))
    if not mon or not day or day > 31:
        return None
    if not _month_ok(m.group("mon"), m, ctx, False):
        return None
    yg = m.group("y")
    wdg = m.group("wd")
    if yg:
        y = _year_num(yg, ctx.dct)
    elif ctx.dct:
        rel = re.sub(r"\s+", " ", (m.groupdict().get("rel") or "").lower())
        if rel in ("last", "this past"):
            y = ctx.dct.year if (mon, day) < (ctx.dct.month, ctx.dct.day) else ctx.dct.year - 1
        elif rel in ("next", "this coming"):
            y = ctx.dct.year if (mon, day) > (ctx.dct.month, ctx.dct.day) else ctx.dct.year + 1
        else:
            y = _pick_year_for_md(mon, day, ctx.dct, _direction(ctx, m.start(), m.end()))
        if wdg:  # a weekday fixes the year among the candidates
            wd = WEEKDAYS.get(wdg.lower().rstrip(".,"))
            for cy in (y, y + 1, y - 1):
                dd = _safe_date(cy, mon, day)
                if dd and wd and dd.isoweekday() == wd:
                    y = cy
                    break
    else:
        y = None
    if y is None:
        return "DATE", f"XXXX-{mon:02d}-{day:02d}", None, {}
    d = _safe_date(y, mon, day)
    if d is None:
        return None
    return "DATE", _iso(d), None, {}


def _h_weekof(m: re.Match[str], ctx: _Ctx) -> Result | None:
    res = _h_fulldate_core(m, ctx)
    if res is None:
        return None
    d = _dt.date.fromisoformat(res)
    return "DATE", _week(d), None, {}


def _h_fulldate_core(m: re.Match[str], ctx: _Ctx) -> str | None:
    mon = _month_num(m.group("mon"))
    day = _day_num(m.group("d"))
    if not mon or not day or ctx.dct is None and not m.group("y"):
        return None
    y = _year_num(m.group("y"), ctx.dct) if m.group("y") else None
    if y is None and ctx.dct is not None:
        y = _pick_year_for_md(mon, day, ctx.dct, _direction(ctx, m.start(), m.end()))
    if y is None:
        return None
    d = _safe_date(y, mon, day)
    return _iso(d) if d else None


def _h_yearrange(m: re.Match[str], ctx: _Ctx) -> Result | None:
    y1 = int(m.group("y1"))
    y2s = m.group("y2")
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if len(y2s) == 2 and y2 < y1:
        y2 += 100
    if not (y1 < y2 <= y1 + 30):
        return None
    return "DATE", f"{y1:04d}", None, {"begin": f"{y1:04d}-01-01", "end": f"{y2:04d}-12-31"}


def _h_monthyear(m: re.Match[str], ctx: _Ctx) -> Result | None:
    mon = _month_num(m.group("mon"))
    y = _year_num(m.group("y"), ctx.dct)
    if not mon or y is None:
        return None
    if not _month_ok(m.group("mon"), m, ctx, False):
        return None
    pre = m.group("pre")
    mod = PRE_MOD.get(re.sub(r"\s+", " ", pre.lower())) if pre else None
    return "DATE", f"{y:04d}-{mon:02d}", mod, {}


def _h_month(m: re.Match[str], ctx: _Ctx) -> Result | None:
    word = m.group("mon")
    mon = _month_num(word)
    if not mon:
        return None
    rel = (m.group("rel") or "").lower()
    pre = m.group("pre")
    if not _month_ok(word, m, ctx, not rel and not pre):
        return None
    if not rel and not pre and re.match(r"\s+[A-Z][a-z]+\b", ctx.text[m.end() : m.end() + 20]):
        nxt = ctx.text[m.end() : m.end() + 20].split()[0].lower().strip(".,")
        if nxt not in WEEKDAYS and nxt not in MONTHS and not word.endswith("."):
            return None  # "August Wilson", "June Carter": a name
    mod = PRE_MOD.get(re.sub(r"\s+", " ", pre.lower()).rstrip("-") if pre else "") if pre else None
    if pre and pre.lower().startswith("mid"):
        mod = "MID"
    yrel = (m.group("yrel") or "").lower()
    if ctx.dct is None:
        return "DATE", f"XXXX-{mon:02d}", mod, {}
    y = ctx.dct.year
    if yrel:
        y += {"last": -1, "this": 0, "next": 1}.get(yrel.split()[0], 0)
    elif rel in ("last", "past", "this past"):
        y = y if mon < ctx.dct.month else y - 1
    elif rel in ("next", "coming", "this coming"):
        y = y if mon > ctx.dct.month else y + 1
    elif rel == "this":
        pass
    else:
        y = _pick_year_for_md(mon, 0, ctx.dct, _direction(ctx, m.start(), m.end()))
    return "DATE", f"{y:04d}-{mon:02d}", mod, {}


_QWORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4}


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> Result | None:
    qw = m.group("q").lower()
    kind = m.group("kind").lower()
    half = kind.startswith("half")
    n = _QWORD.get(qw)
    if n is None or (half and n > 2):
        return None
    if half and not (m.group("ypre") or m.group("ypost")):
        return None  # "the second half" of a match, of a speech...
    if half and qw in ("last", "final"):
        n = 2
    ypre = (m.group("ypre") or "") + " " + (m.group("ypost") or "")
    ypre = ypre.strip().lower()
    year: int | None = None
    ym = re.search(r"(\d{4})|'(\d\d)", ypre)
    if ym:
        year = _year_num(ym.group(0), ctx.dct)
    elif ctx.dct is not None:
        y = ctx.dct.year
        if "last year" in ypre:
            year = y - 1
        elif "next year" in ypre:
            year = y + 1
        elif "this year" in ypre or "the year" in ypre:
            year = y
        else:
            curq = (ctx.dct.month - 1) // 3 + 1 if not half else (ctx.dct.month - 1) // 6 + 1
            if n <= curq:
                year = y
            else:
                direction = _direction(ctx, m.start(), m.end())
                year = y - 1 if direction == "past" else y
    if year is None:
        return "DATE", ("XXXX-H%d" if half else "XXXX-Q%d") % n, None, {}
    return "DATE", f"{year:04d}-{'H' if half else 'Q'}{n}", None, {"_q": "1"} if not half else {}


def _h_qshort(m: re.Match[str], ctx: _Ctx) -> Result | None:
    n = int(m.group("q"))
    yg = m.group("y")
    if m.group("k").upper() == "H":
        if n > 2 or not yg:
            return None
        y = _year_num(yg, ctx.dct)
        return ("DATE", f"{y:04d}-H{n}", None, {}) if y else None
    if yg:
        year = _year_num(yg, ctx.dct)
    elif ctx.dct:
        curq = (ctx.dct.month - 1) // 3 + 1
        year = ctx.dct.year if n <= curq else ctx.dct.year - 1
    else:
        year = None
    if year is None:
        return "DATE", f"XXXX-Q{n}", None, {}
    return "DATE", f"{year:04d}-Q{n}", None, {}


def _h_theperiod(m: re.Match[str], ctx: _Ctx) -> Result | None:
    """'the quarter', 'the latest quarter', 'the year-ago period', 'the 1988 third quarter'."""
    det = m.group("det").lower()
    adj = re.sub(r"\s+", "-", (m.group("adj") or "").lower())
    unit = m.group("unit").lower()
    qn = m.group("qn")
    yr = m.group("yr")
    after = ctx.text[m.end() : m.end() + 40]
    qref = ctx.quarter_ref(m.start())
    if det in ("its", "their") and not qn and not adj:
        return None
    if unit == "period" and not (adj or yr or qref):
        return None
    base: str | None = None
    ended = re.match(rf"\s+(?:ended|ending|that\s+ended|through)\s+(?P<mon>{_MON})\s*(?P<d>\d{{1,2}})?", after, re.I)
    if qn:
        n = _QWORD[qn.lower()]
        if yr:
            base = f"{int(yr):04d}-Q{n}"
        elif ctx.dct is not None:
            curq = (ctx.dct.month - 1) // 3 + 1
            base = f"{ctx.dct.year if n <= curq else ctx.dct.year - 1:04d}-Q{n}"
    elif ended and ctx.dct is not None:
        mon = _month_num(ended.group("mon")) or 1
        y = ctx.dct.year if mon <= ctx.dct.month else ctx.dct.year - 1
        base = f"{y:04d}-Q{(mon - 2) % 12 // 3 + 1}"
        if unit == "period":
            return None
    elif yr:
        base = f"{int(yr):04d}" + (qref[4:] if qref else "")
    elif qref and adj not in ("latest", "most-recent", "just-ended"):
        base = qref
    elif ctx.dct is not None:
        cq = ctx.dct.year * 4 + (ctx.dct.month - 1) // 3
        if det == "this" or adj in ("current",):
            q = cq
        elif det == "next" or adj in ("coming",):
            q = cq + 1
        else:
            q = cq - 1
        base = f"{q // 4:04d}-Q{q % 4 + 1}"
    if base is None:
        return None
    if adj in ("current",) and ctx.dct is not None and not qn and not yr:
        cq = ctx.dct.year * 4 + (ctx.dct.month - 1) // 3
        base = f"{cq // 4:04d}-Q{cq % 4 + 1}"
    if "year-ago" in adj or "year-earlier" in adj or adj in ("year-before", "prior-year", "comparable", "corresponding"):
        if not (qn and not yr and adj in ("comparable", "corresponding")):
            shifted = _shift(base, "year", -1)
            if shifted is None:
                return None
            base = shifted
    elif adj in ("previous", "prior", "preceding") or det == "last":
        shifted = _shift(base, "quarter", -1) if not qn else base
        base = shifted or base
    extra: dict[str, str] = {"_noref": "1"}
    if qn or ended:
        extra = {"_q": "1"}
    return "DATE", base, None, extra


def _h_yearadj(m: re.Match[str], ctx: _Ctx) -> Result | None:
    qref = ctx.quarter_ref(m.start())
    if qref:
        v = _shift(qref, "year", -1)
        if v:
            return "DATE", v, None, {"_noref": "1"}
    if ctx.dct is None:
        return None
    return "DATE", f"{ctx.dct.year - 1:04d}", None, {"_noref": "1"}


def _h_theyear_fin(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if "Year" in m.group(0) and m.start() > 0 and ctx.text[m.start() - 1] not in "\n":
        return None  # "Actor of the Year"
    after = ctx.text[m.end() : m.end() + 20]
    if re.match(r"\s+(?:ended|ending|that\s+ended|through|to\s+(?:date|\w+\s+\d))", after, re.I):
        return "DURATION", "P1Y", None, {}
    if re.match(r"[-\s](?:ago|earlier|before|old)\b", after):
        return None
    if ctx.dct is None:
        return None
    low = m.group(0).lower()
    if low.endswith("week"):
        if re.match(r"\s+(?:before|after|of|earlier|later|ahead|that|when|in\s+which)\b", after):
            return None
        return "DATE", _week(ctx.dct), None, {"_noref": "1"}
    if low.endswith("month"):
        if re.match(r"\s+(?:before|after|of|earlier|later|ahead|that|when|in\s+which)\b", after):
            return None
        return "DATE", f"{ctx.dct.year:04d}-{ctx.dct.month:02d}", None, {"_noref": "1"}
    return "DATE", f"{ctx.dct.year:04d}", None, {"_noref": "1"}


def _h_yearend(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if ctx.dct is None:
        return "DATE", "XXXX-12-31", None, {}
    before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    y = ctx.dct.year
    if re.search(r"\b(since|from)\s+(?:the\s+)?$", before) or (ctx.dct.month <= 2 and _direction(ctx, m.start(), m.end()) == "past"):
        y -= 1
    return "DATE", f"{y:04d}-12-31", None, {}


def _h_yearto(m: re.Match[str], ctx: _Ctx) -> Result | None:
    tail = m.group("tail")
    if ctx.dct is None:
        return None
    if tail.lower() == "date":
        end = ctx.dct
    else:
        mm = re.match(rf"({_MON})\s*({_DAYNUM})(?:,?\s*({_YEAR}))?", tail, re.I)
        mm2 = re.match(rf"({_DAYNUM})\s+(?:of\s+)?({_MON})(?:,?\s*({_YEAR}))?", tail, re.I)
        if mm:
            mon, day, yg = _month_num(mm.group(1)), _day_num(mm.group(2)), mm.group(3)
        elif mm2:
            mon, day, yg = _month_num(mm2.group(2)), _day_num(mm2.group(1)), mm2.group(3)
        else:
            mmon = re.match(rf"({_MON})", tail, re.I)
            if not mmon:
                return None
            mon = _month_num(mmon.group(1))
            if not mon:
                return None
            y = ctx.dct.year if mon <= ctx.dct.month else ctx.dct.year - 1
            return "DATE", f"{y:04d}", None, {"begin": f"{y:04d}-01-01", "end": _iso(_month_end(y, mon))}
        if not mon or not day:
            return None
        y = int(yg) if yg else (ctx.dct.year if (mon, day) <= (ctx.dct.month, ctx.dct.day) else ctx.dct.year - 1)
        end_d = _safe_date(y, mon, day)
        if end_d is None:
            return None
        end = end_d
    return "DATE", f"{end.year:04d}", None, {"begin": f"{end.year:04d}-01-01", "end": _iso(end)}


def _h_decade(m: re.Match[str], ctx: _Ctx) -> Result | None:
    dec = m.group("dec").lower().lstrip("'")
    pre = m.group("pre")
    mod = None
    if pre:
        p = re.sub(r"\s+", " ", pre.lower()).rstrip("-")
        mod = "MID" if p.startswith("mid") else PRE_MOD.get(p)
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
             "seventies": 7, "eighties": 8, "nineties": 9}
    if dec in words:
        val = f"19{words[dec]}"
    elif re.fullmatch(r"\d{4}s", dec):
        val = dec[:3]
    elif re.fullmatch(r"\d0s", dec):
        if re.search(r"\b(?:his|her|their|its|my|your|our)\s+(?:early\s+|late\s+|mid-?)?$", ctx.text[max(0, m.start() - 16) : m.start()].lower()):
            return None  # "in his 30s": an age
        d = int(dec[0])
        cur = ctx.dct.year if ctx.dct else 2000
        cent = cur // 100
        val = f"{cent}{d}" if cent * 100 + d * 10 <= cur else f"{cent - 1}{d}"
    else:
        return None
    return "DATE", val, mod, {}


def _h_century(m: re.Match[str], ctx: _Ctx) -> Result | None:
    n = _day_num(m.group("n"))
    if not n:
        return None
    pre = m.group("pre")
    mod = None
    if pre:
        p = re.sub(r"\s+", " ", pre.lower()).rstrip("-")
        mod = "MID" if p.startswith("mid") else PRE_MOD.get(p)
    return "DATE", f"{n - 1:02d}", mod, {}


def _h_season(m: re.Match[str], ctx: _Ctx) -> Result | None:
    s = SEASONS[m.group("s").lower()]
    rel = (m.group("rel") or "").lower()
    yg = m.group("y")
    pre = m.group("pre")
    mod = None
    if pre:
        p = re.sub(r"\s+", " ", pre.lower()).rstrip("-")
        mod = "MID" if p.startswith("mid") else PRE_MOD.get(p)
    word = m.group("s").lower()
    if word == "fall" and not (rel or yg or pre):
        before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
        if not re.search(r"\b(the|in|this|last|next|since)\s+$", before):
            return None
        if re.match(r"\s+(?:of|in|on|from|back|into|short|to|by|was|is|has|had|would|will)\b", ctx.text[m.end() : m.end() + 8]):
            return None
    if yg:
        y = _year_num(yg, ctx.dct)
        if y is None:
            return None
        return "DATE", f"{y:04d}-{s}", mod, {}
    if ctx.dct is None:
        return "DATE", f"XXXX-{s}", mod, {}
    y = ctx.dct.year
    cur = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(ctx.dct.month, "FA")
    order = ["WI", "SP", "SU", "FA"]
    si, ci = order.index(s), order.index(cur)
    if ctx.dct.month == 12 and s != "WI":
        ci = 4
    if rel in ("last", "past", "this past"):
        y = y if si < ci else y - 1
    elif rel in ("next", "coming", "this coming"):
        y = y if si > ci else y + 1
    elif rel == "this":
        pass
    else:
        direction = _direction(ctx, m.start(), m.end())
        if direction == "past":
            y = y if si <= ci else y - 1
        elif direction == "future":
            y = y if si >= ci else y + 1
    if s == "WI" and ctx.dct.month in (1, 2) and rel in ("this", ""):
        y -= 1
    return "DATE", f"{y:04d}-{s}", mod, {}


def _h_year(m: re.Match[str], ctx: _Ctx) -> Result | None:
    yg = m.group("y")
    if len(yg) == 2 and yg.isdigit():  # FY24
        yg = f"20{yg}" if int(yg) < 70 else f"19{yg}"
    y = _year_num(yg, ctx.dct)
    if y is None:
        return None
    pre = m.group("pre")
    fiscal = m.group("fy")
    text = ctx.text
    if re.fullmatch(r"\d{4}", m.group("y")) and not pre and not fiscal:
        # guard against amounts, counts, codes: "$2023", "2023 people", "1,999", "No. 2000"
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 14]
        if re.search(r"[$£€#¥]\s*$|[\d,.]$|\b(?:No|no|number|Nos|route|Route|flight|Flight|Boeing|Airbus|model|Model|size|page|p\.|ISO|Article|article|Section|section|Resolution|resolution|Room|room|Highway|at|Windows|Office|Galaxy)\.?\s+$", before):
            return None
        if re.match(r"\s*(?:%|percent\b|per\s+cent|people|persons|men|women|troops|soldiers|workers|residents|tons|tonnes|feet|foot|meters|metres|miles|km|kilometers|dollars|yuan|euros|pounds|shares|cars|units|jobs|members|votes|delegates|barrels|hectares|acres|times|points|students|children|deaths|cases|homes|houses|employees|years|year-old|-year|-)\b", after) and not re.match(r"\s*-\s*(?:\d{2}\b|\d{4}\b)", after):
            return None
        if not 1000 <= y <= 2099:
            return None
        rng = re.match(r"\s*[-–/]\s*(\d+)", after)
        if rng:
            y2s = rng.group(1)
            y2 = int(y2s) if len(y2s) == 4 else (y // 100) * 100 + int(y2s) if len(y2s) == 2 else -1
            if len(y2s) == 2 and 0 <= y2 < y:
                y2 += 100
            if not (y < y2 <= y + 30):
                return None  # "2012-1234": a code, not a year
        if y > (ctx.dct.year + 30 if ctx.dct else 2060):
            return None
    if not re.fullmatch(r"\d{4}", yg) and re.match(r"\s+(?:years?|months?|days?|people|men|dollars)\b", ctx.text[m.end() : m.end() + 9]):
        return None  # "two thousand years": a count, not the year 2000
    mod = None
    if pre:
        p = re.sub(r"\s+", " ", pre.lower()).rstrip("-")
        if "half" in p:
            return "DATE", f"{y:04d}-H{1 if 'first' in p else 2}", None, {}
        mod = "MID" if p.startswith("mid") else PRE_MOD.get(p)
    return "DATE", f"{y:04d}", mod, {}


_REL_N = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1, "this": 0,
          "current": 0, "next": 1, "coming": 1, "upcoming": 1, "following": 1, "same": 0}


def _h_relunit(m: re.Match[str], ctx: _Ctx) -> Result | None:
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    pre = m.group("pre")
    mod = None
    if pre:
        p = re.sub(r"\s+", " ", pre.lower()).rstrip("-")
        mod = "MID" if p.startswith("mid") else PRE_MOD.get(p)
    the = bool(m.group("the"))
    n = _REL_N.get(rel, 0)
    anaphoric = rel in ("following", "previous", "preceding", "prior", "same") or (rel == "next" and the)
    if rel == "past" and the is False and unit in ("week", "month", "year"):
        n = -1
    if ctx.dct is None and not (anaphoric and ctx.ref):
        return "DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX"), mod, {}
    if anaphoric and ctx.ref:
        val = _shift(ctx.ref, unit, n) if unit in ("day", "week", "month", "year", "quarter") else None
        b = value_bounds(ctx.ref)
        if val is not None and b is not None:
            base = _dt.date.fromisoformat(b[0])
            val = _rel_unit_value(unit, base, n)
            return "DATE", val, mod, {"anchor": ctx.ref}
    if ctx.dct is None:
        return "DATE", "XXXX", mod, {}
    if unit == "quarter" and the and rel in ("latest", "last", "past"):
        n = -1
    return "DATE", _rel_unit_value(unit, ctx.dct, n), mod, {}


def _h_theyear(m: re.Match[str], ctx: _Ctx) -> Result | None:
    """'the beginning of the year', 'earlier in the year', 'the end of the month'."""
    unit = m.group("unit").lower()
    pre = re.sub(r"\s+", " ", m.group("pre").lower())
    mod = PRE_MOD.get(pre)
    if pre.startswith(("earlier in", "early in")):
        mod = "START"
    elif pre.startswith(("later in", "late in")):
        mod = "END"
    base = ctx.dct
    if base is None:
        return None
    return "DATE", _rel_unit_value(unit, base, 0), mod, {}


def _h_agolater(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if m.group("n") is None:
        if not m.group("unit").lower().endswith(("s", "ies")):
            return None
        # "years ago", "decades ago"
        past = m.group("dir").lower() in ("ago", "earlier")
        return "DATE", "PAST_REF" if past else "FUTURE_REF", None, {"_noref": "1"}
    num = _num_value(m.group("n"))
    unit = m.group("unit").lower().rstrip("s")
    if unit == "centurie":
        unit = "century"
    if unit == "night":
        unit = "day"
    if unit == "fortnight":
        unit = "week"
        num = None if num is None else num * 2
    dirw = m.group("dir").lower()
    amod = m.group("amod")
    mod = MOD_WORDS.get(re.sub(r"\s+", " ", amod.lower())) if amod else None
    if mod in ("EQUAL_OR_LESS", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE"):
        mod = "APPROX"
    if m.group("orso"):
        mod = "APPROX"
    sign = -1 if dirw in ("ago", "earlier", "before", "back", "previously", "prior") else 1
    anaphoric = dirw in ("earlier", "later", "before", "after", "previously", "prior")
    base_val: str | None = None
    if anaphoric and ctx.ref:
        base_val = ctx.ref
    if unit in ("hour", "minute", "second"):
        return "DURATION", _duration_value(num, unit), mod, {}
    if num is None:
        if unit == "year":
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod, {}
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod, {}
    k = int(num) if float(num).is_integer() else None
    if k is None:
        return "DURATION", _duration_value(num, unit), mod, {}
    if unit == "year" and k == 1 and ctx.quarter_ref(m.start()):
        base_val = ctx.quarter_ref(m.start())
    elif anaphoric and ctx.ref_prec not in ("day", "quarter"):
        base_val = None
    if base_val is not None:
        b = value_bounds(base_val)
        if b is not None:
            prec = b[2]
            if unit == "year" and prec in ("quarter", "month", "day"):
                v = _shift(base_val, "year", sign * k)
                if v:
                    return "DATE", v, mod, {"_noref": "1", "anchor": base_val}
            if unit in ("day", "week", "month") and prec in ("day",):
                v = _shift(base_val, unit, sign * k)
                if v:
                    d = _dt.date.fromisoformat(v)
                    vv = _rel_unit_value(unit, d, 0) if unit != "day" else v
                    return "DATE", vv, mod, {"anchor": base_val}
    if ctx.dct is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod, {}
    dct = ctx.dct
    if unit == "weekend":
        unit = "week"
    if unit in ("decade", "century"):  # "a decade ago": the year ten years back
        return "DATE", f"{dct.year + sign * k * (10 if unit == 'decade' else 100):04d}", mod, {}
    if unit in ("day", "week", "month", "quarter", "year"):
        return "DATE", _rel_unit_value(unit, dct, sign * k), mod, {}
    return None


def _h_thatunit(m: re.Match[str], ctx: _Ctx) -> Result | None:
    """'that day', 'later that year', 'that night': the last mentioned date."""
    if not ctx.ref:
        return None
    unit = m.group("unit").lower()
    pre = (m.group("pre") or "").lower()
    mod = {"early": "START", "earlier": "START", "late": "END", "later": "END"}.get(pre)
    b = value_bounds(ctx.ref)
    if b is None:
        return None
    prec = b[2]
    start = _dt.date.fromisoformat(b[0])
    extra = {"anchor": ctx.ref, "_noref": "1"}
    if unit == "year":
        return "DATE", f"{start.year:04d}", mod, extra
    if unit == "month" and prec in ("month", "day"):
        return "DATE", f"{start.year:04d}-{start.month:02d}", mod, extra
    if unit == "week" and prec in ("week", "day"):
        return "DATE", _week(start), mod, extra
    if prec != "day":
        return None
    if unit == "day":
        return "DATE", _iso(start), mod, extra
    return "TIME", _iso(start) + "T" + PARTS[unit], mod, extra


def _h_deictic(m: re.Match[str], ctx: _Ctx) -> Result | None:
    w = m.group("w").lower()
    part = (m.group("part") or "").lower()
    pre = (m.group("pre") or "").lower()
    mod = {"early": "START", "earlier": "START", "late": "END", "later": "END"}.get(pre)
    if w == "tonight":
        part = part or "night"
    if ctx.dct is None:
        base = None
    elif w == "today" or w == "tonight":
        base = ctx.dct
    elif w == "yesterday":
        base = ctx.dct - _dt.timedelta(days=1)
    elif w == "tomorrow":
        base = ctx.dct + _dt.timedelta(days=1)
    elif w.startswith("the day before"):
        base = ctx.dct - _dt.timedelta(days=2)
    elif w.startswith("the day after"):
        base = ctx.dct + _dt.timedelta(days=2)
    else:
        base = ctx.dct
    if base is None:
        val = "XXXX-XX-XX"
    else:
        val = _iso(base)
    if part:
        return "TIME", val + "T" + PARTS[part], mod, {}
    return "DATE", val, mod, {}


def _h_partofday(m: re.Match[str], ctx: _Ctx) -> Result | None:
    rel = m.group("rel").lower()
    part = m.group("part").lower()
    if ctx.dct is None:
        return "TIME", "XXXX-XX-XXT" + PARTS[part], None, {}
    d = ctx.dct - _dt.timedelta(days=1) if rel == "last" else ctx.dct
    if rel == "last" and part != "night":
        d = ctx.dct - _dt.timedelta(days=1)
    return "TIME", _iso(d) + "T" + PARTS[part], None, {}


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> Result | None:
    word = m.group("wd")
    wl = word.lower().rstrip(".")
    wd = WEEKDAYS.get(wl)
    if wd is None:
        return None
    if len(wl) <= 4 and not word.endswith("."):
        return None
    if wl in ("sun", "sat", "wed") and not word[:1].isupper():
        return None
    rel = (m.group("rel") or "").lower()
    rel = re.sub(r"\s+", " ", rel)
    pre = (m.group("pre") or "").lower()
    mod = {"early": "START", "earlier": "START", "late": "END", "later": "END"}.get(pre)
    if ctx.dct is None:
        val = f"XXXX-WXX-{wd}"
    else:
        direction = _direction(ctx, m.start(), m.end())
        d = _resolve_weekday(wd, ctx.dct, direction, rel or None)
        val = _iso(d)
    # "Friday night": TimeBank mostly gives the day itself as the value
    return "DATE", val, mod, {}


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> Result | None:
    rel = re.sub(r"\s+", " ", (m.group("rel") or "the").lower())
    rel = {"this past": "past", "this coming": "next"}.get(rel, rel)
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", None, {}
    dct = ctx.dct
    if rel in ("last", "past"):
        d = dct - _dt.timedelta(days=dct.isoweekday() + 1)
    elif rel in ("next", "coming"):
        d = dct + _dt.timedelta(days=6 - dct.isoweekday() if dct.isoweekday() < 6 else 7)
    elif rel == "this":
        d = dct
    else:
        direction = _direction(ctx, m.start(), m.end())
        if dct.isoweekday() >= 6:
            d = dct
        elif direction == "future":
            d = dct + _dt.timedelta(days=6 - dct.isoweekday())
        else:
            d = dct - _dt.timedelta(days=dct.isoweekday() + 1)
    return "DATE", _week(d) + "-WE", None, {}


def _easter(y: int) -> Date:
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return Date(y, month, day)


def _nth_weekday(y: int, month: int, wd: int, n: int) -> Date:
    if n > 0:
        d = Date(y, month, 1)
        d += _dt.timedelta(days=(wd - d.isoweekday()) % 7)
        return d + _dt.timedelta(weeks=n - 1)
    d = _month_end(y, month)
    return d - _dt.timedelta(days=(d.isoweekday() - wd) % 7)


HOLIDAYS: dict[str, Callable[[int], Date]] = {
    "christmas": lambda y: Date(y, 12, 25),
    "christmas day": lambda y: Date(y, 12, 25),
    "christmas eve": lambda y: Date(y, 12, 24),
    "new year's day": lambda y: Date(y, 1, 1),
    "new year's eve": lambda y: Date(y, 12, 31),
    "valentine's day": lambda y: Date(y, 2, 14),
    "halloween": lambda y: Date(y, 10, 31),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4),
    "easter": _easter,
    "easter sunday": _easter,
    "good friday": lambda y: _easter(y) - _dt.timedelta(days=2),
    "memorial day": lambda y: _nth_weekday(y, 5, 1, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1),
    "boxing day": lambda y: Date(y, 12, 26),
    "bastille day": lambda y: Date(y, 7, 14),
    "may day": lambda y: Date(y, 5, 1),
    "independence day": lambda y: Date(y, 7, 4),
    "veterans day": lambda y: Date(y, 11, 11),
    "armistice day": lambda y: Date(y, 11, 11),
}


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> Result | None:
    name = re.sub(r"\s+", " ", m.group("h").lower()).replace("’", "'")
    fn = HOLIDAYS.get(name)
    if fn is None:
        return None
    yg = m.group("y")
    if yg:
        y = _year_num(yg, ctx.dct)
        if y is None:
            return None
        return "DATE", _iso(fn(y)), None, {}
    if ctx.dct is None:
        d0 = fn(2001)
        return "DATE", f"XXXX-{d0.month:02d}-{d0.day:02d}", None, {}
    direction = _direction(ctx, m.start(), m.end())
    cands = [fn(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if direction == "future":
        c = [d for d in cands if d >= ctx.dct]
    elif direction == "past":
        c = [d for d in cands if d <= ctx.dct]
    else:
        c = cands
    d = min(c or cands, key=lambda x: abs((x - ctx.dct).days))  # type: ignore[operator]
    return "DATE", _iso(d), None, {}


def _h_duration(m: re.Match[str], ctx: _Ctx) -> Result | None:
    nums = m.group("n")
    unit = m.group("unit").lower()
    num = _num_value(nums) if nums else 1.0
    amod = m.group("amod")
    mod = MOD_WORDS.get(re.sub(r"\s+", " ", amod.lower())) if amod else None
    if amod and amod.lower() in ("only", "just", "barely"):
        mod = None
    if nums and re.fullmatch(r"\d+(?:\.\d+)?", nums.strip()):
        # "2023 days" is no duration, neither is "1.5 million years" handled elsewhere
        if float(nums) > 10000:
            return None
    if re.match(r"[-\s](?:ago|earlier|old)\b", ctx.text[m.end() : m.end() + 9]) and "-" in ctx.text[m.end() : m.end() + 1]:
        return None
    if nums and re.fullmatch(r"\d{4}", nums.strip()) and not unit.endswith("s"):
        return None
    if nums and nums.lower().strip() in ("some",) and not amod:
        num = None
    if m.group("half"):
        num = (num or 0) + 0.5
    if unit.rstrip("s") in ("night",):
        unit = "day"
    if re.match(r"\s+old\b", ctx.text[m.end() : m.end() + 5]):
        return None  # ages: "52 years old"
    if m.group(0).lower() in ("one day", "some day") and re.search(
        r"\b(?:will|would|could|might|may|can|shall|'ll)\s+$", ctx.text[max(0, m.start() - 8) : m.start()].lower()
    ):
        return "DATE", "FUTURE_REF", None, {"_noref": "1"}  # "Islam will one day be ..."
    if unit.startswith("quarter") and (
        re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]) or "-quarter" in m.group(0).lower()
        and unit.endswith("s")
    ):
        return None  # fractions: "a quarter of the vote", "three-quarters"
    if unit == "second" and nums and nums.lower() in ("a", "an"):
        return None  # "a second term", "a second time"
    val = _duration_value(num, unit)
    return "DURATION", val, mod, {}


def _h_bareunits(m: re.Match[str], ctx: _Ctx) -> Result | None:
    unit = m.group("unit").lower()
    before = ctx.text[max(0, m.start() - 10) : m.start()].lower()
    if not re.search(r"\b(for|in|within|over|after|took|takes|lasted|last|spent|spend|of)\s+$", before):
        return None
    after = ctx.text[m.end() : m.end() + 8].lower()
    if re.match(r"\s+(?:of|old|ago)\b", after):
        if re.match(r"\s+of\b", after) and re.search(r"\bfor\s+$", before):
            pass
        else:
            return None
    return "DURATION", _duration_value(None, unit), None, {}


def _h_set(m: re.Match[str], ctx: _Ctx) -> Result | None:
    s = re.sub(r"\s+", " ", m.group(0).lower())
    adv = {
        "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
        "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M", "biweekly": "P2W",
        "every day": "P1D", "each day": "P1D", "every week": "P1W", "each week": "P1W",
        "every month": "P1M", "each month": "P1M", "every year": "P1Y", "each year": "P1Y",
        "every quarter": "P1Q", "each quarter": "P1Q", "every hour": "PT1H", "each hour": "PT1H",
        "every night": "P1D", "every morning": "P1D", "every evening": "P1D",
        "every other day": "P2D", "every other week": "P2W", "every other year": "P2Y",
        "every other month": "P2M",
    }
    if s in adv:
        return "SET", adv[s], None, {}
    mm = re.match(rf"(?:every|each)\s+(?:(?P<n>{_NUM})\s+)?(?P<u>{_UNIT})$", s)
    if mm:
        num = _num_value(mm.group("n")) if mm.group("n") else 1.0
        return "SET", _duration_value(num, mm.group("u")), None, {}
    mm = re.match(r"(?:every|each|on)\s+(?P<w>\w+?)s?$", s)
    if mm and mm.group("w") in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[mm.group('w')]}", None, {}
    mm = re.match(r"(?:every|each)\s+(?P<w>\w+)$", s)
    if mm and mm.group("w") in MONTHS and len(mm.group("w")) > 3:
        return "SET", f"XXXX-{MONTHS[mm.group('w')]:02d}", None, {}
    mm = re.match(r"(?:\w+\s+times|once|twice)\s+(?:a|an|per|each|every)\s+(?P<u>\w+)$", s)
    if mm:
        u = mm.group("u")
        return "SET", _duration_value(1.0, u), None, {}
    mm = re.match(r"(?:a|per)\s+(?P<u>\w+)$", s)
    if mm:
        before = ctx.text[max(0, m.start() - 25) : m.start()]
        if not re.search(r"(?:\d|percent|%|dollars|cents|yuan|euros|pounds|tons|barrels|times|hours|days|miles|million|billion|trillion|thousand|hundred|dozen|pence|yen|visitors|people|passengers|tourists|units|cars|copies)\s*\.?\s*$", before, re.I) and not s.startswith("per"):
            return None
        return "SET", _duration_value(1.0, mm.group("u")), None, {}
    mm = re.match(r"(?P<w>\w+?)s(?:\s+(?P<p>morning|afternoon|evening|night)s)?$", s)
    if mm and mm.group("w") in WEEKDAYS:
        p = mm.group("p")
        return "SET", f"XXXX-WXX-{WEEKDAYS[mm.group('w')]}" + (f"T{PARTS[p]}" if p else ""), None, {}
    return None


def _h_ref(m: re.Match[str], ctx: _Ctx) -> Result | None:
    s = re.sub(r"\s+", " ", m.group(0).lower())
    if s in ("now", "right now", "currently", "nowadays", "presently", "at present", "the present",
             "current", "at the moment", "this time", "the moment", "these days", "today's"):
        if s == "current":
            after = ctx.text[m.end() : m.end() + 20].lower()
            if re.match(r"\s+(?:account|accounts|affairs|events|president|leader|chairman|minister|government|members?|law|rules?|system|level|levels|form|price|prices|rate|rates|strength|flow|situation|director|chief|head|administration)\b", after):
                return None
        if s == "now":
            before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
            after = ctx.text[m.end() : m.end() + 6].lower()
            if re.search(r"(?:from|until|till|by|for|up to)\s+$", before) and "from" not in before:
                pass
        return "DATE", "PRESENT_REF", None, {"_noref": "1"}
    if s in ("recently", "recent", "lately", "previously", "formerly", "the past", "in the past",
             "recent years", "recent months", "recent weeks", "recent days", "the recent past",
             "once", "earlier", "recent times", "years past"):
        if s == "recent":
            after = ctx.text[m.end() : m.end() + 20].lower()
            if re.match(r"\s+(?:years|months|weeks|days|times|past)\b", after):
                return None
        return "DATE", "PAST_REF", None, {"_noref": "1"}
    if s in ("the future", "future", "the near future", "soon", "the coming months", "the coming weeks",
             "the coming days", "the coming years", "coming months", "coming weeks", "coming days",
             "coming years", "the months ahead", "the weeks ahead", "the days ahead", "the years ahead",
             "the near term", "shortly", "the long term", "the long run", "later"):
        if s == "future":
            after = ctx.text[m.end() : m.end() + 12].lower()
            if re.match(r"\s+(?:of|generations?)\b", after):
                return None
        return "DATE", "FUTURE_REF", None, {"_noref": "1"}
    return None


_P: list[tuple[str, str, Handler]] = []


def _add(name: str, pat: str, handler: Handler) -> None:
    _P.append((name, pat, handler))


_B = r"(?<![\w'’-])"  # left word boundary
_E = r"(?!\w)"  # right word boundary

_add("iso", rf"{_B}\d{{4}}(?P<sep>[-/.])\d\d(?P=sep)\d\d(?:T\d\d:\d\d(?::\d\d)?)?(?!\d)", _h_iso)
_add("numeric", rf"{_B}(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\d/])", _h_numeric)
_add(
    "clock",
    rf"{_B}(?:(?P<amod>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    rf"(?:(?P<day1>today|yesterday|tomorrow|tonight|{_WD}|{_MON}\s*{_DAYNUM}),?\s+(?:at\s+)?)?"
    rf"(?P<clock>{_CLOCK}){_TZ}?"
    rf"(?:,?\s+(?:on\s+)?(?P<day2>today|yesterday|tomorrow|{_WD}|{_MON}\s*{_DAYNUM}(?:,?\s+{_YEAR})?))?{_E}",
    _h_clock,
)
_add(
    "dayrange",
    rf"{_B}(?:(?:{_WD}),?\s+)?(?:the\s+)?(?P<d1>{_DAYNUM})\s*(?:-|–|—|to|and|until|through)\s*(?:{_WD},?\s+)?(?:the\s+)?"
    rf"(?P<d2>{_DAYNUM})\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?{_E}",
    _h_dayrange,
)
_add(
    "dayrange2",
    rf"{_B}(?P<mon>{_MON})\s*(?P<d1>{_DAYNUM})\s*(?:-|–|—|to|and|through|until)\s*(?P<d2>{_DAYNUM})(?!\s*(?:%|percent|per\b|\.\d|,\d|million|billion))(?:,?\s+(?P<y>{_YEAR}))?{_E}",
    _h_dayrange,
)
_add(
    "fulldate",
    rf"{_B}(?:(?:this\s+coming\s+|this\s+past\s+)?(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<d>{_DAYNUM}|{_DAYWORD})\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>{_ANYYEAR}))?{_E}",
    _h_fulldate,
)
_add(
    "fulldate2",
    rf"{_B}(?:(?P<rel>last|next|this\s+past|this\s+coming)\s+(?={_MON}))?(?:(?:this\s+coming\s+|this\s+past\s+)?(?P<wd>{_WD}),?\s+)?(?P<mon>{_MON})\s*(?:the\s+)?(?P<d>{_DAYNUM}|{_DAYWORD})(?!\s*(?:%|percent|million|billion|\.\d|,\d{{3}}))(?:,?\s+(?P<y>{_ANYYEAR}))?{_E}",
    _h_fulldate,
)
_add(
    "weekof",
    rf"{_B}(?:the\s+)?week\s+of\s+(?P<mon>{_MON})\s*(?P<d>{_DAYNUM})(?:,?\s+(?P<y>{_YEAR}))?{_E}",
    _h_weekof,
)
_add(
    "yearrange",
    rf"{_B}(?:the\s+)?(?:(?P<fy>fiscal|FY)\s*)?(?P<y1>{_YEAR})\s*[-–/]\s*(?P<y2>\d{{4}}|\d{{2}})(?![\d%])(?!\s*(?:%|percent|per\s+cent))",
    _h_yearrange,
)
_add(
    "monthyear",
    rf"{_B}(?:(?P<pre>{_PRE})\s*)?(?P<mon>{_MON})(?:\s+of)?,?\s+(?P<y>{_YEAR}|{_SPYEAR}|'\d\d){_E}",
    _h_monthyear,
)
_add(
    "quarter",
    rf"{_B}(?:the\s+)?(?:(?P<ypre>{_YEAR}(?:['’]s)?|(?:this|last|next)\s+year['’]s|the\s+year['’]s|fiscal|the\s+company['’]s|its|their)\s+)?(?:(?:fiscal|calendar|flat|latest)\s+)?"
    rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-](?P<kind>quarter|half|-quarter)"
    rf"(?:\s+of\s+(?P<ypost>{_YEAR}|(?:this|last|next|the)\s+year|fiscal\s+{_YEAR}))?{_E}",
    _h_quarter,
)
_add("qshort", rf"{_B}(?:the\s+)?(?P<k>[QH])(?P<q>[1-4])(?:\s*(?P<y>{_YEAR}|'\d\d))?{_E}", _h_qshort)
_add(
    "theperiod",
    rf"(?<![\w'’-])(?P<det>the|this|that|last|next|its|their)\s+(?:(?P<adj>latest|current|same|year[\s-]ago|year[\s-]earlier|comparable|corresponding|previous|prior|preceding|recent|just[\s-]ended|year-before|prior-year|coming|most\s+recent|comparable\s+year[\s-](?:ago|earlier))\s+)?(?:(?P<yr>{_YEAR})\s+)?(?:(?P<qn>first|second|third|fourth)[\s-])?(?:fiscal\s+)?(?P<unit>quarter|period)(?![\w’-])",
    _h_theperiod,
)
_add(
    "yearadj",
    r"(?<![\w'’-])year[\s-](?:ago|earlier)(?=\s+[a-z])",
    _h_yearadj,
)
_add(
    "theyear_fin",
    r"(?<![\w'’-])(?:the|its|their)\s+(?:(?:full|current|latest|calendar)\s+)?(?:fiscal\s+|financial\s+)?year(?![\w’-])"
    r"|(?:(?<=\bfor )|(?<=\bof )|(?<=\bduring )|(?<=\bin ))the\s+(?:week|month)(?![\w’-])",
    _h_theyear_fin,
)
_add(
    "yearend",
    r"(?<![\w'’-])(?:year[\s-]end|year['’]s\s+end)(?![\w’-])",
    _h_yearend,
)
_add(
    "yearto",
    rf"{_B}(?:the\s+)?(?:year|12\s+months)[\s-]to[\s-](?P<tail>date|(?:{_MON})\s*{_DAYNUM}(?:,?\s+{_YEAR})?|{_DAYNUM}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?|{_MON}){_E}",
    _h_yearto,
)
_add(
    "decade",
    rf"{_B}(?:the\s+)?(?:(?P<pre>early|late|mid-?|the\s+(?:beginning|start|end|middle)\s+of|the\s+(?:first|second|last|latter)\s+half\s+of(?:\s+the)?)\s*)?(?P<dec>(?:1[5-9]|20)\d0'?s|'\d0s|\d0s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties){_E}",
    _h_decade,
)
_add(
    "century",
    rf"{_B}(?:the\s+)?(?:(?P<pre>early|late|mid-?|the\s+(?:beginning|start|end|middle)\s+of(?:\s+the)?)\s*)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_DAYWORD})[\s-]century{_E}",
    _h_century,
)
_add(
    "season",
    rf"{_B}(?:(?P<pre>early|late|mid-?|the\s+(?:beginning|start|end|middle)\s+of)\s*)?(?:(?P<rel>last|this|next|this\s+coming|this\s+past|coming|past)\s+)?(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}|{_SPYEAR}|'\d\d))?{_E}",
    _h_season,
)
_add(
    "month",
    rf"{_B}(?:(?P<pre>early|late|mid-?|the\s+(?:beginning|start|end|middle)\s+of)\s*)?(?:(?P<rel>last|this|next|this\s+coming|this\s+past|coming|past)\s+)?(?P<mon>{_MON})(?:\s+(?:of\s+)?(?P<yrel>last\s+year|this\s+year|next\s+year))?{_E}",
    _h_month,
)
_add(
    "year",
    rf"{_B}(?:the\s+)?(?:(?P<pre>early|late|mid-?|the\s+(?:beginning|start|end|middle|close)\s+of|the\s+(?:first|second|last|latter)\s+half\s+of)\s*)?(?P<fy>(?:fiscal(?:\s+year)?|FY|calendar(?:\s+year)?|the\s+year|the\s+(?:fiscal|financial)\s+year)\s*)?(?P<y>{_YEAR}|{_SPYEAR}|(?<=FY)\d\d(?!\d)|(?<=FY\s)\d\d(?!\d))(?:\s+(?:fiscal|financial|calendar)\s+year)?{_E}",
    _h_year,
)
_add(
    "relunit",
    rf"{_B}(?:(?P<pre>early|late|mid-?|earlier|later|the\s+(?:beginning|start|end|middle|close|rest|remainder)\s+of|the\s+(?:first|second|last|latter)\s+half\s+of)\s*)?(?P<the>the\s+)?(?P<rel>{_REL})\s+(?:fiscal\s+|calendar\s+|financial\s+)?(?P<unit>week|month|year|quarter|decade|century|day)(?![\w’-])(?!\s+(?:or|and)\s+(?:two|so|three))",
    _h_relunit,
)
_add(
    "theyear",
    r"(?<![\w'’-])(?P<pre>(?:the\s+(?:beginning|start|end|middle|close|rest|remainder)\s+of)|earlier\s+in|later\s+in|early\s+in|late\s+in)\s+the\s+(?P<unit>year|month|week)(?![\w’-])",
    _h_theyear,
)
_add(
    "agolater",
    rf"{_B}(?:(?P<amod>{_APPROX})\s+)?(?:(?P<n>{_NUM})\s*[\s-]?)?(?P<unit>{_UNIT}|weekends?)(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|from\s+now|hence)(?![\w-])",
    _h_agolater,
)
_add(
    "thatunit",
    rf"{_B}(?:(?P<pre>earlier|later|early|late)\s+)?that\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night){_E}",
    _h_thatunit,
)
_add(
    "deictic",
    rf"{_B}(?:(?P<pre>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight|the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow))(?:\s+(?P<part>morning|afternoon|evening|night))?{_E}",
    _h_deictic,
)
_add(
    "partofday",
    rf"{_B}(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>morning|afternoon|evening|night){_E}",
    _h_partofday,
)
_add(
    "weekday",
    rf"{_B}(?:(?P<pre>early|late|earlier|later)\s+)?(?:(?P<rel>last|this|next|this\s+coming|this\s+past|coming|past|upcoming)\s+)?(?P<wd>{_WD}|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:\s+(?P<part>morning|afternoon|evening|night))?(?![\w’-])",
    _h_weekday,
)
_add(
    "weekend",
    rf"{_B}(?:(?P<rel>the|this\s+past|this\s+coming|this|last|next|coming|past)\s+)weekend{_E}",
    _h_weekend,
)
_add(
    "holiday",
    rf"{_B}(?P<h>christmas(?:\s+(?:day|eve))?|new\s+year['’]s\s+(?:day|eve)|valentine['’]s\s+day|halloween|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|good\s+friday|memorial\s+day|labor\s+day|boxing\s+day|bastille\s+day|veterans\s+day|armistice\s+day)(?:,?\s+(?P<y>{_YEAR}))?{_E}",
    _h_holiday,
)
_add(
    "set",
    rf"{_B}(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|"
    rf"(?:every|each)\s+(?:other\s+)?(?:(?:{_NUM})\s+)?(?:{_UNIT}|morning|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)|"
    rf"(?:\w+\s+times|once|twice)\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|quarter|hour)|"
    rf"(?:a|per)\s+(?:day|week|month|year|hour)|"
    rf"(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)(?:\s+(?:mornings|afternoons|evenings|nights))?){_E}",
    _h_set,
)
_add(
    "duration",
    rf"{_B}(?:(?P<amod>{_APPROX})\s+(?!(?:the|its|their|his|her)\s))?(?:(?:the|its|their|his|her)\s+)?(?:(?:past|last|next|first|previous|coming|following|final|remaining|initial|entire|whole|full|latest|ensuing|succeeding|recent)\s+)?"
    rf"(?:(?P<n>{_NUM})(?:\s+more|\s+additional|\s+full|\s+straight|\s+consecutive)?\s*[\s-]\s*)(?P<unit>{_UNIT}|weekends?)(?P<half>\s+and\s+a\s+half)?(?:-long)?(?![\w-])",
    _h_duration,
)
_add(
    "duration_the",
    rf"{_B}(?:(?P<amod>{_APPROX})\s+(?!the\s))?(?:the\s+)(?:(?:past|last|next|first|previous|coming|following|entire|whole|full)\s+)(?P<n>)(?P<unit>year|month|week|decade|century|day)(?P<half>)(?![\w’-])(?!\s+(?:ended|ending)\b)",
    _h_duration,
)
_add(
    "bareunits",
    rf"{_B}(?:(?P<unit>years|months|weeks|decades|centuries|days|hours|minutes)){_E}",
    _h_bareunits,
)
_add(
    "ref",
    r"(?<![\w'’-])(?:right\s+now|now|currently|nowadays|presently|at\s+present|the\s+present|current|"
    r"recently|recent\s+(?:years|months|weeks|days|times)|lately|formerly|"
    r"the\s+(?:recent\s+)?past|the\s+(?:near\s+)?future|the\s+coming\s+(?:months|weeks|days|years)|"
    r"coming\s+(?:months|weeks|days|years)|the\s+(?:months|weeks|days|years)\s+ahead|these\s+days|the\s+near\s+term)(?![\w’-])",
    _h_ref,
)

_UNITS = {u + x for u in ("second", "minute", "hour", "day", "night", "week", "fortnight",
                          "month", "quarter", "year", "decade", "weekend") for x in ("", "s")} | {
    "century", "centuries"}
_MONTH_KEYS = set(MONTHS)
# A pattern is tried only when one of its key words (or #digit / #decade flags) occurs in
# the first tokens after the candidate position.
_KEYS: dict[str, set[str] | None] = {
    "iso": {"#digit"},
    "numeric": {"#digit"},
    "clock": {"#digit", "noon", "midnight", "midday"},
    "thatunit": {"that"},
    "dayrange": _MONTH_KEYS,
    "dayrange2": _MONTH_KEYS,
    "fulldate": _MONTH_KEYS,
    "fulldate2": _MONTH_KEYS,
    "monthyear": _MONTH_KEYS,
    "weekof": {"week"},
    "yearrange": {"#digit"},
    "month": _MONTH_KEYS,
    "quarter": {"quarter", "half", "quarters"},
    "qshort": {"q1", "q2", "q3", "q4", "h1", "h2"},
    "theperiod": {"quarter", "period"},
    "yearadj": {"year"},
    "theyear_fin": {"year", "week", "month"},
    "yearend": {"year"},
    "yearto": {"year", "months"},
    "decade": {"#decade", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
               "eighties", "nineties"},
    "century": {"century"},
    "season": set(SEASONS),
    "year": {"#digit", "nineteen", "eighteen", "thousand"},
    "relunit": {"week", "month", "year", "quarter", "decade", "century", "day"},
    "theyear": {"year", "month", "week"},
    "agolater": {"ago", "earlier", "now", "hence"},
    "deictic": {"today", "yesterday", "tomorrow", "tonight"},
    "partofday": {"morning", "afternoon", "evening", "night"},
    "weekday": set(WEEKDAYS),
    "weekend": {"weekend"},
    "holiday": {"christmas", "new", "valentine", "halloween", "thanksgiving", "easter", "good",
                "memorial", "labor", "boxing", "bastille", "veterans", "armistice",
                "independence", "may"},
    "set": {"daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly",
            "every", "each", "per", "times", "once", "twice", "mondays", "tuesdays",
            "wednesdays", "thursdays", "fridays", "saturdays", "sundays"} | _UNITS,
    "duration": _UNITS,
    "duration_the": _UNITS,
    "bareunits": _UNITS,
    "ref": {"now", "currently", "nowadays", "presently", "present", "recently", "recent",
            "lately", "formerly", "past", "future", "coming", "ahead", "days", "term", "current"},
}
_COMPILED: list[tuple[str, re.Pattern[str], Handler, frozenset[str] | None]] = [
    (n, re.compile(p, re.I), h, frozenset(k) if (k := _KEYS.get(n)) is not None else None)
    for n, p, h in _P
]
# Candidate start positions: a word that is temporal in itself ("strong") or a modifier,
# determiner or number word ("weak") followed within a few words by a strong one. Only
# there are the patterns tried, which keeps the tagger fast on text without dates.
_STRONG = frozenset(
    list(MONTHS) + list(WEEKDAYS) + [w + "s" for w in WEEKDAYS if len(w) > 4] + [
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night",
        "nights", "week", "weeks", "weekend", "weekends", "fortnight", "month", "months",
        "quarter", "quarters", "year", "years", "decade", "decades", "century", "centuries",
        "now", "currently", "nowadays", "presently", "present", "recently", "recent", "lately",
        "formerly", "past", "future", "today", "tomorrow", "yesterday", "tonight", "morning",
        "afternoon", "evening", "overnight", "spring", "summer", "autumn", "fall", "winter",
        "daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly",
        "christmas", "thanksgiving", "easter", "halloween", "new", "valentine", "memorial",
        "labor", "boxing", "bastille", "veterans", "armistice", "independence", "good",
        "noon", "midnight", "midday", "twenties", "thirties", "forties", "fifties", "sixties",
        "seventies", "eighties", "nineties", "ahead", "term", "fy", "current", "mondays",
        "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "period",
        "nineteen", "thousand", "eighteen",
    ]
)
_WEAK = frozenset(
    "the a an this that last next past previous coming current following same early late mid "
    "earlier later about around approximately roughly some nearly almost more over at less "
    "under up no just fewer well close upwards only barely every each other its their his her "
    "fiscal calendar so right in once twice times per these latest full whole entire final "
    "first second third fourth fifth 1st 2nd 3rd 4th half several few many couple dozen one "
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred numerous remaining initial ensuing succeeding recent year comparable corresponding "
    "prior preceding upcoming most sometime near long short months weeks days years shortly "
    "just-ended year-ago year-earlier tenth eleventh twelfth sixth seventh eighth ninth "
    "twentieth thirtieth local".split()
)
_TOKEN = re.compile(r"\w+(?:[-']\w+)*")


_WCLASS: dict[str, tuple[int, tuple[str, ...]]] = {}
_DECADE_TOK = re.compile(r"\d0s$")


def _word_class(w: str) -> tuple[int, tuple[str, ...]]:
    """(2 strong / 1 weak / 0 other, the key words the token offers) for a lowercased token."""
    c = _WCLASS.get(w)
    if c is not None:
        return c
    parts = [p for p in re.split(r"[-'’]", w) if p]
    keys = {w, *parts}
    if any(ch.isdigit() for ch in w):
        keys.add("#digit")
        if _DECADE_TOK.search(w):
            keys.add("#decade")
    if keys & _STRONG or "#digit" in keys:
        k = 2
    elif w in _WEAK or (parts and parts[0] in _WEAK):
        k = 1
    else:
        k = 0
    res = (k, tuple(sorted(keys)))
    if len(_WCLASS) < 200_000:
        _WCLASS[w] = res
    return res


_WINDOW = 8


def _candidates(text: str) -> list[tuple[int, frozenset[str]]]:
    """Candidate start offsets, each with the key words of the tokens that follow it."""
    wc = _word_class
    words = _TOKEN.findall(text)
    classes = [wc(w.lower()) for w in words]
    n = len(words)
    marks: list[int] = []
    for i, (c, _) in enumerate(classes):
        if c == 2:
            marks.append(i)
        elif c == 1:
            for j in range(i + 1, min(n, i + 6)):
                if classes[j][0] == 2:
                    marks.append(i)
                    break
    if not marks:
        return []
    out: list[tuple[int, frozenset[str]]] = []
    pos = 0
    mi = 0
    for i, w in enumerate(words):
        st = text.find(w, pos)
        pos = st + len(w)
        if i == marks[mi]:
            keys: set[str] = set()
            for j in range(i, min(n, i + _WINDOW)):
                keys.update(classes[j][1])
            fk = frozenset(keys)
            if classes[i][0] == 2 and st > 0 and text[st - 1] in "'’":
                out.append((st - 1, fk))
            out.append((st, fk))
            mi += 1
            if mi == len(marks):
                break
    return out



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
