"""Query helpers shared by the CLI and the Python API."""

from __future__ import annotations

import re
from typing import Any

from eventwire.errors import UsageError

__all__ = ["event_filters", "STATUSES"]

STATUSES = ("planned", "happened", "ongoing", "negated", "hypothetical", "reported-claim")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_date(name: str, value: str) -> str:
    """A real calendar date (or year, or month): 2023-13-45 and 2023-02-30 are refused."""
    import datetime as dt

    ok = bool(_DATE.match(value))
    if ok:
        parts = [int(x) for x in value.split("-")] + [1, 1]
        try:
            dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            ok = False
    if not ok:
        raise UsageError(
            f"--{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}", "E002"
        )
    return value


def event_filters(
    country: str | None = None,
    plover_type: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
) -> dict[str, Any]:
    """Store filters for events.

    A country or an actor (id or id prefix, through ``event_actors``) matches either side. ``since``/``until`` select events whose date range
    overlaps the period; partial dates ("2023", "2023-12") cover their whole period.
    """
    f: dict[str, Any] = {}
    if status and status not in STATUSES:
        raise UsageError(f"unknown status {status!r}; choose one of: {', '.join(STATUSES)}", "E002")
    if country:
        f["source_country|target_country__any"] = country.upper()
    if plover_type:
        f["plover_type"] = plover_type.upper()
    if actor:
        f["actor"] = actor
    if status:
        f["status"] = status
    if since:
        f["date_end__ge"] = _check_date("since", since)
    if until:
        # widen a partial date to the end of its period for string comparison
        f["date_begin__le"] = _check_date("until", until) + "-99" * (2 - until.count("-"))
    return f
