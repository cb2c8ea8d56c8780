"""A bounded variant of bench/serve_load.py: the real server (uvicorn on 127.0.0.1, a
separate process) answers every list endpoint while another process commits new articles
and events to the same SQLite store (WAL): no errors, bounded latency, and the writer's
rows become visible to the server."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import httpx
import pytest

pytest.importorskip("uvicorn", reason="the serve extra (uvicorn) is not installed")

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("serve_load", ROOT / "bench" / "serve_load.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_serve_load_answers_while_a_writer_commits(seed_db: str, tmp_path: Path) -> None:
    bench = _bench()
    db = tmp_path / "load.db"
    shutil.copy(seed_db[len("sqlite:///"):], db)
    url = f"sqlite:///{db}"
    bench.replicate(url, 1, 60)  # about 1,100 events
    before = bench._counts(url)
    assert before["events"] >= 1000
    res = bench.serve_and_measure(url, requests=8, every=0.2, first_replica=61, events_per_commit=18)
    assert res["writer"]["replicas_committed"] >= 1  # the writer really wrote meanwhile
    for name, lat in res["latency"].items():
        assert lat["errors"] == 0, name
        assert lat["p95_ms"] < 3000, (name, lat)  # generous: 2 cores shared with other jobs
    after = bench._counts(url)
    assert after["events"] > before["events"]


def test_serve_load_sees_rows_committed_by_another_process(seed_db: str, tmp_path: Path) -> None:
    bench = _bench()
    db = tmp_path / "wal.db"
    shutil.copy(seed_db[len("sqlite:///"):], db)
    url = f"sqlite:///{db}"
    proc, base = bench.start_server(url)
    try:
        n0 = httpx.get(base + "/api/events", params={"count": "true", "limit": 1}).json()["total"]
        bench.replicate(url, 1, 2)  # another process's commit (its own connection)
        n1 = httpx.get(base + "/api/events", params={"count": "true", "limit": 1}).json()["total"]
        assert n1 == n0 * 3
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_load_answers_while_eventwire_ingest_writes(seed_db: str, tmp_path: Path) -> None:
    """The real writer: `eventwire ingest` in another process, while the server answers."""
    import subprocess
    import sys
    import time

    bench = _bench()
    db = tmp_path / "ing.db"
    shutil.copy(seed_db[len("sqlite:///"):], db)
    url = f"sqlite:///{db}"
    inputs = tmp_path / "in"
    inputs.mkdir()
    words = "harbour council budget river school bridge festival railway clinic market".split()
    for i in range(40):
        body = " ".join(f"The {words[(i + k) % 10]} report number {i * 7 + k} was published." for k in range(12))
        (inputs / f"a{i:02d}.txt").write_text(f"Town news {i}\n\n{body}\n", "utf-8")
    proc, base = bench.start_server(url)
    try:
        n0 = httpx.get(base + "/api/articles", params={"count": "true", "limit": 1}).json()["total"]
        w = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "ingest", str(inputs), "--db", url],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**bench.os.environ, "PYTHONPATH": str(ROOT / "src")})
        statuses = []
        while w.poll() is None:
            statuses.append(httpx.get(base + "/api/articles", params={"limit": 5}, timeout=30).status_code)
            time.sleep(0.05)
        assert w.returncode == 0 and statuses and set(statuses) == {200}
        n1 = httpx.get(base + "/api/articles", params={"count": "true", "limit": 1}).json()["total"]
        assert n1 == n0 + 40
    finally:
        proc.terminate()
        proc.wait(10)
