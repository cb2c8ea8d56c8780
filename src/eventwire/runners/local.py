"""The local runner: ingest (read, clean, dedup) then analyze, in committed batches.

Both phases are incremental and restartable: a source already stored is skipped, an
article already analyzed by the same pipeline version is not analyzed again, and every
batch is one transaction.
"""

from __future__ import annotations

import collections
import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from eventwire._pool import START_METHOD, make_pool
from eventwire._util import batched
from eventwire.analyze.pipeline import Pipeline, StageFailed, default_pipeline
from eventwire.corpus.stage import CorpusStage, CorpusSummary, update_corpus
from eventwire.ingest.language import is_supported, unsupported_language_problem
from eventwire.model import AnalyzedDoc, Article, Copy, IngestProblem, RawDoc
from eventwire.runners._exec import Executor, PoolExecutor, SerialExecutor, warm, warm_reader
from eventwire.store import Store

__all__ = ["IngestSummary", "AnalyzeSummary", "ingest", "analyze", "body_text"]

Progress = Callable[[str, int, int | None], None]  # (phase, advanced by, total or None)


@dataclasses.dataclass
class IngestSummary:
    inputs_read: int = 0
    new_articles: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    already_stored: int = 0
    problems: int = 0  # inputs that could not be read (E-codes)
    warnings: int = 0  # read, with a warning recorded (W-codes)
    article_ids: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class AnalyzeSummary:
    analyzed: int = 0
    failed: int = 0
    stage_seconds: dict[str, float] = dataclasses.field(default_factory=dict)
    counts: dict[str, int] = dataclasses.field(default_factory=dict)
    seconds: float = 0.0
    corpus: dict[str, CorpusSummary] = dataclasses.field(default_factory=dict)


def body_text(article: Article) -> str:
    spans = article.body_spans() or [(0, len(article.text))]
    return "\n".join(article.text[s:e] for s, e in spans)


@dataclasses.dataclass(frozen=True)
class _Prepared:
    """A read + cleaned input, ready for dedup (made in a worker process when parallel)."""

    source: str
    article: Article | None = None
    body: str = ""
    sig: bytes = b""
    problem: IngestProblem | None = None


@dataclasses.dataclass(frozen=True)
class _Reader:
    """Picklable: reads one input (file, directory, glob or URL) and cleans what it yields."""

    allow_private: bool = False
    json_fields: tuple[tuple[str, str], ...] = ()

    def __call__(self, inp: str) -> list[_Prepared]:
        from eventwire.ingest import clean, iter_inputs
        from eventwire.ingest.clean import dedup_text
        from eventwire.ingest.dedup import signature

        out: list[_Prepared] = []
        fields = dict(self.json_fields) or None
        for item in iter_inputs([inp], allow_private=self.allow_private, json_fields=fields):
            if isinstance(item, IngestProblem):
                out.append(_Prepared(item.source, problem=item))
                continue
            assert isinstance(item, RawDoc)
            try:
                art = clean(item)
            except Exception as e:  # noqa: BLE001 - backstop: a cleaning bug is recorded
                out.append(
                    _Prepared(
                        item.source,
                        problem=IngestProblem(
                            item.source, "E999", f"cleaning bug: {type(e).__name__}: {e}"
                        ),
                    )
                )
                continue
            body = dedup_text(art)
            out.append(_Prepared(item.source, art, body, signature(body)))
        return out


def _units(inputs: Sequence[str]) -> list[str]:
    """Split inputs into independently readable units (one per file; URLs stay whole)."""
    from eventwire.ingest.readers import _URL_RE, _expand

    units: list[str] = []
    for inp in inputs:
        inp = str(inp)
        if _URL_RE.match(inp):
            units.append(inp)
            continue
        expanded = list(_expand(inp))
        if any(err is not None for _, err in expanded):
            units.append(inp)  # let the reader record the problem for this input
        units.extend(str(p) for p, err in expanded if p is not None and err is None)
    return units


