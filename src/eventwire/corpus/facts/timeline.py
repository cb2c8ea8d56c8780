"""Relation timelines per country pair: the relation levels stated as facts, with the year
they were set ("strategic partnership", 2015), and the coded events between
the two countries (talks, visits, agreements, with their dates and status), in time order.

VNM-CHN on the seeds: CSP 2008 -> talks on upgrading ties, December 2023 (planned).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.corpus.canonical.view import story_dates

if TYPE_CHECKING:
    from eventwire.store import Store

__all__ = ["relation_timelines"]


def relation_timelines(store: Store, country: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """pair "AAA-BBB" (sorted ISO3 codes) -> entries in time order (undated last); each entry
    is {"when", "what", "kind": "level"|"event", "status"?, "article_id", "text",
    "inferred"?} ("inferred": a level's year came from the story's date, see ``anchoring``; an
    undated event's date from its canonical event, see
    :func:`~eventwire.corpus.canonical.view.story_dates`)."""
    out: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, str, str | None]] = set()
    # the year of an undated article's "this year", resolved from its story's date
    resolved = {r["fact_id"]: r for r in store.records("fact_resolutions")}
    for f in store.records("facts", filters={"kind": "relation"}):
        if not f["key"].startswith("relation:level:"):
            continue
        if f["id"] in resolved and resolved[f["id"]].get("as_of"):
            f = {**f, "as_of": resolved[f["id"]]["as_of"], "inferred": resolved[f["id"]]["inferred"]}
        pair = f["key"].split(":", 2)[2]
        if country and country not in pair.split("-"):
            continue
        k = (pair, str(f["value"]), f["as_of"])
        if k in seen:
            continue
        seen.add(k)
        entry = {"when": f["as_of"], "what": str(f["value"]), "kind": "level",
                 "article_id": f["article_id"], "text": f["text"]}
        if f.get("inferred"):
            entry["inferred"] = f["inferred"]
        out.setdefault(pair, []).append(entry)
    pairs = set(out)
    events = []
    for e in store.records("events"):
        a, b = e.get("source_country"), e.get("target_country")
        if e.get("segment", "body") != "body":  # captions are not claims of the story
            continue
        if not a or not b or a == b:
            continue
        pair = "-".join(sorted((a, b)))
        if country and country not in (a, b):
            continue
        if not country and pair not in pairs:
            continue
        events.append((pair, e))
    # an undated event takes the date of its canonical event (the story's record of it)
    from_story = story_dates(store, [e["id"] for _, e in events if not e.get("date_begin")])
    for pair, e in events:
        entry = {"when": e.get("date_begin"), "what": f"{e['plover_type']} ({e['text']})", "kind": "event",
                 "status": e.get("status"), "article_id": e["article_id"], "text": e["text"]}
        if e["id"] in from_story:
            entry["when"] = from_story[e["id"]]["date_begin"]
            entry["inferred"] = from_story[e["id"]]["inferred"]
        out.setdefault(pair, []).append(entry)
    for entries in out.values():
        entries.sort(key=lambda x: (x["when"] is None, x["when"] or ""))
    return out
