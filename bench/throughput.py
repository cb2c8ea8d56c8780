"""Throughput benchmark: articles/s and peak memory, end to end and per stage, on real news.

Corpus: the 1,028 real English news texts of ECB+ (train+dev) and TempEval-3 (TimeBank/
AQUAINT) in ../shared/data, written out as one .txt file per article (first line = title).
No registry package ships a large news corpus; ``--repeat N`` synthesizes volume by
resampling: each extra copy is a new article made of the sentences of a random same-size
sample of real articles, so it is not a duplicate and the dedup stage does not drop it.

Every mode runs in its own process so peak RSS is per mode:
  bare-ner     stock spaCy tok2vec+senter+ner over the texts (nlp.pipe, n_process=2)
  bare-ner-lean  the same without the shared tok2vec, which no enabled component reads: the floor
  bare-full    the stock full spaCy pipeline (with parser) over the texts, n_process=2
  ingest       read + clean + dedup + store (SQLite), no analysis
  e2e-ner      ingest + store + sentences/NER stage (the foundation target)
  e2e-full     ingest + store + every installed stage (timex, actors, places, events, facts)
  components   CPU seconds per spaCy component, stock and with eventwire's equivalents
               (the first 150 articles, one process)
  stages       CPU seconds per pipeline stage (the first 300 articles, one process, models
               loaded first; the load and the stage-version build are reported apart)

Besides wall-clock articles/s every mode reports CPU seconds (this process and its worker
processes) and the 1-minute load average before and after it: on a shared machine the
CPU figures are the comparable ones.

  python bench/throughput.py [--limit N] [--repeat N] [--modes a,b] [--out bench/results/throughput.json]
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
MODES = ("bare-ner", "bare-ner-lean", "bare-full", "ingest", "e2e-ner", "e2e-full", "components", "stages")


def load_texts() -> list[tuple[str, str]]:
    out = []
    for f in ("ecbplus/ecbplus-train.jsonl", "ecbplus/ecbplus-dev.jsonl", "tempeval3/tbaq-train.jsonl"):
        for line in (SHARED / f).open(encoding="utf-8"):
            d = json.loads(line)
            out.append((d["doc_id"], d["text"].strip()))
    return out


def build_corpus(dest: Path, limit: int, repeat: int, seed: int = 13) -> int:
    texts = load_texts()[:limit] if limit else load_texts()
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    for doc_id, text in texts:
        (dest / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
        n += 1
    sents = [s for _, t in texts for s in t.split("\n") if len(s.split()) > 4]
    avg = max(1, sum(len(t.split("\n")) for _, t in texts) // max(1, len(texts)))
    for r in range(1, repeat):
        for i in range(len(texts)):
            body = "\n".join(rng.sample(sents, avg))
            (dest / f"synthetic_{r}_{i}.txt").write_text(body + "\n", encoding="utf-8")
            n += 1
    return n


def _words(corpus: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))


def _cpu_seconds() -> float:
    """User + system CPU of this process and of its reaped children (the worker pools)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


COMPONENT_ARTICLES = 150


def _components(files: list[Path]) -> dict[str, Any]:
    """CPU seconds of each spaCy component (one process, batches of 64 texts), for stock
    spaCy and with eventwire's equivalents; each pipeline runs twice, the second is kept
    (warm caches, as in a long run)."""
    from eventwire.analyze.nlp import load_model

    texts = [p.read_text(encoding="utf-8") for p in files]
    out: dict[str, Any] = {"articles": len(texts)}
    for label, stock in (("stock", True), ("eventwire", False)):
        nlp = load_model(stock=stock)
        for _ in range(2):
            cpu = {name: 0.0 for name in nlp.pipe_names}
            for i in range(0, len(texts), 64):
                docs = [nlp.make_doc(t) for t in texts[i : i + 64]]
                for name, proc in nlp.pipeline:
                    c0 = time.process_time()
                    docs = list(proc.pipe(docs, batch_size=64))
                    cpu[name] += time.process_time() - c0
        out[label] = {k: round(v, 2) for k, v in cpu.items()}
        out[label]["total"] = round(sum(cpu.values()), 2)
    return out


STAGE_ARTICLES = 300


def _stages(files: list[Path]) -> dict[str, Any]:
    """CPU seconds of each stage of the default pipeline over ``files`` (one process, chunks
    of 8 articles as a Dask task gets), after building the stages and loading their models."""
    from eventwire.analyze import registry
    from eventwire.analyze.pipeline import Pipeline
    from eventwire.ingest import clean
    from eventwire.model import AnalyzedDoc, RawDoc
    from eventwire.runners._exec import warm

    c0 = time.process_time()
    stages = registry.build_stages()
    out: dict[str, Any] = {"articles": len(files), "build_stages": round(time.process_time() - c0, 2)}
    c0 = time.process_time()
    warm(Pipeline(stages))
    out["load_models"] = round(time.process_time() - c0, 2)
    docs = [AnalyzedDoc(article=clean(RawDoc(source=str(p), text=p.read_text(encoding="utf-8"), fmt="text")))
            for p in files]
    per_stage: dict[str, float] = {}
    for stage in stages:
        c0 = time.process_time()
        for i in range(0, len(docs), 8):
            docs[i : i + 8] = stage(docs[i : i + 8])
        per_stage[stage.name] = time.process_time() - c0
    out["cpu_seconds"] = {k: round(v, 2) for k, v in per_stage.items()}
    out["cpu_ms_per_article"] = {k: round(1000 * v / max(1, len(docs)), 1) for k, v in per_stage.items()}
    return out


