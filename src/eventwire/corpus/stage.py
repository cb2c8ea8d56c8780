"""Corpus stages: the second kind of stage, working across articles through the store.

A per-article stage (:mod:`eventwire.analyze.pipeline`) is a pure function of one article.
A *corpus stage* (stories, canonical events, fact reconciliation, ...) reads stored records
of many articles and keeps its own records up to date **incrementally**: after per-article
analysis, the runner hands it only the articles whose analysis changed since it last ran
(new, re-analyzed after a stage upgrade, or failed), in batches, and applies what it
returns atomically together with its cursor. Nothing is recomputed from scratch, except
when the corpus stage's own ``version`` changes: then its tables are emptied and it is fed
every analyzed article again, in analysis order.

Like per-article stages, a corpus stage declares ``name``, ``version``, ``reads`` (record
kinds it reads from the store) and ``writes`` (the tables it owns); the runner refuses a
write outside ``writes`` and checks that every read is a per-article kind or is written
by an earlier corpus stage.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from eventwire.errors import UsageError

if TYPE_CHECKING:
    from eventwire.store import Store

__all__ = [
    "ChangeBatch",
    "CorpusWrite",
    "CorpusStage",
    "CorpusSummary",
    "PER_ARTICLE_KINDS",
    "check_corpus_stages",
    "update_corpus",
]

# record kinds written by ingest and per-article analysis: what a corpus stage may read
PER_ARTICLE_KINDS = (
    "articles",
    "sources",
    "segments",
    "sentences",
    "entities",
    "timexes",
    "actors",
    "actor_mentions",
    "article_actors",
    "places",
    "events",
    "event_actors",
    "facts",
    "article_stages",
)


@dataclasses.dataclass(frozen=True)
class ChangeBatch:
    """Articles whose per-article records changed since the stage last ran.

    ``article_ids`` are distinct, in the order their analysis was (first) written in this
    batch. An article listed here may have been analyzed for the first time, re-analyzed
    (some of its records replaced: ``kinds`` says which, per article) or have failed
    analysis (its records dropped; ``kinds`` holds ``"failed"``). ``rebuild`` is true while
    the stage is being fed the whole corpus again after a change of its version (its
    tables were emptied first). Read the current records with ``store.records(kind,
    filters={"article_id__in": batch.article_ids})``.
    """

    article_ids: tuple[str, ...]
    kinds: Mapping[str, frozenset[str]]
    rebuild: bool = False


@dataclasses.dataclass(frozen=True)
class CorpusWrite:
    """What a corpus stage changes, applied by the runner in one transaction.

    ``upserts``: kind -> rows (dicts or dataclasses whose fields name the columns),
    inserted or, when the primary key exists, updated. ``deletes``: kind -> rows of
    column values to match (``{"id": x}``, ``{"story_id": s, "article_id": a}``); every
    row with those values is deleted. Deletes run before upserts, children before parents.
    """

    upserts: Mapping[str, Sequence[Any]] = dataclasses.field(default_factory=dict)
    deletes: Mapping[str, Sequence[Mapping[str, Any]]] = dataclasses.field(default_factory=dict)

    def kinds(self) -> set[str]:
        return set(self.upserts) | set(self.deletes)


@runtime_checkable
class CorpusStage(Protocol):
    """A stage over the whole corpus. ``update`` may read anything through ``store`` but
    writes only by returning a :class:`CorpusWrite`; it must be deterministic given the
    store's contents and the batch (so serial and parallel analysis give equal results)."""

    name: str
    version: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def update(self, store: Store, batch: ChangeBatch) -> CorpusWrite: ...


@dataclasses.dataclass
class CorpusSummary:
    articles: int = 0  # changed articles handed to the stage (counted once per batch)
    batches: int = 0
    rebuilt: bool = False
    seconds: float = 0.0


def check_corpus_stages(stages: Sequence[CorpusStage]) -> None:
    """Every read is a per-article kind or written by an earlier stage; names are unique;
    no two stages write the same table."""
    available = set(PER_ARTICLE_KINDS)
    names: set[str] = set()
    owned: dict[str, str] = {}
    for s in stages:
        if s.name in names:
            raise UsageError(f"two corpus stages are named {s.name!r}", "E002")
        names.add(s.name)
        missing = [r for r in s.reads if r not in available]
        if missing:
            raise UsageError(
                f"corpus stage {s.name!r} reads {missing} which no earlier stage writes", "E002"
            )
        for w in s.writes:
            if w in PER_ARTICLE_KINDS or w in owned:
                raise UsageError(
                    f"corpus stage {s.name!r} writes {w!r}, owned by "
                    f"{owned.get(w, 'per-article analysis')}",
                    "E002",
                )
            owned[w] = s.name
        available.update(s.writes)


def update_corpus(
    store: Store,
    stages: Sequence[CorpusStage],
    *,
    batch_size: int = 256,
) -> dict[str, CorpusSummary]:
    """Bring every corpus stage up to date with the change log, in order, batch by batch.

    Each batch's writes and the stage's new cursor are committed together, so a run killed
    mid-way resumes where it stopped. A stage whose version differs from the stored one
    (or that never ran) starts from an empty table set and the beginning of the log.
    """
    import time

    check_corpus_stages(stages)
    out: dict[str, CorpusSummary] = {}
    for stage in stages:
        t0 = time.perf_counter()
        summ = CorpusSummary()
        state = store.corpus_state(stage.name)
        rebuild = state is None or state[0] != stage.version
        if rebuild:
            store.reset_corpus_stage(stage.name, stage.version, stage.writes)
            summ.rebuilt = True
            cursor = 0
        else:
            assert state is not None
            cursor = state[1]
        while True:
            changes = store.changes_since(cursor, batch_size)
            if not changes:
                break
            kinds: dict[str, set[str]] = {}
            for _, aid, ks in changes:
                kinds.setdefault(aid, set()).update(ks)
            batch = ChangeBatch(
                tuple(kinds),  # dicts keep first-insertion order
                {a: frozenset(k) for a, k in kinds.items()},
                rebuild=rebuild,
            )
            write = stage.update(store, batch)
            extra = write.kinds() - set(stage.writes)
            if extra:
                raise UsageError(
                    f"corpus stage {stage.name!r} wrote {sorted(extra)} outside its declared "
                    f"writes {list(stage.writes)}",
                    "E002",
                )
            cursor = changes[-1][0]
            store.apply_corpus_write(stage.name, stage.version, cursor, write)
            summ.articles += len(batch.article_ids)
            summ.batches += 1
        summ.seconds = time.perf_counter() - t0
        out[stage.name] = summ
    return out
