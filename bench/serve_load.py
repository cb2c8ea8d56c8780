"""Load test of `eventwire serve`: p95 latency of the main list endpoints on a store of
>= 100,000 events while another process writes to the same SQLite store.

The store is SYNTHESIZED: analyzed real articles (the seed articles by default, run
through the full pipeline) are replicated with new ids (articles, events, event actors,
facts, article actors, stories), each replica's dates shifted back by its index in days,
until the store holds ``--events`` events. The server is the real one (uvicorn on
127.0.0.1, started as `eventwire serve` would, one process). The writer is another
process that, for the whole measurement, commits a batch of new replicated articles and
their records every ``--write-every`` seconds (what `eventwire run` does per batch, minus
the NLP). The client sends sequential requests (one at a time) to each endpoint, first
page and pages further down through the cursor, and reports p50/p95/max per endpoint,
the server's CPU seconds, and the load average of the machine.

    .venv/bin/python bench/serve_load.py [--events 100000] [--requests 200] [--out bench/results/serve_load.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"

# table -> (columns rewritten for a replica); every other column is copied as is
_ID_COLS = {
    "articles": ("id", "source", "content_hash"),
    "events": ("id", "article_id"),
    "event_actors": ("event_id", "article_id"),
    "facts": ("id", "article_id"),
    "article_actors": ("article_id",),
    "stories": ("id",),
    "story_articles": ("story_id", "article_id"),
}
_SHIFT = {"articles": ("published",), "events": ("date_begin", "date_end"), "stories": ("first_seen", "last_seen")}
_NULLED = {"events": ("timex_id", "place_id")}  # not replicated: no dangling foreign keys


def analyzed_base(url: str, inputs: list[str]) -> None:
    """Run real articles through the full pipeline into ``url``."""
    from eventwire import api
    from eventwire.store import open_store

    with open_store(url, migrate=True) as store:
        api.run(store, inputs)


def _replica_select(conn: Any, table: str, tag: str, days: int, base: str) -> str:
    cols = [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')]
    out = []
    for c in cols:
        q = f'"{c}"'
        if c in _ID_COLS[table]:
            out.append(f"{q} || '{tag}'")
        elif c in _SHIFT.get(table, ()):
            out.append(f"CASE WHEN length({q}) = 10 THEN date({q}, '-{days} days') ELSE {q} END")
        elif c in _NULLED.get(table, ()):
            out.append("NULL")
        else:
            out.append(q)
    key = "id" if "id" in cols and table in ("articles", "stories") else "article_id"
    if table == "stories":
        where = "WHERE id NOT LIKE '%~%'"
    elif table == "story_articles":
        where = "WHERE story_id NOT LIKE '%~%'"
    else:
        where = f"WHERE {key} IN ({base})"
    return f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) SELECT {", ".join(out)} FROM "{table}" {where}'


def replicate(url: str, start: int, n: int) -> None:
    """Add replicas ``start`` .. ``start + n - 1`` of the base articles (ids without '~')."""
    engine = sa.create_engine(url, connect_args={"timeout": 60})
    base = "SELECT id FROM articles WHERE id NOT LIKE '%~%'"
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        for r in range(start, start + n):
            tag = f"~{r:06d}"
            for table in _ID_COLS:
                conn.exec_driver_sql(_replica_select(conn, table, tag, r % 3650, base))
    engine.dispose()


def build(url: str, events: int, inputs: list[str]) -> dict[str, Any]:
    t0 = time.perf_counter()
    analyzed_base(url, inputs)
    t1 = time.perf_counter()
    engine = sa.create_engine(url)
    with engine.connect() as c:
        per = int(c.exec_driver_sql("SELECT count(*) FROM events").scalar() or 0)
        n_base = int(c.exec_driver_sql("SELECT count(*) FROM articles").scalar() or 0)
    engine.dispose()
    if per == 0:
        raise SystemExit("the base articles have no events")
    replicas = -(-max(events - per, 0) // per)
    done = 0
    while done < replicas:
        k = min(200, replicas - done)
        replicate(url, done + 1, k)
        done += k
    return {"base_articles": n_base, "base_events": per, "replicas": replicas,
            "analyze_seconds": round(t1 - t0, 1), "replicate_seconds": round(time.perf_counter() - t1, 1)}


def writer(url: str, every: float, first: int, log: Path) -> None:
    """Commit one new replica (articles + their records) every ``every`` seconds, for
    ever (the caller stops it), noting each commit in ``log``."""
    r = first
    with log.open("a") as fh:
        while True:
            t = time.perf_counter()
            replicate(url, r, 1)
            fh.write(f"{r}\n")
            fh.flush()
            r += 1
            time.sleep(max(0.0, every - (time.perf_counter() - t)))


def start_writer(url: str, every: float, first: int, log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--writer", url, "--write-every", str(every),
           "--first", str(first), "--log", str(log)]
    return subprocess.Popen(cmd, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "eventwire.cli", "serve", "--db", url, "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


ENDPOINTS = {
    "events (first page)": ("/api/events", {}),
    "events (5 pages down)": ("/api/events", {"_pages": 5}),
    "events ?country&type": ("/api/events", {"country": "VNM", "type": "CONSULT"}),
    "events ?q (search)": ("/api/events", {"q": "Vietnam"}),
    "articles": ("/api/articles", {}),
    "stories": ("/api/stories", {}),
    "facts": ("/api/facts", {}),
    "actors": ("/api/actors", {}),
}


def measure(base: str, requests: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, (path, params) in ENDPOINTS.items():
            params = dict(params)
            pages = int(params.pop("_pages", 0))
            lat: list[float] = []
            errors = 0
            for _ in range(requests):
                cursor = None
                for _ in range(pages):  # walk down; only the last page is timed
                    cursor = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})}).json()["next_cursor"]
                t = time.perf_counter()
                r = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
                lat.append((time.perf_counter() - t) * 1000)
                errors += r.status_code != 200
            lat.sort()
            out[name] = {"p50_ms": round(statistics.median(lat), 1),
                         "p95_ms": round(lat[max(0, int(len(lat) * 0.95) - 1)], 1),
                         "max_ms": round(lat[-1], 1), "n": len(lat), "errors": errors}
    return out


def serve_and_measure(url: str, requests: int, every: float, first_replica: int,
                      events_per_commit: int) -> dict[str, Any]:
    """Start the server on ``url``, a writer process, and time the endpoints."""
    proc, base = start_server(url)
    try:
        cpu0, load0 = _cpu_seconds(proc.pid), os.getloadavg()
        log = Path(tempfile.mkstemp(prefix="ew-writer-")[1])
        w = start_writer(url, every, first_replica, log)
        deadline = time.time() + 120
        while not log.read_text().strip() and time.time() < deadline:  # writing has begun
            time.sleep(0.1)
        t0 = time.perf_counter()
        try:
            res = measure(base, requests)
        finally:
            wall = time.perf_counter() - t0
            w.terminate()
            w.wait(30)
        committed = len(log.read_text().split())
        log.unlink()
        cpu = _cpu_seconds(proc.pid) - cpu0
    finally:
        proc.terminate()
        proc.wait(10)
    return {"writer": {"replicas_committed": committed, "every_s": every,
                       "events_per_commit": events_per_commit},
            "latency": res, "wall_s": round(wall, 1), "server_cpu_s": round(cpu, 1),
            "loadavg_before": [round(x, 2) for x in load0],
            "loadavg_after": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count()}


def _counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    with engine.connect() as c:
        out = {t: int(c.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() or 0)
               for t in ("events", "articles", "facts", "stories", "actors")}
    engine.dispose()
    return out


def run(events: int, requests: int, inputs: list[str], every: float) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="ew-load-"))
    url = f"sqlite:///{tmp / 'load.db'}"
    try:
        built = build(url, events, inputs)
        store = {**_counts(url), **built}
        res = serve_and_measure(url, requests, every, built["replicas"] + 1, built["base_events"])
        return {"store": store, **res}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    ap.add_argument("--write-every", type=float, default=0.5, help="seconds between the writer's commits")
    ap.add_argument("--inputs", nargs="*", default=[str(SEEDS)])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--writer", help=argparse.SUPPRESS)  # internal: run as the writer process
    ap.add_argument("--first", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.writer:
        writer(a.writer, a.write_every, a.first, a.log)
        return
    res = run(a.events, a.requests, a.inputs, a.write_every)
    text = json.dumps(res, indent=2)
    print(text)
    if a.out:
        a.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
