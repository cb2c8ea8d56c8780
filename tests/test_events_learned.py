"""The learned sentence type classifier: its run-time model, the feature it gives the
event-ness model, and the shipped weights."""

from __future__ import annotations

import math

import pytest

from eventwire.analyze import registry
from eventwire.analyze.events import candidate_events
from eventwire.analyze.events_filter import eventness_model
from eventwire.analyze.events_graph import TokenGraph
from eventwire.analyze.events_learned import (
    SentenceTypeModel,
    sentence_features,
    sentence_type_model,
)
from eventwire.analyze.pipeline import Pipeline
from eventwire.errors import ModelError
from eventwire.model import AnalyzedDoc, Article, make_id


def _doc(text: str, dct: str = "2024-03-05") -> AnalyzedDoc:
    art = Article(id=make_id("t", text), text=text, source="t", fmt="text", published=dct)
    stages = [s for s in registry.build_stages() if s.name != "events"]
    return Pipeline(stages)([art])[0]


def _model(word: str, cls: str) -> SentenceTypeModel:
    """One type, likely when the sentence holds ``word``."""
    return SentenceTypeModel(weights={cls: {f"w={word}": 8.0}}, bias={cls: -4.0})


def test_events_learned_probabilities_are_logistic() -> None:
    m = _model("shell", "ASSAULT")
    assert m.probs({"w=shell": 1.0})["ASSAULT"] == pytest.approx(1 / (1 + math.exp(-4.0)))
    assert m.probs({"w=walk": 1.0})["ASSAULT"] == pytest.approx(1 / (1 + math.exp(4.0)))


def test_events_learned_candidates_carry_the_sentence_type_probability() -> None:
    doc = _doc("Troops shelled the rebel town of Kidal and arrested two men.")
    cands = candidate_events(doc, type_model=_model("shell", "ASSAULT"))
    types = {e.plover_type: f["stype"] for e, f in cands}
    assert types["ASSAULT"] == pytest.approx(1 / (1 + math.exp(-4.0)) - 0.5)
    # a type the model does not know is unsupported by the sentence
    assert all(v == pytest.approx(-0.5) for t, v in types.items() if t != "ASSAULT"), types
    # the lexicon-only path (training baseline) has no such feature; the candidates are the same
    plain = candidate_events(doc, learned=False)
    assert not any("stype" in f for _, f in plain)
    assert [e.plover_type for e, _ in plain] == [e.plover_type for e, _ in cands]


def test_events_learned_features_read_the_parse() -> None:
    doc = _doc('"They betrayed us," the opposition leader said of the government.')
    g = TokenGraph(doc.tokens)
    f = sentence_features(g, 0, len(doc.tokens), 0.9)
    assert f["quote"] == 1.0 and f["w=betray"] == 1.0 and f["v=say|ROOT"] == 1.0
    assert f["domain"] == pytest.approx(0.4)
    assert not any(k.startswith("w=") and k[2:].istitle() for k in f), f  # names are entity labels only


def test_events_learned_shipped_model_separates_conflict_from_sports() -> None:
    m = sentence_type_model()
    assert m.weights and set(m.weights) == set(m.bias) and set(m.weights) <= {
        "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
        "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"}

    def p(text: str, t: str) -> float:
        d = _doc(text)
        return m.probs(sentence_features(TokenGraph(d.tokens), 0, len(d.tokens), 0.5))[t]

    assert p("Gunmen opened fire on a police patrol, killing two officers.", "ASSAULT") > \
        p("The striker fired the ball into the net in the second half.", "ASSAULT")
    assert p("Police arrested three men suspected of the robbery.", "COERCE") > \
        p("Three men went fishing on the lake on Sunday.", "COERCE")


def test_events_learned_eventness_model_relies_on_it() -> None:
    # the event-ness model was trained with the feature: a candidate the sentence supports is
    # more likely kept than the same candidate the sentence does not support
    w = eventness_model().weights
    assert w.get("stype", 0.0) > 0.0
    doc = _doc("Troops shelled the rebel town of Kidal on Monday.")
    [(ev, feats)] = [(e, f) for e, f in candidate_events(doc) if e.plover_type == "ASSAULT"][:1]
    lo, hi = dict(feats, stype=-0.5), dict(feats, stype=0.5)
    assert eventness_model().prob(hi) > eventness_model().prob(lo)


def test_events_learned_trees_are_walked_by_threshold_and_blended_with_the_regression() -> None:
    from eventwire.analyze.events_filter import EventnessModel, Tree, _sigmoid

    # x <= 0.5 goes left; an absent feature counts as 0
    tree = Tree(feature=("lemma=kill", None, "src_kind=GPE", None, None), threshold=(0.5, 0.0, 0.5, 0.0, 0.0),
                left=(1, 0, 3, 0, 0), right=(2, 0, 4, 0, 0), value=(0.0, -1.0, 0.25, 2.0, 0.0))
    assert tree.score({}) == -1.0
    assert tree.score({"lemma=kill": 1.0}) == 2.0
    assert tree.score({"lemma=kill": 1.0, "src_kind=GPE": 1.0}) == 0.0
    assert Tree.from_json({"feature": list(tree.feature), "threshold": list(tree.threshold),
                           "left": list(tree.left), "right": list(tree.right), "value": list(tree.value)}) == tree
    m = EventnessModel(weights={"lemma=kill": 1.5}, bias=-0.5, threshold=0.5, trees=(tree, tree), tree_base=0.1)
    f = {"lemma=kill": 1.0}
    assert m.prob(f) == pytest.approx((_sigmoid(1.0) + _sigmoid(0.1 + 4.0)) / 2)
    alone = EventnessModel(weights={"lemma=kill": 1.5}, bias=-0.5, threshold=0.5)
    assert alone.prob(f) == pytest.approx(_sigmoid(1.0))



def test_events_learned_embedding_features_reach_the_classifier() -> None:
    # a classifier of the sentence-encoder experiment (eval/sentence_encoder.py) reads the
    # embedding the caller gives for each sentence's text; without one it refuses
    doc = _doc("Troops shelled the rebel town of Kidal and arrested two men.")
    m = SentenceTypeModel(weights={"ASSAULT": {"e0": 2.0, "e1": -2.0}}, bias={"ASSAULT": 0.0},
                          embedding_scale=3.0)
    seen: list[str] = []

    def embed(text: str) -> list[float]:
        seen.append(text)
        return [1.0, 0.5]

    cands = candidate_events(doc, type_model=m, embed_of=embed)
    assert seen == [doc.article.text]
    stype = {e.plover_type: f["stype"] for e, f in cands}["ASSAULT"]
    assert stype == pytest.approx(1 / (1 + math.exp(-(2.0 * 3.0 - 2.0 * 1.5))) - 0.5)
    f = sentence_features(TokenGraph(doc.tokens), 0, len(doc.tokens), 0.5, [1.0, 0.5], 3.0)
    assert f["e0"] == 3.0 and f["e1"] == 1.5
    assert "e0" not in sentence_features(TokenGraph(doc.tokens), 0, len(doc.tokens), 0.5, [1.0, 0.5])
    with pytest.raises(ModelError) as err:
        candidate_events(doc, type_model=m)
    assert err.value.code == "E303"
    assert sentence_type_model().embedding_scale == 0.0  # the shipped classifier reads none
