"""The pattern table: one regular expression per family with its handler and key words, and
the candidate positions (temporal words) where the patterns are tried."""

from __future__ import annotations

import re

from eventwire.analyze.timex._base import (
    _ANYYEAR,
    _APPROX,
    _CLOCK,
    _DAYNUM,
    _DAYWORD,
    _MON,
    _NUM,
    _PRE,
    _REL,
    _SPYEAR,
    _TZ,
    _UNIT,
    _WD,
    _YEAR,
    MONTHS,
    SEASONS,
    WEEKDAYS,
    Handler,
)
from eventwire.analyze.timex._rules_dates import (
    _h_century,
    _h_clock,
    _h_dayrange,
    _h_decade,
    _h_fulldate,
    _h_iso,
    _h_month,
    _h_monthyear,
    _h_numeric,
    _h_qshort,
    _h_quarter,
    _h_season,
    _h_theperiod,
    _h_theyear_fin,
    _h_weekof,
    _h_year,
    _h_yearadj,
    _h_yearend,
    _h_yearrange,
    _h_yearto,
)
from eventwire.analyze.timex._rules_relative import (
    _h_agolater,
    _h_bareunits,
    _h_deictic,
    _h_duration,
    _h_holiday,
    _h_partofday,
    _h_ref,
    _h_relunit,
    _h_set,
    _h_thatunit,
    _h_theyear,
    _h_weekday,
    _h_weekend,
)

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
