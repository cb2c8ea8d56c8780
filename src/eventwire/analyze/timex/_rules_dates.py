"""Handlers for explicit dates: ISO/numeric dates, clock times, day ranges, full and partial
dates, year ranges, quarters, fiscal and financial periods, decades, centuries, seasons, years."""

from __future__ import annotations

import datetime as _dt
import re

from eventwire.analyze.timex._base import (
    _DAYNUM,
    _MON,
    _YEAR,
    MOD_WORDS,
    MONTHS,
    PRE_MOD,
    SEASONS,
    WEEKDAYS,
    Date,
    Result,
    _Ctx,
    _day_num,
    _direction,
    _iso,
    _month_end,
    _month_num,
    _month_ok,
    _pick_year_for_md,
    _resolve_weekday,
    _safe_date,
    _shift,
    _week,
    _year_num,
)


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
