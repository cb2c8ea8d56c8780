"""A learned sentence-level PLOVER type classifier (POLECAT-style) for the event coder.

The dependency-pattern coder (:mod:`eventwire.analyze.events_core`) proposes candidates only
for lemmas of its trigger lexicon, and its event-ness model (:mod:`eventwire.analyze.events_filter`)
judges each candidate from the candidate alone. This module scores the whole sentence: one
logistic regression per PLOVER type (in the style of the POLECAT sentence classifiers,
Halterman 2023) over features spaCy already gives — the lemmas of the sentence's content words,
each verb's lemma with its dependency relation, the entity labels of its names, whether it
quotes someone, and its domain probability (:mod:`eventwire.analyze.events_domain`) — gives the
probability that the sentence reports an event of that type. (A classifier that also reads a
sentence embedding, ``embedding_scale`` > 0, is an evaluation experiment: sessions 12 and 13,
``eval/sentence_encoder.py``; not shipped, see the README, Events.) Every candidate's event-ness
features carry the sentence's probability of the candidate's type (``stype``), so the
event-ness model keeps a candidate the sentence supports and drops one it does not.

Trained by ``eval/train_events_learned.py`` on training sentences only (weights in
``resources/events/sentence_types.json``, no scikit-learn at run time); the regularisation was
chosen by 5-fold cross-validation grouped by topic. (Letting a likely type the lexicon lacks
become a candidate of its own, at the sentence's main verb, and a verb-level learned proposer
were measured by the same cross-validation and not kept: see the README, Events.)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire._resources import resource_json
from eventwire.analyze.events_graph import TokenGraph

__all__ = ["SentenceTypeModel", "sentence_type_model", "sentence_features", "MODEL_FILE"]

MODEL_FILE = "sentence_types.json"

_CONTENT = ("VERB", "NOUN", "ADJ", "ADV")
_NEGATIONS = ("not", "no", "never", "n't")
_QUOTES = ('"', "\u201c", "\u201d")


@dataclass(frozen=True)
class SentenceTypeModel:
    """Per PLOVER type: logistic-regression weights per feature name and a bias."""

    weights: Mapping[str, Mapping[str, float]]
    bias: Mapping[str, float]
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: > 0: the model reads a sentence embedding (``eval/sentence_encoder.py``), each value times this
    embedding_scale: float = 0.0

    def probs(self, feats: Mapping[str, float]) -> dict[str, float]:
        out = {}
        for t, w in self.weights.items():
            z = self.bias[t] + sum(w.get(k, 0.0) * v for k, v in feats.items())
            out[t] = 0.0 if z < -30 else 1.0 / (1.0 + math.exp(-z))
        return out


@functools.lru_cache(maxsize=1)
def sentence_type_model() -> SentenceTypeModel:
    """The shipped model (loaded once per process)."""
    data = resource_json("events", MODEL_FILE, what="sentence type model")
    return SentenceTypeModel(
        weights={str(t): {str(k): float(v) for k, v in w.items()} for t, w in data["weights"].items()},
        bias={str(t): float(v) for t, v in data["bias"].items()},
        meta=data.get("meta", {}),
        embedding_scale=float(data.get("embedding_scale", 0.0)),
    )


def sentence_features(g: TokenGraph, lo: int, hi: int, domain_p: float,
                      embedding: Sequence[float] = (), scale: float = 0.0) -> dict[str, float]:
    """Features of tokens [lo, hi) of ``g`` (a sentence): sparse word features and, when
    ``scale`` > 0, the sentence's ``embedding`` (``e0``, ``e1``, ...) times ``scale``."""
    f: dict[str, float] = {"domain": domain_p - 0.5}
    if scale > 0:
        f.update({f"e{i}": scale * float(v) for i, v in enumerate(embedding)})
    for k in range(lo, hi):
        t = g.toks[k]
        low = t.text.lower()
        if t.pos == "PROPN":
            if t.ent_type:
                f[f"ent={t.ent_type}"] = 1.0
            continue
        if t.pos in _CONTENT or low in _NEGATIONS:
            f[f"w={g.lemma(k)}"] = 1.0
            if t.pos == "VERB":
                f[f"v={g.lemma(k)}|{t.dep}"] = 1.0
        if low in _QUOTES:
            f["quote"] = 1.0
    return f
