"""Events on real news, in their documents: what the store holds for the realnews sentences.

    .venv/bin/python eval/realnews_events_doc_eval.py [--split dev|train|all] [--json OUT] [--gold FILE]

``eval/realnews_events_eval.py`` codes each gold sentence alone (what ``eventwire code``
and the shared scorer see). The realnews gold, though, codes countries from the whole
document ("Modesto" three sentences earlier makes the police American). This evaluation
runs the pipeline (``code_texts``: the stages ``eventwire run`` runs) on each gold
sentence's whole ECB+ document and scores the events whose trigger lies in that sentence
with the same figures (shared scorer: typed P/R/F1, dyad P/R/F1, false-event rate, status).

The **dev** split (topics never trained or tuned on) is the reported figure; train is
fitted (the event-ness model is trained on its sentences) and shown only beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "realnews" / "events-realnews-dev.jsonl"
ECB = SHARED / "data" / "ecbplus"

from realnews_events_eval import report  # noqa: E402


def _documents(doc_ids: set[str]) -> dict[str, dict[str, Any]]:
    docs = {}
    for name in ("ecbplus-train.jsonl", "ecbplus-dev.jsonl"):
        with (ECB / name).open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d["doc_id"] in doc_ids:
                    docs[d["doc_id"]] = d
    return docs


def _sentence_span(doc: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int]:
    sent_id = int(gold["id"].rsplit("-", 1)[1])
    for s in doc["sentences"]:
        if s["sent_id"] == sent_id and doc["text"][s["start"] : s["end"]] == gold["text"]:
            return s["start"], s["end"]
    st = doc["text"].index(gold["text"])
    return st, st + len(gold["text"])


def predict(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from eventwire.analyze.events import _event_dict, code_texts

    docs = _documents({g["doc_id"] for g in gold})
    order = sorted(docs)
    # the document's stated date, when the gold gives one for any of its sentences
    dates: dict[str, str | None] = {d: None for d in order}
    for g in gold:
        dates[g["doc_id"]] = dates[g["doc_id"]] or g.get("date")
    coded = dict(zip(order, code_texts([docs[d]["text"] for d in order], [dates[d] for d in order]), strict=True))
    out = []
    for g in gold:
        st, en = _sentence_span(docs[g["doc_id"]], g)
        evs = [e for e in coded[g["doc_id"]] if st <= e.start < en]
        out.append({"id": g["id"], "events": [_event_dict(e, dates[g["doc_id"]]) for e in evs]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=("dev", "train", "all"), default="dev")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--dump", type=Path, help="write the predictions (JSONL) here")
    ap.add_argument("--gold", type=Path, default=GOLD,
                    help="gold sentences in the realnews format (default: the realnews gold; "
                         "eval/events_ecbdev_heldout.jsonl: the held-out ECB+ dev sentences)")
    args = ap.parse_args()
    if not args.gold.exists():
        sys.exit(f"no {args.gold}: the realnews dev data is not beside this checkout")
    gold = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    if args.split != "all":
        gold = [g for g in gold if g["split"] == args.split]
    pred = predict(gold)
    if args.dump:
        args.dump.write_text("".join(json.dumps(p) + "\n" for p in pred), encoding="utf-8")
    report(gold, pred, args.json, with_all=args.split == "all")


if __name__ == "__main__":
    main()
