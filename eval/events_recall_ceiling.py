"""Recall ceiling of the event coder on training sentences: the share of gold events for which
the coder proposes a candidate of the right PLOVER type (before the event-ness model decides).

    .venv/bin/python eval/events_recall_ceiling.py [-v]

Reads only training data: the realnews **train** split and every
``eval/events_ecbtrain_extra*.jsonl`` (ECB+ train topics), with a line per file. The realnews dev split is never read. ``-v`` prints the missed gold events
(type, CAMEO code, sentence): what the recall work read to find general causes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
REALNEWS = ROOT.parent / "shared" / "data" / "realnews" / "events-realnews-dev.jsonl"
EXTRAS = sorted((ROOT / "eval").glob("events_ecbtrain_extra*.jsonl"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", action="store_true", help="print the missed gold events")
    args = ap.parse_args()
    if not REALNEWS.exists():
        sys.exit(f"no {REALNEWS}: the realnews data is not beside this checkout")
    from eventwire.analyze.events import _code_pipeline, candidate_events
    from eventwire.analyze.pipeline import Pipeline
    from eventwire.model import Article, make_id

    rows, files = [], []
    for path in (REALNEWS, *EXTRAS):
        for r in map(json.loads, filter(str.strip, path.open(encoding="utf-8"))):
            if r["split"] == "train":
                rows.append(r)
                files.append(path.name)
    pre = Pipeline([s for s in _code_pipeline().stages if s.name != "events"])
    arts = [Article(id=make_id("ceiling", r["id"]), text=r["text"], source=r["id"], fmt="text",
                    published=r.get("date"), date_method="metadata" if r.get("date") else "unknown")
            for r in rows]
    total = hit = n_cands = 0
    missed: Counter[str] = Counter()
    per_file: dict[str, list[int]] = {}
    for r, name, doc in zip(rows, files, pre(arts), strict=True):
        cands = candidate_events(doc)
        n_cands += len(cands)
        types = {e.plover_type for e, _f in cands}
        tally = per_file.setdefault(name, [0, 0, 0])
        tally[0] += 1
        for g in r["events"]:
            total += 1
            tally[1] += 1
            if g["plover_type"] in types:
                hit += 1
                tally[2] += 1
                continue
            missed[g["plover_type"]] += 1
            if args.v:
                print(f"MISS {g['plover_type']} {g.get('event_code')} | {r['text'][:160]}")
    print(f"{len(rows)} train sentences, {total} gold events; a right-typed candidate for {hit} "
          f"({hit / max(1, total):.3f}); {n_cands} candidates")
    for name, (n_sent, n_gold, n_hit) in per_file.items():
        print(f"  {name}: {n_sent} sentences, {n_gold} gold events, right-typed candidate for {n_hit} "
              f"({n_hit / max(1, n_gold):.3f})")
    print("missed by type:", dict(missed.most_common()))


if __name__ == "__main__":
    main()
