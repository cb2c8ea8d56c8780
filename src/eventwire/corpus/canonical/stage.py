"""The ``canonical_events`` corpus stage: one record per real event, per story.

After the stories stage, every story that gained, lost or changed articles (the stories of
the batch's articles, and any story whose ``updated_seq`` is newer than the canonical
events built so far: split-off parts) has its canonical events rebuilt from the coded
events of all its articles (:mod:`.reconcile`). The work per batch is bounded by the size
of the touched stories, never by the corpus.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from eventwire.corpus.canonical.reconcile import Mention, group_mentions, reconcile
from eventwire.corpus.stage import ChangeBatch, CorpusWrite
from eventwire.store import schema

if TYPE_CHECKING:
    from eventwire.store import Store

__all__ = ["CanonicalEventsStage", "make_stage", "story_mentions"]

VERSION = "1"


_PARTIAL = re.compile(r"^XXXX-(\d\d)(?:-(\d\d))?$")


def resolve_partial(value: str, ref: str | None) -> tuple[str, str] | None:
    """A year-less date (``XXXX-12-12``, ``XXXX-12``) placed in the year that brings it
    closest to ``ref`` (the story's earliest publication date)."""
    m = _PARTIAL.match(value or "")
    if not m or not ref:
        return None
    try:
        r = dt.date.fromisoformat(ref[:10])
        month, day = int(m.group(1)), int(m.group(2) or 1)
        best = min(
            (dt.date(y, month, day) for y in (r.year - 1, r.year, r.year + 1)),
            key=lambda d: abs((d - r).days),
        )
    except ValueError:
        return None
    if m.group(2):
        return best.isoformat(), best.isoformat()
    nxt = dt.date(best.year + (best.month == 12), best.month % 12 + 1, 1)
    return best.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()


def story_mentions(store: Store, article_ids: list[str]) -> list[Mention]:
    """The coded events of ``article_ids`` as :class:`Mention` records.

    An event the coder left undated whose sentence holds a year-less date ("December
    12-13" in an undated article) takes that date in the year closest to the story's
    earliest publication date: the story is the context that dates it.
    """
    if not article_ids:
        return []
    pub = {a["id"]: a["published"] for a in store.records(
        "articles", filters={"id__in": article_ids}, include_text=False)}
    ref = min((p for p in pub.values() if p), default=None)
    evs = list(store.records("events", filters={"article_id__in": article_ids}))
    partial: dict[str, list[dict[str, Any]]] = {}
    for t in store.records("timexes", filters={"article_id__in": article_ids}):
        if t["type"] == "DATE" and _PARTIAL.match(t["value"] or ""):
            partial.setdefault(t["article_id"], []).append(t)
    pids = sorted({e["place_id"] for e in evs if e["place_id"]})
    places = {p["id"]: p for p in store.records("places", filters={"id__in": pids})} if pids else {}
    out = []
    for e in evs:
        p = places.get(e["place_id"] or "")
        begin, end = e["date_begin"], e["date_end"]
        inferred = False
        if not begin:
            for t in partial.get(e["article_id"], []):
                if e["sentence_start"] <= t["start"] < e["sentence_end"]:
                    iv = resolve_partial(t["value"], pub.get(e["article_id"]) or ref)
                    if iv:
                        (begin, end), inferred = iv, True
                        break
        out.append(Mention(
            e["id"], e["article_id"], e["start"], e["end"], e["text"], e["sentence_start"],
            e["plover_type"], e["plover_mode"], e["cameo"], e["source_country"], e["target_country"],
            e["status"], begin, end, pub.get(e["article_id"]),
            p["id"] if p else None, p["name"] if p else None, p["country"] if p else None,
            bool(p and p["admin1"]), inferred,
        ))
    return out


@dataclasses.dataclass
class CanonicalEventsStage:
    name: str = "canonical_events"
    version: str = VERSION
    reads: tuple[str, ...] = ("articles", "events", "places", "stories", "story_articles")
    writes: tuple[str, ...] = ("canonical_events", "canonical_event_mentions")

    def update(self, store: Store, batch: ChangeBatch) -> CorpusWrite:
        sa_t, st_t, ce_t = schema.story_articles, schema.stories, schema.canonical_events
        with store.engine.connect() as conn:
            touched = {r.story_id for r in conn.execute(
                sa.select(sa_t.c.story_id).where(sa_t.c.article_id.in_(list(batch.article_ids))))}
            built = conn.execute(sa.select(sa.func.max(ce_t.c.story_seq))).scalar() or 0
            touched |= {r.id for r in conn.execute(
                sa.select(st_t.c.id).where(st_t.c.updated_seq > built))}
            if not touched:
                return CorpusWrite()
            seqs = {r.id: r.updated_seq for r in conn.execute(
                sa.select(st_t.c.id, st_t.c.updated_seq).where(st_t.c.id.in_(sorted(touched))))}
            members: dict[str, list[str]] = {}
            for r in conn.execute(sa.select(sa_t.c.story_id, sa_t.c.article_id)
                                  .where(sa_t.c.story_id.in_(sorted(touched)))):
                members.setdefault(r.story_id, []).append(r.article_id)
            old = [r.id for r in conn.execute(
                sa.select(ce_t.c.id).where(ce_t.c.story_id.in_(sorted(touched))))]
        ev_rows: list[dict[str, Any]] = []
        m_rows: list[dict[str, Any]] = []
        for sid in sorted(seqs):
            ms = story_mentions(store, sorted(members.get(sid, [])))
            for idx in group_mentions(ms):
                ce = reconcile(sid, [ms[i] for i in idx])
                row = {f.name: getattr(ce, f.name) for f in dataclasses.fields(ce) if f.name != "mentions"}
                row["status_history"] = [dict(h) for h in ce.status_history]
                row["article_ids"] = list(ce.article_ids)
                row["story_seq"] = seqs[sid]
                ev_rows.append(row)
                for m in ce.mentions:
                    m_rows.append({"canonical_event_id": ce.id, "event_id": m.event_id,
                                   "article_id": m.article_id, "start": m.start, "end": m.end,
                                   "text": m.text, "status": m.status, "published": m.published})
        return CorpusWrite(
            upserts={"canonical_events": ev_rows, "canonical_event_mentions": m_rows},
            deletes={"canonical_event_mentions": [{"canonical_event_id": c} for c in old],
                     "canonical_events": [{"id": c} for c in old]},
        )


def make_stage(**_: Any) -> CanonicalEventsStage:
    return CanonicalEventsStage()