def ingest(
    store: Store,
    inputs: Sequence[str],
    *,
    allow_private: bool = False,
    json_fields: dict[str, str] | None = None,
    batch_size: int = 64,
    workers: int = 1,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> IngestSummary:
    """Read inputs, clean them, drop duplicates (remembering every copy), store the rest.

    With ``workers > 1`` (or an ``executor``) reading, HTML extraction and cleaning run in
    worker processes; dedup and storage stay in this process, in input order, so the
    result is the same.
    """
    from eventwire.ingest.dedup import Deduper

    if isinstance(inputs, (str, os.PathLike)):  # one input, not a sequence of characters
        inputs = [str(inputs)]
    summary = IngestSummary()
    shingles: collections.OrderedDict[str, Any] = collections.OrderedDict()  # bounded LRU shared by the batches' finders
    reader = _Reader(allow_private, tuple(sorted((json_fields or {}).items())))
    units = _units(inputs)
    recorded: set[tuple[str, str]] = set()
    pool = None
    prepared: Iterable[list[_Prepared]]
    if executor is not None:
        prepared = executor.imap(reader, units, on_error=_unread_unit)
    elif workers > 1 and len(units) > 1:
        if START_METHOD == "fork":
            warm_reader()  # the forked workers share what it loads
        pool = make_pool(workers)
        prepared = pool.imap(reader, units, chunksize=8)
    else:
        prepared = map(reader, units)
    try:
        items = (p for group in prepared for p in group)
        for batch in batched(items, batch_size):
            # duplicates are looked up in the store's shared index batch by batch: earlier
            # batches of this run are stored (and indexed) by now, so the finder holds only
            # this batch and its candidates, memory stays flat over a run of any length, and
            # concurrent writers see each other's articles
            deduper = Deduper(text_lookup=lambda aid: body_text_by_id(store, aid), cache=shingles)
            known: dict[str, str] = {}
            _prefetch(store, deduper, known, batch)
            new: list[tuple[Article, bytes | None]] = []
            copies: list[Copy] = []
            problems: list[IngestProblem] = []
            for item in batch:
                summary.inputs_read += 1
                if item.problem is not None:
                    problems.append(item.problem)
                    continue
                art = item.article
                assert art is not None
                if item.source in known:
                    summary.already_stored += 1
                    continue
                hit = deduper.check(art.content_hash, item.body, item.sig)
                if hit is not None:
                    canonical, kind, sim = hit
                    copies.append(Copy(item.source, canonical, kind, sim, art.content_hash))
                    if kind == "exact":
                        summary.exact_duplicates += 1
                    else:
                        summary.near_duplicates += 1
                else:
                    deduper.add(art.id, art.content_hash, item.sig, text=item.body)
                    new.append((art, item.sig))
                    if not is_supported(art.language):
                        problems.append(unsupported_language_problem(art))
                    summary.new_articles += 1
                    summary.article_ids.append(art.id)
                known[item.source] = art.content_hash
            n_warn = sum(1 for p in problems if p.code.startswith("W"))
            summary.warnings += n_warn
            summary.problems += len(problems) - n_warn
            recorded.update((p.source, p.code) for p in problems)
            stored = store.add_ingested(new, copies, problems)
            for art, _ in new:
                if art.id not in stored:  # another writer stored it first
                    summary.new_articles -= 1
                    summary.already_stored += 1
                    summary.article_ids.remove(art.id)
            if progress:
                progress("ingest", len(batch), None)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    # problems of these inputs from earlier reads that this read did not meet again
    store.resolve_problems(sorted(set(units) | {str(i) for i in inputs}), recorded)
    return summary


def _prefetch(store: Store, deduper: Any, known: dict[str, str], batch: Sequence[_Prepared]) -> None:
    """Bring into ``deduper`` and ``known`` what the store holds that this batch may meet:
    its sources already stored, and the stored articles with one of its content hashes or
    sharing an LSH band with one of its signatures (the candidates the whole store's LSH
    would propose, so the verdicts are the same)."""
    arts = [p for p in batch if p.article is not None]
    known.update(store.stored_sources([p.source for p in arts if p.source not in known]))
    probes = [(p.article.content_hash, p.sig) for p in arts if p.article is not None]
    for aid, h, sig in store.dedup_candidates(probes):
        deduper.add(aid, h, sig)


def _unread_unit(unit: str, exc: BaseException) -> list[_Prepared]:
    """An input whose reading job could not run (its worker died too often, say)."""
    reason = f"reading task failed: {type(exc).__name__}: {exc}"[:500]
    return [_Prepared(unit, problem=IngestProblem(unit, "E601", reason))]


def body_text_by_id(store: Store, article_id: str) -> str:
    """The text duplicate detection compares for a stored article (title + body)."""
    from eventwire.ingest.clean import dedup_text

    art = store.get_article(article_id)
    return dedup_text(art) if art else ""


@dataclasses.dataclass
class _ChunkResult:
    docs: list[AnalyzedDoc]
    failures: list[tuple[Article, str]]
    timings: dict[str, float]


def _run_chunk(pipe: Pipeline, arts: list[Article]) -> _ChunkResult:
    """Run the pipeline on some articles; if a stage fails, find the article(s) it fails
    on and analyze the rest. Tokens are dropped (they are not stored)."""
    timings: dict[str, float] = {}
    failures: list[tuple[Article, str]] = []
    try:
        docs = pipe(arts, timings)
    except StageFailed:
        docs = []
        for art in arts:
            try:
                docs.extend(pipe([art]))
            except StageFailed as e:
                failures.append((art, str(e)[:500]))
    return _ChunkResult([dataclasses.replace(d, tokens=()) for d in docs], failures, timings)


def _run_chunk_job(args: tuple[Pipeline, list[Article]]) -> _ChunkResult:
    return _run_chunk(*args)


ANALYSIS_LIMIT = 100_000  # characters of an article analyzed (a long report is ~60,000)


def bound_for_analysis(article: Article, limit: int | None = None) -> Article:
    """The article itself, or for one longer than ``limit`` characters a copy cut at the
    end of the last segment that fits (else at the last space before the limit), so that
    analysis time stays bounded; offsets are unchanged, the stored text is not."""
    limit = ANALYSIS_LIMIT if limit is None else limit
    if len(article.text) <= limit:
        return article
    fits = [s for s in article.segments if s.end <= limit]
    cut = max((s.end for s in fits), default=0)
    if cut < limit // 2:  # one huge block: cut it at a space
        space = article.text.rfind(" ", 0, limit)
        cut = space if space > limit // 2 else limit
        first = [s for s in article.segments if s.start < cut]
        fits = [s for s in first if s.end <= cut] + [
            dataclasses.replace(s, end=cut, text=article.text[s.start : cut])
            for s in first
            if s.end > cut
        ]
    return dataclasses.replace(article, text=article.text[:cut], segments=tuple(fits))


def analyze(
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    progress: Progress | None = None,
    corpus_stages: Sequence[CorpusStage] | None = None,
    executor: Executor | None = None,
    owner: str | None = None,
) -> AnalyzeSummary:
    """Analyze every stored article that some stage of this pipeline has not analyzed at
    its current version, then bring the corpus stages (default: every installed one) up to
    date with what changed.

    For an article analyzed before, only the stale stages (and the stages reading what
    they write) have their records replaced; earlier stages run again in memory when a
    stale stage needs their output (tokens are not stored). Articles are *claimed* batch
    by batch (see :mod:`eventwire.store.claims_sql`), so several processes analyzing one
    store share the work instead of each doing all of it. The pipeline (every stage is
    pure and picklable) runs on chunks of a batch in ``executor`` (default: this process,
    or a pool of ``n_process`` processes); the store is written here, batch by batch, in
    claim order, whatever the executor.
    """
    from eventwire.store.analysis_sql import ANALYSIS_KINDS
    from eventwire.store.claims_sql import CORPUS_KEY, new_owner

    t0 = time.perf_counter()
    pipe = pipeline or default_pipeline(n_process=1)
    versions = pipe.versions()
    version = pipe.version()
    owner = owner or new_owner()
    summary = AnalyzeSummary()
    total = store.count_pending(versions)
    if progress:
        progress("analyze", 0, total)
    own = executor is None
    if executor is None:
        if n_process > 1 and total > batch_size // 2:
            if START_METHOD == "fork":
                warm(pipe)  # the forked workers share the loaded models
            executor = PoolExecutor(n_process)
        else:
            executor = SerialExecutor()
    store.release_dead_owners()
    try:
        with store.keep_claims(owner):  # renewed while this runs, ended after
            jobs = _ClaimedJobs(store, pipe, versions, batch_size, owner, executor)
            pending: dict[int, list[_ChunkResult]] = {}
            for result in executor.imap(_run_chunk_job, jobs, on_error=_lost_chunk):
                job = jobs.handed.popleft()  # results come back in submission order
                group, stale, garts, last = job.group, job.stale, job.group_articles, job.last
                pending.setdefault(group, []).append(result)
                if not last:
                    continue
                results = _complete(pending.pop(group), garts)
                docs = [d for r in results for d in r.docs]
                for r in results:
                    for name, secs in r.timings.items():
                        summary.stage_seconds[name] = summary.stage_seconds.get(name, 0.0) + secs
                    for art, reason in r.failures:
                        store.mark_failed(art, versions, reason)
                        summary.failed += 1
                if docs:
                    kinds = pipe.writes_of(stale) & set(ANALYSIS_KINDS)
                    store.write_analysis(
                        docs, {n: versions[n] for n in stale}, kinds=kinds, pipeline=version
                    )
                for d in docs:
                    for k in ("sentences", "entities", "timexes", "actor_mentions", "places", "events"):
                        summary.counts[k] = summary.counts.get(k, 0) + len(getattr(d, k))
                summary.analyzed += len(docs)
                if progress:
                    progress("analyze", len(garts), total)
    finally:
        if own and isinstance(executor, PoolExecutor):
            executor.close()
    if corpus_stages is None:
        from eventwire.corpus.registry import build_corpus_stages

        corpus_stages = build_corpus_stages()
    with store.lease(CORPUS_KEY, owner):  # one writer at a time runs the corpus stages
        summary.corpus = update_corpus(store, corpus_stages)
    summary.seconds = time.perf_counter() - t0
    return summary


@dataclasses.dataclass(frozen=True)
class _Job:
    group: int  # a running number per (claimed batch, set of stale stages)
    stale: tuple[str, ...]
    group_articles: list[Article]
    last: bool  # the group's last chunk


class _ClaimedJobs:
    """The chunks to analyze, claimed from the store batch by batch as they are consumed
    (so at most the executor's look-ahead is claimed and not yet written). ``handed``
    holds the jobs handed out and not yet collected, in order."""

    def __init__(
        self,
        store: Store,
        pipe: Pipeline,
        versions: dict[str, str],
        batch_size: int,
        owner: str,
        executor: Executor,
    ) -> None:
        self.store, self.pipe, self.versions = store, pipe, versions
        self.batch_size, self.owner, self.executor = batch_size, owner, executor
        self.handed: collections.deque[_Job] = collections.deque()
        self._upto: dict[tuple[str, ...], Pipeline] = {}

    def __iter__(self) -> Iterator[tuple[Pipeline, list[Article]]]:
        group = 0
        while True:
            arts = self.store.claim_pending(self.versions, self.batch_size, self.owner)
            if not arts:
                # others hold the rest: wait for them to finish it, or for the lease of a
                # writer that died to run out, and take it over
                if not self.store.held_elsewhere(self.versions, self.owner):
                    return
                time.sleep(1.0)
                continue
            bounded = [bound_for_analysis(a) for a in arts]
            over = [
                IngestProblem(a.source, "W502", f"article of {len(a.text):,} characters is longer "
                              f"than the analysis limit of {ANALYSIS_LIMIT:,}: analyzed its first "
                              f"{len(b.text):,} characters")
                for a, b in zip(arts, bounded, strict=True) if b is not a
            ]
            if over:
                self.store.add_ingested([], [], over)
            stored = self.store.stage_versions([a.id for a in bounded])
            groups: dict[tuple[str, ...], list[Article]] = {}
            for art in bounded:
                stale = tuple(self.pipe.stale(stored.get(art.id, {})))
                groups.setdefault(stale, []).append(art)
            for stale, garts in groups.items():
                sub = self._upto.get(stale) or self._upto.setdefault(stale, self.pipe.upto(stale))
                size = self.executor.chunk_size(len(garts))
                chunks = [garts[i : i + size] for i in range(0, len(garts), size)]
                for i, chunk in enumerate(chunks):
                    self.handed.append(_Job(group, stale, garts, i == len(chunks) - 1))
                    yield sub, chunk
                group += 1


def _lost_chunk(job: tuple[Pipeline, list[Article]], exc: BaseException) -> _ChunkResult:
    """A chunk whose job could not run (its worker died too often, say): every article in
    it is recorded as failed, with the reason."""
    reason = f"analysis task failed: {type(exc).__name__}: {exc}"[:500]
    return _ChunkResult([], [(a, reason) for a in job[1]], {})


def _complete(results: list[_ChunkResult], arts: list[Article]) -> list[_ChunkResult]:
    """Every article comes back analyzed or as a failure: a pipeline that drops one must
    not make the runner claim it again forever."""
    returned = {d.article.id for r in results for d in r.docs}
    returned |= {a.id for r in results for a, _ in r.failures}
    for art in arts:
        if art.id not in returned:
            results[0].failures.append((art, "the pipeline returned no analysis"))
    return results
