"""The Python API: the same operations as the CLI.

import eventwire
with eventwire.open_store("sqlite:///news.db") as store:
    eventwire.run(store, ["examples/seeds"])
    for ev in store.records("events"):
        ...
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventwire.analyze.pipeline import Pipeline
from eventwire.corpus.stage import CorpusStage
from eventwire.runners._exec import Executor
from eventwire.runners.local import AnalyzeSummary, IngestSummary, Progress, analyze, ingest
from eventwire.store import Store

__all__ = ["run", "ingest", "analyze", "RunSummary", "summary", "overview"]


class RunSummary:
    def __init__(self, ingest: IngestSummary, analyze: AnalyzeSummary) -> None:
        self.ingest = ingest
        self.analyze = analyze


def run(
    store: Store,
    inputs: Sequence[str],
    *,
    allow_private: bool = False,
    json_fields: dict[str, str] | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
    corpus_stages: Sequence[CorpusStage] | None = None,
    executor: Executor | None = None,
) -> RunSummary:
    """Ingest ``inputs`` and analyze every article not yet analyzed. Incremental.

    ``executor`` runs the reading and per-article jobs elsewhere, e.g. on a Dask cluster
    (:func:`eventwire.runners.dask.dask_executor`); the store is the same either way."""
    if isinstance(inputs, str):
        inputs = [inputs]
    ing = ingest(
        store,
        inputs,
        allow_private=allow_private,
        json_fields=json_fields,
        workers=n_process,
        progress=progress,
        executor=executor,
    )
    an = analyze(
        store,
        pipeline=pipeline,
        n_process=n_process,
        batch_size=batch_size,
        progress=progress,
        corpus_stages=corpus_stages,
        executor=executor,
    )
    return RunSummary(ing, an)


def _stories_of(store: Store, ids: set[str]) -> list[dict[str, Any]]:
    from eventwire.corpus.canonical.view import story_view

    sids = sorted({m["story_id"] for m in store.records("story_articles", filters={"article_id__in": sorted(ids)})}) if ids else []
    out = []
    for sid in sids:
        v = story_view(store, sid)
        if v is not None:
            out.append({**v["story"], "summary": v["summary"]})
    return out


_COUNTED = ("sentences", "entities", "timexes", "actor_mentions", "places", "events")


def summary(store: Store, article_ids: Sequence[str] | None = None) -> dict[str, Any]:
    """A readable overview of the store (or of some articles): what ``make demo`` prints.
    Counts are grouped COUNTs in SQL (a few queries in all, not a few per article)."""
    filt = {"id__in": sorted(set(article_ids))} if article_ids is not None else None
    arts = list(store.records("articles", filters=filt))
    ids = [a["id"] for a in arts]
    idset = set(ids)
    src_filt = {"article_id__in": ids} if article_ids is not None else None
    copies = [
        s for s in store.records("sources", filters=src_filt)
        if s["kind"] != "canonical" and s["article_id"] in idset
    ]
    out: dict[str, Any] = {
        "articles": [],
        "duplicates": copies,
        "problems": list(store.records("problems", filters={"resolved_at": None})),
        "stories": _stories_of(store, idset),
    }
    segments: dict[str, dict[str, int]] = {}
    for (aid, kind), n in store.counts_by_article("segments", ids, by="kind").items():
        segments.setdefault(aid, {})[kind] = n
    counts = {k: store.counts_by_article(k, ids) for k in _COUNTED}
    events: dict[str, list[dict[str, Any]]] = {}
    for e in store.records("events", filters={"article_id__in": ids}):
        events.setdefault(e["article_id"], []).append(e)
    actors: dict[str, list[dict[str, Any]]] = {}
    for (aid, _), x in store.article_actors(ids).items():
        if x["in_body"]:
            actors.setdefault(aid, []).append(x)
    for a in arts:
        text = a.pop("text")
        out["articles"].append(
            {
                **a,
                "segments": segments.get(a["id"], {}),
                "counts": {k: counts[k].get(a["id"], 0) for k in _COUNTED},
                "actors": actors.get(a["id"], []),
                "events": [
                    {**e, "sentence_text": text[e["sentence_start"] : e["sentence_end"]]}
                    for e in events.get(a["id"], [])
                ],
            }
        )
    return out


def overview(store: Store, article_ids: Sequence[str] | None = None, largest: int = 5) -> dict[str, Any]:
    """Totals for some articles (default: the whole store), for stores and runs too large to
    list article by article (what `eventwire run` and `eventwire summary` print past a few
    dozen articles): record counts, events by PLOVER type and by status, the stories the
    articles belong to (the ``largest`` by article count), duplicate copies and open
    problems, all by grouped COUNTs: no article text is read."""
    from collections import Counter

    ids = sorted(set(article_ids)) if article_ids is not None else None
    by_article = {"article_id__in": ids} if ids is not None else None
    if ids is None:
        n_articles = store.count("articles")
        counts = {k: store.count(k) for k in _COUNTED}
    else:
        n_articles = len(ids)
        counts = {k: sum(store.counts_by_article(k, ids).values()) for k in _COUNTED}
    by_type = Counter(store.count_by("events", "plover_type", ids))
    by_status = Counter(store.count_by("events", "status", ids))
    if ids is None:
        stories = list(store.records("stories"))
    else:
        sids = sorted({m["story_id"] for m in store.records("story_articles", filters=by_article)})
        stories = list(store.records("stories", filters={"id__in": sids})) if sids else []
    stories.sort(key=lambda st: (-st["n_articles"], st["first_seen"] or "9999", st["id"]))
    copies = sum(n for k, n in store.count_by("sources", "kind", ids).items() if k != "canonical")
    return {
        "articles": n_articles,
        "counts": counts,
        "events_by_type": dict(by_type.most_common()),
        "events_by_status": dict(by_status.most_common()),
        "stories": len(stories),
        "largest_stories": stories[:largest],
        "duplicates": copies,
        "problems": sum(1 for _ in store.records("problems", filters={"resolved_at": None})),
    }


def store_count(store: Store, kind: str, article_id: str) -> int:
    """How many records of ``kind`` one article has (a COUNT in SQL)."""
    return store.counts_by_article(kind, [article_id]).get(article_id, 0)
