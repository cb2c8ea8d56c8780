"""Event-ness: a learned decision over the coder's candidate events.

The dependency-pattern coder (:mod:`eventwire.analyze.events_core`) proposes candidates
from a trigger lexicon; on real news most keyword hits are not political events ("a quake
struck", "AMD has long battled Intel", "dismissed for 12 runs"). This module turns each
candidate into sparse features that spaCy's analysis already gives (trigger lemma and
type, what kind of thing the source and target are and their roles, the sentence's named
entities) and scores it with a logistic regression trained by ``eval/train_events.py`` on
data the reported figures never see. The weights ship as JSON in
``resources/events/eventness_model.json`` (no pickles, no scikit-learn at run time); the
decision threshold was chosen by cross-validation on the training data.

A model file may also hold a gradient-boosted tree ensemble (scikit-learn's
``HistGradientBoostingClassifier`` on the same candidates and features, written by
``eval/train_events_learned.py --gbm``): its trees (per node: feature, threshold, children,
leaf value) are evaluated here in plain Python, and the probability is the mean of the
regression's and the ensemble's; the training script checks that this gives
scikit-learn's probabilities. The shipped model has no trees (tried in session 11: better
by cross-validation, worse on the held-out sets; README, Events).

The probability is the event's ``confidence``; candidates under the threshold are dropped.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire._resources import resource_json
from eventwire.analyze.events_args import FIGURE_LABELS
from eventwire.analyze.events_core import CodedEvent, TokenGraph

__all__ = ["EventnessModel", "Tree", "argument_kind", "candidate_features", "domain_features", "eventness_model",
           "sanitize_arguments", "MODEL_FILE"]

MODEL_FILE = "eventness_model.json"

_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it", "who", "which", "that", "this", "these", "those"}
_SCORE_RE = re.compile(r"\b\d{1,3}-\d{1,3}\b")


@dataclass(frozen=True)
class Tree:
    """One regression tree of the boosted ensemble, as parallel node arrays: ``feature``
    (None at a leaf), ``threshold`` (go left when the feature's value, 0 when absent, is
    at most it), ``left`` / ``right`` (node indexes) and ``value`` (the leaf's raw score)."""

    feature: tuple[str | None, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def score(self, feats: Mapping[str, float]) -> float:
        i = 0
        while (name := self.feature[i]) is not None:
            i = self.left[i] if feats.get(name, 0.0) <= self.threshold[i] else self.right[i]
        return self.value[i]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Tree:
        return cls(
            feature=tuple(None if f is None else str(f) for f in data["feature"]),
            threshold=tuple(float(t) for t in data["threshold"]),
            left=tuple(int(i) for i in data["left"]),
            right=tuple(int(i) for i in data["right"]),
            value=tuple(float(v) for v in data["value"]),
        )


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class EventnessModel:
    """Logistic-regression weights per feature name, a bias and a decision threshold;
    ``article_domain``: how the article-level domain feature is computed
    (:func:`eventwire.analyze.events_domain.article_probability`), None when the model has none;
    ``article_low``: the feature only says how far the article is from political (capped at 0.5).
    Both were chosen by cross-validation with the weights (``eval/train_events_learned.py``).
    ``trees`` / ``tree_base``: the boosted ensemble and its initial raw score; with trees the
    probability is the mean of the regression's and the ensemble's."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    meta: Mapping[str, Any] = field(default_factory=dict)
    article_domain: str | None = None
    article_low: bool = False
    trees: tuple[Tree, ...] = ()
    tree_base: float = 0.0

    def prob(self, feats: Mapping[str, float]) -> float:
        p = _sigmoid(self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items()))
        if not self.trees:
            return p
        return (p + _sigmoid(self.tree_base + sum(t.score(feats) for t in self.trees))) / 2

    def keep(self, feats: Mapping[str, float]) -> tuple[bool, float]:
        p = self.prob(feats)
        return p >= self.threshold, p


@functools.lru_cache(maxsize=1)
def eventness_model() -> EventnessModel:
    """The shipped model (loaded once per process)."""
    data = resource_json("events", MODEL_FILE, what="event-ness model")
    return EventnessModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        meta=data.get("meta", {}),
        article_domain=data.get("article_domain"),
        article_low=bool(data.get("article_domain_low", False)),
        trees=tuple(Tree.from_json(t) for t in data.get("trees") or ()),
        tree_base=float(data.get("tree_base", 0.0)),
    )


@functools.lru_cache(maxsize=1)
def _agent_nouns() -> dict[str, str]:
    """One-word role nouns of the Phoenix agents dictionary (MIT, shipped with the actors
    stage): "police" -> COP, "troops" -> MIL, "protesters" -> OPP ..."""
    data = resource_json("actors", "phoenix_agents.json", what="Phoenix agents dictionary")
    return {k.lower(): str(v) for k, v in data.items() if " " not in k and k.isalpha()}


def argument_kind(g: TokenGraph, k: int | None) -> str:
    """What kind of thing an argument is: none / pronoun / an entity label / a role noun
    ("agent") / another noun ("quake", "the company's shares")."""
    if k is None:
        return "none"
    t = g.toks[k]
    low = t.text.lower()
    if t.pos == "PRON" or low in _PRONOUNS:
        return "pron"
    if t.ent_type:
        return t.ent_type
    if t.pos == "NUM":
        return "num"
    agents = _agent_nouns()
    if low in agents or g.lemma(k) in agents:
        return "agent"
    return "noun"


_NOT_ACTORS = {*FIGURE_LABELS, "num"}


def sanitize_arguments(g: TokenGraph, ev: CodedEvent) -> CodedEvent:
    """Arguments that cannot be actors: a date, time or number is no source or target
    ("... on Sunday" -> target "Sunday"), and a source that is a common noun but no role noun
    ("a massive quake", "shares") takes no country from elsewhere in the sentence (a target
    may be a country's thing: "closed the border")."""
    for side in ("source", "target"):
        k = getattr(ev, f"{side}_tok")
        kind = argument_kind(g, k)
        if kind in _NOT_ACTORS:
            setattr(ev, f"{side}_tok", None)
            setattr(ev, f"{side}_text", None)
            setattr(ev, f"{side}_country", None)
        elif side == "source" and kind == "noun" and not any(g.toks[c].ent_type in ("GPE", "NORP") for c in g.subtree(k)[:12]):
            setattr(ev, f"{side}_country", None)
    return ev


def domain_features(p: float, p_article: float | None = None, low: bool = False) -> dict[str, float]:
    """The event-ness features of the sentence-domain model (:mod:`eventwire.analyze.events_domain`):
    how likely the sentence (``domain``) and, when given, its article (``domain_article``) are
    about political, legal or conflict affairs, centred at 0.5; with ``low`` the article's
    feature is capped at 0 (it only tells how clearly the article is about something else)."""
    out = {"domain": p - 0.5}
    if p_article is not None:
        out["domain_article"] = min(p_article - 0.5, 0.0) if low else p_article - 0.5
    return out


def _role_at(mentions: Sequence[Any], start: int, end: int) -> tuple[str | None, str | None]:
    best = None
    for m in mentions:
        if m.start < end and start < m.end and (best is None or (m.end - m.start) > (best.end - best.start)):
            best = m
    if best is None:
        return None, None
    return best.role, best.country


def candidate_features(g: TokenGraph, ev: CodedEvent, lo: int, hi: int,
                       mentions: Sequence[Any] = ()) -> dict[str, float]:
    """Sparse features of one candidate event in tokens [lo, hi) of ``g``."""
    toks = g.toks
    trig = toks[ev.trigger]
    lem = trig.lemma.lower()
    f: dict[str, float] = {
        f"type={ev.plover_type}": 1.0,
        f"root={ev.cameo[:2]}": 1.0,
        f"lemma={lem}": 1.0,
        f"type|lemma={ev.plover_type}|{lem}": 1.0,
        f"dep={trig.dep}": 1.0,
        f"status={ev.status}": 1.0,
        "nominal": 1.0 if ev.nominal else 0.0,
        "depth": min(ev.score, 6.0) / 6.0,
    }
    for n in ev.notes:
        f[f"note={n.split(':')[0]}"] = 1.0
    f.update(ev.feats)
    if ev.control is not None:
        f[f"control={g.lemma(ev.control)}"] = 1.0
    for side, k, country in (("src", ev.source_tok, ev.source_country), ("tgt", ev.target_tok, ev.target_country)):
        role = mcountry = None
        if k is not None:
            role, mcountry = _role_at(mentions, toks[k].start, toks[k].end)
        kind = argument_kind(g, k)
        f[f"{side}_kind={kind}"] = 1.0
        f[f"{side}_country"] = 1.0 if (country or mcountry) else 0.0
        if role:
            f[f"{side}_role={role}"] = 1.0
        f[f"type|{side}_kind={ev.plover_type}|{kind}"] = 1.0
    # the sentence's named entities say what domain it is about (its vocabulary and the
    # arguments' lemmas were tried too: by topic-grouped CV they overfit the few topics)
    ents: set[str] = set()
    for k in range(lo, hi):
        if toks[k].ent_type:
            ents.add(toks[k].ent_type)
    for e in ents:
        f[f"ent={e}"] = 1.0
    text = " ".join(toks[k].text for k in range(lo, hi))
    if _SCORE_RE.search(text):
        f["score_like"] = 1.0
    f["long"] = 1.0 if hi - lo > 35 else 0.0
    return {k: v for k, v in f.items() if v}
