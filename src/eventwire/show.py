"""An article with all its records, for `eventwire show` and the API."""

from __future__ import annotations

from typing import Any

from eventwire.store import Store

__all__ = ["article_view", "render_article"]

KINDS = ("segments", "sentences", "entities", "timexes", "actor_mentions", "places", "events")



def language_label(a: dict[str, Any]) -> str:
    """The article's language for display: "en (0.99)", "de (0.99), not analyzed"."""
    from eventwire.ingest.language import is_supported

    lang = a.get("language")
    if lang is None:
        return "not detected"
    out = f"{lang} ({(a.get('language_confidence') or 0.0):.2f})"
    return out if is_supported(lang) else out + ", not analyzed"

def article_view(store: Store, article_id: str) -> dict[str, Any] | None:
    art = store.get_article(article_id)
    if art is None:
        return None
    row = next(store.records("articles", filters={"id": art.id}))
    view: dict[str, Any] = {"article": row}
    for k in KINDS:
        view[k] = list(store.records(k, article_id=art.id))
    view["actors"] = list(store.article_actors([art.id]).values())
    view["copies"] = [s for s in store.records("sources", filters={"article_id": art.id})]
    return view


def render_article(view: dict[str, Any], console: Any) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    a = view["article"]
    console.print(f"[bold]{escape(a['title'] or '(no title)')}[/bold]  id={a['id']}")
    console.print(
        f"outlet: {a['outlet'] or '-'}   published: {a['published'] or 'unknown'} "
        f"({a['date_method']}, confidence {a['date_confidence']:.2f})   "
        f"language: {language_label(a)}   source: {a['source']}",
        highlight=False,
        markup=False,
    )
    text = Text(a["text"])
    style = {
        "caption": "dim italic",
        "repeat": "dim strike",
        "fragment": "dim",
        "dateline": "cyan",
        "title": "bold",
        "byline": "dim",
        "boilerplate": "dim",
    }
    for s in view["segments"]:
        if s["kind"] in style:
            text.stylize(style[s["kind"]], s["start"], s["end"])
    for e in view["entities"]:
        text.stylize("underline", e["start"], e["end"])
    for t in view["timexes"]:
        text.stylize("green", t["start"], t["end"])
    for ev in view["events"]:
        text.stylize("bold magenta", ev["start"], ev["end"])
    console.print(text)
    console.print(
        "[dim]legend: underline=entity, green=time expression, magenta=event trigger, dim=caption/repeat/fragment[/dim]"
    )
    for kind, cols in (
        ("timexes", ("text", "type", "value", "mod", "start", "end")),
        ("actor_mentions", ("text", "actor_id", "country", "role", "office", "start", "end")),
        ("places", ("text", "name", "country", "lat", "lon")),
        (
            "events",
            (
                "text",
                "plover_type",
                "cameo",
                "source_country",
                "target_country",
                "date_begin",
                "date_end",
                "status",
                "segment",
            ),
        ),
    ):
        if not view[kind]:
            continue
        t = Table(title=kind)
        for c in cols:
            t.add_column(c, overflow="fold", min_width=10 if c in ("date", "value", "published") else None)
        for r in view[kind]:
            t.add_row(*[Text("" if r.get(c) is None else str(r.get(c))) for c in cols])
        console.print(t)
    if len(view["copies"]) > 1:
        console.print(
            "copies: " + ", ".join(f"{c['source']} ({c['kind']})" for c in view["copies"]),
            markup=False,
        )
