"""Executors: where the runner's picklable jobs (read + clean an input, analyze a chunk of
articles) run. The runner itself stays in one process and does every store write, in the
order the jobs were submitted, so every executor gives the same store.

- :class:`SerialExecutor`: in this process, one job at a time.
- :class:`PoolExecutor`: a local process pool (``--processes N``).
- :class:`eventwire.runners.dask.DaskExecutor`: tasks on a Dask cluster.

``imap`` submits lazily with a bounded number of jobs in flight (so the jobs' inputs,
e.g. claimed articles, are taken from the store only shortly before they run) and yields
results in submission order.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar, runtime_checkable

__all__ = ["Executor", "SerialExecutor", "PoolExecutor", "ordered_imap", "warm", "warm_reader"]

T = TypeVar("T")

_WARM_TEXT = (
    "Talks in Geneva\n\nThe foreign ministers of France and Brazil met in Geneva on Monday "
    "and agreed to hold further talks on trade in March 2024, officials said."
)


def warm(pipeline: Any) -> None:
    """Load every model the pipeline uses, in this process: a Dask worker when it starts,
    or the runner before it forks a local pool, so the forked workers share the loaded
    models instead of each loading them again (seconds of CPU per worker)."""
    from eventwire.ingest import clean
    from eventwire.model import RawDoc

    pipeline([clean(RawDoc(source="warm-up", text=_WARM_TEXT, fmt="text"))])


def warm_reader() -> None:
    """Load what reading and cleaning an input use (the language identifier, the date
    tables, the MinHash parameters), in this process: the runner before it forks a local
    reading pool, so the workers share them instead of each loading them again."""
    from eventwire.ingest import clean
    from eventwire.ingest.clean import dedup_text
    from eventwire.ingest.dedup import signature
    from eventwire.model import RawDoc

    signature(dedup_text(clean(RawDoc(source="warm-up", text=_WARM_TEXT, fmt="text"))))


R = TypeVar("R")
OnError = Callable[[Any, BaseException], Any]


@runtime_checkable
class Executor(Protocol):
    """Runs picklable ``fn(item)`` jobs; ``workers`` says how many run at once."""

    workers: int

    def imap(
        self, fn: Callable[[Any], Any], items: Iterable[Any], *, on_error: OnError | None = None
    ) -> Iterator[Any]: ...

    def chunk_size(self, n: int) -> int:
        """How many articles of a batch of ``n`` go into one job."""
        ...


def ordered_imap(
    submit: Callable[[Any], Any],
    result: Callable[[Any], Any],
    items: Iterable[Any],
    inflight: int,
    on_error: OnError | None = None,
) -> Iterator[Any]:
    """Submit ``items`` (each through ``submit``) keeping at most ``inflight`` pending, and
    yield ``result(handle)`` in submission order. When ``result`` raises and ``on_error``
    is given, yield ``on_error(item, exc)`` instead."""
    queue: collections.deque[tuple[Any, Any]] = collections.deque()

    def pop() -> Any:
        item, handle = queue.popleft()
        if on_error is None:
            return result(handle)
        try:
            return result(handle)
        except Exception as e:  # noqa: BLE001 - handed to the caller's on_error
            return on_error(item, e)

    for item in items:
        queue.append((item, submit(item)))
        if len(queue) >= inflight:
            yield pop()
    while queue:
        yield pop()


class SerialExecutor:
    workers = 1

    def imap(
        self, fn: Callable[[Any], Any], items: Iterable[Any], *, on_error: OnError | None = None
    ) -> Iterator[Any]:
        return ordered_imap(lambda it: it, fn, items, 1, on_error)

    def chunk_size(self, n: int) -> int:
        return max(1, n)


class PoolExecutor:
    """A local process pool (forked where available, so loaded models are shared)."""

    def __init__(self, processes: int) -> None:
        from eventwire._pool import make_pool

        self.workers = processes
        self._pool = make_pool(processes)

    def imap(
        self, fn: Callable[[Any], Any], items: Iterable[Any], *, on_error: OnError | None = None
    ) -> Iterator[Any]:
        return ordered_imap(
            lambda it: self._pool.apply_async(fn, (it,)),
            lambda h: h.get(),
            items,
            self.workers * 8,
            on_error,
        )

    def chunk_size(self, n: int) -> int:
        return max(1, -(-n // (self.workers * 4)))  # several chunks per worker balance load

    def close(self) -> None:
        self._pool.close()
        self._pool.join()
