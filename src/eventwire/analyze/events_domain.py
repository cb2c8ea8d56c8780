"""Sentence domain: how likely a sentence is about political, legal or conflict affairs.

Keyword coders fire on sports, entertainment, business and technology prose that uses the
vocabulary of conflict ("fired as head coach", "hosted the awards", "battled Intel"). This
module scores the sentence's words with a logistic regression trained by
``eval/train_events_domain.py`` on ECB+ *train* sentences labelled by their topic's subject
(one label per topic, ``eval/events_domain_labels.json``), eventwire's synthetic sentences
and the CAMEO-style gold sentences. Its probability is a feature of the event-ness model
(:mod:`eventwire.analyze.events_filter`). Weights ship as JSON in
``resources/events/domain_model.json``; no scikit-learn at run time.

A sentence alone often does not say it is about sports ("we were executing the philosophy",
"his coaching moves have been criticized"); its article does. :func:`article_probability`
aggregates the same model over the article's sentences (the way named by the event-ness model,
chosen by cross-validation in ``eval/train_events_learned.py``); it is the event-ness model's
second domain feature. One path for the pipeline and ``eventwire code``: the coder's input
text is the article, so a one-sentence input's article value is its sentence's own.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire._resources import resource_json

__all__ = ["ARTICLE_METHODS", "DOMAIN_FILE", "DomainModel", "article_probability", "domain_model", "domain_words",
           "political_probability"]

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


ARTICLE_METHODS = ("text", "mean", "median")
_MIN_ARTICLE_WORDS = 4


def article_probability(texts: Sequence[str], method: str,
                        prob: Callable[[str], float] | None = None) -> float:
    """Political probability of an article from its sentences ``texts`` (title and body):
    ``text`` scores all their words at once, ``mean`` / ``median`` aggregate the
    sentences' probabilities. Sentences of fewer than 4 words ("Photo: AP") are left out
    unless every sentence is that short; one sentence gives that sentence's probability
    whatever the method. ``prob``: the sentence scorer (default: the shipped model)."""
    if method not in ARTICLE_METHODS:
        raise ValueError(f"unknown article-domain method {method!r}; expected one of {ARTICLE_METHODS}")
    score = prob or political_probability
    kept = [t for t in texts if len(domain_words(t)) >= _MIN_ARTICLE_WORDS] or [t for t in texts if t.strip()]
    if not kept:
        return 0.5
    if method == "text":
        return score(" ".join(kept))
    ps = sorted(score(t) for t in kept)
    if method == "mean":
        return sum(ps) / len(ps)
    mid = len(ps) // 2
    return ps[mid] if len(ps) % 2 else (ps[mid - 1] + ps[mid]) / 2
