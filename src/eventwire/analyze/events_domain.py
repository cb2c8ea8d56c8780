"""Sentence domain: how likely a sentence is about political, legal or conflict affairs.

Keyword coders fire on sports, entertainment, business and technology prose that uses the
vocabulary of conflict ("fired as head coach", "hosted the awards", "battled Intel"). This
module scores the sentence's words with a logistic regression trained by
``eval/train_events_domain.py`` on ECB+ *train* sentences labelled by their topic's subject
(one label per topic, ``eval/events_domain_labels.json``), eventwire's synthetic sentences
and the CAMEO-style gold sentences. Its probability is a feature of the event-ness model
(:mod:`eventwire.analyze.events_filter`). Weights ship as JSON in
``resources/events/domain_model.json``; no scikit-learn at run time.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from eventwire._resources import resource_json

__all__ = ["DOMAIN_FILE", "DomainModel", "domain_model", "domain_words", "political_probability"]

DOMAIN_FILE = "domain_model.json"

_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?")


def domain_words(text: str) -> list[str]:
    """The features of a text: its lower-cased words (digits and punctuation dropped)."""
    return _WORD_RE.findall(text.lower())


@dataclass(frozen=True)
class DomainModel:
    """Logistic regression over word presence: weight per word and a bias."""

    weights: Mapping[str, float]
    bias: float
    meta: Mapping[str, Any] = field(default_factory=dict)

    def prob(self, text: str) -> float:
        z = self.bias + sum(self.weights.get(w, 0.0) for w in set(domain_words(text)))
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))


@functools.lru_cache(maxsize=1)
def domain_model() -> DomainModel:
    """The shipped model (loaded once per process)."""
    data = resource_json("events", DOMAIN_FILE, what="sentence-domain model")
    return DomainModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        meta=data.get("meta", {}),
    )


def political_probability(text: str) -> float:
    """Probability that ``text`` is about political, legal or conflict affairs."""
    return domain_model().prob(text)
