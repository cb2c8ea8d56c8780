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

from eventwire.analyze.places import MODEL_PATH, PlaceModel, Scored, choose, same_clause  # noqa: E402
from eventwire.analyze.places_features import (  # noqa: E402
    SentenceParse,
    candidate_features,
    containment,
    find_candidates,
)
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
            keep = [ci for ci, c in enumerate(cands) if not (c.ts < te and ts < c.te)]
            pos = {ci: k for k, ci in enumerate(keep)}
            rel = containment(sp, cands, gaz)
            for ci in keep:
                c = cands[ci]
                y = int(any(c.start < ge and gs < c.end for gs, ge in gold))
                contains = tuple(sorted(pos[j] for i, j in rel if i == ci and j in pos))
                rows.append((candidate_features(sp, cands, ci, ts, te, gaz), y, (c, contains)))
        out.append(rows)
    return out


def predict_spans(rows, probs, thr: float, thr_more: float, thr_sub: float = 1.1):
    """The product's decision rule (places.choose) on precomputed rows."""
    scored = [Scored(cand, p, contains, same_clause(f)) for (f, y, (cand, contains)), p in zip(rows, probs, strict=True)]
    pm = PlaceModel(weights={}, threshold=thr, threshold_more=thr_more, threshold_sub=thr_sub)
    return [{"start": c.start, "end": c.end} for c in choose(scored, pm)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--thr", type=float, default=0.25, help="the best candidate must reach this")
    ap.add_argument("--thr-more", type=float, default=0.6, help="further candidates must reach this")
    ap.add_argument("--thr-sub", type=float, default=0.15, help="a contained candidate replaces its container")
    ap.add_argument("--Cs", default="0.3")
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

    thr, thr_more, thr_sub = a.thr, a.thr_more, a.thr_sub
    if a.cv:
        gkf = GroupKFold(n_splits=5)
        for C in [float(x) for x in a.Cs.split(",")]:
            oof = np.zeros(len(y_all))
            for tr_i, te_i in gkf.split(X, y_all, groups):
                oof[te_i] = fit(X[tr_i], y_all[tr_i], C).predict_proba(X[te_i])[:, 1]
            full = fit(X, y_all, C)
            dev_p = full.predict_proba(vec.transform([f for rows in dev_feats for f, y, sp in rows]))[:, 1]
            dev_probs, k = [], 0
            for rows in dev_feats:
                dev_probs.append(list(dev_p[k:k + len(rows)]))
                k += len(rows)
            for t, t2, t3 in [(t, t2, t3) for t in (0.2, 0.25, 0.3) for t2 in (0.4, 0.5, 0.6, 0.7)
                              for t3 in (0.1, 0.15, 0.2)]:
                if True:
                    sysr = []
                    for i, rows in enumerate(feats):
                        probs = oof[rec_of == i]
                        sysr.append({"id": i, "locations": predict_spans(rows, probs, t, t2, t3)})
                    gold = [{"id": i, "locations": r["locations"]} for i, r in enumerate(train)]  # noqa: E501
                    res = score(gold, sysr)
                    dres = score(dev, [{"id": r["id"], "locations": predict_spans(rows, ps, t, t2, t3)}
                                       for r, rows, ps in zip(dev, dev_feats, dev_probs, strict=True)])
                    print(f"C={C} thr={t} thr_more={t2} thr_sub={t3} cv exact/overlap F1 {res['exact']['f1']} {res['overlap']['f1']}"
                          f"  dev {dres['exact']['f1']} {dres['overlap']['f1']}", file=sys.stderr)

    model = fit(X, y_all, a.C)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) > 1e-6}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    pm = PlaceModel(weights=weights, threshold=thr, threshold_more=thr_more, threshold_sub=thr_sub)
    sysr = []
    for r, rows in zip(dev, dev_feats, strict=True):
        probs = [pm.prob(f) for f, y, sp in rows]
        sysr.append({"id": r["id"], "locations": predict_spans(rows, probs, thr, thr_more, thr_sub)})
    res = score(dev, sysr)
    print(f"dev (python scorer) exact {res['exact']} overlap {res['overlap']}", file=sys.stderr)
    if not a.no_write:
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "meta": {
                "model": f"logistic regression (scikit-learn), L2, C={a.C}",
                "trained_on": "ahalterman/event_location annotations_nonheldout (MIT), dev-overlapping sentences removed",
                "n_records": len(train),
                "n_candidates": len(X_rows),
                "script": "eval/train_places.py",
            },
            "threshold": thr,
            "threshold_more": thr_more,
            "threshold_sub": thr_sub,
            "weights": dict(sorted(weights.items())),
        }
        MODEL_PATH.write_text(json.dumps(doc, indent=0, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
