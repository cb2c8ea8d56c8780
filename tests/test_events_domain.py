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


# sentences written for these tests (no evaluation or demonstration sentence)
_SPORTS = ("The home side clinched a playoff berth with a 3-1 win on Sunday, as the striker scored twice in the "
           "second half. The goalkeeper made six saves and the midfielder added an assist in front of a sellout "
           "crowd at the stadium. ")
_SPORTS_END = " The team travels to face the league leaders next weekend in the final game of the regular season."


def test_events_domain_sports_article_lowers_a_sentence_kept_alone() -> None:
    from eventwire.analyze.events import code_texts

    sentence = "Ortiz accused Martinez of cheating."
    alone, in_sports = code_texts([sentence, _SPORTS + sentence + _SPORTS_END])
    assert [e.plover_type for e in alone] == ["ACCUSE"]
    # the same sentence, same code, in a sports article: the article-level domain lowers its
    # event-ness by far (0.91 -> 0.58 with the shipped model); whether that drops it depends on
    # the cross-validated threshold (0.5 since the session-10 retrain: it is kept, README Limits)
    start = (_SPORTS + sentence).index(sentence)
    kept = [e for e in in_sports if e.sentence_start == start]
    assert not kept or kept[0].confidence < alone[0].confidence - 0.25, in_sports
    assert eventness_model().article_domain and eventness_model().weights.get("domain_article", 0.0) > 0.0


def test_events_domain_without_an_article_the_article_value_is_the_sentence_own() -> None:
    import pytest

    from eventwire.analyze.events_domain import ARTICLE_METHODS, article_probability
    from eventwire.analyze.events_filter import domain_features

    model = eventness_model()
    # a political sentence and one of sports vocabulary (whose capped article value is not 0)
    for sentence in ("Police arrested two men after the attack on the embassy.",
                     "The manager accused the league of treating his club unfairly."):
        p = political_probability(sentence)
        for method in ARTICLE_METHODS:
            assert article_probability([sentence], method) == pytest.approx(p)
        # `eventwire code` input: one text, coded as an article of one sentence (one path)
        art = Article(id=make_id("t", sentence), text=sentence, source="t", fmt="text", published="2024-03-05")
        doc = Pipeline(registry.build_stages())([art])[0]
        feats = [f for _e, f in candidate_events(doc)]
        want = domain_features(p, p, model.article_low)["domain_article"]
        assert feats and all(f.get("domain_article", 0.0) == pytest.approx(want) for f in feats), (sentence, feats)
        assert all(f["domain"] == pytest.approx(p - 0.5) for f in feats)
    assert political_probability("The manager accused the league of treating his club unfairly.") < 0.5


def test_events_domain_article_probability_aggregates_sentences() -> None:
    from eventwire.analyze.events_domain import article_probability

    texts = ["a b c d", "e f g h", "i j k l", "Photo: AP"]
    scores = {"a b c d": 0.2, "e f g h": 0.4, "i j k l": 0.9, "Photo: AP": 0.0}
    assert article_probability(texts, "mean", scores.__getitem__) == 0.5  # the short line is left out
    assert article_probability(texts, "median", scores.__getitem__) == 0.4
    joined: list[str] = []
    assert article_probability(texts, "text", lambda t: joined.append(t) or 0.7) == 0.7
    assert joined == ["a b c d e f g h i j k l"]
