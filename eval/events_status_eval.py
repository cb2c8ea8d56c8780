"""Factuality of the coder's candidates on the status sentences written for eventwire.

    .venv/bin/python eval/events_status_eval.py [-v]

The 84 ``status_*`` sentences of ``eval/events_synthetic.jsonl`` (planned, hypothetical,
negated, cancelled, ongoing, threats; written in the POLECAT style, labelled by the realnews
protocol). For each gold event, the first candidate of the same PLOVER type (or, for the
protocol's AGREE convention of announced cooperation, a planned candidate) is compared on
``status``. The rules of ``analyze/events_status.py`` were written while reading these
sentences: a development figure, not a held-out one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", action="store_true", help="print the mismatches")
    args = ap.parse_args()
    from eventwire.analyze import registry
    from eventwire.analyze.events import candidate_events
    from eventwire.analyze.pipeline import Pipeline
    from eventwire.model import Article, make_id

    rows = [json.loads(line) for line in (ROOT / "eval" / "events_synthetic.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if r["events"] and r["group"].startswith("status_")]
    stages = [s for s in registry.build_stages() if s.name != "events"]
    docs = Pipeline(stages)([Article(id=make_id("s", r["id"]), text=r["text"], source="s", fmt="text",
                                     published="2024-03-05") for r in rows])
    n = ok = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for r, d in zip(rows, docs, strict=True):
        cands = [e for e, _ in candidate_events(d)]
        for ge in r["events"]:
            m = [e for e in cands if e.plover_type == ge["plover_type"]
                 or (ge["plover_type"] == "AGREE" and e.status == "planned")]
            if not m:
                continue
            n += 1
            ok += m[0].status == ge["status"]
            confusion[(ge["status"], m[0].status)] += 1
            if args.v and m[0].status != ge["status"]:
                print(f"gold {ge['status']} got {m[0].status} '{m[0].text}': {r['text'][:120]}")
    print(f"status accuracy {ok}/{n} = {ok / max(1, n):.3f}")
    print("gold -> predicted:", dict(sorted(confusion.items())))


if __name__ == "__main__":
    main()
