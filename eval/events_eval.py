"""Evaluate the event coder: one command, prints every figure the README reports.

    .venv/bin/python eval/events_eval.py [--speed-n 1200] [--no-speed] [--json OUT]

- gold-dev (``../shared/data/events/gold-dev.jsonl``) scored with the shared scorer
  (``../shared/eval/events_score.py``) on the output of ``code_command``: PLOVER-type P/R/F1,
  dyad P/R/F1, CAMEO root/full rates, beside the majority-type baseline;
- actor role accuracy on gold-dev: of the gold events with both countries known that the
  coder found with the right type, the share with source and target the right way round;
- the PETRARCH unit-test suite (fictional actors, ``petrarch_unit_tests.jsonl``): PLOVER type
  P/R/F1 (via the CAMEO->PLOVER table), a second, unseen check of the type classifier;
- main-event type accuracy on ``eval/events_types_dev.jsonl`` (84 CAMEO-style sentences
  written for this project, one per category family; a check that is not gold-dev);
- status / type / date accuracy of the pipeline stage on ``eval/events_status_dev.jsonl``
  (sentences written for this project, with expected status and date);
- speed: sentences/s of ``code_command`` end to end (parsing included, 2 processes).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "events" / "gold-dev.jsonl"
PETR = SHARED / "data" / "events" / "petrarch_unit_tests.jsonl"
SCORER = SHARED / "eval" / "events_score.py"
STATUS_DEV = ROOT / "eval" / "events_status_dev.jsonl"
TYPES_DEV = ROOT / "eval" / "events_types_dev.jsonl"


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("events_score", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def code(items: list[dict[str, Any]], n_process: int | None = None) -> list[dict[str, Any]]:
    from eventwire.analyze.events import code_command

    recs = ({"id": g["id"], "text": g["text"], "date": g.get("date")} for g in items)
    return list(code_command(recs, n_process=n_process))


def majority_baseline(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(e["plover_type"] for g in gold for e in g.get("events") or [] if e.get("plover_type"))
    top = counts.most_common(1)[0][0]
    return [{"id": g["id"], "events": [{"plover_type": top}]} for g in gold]


def role_accuracy(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, float]:
    by_id = {p["id"]: p["events"] for p in pred}
    n = right = reversed_ = 0
    for g in gold:
        for ge in g.get("events") or []:
            src = {(a.get("country") or "")[:3] for a in ge.get("source_actors") or []} - {"", "---"}
            tgt = {(a.get("country") or "")[:3] for a in ge.get("target_actors") or []} - {"", "---"}
            if not src or not tgt or src & tgt:
                continue
            same = [p for p in by_id.get(g["id"], []) if p.get("plover_type") == ge.get("plover_type")]
            if not same:
                continue
            n += 1
            if any(p.get("source_country") in src and p.get("target_country") in tgt for p in same):
                right += 1
            elif any(p.get("source_country") in tgt and p.get("target_country") in src for p in same):
                reversed_ += 1
    return {"events": n, "accuracy": round(right / n, 4) if n else 0.0,
            "reversed": round(reversed_ / n, 4) if n else 0.0}


def petrarch_types(sc: Any) -> dict[str, Any]:
    from eventwire.analyze.events_core import plover_of

    items = [d for d in _load(PETR) if d.get("evaluate", True)]
    gold = []
    for d in items:
        evs = []
        for e in d.get("events") or []:
            t, _ = plover_of(str(e.get("event_code") or ""))
            evs.append({"plover_type": t, "event_code": e.get("event_code"), "source_actors": [], "target_actors": []})
        gold.append({"id": d["id"], "no_events": bool(d.get("no_events")), "events": evs})
    pred = code(items)
    s = sc.score(gold, pred)
    return {"items": len(items), "type": s["type"], "cameo_root_rate": s["cameo_root_rate"],
            "cameo_full_rate": s["cameo_full_rate"], "baseline_type": sc.score(gold, majority_baseline(gold))["type"]}


def status_dev() -> dict[str, Any]:
    from eventwire.analyze import registry
    from eventwire.analyze.pipeline import Pipeline
    from eventwire.model import Article, make_id

    items = _load(STATUS_DEV)
    arts = [Article(id=make_id("status-dev", d["id"]), text=d["text"], source=d["id"], fmt="text",
                    published=d["dct"]) for d in items]
    docs = Pipeline(registry.build_stages())(arts)
    n = len(items)
    found = st_ok = ty_ok = date_ok = date_n = 0
    misses = []
    for d, doc in zip(items, docs, strict=True):
        trig = d["trigger"].lower()
        evs = [e for e in doc.events if e.text.lower() == trig or e.text.lower().startswith(trig[:4])]
        if not evs:
            misses.append(f"{d['id']}: no event at {d['trigger']!r}")
            continue
        ev = evs[0]
        found += 1
        st_ok += ev.status == d["status"]
        ty_ok += ev.plover_type == d["type"]
        if ev.status != d["status"]:
            misses.append(f"{d['id']}: status {ev.status} != {d['status']}")
        exp = d.get("date")
        date_n += 1
        got = ev.date_begin
        if exp is None:
            date_ok += got is None
        else:
            date_ok += bool(got) and got.startswith(exp)
        if (exp is None) != (got is None) or (exp and not (got or "").startswith(exp)):
            misses.append(f"{d['id']}: date {got} != {exp}")
    return {"items": n, "found": found, "status_accuracy": round(st_ok / n, 4), "type_accuracy": round(ty_ok / n, 4),
            "date_accuracy": round(date_ok / n, 4), "misses": misses}


def types_dev() -> dict[str, Any]:
    """Main-event PLOVER type accuracy on CAMEO-style sentences written for this project."""
    items = _load(TYPES_DEV)
    pred = code(items)
    ok = sum(bool(p["events"]) and p["events"][0]["plover_type"] == d["type"] for d, p in zip(items, pred, strict=True))
    return {"items": len(items), "accuracy": round(ok / len(items), 4)}


def speed(gold: list[dict[str, Any]], n: int) -> dict[str, Any]:
    from eventwire.analyze.events import code_command

    texts = [g["text"] for g in gold]
    recs = [{"id": str(i), "text": texts[i % len(texts)]} for i in range(n)]
    list(code_command(recs[:50], n_process=1))  # warm the model in this process
    t0 = time.perf_counter()
    out = list(code_command(recs, n_process=2))
    dt = time.perf_counter() - t0
    return {"sentences": len(out), "seconds": round(dt, 2), "sentences_per_s": round(len(out) / dt, 1), "processes": 2}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--speed-n", type=int, default=1200)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-petrarch", action="store_true")
    ap.add_argument("--json")
    a = ap.parse_args(argv)
    sc = _scorer()
    gold = _load(GOLD)
    pred = code(gold)
    res: dict[str, Any] = {"dev": sc.score(gold, pred), "baseline": sc.score(gold, majority_baseline(gold)),
                           "roles": role_accuracy(gold, pred)}
    if not a.no_petrarch:
        res["petrarch_unit_tests"] = petrarch_types(sc)
    res["status_dev"] = status_dev()
    res["types_dev"] = types_dev()
    if not a.no_speed:
        res["speed"] = speed(gold, a.speed_n)
    d, b = res["dev"], res["baseline"]
    print(f"gold-dev ({d['items']} sentences)      coder                 majority baseline")
    for k in ("type", "dyad"):
        print(f"  {k:5} P/R/F1  {d[k]['precision']:.3f} {d[k]['recall']:.3f} {d[k]['f1']:.3f}"
              f"     {b[k]['precision']:.3f} {b[k]['recall']:.3f} {b[k]['f1']:.3f}")
    print(f"  CAMEO root {d['cameo_root_rate']:.3f}  full {d['cameo_full_rate']:.3f}"
          f"   (baseline root {b['cameo_root_rate']:.3f})")
    r = res["roles"]
    print(f"  actor roles: {r['accuracy']:.3f} source/target right, {r['reversed']:.3f} reversed ({r['events']} events)")
    if "petrarch_unit_tests" in res:
        p = res["petrarch_unit_tests"]
        print(f"PETRARCH unit tests ({p['items']}): type P/R/F1 {p['type']['precision']:.3f} {p['type']['recall']:.3f} "
              f"{p['type']['f1']:.3f} (baseline F1 {p['baseline_type']['f1']:.3f}); CAMEO root {p['cameo_root_rate']:.3f}")
    s = res["status_dev"]
    print(f"status dev ({s['items']}): status {s['status_accuracy']:.3f}  type {s['type_accuracy']:.3f}  "
          f"date {s['date_accuracy']:.3f}  (events found {s['found']})")
    for m in s["misses"]:
        print("   ", m)
    t = res["types_dev"]
    print(f"handwritten CAMEO-style sentences ({t['items']}): main-event type accuracy {t['accuracy']:.3f}")
    if "speed" in res:
        sp = res["speed"]
        print(f"speed: {sp['sentences_per_s']} sentences/s ({sp['sentences']} in {sp['seconds']} s, 2 processes)")
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
