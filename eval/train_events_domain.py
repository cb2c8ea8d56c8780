"""Train the sentence-domain model shipped in src/eventwire/resources/events/domain_model.json.

    .venv/bin/python eval/train_events_domain.py [--no-write]

Is a sentence about political, legal or conflict affairs (what PLOVER codes), or about
sports, entertainment, business, technology or a disaster? Labels come once per ECB+
*train* topic (``eval/events_domain_labels.json``, with the rule used), from the groups of
``eval/events_synthetic.jsonl`` and the CAMEO-style dev gold (all political). Nothing of the
realnews **dev** split or of ECB+ dev/test documents is read.

Features: the lower-cased words of the sentence (:func:`eventwire.analyze.events_domain.domain_words`),
only words found in at least ``MIN_GROUPS`` training groups (topics / synthetic groups), so a
topic's names ("Lohan", "Klitschko") cannot carry it. Logistic regression, balanced classes;
C chosen by leave-one-topic-out CV (log loss on the ECB+ topics).

``eval/train_events.py`` calls :func:`out_of_group` so that the domain feature of every
event-ness training sentence comes from a domain model that never saw its topic or group.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"
ECB_TRAIN = SHARED / "data" / "ecbplus" / "ecbplus-train.jsonl"
LABELS = ROOT / "eval" / "events_domain_labels.json"
OUT = ROOT / "src" / "eventwire" / "resources" / "events" / "domain_model.json"
MIN_GROUPS = 3
MIN_WORDS = 4

from eventwire.analyze.events_domain import domain_words  # noqa: E402

Row = tuple[frozenset[str], int, str, float]  # words, label (1 = political), group, weight


def _labels() -> dict[str, Any]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def synthetic_label(group: str) -> int | None:
    spec = _labels()["synthetic_groups"]
    for lab, pats in (("political", spec["political"]), ("other", spec["other"])):
        for p in pats:
            if group == p or (p.endswith("*") and group.startswith(p[:-1])):
                return 1 if lab == "political" else 0
    return None


def ecb_rows() -> list[Row]:
    topics = _labels()["ecbplus_train_topics"]
    rows: list[Row] = []
    for line in ECB_TRAIN.open(encoding="utf-8"):
        d = json.loads(line)
        lab = topics[str(d["topic"])][0]
        if lab == "mixed":
            continue
        for s in d["sentences"]:
            text = d["text"][s["start"]:s["end"]]
            words = domain_words(text)
            if len(words) < MIN_WORDS:
                continue
            rows.append((frozenset(words), int(lab == "political"), f"rn-{d['topic']}", 1.0))
    return rows


def item_rows(items: list[dict[str, Any]]) -> list[Row]:
    """Rows from the event-ness training items that are not ECB+ sentences (synthetic: the
    label of their group; CAMEO-style gold: political), with the items' own groups."""
    rows: list[Row] = []
    for it in items:
        if it["source"] == "synthetic":
            lab = synthetic_label(str((it.get("gold") or {}).get("group", "")))
        elif it["source"] == "cameo":
            lab = 1
        else:
            continue
        if lab is not None:
            rows.append((frozenset(domain_words(it["text"])), lab, it["group"], 2.0))
    return rows


def _fit(rows: list[Row], c: float) -> tuple[dict[str, float], float]:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    groups_of: dict[str, set[str]] = defaultdict(set)
    for words, _lab, grp, _w in rows:
        for w in words:
            groups_of[w].add(grp)
    vocab = sorted(w for w, gs in groups_of.items() if len(gs) >= MIN_GROUPS)
    index = {w: i for i, w in enumerate(vocab)}
    ind: list[int] = []
    ptr = [0]
    for words, *_ in rows:
        ind.extend(index[w] for w in words if w in index)
        ptr.append(len(ind))
    x = csr_matrix((np.ones(len(ind)), ind, ptr), shape=(len(rows), len(vocab)))
    y = [r[1] for r in rows]
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", solver="liblinear")
    clf.fit(x, y, sample_weight=[r[3] for r in rows])
    weights = {w: float(clf.coef_[0][i]) for w, i in index.items()}
    return weights, float(clf.intercept_[0])


def _prob(weights: dict[str, float], bias: float, words: frozenset[str]) -> float:
    z = max(-30.0, min(30.0, bias + sum(weights.get(w, 0.0) for w in words)))
    return 1.0 / (1.0 + math.exp(-z))


_GROUP_MODELS: dict[tuple[float, frozenset[str], int], dict[str, tuple[dict[str, float], float]]] = {}


def group_models(items: list[dict[str, Any]], c: float) -> dict[str, tuple[dict[str, float], float]]:
    """Per group of ``items``: the domain model (weights, bias) trained without that group
    (fitted once per process and setting)."""
    key = (c, frozenset(it["group"] for it in items), len(items))
    if key not in _GROUP_MODELS:
        rows = ecb_rows() + item_rows(items)
        _GROUP_MODELS[key] = {grp: _fit([r for r in rows if r[2] != grp], c)
                              for grp in sorted({it["group"] for it in items})}
    return _GROUP_MODELS[key]


