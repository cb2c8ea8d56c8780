"""Is this document about the same happening as that one? A logistic model over pair
features, trained on ECB+ train topics (``eval/train_corpus.py``), stored as data.

Features of a document pair (both :class:`~.features.DocVector`):

- cosine of the full TF-IDF vectors and of the names-only part;
- name novelty both ways: the share of one document's strongest names the other never
  mentions (a different opponent, defendant or city), as min and max;
- years: both mention years and share none (conflict), or share one;
- dates: when both carry a date, the log of the gap in days.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

from eventwire.corpus.stories.features import DocVector

__all__ = ["PairModel", "pair_features", "FEATURES", "load_pair_model"]

FEATURES = ("cos", "cos_names", "novelty_min", "novelty_max", "year_conflict", "year_shared", "log_gap_days")


def _name_cos(a: DocVector, b: DocVector) -> float:
    if not a.name_norm or not b.name_norm:
        return 0.0
    x, y = (a, b) if len(a.all_names) <= len(b.all_names) else (b, a)
    # fsum over a set: the same value whatever the hash seed orders the set by
    s = math.fsum(x.weights[t] * y.weights[t] for t in x.all_names if t in y.all_names)
    return s / (a.name_norm * b.name_norm)


def pair_features(a: DocVector, b: DocVector) -> list[float]:
    wa, wb = (a.weights, b.weights) if len(a.weights) <= len(b.weights) else (b.weights, a.weights)
    cos = sum(x * wb.get(t, 0.0) for t, x in wa.items())
    nov_a = len(a.names - b.all_names) / len(a.names) if a.names else 0.0
    nov_b = len(b.names - a.all_names) / len(b.names) if b.names else 0.0
    both = bool(a.years and b.years)
    shared = bool(a.years & b.years)
    gap = 0.0
    if a.date and b.date:
        days = abs((dt.date.fromisoformat(a.date[:10]) - dt.date.fromisoformat(b.date[:10])).days)
        gap = math.log1p(days)
    return [cos, _name_cos(a, b), min(nov_a, nov_b), max(nov_a, nov_b), float(both and not shared), float(shared), gap]


@dataclass(frozen=True)
class PairModel:
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # mean pair probability needed to join a story
    merge_threshold: float

    def prob(self, a: DocVector, b: DocVector) -> float:
        z = self.intercept + sum(c * f for c, f in zip(self.coef, pair_features(a, b), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "coef": list(self.coef), "intercept": self.intercept,
                "threshold": self.threshold, "merge_threshold": self.merge_threshold}


@functools.lru_cache(maxsize=1)
def load_pair_model() -> PairModel:
    """The shipped model (``resources/corpus/story_pairs.json``)."""
    raw = json.loads((resources.files("eventwire") / "resources" / "corpus" / "story_pairs.json").read_text())
    if tuple(raw["features"]) != FEATURES:
        raise ValueError("story_pairs.json was trained on other features; re-run eval/train_corpus.py")
    return PairModel(tuple(raw["coef"]), float(raw["intercept"]), float(raw["threshold"]),
                     float(raw["merge_threshold"]))
