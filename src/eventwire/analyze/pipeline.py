"""The stage framework.

A stage declares what it ``reads`` and ``writes`` (field names of
:class:`~eventwire.model.AnalyzedDoc`) and maps a batch of docs to new docs without side
effects. Stages hold no database handle and are picklable, so the local runner and a
distributed runner call the same objects and get identical output.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from eventwire.model import AnalyzedDoc, Article

__all__ = ["Stage", "MapStage", "Pipeline", "StageFailed", "default_pipeline"]


class StageFailed(RuntimeError):
    """A stage raised: carries the stage's name, so the per-article problem says which."""

    def __init__(self, stage: str, error: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed: {type(error).__name__}: {error}")
        self.stage = stage
        self.error = error


@runtime_checkable
class Stage(Protocol):
    name: str
    version: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, docs: Sequence[AnalyzedDoc]) -> list[AnalyzedDoc]: ...


@dataclasses.dataclass(frozen=True)
class MapStage:
    """A stage that applies a pure per-document function (a module-level function)."""

    name: str
    version: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    fn: Callable[[AnalyzedDoc], AnalyzedDoc]

    def __call__(self, docs: Sequence[AnalyzedDoc]) -> list[AnalyzedDoc]:
        out = []
        for d in docs:
            nd = self.fn(d)
            out.append(
                dataclasses.replace(nd, stage_versions=nd.stage_versions + ((self.name, self.version),))
            )
        return out


class Pipeline:
    """An ordered list of stages; checks that every stage's inputs are produced upstream."""

    BASE_FIELDS = ("article",)

    def __init__(self, stages: Sequence[Stage]) -> None:
        available = set(self.BASE_FIELDS)
        for s in stages:
            missing = [r for r in s.reads if r not in available]
            if missing:
                raise ValueError(f"stage {s.name!r} reads {missing} which no earlier stage writes")
            available.update(s.writes)
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def version(self) -> str:
        return ";".join(f"{s.name}={s.version}" for s in self.stages)

    def versions(self) -> dict[str, str]:
        return {s.name: s.version for s in self.stages}

    def stale(self, stored: dict[str, str]) -> list[str]:
        """Stages to re-run for an article whose stages ran at the ``stored`` versions:
        those whose version differs, and every stage reading what a stale stage writes."""
        dirty: set[str] = set()
        out = []
        for s in self.stages:
            if stored.get(s.name) != s.version or dirty.intersection(s.reads):
                out.append(s.name)
                dirty.update(s.writes)
        return out

    def upto(self, names: Sequence[str]) -> Pipeline:
        """The stages up to the last of ``names`` (what running them needs in memory)."""
        last = max((i for i, s in enumerate(self.stages) if s.name in names), default=-1)
        return Pipeline(self.stages[: last + 1])

    def writes_of(self, names: Sequence[str]) -> set[str]:
        return {w for s in self.stages if s.name in names for w in s.writes}

    def __call__(
        self, articles: Sequence[Article], timings: dict[str, float] | None = None
    ) -> list[AnalyzedDoc]:
        """Run every stage; when ``timings`` is given, add each stage's seconds to it.

        Articles in a language the pipeline does not support (see
        :mod:`eventwire.ingest.language`) go through no stage: they come back with no
        records, in their place in the input order, never analyzed as English."""
        import time

        from eventwire.ingest.language import is_supported

        docs = [AnalyzedDoc(article=a) for a in articles if is_supported(a.language)]
        for s in self.stages:
            if not docs:
                break
            t0 = time.perf_counter()
            try:
                docs = s(docs)
            except Exception as e:  # any bug in any stage: recorded per article by the runner
                raise StageFailed(s.name, e) from e
            if timings is not None:
                timings[s.name] = timings.get(s.name, 0.0) + time.perf_counter() - t0
        if len(docs) == len(articles):
            return docs
        done = {d.article.id: d for d in docs}
        return [done.get(a.id) or AnalyzedDoc(article=a) for a in articles]


def default_pipeline(n_process: int = 1, batch_size: int = 16, versioned: bool = True) -> Pipeline:
    """The full per-article pipeline, with every stage that is installed (``versioned``: see
    :func:`eventwire.analyze.registry.build_stages`)."""
    from eventwire.analyze import registry

    return Pipeline(registry.build_stages(n_process=n_process, batch_size=batch_size, versioned=versioned))
