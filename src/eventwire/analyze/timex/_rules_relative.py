"""Handlers for relative and anaphoric expressions: "last week", "a year earlier", "N days ago",
today/yesterday, parts of days, weekdays, weekends, holidays, durations, sets and *_REF."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from eventwire.analyze.timex._base import (
    _NUM,
    _UNIT,
    MOD_WORDS,
    MONTHS,
    PARTS,
    PRE_MOD,
    WEEKDAYS,
    Date,
    Result,
    _Ctx,
    _direction,
    _duration_value,
    _iso,
    _month_end,
    _num_value,
    _rel_unit_value,
    _resolve_weekday,
    _shift,
    _week,
    _year_num,
    value_bounds,
)

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
