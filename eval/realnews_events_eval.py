"""Events on real news: the realnews gold (ECB+ sentences coded per the PLOVER manual).

    .venv/bin/python eval/realnews_events_eval.py [--json OUT] [--gold eval/events_ecbdev_heldout.jsonl]

Runs ``eventwire code`` (``code_command``: the pipeline's own stages) on the 400 realnews
sentences and reports, per split, with the shared scorer (``../shared/eval/events_score.py``):
typed-event P/R/F1, dyad P/R/F1, the false-event rate on sentences with no political event,
status accuracy (of predicted events whose type matches a gold event of the sentence, the
share with the gold status) and P/R per PLOVER type.

The **dev** split (97 sentences, topics the model never saw) is the reported figure: the
event-ness model and the sentence type classifier are trained on the train split (``eval/train_events_learned.py``), so the train
figures here are fitted figures, shown only beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "realnews" / "events-realnews-dev.jsonl"

from events_eval import _scorer  # noqa: E402 - the shared scorer, loaded by path


def figures(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    sc = _scorer().score(gold, pred)
    by_id = {p["id"]: p.get("events") or [] for p in pred}
    quiet = [g for g in gold if g["no_events"]]
    fe = sum(1 for g in quiet if by_id.get(g["id"]))
    st_n = st_ok = 0
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, pred, gold
    for g in gold:
        gt = {e["plover_type"]: e for e in g["events"]}
        pt = {e["plover_type"] for e in by_id.get(g["id"], [])}
        for t in pt:
            per_type[t][1] += 1
            if t in gt:
                per_type[t][0] += 1
        for t in gt:
            per_type[t][2] += 1
        for e in by_id.get(g["id"], []):
            if e["plover_type"] in gt:
                st_n += 1
                st_ok += int(e.get("status") == gt[e["plover_type"]].get("status"))
    return {
        "sentences": len(gold),
        "type": sc["type"],
        "dyad": sc["dyad"],
        "false_event_rate": round(fe / max(1, len(quiet)), 4),
        "false_events": f"{fe} of {len(quiet)}",
        "status_accuracy": round(st_ok / st_n, 4) if st_n else None,
        "status_n": st_n,
        "per_type": {t: {"tp": v[0], "pred": v[1], "gold": v[2]} for t, v in sorted(per_type.items())},
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD,
                    help="gold sentences in the realnews format (default: the realnews gold; "
                         "eval/events_ecbdev_heldout.jsonl: the held-out ECB+ dev sentences)")
    args = ap.parse_args()
    if not args.gold.exists():
        sys.exit(f"no {args.gold}: the realnews dev data is not beside this checkout")
    from eventwire.analyze.events import code_command

    gold = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    pred = list(code_command({"id": g["id"], "text": g["text"], "date": g.get("date")} for g in gold))
    report(gold, pred, args.json)


def report(gold: list[dict[str, Any]], pred: list[dict[str, Any]], json_out: Path | None,
           with_all: bool = True) -> None:
    """Figures per split (and over all sentences), printed and optionally written."""
    out = {}
    for split in ("dev", "train"):
        ids = {g["id"] for g in gold if g["split"] == split}
        if ids:
            out[split] = figures([g for g in gold if g["id"] in ids], [p for p in pred if p["id"] in ids])
    if with_all:
        out["all"] = figures(gold, pred)
    print(json.dumps(out, indent=1))
    if json_out:
        json_out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
