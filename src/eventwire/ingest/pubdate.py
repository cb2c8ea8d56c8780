"""Publication dates stated by the article's own text: date stamps and date lines.

A *stamp* is a short line (or the prefix of the first paragraph) that is only a date with
its label, time and zone: "PUBLISHED: 02:31 GMT, 12 March 2013 | UPDATED: …",
"Posted: 04/9/2012 8:33 am", "11/30/09 05:40 PM ET", "Article posted on 08.07.2012",
"TNN Nov 12, 2011, 05. 51AM IST MUMBAI:". :func:`find_stamps` finds them in the opening
lines (and labelled ones anywhere in the first part of the text); :func:`stated_date`
picks the publication date among them: published wins over updated, and a numeric date
that reads both ways ("11/10/11") is resolved by the page's own evidence (another numeric
date with a part > 12, the stamp's weekday, a full date the page states, the time zone),
else read month first with a lower confidence.

The vocabulary (labels, words a stamp may hold, time zones with their date order) is data:
``resources/dates/stamps.json``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventwire.ingest.dates import MONTHS

__all__ = [
    "DateHit",
    "Stamp",
    "StatedDate",
    "find_date_hits",
    "find_stamps",
    "is_stamp_line",
    "order_evidence",
    "stated_date",
    "year_for",
]

_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}
_Y4 = r"(?:1[89]\d\d|20\d\d|2100)"
_NAMED_MDY = re.compile(
    r"(?<![A-Za-z])(?P<mon>" + _MON + r")\.?(?:"
    r"-(?P<day2>[0-3]?\d)-(?P<yy>\d\d)(?!\d)"  # Dec-19-05
    r"|\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])(?:(?:,\s*|\s+)(?P<year>" + _Y4 + r")(?![\d:]))?"
    r")",
    re.I,
)
_NAMED_DMY = re.compile(
    r"(?<![\d:.])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:of\s+)?(?:-\s*)?(?P<mon>" + _MON + r")(?![a-z])\.?"
    r"(?:(?:,\s*|\s+|-)(?P<year>" + _Y4 + r")(?![\d:]))?",
    re.I,
)
_NUMERIC = re.compile(
    r"(?<![\d./:-])(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2})(?![\d]|[./-]\d)"
)
_TIME = re.compile(
    r"(?<!\d)\d{1,2}\s?[:.]\s?\d{2}(?:\s?[:.]\s?\d{2})?(?:\s*(?:[ap]\.?\s?m\b\.?|[ap](?![a-z])))?"
    r"|(?<!\d)\d{1,2}\s*(?:[ap]\.?\s?m\b\.?)",
    re.I,
)
_GMT_OFFSET = re.compile(r"\(?\s*(?:gmt|utc)\s*[+-]\s*\d{1,2}(?:\s?:\s?\d{2})?\s*\)?", re.I)
_HEAD_LINES = 15
_LABELLED_SPAN = 0.5  # labelled stamps are looked for in this leading share of the text


@functools.cache
def _vocab() -> dict[str, Any]:
    path = resources.files("eventwire") / "resources" / "dates" / "stamps.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@functools.cache
def _label_res() -> list[tuple[str, re.Pattern[str]]]:
    pairs: list[tuple[str, str]] = []
    for label, phrases in _vocab()["labels"].items():
        for p in phrases:
            pairs.append((label, p))
    pairs.sort(key=lambda x: -len(x[1]))
    return [(lab, re.compile(r"(?<![a-z])" + re.escape(p).replace(r"\ ", r"\s+") + r"(?![a-z])", re.I)) for lab, p in pairs]


@functools.cache
def _words_ok() -> frozenset[str]:
    v = _vocab()
    words = set(v["stamp_words"]) | set(v["zones_month_first"]) | set(v["zones_day_first"])
    return frozenset(words | set(_WEEKDAYS) | set(MONTHS))


@dataclass(frozen=True)
class DateHit:
    """A date expression: its span and the (year, month, day) readings it allows.

    ``year`` is None when the text gives none ("Dec. 24"). ``kind`` is "named" (month
    name), "iso" (year first) or "numeric" (day and month as numbers; ``sep`` is the
    separator). An ambiguous numeric date has two readings, month-first one first.
    """

    start: int
    end: int
    kind: str
    readings: tuple[tuple[int | None, int, int], ...]
    sep: str = ""

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        _dt.date(y or 2000, m, d)
    except ValueError:
        return False
    return True


def _year2(yy: int) -> int:
    return 2000 + yy if yy < 70 else 1900 + yy


def find_date_hits(text: str) -> list[DateHit]:
    """Every explicit calendar date in ``text`` (month-name and numeric forms)."""
    hits: list[DateHit] = []
    for m in _NAMED_MDY.finditer(text):
        mon = MONTHS[m.group("mon").lower().rstrip(".")]
        if m.group("day2"):
            y: int | None = _year2(int(m.group("yy")))
            d = int(m.group("day2"))
        else:
            d = int(m.group("day"))
            y = int(m.group("year")) if m.group("year") else None
        if _valid(y, mon, d):
            hits.append(DateHit(m.start(), m.end(), "named", ((y, mon, d),)))
    for m in _NAMED_DMY.finditer(text):
        mon = MONTHS[m.group("mon").lower().rstrip(".")]
        d = int(m.group("day"))
        y = int(m.group("year")) if m.group("year") else None
        if _valid(y, mon, d):
            hits.append(DateHit(m.start(), m.end(), "named", ((y, mon, d),)))
    for m in _NUMERIC.finditer(text):
        a, b, c, sep = m.group("a"), int(m.group("b")), m.group("c"), m.group("sep")
        if len(a) == 4:
            if len(c) > 2:
                continue
            y4, mo, dd = int(a), b, int(c)
            if 1900 <= y4 <= 2100 and _valid(y4, mo, dd):
                hits.append(DateHit(m.start(), m.end(), "iso", ((y4, mo, dd),), sep))
            continue
        if len(a) > 2:
            continue
        yr = int(c) if len(c) == 4 else _year2(int(c))
        if not 1900 <= yr <= 2100:
            continue
        ai = int(a)
        readings: list[tuple[int | None, int, int]] = []
        md = (yr, ai, b)  # month first
        dm = (yr, b, ai)  # day first
        if sep == ".":
            order = [dm, md]  # dotted dates are day first by convention
        else:
            order = [md, dm]
        for r in order:
            if _valid(*r) and r not in readings:
                readings.append(r)
        if readings:
            hits.append(DateHit(m.start(), m.end(), "numeric", tuple(readings), sep))
    # overlapping matches: keep the earliest, then the longest
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[DateHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


@dataclass(frozen=True)
class Stamp:
    """A date stamp: the date hit, its label and the span of the stamp text."""

    start: int
    end: int
    label: str  # published | posted | created | release | date | updated | edited
    hit: DateHit
    weekday: int | None  # the weekday the stamp names (1 = Monday), if any


def _leftover_words(s: str) -> list[str]:
    s = _GMT_OFFSET.sub(" ", s)
    s = _TIME.sub(" ", s)
    ok = _words_ok()
    return [w for w in re.findall(r"[A-Za-z]+", s) if w.lower() not in ok]


def is_stamp_line(line: str) -> bool:
    """True when ``line`` is only a date with stamp words, a time and a zone, and at most
    one other word or a short capitalised label (an agency, a place)."""
    if len(line) > 160:
        return False
    hits = find_date_hits(line)
    if not hits:
        return False
    return _stamp_rest_ok(line, hits)


def _stamp_rest_ok(line: str, hits: list[DateHit]) -> bool:
    # a date without a year, a time or a label is too weak ("Obama in China, Dec 7")
    if not any(h.readings[0][0] is not None for h in hits) and not _TIME.search(line):
        if _label_before(line) == "date":
            return False
    rest = line
    for h in reversed(hits):
        rest = rest[: h.start] + " " + rest[h.end :]
    left = _leftover_words(rest)
    return len(left) <= 1 or (len(left) <= 4 and all(w[0].isupper() for w in left))


_PREFIX_END = re.compile(r"(?<![\d\s])\s*:\s|\s[-–—]+\s|—|(?<=\d)\s?[-–|](?=\s?[A-Z])")


def _label_before(seg: str) -> str:
    best: tuple[int, str] | None = None
    for lab, rx in _label_res():
        for m in rx.finditer(seg):
            if best is None or m.start() > best[0]:
                best = (m.start(), lab)
    return best[1] if best else "date"


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for ln in text.split("\n"):
        s, e = pos, pos + len(ln)
        pos = e + 1
        lead = len(ln) - len(ln.lstrip())
        trail = len(ln) - len(ln.rstrip())
        if e - trail > s + lead:
            spans.append((s + lead, e - trail))
    return spans


# a capitalised publication label right before a date, at the start of a line or after a
# separator (a body sentence's ", published March 3, 2012," does not count)
_LABEL_AT = re.compile(
    r"(?:^|[|•·.;,–—-]\s*)(?:(?:Last|First|Originally|Story|Article)\s+)?"
    r"(?:Published|PUBLISHED|Posted|POSTED|Updated|UPDATED|Created|Edited|Released|Modified)"
    r"(?:\s+(?:on|at))?\s*:?\s*$"
)


def find_stamps(text: str) -> list[Stamp]:
    """The date stamps of ``text``, in text order: stamp lines among the first lines,
    labelled stamp lines ("Published …", "Posted …", "Updated …") in the first half of the
    text, and a stamp that prefixes the first paragraphs ("TNN Nov 12, 2011, 05. 51AM IST
    MUMBAI: …")."""
    out: list[Stamp] = []
    limit = max(2000, int(len(text) * _LABELLED_SPAN))
    for n, (s, e) in enumerate(_line_spans(text)):
        if s > limit:
            break
        line = text[s:e]
        head = n < _HEAD_LINES
        stamp_text = None
        if len(line) <= 160 and (hits := find_date_hits(line)) and _stamp_rest_ok(line, hits):
            stamp_text = line
        elif head:
            # a stamp that prefixes a paragraph, up to the first ": " or " - "
            hits = find_date_hits(line[:120])
            if hits:
                pm = _PREFIX_END.search(line, hits[0].end)
                if pm and pm.start() <= 120:
                    pre = line[: pm.start()]
                    phits = [h for h in hits if h.end <= pm.start()]
                    if phits and _stamp_rest_ok(pre, phits):
                        stamp_text, hits = pre, phits
        if stamp_text is None and head and len(line) <= 240:
            # a byline carrying a labelled date: "By Jane Doe · Published Dec. 7, 2023"
            labelled = [h for h in find_date_hits(line) if _LABEL_AT.search(line[: h.start])]
            if labelled:
                stamp_text, hits = line, labelled
        if stamp_text is None:
            continue
        prev = 0
        found: list[Stamp] = []
        for h in hits:
            label = _label_before(stamp_text[prev : h.start])
            if not head and label == "date":
                prev = h.end
                continue  # past the opening lines only labelled stamps count
            wd = None
            for w in re.findall(r"[A-Za-z]+", stamp_text[prev : h.start]):
                wd = _WEEKDAYS.get(w.lower(), wd)
            found.append(Stamp(s, s + len(stamp_text), label, _shift(h, s), wd))
            prev = h.end
        out.extend(found)
    return out


def _shift(h: DateHit, by: int) -> DateHit:
    return DateHit(h.start + by, h.end + by, h.kind, h.readings, h.sep)


# ------------------------------------------------------------------ day/month order


@dataclass(frozen=True)
class _Order:
    reading: tuple[int | None, int, int]
    confidence: float
    why: str


_ZONE_AFTER_TIME = re.compile(r"\s*\(?([A-Z]{2,5})\b")


def _zone_votes(head: str) -> tuple[int, int]:
    """Time zones written after a clock time ("8:33 AM PDT", "02:31 GMT"): votes for a US
    (month-first) and a non-US (day-first) site."""
    v = _vocab()
    us = other = 0
    for m in _TIME.finditer(head):
        z = _ZONE_AFTER_TIME.match(head, m.end())
        if not z:
            continue
        w = z.group(1).lower()
        if w in v["zones_month_first"]:
            us += 1
        elif w in v["zones_day_first"]:
            other += 1
    for m in re.finditer(r"\b(GMT|BST|UTC|[A-Z]{2,4}T)\s*,?\s*(?=\d{1,2}\s)", head):
        w = m.group(1).lower()  # "02:31 GMT, 12 March" is caught above; "GMT 12 March" here
        if w in v["zones_day_first"] and not _TIME.search(head[max(0, m.start() - 9) : m.start()]):
            other += 1
    return us, other


def order_evidence(text: str, url: str | None = None) -> tuple[str | None, str]:
    """The page's numeric date order: ("dmy" | "mdy" | None, reason). Another numeric
    date with a day > 12 decides; else the time zones named in the opening lines or the
    URL's country domain (US → month first, elsewhere → day first)."""
    dm = md = 0
    for h in find_date_hits(text):
        if h.kind != "numeric" or h.ambiguous:
            continue
        y, mo, d = h.readings[0]
        if d > 12:
            # which order produced it: compare with the raw text
            raw = text[h.start : h.end]
            first = int(re.split(r"[/.-]", raw)[0])
            if first == d:
                dm += 1
            else:
                md += 1
    if dm and not md:
        return "dmy", "another numeric date on the page is day first"
    if md and not dm:
        return "mdy", "another numeric date on the page is month first"
    us, other = _zone_votes("\n".join(text.split("\n")[:_HEAD_LINES]))
    if us and not other:
        return "mdy", "US time zone"
    if other and not us:
        return "dmy", "non-US time zone"
    if url:
        host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0]
        tld = host.rsplit(".", 1)[-1] if "." in host else ""
        if tld == "us":
            return "mdy", "US domain"
        if len(tld) == 2 and tld not in ("us", "fm", "tv", "io", "co", "me", "ly", "ai"):
            return "dmy", f"country domain .{tld}"
    return None, ""


