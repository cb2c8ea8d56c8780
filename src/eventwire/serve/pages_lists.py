"""The events table (filters, pages, export), the actor page and the country-pair page
(relation timeline and a chart of event counts by type over time)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse

from eventwire.errors import UsageError
from eventwire.query import STATUSES
from eventwire.serve.app import store_of
from eventwire.serve.chart import periods_between, stacked_bars
from eventwire.serve.pages import api_url, download_url, not_found, page
from eventwire.store import Store, schema

__all__ = ["router", "EVENT_FILTERS", "event_types", "country_pairs"]

router = APIRouter(include_in_schema=False)

# the events table's filters (names as the API's), in form order
EVENT_FILTERS = ("q", "type", "status", "actor", "country", "since", "until", "story", "article")
_SORTS = {"-date": "newest first", "date": "oldest first", "-confidence": "most confident"}


def event_types(store: Store) -> list[str]:
    """The PLOVER types present in the store (for the filter's choices)."""
    ev = schema.events
    q = sa.select(ev.c.plover_type).where(ev.c.plover_type.isnot(None)).distinct()
    with store.engine.connect() as conn:
        return sorted(str(r[0]) for r in conn.execute(q))


def country_pairs(store: Store, country: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Country pairs (sorted ISO alpha-3 codes) with body events between the two, most
    events first: [{"countries": [a, b], "n_events"}] (one grouped COUNT in SQL)."""
    ev = schema.events
    src, tgt = ev.c.source_country, ev.c.target_country
    lo = sa.case((src < tgt, src), else_=tgt)
    hi = sa.case((src < tgt, tgt), else_=src)
    q = sa.select(lo.label("a"), hi.label("b"), sa.func.count().label("n")).where(
        src.isnot(None), tgt.isnot(None), src != tgt, ev.c.segment == "body")
    if country:
        q = q.where(sa.or_(src == country.upper(), tgt == country.upper()))
    q = q.group_by(lo, hi).order_by(sa.desc("n"), lo, hi).limit(limit)
    with store.engine.connect() as conn:
        return [{"countries": [r.a, r.b], "n_events": int(r.n)} for r in conn.execute(q)]


def _q(max_length: int = 100) -> Any:
    return Query("", max_length=max_length)


@router.get("/events", response_class=HTMLResponse)
def events(
    q: str = _q(200), type: str = _q(), status: str = _q(), actor: str = _q(),
    country: str = _q(), since: str = _q(10), until: str = _q(10),
    story: str = _q(64), article: str = _q(64),
    sort: str = Query("-date", max_length=20), cursor: str | None = Query(None, max_length=500),
    store: Store = Depends(store_of),
) -> HTMLResponse:
    from eventwire.serve.queries import list_page

    raw = {"q": q, "type": type, "status": status, "actor": actor, "country": country,
           "since": since, "until": until, "story": story, "article": article}
    filters = {k: v.strip() for k, v in raw.items() if v and v.strip()}
    if sort not in _SORTS:
        sort = "-date"
    error = None
    result: dict[str, Any] = {"items": [], "next_cursor": None}
    try:
        result = list_page(store, "events", filters, sort, cursor, 50)
    except UsageError as e:
        error = e.message
    exports = {fmt: download_url(fmt, {**filters, "sort": sort}) for fmt in ("csv", "jsonl", "parquet")}
    next_url = None
    if result["next_cursor"]:
        from eventwire.serve.pages import query_string

        next_url = "/events" + query_string({**filters, "sort": sort, "cursor": result["next_cursor"]})
    return page("events.html", status=400 if error else 200, f=filters, sort=sort, sorts=_SORTS,
                types=event_types(store), statuses=STATUSES, rows=result["items"],
                next_url=next_url, first_page=cursor is None, exports=exports, error=error,
                json_url=api_url("events", {**filters, "sort": sort}))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(actor_id: str = Path(..., min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_-]+$"),
          store: Store = Depends(store_of)) -> HTMLResponse:
    from eventwire.serve.queries import actor_detail

    d = actor_detail(store, actor_id)
    if d is None:
        raise not_found(f"actor {actor_id}")
    return page("actor.html", d=d, ac=d["actor"], json_url=api_url("actor", id=actor_id))


@router.get("/pairs", response_class=HTMLResponse)
def pairs(country: str = Query("", max_length=3, pattern=r"^([A-Za-z]{3})?$"),
          store: Store = Depends(store_of)) -> HTMLResponse:
    items = country_pairs(store, country or None, 200)
    return page("pairs.html", items=items, country=country.upper(),
                json_url=api_url("pairs", {"country": country.upper()}))


def _cc() -> Any:
    return Path(..., min_length=3, max_length=3, pattern=r"^[A-Za-z]{3}$")


@router.get("/pairs/{a}/{b}", response_class=HTMLResponse)
def pair(a: str = _cc(), b: str = _cc(), store: Store = Depends(store_of)) -> HTMLResponse:
    from eventwire.serve.queries import pair_detail

    d = pair_detail(store, a, b, "month")
    periods = sorted({r["period"] for r in d["counts"]})
    if periods and len(periods_between(periods[0], periods[-1])) > 36:
        d = pair_detail(store, a, b, "year")  # a long span: a bar per year
    x, y = d["countries"]
    return page("pair.html", d=d, x=x, y=y, chart=stacked_bars(d["counts"]),
                json_url=api_url("pair", a=x, b=y))
