"""Train the event-location model shipped in src/eventwire/resources/places/.

    .venv/bin/python eval/train_places.py [--cache /tmp/places_parsed.pkl] [--cv] [--no-write]

Training data: ../shared/data/events/geo/event_location/annotations_nonheldout.jsonl
(ahalterman/event_location, MIT). Records whose sentence also occurs in the dev gold
(gold_relabel_dev.jsonl), or shares an 8-word n-gram with a dev sentence, are dropped, so
the dev figures stay honest. Each place candidate (see places_features.find_candidates) is
labelled positive when it overlaps a gold LOCATION span of its record; a logistic
regression over the candidate features is fitted and written as JSON (weights per feature
name and the decision threshold), with --cv first reporting 5-fold grouped
cross-validation figures (record-level, scored like geo_score.py) for a few settings.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))

from eventwire.analyze.places import MODEL_PATH, PlaceModel  # noqa: E402
from eventwire.analyze.places_features import SentenceParse, candidate_features, find_candidates  # noqa: E402
from eventwire.analyze.places_gazetteer import gazetteer  # noqa: E402
from eventwire.model import Token  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "events" / "geo" / "event_location"


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in open(DATA / name, encoding="utf-8") if line.strip()]


def ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def parse_all(texts: list[str], cache: Path | None) -> dict[str, tuple[list[Token], list[tuple[int, int, str]]]]:
    done: dict = {}
    if cache and cache.exists():
        done = pickle.loads(cache.read_bytes())
    todo = [t for t in texts if t not in done]
    if todo:
        from eventwire.analyze.nlp import load_model

        nlp = load_model()
        for t, doc in zip(todo, nlp.pipe(todo, batch_size=64), strict=True):
            toks = [Token(x.i, x.idx, x.idx + len(x.text), x.text, x.lemma_, x.pos_, x.tag_, x.dep_, x.head.i,
                          x.ent_type_, x.ent_iob_) for x in doc]
            done[t] = (toks, [(e.start_char, e.end_char, e.label_) for e in doc.ents])
        if cache:
            cache.write_bytes(pickle.dumps(done))
    return done


def featurize(records: list[dict], parsed: dict) -> list[list[tuple[dict, int, tuple[int, int]]]]:
    """Per record: [(features, label, (start, end))] for each candidate."""
    gaz = gazetteer()
    out = []
    for r in records:
        toks, ents = parsed[r["text"]]
        rows: list[tuple[dict, int, tuple[int, int]]] = []
        if r.get("verb") and toks:
            v = r["verb"][0]
            sp = SentenceParse.build(toks)
            cands = find_candidates(sp, ents, gaz)
            tks = [k for k, t in enumerate(sp.tokens) if t.start < v["end"] and v["start"] < t.end]
            if not tks:
                tks = [min(range(len(toks)), key=lambda k: abs(toks[k].start - v["start"]))]
            ts, te = tks[0], tks[-1] + 1
            gold = [(g["start"], g["end"]) for g in r.get("locations") or []]
            for ci, c in enumerate(cands):
                if c.ts < te and ts < c.te:
                    continue
                y = int(any(c.start < ge and gs < c.end for gs, ge in gold))
                rows.append((candidate_features(sp, cands, ci, ts, te, gaz), y, (c.start, c.end)))
        out.append(rows)
    return out


def predict_spans(rows, probs, thr: float, max_n: int = 0):
    chosen = [(p, sp) for (f, y, sp), p in zip(rows, probs, strict=True) if p >= thr]
    chosen.sort(reverse=True)
    if max_n:
        chosen = chosen[:max_n]
    return [{"start": s, "end": e} for p, (s, e) in chosen]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--C", type=float, default=0.3)
    a = ap.parse_args()

    import numpy as np
    from geo_score import score
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    dev = load("gold_relabel_dev.jsonl")
    train = load("annotations_nonheldout.jsonl")
    dev_texts = {r["text"] for r in dev}
    dev_ngrams: set = set()
    for t in dev_texts:
        dev_ngrams |= ngrams(t)
    train = [r for r in train if r["text"] not in dev_texts and not (ngrams(r["text"]) & dev_ngrams)]
    train = [r for r in train if r.get("verb")]
    print(f"training records after removing dev overlap: {len(train)}", file=sys.stderr)
    parsed = parse_all(sorted({r["text"] for r in train} | dev_texts), a.cache)
    feats = featurize(train, parsed)
    dev_feats = featurize(dev, parsed)

    X_rows = [f for rows in feats for f, y, sp in rows]
    y_all = np.array([y for rows in feats for f, y, sp in rows])
    groups = np.array([hash(r["text"]) for r, rows in zip(train, feats, strict=True) for _ in rows])
    rec_of = np.array([i for i, rows in enumerate(feats) for _ in rows])
    print(f"candidates: {len(X_rows)}, positive: {int(y_all.sum())}", file=sys.stderr)
    vec = DictVectorizer()
    X = vec.fit_transform(X_rows)

    def fit(Xm, ym, C):
        m = LogisticRegression(C=C, max_iter=3000, class_weight=None)
        m.fit(Xm, ym)
        return m

    thr = 0.5
    if a.cv:
        gkf = GroupKFold(n_splits=5)
        for C in (0.1, 0.3, 1.0, 3.0):
            oof = np.zeros(len(y_all))
            for tr_i, te_i in gkf.split(X, y_all, groups):
                oof[te_i] = fit(X[tr_i], y_all[tr_i], C).predict_proba(X[te_i])[:, 1]
            for t in (0.3, 0.4, 0.5, 0.6):
                for max_n in (0, 1):
                    sysr = []
                    for i, rows in enumerate(feats):
                        probs = oof[rec_of == i]
                        sysr.append({"id": i, "locations": predict_spans(rows, probs, t, max_n)})
                    gold = [{"id": i, "locations": r["locations"]} for i, r in enumerate(train)]
                    res = score(gold, sysr)
                    print(f"C={C} thr={t} max_n={max_n} exact {res['exact']} overlap {res['overlap']}", file=sys.stderr)

    model = fit(X, y_all, a.C)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) > 1e-6}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    pm = PlaceModel(weights=weights, threshold=thr)
    sysr = []
    for r, rows in zip(dev, dev_feats, strict=True):
        probs = [pm.prob(f) for f, y, sp in rows]
        sysr.append({"id": r["id"], "locations": predict_spans(rows, probs, thr)})
    res = score(dev, sysr)
    print(f"dev (python scorer) exact {res['exact']} overlap {res['overlap']}", file=sys.stderr)
    if not a.no_write:
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "meta": {
                "model": "logistic regression (scikit-learn), L2, C=%s" % a.C,
                "trained_on": "ahalterman/event_location annotations_nonheldout (MIT), dev-overlapping sentences removed",
                "n_records": len(train),
                "n_candidates": len(X_rows),
                "script": "eval/train_places.py",
            },
            "threshold": thr,
            "weights": dict(sorted(weights.items())),
        }
        MODEL_PATH.write_text(json.dumps(doc, indent=0, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