def _named_full_dates(text: str) -> list[_dt.date]:
    out = []
    for h in find_date_hits(text):
        if h.kind in ("named", "iso") and h.readings[0][0] is not None:
            y, m, d = h.readings[0]
            out.append(_dt.date(y or 2000, m, d))
    return out


# a weekday named after these words is ahead of the publication day ("will play Saturday")
_FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|to|scheduled|plans?|set|expected|next|until|before|by|this coming|upcoming)\b[^.!?]{0,30}$", re.I
)
_WEEKDAY_FULL = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def _weekday_fit(
    readings: list[tuple[int | None, int, int]], text: str, stamp: Stamp
) -> tuple[int | None, int, int] | None:
    """The reading after which the weekdays the story names fall in the few days before:
    news reports "said Friday" of the last days. Decides only by a clear margin."""
    names = [
        (_WEEKDAYS[m.group(0).lower()], bool(_FUTURE_CUE.search(text[max(0, m.start() - 40) : m.start()])))
        for m in _WEEKDAY_FULL.finditer(text)
        if not stamp.start <= m.start() < stamp.end
    ][:40]
    if len(names) < 2:
        return None
    means = []
    for r in readings:
        wd = _dt.date(r[0] or 2000, r[1], r[2]).isoweekday()
        means.append(sum(((n - wd) if fut else (wd - n)) % 7 for n, fut in names) / len(names))
    best = min(range(len(means)), key=lambda i: means[i])
    others = [m for i, m in enumerate(means) if i != best]
    if means[best] <= 2.0 and all(m >= means[best] + 2.0 for m in others):
        return readings[best]
    return None


