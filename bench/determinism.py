"""Does the same input in the same order give the same store, whatever the process count,
the hash seed and the clock? Runs the first N ECB+ texts twice, each run in its own
Python process: serially with PYTHONHASHSEED=1 and the real clock, and with 2 processes,
PYTHONHASHSEED=2 and the clock frozen (every ingest batch stored in the same second, what
a fast machine does), then counts the rows that differ per table (multiset symmetric
difference, wall-clock columns left out) and in the GDELT export.

    .venv/bin/python bench/determinism.py --n 300
    .venv/bin/python bench/determinism.py --n 80 --pg postgresql://postgres@127.0.0.1:5432/empty_db

With ``--pg`` the second run writes to that (empty) PostgreSQL database.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from eventwire.export import export
from eventwire.store import open_store, schema

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus-train.jsonl"
VOLATILE = {"ingested_at", "seen_at", "claimed_at", "lease_until", "owner"}

_RUN = r"""
import sys
import eventwire.store.sql as sql
from eventwire import api
from eventwire.store import open_store

url, procs, clock, files = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
if clock == "frozen":
    sql._now = lambda: "2026-01-01T00:00:00+00:00"
with open_store(url) as store:
    api.run(store, files, n_process=procs)
"""


def dump(url: str) -> tuple[dict[str, collections.Counter[tuple[Any, ...]]], set[str]]:
    out = {}
    with open_store(url) as store:
        for table in schema.metadata.sorted_tables:
            cols = [c for c in table.columns if c.name not in VOLATILE]
            with store.engine.connect() as c:
                out[table.name] = collections.Counter(
                    tuple(
                        json.dumps(v, sort_keys=True) if isinstance(v, (dict, list))
                        else hashlib.sha256(v).hexdigest() if isinstance(v, bytes) else v
                        for v in r
                    )
                    for r in c.execute(sa.select(*cols))
                )
        buf = io.StringIO()
        export(store, "events", "gdelt", buf)
    lines = buf.getvalue().splitlines()
    drop = lines[0].split("\t").index("DATEADDED")
    gdelt = {"\t".join(x for j, x in enumerate(r.split("\t")) if j != drop) for r in lines[1:]}
    return out, gdelt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--input", type=Path, default=ECB, help="ECB+ JSONL (default: train)")
    ap.add_argument("--pg", help="URL of an empty PostgreSQL database for the second run")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    d = tmp / "in"
    d.mkdir()
    with args.input.open() as f:
        for i, line in enumerate(f):
            if i == args.n:
                break
            (d / f"{i:04d}.txt").write_text(json.loads(line)["text"])
    files = sorted(str(p) for p in d.iterdir())
    runs = []
    for url, procs, clock, seed in (
        (f"sqlite:///{tmp / 'a.db'}", 1, "real", "1"),
        (args.pg or f"sqlite:///{tmp / 'b.db'}", 2, "frozen", "2"),
    ):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _RUN, url, str(procs), clock, *files], env=env, check=True)
        runs.append(dump(url))
    (a, ga), (b, gb) = runs
    report: dict[str, Any] = {"inputs": len(files)}
    for k in a:
        diff = (a[k] - b[k]) + (b[k] - a[k])
        report[k] = {"rows": [a[k].total(), b[k].total()], "differing": diff.total()}
    report["gdelt"] = {"rows": [len(ga), len(gb)], "differing": len(ga ^ gb)}
    report["tables_differing"] = sorted(k for k in a if report[k]["differing"])
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
