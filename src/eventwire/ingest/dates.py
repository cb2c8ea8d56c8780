"""Parsing the dates found in datelines and metadata fields into ISO dates."""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["MONTHS", "DATE_RE", "parse_date_text", "iso_from_metadata"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WD = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"

# one regex for the date shapes of datelines: "7th December 2023", "December 7, 2023",
# "Dec. 7", "7 Dec", "2023-12-07", "12/07/2023" is too ambiguous and left out.
DATE_RE = (
    r"(?:" + _WD + r"(?:"
    + _DAY + r"(?:\s+of)?\s+" + _MON + r"(?:,?\s+" + _YEAR + r")?"
    + r"|" + _MON + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?"
    + r"|" + _YEAR + r"-[01]\d-[0-3]\d"
    + r"))"
)
_DATE_FULL = re.compile(r"^\s*" + DATE_RE + r"\s*$", re.I)


def _mk(y: int | None, m: int, d: int) -> tuple[int | None, int, int] | None:
    try:
        _dt.date(y or 2000, m, d)
    except ValueError:
        return None
    return (y, m, d)


def parse_date_text(s: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) for a dateline date such as "7th December 2023" or
    "Dec 7"; None when ``s`` is not such a date."""
    s = s.strip().strip(",")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    s2 = re.sub(r"^" + _WD, "", s, flags=re.I)
    words = re.findall(r"[A-Za-z]+|\d+", s2)
    year = day = month = None
    for w in words:
        lw = w.lower()
        if lw in MONTHS and month is None:
            month = MONTHS[lw]
        elif w.isdigit():
            if len(w) == 4 and year is None:
                year = int(w)
            elif len(w) <= 2 and day is None:
                day = int(w)
        elif lw in ("st", "nd", "rd", "th", "of"):
            continue
    if month is None or day is None:
        return None
    return _mk(year, month, day)


def iso_from_metadata(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata value: ISO strings/datetimes, RFC 2822,
    time tuples, "7 December 2023", epoch seconds; None if not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return _dt.datetime.fromtimestamp(float(value), _dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, tuple) and len(value) >= 3 and all(isinstance(v, int) for v in value[:3]):
        r = _mk(value[0], value[1], value[2])
        return f"{r[0]:04d}-{r[1]:02d}-{r[2]:02d}" if r and r[0] else None
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        r = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return f"{r[0]:04d}-{r[1]:02d}-{r[2]:02d}" if r and r[0] else None
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        r = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return f"{r[0]:04d}-{r[1]:02d}-{r[2]:02d}" if r and r[0] else None
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    m2 = re.search(DATE_RE, s, re.I)
    if m2:
        r = parse_date_text(m2.group(0))
        if r and r[0]:
            return f"{r[0]:04d}-{r[1]:02d}-{r[2]:02d}"
    return None