def _resolve(stamp: Stamp, text: str, url: str | None) -> _Order:
    h = stamp.hit
    if not h.ambiguous:
        return _Order(h.readings[0], 1.0, "")
    readings = list(h.readings)
    if stamp.weekday is not None:
        match = [r for r in readings if _dt.date(r[0] or 2000, r[1], r[2]).isoweekday() == stamp.weekday]
        if len(match) == 1:
            return _Order(match[0], 0.97, "the stamp's weekday")
    order, why = order_evidence(text, url)
    if why.startswith("another"):
        r = readings[1] if (order == "dmy") != (h.sep == ".") else readings[0]
        return _Order(r, 0.95, why)
    # full dates the page states with a month name: a reading within days of one
    dates = _named_full_dates(text)
    if dates:
        near = []
        for r in readings:
            rd = _dt.date(r[0] or 2000, r[1], r[2])
            near.append(min(abs((rd - d).days) for d in dates))
        close = [i for i, dd in enumerate(near) if dd <= 3]
        if len(close) == 1:
            return _Order(readings[close[0]], 0.93, "a date the page states")
    wd = _weekday_fit(readings, text, stamp)
    if wd is not None:
        return _Order(wd, 0.85, "the weekdays the story reports")
    if order is not None:
        r = readings[1] if (order == "dmy") != (h.sep == ".") else readings[0]
        return _Order(r, 0.85, why)
    return _Order(readings[0], 0.7, "day/month order unknown: read " + ("day first (dotted)" if h.sep == "." else "month first"))


