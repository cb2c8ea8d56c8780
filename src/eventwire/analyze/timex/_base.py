"""Shared pieces of the TIMEX3 tagger: the span record, calendar tables, regex fragments,
date arithmetic, and the per-document context (reference time, tense of the clause)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass

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
