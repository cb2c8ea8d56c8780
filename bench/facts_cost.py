"""CPU cost of fact extraction and reconciliation within the end-to-end per-article cost.

    .venv/bin/python bench/facts_cost.py [--limit 120] [--out bench/results/facts_cost.json]

Runs ``eventwire run`` (ingest, clean, store, every per-article stage, every corpus stage) in
one process on real ECB+ articles (train + dev texts of ../shared, first ``--limit`` in file
order; stories form as they come) into a fresh SQLite store, and measures CPU time
(``time.process_time``) of the whole run, of each per-article stage and of each corpus stage.
Reported: the ``facts`` per-article stage (extraction) plus the ``facts`` corpus stage
(story dates, reconciliation, writes) as a share of the whole run's CPU time. The issue's
budget: at most 30 % of the end-to-end per-article cost.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

CPU: dict[str, float] = {}


class _Timed:
    """A stage whose calls add their CPU seconds to ``CPU[label]``; everything else is the
    wrapped stage's."""

    def __init__(self, stage: Any, label: str) -> None:
        self._stage = stage
        self._label = label

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._stage, name)
        if name != "update":
            return attr

        def timed(*a: Any, **k: Any) -> Any:
            t0 = time.process_time()
            try:
                return attr(*a, **k)
            finally:
                CPU[self._label] = CPU.get(self._label, 0.0) + time.process_time() - t0

        return timed

    def __call__(self, docs: Any) -> Any:
        t0 = time.process_time()
        try:
            return self._stage(docs)
        finally:
            CPU[self._label] = CPU.get(self._label, 0.0) + time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    src = [SHARED / "ecbplus" / "ecbplus-train.jsonl", SHARED / "ecbplus" / "ecbplus-dev.jsonl"]
    if not all(p.exists() for p in src):
        print("../shared ECB+ data absent: skipped")
        return
    from eventwire import api
    from eventwire.analyze.pipeline import Pipeline, default_pipeline
    from eventwire.corpus.registry import build_corpus_stages
    from eventwire.store import open_store

    texts = []
    for p in src:
        for line in p.open(encoding="utf-8"):
            d = json.loads(line)
            texts.append((d["doc_id"], d["text"].strip()))
    texts = texts[: a.limit]
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "in"
        d.mkdir()
        for doc_id, text in texts:
            (d / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
        base = default_pipeline(n_process=1)
        pipe = Pipeline([_Timed(s, f"stage:{s.name}") for s in base.stages])  # type: ignore[misc]
        corpus = [_Timed(s, f"corpus:{s.name}") for s in build_corpus_stages()]
        with open_store(f"sqlite:///{Path(tmp) / 'x.db'}") as store:
            # warm-up on one article: model and dictionary loads are not per-article cost
            api.run(store, [str(d / f"{texts[0][0]}.txt")], pipeline=pipe, corpus_stages=corpus)  # type: ignore[arg-type]
            CPU.clear()
            t0, w0 = time.process_time(), time.perf_counter()
            api.run(store, [str(d)], pipeline=pipe, corpus_stages=corpus)  # type: ignore[arg-type]
            total, wall = time.process_time() - t0, time.perf_counter() - w0
    n = len(texts) - 1
    facts = CPU.get("stage:facts", 0.0) + CPU.get("corpus:facts", 0.0)
    rows = {k: round(v, 3) for k, v in sorted(CPU.items(), key=lambda kv: -kv[1])}
    print(f"{n} ECB+ articles, one process: whole run {total:.1f} s CPU ({1000 * total / n:.0f} ms/article), "
          f"{wall:.1f} s wall")
    for k, v in rows.items():
        print(f"  {k:28s} {v:8.2f} s CPU  {100 * v / total:5.1f} %")
    print(f"facts extraction + reconciliation: {facts:.2f} s CPU = {100 * facts / total:.1f} % of the run "
          f"(budget 30 %)")
    if a.out:
        a.out.write_text(json.dumps({"articles": n, "cpu_total_s": total, "wall_s": wall, "cpu_by_stage_s": rows,
                                     "facts_share": facts / total}, indent=1) + "\n")


if __name__ == "__main__":
    main()
