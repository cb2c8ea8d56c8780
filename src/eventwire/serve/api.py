"""The JSON API under ``/api`` (OpenAPI spec at ``/api/openapi.json``).

Every list (``/api/stories``, ``/api/articles``, ``/api/events``, ``/api/facts``,
``/api/actors``) takes its whitelisted filters, ``sort``, ``limit`` and an opaque
``cursor``; its ``/download`` twin streams the whole filtered list as CSV, JSONL or
Parquet. Every record keeps its provenance (article id + character offsets). Errors have
one shape: ``{"ok": false, "error": {"code", "message"}}``.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from eventwire.serve import queries as Q
from eventwire.serve.app import ApiError, json_ok, store_of
from eventwire.store import Store

__all__ = ["router"]


class ErrorBody(BaseModel):
    code: str = Field(description="eventwire error code (see `eventwire codes`)")
    message: str


class ErrorResponse(BaseModel):
    ok: bool = False
    error: ErrorBody


class ListResponse(BaseModel):
    ok: bool = True
    kind: str
    sort: str
    limit: int
    items: list[dict[str, Any]]
    next_cursor: str | None = Field(description="pass back as ?cursor= for the next page; null on the last")
    total: int | None = Field(None, description="matching records (only with ?count=true)")


class DetailResponse(BaseModel):
    model_config = {"extra": "allow"}
    ok: bool = True


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000, description="the article text (plain text or HTML)")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    outlet: str | None = Field(None, max_length=500)
    date: str | None = Field(None, max_length=64, description="publication date (ISO 8601)")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "bad parameter (E002) or unknown kind (E001)"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **ERRORS, 404: {"model": ErrorResponse, "description": "no such record (E007)"},
}

class SafeJSONResponse(JSONResponse):
    """JSON with <, > and & escaped (\\u003c ...): untrusted titles and texts can never be
    read as markup, even by a client that sniffs or inlines the response."""

    def render(self, content: Any) -> bytes:
        raw = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


router = APIRouter(prefix="/api", tags=["api"], default_response_class=SafeJSONResponse)


def _reads_allowed(request: Request, authorization: str | None = Header(
        None, description="`Bearer <token>`: needed for writes, and for reads when the server's reads are closed")) -> None:
    """Reads are open unless the server was started with closed reads."""
    if request.app.state.settings.open_reads:
        return
    _check_token(request, authorization, "read")


def _check_token(request: Request, authorization: str | None, scope: str) -> dict[str, Any]:
    from eventwire.store.tokens import verify_token

    if not authorization:
        raise ApiError(401, "E009", "an API token is needed: Authorization: Bearer <token>")
    kind, _, token = authorization.partition(" ")
    if kind.lower() != "bearer" or not token.strip():
        raise ApiError(401, "E009", "use the header Authorization: Bearer <token>")
    row = verify_token(request.app.state.store, token.strip(), scope)
    if row is None:
        raise ApiError(403, "E010", "the API token is not valid, revoked, or not allowed to do this")
    return row


Reads = Depends(_reads_allowed)


@router.get("/health", summary="Is the server up, and which schema does its store have?",
            response_model=DetailResponse)
def health(store: Store = Depends(store_of)) -> dict[str, Any]:
    return json_ok({"schema": store.schema_revision()})


# -- lists -------------------------------------------------------------------------------
def _filter_params(kind: str) -> list[inspect.Parameter]:
    params = []
    for name, desc in Q.FILTERS[kind].items():
        if name == "min_articles":
            q = Query(None, ge=1, le=1_000_000, description=desc)
            ann: Any = int | None
        else:
            q = Query(None, min_length=1, max_length=200, description=desc)
            ann = str | None
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=q, annotation=ann))
    return params


def _sort_param(kind: str) -> inspect.Parameter:
    keys = list(Q.SORTS[kind])
    pattern = "^-?(" + "|".join(keys) + ")$"
    return inspect.Parameter("sort", inspect.Parameter.KEYWORD_ONLY, annotation=str | None, default=Query(
        None, pattern=pattern,
        description=f"one of {', '.join(keys)}; prefix - for descending (default {Q.DEFAULT_SORT[kind]})"))


_COMMON = [
    inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
    inspect.Parameter("store", inspect.Parameter.KEYWORD_ONLY, annotation=Store, default=Depends(store_of)),
    inspect.Parameter("_reads", inspect.Parameter.KEYWORD_ONLY, annotation=None, default=Reads),
]


def _filters_of(kind: str, kw: dict[str, Any]) -> dict[str, Any]:
    return {k: kw[k] for k in Q.FILTERS[kind] if kw.get(k) is not None}


def _make_list(kind: str) -> Callable[..., Any]:
    def endpoint(**kw: Any) -> dict[str, Any]:
        store, settings = kw["store"], kw["request"].app.state.settings
        limit = kw["limit"] or settings.page_size
        if limit > settings.max_page_size:
            raise ApiError(400, "E002", f"limit: at most {settings.max_page_size}")
        filters = _filters_of(kind, kw)
        page = Q.list_page(store, kind, filters, kw["sort"], kw["cursor"], limit)
        if kw["count"]:
            page["total"] = Q.count(store, kind, filters)
        return json_ok(page)

    params = [*_COMMON, *_filter_params(kind), _sort_param(kind),
              inspect.Parameter("cursor", inspect.Parameter.KEYWORD_ONLY, annotation=str | None, default=Query(
                  None, min_length=1, max_length=1000, description="next_cursor of the previous page")),
              inspect.Parameter("limit", inspect.Parameter.KEYWORD_ONLY, annotation=int | None, default=Query(
                  None, ge=1, le=Q.MAX_LIMIT, description="page size (default 50, at most the server's max_page_size)")),
              inspect.Parameter("count", inspect.Parameter.KEYWORD_ONLY, annotation=bool, default=Query(
                  False, description="also count every matching record (one SQL COUNT)"))]
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = f"list_{kind}"
    return endpoint


def _make_download(kind: str) -> Callable[..., Any]:
    def endpoint(**kw: Any) -> StreamingResponse:
        from eventwire.serve.downloads import stream

        filters = _filters_of(kind, kw)
        fmt = kw["format"]
        body, media = stream(kw["store"], kind, filters, kw["sort"], fmt)
        headers = {"content-disposition": f'attachment; filename="{kind}.{fmt}"'}
        return StreamingResponse(body, media_type=media, headers=headers)

    params = [*_COMMON, *_filter_params(kind), _sort_param(kind),
              inspect.Parameter("format", inspect.Parameter.KEYWORD_ONLY, annotation=str, default=Query(
                  "csv", pattern="^(csv|jsonl|parquet)$", description="csv, jsonl or parquet"))]
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = f"download_{kind}"
    return endpoint


_LIST_SUMMARY = {
    "stories": "Stories (groups of articles about one happening), latest first",
    "articles": "Articles (without their text), latest published first",
    "events": "Events (coded PLOVER events, each with its article and evidence span), latest first",
    "facts": "Fact statements (each with its article and span)",
    "actors": "Actors (people, organisations, countries), by name",
}

for _kind in Q.KINDS:
    router.add_api_route(f"/{_kind}", _make_list(_kind), methods=["GET"], summary=_LIST_SUMMARY[_kind],
                         response_model=ListResponse, responses=ERRORS, operation_id=f"list_{_kind}")
    router.add_api_route(
        f"/{_kind}/download", _make_download(_kind), methods=["GET"], operation_id=f"download_{_kind}",
        summary=f"Download every {_kind[:-1]} matching the filters (CSV, JSONL or Parquet; streamed)",
        response_class=StreamingResponse, responses={**ERRORS, 200: {"content": {
            "text/csv": {}, "application/x-ndjson": {}, "application/vnd.apache.parquet": {}},
            "description": "the rows, streamed"}})


# -- details -----------------------------------------------------------------------------
def _id() -> Any:
    return Path(..., min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$", description="record id")


def _found(v: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    if v is None:
        raise ApiError(404, "E007", f"no {what} {key!r}")
    return json_ok(v)


@router.get("/stories/{story_id}", response_model=DetailResponse, responses=NOT_FOUND,
            summary="A story: its articles, events timeline, facts (with agreement labels and sources)")
def story(story_id: str = _id(), store: Store = Depends(store_of), _r: None = Reads) -> dict[str, Any]:
    return _found(Q.story_detail(store, story_id), "story", story_id)


@router.get("/articles/{article_id}", response_model=DetailResponse, responses=NOT_FOUND,
            summary="An article: text and annotations with character offsets (entities, dates, events, facts)")
def article(article_id: str = _id(), store: Store = Depends(store_of), _r: None = Reads) -> dict[str, Any]:
    return _found(Q.article_detail(store, article_id), "article", article_id)


@router.get("/events/{event_id}", response_model=DetailResponse, responses=NOT_FOUND,
            summary="An event with its article and its evidence (sentence and trigger offsets)")
def event(event_id: str = _id(), store: Store = Depends(store_of), _r: None = Reads) -> dict[str, Any]:
    return _found(Q.event_detail(store, event_id), "event", event_id)


@router.get("/actors/{actor_id}", response_model=DetailResponse, responses=NOT_FOUND,
            summary="An actor: articles naming it, its events and event types")
def actor(actor_id: str = _id(), store: Store = Depends(store_of), _r: None = Reads) -> dict[str, Any]:
    return _found(Q.actor_detail(store, actor_id), "actor", actor_id)


def _iso3() -> Any:
    return Path(..., pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 country code")


@router.get("/relations", response_model=DetailResponse, responses=ERRORS,
            summary="Country pairs with events between them, most events first")
def relations(
    country: str | None = Query(None, pattern=r"^[A-Za-z]{3}$", description="only pairs with this country"),
    limit: int = Query(100, ge=1, le=1000),
    store: Store = Depends(store_of), _r: None = Reads,
) -> dict[str, Any]:
    return json_ok({"items": Q.pairs(store, country, limit)})


@router.get("/relations/{a}/{b}", response_model=DetailResponse, responses=ERRORS,
            summary="Relations between two countries: relation timeline and event counts by type over time")
def relation_pair(
    a: str = _iso3(), b: str = _iso3(),
    period: str = Query("month", pattern="^(month|year)$"),
    store: Store = Depends(store_of), _r: None = Reads,
) -> dict[str, Any]:
    return json_ok(Q.pair_detail(store, a, b, period))


@router.get("/search", response_model=DetailResponse, responses=ERRORS,
            summary="Full-text search over article titles and texts (best first)")
def search(
    q: str = Query(..., max_length=500, description="words that must all occur"),
    limit: int = Query(20, ge=1, le=200),
    store: Store = Depends(store_of), _r: None = Reads,
) -> dict[str, Any]:
    return json_ok({"items": store.search(q, limit)})


# -- writes ------------------------------------------------------------------------------
@router.post("/articles", status_code=201, response_model=DetailResponse,
             responses={**ERRORS, 401: {"model": ErrorResponse}, 403: {"model": ErrorResponse},
                        413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
             summary="Ingest one article (needs a write token); it is stored and analyzed like `eventwire run` does")
def post_article(
    request: Request,
    article: ArticleIn = Body(...),
    analyze: bool = Query(True, description="analyze it now (false: store only; `eventwire analyze` later)"),
    authorization: str | None = Header(None, description="Bearer <token> (`eventwire tokens create`)"),
) -> dict[str, Any]:
    _check_token(request, authorization, "write")
    from eventwire.serve.ingest import Ingestor

    state = request.app.state
    if getattr(state, "ingestor", None) is None:
        state.ingestor = Ingestor(state.store)
    rec = {k: v for k, v in article.model_dump().items() if v is not None}
    return json_ok(state.ingestor.ingest(rec, analyze=analyze))