def out_of_group(items: list[dict[str, Any]], c: float | None = None) -> dict[str, float]:
    """Per item id: the political probability from a domain model trained without the
    item's group (its ECB+ topic, synthetic group or CAMEO fold)."""
    models = group_models(items, c if c is not None else chosen_c())
    return {it["id"]: _prob(*models[it["group"]], frozenset(domain_words(it["text"]))) for it in items}


def train_documents() -> dict[str, list[str]]:
    """Per ECB+ *train* document id: its sentences' texts (title first)."""
    out: dict[str, list[str]] = {}
    for line in ECB_TRAIN.open(encoding="utf-8"):
        d = json.loads(line)
        out[d["doc_id"]] = [d["text"][s["start"]:s["end"]] for s in d["sentences"]]
    return out


def out_of_group_articles(items: list[dict[str, Any]], method: str, c: float | None = None) -> dict[str, float]:
    """Per item id: the article-level political probability
    (:func:`eventwire.analyze.events_domain.article_probability` by ``method``) of the ECB+
    train document the item's sentence comes from, scored by the same out-of-group domain
    model as its sentence (never trained on the item's topic). Items without a document
    (synthetic, CAMEO-style) get their sentence's value, as ``eventwire code`` does."""
    from eventwire.analyze.events_domain import article_probability

    models = group_models(items, c if c is not None else chosen_c())
    docs = train_documents()
    out: dict[str, float] = {}
    for it in items:
        weights, bias = models[it["group"]]

        def prob(text: str, w: dict[str, float] = weights, b: float = bias) -> float:
            return _prob(w, b, frozenset(domain_words(text)))

        doc_id = (it.get("gold") or {}).get("doc_id")
        texts = docs.get(doc_id, [it["text"]]) if doc_id else [it["text"]]
        out[it["id"]] = article_probability(texts, method, prob)
    return out


def cv_topics(rows: list[Row], c: float) -> tuple[float, float, float]:
    """Leave-one-ECB-topic-out: log loss, accuracy at 0.5 and AUC over the ECB+ sentences."""
    from sklearn.metrics import roc_auc_score

    topics = sorted({r[2] for r in rows if r[2].startswith("rn-")})
    ys: list[int] = []
    ps: list[float] = []
    for t in topics:
        weights, bias = _fit([r for r in rows if r[2] != t], c)
        for r in rows:
            if r[2] == t:
                ys.append(r[1])
                ps.append(_prob(weights, bias, r[0]))
    ll = -sum(math.log(max(1e-9, p if y else 1 - p)) for y, p in zip(ys, ps, strict=True)) / len(ys)
    acc = sum(int((p >= 0.5) == bool(y)) for y, p in zip(ys, ps, strict=True)) / len(ys)
    return ll, acc, float(roc_auc_score(ys, ps))


def chosen_c() -> float:
    meta = json.loads(OUT.read_text(encoding="utf-8"))["meta"] if OUT.exists() else {}
    return float(meta.get("C", 0.3))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    from train_events import training_items

    items = training_items()
    rows = ecb_rows() + item_rows(items)
    print("rows:", len(rows), "political:", sum(r[1] for r in rows))
    best = (math.inf, 0.3)
    report = {}
    for c in (0.03, 0.1, 0.3, 1.0):
        ll, acc, auc = cv_topics(rows, c)
        report[str(c)] = {"log_loss": round(ll, 4), "accuracy": round(acc, 4), "auc": round(auc, 4)}
        print(f"C={c}: leave-one-topic-out log loss {ll:.4f} accuracy {acc:.4f} AUC {auc:.4f}")
        if ll < best[0]:
            best = (ll, c)
    c = best[1]
    weights, bias = _fit(rows, c)
    model = {
        "meta": {
            "model": "logistic regression over word presence (scikit-learn liblinear), L2, balanced classes",
            "C": c,
            "min_groups_per_word": MIN_GROUPS,
            "cv_leave_one_topic_out": report,
            "rows": len(rows),
            "labels": "eval/events_domain_labels.json (one label per ECB+ train topic; synthetic groups; CAMEO-style gold political)",
            "script": "eval/train_events_domain.py",
            "licences": "ECB+ sentences: CC BY 3.0 (Cybulska & Vossen 2014); PLOVER GSR: CC BY-SA 4.0 (Open Event Data Alliance); synthetic: written for eventwire",
        },
        "bias": round(bias, 5),
        "weights": {w: round(v, 4) for w, v in sorted(weights.items()) if abs(v) >= 1e-3},
    }
    print(f"chosen C={c}; {len(model['weights'])} words")
    top = sorted(weights.items(), key=lambda kv: kv[1])
    print("most 'other':", [w for w, _ in top[:25]])
    print("most political:", [w for w, _ in top[-25:]])
    if not args.no_write:
        OUT.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
        print("wrote", OUT)


if __name__ == "__main__":
    main()
