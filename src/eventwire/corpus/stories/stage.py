"""The ``stories`` corpus stage: new articles join stories online, in the store.

The clusterer (:mod:`.clusterer`: its keyword index, story centroids, recent members and the
running document frequencies) is kept between runs in ``story_state``; each batch of
newly analyzed articles is added in (publication date, id) order, and the stage writes
the stories it touched, their memberships and the change log (open, join, merge, split).
An article already in a story stays there when it is re-analyzed (its text, which is all
the clusterer reads besides entities, did not change).
"""

from __future__ import annotations

import dataclasses
import pickle
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from eventwire.corpus.stage import ChangeBatch, CorpusWrite
from eventwire.corpus.stories.clusterer import StoryClusterer
from eventwire.corpus.stories.features import DocFreq, mentioned_years, terms, vectorize
from eventwire.store import schema

if TYPE_CHECKING:
    from eventwire.store import Store

__all__ = ["StoriesStage", "make_stage"]

VERSION = "1"
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


@dataclasses.dataclass
class _State:
    clusterer: StoryClusterer
    df: DocFreq
    logged: int = 0  # how many log entries are already written


def _load(store: Store) -> _State:
    t = schema.story_state
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t.c.state).where(t.c.key == "clusterer")).first()
    if row is None:
        return _State(StoryClusterer(), DocFreq())
    st = pickle.loads(row.state)
    assert isinstance(st, _State)
    return st


@dataclasses.dataclass
class StoriesStage:
    name: str = "stories"
    version: str = VERSION
    reads: tuple[str, ...] = ("articles", "entities")
    writes: tuple[str, ...] = ("stories", "story_articles", "story_changes", "story_state")

    def update(self, store: Store, batch: ChangeBatch) -> CorpusWrite:
        st = _load(store)
        cl = st.clusterer
        new = [a for a in batch.article_ids if a not in cl.story_of and "failed" not in batch.kinds[a]]
        if not new:
            return CorpusWrite()
        arts = {a["id"]: a for a in store.records("articles", filters={"id__in": new})}
        names: dict[str, list[str]] = {a: [] for a in new}
        for e in store.records("entities", filters={"article_id__in": new}, include_text=True):
            if e["label"] in _NAME_LABELS:
                names[e["article_id"]].append(e["text"])
        order = sorted((a for a in new if a in arts),
                       key=lambda a: (arts[a]["published"] or "9999", a))
        for aid in order:
            a = arts[aid]
            text = a["text"]
            counts = terms(text, names[aid])
            st.df.observe(counts)
            vec = vectorize(counts, st.df, date=(a["published"] or None), years=mentioned_years(text))
            cl.add(aid, vec)
        return self._write(store, st)

    def _write(self, store: Store, st: _State) -> CorpusWrite:
        cl = st.clusterer
        fresh = cl.log[st.logged :]
        st.logged = len(cl.log)
        touched: set[str] = set()
        gone: set[str] = set()
        moved: set[str] = set()
        for c in fresh:
            touched.add(c.story)
            if c.kind == "merge" and c.other:
                gone.add(c.other)
                moved.update(c.members)
            if c.kind == "split" and c.other:
                touched.add(c.other)
                moved.update(c.members)
        touched = {s for s in touched if s in cl.stories}
        gone -= set(cl.stories)
        seq_of: dict[str, int] = {}
        updated: dict[str, int] = {}
        for c in fresh:
            for x in (c.story, c.other):
                if x:
                    updated[x] = max(updated.get(x, 0), c.seq)
            if c.doc_id:
                seq_of[c.doc_id] = c.seq
            for d in c.members:
                seq_of[d] = c.seq
        member_ids = sorted({d for s in touched for d in cl.stories[s].members})
        arts = {a["id"]: a for a in store.records(
            "articles", filters={"id__in": member_ids}, include_text=False)}
        old_seq = {(r["story_id"], r["article_id"]): r["seq"] for r in store.records(
            "story_articles", filters={"article_id__in": member_ids})} if member_ids else {}
        story_rows, member_rows = [], []
        for sid in sorted(touched):
            s = cl.stories[sid]
            mem = [arts[d] for d in s.members if d in arts]
            dates = sorted(a["published"] for a in mem if a["published"])
            outlets = sorted({a["outlet"] for a in mem if a["outlet"]})
            first = min(mem, key=lambda a: (a["published"] or "9999", a["id"])) if mem else None
            title = (first["title"] if first else None) or None
            story_rows.append({
                "id": sid, "title": title, "first_seen": dates[0] if dates else None,
                "last_seen": dates[-1] if dates else None, "n_articles": len(s.members),
                "outlets": outlets, "opened_seq": s.seq, "updated_seq": updated.get(sid, s.seq),
            })
            for d in s.members:
                seq = seq_of.get(d) or old_seq.get((sid, d)) or s.seq
                member_rows.append({"story_id": sid, "article_id": d, "seq": seq})
        change_rows = [{"seq": c.seq, "kind": c.kind, "story_id": c.story, "article_id": c.doc_id,
                        "other_story_id": c.other, "members": list(c.members)} for c in fresh]
        state_row = {"key": "clusterer", "state": pickle.dumps(st, protocol=pickle.HIGHEST_PROTOCOL)}
        deletes: dict[str, list[dict[str, Any]]] = {
            "story_articles": [{"article_id": d} for d in sorted(moved)],
            "stories": [{"id": s} for s in sorted(gone)],
        }
        return CorpusWrite(
            upserts={"stories": story_rows, "story_articles": member_rows,
                     "story_changes": change_rows, "story_state": [state_row]},
            deletes=deletes,
        )


def make_stage(**_: Any) -> StoriesStage:
    return StoriesStage()