def run_mode(mode: str, corpus: Path, n_process: int) -> dict[str, Any]:
    files = sorted(corpus.glob("*.txt"))
    stage_seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    if mode == "components":
        return _components(files[:COMPONENT_ARTICLES])
    if mode == "stages":
        return _stages(files[:STAGE_ARTICLES])
    if mode.startswith("bare"):
        from eventwire.analyze.nlp import NER_ONLY_DISABLE, load_model

        # stock spaCy, none of eventwire's equivalents (eventwire.analyze.spacy_fast)
        if mode == "bare-ner":
            nlp = load_model(NER_ONLY_DISABLE, ("senter",), stock=True)
        elif mode == "bare-ner-lean":  # without the shared tok2vec nothing listens to
            nlp = load_model(NER_ONLY_DISABLE + ("tok2vec",), ("senter",), stock=True)
        else:
            nlp = load_model(stock=True)
        texts = (p.read_text(encoding="utf-8") for p in files)
        t0 = time.perf_counter()
        c0 = _cpu_seconds()
        n = sum(1 for _ in nlp.pipe(texts, n_process=n_process, batch_size=16))
    else:
        from eventwire import api
        from eventwire.analyze import registry
        from eventwire.analyze.pipeline import Pipeline
        from eventwire.store import open_store

        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(f"sqlite:///{tmp}/bench.db")
            t0 = time.perf_counter()
            c0 = _cpu_seconds()
            s = api.ingest(store, [str(corpus)], workers=n_process)
            n = s.new_articles
            if mode != "ingest":
                if mode == "e2e-ner":
                    from eventwire.analyze.nlp import make_stage

                    pipe = Pipeline([make_stage(parse=False)])
                else:
                    pipe = Pipeline(registry.build_stages())
                an = api.analyze(store, pipeline=pipe, batch_size=256, n_process=n_process)
                stage_seconds = {k: round(v, 2) for k, v in an.stage_seconds.items()}
            store.close()
    secs = time.perf_counter() - t0
    cpu = _cpu_seconds() - c0
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"articles": n, "seconds": round(secs, 2), "articles_per_s": round(n / secs, 2),
            "cpu_seconds": round(cpu, 2), "cpu_ms_per_article": round(1000 * cpu / max(1, n), 1),
            "peak_rss_mib": round(rss_self + rss_children, 1), "stage_seconds": stage_seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N real articles")
    ap.add_argument("--repeat", type=int, default=1, help="synthesize volume: N x the corpus")
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "throughput.json"))
    ap.add_argument("--_mode", help=argparse.SUPPRESS)
    ap.add_argument("--_corpus", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a._mode:
        print(json.dumps(run_mode(a._mode, Path(a._corpus), a.processes)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n = build_corpus(corpus, a.limit, a.repeat)
        words = _words(corpus)
        results: dict[str, object] = {
            "corpus": {"articles": n, "words": words, "repeat": a.repeat},
            "machine": {"cpus": os.cpu_count(), "processes": a.processes},
        }
        for mode in a.modes.split(","):
            load_before = os.getloadavg()[0]
            out = subprocess.run(
                [sys.executable, __file__, "--_mode", mode, "--_corpus", str(corpus), "--processes", str(a.processes)],
                capture_output=True, text=True,
            )
            if out.returncode != 0:
                last = (out.stderr.strip().splitlines() or [f"exit status {out.returncode}"])[-1]
                print(f"{mode:10s} FAILED: {last}", flush=True)
                results[mode] = {"error": out.stderr[-2000:]}
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            if mode == "stages":
                r["load_avg_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
                results[mode] = r
                print(f"stages (CPU ms/article, {r['articles']} articles, one process): {r['cpu_ms_per_article']}; "
                      f"build {r['build_stages']} s, model loads {r['load_models']} s", flush=True)
                continue
            if mode == "components":
                results[mode] = r
                print(f"components (CPU s, {r['articles']} articles, one process): stock {r['stock']}; "
                      f"eventwire {r['eventwire']}", flush=True)
                continue
            r["load_avg_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]  # before, after
            r["words_per_s"] = round(words / r["seconds"]) if mode != "ingest" else None
            results[mode] = r
            print(f"{mode:10s} {r['articles']:6d} articles {r['seconds']:8.1f}s {r['articles_per_s']:8.1f}/s "
                  f"CPU {r['cpu_seconds']:7.1f}s ({r['cpu_ms_per_article']:.0f} ms/article) "
                  f"load {r['load_avg_1min'][0]:.1f}-{r['load_avg_1min'][1]:.1f} peak RSS {r['peak_rss_mib']:.0f} MiB"
                  + (f"  stages: {r['stage_seconds']}" if r.get("stage_seconds") else ""), flush=True)
        for kind, base in (("ner", "ner"), ("ner", "ner-lean"), ("full", "full")):
            e2e, bare = results.get(f"e2e-{kind}"), results.get(f"bare-{base}")
            if isinstance(e2e, dict) and isinstance(bare, dict) and "seconds" in e2e and "seconds" in bare:
                wall = round(e2e["seconds"] / bare["seconds"], 3)
                cpu = round(e2e["cpu_seconds"] / bare["cpu_seconds"], 3)
                results[f"overhead_e2e_{kind}_vs_bare_{base}"] = wall
                results[f"cpu_ratio_e2e_{kind}_vs_bare_{base}"] = cpu
                print(f"e2e-{kind} / bare-{base}: wall {wall}, CPU {cpu}")
        Path(a.out).parent.mkdir(parents=True, exist_ok=True)
        Path(a.out).write_text(json.dumps(results, indent=2) + "\n")
        print(f"results in {a.out}")


if __name__ == "__main__":
    main()
