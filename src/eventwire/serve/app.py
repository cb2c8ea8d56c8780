"""The FastAPI application factory: store, security headers, error shape, routers.

Every ``/api`` error has one shape, ``{"ok": false, "error": {"code", "message"}}``,
with the project's error codes (``eventwire codes``); pages get an HTML error page.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.errors import EventwireError, UsageError
from eventwire.store import Store, open_store

__all__ = ["ServeSettings", "create_app", "ApiError"]

# Scripts and styles only from our own /static; nothing inline, no framing, no plugins.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


@dataclasses.dataclass(frozen=True)
class ServeSettings:
    """How the server behaves. ``open_reads`` False makes every read need a token too."""

    open_reads: bool = True
    max_body_bytes: int = 5_000_000
    page_size: int = 50
    max_page_size: int = 500


class ApiError(Exception):
    """An error with an HTTP status and an eventwire code, rendered in the fixed shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


# HTTP status for an eventwire error raised by the library, by code family
_STATUS_BY_CODE = {"E0": 400, "E1": 422, "E2": 503, "E3": 500, "E4": 502}
_STATUS_OVERRIDES = {"E203": 404}


def _status_for(code: str) -> int:
    return _STATUS_OVERRIDES.get(code, _STATUS_BY_CODE.get(code[:2], 500))


class _SecurityMiddleware:
    """Adds the security headers to every response and refuses bodies over the limit
    (by Content-Length, and by counting when the client streams without one)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            resp = _error_response(
                scope.get("path", ""), 413, "E006", f"request body over {self.max_body} bytes"
            )
            await resp(scope, receive, send)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_body:
                    raise ApiError(413, "E006", f"request body over {self.max_body} bytes")
            return msg

        async def send_with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                hdrs = list(msg.get("headers", []))
                have = {k.lower() for k, _ in hdrs}
                for k, v in SECURITY_HEADERS.items():
                    if k.encode() not in have:
                        hdrs.append((k.encode(), v.encode()))
                msg = {**msg, "headers": hdrs}
            await send(msg)

        await self.app(scope, limited_receive, send_with_headers)


def _error_response(path: str, status: int, code: str, message: str) -> Response:
    if path.startswith("/api"):
        return JSONResponse(
            {"ok": False, "error": {"code": code, "message": message}}, status_code=status,
            headers=SECURITY_HEADERS,
        )
    from eventwire.serve.pages import error_page

    return HTMLResponse(error_page(status, code, message), status_code=status,
                        headers=SECURITY_HEADERS)


def create_app(url: str | None = None, *, settings: ServeSettings | None = None,
               store: Store | None = None) -> FastAPI:
    """The app over the store at ``url`` (or an open ``store``). The schema is not
    migrated here: `eventwire serve` migrates once at start (`eventwire db upgrade`)."""
    from eventwire.serve import api, pages

    settings = settings or ServeSettings()
    app = FastAPI(
        title="eventwire",
        summary="Stories, events, facts and relations from news, each with its sources.",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI needs a CDN and inline script, which the CSP forbids
        redoc_url=None,
        redirect_slashes=False,  # a slash redirect would trust the Host header
    )
    app.state.store = store if store is not None else open_store(url, migrate=False)
    app.state.settings = settings

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _error_response(request.url.path, exc.status, exc.code, exc.message)

    @app.exception_handler(EventwireError)
    async def _eventwire_error(request: Request, exc: EventwireError) -> Response:
        return _error_response(request.url.path, _status_for(exc.code), exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("query", "body"))
        msg = f"{where}: {first.get('msg', 'invalid value')}" if where else "invalid request"
        return _error_response(request.url.path, 400, "E002", msg)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "E007", 405: "E008", 401: "E009", 403: "E010"}.get(exc.status_code, "E002")
        return _error_response(request.url.path, exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        # outside the middleware stack: _error_response sets the security headers itself
        msg = f"internal error ({type(exc).__name__}); please report it"
        return _error_response(request.url.path, 500, "E999", msg)

    app.include_router(api.router)
    if settings.open_reads:
        app.include_router(pages.router)
    else:  # the pages have no token: with closed reads only the API (with a token) answers
        app.include_router(pages.router, dependencies=[Depends(_ui_closed)])
    pages.mount_static(app)
    app.add_middleware(_SecurityMiddleware, max_body=settings.max_body_bytes)
    return app


def _ui_closed() -> None:
    raise ApiError(401, "E009", "reads are closed on this server: use the API with a token")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventwire")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def store_of(request: Request) -> Store:
    """The app's store (a FastAPI dependency)."""
    store: Store = request.app.state.store
    return store


def bad_request(message: str) -> ApiError:
    return ApiError(400, "E002", message)


def usage_to_api(e: UsageError) -> ApiError:
    return ApiError(400, e.code, e.message)


def json_ok(data: Any) -> dict[str, Any]:
    return {"ok": True, **data} if isinstance(data, dict) else {"ok": True, "data": data}
