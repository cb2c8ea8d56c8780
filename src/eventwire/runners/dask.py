"""The Dask executor: the runner's per-input and per-article jobs as tasks on a Dask
cluster (a ``LocalCluster`` on this machine, or a scheduler address).

What runs where:

- **Tasks** (on the workers): reading + cleaning one input file or URL (a partition of
  the input: a text/HTML file, a JSONL/JSON file, a WARC archive, a Parquet file), and
  running the per-article pipeline on a chunk of claimed articles. Tasks are pure: they
  never touch the store, so a task run twice (its worker died and the scheduler ran it
  again) changes nothing.
- **The runner** (this process): duplicate detection and every store write, in
  submission order, batch by batch (``executemany``; a batch is one transaction), then
  the corpus stages (stories, canonical events, fact groups), incrementally. Because the
  writes are the local executor's, in the same order, the store is identical to a local
  run's, record for record.

Models load once per worker: a worker plugin runs the pipeline on a short warm-up
article when the worker starts (and again on a worker the nanny restarts), and every
stage caches what it loads per process (a pipeline object itself pickles to under a
kilobyte and travels with its tasks). Dask owns the parallelism: the pipeline inside a
task runs with ``n_process=1`` (no process pool inside a task).

A worker killed mid-run loses nothing: the scheduler runs its tasks again on another
worker. A task that keeps killing its workers (``distributed.scheduler.allowed-failures``)
is recorded instead: the input (E601) or each article of the chunk (E501) in the
problems table, and the run goes on.
"""

from __future__ import annotations

import contextlib
import logging
import resource
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from eventwire.errors import UsageError
from eventwire.runners._exec import OnError, ordered_imap, warm

if TYPE_CHECKING:
    from eventwire.analyze.pipeline import Pipeline

__all__ = ["DaskExecutor", "dask_executor", "TASK_ARTICLES"]

TASK_ARTICLES = 8  # articles per analysis task (about a second of work: overhead is ms)

def _peak_rss_bytes() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


class DaskExecutor:
    """Runs the runner's jobs on ``client``'s cluster, ``inflight`` tasks at a time."""

    def __init__(self, client: Any, *, task_articles: int = TASK_ARTICLES) -> None:
        self.client = client
        self.task_articles = task_articles
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    @property
    def dashboard_link(self) -> str | None:
        with contextlib.suppress(Exception):
            return str(self.client.dashboard_link)
        return None

    def warm_up(self, pipeline: Pipeline) -> None:
        """Load the pipeline's models on every worker now and on every worker that joins."""
        from distributed.diagnostics.plugin import WorkerPlugin

        class _Warm(WorkerPlugin):
            name = "eventwire-warm-up"

            def __init__(self, pipe: Pipeline) -> None:
                self.pipe = pipe

            def setup(self, worker: Any) -> None:
                warm(self.pipe)

        self.client.register_plugin(_Warm(pipeline))

    def _submit(self, fn: Callable[[Any], Any], item: Any) -> Any:
        # the pipeline travels with each task: it is a few hundred bytes (its models are
        # loaded and cached in the worker process, not pickled)
        return self.client.submit(fn, item, pure=False)

    def imap(
        self, fn: Callable[[Any], Any], items: Iterable[Any], *, on_error: OnError | None = None
    ) -> Iterator[Any]:
        return ordered_imap(
            lambda it: self._submit(fn, it),
            lambda fut: fut.result(),
            items,
            max(4, self.workers * 4),
            on_error,
        )

    def chunk_size(self, n: int) -> int:
        return max(1, min(self.task_articles, -(-n // self.workers)))

    def worker_memory(self) -> dict[str, int]:
        """Peak resident memory (bytes) of each worker process so far."""
        try:
            return {str(k): int(v) for k, v in self.client.run(_peak_rss_bytes).items()}
        except Exception:  # noqa: BLE001 - a report, never a reason to fail the run
            return {}


@contextlib.contextmanager
def dask_executor(
    scheduler: str | None = None,
    workers: int | None = None,
    *,
    memory_limit: str | float | None = "auto",
    dashboard_address: str | None = ":8787",
    pipeline: Pipeline | None = None,
) -> Iterator[DaskExecutor]:
    """A :class:`DaskExecutor` on the cluster at ``scheduler``, or on a ``LocalCluster``
    of ``workers`` single-threaded worker processes (default 2) each limited to
    ``memory_limit``. With ``pipeline``, its models are loaded on every worker first."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            "the Dask executor needs the dask extra: pip install 'eventwire[dask]'", "E602"
        ) from None
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=20)
            except (OSError, TimeoutError) as e:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {e}", "E603") from None
        else:
            cluster = LocalCluster(
                n_workers=workers or 2,
                threads_per_worker=1,
                processes=True,
                memory_limit=memory_limit,
                dashboard_address=dashboard_address,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        try:
            if workers:
                client.wait_for_workers(workers, timeout=120)
            ex = DaskExecutor(client)
            if pipeline is not None:
                ex.warm_up(pipeline)
            yield ex
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
