"""Figures in news text: numbers (digits or words), scale words, currencies, units, ranges and
qualifiers, normalized ("$48.2 billion" -> 48200000000.0 USD; "30 miles" -> 48.28 km).

Pure functions over a string; the tables live in ``resources/facts/`` (number words, scale
words, currencies, units, qualifiers). :func:`find_quantities` returns every figure with its
character offsets; deciding which figures are facts, and of what, is ``extract``'s job.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from eventwire.corpus.facts.resources import tsv_rows

__all__ = ["Quantity", "find_quantities", "parse_number_words"]



@dataclass(frozen=True)
class Quantity:
    """One figure. ``value`` is a float in ``unit``, or a (low, high) pair for a range.

    ``kind`` is money | percent | distance | mass | duration | magnitude | age | count.
    ``unit`` is a currency code, a canonical unit, or "" for a bare count (extract adds the
    counted noun). ``compound`` is set for hyphenated modifiers ("eight-year offer",
    "51-year-old"), ``qualifier`` for "at least", "about", ... and "range".
    """

    start: int
    end: int
    text: str
    value: float | tuple[float, float]
    kind: str
    unit: str
    qualifier: str | None = None
    compound: bool = False
    words: bool = False  # written in words ("five"), not digits


@functools.lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    out["words"] = {r["word"]: (r["value"], r["kind"]) for r in tsv_rows("number_words.tsv")}
    out["scales"] = {r["surface"]: (r["multiplier"], r["case_sensitive"]) for r in tsv_rows("scales.tsv")}
    out["currencies"] = {f"{r['position']}|{r['surface']}": (r["code"],) for r in tsv_rows("currencies.tsv")}
    out["units"] = {r["surface"]: (r["kind"], r["unit"], r["factor"]) for r in tsv_rows("units.tsv")}
    out["qualifiers"] = {r["phrase"]: (r["qualifier"],) for r in tsv_rows("qualifiers.tsv")}
    return out


def _alt(items: list[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(items, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    t = _tables()
    number_words = [w for w, (_, k) in t["words"].items() if k in ("unit", "tens", "scale")]
    nw = _alt(number_words)
    prefixes = [k.split("|", 1)[1] for k in t["currencies"] if k.startswith("prefix|")]
    suffixes = [k.split("|", 1)[1] for k in t["currencies"] if k.startswith("suffix|")]
    scales_ci = [s for s, (_, cs) in t["scales"].items() if cs == "0"]
    scales_cs = [s for s, (_, cs) in t["scales"].items() if cs == "1"]
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
    words = rf"(?:{nw})(?:(?:[ -]|\s+and\s+)(?:{nw}))*"
    return {
        "number": re.compile(rf"(?:(?<![\w.,])|(?<=(?<![\w])[ep]))(?:(?P<d>{digits})|(?P<w>{words}))(?!(?!million|billion|mn\\b|bn\\b|MM|m\\b|k\\b)\w)", re.I),
        "prefix": re.compile(rf"(?:{_alt(prefixes)})\s?$"),
        "suffix": re.compile(rf"^[ -]?(?:{_alt(suffixes)})\b", re.I),
        "scale": re.compile(rf"^(?:[ -]?(?i:{_alt(scales_ci)})|[ -]?(?:{_alt(scales_cs)}))(?![\w])"),
        "unit": re.compile(rf"^[ -]?(?:{_alt(list(t['units']))})(?![\w])", re.I),
        "age": re.compile(r"^[ -](?:years?|yrs?)[ -]old\b", re.I),
        "qual": re.compile(rf"(?:^|\s)({_alt(list(t['qualifiers']))})\s+(?:(?:a|an|the|US)\s+)?$", re.I),
        "range": re.compile(r"^\s*(?:-|–|—|to|or)\s*$", re.I),
    }


def parse_number_words(s: str) -> float | None:
    """Value of an English number in words ("two hundred and five" -> 205.0)."""
    words = _tables()["words"]
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", s.lower()):
        if not w or w == "and":
            continue
        entry = words.get(w)
        if entry is None:
            return None
        val, kind = float(entry[0]), entry[1]
        seen = True
        if kind in ("unit", "tens"):
            current += val
        elif kind == "scale":
            if val >= 1000:
                total += max(current, 1.0) * val
                current = 0.0
            else:
                current = max(current, 1.0) * val
        else:
            return None
    return total + current if seen else None


def _scale_of(s: str) -> float:
    t = _tables()["scales"]
    s = s.strip(" -")
    if s in t:
        return float(t[s][0])
    low = s.lower()
    for k, (mult, cs) in t.items():
        if cs == "0" and k == low:
            return float(mult)
    return 1.0


_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def _atom(text: str, m: re.Match[str]) -> tuple[int, int, float, bool] | None:
    if m.group("d"):
        raw = m.group("d")
        try:
            return m.start(), m.end(), float(raw.replace(",", "")), False
        except ValueError:
            return None
    raw = m.group("w")
    low = raw.lower()
    # a lone "one" is usually a pronoun ("one of the biggest"); a lone scale word is no figure
    if low in ("one", "hundred", "thousand", "million", "billion", "trillion", "dozen"):
        nxt = text[m.end() : m.end() + 12]
        if low == "one" and not re.match(r"^[ -](?:year|month|week|day|hour|minute|person|man|woman)", nxt, re.I):
            return None
        if low != "one":
            return None
    val = parse_number_words(raw)
    if val is None:
        return None
    return m.start(), m.end(), val, True


def _extend(text: str, start: int, end: int, value: float, words: bool) -> Quantity | None:
    p = _patterns()
    t = _tables()
    kind, unit, compound = "count", "", False
    # scale word right after the figure
    m = p["scale"].match(text[end:])
    if m and not (words and m.group(0).strip() in ("m", "b", "k", "MM")):
        mult = _scale_of(m.group(0))
        # "5 m" could be metres: a case-sensitive abbreviation needs money around it
        value *= mult
        end += m.end()
    before = text[max(0, start - 8) : start]
    pm = p["prefix"].search(before)
    if pm is not None:
        mark = pm.group(0).rstrip()
        at = start - len(pm.group(0))
        if mark in ("e", "p") and (pm.group(0) != mark or (at > 0 and text[at - 1].isalnum()) or words):
            pm = None  # "e"/"p" only glued to a digit and standing alone ("e85 million")
        elif mark.isalpha() and at > 0 and text[at - 1].isalnum():
            pm = None
    if pm:
        kind = "money"
        unit = t["currencies"]["prefix|" + pm.group(0).rstrip()][0]
        start -= len(pm.group(0))
        # a scale written after a currency-prefixed figure with a hyphen ("$137-million")
        m2 = p["scale"].match(text[end:])
        if m2:
            value *= _scale_of(m2.group(0))
            end += m2.end()
    else:
        sm = p["suffix"].match(text[end:])
        if sm:
            word = sm.group(0).strip(" -")
            code = None
            for k, (c,) in t["currencies"].items():
                if k.startswith("suffix|") and k.split("|", 1)[1].lower() == word.lower():
                    code = c
                    break
            if code is not None:
                kind, unit = "money", code
                end += sm.end()
    if kind == "count":
        am = p["age"].match(text[end:])
        if am:
            kind, unit, compound = "age", "years", True
            end += am.end()
        else:
            um = p["unit"].match(text[end:])
            if um:
                surface = um.group(0).strip(" -")
                entry = t["units"].get(surface) or t["units"].get(surface.lower())
                if entry is not None and not (surface == "m" and value >= 1e6):
                    kind, unit = entry[0], entry[1]
                    value = round(value * float(entry[2]), 2) if entry[2] != "1" else value
                    compound = um.group(0).startswith("-")
                    end += um.end()
    return Quantity(start, end, text[start:end], value, kind, unit, None, compound, words)


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    m = _patterns()["qual"].search(text[max(0, start - 30) : start])
    if not m:
        return None, start
    phrase = m.group(1).lower()
    q = _tables()["qualifiers"].get(phrase)
    if q is None:
        return None, start
    return q[0], max(0, start - 30) + m.start(1)


_FUNCTION_WORDS = re.compile(r"(?:,|\b(?i:aged?|at|of|to|by|and|or|than|about|some|nearly|only|all|the|almost|around|dies|died|was|were|is|are|in|on|with))\s$")
_MIXED = re.compile(r"(?<![\w./,-])(\d{1,3})[ -](\d)/(\d{1,2})(?![\w/])")
_PHONE = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-.]\d{4}\b|\b\d{3}[-.]\d{4}\b|\b\d{3}-\w+-\d+")


def _after_name(text: str, start: int) -> bool:
    """A figure glued to a proper name ("Highway 214", "Boeing 747")."""
    before = text[max(0, start - 20) : start]
    return bool(re.search(r"[A-Z][\w.]*\s$", before)) and not _FUNCTION_WORDS.search(before)


def _range(text: str, q: Quantity, raw: float, nxt: tuple[int, int, float, bool]) -> Quantity | None:
    s2, e2, v2, w2 = nxt
    if s2 < q.end:
        return None
    gap = re.sub(r"US|[\s$€£]", "", text[q.end : s2]).lower()
    between = re.search(r"\bbetween\s+$", text[max(0, q.start - 12) : q.start], re.I)
    if gap not in ("-", "–", "—", "to", "or") and not (gap == "and" and between):
        return None
    q2 = _extend(text, s2, e2, v2, w2)
    if q2 is None or q2.kind not in (q.kind, "count") and q.kind != "count":
        return None
    kind, unit = (q.kind, q.unit) if q2.kind == "count" and q2.unit == "" else (q2.kind, q2.unit)
    lo = q.value if isinstance(q.value, float) else q.value[0]
    hi = q2.value if isinstance(q2.value, float) else q2.value[1]
    if lo == raw and v2 and hi / v2 > 1 and not isinstance(q2.value, tuple):
        lo = raw * (hi / v2)  # the scale of the second figure applies to the first
    if not lo < hi:
        return None
    start = q.start
    if between:
        start = max(0, q.start - 12) + between.start()
    return Quantity(start, q2.end, text[start : q2.end], (lo, hi), kind, unit, "range", False, q.words and q2.words)


def find_quantities(text: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every figure in ``text``, in order. ``skip`` spans (dates, clock times) are not read.

    Years (1800-2099 without unit or currency), figures glued to a proper name
    ("Highway 214", "Boeing 747") and figures inside ``skip`` are left out.
    """
    skip = list(skip or [])
    skip.extend((m.start(), m.end()) for m in _PHONE.finditer(text))
    skip.extend((m.start(), m.end()) for m in re.finditer(r"\b\d+\s+block\b", text))
    atoms: list[tuple[int, int, float, bool]] = []
    # "2 1/2 years", "a 2-1/2 year sentence": a whole number and a fraction are one figure
    mixed = [(m.start(), m.end(), int(m.group(1)) + int(m.group(2)) / int(m.group(3)), False)
             for m in _MIXED.finditer(text) if 0 < int(m.group(2)) < int(m.group(3))]
    for m in _patterns()["number"].finditer(text):
        a = _atom(text, m)
        if a is None:
            continue
        if any(s <= a[0] < e for s, e in skip):
            continue
        whole = next((x for x in mixed if x[0] <= a[0] < x[1]), None)
        if whole is not None:
            if whole[0] == a[0]:
                atoms.append(whole)
            continue
        atoms.append(a)
    out: list[Quantity] = []
    i = 0
    while i < len(atoms):
        s, e, v, w = atoms[i]
        q = _extend(text, s, e, v, w)
        if q is None:
            i += 1
            continue
        # ranges: "$140-150 million", "$140 million to $160 million", "three or four robbers"
        if i + 1 < len(atoms):
            r = _range(text, q, v, atoms[i + 1])
            if r is not None:
                out.append(r)
                i += 2
                continue
        if q.kind == "count" and q.unit == "" and not q.words and _YEAR.match(text[s:e]):
            i += 1
            continue
        if q.kind == "count" and not q.words and _after_name(text, q.start):
            i += 1
            continue
        qual, qs = _qualifier(text, q.start)
        if qual:
            q = Quantity(qs, q.end, text[qs : q.end], q.value, q.kind, q.unit, qual, q.compound, q.words)
        out.append(q)
        i += 1
    return out
