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
from eventwire.runners.local import AnalyzeSummary, IngestSummary, Progress, analyze, ingest
from eventwire.store import Store

__all__ = ["run", "ingest", "analyze", "RunSummary", "summary"]


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
) -> RunSummary:
    """Ingest ``inputs`` and analyze every article not yet analyzed. Incremental."""
    if isinstance(inputs, str):
        inputs = [inputs]
    ing = ingest(
        store,
        inputs,
        allow_private=allow_private,
        json_fields=json_fields,
        workers=n_process,
        progress=progress,
    )
    an = analyze(
        store,
        pipeline=pipeline,
        n_process=n_process,
        batch_size=batch_size,
        progress=progress,
        corpus_stages=corpus_stages,
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


def summary(store: Store, article_ids: Sequence[str] | None = None) -> dict[str, Any]:
    """A readable overview of the store (or of some articles): what ``make demo`` prints."""
    wanted = set(article_ids) if article_ids is not None else None
    arts = [
        a
        for a in store.records("articles", include_text=False)
        if wanted is None or a["id"] in wanted
    ]
    ids = {a["id"] for a in arts}
    copies = [
        s for s in store.records("sources") if s["kind"] != "canonical" and s["article_id"] in ids
    ]
    out: dict[str, Any] = {
        "articles": [],
        "duplicates": copies,
        "problems": [p for p in store.records("problems") if not p.get("resolved_at")],
        "stories": _stories_of(store, ids),
    }
    for a in arts:
        segs = list(store.records("segments", article_id=a["id"]))
        text = store.article_text(a["id"])
        events = [
            {**e, "sentence_text": text[e["sentence_start"] : e["sentence_end"]]}
            for e in store.records("events", article_id=a["id"])
        ]
        out["articles"].append(
            {
                **a,
                "segments": {
                    k: sum(1 for s in segs if s["kind"] == k) for k in {s["kind"] for s in segs}
                },
                "counts": {
                    k: store_count(store, k, a["id"])
                    for k in (
                        "sentences",
                        "entities",
                        "timexes",
                        "actor_mentions",
                        "places",
                        "events",
                    )
                },
                "actors": [
                    x for x in store.article_actors([a["id"]]).values() if x["in_body"]
                ],
                "events": events,
            }
        )
    return out


def store_count(store: Store, kind: str, article_id: str) -> int:
    return sum(1 for _ in store.records(kind, article_id=article_id, include_text=False))