# ------------------------------------------------------------------ the stated date


@dataclass(frozen=True)
class StatedDate:
    date: str  # ISO
    confidence: float
    label: str
    evidence: str
    start: int
    end: int


def year_for(month: int, day: int, text: str) -> int | None:
    """The year of a year-less date ("Dec. 24") when the page states a full date within
    45 days of it; None otherwise (the year is not guessed)."""
    best: tuple[int, int] | None = None
    for d in _named_full_dates(text):
        for y in (d.year - 1, d.year, d.year + 1):
            if not _valid(y, month, day):
                continue
            gap = abs((_dt.date(y, month, day) - d).days)
            if gap <= 45 and (best is None or gap < best[0]):
                best = (gap, y)
    return best[1] if best else None


def stated_date(text: str, url: str | None = None) -> StatedDate | None:
    """The publication date that ``text`` states in a stamp, or None.

    Published (or posted, created, released, a bare date line) wins over updated/edited;
    among stamps of the same rank the first counts. A stamp without a year gets one only
    from a full date the page states nearby (:func:`year_for`), with a lower confidence.
    """
    stamps = find_stamps(text)
    if not stamps:
        return None
    prio = {lab: i for i, lab in enumerate(_vocab()["label_priority"])}
    ranked = sorted(stamps, key=lambda s: (prio.get(s.label, 99), s.start))
    for st in ranked:
        order = _resolve(st, text, url)
        y, m, d = order.reading
        conf = order.confidence
        why = f"{st.label} stamp '{text[st.start:st.end].strip()[:80]}'"
        if y is None:
            y = year_for(m, d, text)
            if y is None:
                continue
            conf = min(conf, 0.75)
            why += f"; year {y} from a date the page states"
        if st.label in ("updated", "edited"):
            conf = min(conf, 0.9)
        if order.why:
            why += f"; read as {y:04d}-{m:02d}-{d:02d} by {order.why}"
        return StatedDate(f"{y:04d}-{m:02d}-{d:02d}", round(min(conf, 0.97), 2), st.label, why, st.start, st.end)
    return None
