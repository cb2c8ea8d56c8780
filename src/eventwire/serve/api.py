"""The JSON API under ``/api``: every list is filtered, sorted and paginated; every
record keeps its provenance (article id + character offsets)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from eventwire.serve.app import json_ok, store_of
from eventwire.store import Store

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/health", summary="Is the server up, and which schema does its store have?")
def health(store: Store = Depends(store_of)) -> dict[str, Any]:
    return json_ok({"schema": store.schema_revision()})


@router.get("/stories", summary="Stories (groups of articles about one happening), newest first")
def stories(
    min_articles: int = Query(1, ge=1, le=100_000, description="Only stories this big or bigger."),
    store: Store = Depends(store_of),
) -> dict[str, Any]:
    from eventwire.corpus.canonical.view import list_stories

    return json_ok({"items": list_stories(store, min_articles)})
