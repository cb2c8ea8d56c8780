"""Cross-document event coreference: mention pairs scored by a logistic model trained on
ECB+ train topics, then average-link agglomeration within each story, cut at a threshold
chosen by cross-validation over train topics (``eval/train_corpus.py``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from eventwire.corpus.coref.mentions import (
    PAIR_FEATURES,
    MentionRep,
    conflict,
    doc_cosine,
    pair_features,
)
from eventwire.corpus.stories.features import DocVector

__all__ = ["CorefModel", "load_coref_model", "cluster_mentions"]


@dataclass(frozen=True)
class CorefModel:
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probs(self, X: np.ndarray) -> np.ndarray:
        z = X @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_json(self) -> dict[str, object]:
        return {"features": list(PAIR_FEATURES), "coef": list(self.coef), "intercept": self.intercept,
                "threshold": self.threshold}


@functools.lru_cache(maxsize=1)
def load_coref_model() -> CorefModel:
    raw = json.loads((resources.files("eventwire") / "resources" / "corpus" / "coref_pairs.json").read_text())
    if tuple(raw["features"]) != PAIR_FEATURES:
        raise ValueError("coref_pairs.json was trained on other features; re-run eval/train_corpus.py")
    return CorefModel(tuple(raw["coef"]), float(raw["intercept"]), float(raw["threshold"]))


def pair_matrix(group: Sequence[MentionRep], docs: Sequence[DocVector]) -> np.ndarray:
    """Feature rows for every pair (i < j) of ``group``, in condensed (scipy) order."""
    cache: dict[tuple[int, int], float] = {}
    rows = []
    for i in range(len(group)):
        for j in range(i + 1, len(group)):
            a, b = group[i], group[j]
            k = (min(a.doc, b.doc), max(a.doc, b.doc))
            if k not in cache:
                cache[k] = doc_cosine(docs[a.doc], docs[b.doc])
            rows.append(pair_features(a, b, cache[k]))
    return np.asarray(rows, dtype=float).reshape(-1, len(PAIR_FEATURES))


def cluster_mentions(
    group: Sequence[MentionRep], docs: Sequence[DocVector], model: CorefModel | None = None,
    threshold: float | None = None,
) -> list[int]:
    """Cluster labels (0..k-1, first-seen order) for the mentions of one story."""
    model = model or load_coref_model()
    th = model.threshold if threshold is None else threshold
    n = len(group)
    if n == 0:
        return []
    if n == 1:
        return [0]
    return _cut(distances(group, docs, model), n, th)


def distances(group: Sequence[MentionRep], docs: Sequence[DocVector], model: CorefModel) -> np.ndarray:
    """Condensed distances 1 - P(same event); pairs whose times conflict can never link."""
    dist = 1.0 - model.probs(pair_matrix(group, docs))
    k = 0
    for i in range(len(group)):
        for j in range(i + 1, len(group)):
            if conflict(group[i], group[j]):
                dist[k] = _VETO
            k += 1
    return dist


_VETO = 1e6


def _cut(dist: np.ndarray, n: int, th: float) -> list[int]:
    raw = fcluster(linkage(dist, method="average"), t=1.0 - th, criterion="distance")
    seen: dict[int, int] = {}
    return [seen.setdefault(int(x), len(seen)) for x in raw]
