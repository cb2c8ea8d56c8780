"""Publication dates: what ingest gives real news, scored by the shared scorer.

    .venv/bin/python eval/pubdate_eval.py [--split train|dev|all] [--json]

Every document goes through ``eventwire.ingest.clean`` exactly as ingest does (plain text,
no metadata), so the figures describe what the store holds.

1. ``../shared/data/realnews/pubdates-realnews-dev.jsonl`` (250 ECB+ documents, 107 with a
   stated date), scored by the shared ``score_pubdates.py`` unchanged, per split: ``train``
   (183 docs, used while building) and ``dev`` (67 docs, not looked at while building).
2. The same documents with their stamps hidden (every stamp/date line that the stamp
   finder or the cleaner's date line marks is removed): does inference from the text give
   the stated date, or honestly nothing?
3. TempEval-3 TBAQ (256 documents, gold DCT; the DCT is outside the text): as given (some
   AQUAINT texts open with a year-less date line "BRUSSELS, December 2 (Xinhua) --"), with
   the date line hidden, and with the DCT written back as a stamp in one of 12 common forms
   (synthetic: tests that stated stamps are found and read in the right order).
4. Calibration: for each confidence band, how many given dates are within a day.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from eventwire.ingest.clean import clean, find_dateline, split_blocks
from eventwire.ingest.pubdate import find_stamps
from eventwire.model import RawDoc

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REALNEWS = SHARED / "data" / "realnews"
BANDS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_pubdates", REALNEWS / "score_pubdates.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_realnews() -> tuple[list[dict[str, Any]], dict[str, str]]:
    gold = [json.loads(x) for x in (REALNEWS / "pubdates-realnews-dev.jsonl").open(encoding="utf-8") if x.strip()]
    texts: dict[str, str] = {}
    for name in ("ecbplus-train.jsonl", "ecbplus-dev.jsonl"):
        for line in (SHARED / "data" / "ecbplus" / name).open(encoding="utf-8"):
            d = json.loads(line)
            texts[d["doc_id"]] = d["text"]
    return gold, texts


def load_tempeval() -> list[dict[str, Any]]:
    p = SHARED / "data" / "tempeval3" / "tbaq-train.jsonl"
    return [json.loads(x) for x in p.open(encoding="utf-8") if x.strip()]


def predict(doc_id: str, text: str) -> dict[str, Any]:
    a = clean(RawDoc(source=doc_id, text=text))
    return {"doc_id": doc_id, "pub_date": a.published, "method": a.date_method, "confidence": a.date_confidence}


def hide_stamps(text: str) -> str:
    """The text without its stamps and date lines (blanked, so nothing else moves)."""
    cut: list[tuple[int, int]] = [(s.start, s.end) for s in find_stamps(text)]
    for n, (s, e) in enumerate(split_blocks(text)):
        if n >= 15:
            break
        dl = find_dateline(text[s:e])
        if dl is not None:
            cut.append((s, s + dl.end))
    chars = list(text)
    for s, e in cut:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _days(a: str, b: str) -> int:
    return abs((_dt.date.fromisoformat(a) - _dt.date.fromisoformat(b[:10])).days)


def summary(rows: Iterable[tuple[dict[str, Any], str | None]]) -> dict[str, Any]:
    """Scorer-style figures for (prediction, gold date or None) pairs."""
    rows = list(rows)
    gd = [(p, g) for p, g in rows if g]
    both = [(p, g) for p, g in gd if p["pub_date"]]
    wrong = sum(1 for p, g in both if _days(p["pub_date"], g) > 1)
    given = [p for p, _ in rows if p["pub_date"]]
    return {
        "docs": len(rows),
        "gold_dated": len(gd),
        "found": len(both),
        "coverage": round(len(both) / len(gd), 4) if gd else None,
        "within_1day": len(both) - wrong,
        "wrong_date": wrong,
        "dated_where_gold_unknown": sum(1 for p, g in rows if p["pub_date"] and not g),
        "dates_given": len(given),
        "wrong_share_of_given": round(wrong / len(given), 4) if given else None,
    }


def calibration(rows: Iterable[tuple[dict[str, Any], str | None]]) -> list[dict[str, Any]]:
    out = []
    pts = [(p["confidence"], _days(p["pub_date"], g) <= 1) for p, g in rows if p["pub_date"] and g]
    for lo, hi in BANDS:
        b = [ok for c, ok in pts if lo <= c < hi]
        out.append({"band": f"[{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'}", "n": len(b),
                    "within_1day": sum(b), "accuracy": round(sum(b) / len(b), 3) if b else None})
    hi_conf = [ok for c, ok in pts if c >= 0.8]
    out.append({"band": ">= 0.8", "n": len(hi_conf), "within_1day": sum(hi_conf),
                "accuracy": round(sum(hi_conf) / len(hi_conf), 3) if hi_conf else None})
    return out


# the DCT written back as a stamp: (template, kind); {b} = month name, {d}/{m}/{y}/{yy} numbers
STAMP_FORMS = [
    "Published: {B} {d}, {y}",
    "PUBLISHED: 02:31 GMT, {d} {B} {y} | UPDATED: 04:10 GMT, {d} {B} {y}",
    "Posted: {m}/{d}/{y} 8:33 am ET",
    "{m}/{d}/{yy} 05:40 PM ET",
    "Updated: {a}, {d} {b} {y}, 9:03am AEST",
    "Story Created: {b}. {d}, {y} at 7:13 PM EDT",
    "{d}.{m}.{y}",
    "{y}-{m:02d}-{d:02d} 11:47:35",
    "TNN {b} {d}, {y}, 05. 51AM IST MUMBAI:",
    "{d}/{m}/{y} 10:00 GMT",
    "FOR IMMEDIATE RELEASE {B} {d}, {y}",
    "{A}, {B} {d}, {y}, 1:32 PM",
]


def render_stamp(dct: str, i: int) -> str:
    d = _dt.date.fromisoformat(dct[:10])
    form = STAMP_FORMS[i % len(STAMP_FORMS)]
    return form.format(B=d.strftime("%B"), b=d.strftime("%b"), a=d.strftime("%a"), A=d.strftime("%A"),
                       d=d.day, m=d.month, y=d.year, yy=f"{d.year % 100:02d}")


def run(split: str) -> dict[str, Any]:
    sp = scorer()
    gold, texts = load_realnews()
    res: dict[str, Any] = {}
    t0 = time.perf_counter()
    splits = ["train", "dev"] if split == "all" else [split]
    cal_rows: dict[str, list[tuple[dict[str, Any], str | None]]] = {}
    for s in splits:
        g = [x for x in gold if x["split"] == s]
        preds = [predict(x["doc_id"], texts[x["doc_id"]]) for x in g]
        res[f"realnews_{s}"] = sp.score(g, preds)
        pairs = list(zip(preds, [x["pub_date"] for x in g], strict=True))
        res[f"realnews_{s}_methods"] = _methods(preds)
        hidden = [predict(x["doc_id"], hide_stamps(texts[x["doc_id"]])) for x in g if x["pub_date"]]
        res[f"realnews_{s}_stamps_hidden"] = summary(
            zip(hidden, [x["pub_date"] for x in g if x["pub_date"]], strict=True))
        cal_rows[f"realnews_{s}"] = pairs
        cal_rows[f"realnews_{s}_hidden"] = list(zip(hidden, [x["pub_date"] for x in g if x["pub_date"]], strict=True))
    te = load_tempeval()
    as_is = [(predict(d["doc_id"], d["text"]), d["dct"][:10]) for d in te]
    hid = [(predict(d["doc_id"], hide_stamps(d["text"])), d["dct"][:10]) for d in te]
    stamped = [(predict(d["doc_id"], render_stamp(d["dct"], i) + "\n" + d["text"].lstrip("\n")), d["dct"][:10])
               for i, d in enumerate(te)]
    res["tempeval_as_given"] = summary(as_is) | {"methods": _methods([p for p, _ in as_is])}
    res["tempeval_dateline_hidden"] = summary(hid) | {"methods": _methods([p for p, _ in hid])}
    res["tempeval_synthetic_stamps"] = summary(stamped)
    cal_rows["tempeval_as_given"] = as_is
    cal_rows["tempeval_dateline_hidden"] = hid
    cal_rows["tempeval_synthetic_stamps"] = stamped
    res["calibration"] = {k: calibration(v) for k, v in cal_rows.items()}
    allrows = [r for k, v in cal_rows.items() for r in v if "synthetic" not in k and (split != "train" or "dev" not in k)]
    res["calibration_pooled_real"] = calibration(allrows)
    res["seconds"] = round(time.perf_counter() - t0, 1)
    return res


def _methods(preds: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in preds:
        out[p["method"]] = out.get(p["method"], 0) + 1
    return out


def _print(res: dict[str, Any]) -> None:
    for k, v in res.items():
        if k.startswith("calibration"):
            continue
        print(f"{k}: {json.dumps(v)}")
    for name, table in list(res["calibration"].items()) + [("pooled real (realnews + TempEval as given/hidden)", res["calibration_pooled_real"])]:
        print(f"\ncalibration, {name}")
        print("  band        n   within 1 day   accuracy")
        for r in table:
            print(f"  {r['band']:<10} {r['n']:>4}   {r['within_1day']:>6}        {r['accuracy']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="all", choices=["train", "dev", "all"])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    if not (REALNEWS / "score_pubdates.py").exists():
        sys.exit(f"{REALNEWS} not found")
    res = run(a.split)
    if a.json:
        print(json.dumps(res))
    else:
        _print(res)


if __name__ == "__main__":
    main()
