"""Scale bench: the local executor vs Dask LocalCluster (1 and 2 workers), and cost growth.

Corpus: the real English news texts in ../shared/data (ECB+ train+dev, TempEval-3
TimeBank/AQUAINT: 1,028 articles) as JSONL partitions of 250 articles (the Dask tasks'
input partitions). Where ``--articles`` asks for more than exist, the rest is synthesized
by resampling (each extra article is a random same-size sample of real sentences, so it is
new text, not a duplicate); the output says how many are real.

Every mode runs in its own process on a fresh SQLite store: ingest + analyze + corpus
stages, end to end. Reported per mode: wall seconds, articles/s, CPU seconds (this
process and its children, plus the Dask workers' own CPU), peak RSS of the runner and of
each worker, the load average before and after (the machine is shared: read the wall
times next to the load), and for Dask the scaling efficiency
``(rate with 2 workers) / (2 x rate with 1 worker)``.

  python bench/dask_scale.py --articles 1028 --modes local,dask1,dask2 --pipeline full
  python bench/dask_scale.py --articles 10000 --modes local2,dask2,dask1 --pipeline full  # local2: -p 2
  python bench/dask_scale.py --articles 1000,10000 --modes local --pipeline ner   # cost growth
  python bench/dask_scale.py --articles 1000,10000,100000 --modes local --pipeline none
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
REAL_FILES = ("ecbplus/ecbplus-train.jsonl", "ecbplus/ecbplus-dev.jsonl", "tempeval3/tbaq-train.jsonl")
PARTITION = 250


def real_texts() -> list[str]:
    out = []
    for f in REAL_FILES:
        for line in (SHARED / f).open(encoding="utf-8"):
            out.append(json.loads(line)["text"].strip())
    return out


def build_corpus(dest: Path, n: int, seed: int = 13) -> dict[str, int]:
    """``n`` articles as JSONL partitions: the real ones first, then synthesized ones."""
    texts = real_texts()
    rng = random.Random(seed)
    sents = [s for t in texts for s in t.split("\n") if len(s.split()) > 4]
    avg = max(1, sum(len(t.split("\n")) for t in texts) // len(texts))
    dest.mkdir(parents=True, exist_ok=True)
    real = min(n, len(texts))
    fh = None
    for i in range(n):
        if i % PARTITION == 0:
            if fh:
                fh.close()
            fh = (dest / f"part-{i // PARTITION:05d}.jsonl").open("w", encoding="utf-8")
        text = texts[i] if i < real else "\n".join(rng.sample(sents, avg))
        assert fh is not None
        fh.write(json.dumps({"text": text}) + "\n")
    if fh:
        fh.close()
    return {"articles": n, "real": real, "synthesized": n - real}


def _pipeline(kind: str) -> Any:
    from eventwire.analyze.pipeline import Pipeline, default_pipeline

    if kind == "none":  # ingest only: read, clean, dedup, store
        return None
    if kind == "ner":
        from eventwire.analyze.nlp import make_stage

        stages: list[Any] = [make_stage(parse=False)]
        return Pipeline(stages)
    return default_pipeline()


def _worker_usage() -> dict[str, float]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": r.ru_utime + r.ru_stime, "rss": r.ru_maxrss * 1024}


def run_mode(mode: str, corpus: Path, pipeline: str) -> dict[str, Any]:
    from eventwire import api
    from eventwire.runners.local import AnalyzeSummary
    from eventwire.store import open_store

    pipe = _pipeline(pipeline)
    load0 = os.getloadavg()[0]
    cpu0 = time.process_time()
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/bench.db")
        out: dict[str, Any] = {"mode": mode}
        if mode.startswith("local"):  # "local": one process; "local2": a pool of 2
            procs = int(mode.removeprefix("local") or 1)
            t0 = time.perf_counter()
            if pipe is None:
                ing = api.ingest(store, [str(corpus)], workers=procs)
                res = api.RunSummary(ing, AnalyzeSummary())
            else:
                res = api.run(store, [str(corpus)], pipeline=pipe, batch_size=64, n_process=procs)
            secs = time.perf_counter() - t0
            worker_cpu, worker_rss = 0.0, []
        else:
            from eventwire.runners.dask import dask_executor

            n_workers = int(mode.removeprefix("dask"))
            t_up = time.perf_counter()
            with dask_executor(workers=n_workers, pipeline=pipe, dashboard_address=":0") as ex:
                out["cluster_start_s"] = round(time.perf_counter() - t_up, 1)
                base = ex.client.run(_worker_usage)
                t0 = time.perf_counter()
                if pipe is None:
                    ing = api.ingest(store, [str(corpus)], executor=ex)
                    res = api.RunSummary(ing, AnalyzeSummary())
                else:
                    res = api.run(store, [str(corpus)], pipeline=pipe, batch_size=64, executor=ex)
                secs = time.perf_counter() - t0
                after = ex.client.run(_worker_usage)
            worker_cpu = sum(after[w]["cpu"] - base.get(w, {"cpu": 0.0})["cpu"] for w in after)
            worker_rss = [round(after[w]["rss"] / 2**20) for w in after]
        store.close()
        db_bytes = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))
    n = res.ingest.new_articles
    runner_cpu = time.process_time() - cpu0
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    pool_cpu = 0.0  # local2's pool (Dask's workers are counted through the client instead)
    if mode.startswith("local"):
        pool_cpu = (ch.ru_utime + ch.ru_stime) - (children0.ru_utime + children0.ru_stime)
    out.update(
        articles=n,
        analyzed=res.analyze.analyzed,
        seconds=round(secs, 1),
        articles_per_s=round(n / secs, 2),
        cpu_seconds=round(runner_cpu + worker_cpu + pool_cpu, 1),
        pool_cpu_seconds=round(pool_cpu, 1),
        runner_cpu_seconds=round(runner_cpu, 1),
        worker_cpu_seconds=round(worker_cpu, 1),
        runner_peak_rss_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        worker_peak_rss_mib=worker_rss,
        loadavg_before=round(load0, 2),
        loadavg_after=round(os.getloadavg()[0], 2),
        corpus_seconds={k: round(v.seconds, 1) for k, v in res.analyze.corpus.items()},
        sqlite_bytes_per_article=round(db_bytes / max(1, n)),
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", default="1028", help="corpus sizes, comma-separated")
    ap.add_argument("--modes", default="local,dask1,dask2")
    ap.add_argument("--pipeline", choices=("full", "ner", "none"), default="full")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "dask_scale.json"))
    ap.add_argument("--_mode", help=argparse.SUPPRESS)
    ap.add_argument("--_corpus", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a._mode:
        print(json.dumps(run_mode(a._mode, Path(a._corpus), a.pipeline)))
        return
    results: list[dict[str, Any]] = []
    for size in (int(x) for x in a.articles.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            info = build_corpus(corpus, size)
            rates: dict[str, float] = {}
            for mode in a.modes.split(","):
                p = subprocess.run(
                    [sys.executable, __file__, "--_mode", mode, "--_corpus", str(corpus),
                     "--pipeline", a.pipeline],
                    capture_output=True, text=True,
                )
                if p.returncode != 0:
                    print(f"{mode} FAILED: {p.stderr.strip()[-1500:]}", flush=True)
                    continue
                r = json.loads(p.stdout.strip().splitlines()[-1])
                r.update(corpus=info, pipeline=a.pipeline)
                rates[mode] = r["articles_per_s"]
                results.append(r)
                print(json.dumps(r), flush=True)
            if "dask1" in rates and "dask2" in rates:
                eff = round(rates["dask2"] / (2 * rates["dask1"]), 3)
                results.append({"articles": size, "scaling_efficiency_1_to_2": eff})
                print(f"scaling efficiency 1 -> 2 workers: {eff}", flush=True)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(Path(a.out).read_text()) if Path(a.out).exists() else []
    Path(a.out).write_text(json.dumps(old + results, indent=2) + "\n")
    print(f"results appended to {a.out}")


if __name__ == "__main__":
    main()
