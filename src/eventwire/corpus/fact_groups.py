"""The ``facts`` corpus stage: fact statements of the articles of one story, grouped by fact
and labelled agree / complement / conflict / update / single-source
(:func:`eventwire.corpus.facts.reconcile`), stored in ``fact_groups``.

Stories: when the store holds story assignments (a ``story_articles`` table with
``story_id``/``article_id``, written by a stories stage), those are used; otherwise the
stored articles are clustered by the corpus layer's story clustering
(:func:`eventwire.corpus.facts.stories.group_stories`), recomputed over all of them each
time (fine for small stores; a stored stories stage is the scalable way). Only the stories that hold a changed article are
relabelled.

Undated articles take their story's time: the facts of an article without a publication
date that depend on a relative expression ("yesterday", "this year", "year to November
20") are resolved against the story's date (:mod:`eventwire.corpus.facts.anchoring`: the
median publication date of its dated articles) and the resolutions are stored in
``fact_resolutions`` with their provenance; reconciliation uses the resolved values, and a
relative fact that nothing resolves takes part in no group.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from eventwire.corpus.facts.anchoring import StoryDate, resolve_relative, story_date
from eventwire.corpus.facts.context import with_cues
from eventwire.corpus.facts.person_names import canonical_names
from eventwire.corpus.facts.place_names import PLACE_LABELS, qualify_places
from eventwire.corpus.facts.reconcile import reconcile
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.selection import story_statements
from eventwire.corpus.facts.stories import group_stories
from eventwire.corpus.stage import ChangeBatch, CorpusWrite
from eventwire.model import make_id

if TYPE_CHECKING:
    from eventwire.store import Store

__all__ = ["FactGroupsStage", "make_stage", "VERSION", "story_assignments"]

VERSION = "7"  # 7: Canadian, Australian and UK region abbreviations written out ("Vancouver, B.C." -> "Vancouver, British Columbia"). 6: a bare town takes the region its story states; one spelling per person, one person under several keys one fact (NAME_UNION); a clock time two articles state is a story detail (rules.shared_clock). 5: a statement two articles word the same way is one fact (one key; a changed figure or date clashes). 4: partial dates, clock times without a.m./p.m. or in another zone, figures rounded in two units, spellings of one name, two people's ages under one key, unit-less counts join their happening's count


def _stored_stories(store: Store, article_ids: Sequence[str] | None = None) -> dict[str, str] | None:
    import sqlalchemy as sa

    if "story_articles" not in sa.inspect(store.engine).get_table_names():
        return None
    if article_ids is not None:  # the stories of these articles, with all their members
        ids = sorted(set(article_ids))
        sids = sorted({str(r["story_id"]) for r in store.records("story_articles", filters={"article_id__in": ids})}) if ids else []
        if not sids:
            return {}
        return {r["article_id"]: str(r["story_id"]) for r in store.records("story_articles", filters={"story_id__in": sids})}
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT article_id, story_id FROM story_articles"))
        return {r[0]: str(r[1]) for r in rows}


def story_assignments(store: Store, article_ids: Sequence[str] | None = None) -> dict[str, str]:
    """article id -> story id for every analyzed article; with ``article_ids``, only for the
    members of the stories that hold one of them (what a batch touches: read from the stored
    assignments without scanning them all, so a batch's cost does not grow with the store)."""
    stored = _stored_stories(store, article_ids)
    if stored is not None:
        return stored
    arts = [(a["id"], a["text"], a.get("published")) for a in store.records("articles") if a.get("analyzed_version")]
    return dict(zip([a for a, _, _ in arts], group_stories(arts), strict=True))


def _statement(row: dict[str, Any]) -> Statement:
    v = row["value"]
    value = (float(v[0]), float(v[1])) if isinstance(v, list) else v
    period = (row["period_begin"], row["period_end"]) if row.get("period_begin") else None
    return Statement(
        doc_id=row["article_id"], start=row["start"], end=row["end"], text=row["text"], key=row["key"],
        kind=row["kind"], value=value, unit=row.get("unit"), qualifier=row.get("qualifier"),
        as_of=row.get("as_of"), period=period, subject=row.get("subject"), obj=row.get("obj"),
        attribution=row.get("attribution"), hedge=row.get("hedge"), segment=row.get("segment") or "body",
        doc_date=row.get("_published"),
        relative=(row["relative_start"], row["relative_end"]) if row.get("relative_start") is not None else None,
    )


def resolve_rows(story_id: str, rows: Sequence[dict[str, Any]], texts: dict[str, str],
                 anchor: StoryDate | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The fact rows of one story with the relative facts of its undated articles resolved
    against the story's date, and the ``fact_resolutions`` rows recording those resolutions."""
    if anchor is None:
        return list(rows), []
    out: list[dict[str, Any]] = []
    resolutions: list[dict[str, Any]] = []
    for r in rows:
        if r.get("relative_start") is None or r.get("_published") or r["article_id"] not in texts:
            out.append(r)
            continue
        s = resolve_relative([_statement(r)], texts[r["article_id"]], anchor)[0]
        if s.inferred is None:
            out.append(r)
            continue
        period = s.period or (None, None)
        value = list(s.value) if isinstance(s.value, tuple) else s.value
        out.append({**r, "value": value, "as_of": s.as_of, "period_begin": period[0], "period_end": period[1],
                    "_inferred": s.inferred})
        resolutions.append({"fact_id": r["id"], "story_id": story_id, "value": value, "as_of": s.as_of,
                            "period_begin": period[0], "period_end": period[1], "anchor_date": anchor.date,
                            "inferred": s.inferred})
    return out, resolutions


def group_rows(story_id: str, rows: Sequence[dict[str, Any]], texts: dict[str, str],
               places: dict[str, list[tuple[int, int]]] | None = None) -> list[dict[str, Any]]:
    """The fact_groups rows of one story from its stored fact rows; ``texts`` are the
    articles' texts, from which each figure's trend cue is read again, by the same rule as
    at extraction, and so is its wording (:func:`eventwire.corpus.facts.context.with_cues`; no stored
    column); ``places`` the spans of the place names the tagger found in them (a bare
    town takes the region the story states, :mod:`eventwire.corpus.facts.place_names`)."""
    rows = sorted(rows, key=lambda r: (r["_order"], r["start"], r["end"], r["key"]))
    statements = [dataclasses.replace(_statement(r), inferred=r.get("_inferred")) for r in rows]
    statements = [with_cues(texts[s.doc_id], s) if s.doc_id in texts else s for s in statements]
    statements = canonical_names(qualify_places(statements, texts, places or {}))
    keep = story_statements(statements)
    rows, statements = [rows[i] for i in keep], [statements[i] for i in keep]
    out = []
    for g in reconcile(statements):
        ids = [rows[i]["id"] for i in g.members]
        out.append({
            "id": make_id(story_id, "fact_group", g.key, VERSION), "story_id": story_id, "key": g.key,
            "label": g.label, "reason": g.reason, "n_articles": len(g.docs), "statement_ids": ids,
            "article_ids": list(g.docs),
        })
    return out


@dataclasses.dataclass(frozen=True)
class FactGroupsStage:
    name: str = "facts"
    version: str = VERSION
    reads: tuple[str, ...] = ("articles", "facts", "entities")
    writes: tuple[str, ...] = ("fact_groups", "fact_resolutions")

    def update(self, store: Store, batch: ChangeBatch) -> CorpusWrite:
        stories = story_assignments(store, batch.article_ids)
        touched = sorted({stories[a] for a in batch.article_ids if a in stories})
        if not touched:
            return CorpusWrite()
        members: dict[str, list[str]] = {}
        for aid, sid in stories.items():
            if sid in touched:
                members.setdefault(sid, []).append(aid)
        upserts: list[dict[str, Any]] = []
        resolved: list[dict[str, Any]] = []
        for sid in touched:
            ids = members[sid]
            arts = {a["id"]: a for a in store.records("articles", filters={"id__in": ids})}
            anchor = story_date((a["id"], a.get("published")) for a in arts.values())
            # statements in ingestion order (not ``ingested_at``: one-second clock time)
            order = {aid: n for n, aid in enumerate(sorted(ids, key=lambda a: (arts.get(a, {}).get("ingest_seq") or 0, a)))}
            rows = []
            for r in store.records("facts", filters={"article_id__in": ids}):
                r = dict(r)
                r["_order"] = order.get(r["article_id"], 0)
                r["_published"] = (arts.get(r["article_id"]) or {}).get("published")
                rows.append(r)
            texts = {a: arts[a]["text"] for a in arts if arts[a].get("text")}
            undated = {a: t for a, t in texts.items() if not arts[a].get("published")}
            rows, res = resolve_rows(sid, rows, undated, anchor)
            resolved.extend(res)
            places: dict[str, list[tuple[int, int]]] = {}
            for e in store.records("entities", filters={"article_id__in": ids, "label__in": list(PLACE_LABELS)}):
                places.setdefault(e["article_id"], []).append((e["start"], e["end"]))
            upserts.extend(group_rows(sid, rows, texts, places))
        return CorpusWrite(upserts={"fact_groups": upserts, "fact_resolutions": resolved},
                           deletes={"fact_groups": [{"story_id": s} for s in touched],
                                    "fact_resolutions": [{"story_id": s} for s in touched]})


def make_stage(**_: Any) -> FactGroupsStage:
    return FactGroupsStage()
