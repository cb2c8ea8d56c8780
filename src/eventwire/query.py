"""Query helpers shared by the CLI and the Python API."""

from __future__ import annotations

from typing import Any

__all__ = ["event_filters", "filter_by_actor"]


def event_filters(
    country: str | None = None,
    plover_type: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """Store filters for events: country matches either side; dates compare ISO strings."""
    f: dict[str, Any] = {}
    if country:
        f["source_country|target_country__any"] = country.upper()
    if plover_type:
        f["plover_type"] = plover_type.upper()
    if status:
        f["status"] = status
    if since:
        f["date_begin__ge"] = since
    if until:
        f["date_begin__le"] = until
    return f


def filter_by_actor(rows: list[dict[str, Any]], actor_id: str) -> list[dict[str, Any]]:
    return [
        r
        for r in rows
        if any(
            a.startswith(actor_id)
            for a in (r.get("source_actor_ids") or []) + (r.get("target_actor_ids") or [])
        )
    ]
