"""Train the corpus models on ECB+ train topics and choose their thresholds by
cross-validation over train topics (dev is never looked at here).

    .venv/bin/python eval/train_corpus.py [--stories] [--coref]

Writes ``src/eventwire/resources/corpus/story_pairs.json`` (document pair model + online
clustering thresholds) and ``coref_pairs.json`` (event-mention pair model + threshold).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from eventwire.corpus.coref.cluster import CorefModel
from eventwire.corpus.stories import StoryParams, cluster_documents, doc_vectors
from eventwire.corpus.stories.pairs import FEATURES, PairModel, pair_features

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ecbplus"
OUT = ROOT / "src" / "eventwire" / "resources" / "corpus"
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))
from ecbplus_score import bcubed  # noqa: E402


def load(split: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"ecbplus-{split}.jsonl").open()]


def story_pairs(docs: list[dict], rng: random.Random) -> tuple[np.ndarray, np.ndarray]:
    vecs = doc_vectors([(d["text"], None) for d in docs])
    X, y = [], []
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if docs[i]["topic"] != docs[j]["topic"] and rng.random() > 0.05:
                continue
            X.append(pair_features(vecs[i], vecs[j]))
            y.append(docs[i]["subtopic"] == docs[j]["subtopic"])
    return np.array(X), np.array(y)


def fit_story_model(docs: list[dict], seed: int = 0) -> PairModel:
    X, y = story_pairs(docs, random.Random(seed))
    lr = LogisticRegression(C=10.0, max_iter=5000).fit(X, y)
    return PairModel(tuple(float(c) for c in lr.coef_[0]), float(lr.intercept_[0]), 0.5, 0.5)


def story_b3(docs: list[dict], model: PairModel, threshold: float, merge: float) -> float:
    vecs = doc_vectors([(d["text"], None) for d in docs])
    cl = cluster_documents([d["doc_id"] for d in docs], vecs, StoryParams(threshold, merge))
    cl.model = model
    return bcubed({d["doc_id"]: d["subtopic"] for d in docs}, cl.story_of)[2]


def cv_story(docs: list[dict], folds: int = 5) -> tuple[float, float, list[dict]]:
    topics = sorted({d["topic"] for d in docs})
    grid = [(t, m) for t in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4) for m in (0.25, 0.3, 0.4, 0.5)]
    totals = dict.fromkeys(grid, 0.0)
    for k in range(folds):
        held = {t for i, t in enumerate(topics) if i % folds == k}
        tr = [d for d in docs if d["topic"] not in held]
        te = [d for d in docs if d["topic"] in held]
        model = fit_story_model(tr)
        vecs = doc_vectors([(d["text"], None) for d in te])
        gold = {d["doc_id"]: d["subtopic"] for d in te}
        for t, m in grid:
            from eventwire.corpus.stories.clusterer import StoryClusterer

            cl = StoryClusterer(StoryParams(t, m), model)
            for d, v in zip(te, vecs, strict=True):
                cl.add(d["doc_id"], v)
            totals[(t, m)] += bcubed(gold, cl.story_of)[2] * len(te)
    table = [{"threshold": t, "merge_threshold": m, "cv_b3_f1": round(totals[(t, m)] / len(docs), 4)}
             for t, m in grid]
    best = max(grid, key=lambda g: (totals[g], -g[0]))
    return best[0], best[1], table


def _mention_data(docs: list[dict]) -> tuple[list, list]:
    from eventwire.corpus.batch import _parse_texts
    from eventwire.corpus.coref.mentions import build_mentions

    texts = [d["text"] for d in docs]
    spans = [[(m["start"], m["end"]) for m in d["event_mentions"]] for d in docs]
    reps = build_mentions(texts, spans, _parse_texts(texts))
    vecs = doc_vectors([(t, None) for t in texts])
    return reps, vecs


def _gold(docs: list[dict]) -> dict:
    g = {}
    for d in docs:
        for m in d["event_mentions"]:
            if m["validated"]:
                g.setdefault((d["doc_id"], m["start"], m["end"]), m["cluster"])
    return g


def coref_pairs(docs: list[dict], reps: list, vecs: list) -> tuple[np.ndarray, np.ndarray]:
    from eventwire.corpus.coref.cluster import pair_matrix

    gold = _gold(docs)
    groups: dict[str, list] = {}
    for d, rs in zip(docs, reps, strict=True):
        for r in rs:
            k = (d["doc_id"], r.start, r.end)
            if k in gold:
                groups.setdefault(d["subtopic"], []).append((r, gold[k]))
    X, y = [], []
    for items in groups.values():
        X.append(pair_matrix([r for r, _ in items], vecs))
        labs = [c for _, c in items]
        y += [labs[i] == labs[j] for i in range(len(labs)) for j in range(i + 1, len(labs))]
    return np.vstack(X), np.array(y)


def fit_coref(docs: list[dict], reps: list, vecs: list) -> CorefModel:
    X, y = coref_pairs(docs, reps, vecs)
    lr = LogisticRegression(C=1.0, max_iter=5000).fit(X, y)
    return CorefModel(tuple(float(c) for c in lr.coef_[0]), float(lr.intercept_[0]), 0.5)


def predict_coref(docs: list[dict], reps: list, vecs: list, stories: dict, model: CorefModel,
                  thresholds: list[float]) -> dict[float, dict]:
    from eventwire.corpus.coref.cluster import _cut, distances

    groups: dict[str, list] = {}
    for d, rs in zip(docs, reps, strict=True):
        groups.setdefault(stories[d["doc_id"]], []).extend((d["doc_id"], r) for r in rs)
    out: dict[float, dict] = {t: {} for t in thresholds}
    for sid, items in groups.items():
        reps_ = [r for _, r in items]
        dist = distances(reps_, vecs, model) if len(reps_) > 1 else None
        for t in thresholds:
            labs = _cut(dist, len(reps_), t) if dist is not None else [0]
            for (did, r), lab in zip(items, labs, strict=True):
                out[t][(did, r.start, r.end)] = f"{sid}/{lab}"
    return out


def train_coref(train: list[dict], folds: int = 5) -> None:
    from ecbplus_score import coref_scores

    reps, vecs = _mention_data(train)
    # within the batch, mention .doc indexes refer to positions in `train`
    topics = sorted({d["topic"] for d in train})
    grid = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]
    pooled: dict[float, dict] = {t: {} for t in grid}
    for k in range(folds):
        held = {t for i, t in enumerate(topics) if i % folds == k}
        tr_i = [i for i, d in enumerate(train) if d["topic"] not in held]
        te_i = [i for i, d in enumerate(train) if d["topic"] in held]
        model = fit_coref([train[i] for i in tr_i], [reps[i] for i in tr_i], vecs)
        te = [train[i] for i in te_i]
        smodel = fit_story_model([train[i] for i in tr_i])
        from eventwire.corpus.stories.clusterer import StoryClusterer

        base = json.loads((OUT / "story_pairs.json").read_text())
        cl = StoryClusterer(StoryParams(base["threshold"], base["merge_threshold"]), smodel)
        for i in te_i:
            cl.add(train[i]["doc_id"], vecs[i])
        pred = predict_coref(te, [reps[i] for i in te_i], vecs, cl.story_of, model, grid)
        for t in grid:
            pooled[t].update(pred[t])
    gold = _gold(train)
    table = []
    for t in grid:
        resp = {m: c for m, c in pooled[t].items() if m in gold}
        table.append({"threshold": t, "cv_conll_f1": round(coref_scores(gold, resp)["conll_f1"], 4)})
    best = max(table, key=lambda r: r["cv_conll_f1"])
    model = fit_coref(train, reps, vecs)
    out = CorefModel(model.coef, model.intercept, best["threshold"]).to_json() | {
        "trained_on": "ECB+ train topics, validated mentions, pairs within gold subtopics",
        "cv": "5 folds over train topics; CoNLL F1 within predicted stories",
        "cv_grid": table}
    (OUT / "coref_pairs.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"coref: threshold {best['threshold']}; CV CoNLL F1 {best['cv_conll_f1']:.4f}")
    for r in table:
        print(r)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", action="store_true")
    ap.add_argument("--coref", action="store_true")
    a = ap.parse_args()
    both = not (a.stories or a.coref)
    train = load("train")
    OUT.mkdir(parents=True, exist_ok=True)
    if a.stories or both:
        t, m, table = cv_story(train)
        model = fit_story_model(train)
        out = model.to_json() | {"threshold": t, "merge_threshold": m,
                                 "trained_on": "ECB+ train topics (575 documents)",
                                 "cv": "5 folds over train topics; B3 F1 of online clustering",
                                 "cv_grid": table}
        (OUT / "story_pairs.json").write_text(json.dumps(out, indent=1) + "\n")
        print(f"stories: threshold {t} merge {m}; CV B3 F1 "
              f"{max(r['cv_b3_f1'] for r in table):.4f}; features {FEATURES}")
    if a.coref or both:
        train_coref(train)


if __name__ == "__main__":
    main()
