"""Story and article pages: a story's events timeline, facts panel and articles; an
article's text with its annotations highlighted, every record linking to its span."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path
from fastapi.responses import HTMLResponse

from eventwire.serve.app import store_of
from eventwire.serve.highlight import pieces
from eventwire.serve.pages import api_url, not_found, page, source_label
from eventwire.store import Store

__all__ = ["router", "LAYERS", "FACT_LABELS"]

router = APIRouter(include_in_schema=False)

# layer name -> (record list in article_detail, legend text); the order is the legend's
LAYERS = {
    "entity": ("entities", "names"),
    "date": ("timexes", "dates"),
    "event": ("events", "events"),
    "fact": ("facts", "facts"),
}
# segments shown dimmed (not the story's claims)
_DIM_SEGMENTS = ("caption", "repeat", "fragment", "boilerplate", "byline", "dateline")
FACT_LABELS = ("conflict", "update", "complement", "agree", "single-source")

def _id() -> Any:
    return Path(..., min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_-]+$")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(story_id: str = _id(), store: Store = Depends(store_of)) -> HTMLResponse:
    from eventwire.serve.queries import story_detail

    d = story_detail(store, story_id)
    if d is None:
        raise not_found(f"story {story_id}")
    groups: dict[str, list[dict[str, Any]]] = {lab: [] for lab in FACT_LABELS}
    for g in d.get("facts", []):
        groups.setdefault(g["label"], []).append(g)
    outlets = {a["id"]: source_label(a) for a in d["articles"]}
    return page("story.html", d=d, s=d["story"], fact_groups=groups, outlets=outlets,
                json_url=api_url("story", id=story_id))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(article_id: str = _id(), store: Store = Depends(store_of)) -> HTMLResponse:
    from eventwire.serve.queries import article_detail

    d = article_detail(store, article_id)
    if d is None:
        raise not_found(f"article {article_id}")
    text = d["article"].get("text") or ""
    layers: dict[str, list[dict[str, Any]]] = {name: d.get(kind, []) for name, (kind, _) in LAYERS.items()}
    for seg in d.get("segments", []):
        if seg.get("kind") in _DIM_SEGMENTS:
            layers.setdefault("seg-" + seg["kind"], []).append(seg)
    sentences = [(e["sentence_start"], e["sentence_end"]) for e in d.get("events", [])
                 if isinstance(e.get("sentence_start"), int) and isinstance(e.get("sentence_end"), int)]
    actors = {a["id"]: a for a in d.get("actors", [])}
    return page("article.html", d=d, a=d["article"], pieces=pieces(text, layers, sentences),
                layers=LAYERS, actors=actors, json_url=api_url("article", id=d["article"]["id"]))
