"""Event-location evaluation on the dev gold, beside the naive baseline.

    .venv/bin/python eval/geo_eval.py [--gold PATH] [--json]

Runs ``eventwire.analyze.places.locate_command`` (what ``eventwire locate`` runs) on the
dev gold ../shared/data/events/geo/event_location/gold_relabel_dev.jsonl and scores it with
../shared/eval/geo_score.py (exact and overlap span P/R/F1). The naive baseline marks every
country or city name in the sentence (spaCy GPE/LOC entities and gazetteer names that are
countries or cities) as the event's place. Also prints throughput (records/s, model load
excluded).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))
GOLD = SHARED / "data" / "events" / "geo" / "event_location" / "gold_relabel_dev.jsonl"


def inputs(gold: list[dict]) -> list[dict]:
    return [{"id": g["id"], "text": g["text"], "verb": [{"start": v["start"], "end": v["end"]} for v in g["verb"]]}
            for g in gold]


def naive(records: list[dict]) -> list[dict]:
    from eventwire.analyze.nlp import load_model
    from eventwire.analyze.places_gazetteer import gazetteer

    nlp = load_model()
    gaz = gazetteer()
    texts = sorted({r["text"] for r in records})
    spans = {}
    for t, doc in zip(texts, nlp.pipe(texts), strict=True):
        out = []
        for e in doc.ents:
            if e.label_ in ("GPE", "LOC") and gaz.kinds(e.text) & {"country", "city"}:
                out.append({"start": e.start_char, "end": e.end_char})
        spans[t] = out
    return [{"id": r["id"], "locations": spans[r["text"]]} for r in records]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    from geo_score import score

    from eventwire.analyze.nlp import load_model
    from eventwire.analyze.places import load_place_model, locate_command
    from eventwire.analyze.places_gazetteer import gazetteer

    gold = [json.loads(line) for line in open(a.gold, encoding="utf-8") if line.strip()]
    recs = inputs(gold)
    load_model()
    gazetteer()
    load_place_model()
    t = time.perf_counter()
    system = list(locate_command(recs))
    dt = time.perf_counter() - t
    res = {"system": score(gold, system), "naive_baseline": score(gold, naive(recs)),
           "records": len(recs), "records_per_s": round(len(recs) / dt, 1)}
    if a.json:
        print(json.dumps(res, sort_keys=True))
        return
    for name in ("system", "naive_baseline"):
        r = res[name]
        for m in ("exact", "overlap"):
            x = r[m]
            print(f"{name:15s} {m:8s} P {x['precision']:.4f}  R {x['recall']:.4f}  F1 {x['f1']:.4f}")
    print(f"records {res['records']}, throughput {res['records_per_s']} records/s (parse + locate)")


if __name__ == "__main__":
    main()
