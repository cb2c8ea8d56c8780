"""The server-rendered web UI (Jinja2, autoescaped: article text is untrusted HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from eventwire.serve.app import store_of
from eventwire.store import Store

__all__ = ["router", "mount_static", "error_page", "render"]

router = APIRouter(include_in_schema=False)
_STATIC = Path(__file__).parent / "static"
_env = Environment(
    loader=PackageLoader("eventwire.serve", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)


def render(template: str, **ctx: Any) -> str:
    return _env.get_template(template).render(**ctx)


def error_page(status: int, code: str, message: str) -> str:
    return render("error.html", status=status, code=code, message=message)


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Store = Depends(store_of)) -> HTMLResponse:
    from eventwire.corpus.canonical.view import list_stories

    return HTMLResponse(render("home.html", stories=list_stories(store, 1)[:50]))
