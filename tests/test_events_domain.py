"""Sentence-domain model: political/legal/conflict prose vs sports, entertainment, business."""

from __future__ import annotations

from eventwire.analyze import registry
from eventwire.analyze.events import candidate_events
from eventwire.analyze.events_domain import domain_model, domain_words, political_probability
from eventwire.analyze.events_filter import eventness_model
from eventwire.analyze.pipeline import Pipeline
from eventwire.model import Article, make_id


def test_events_domain_words_are_lowercase_words_only() -> None:
    assert domain_words("Police ARRESTED 3 men in Kabul's centre, 2024.") == ["police", "arrested", "men", "in", "kabul's", "centre"]


def test_events_domain_sports_and_business_prose_below_political_prose() -> None:
    # sentences written for this test (no evaluation sentence)
    political = [
        "Riot police detained dozens of opposition supporters outside parliament on Tuesday.",
        "The prosecutor charged the former minister with corruption and abuse of office.",
    ]
    other = [
        "The striker scored twice as the home team clinched a playoff berth with a 3-1 win.",
        "Shares of the chipmaker rose after it reported record quarterly revenue from data-centre customers.",
    ]
    low = min(political_probability(s) for s in political)
    high = max(political_probability(s) for s in other)
    assert low > 0.5 > high, (low, high)


def test_events_domain_is_a_learned_feature_of_eventness() -> None:
    assert domain_model().meta.get("script") == "eval/train_events_domain.py"
    assert eventness_model().weights.get("domain", 0.0) > 0.0
    art = Article(id=make_id("t", 1), text="Police arrested two men after the attack on the embassy.", source="t",
                  fmt="text", published="2024-03-05")
    doc = Pipeline(registry.build_stages())([art])[0]
    feats = [f for _e, f in candidate_events(doc)]
    assert feats and all("domain" in f for f in feats)


def test_events_domain_missing_model_file_is_a_coded_error() -> None:
    import pytest

    from eventwire._resources import resource_json
    from eventwire.errors import ModelError

    with pytest.raises(ModelError) as ei:
        resource_json("events", "no_such_model.json", what="event-ness model")
    assert ei.value.code == "E303"
    assert "event-ness model events/no_such_model.json is missing or unreadable" in ei.value.message
    assert resource_json("events", "status_cues.json", what="status cue lists")
