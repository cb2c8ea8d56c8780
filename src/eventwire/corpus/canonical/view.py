"""Stories for people: the list, and one story with its timeline of canonical events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from eventwire._util import batched
from eventwire.store import Store

__all__ = ["list_stories", "story_view", "key_events", "story_dates"]


def list_stories(store: Store, min_articles: int = 1) -> list[dict[str, Any]]:
    """Stories, the most recently seen and largest first."""
    rows = [s for s in store.records("stories") if s["n_articles"] >= min_articles]
    return sorted(rows, key=lambda s: (s["last_seen"] or "", s["n_articles"], s["id"]), reverse=True)


def key_events(events: list[dict[str, Any]], around: str | None = None, n: int = 4) -> list[dict[str, Any]]:
    """The story's key events: the most reported (articles), then the closest in time to
    the story's first report (background events years back come last), then the most
    mentioned."""

    def gap(e: dict[str, Any]) -> int:
        if not around or not e["date_begin"]:
            return 10**6
        try:
            a = dt.date.fromisoformat(around[:10])
            b, c = dt.date.fromisoformat(e["date_begin"][:10]), dt.date.fromisoformat((e["date_end"] or e["date_begin"])[:10])
        except ValueError:
            return 10**6
        return 0 if b <= a <= c else min(abs((a - b).days), abs((a - c).days))

    return sorted(events, key=lambda e: (-e["n_articles"], gap(e), -e["n_mentions"], e["id"]))[:n]


def _summary(events: list[dict[str, Any]], around: str | None) -> str:
    parts = []
    for e in key_events(events, around):
        when = e["date_begin"] or "undated"
        if e["date_end"] and e["date_end"] != e["date_begin"]:
            when += ".." + e["date_end"]
        where = f", {e['place_name']}" if e["place_name"] else ""
        parts.append(f"{e['label'].split(' (')[0]} [{e['plover_type']}, {e['status']}, {when}{where}; "
                     f"{e['n_articles']} article(s)]")
    return "; ".join(parts)


def story_view(store: Store, story_id: str) -> dict[str, Any] | None:
    """The story, its articles, its summary and its timeline (canonical events by date,
    each with its mentions and their sources; a mention's ``segment`` says whether it is in
    the body or in a caption)."""
    row = next(store.records("stories", filters={"id": story_id}), None)
    if row is None:
        return None
    members = [m["article_id"] for m in store.records("story_articles", filters={"story_id": story_id})]
    arts = list(store.records("articles", filters={"id__in": members}, include_text=False)) if members else []
    events = list(store.records("canonical_events", filters={"story_id": story_id}))
    ids = [e["id"] for e in events]
    mentions = list(store.records("canonical_event_mentions", filters={"canonical_event_id__in": ids})) if ids else []
    titles = {a["id"]: a for a in arts}
    # the segment each mention's sentence is in: a caption's event is the photo's, not a
    # report of the story (its facts are left out; its events are kept and marked)
    segment = {e["id"]: e["segment"] for chunk in batched([m["event_id"] for m in mentions], 500)
               for e in store.records("events", filters={"id__in": chunk})}
    by_event: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        a = titles.get(m["article_id"], {})
        by_event.setdefault(m["canonical_event_id"], []).append(
            {**m, "title": a.get("title"), "outlet": a.get("outlet"), "source": a.get("source"),
             "segment": segment.get(m["event_id"], "body")})
    timeline = sorted(events, key=lambda e: (e["date_begin"] or "9999", e["date_end"] or "", e["id"]))
    for e in timeline:
        e["mentions"] = sorted(by_event.get(e["id"], []), key=lambda m: (m["article_id"], m["start"]))
    changes = list(store.records("story_changes", filters={"story_id": story_id}))
    return {
        "story": row,
        "summary": _summary(events, row["first_seen"]),
        "articles": sorted(arts, key=lambda a: (a["published"] or "9999", a["id"])),
        "timeline": timeline,
        "changes": sorted(changes, key=lambda c: c["seq"]),
    }


def _story_date_note(label: str, n_articles: int) -> str:
    """How an undated event took its date from its canonical event (the ``inferred`` note)."""
    return f"date of the story's event {label.split(' (')[0]!r} ({n_articles} article(s))"


def story_dates(store: Store, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Of ``event_ids``, those whose canonical event (the story's record of the real event,
    built from every article that reports it) has a date: event id -> {"canonical_event_id",
    "date_begin", "date_end", "inferred"}. An article with no publication date cannot date
    "next week" or "December 12-13" itself; the same event reported by a dated article can."""
    ce_of: dict[str, str] = {}
    for chunk in batched(event_ids, 500):
        for m in store.records("canonical_event_mentions", filters={"event_id__in": chunk}):
            ce_of[m["event_id"]] = m["canonical_event_id"]
    dated: dict[str, dict[str, Any]] = {}
    for chunk in batched(sorted(set(ce_of.values())), 500):
        for c in store.records("canonical_events", filters={"id__in": chunk}):
            if c["date_begin"]:
                dated[c["id"]] = c
    return {eid: {"canonical_event_id": cid, "date_begin": dated[cid]["date_begin"],
                  "date_end": dated[cid]["date_end"],
                  "inferred": _story_date_note(dated[cid]["label"], dated[cid]["n_articles"])}
            for eid, cid in ce_of.items() if cid in dated}
