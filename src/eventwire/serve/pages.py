"""The server-rendered web UI (Jinja2, autoescaped: article text and titles are untrusted
HTML and are only ever rendered as escaped text).

Pages: home (latest stories, search), story, article (text with its annotations),
events table (filters, export), actor, country pair. Every page links its JSON twin
under ``/api``. Routes live in :mod:`pages_story` and :mod:`pages_lists`; this module
holds the template environment, the link helpers and the home page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Query
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from eventwire.errors import UsageError
from eventwire.serve.app import ApiError, store_of
from eventwire.serve.highlight import span_anchor
from eventwire.store import Store

__all__ = ["router", "mount_static", "error_page", "render", "page", "safe_href", "api_url"]

router = APIRouter(include_in_schema=False)
_STATIC = Path(__file__).parent / "static"
_env = Environment(
    loader=PackageLoader("eventwire.serve", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def safe_href(url: Any) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host, else None: stored URLs are
    untrusted (a ``javascript:`` or ``data:`` URL is never rendered as a link)."""
    if not isinstance(url, str) or not url or len(url) > 2000:
        return None
    if any(c in url for c in "\r\n\t\x00") or url != url.strip():
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def query_string(params: dict[str, Any]) -> str:
    """``?a=1&b=2`` of the non-empty params (or "")."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


# The JSON twin of each page (the API's URLs), in one place.
_API = {
    "home": "/api/stories",
    "story": "/api/stories/{id}",
    "article": "/api/articles/{id}",
    "events": "/api/events",
    "actor": "/api/actors/{id}",
    "pairs": "/api/relations",
    "pair": "/api/relations/{a}/{b}",
}


def api_url(name: str, params: dict[str, Any] | None = None, **path: str) -> str:
    from urllib.parse import quote

    url = _API[name].format(**{k: quote(v, safe="") for k, v in path.items()})
    return url + query_string(params or {})


def download_url(fmt: str, params: dict[str, Any]) -> str:
    """A download of the filtered events list (the API streams it)."""
    return "/api/events/download" + query_string({**params, "format": fmt})


def period(begin: str | None, end: str | None) -> str:
    """A date range for people: 2022-01-01..2022-12-31 is "2022", 2023-12-01..2023-12-31
    is "2023-12", a single day is that day; no begin is "undated"."""
    import calendar

    if not begin:
        return "undated"
    if not end or end == begin:
        return begin
    if len(begin) == len(end) == 10 and begin[:4] == end[:4]:
        y = begin[:4]
        if begin[5:] == "01-01" and end[5:] == "12-31":
            return y
        if begin[:7] == end[:7] and begin[8:] == "01" and y.isdigit() and begin[5:7].isdigit():
            last = calendar.monthrange(int(y), int(begin[5:7]))[1]
            if end[8:] == f"{last:02d}":
                return begin[:7]
    return f"{begin}..{end}"


def source_label(a: dict[str, Any]) -> str:
    """Who published an article, for people: its outlet, else its URL's host, else the
    file it was read from."""
    if a.get("outlet"):
        return str(a["outlet"])
    href = safe_href(a.get("url")) or safe_href(a.get("source"))
    if href:
        return urlsplit(href).hostname or href
    src = str(a.get("source") or "")
    return src.replace("\\", "/").rsplit("/", 1)[-1] or f"article {str(a.get('id', ''))[:8]}"


_env.globals.update(
    safe_href=safe_href, anchor=span_anchor, api_url=api_url, query_string=query_string,
    period=period, source_label=source_label,
)


def render(template: str, **ctx: Any) -> str:
    return _env.get_template(template).render(**ctx)


def page(template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(render(template, **ctx), status_code=status)


def error_page(status: int, code: str, message: str) -> str:
    return render("error.html", status=status, code=code, message=message)


def not_found(what: str) -> ApiError:
    return ApiError(404, "E007", f"no {what}")


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")


@router.get("/", response_class=HTMLResponse)
def home(
    q: str = Query("", max_length=200, description="Search the articles' titles and text."),
    cursor: str | None = Query(None, max_length=500),
    store: Store = Depends(store_of),
) -> HTMLResponse:
    from eventwire.serve.queries import list_page

    q = q.strip()
    filters = {"q": q} if q else {}
    error = None
    stories: dict[str, Any] = {"items": [], "next_cursor": None}
    articles: dict[str, Any] = {"items": [], "next_cursor": None}
    try:
        stories = list_page(store, "stories", filters, None, cursor, 25)
        if q:
            articles = list_page(store, "articles", filters, None, None, 25)
    except UsageError as e:
        error = e.message
    return page("home.html", status=400 if error else 200, q=q, stories=stories,
                articles=articles, error=error, json_url=api_url("home", filters))


def _include() -> None:
    from eventwire.serve import pages_lists, pages_story

    router.include_router(pages_story.router)
    router.include_router(pages_lists.router)


_include()
