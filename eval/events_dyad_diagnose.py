"""Why dyads go wrong: categorise the source/target countries of type-right events (TRAIN only).

    .venv/bin/python eval/events_dyad_diagnose.py [--mode sentence|doc] [-v]

Reads only training data: the realnews ``"split": "train"`` sentences and the hand-coded ECB+
train sentences (``eval/events_ecbtrain_extra.jsonl``, ``eval/events_ecbtrain_extra2.jsonl``).
Each sentence is coded alone (``sentence``: what ``eventwire code`` sees) or inside its ECB+
document (``doc``: what the store holds). For every predicted event whose PLOVER type matches
a gold event of the sentence, each side (source, target) is put in one category:

- ``ok`` — the country is among the gold side's countries;
- ``unchecked`` — the gold side has no country;
- ``no_actor`` / ``no_actor_implicit`` — no argument was found for that side (the gold actor
  is in the sentence / is implicit);
- ``swapped`` — the argument is the gold actor of the *other* side;
- ``wrong_phrase`` — the argument is no gold actor of the event;
- ``phrase_ok_missing`` / ``phrase_ok_wrong`` — the argument is the gold actor, but its country
  is missing / another one;
- ``implicit_missing`` / ``implicit_wrong`` — the gold actor is implicit (not in the sentence).

The pre-events analysis (nlp, timex, actors, places) is cached under ``/tmp`` so that changes
to the events stage can be re-scored quickly.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))
SHARED = ROOT.parent / "shared"
REALNEWS = SHARED / "data" / "realnews" / "events-realnews-dev.jsonl"
EXTRA = [ROOT / "eval" / "events_ecbtrain_extra.jsonl", ROOT / "eval" / "events_ecbtrain_extra2.jsonl"]


from realnews_events_doc_eval import _documents, _sentence_span  # noqa: E402


def train_gold() -> list[dict[str, Any]]:
    """Every training sentence with a gold annotation (never the dev split)."""
    out = []
    for path in [REALNEWS, *EXTRA]:
        for line in path.open(encoding="utf-8"):
            if line.strip():
                g = json.loads(line)
                if g.get("split") == "train":
                    out.append(g)
    return out


def _analysis_code() -> str:
    """A digest of the code before the events stage (the cache is stale when it changes)."""
    h = hashlib.sha1()
    for p in sorted((ROOT / "src" / "eventwire" / "analyze").rglob("*.py")):
        if not p.name.startswith("events"):
            h.update(p.read_bytes())
    return h.hexdigest()


def _pre_events(texts: list[str], dates: list[str | None]) -> list[Any]:
    """AnalyzedDocs after nlp, timex, actors and places (cached by content)."""
    key = hashlib.sha1(json.dumps([texts, dates, _analysis_code()]).encode()).hexdigest()[:16]
    cache = Path(f"/tmp/eventwire_dyad_{key}.pkl")
    if cache.exists():
        return pickle.loads(cache.read_bytes())  # noqa: S301 - our own cache file
    from eventwire.analyze.events import _valid_date
    from eventwire.analyze.pipeline import default_pipeline
    from eventwire.model import Article, make_id

    arts = [Article(id=make_id("code", i, t), text=t, source=f"input:{i}", fmt="text",
                    published=_valid_date(d), date_method="metadata" if _valid_date(d) else "unknown")
            for i, (t, d) in enumerate(zip(texts, dates, strict=True))]
    docs = default_pipeline(n_process=1).upto(["places"])(arts)
    cache.write_bytes(pickle.dumps(docs))
    return docs


def analyzed(gold: list[dict[str, Any]], mode: str) -> list[tuple[dict[str, Any], Any, tuple[int, int]]]:
    """(gold sentence, its analyzed doc before events, the sentence's character span)."""
    if mode == "sentence":
        docs = _pre_events([g["text"] for g in gold], [g.get("date") for g in gold])
        return [(g, d, (0, len(g["text"]))) for g, d in zip(gold, docs, strict=True)]
    ecb = _documents({g["doc_id"] for g in gold})
    order = sorted(ecb)
    dates: dict[str, str | None] = {d: None for d in order}
    for g in gold:
        dates[g["doc_id"]] = dates[g["doc_id"]] or g.get("date")
    docs = dict(zip(order, _pre_events([ecb[d]["text"] for d in order], [dates[d] for d in order]), strict=True))
    return [(g, docs[g["doc_id"]], _sentence_span(ecb[g["doc_id"]], g)) for g in gold]


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("(implicit)", "").split())


