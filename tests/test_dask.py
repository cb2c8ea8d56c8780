"""The Dask executor on a real LocalCluster (2 worker processes) against a real
PostgreSQL: the store equals a local run's record by record, and a worker killed mid-run
loses no article and duplicates none."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from eventwire import api
from eventwire.analyze.nlp import make_stage as nlp_stage
from eventwire.analyze.pipeline import Pipeline
from eventwire.runners.dask import DaskExecutor, dask_executor
from eventwire.store import open_store, schema

from .conftest import SEEDS, fresh_pg_database
from .corpus import synthetic_articles, write_corpus
from .storedump import dump_store as _dump


@pytest.fixture(scope="module")
def dask_ex() -> Iterator[DaskExecutor]:
    with dask_executor(workers=2, dashboard_address=":0", memory_limit="3GiB") as ex:
        yield ex


def test_dask_store_equals_local_run_record_by_record(
    dask_ex: DaskExecutor, pg_url: str, tmp_path: Path
) -> None:
    d = tmp_path / "in"
    write_corpus(d / "texts", 5, seed=3)
    with (d / "wire.jsonl").open("w", encoding="utf-8") as fh:
        for title, text in synthetic_articles(3, seed=5):
            fh.write(json.dumps({"title": title, "text": text, "date": "2024-03-01"}) + "\n")
    (d / "copy.txt").write_text((SEEDS / "000_01d2753117808385.txt").read_text())
    inputs = [str(SEEDS), str(d)]
    dumps, runs = [], []
    for ex in (None, dask_ex):
        store = open_store(fresh_pg_database(pg_url))
        runs.append(api.run(store, inputs, batch_size=4, executor=ex))
        dumps.append(_dump(store))
        store.close()
    local, dask = runs
    assert dask.ingest.new_articles == local.ingest.new_articles == 10
    assert dask.ingest.exact_duplicates == 1 and dask.analyze.analyzed == 10
    assert dumps[0]["events"] and dumps[0]["stories"] and dumps[0]["article_changes"]
    assert dumps[0].keys() == dumps[1].keys()
    for name in dumps[0]:
        assert dumps[0][name] == dumps[1][name], name


def test_dask_worker_killed_midrun_loses_and_duplicates_nothing(
    dask_ex: DaskExecutor, pg_url: str, tmp_path: Path
) -> None:
    n = len(write_corpus(tmp_path / "c", 40, seed=17))
    pipe = Pipeline([nlp_stage(parse=False)])
    store = open_store(fresh_pg_database(pg_url))
    api.ingest(store, [str(tmp_path / "c")], executor=dask_ex)
    pids = dask_ex.client.run(os.getpid)
    killed: dict[str, int] = {}
    done = [0]

    def progress(phase: str, advanced: int, total: int | None) -> None:
        done[0] += advanced if phase == "analyze" else 0
        if phase == "analyze" and done[0] >= 8 and not killed:  # tasks are in flight
            addr, pid = sorted(pids.items())[0]
            os.kill(pid, signal.SIGKILL)
            killed[addr] = done[0]

    s = api.analyze(store, pipeline=pipe, batch_size=4, executor=dask_ex, progress=progress,
                    corpus_stages=[])
    assert killed and next(iter(killed.values())) < n  # killed mid-run
    assert s.analyzed == n and s.failed == 0
    assert set(dask_ex.client.run(os.getpid).values()) != set(pids.values())  # restarted
    with store.engine.connect() as c:
        t = schema.article_changes
        per_article = dict(c.execute(sa.select(t.c.article_id, sa.func.count()).group_by(t.c.article_id)).all())
    assert len(per_article) == n and set(per_article.values()) == {1}  # each analyzed once
    assert not list(store.records("problems"))
    ents = [e["id"] for e in store.records("entities")]
    assert len(ents) == len(set(ents))
    # the same records as a local run
    ref = open_store(f"sqlite:///{tmp_path / 'ref.db'}")
    api.ingest(ref, [str(tmp_path / "c")])
    api.analyze(ref, pipeline=pipe, corpus_stages=[])
    assert sorted(ents) == sorted(e["id"] for e in ref.records("entities"))
    assert store.count("sentences") == ref.count("sentences")
    store.close()
    ref.close()


def _die(_: object) -> None:
    os._exit(1)


def _set_allowed_failures(n: int, dask_scheduler: Any = None) -> int:
    old = int(dask_scheduler.allowed_failures)
    dask_scheduler.allowed_failures = n
    return old


def test_dask_task_that_kills_its_workers_is_reported_not_fatal(dask_ex: DaskExecutor) -> None:
    """A task whose worker dies every time (allowed failures used up) comes back through
    ``on_error`` (the runner records it in the problems table) and the run goes on."""
    old = dask_ex.client.run_on_scheduler(_set_allowed_failures, 0)
    try:
        out = list(dask_ex.imap(_die, ["poison"], on_error=lambda it, e: (it, type(e).__name__)))
    finally:
        dask_ex.client.run_on_scheduler(_set_allowed_failures, old)
    assert out == [("poison", "KilledWorker")]
    dask_ex.client.wait_for_workers(2, timeout=120)
    assert list(dask_ex.imap(abs, [-3, 4])) == [3, 4]


def test_dask_dashboard_address_serves_the_dashboard(dask_ex: DaskExecutor) -> None:
    """The address the CLI prints answers over HTTP with the real dashboard (bokeh is in
    the dask extra), not distributed's "needs bokeh" notice."""
    import urllib.request

    link = dask_ex.dashboard_link
    assert link and link.startswith("http://")
    with urllib.request.urlopen(link, timeout=60) as resp:
        body = resp.read().decode("utf-8", "replace")
    assert resp.status == 200
    assert "needs bokeh" not in body and "Dask Diagnostic UI" in body
