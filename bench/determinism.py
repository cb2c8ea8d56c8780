"""Do serial and parallel runs, in different input orders and on both backends, give the
same store? Runs the first N ECB+ dev texts (``../shared/data/ecbplus/ecbplus-dev.jsonl``)
serially into SQLite in file order and with 2 processes into PostgreSQL in reversed order,
then counts differing rows per table and in the GDELT export.

Duplicate inputs are dropped first: which copy of a duplicate becomes the canonical
article depends on input order by design.

    .venv/bin/python bench/determinism.py --n 80 --pg postgresql://postgres@127.0.0.1:5432/empty_db
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from eventwire import api
from eventwire.export import export
from eventwire.store import Store, open_store, schema

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus-dev.jsonl"
VOLATILE = {"ingested_at", "seen_at", "signature"}


def dump(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    out = {}
    for table in schema.metadata.sorted_tables:
        if table.name in ("article_changes", "corpus_state"):
            continue  # numbering follows processing order
        cols = [c for c in table.columns if c.name not in VOLATILE]
        with store.engine.connect() as c:
            out[table.name] = {
                tuple(
                    json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else v for v in r
                )
                for r in c.execute(sa.select(*cols))
            }
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=80)
    ap.add_argument("--pg", required=True, help="URL of an empty PostgreSQL database")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    d = tmp / "in"
    d.mkdir()
    with ECB.open() as f:
        for i, line in enumerate(f):
            if i == args.n:
                break
            (d / f"{i:04d}.txt").write_text(json.loads(line)["text"])
    files = sorted(str(p) for p in d.iterdir())
    with open_store(f"sqlite:///{tmp / 'probe.db'}") as probe:
        api.ingest(probe, files)
        copies = {r["source"] for r in probe.records("sources") if r["kind"] != "canonical"}
    files = [f for f in files if f not in copies]
    runs = []
    for url, procs, order in (
        (f"sqlite:///{tmp / 'serial.db'}", 1, files),
        (args.pg, 2, files[::-1]),
    ):
        with open_store(url) as store:
            api.run(store, order, n_process=procs, batch_size=8)
            buf = io.StringIO()
            export(store, "events", "gdelt", buf)
            lines = buf.getvalue().splitlines()
            drop = lines[0].split("\t").index("DATEADDED")
            gdelt = {
                "\t".join(x for j, x in enumerate(r.split("\t")) if j != drop) for r in lines[1:]
            }
            runs.append((dump(store), gdelt))
    (a, ga), (b, gb) = runs
    report = {"inputs": len(files), "dropped_copies": len(copies)}
    for k in a:
        report[k] = {"rows": len(a[k]), "differing": len(a[k] ^ b[k])}
    report["gdelt"] = {"rows": len(ga), "differing": len(ga ^ gb)}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