def _is_actor(pred_text: str | None, gold_text: str) -> bool:
    if not pred_text:
        return False
    p, g = _norm(pred_text), _norm(gold_text)
    return bool(p) and (p in g.split() or p == g or (len(p) > 3 and p in g) or (len(g) > 3 and g in p))


def categorise(pred_country: str | None, pred_text: str | None, side: list[dict[str, Any]],
               other: list[dict[str, Any]]) -> str:
    countries = {(a.get("country") or "").upper()[:3] for a in side} - {""}
    if not countries:
        return "unchecked"
    pc = (pred_country or "").upper()[:3] or None
    if pc in countries:
        return "ok"
    implicit = all("(implicit)" in (a.get("text") or "") for a in side)
    if not pred_text:
        return "no_actor_implicit" if implicit else "no_actor"
    if any(_is_actor(pred_text, a.get("text") or "") for a in side):
        return ("implicit_" if implicit else "phrase_ok_") + ("missing" if pc is None else "wrong")
    if any(_is_actor(pred_text, a.get("text") or "") for a in other):
        return "swapped"
    if implicit:
        return "implicit_" + ("missing" if pc is None else "wrong")
    return "wrong_phrase"


def events_in(doc: Any, span: tuple[int, int]) -> list[Any]:
    from eventwire.analyze.events import analyze_events

    return [e for e in analyze_events(doc) if span[0] <= e.start < span[1]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=("sentence", "doc"), default="sentence")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    gold = train_gold()
    rows = analyzed(gold, args.mode)
    cats: dict[str, collections.Counter[str]] = {"source": collections.Counter(), "target": collections.Counter()}
    n_typed = n_dyad_ok = n_pred = 0
    preds = []
    for g, doc, span in rows:
        evs = events_in(doc, span)
        n_pred += len(evs)
        preds.append({"id": g["id"], "events": [{"plover_type": e.plover_type, "source_country": e.source_country,
                                                  "target_country": e.target_country} for e in evs]})
        for e in evs:
            same = [ge for ge in g["events"] if ge["plover_type"] == e.plover_type]
            if not same:
                continue
            n_typed += 1
            # the gold event of that type this prediction fits best
            best, best_cats = None, None
            for ge in same:
                cs = (categorise(e.source_country, e.attrs.get("source_text"), ge["source_actors"], ge["target_actors"]),
                      categorise(e.target_country, e.attrs.get("target_text"), ge["target_actors"], ge["source_actors"]))
                score = sum(c in ("ok", "unchecked") for c in cs)
                if best is None or score > best:
                    best, best_cats, best_ge = score, cs, ge
            assert best_cats is not None
            n_dyad_ok += best == 2
            cats["source"][best_cats[0]] += 1
            cats["target"][best_cats[1]] += 1
            if args.verbose and best != 2:
                print(json.dumps({"id": g["id"], "type": e.plover_type, "cats": best_cats,
                                  "pred": [e.attrs.get("source_text"), e.source_country, e.attrs.get("target_text"),
                                           e.target_country],
                                  "gold": [[(a.get("text"), a.get("country")) for a in best_ge["source_actors"]],
                                           [(a.get("text"), a.get("country")) for a in best_ge["target_actors"]]],
                                  "text": g["text"]}, ensure_ascii=False))
    from events_eval import _scorer

    sc = _scorer().score(gold, preds)
    print(json.dumps({"mode": args.mode, "scorer_type": sc["type"], "scorer_dyad": sc["dyad"], "sentences": len(gold), "predicted_events": n_pred,
                      "type_right": n_typed, "dyad_right": n_dyad_ok,
                      "source": dict(cats["source"].most_common()), "target": dict(cats["target"].most_common())},
                     indent=1))


if __name__ == "__main__":
    main()
