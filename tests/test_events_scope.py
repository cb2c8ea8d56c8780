"""Tests for eventwire.analyze.events_scope and the other protocol-scope readings of session 16
(firefighting, animals, bare back-references, evaded events, questions, idioms of "strike" and
"shoot"). Sentences written for these tests."""

from __future__ import annotations

from eventwire.analyze import registry
from eventwire.analyze.events import candidate_events
from eventwire.analyze.pipeline import Pipeline
from eventwire.model import Article, Event, make_id


def _candidates(texts: list[str]) -> dict[str, list[Event]]:
    arts = [Article(id=make_id("scope", t), text=t, source="scope", fmt="text", published="2024-03-05") for t in texts]
    docs = Pipeline(registry.build_stages())(arts)
    return {t: [e for e, _f in candidate_events(d)] for t, d in zip(texts, docs, strict=True)}


def _types(events: list[Event]) -> set[str]:
    return {e.plover_type for e in events}


def test_events_scope_firefighting_and_animals_are_no_attacks() -> None:
    found = _candidates([
        "Firefighters battled the blaze at the timber yard for six hours.",
        "Crews suppressed the fire before it reached the school.",
        "The family dog was also killed in the attack on the farm.",
        "Gunmen opened fire on a bus carrying pilgrims near the border.",
    ])
    texts = list(found)
    assert "ASSAULT" not in _types(found[texts[0]]) and "ASSAULT" not in _types(found[texts[1]])
    assert not any(e.plover_type == "ASSAULT" and e.text == "killed" for e in found[texts[2]])
    assert "ASSAULT" in _types(found[texts[3]])  # "opened fire" is no firefighting


def test_events_scope_bare_back_reference_is_no_event_but_a_participant_keeps_it() -> None:
    found = _candidates([
        "A handgun was recovered during the arrest, the sheriff said.",
        "Before the riot on Monday, a police source said the man was a gang member.",
        "Police released new details after his arrest on Monday.",
        "Troops were put on alert after the Pakistani attack on the border post.",
    ])
    texts = list(found)
    assert "COERCE" not in _types(found[texts[0]])
    assert "PROTEST" not in _types(found[texts[1]])
    assert "COERCE" in _types(found[texts[2]])
    assert "ASSAULT" in _types(found[texts[3]])


def test_events_scope_evaded_event_is_negated() -> None:
    found = _candidates(["The singer checked into a clinic on Thursday, dodging arrest.",
                         "The suspect evaded arrest for three weeks."])
    for text, events in found.items():
        coerce = [e for e in events if e.plover_type == "COERCE"]
        assert coerce and all(e.status == "negated" for e in coerce), (text, [(e.text, e.status) for e in events])


def test_events_scope_a_question_is_no_request() -> None:
    found = _candidates([
        '"So which is it?" the lawyer asked the witness.',
        "The prosecutor asked whether she had shielded her son.",
        "The president asked Congress for $5 billion in emergency aid.",
    ])
    texts = list(found)
    assert "REQUEST" not in _types(found[texts[0]]) and "REQUEST" not in _types(found[texts[1]])
    assert "REQUEST" in _types(found[texts[2]])


def test_events_scope_idioms_of_strike_and_shoot() -> None:
    found = _candidates([
        "Back in 1970, the reporter struck up a conversation with the official.",
        "The court struck down a rule that had weakened protection for wildlife.",
        "The actress shot to fame in 1999.",
        "The gunman shot him to death in the street.",
        "A sniper's bullet struck down the commander.",
    ])
    texts = list(found)
    for t in texts[:3]:
        assert "ASSAULT" not in _types(found[t]), t
    for t in texts[3:]:
        assert "ASSAULT" in _types(found[t]), t


def test_events_scope_generic_or_habitual_statement_is_no_event() -> None:
    found = _candidates([
        "Riot police in the capital usually use tear gas when crowds refuse to disperse.",
        "Mass shootings are rarely carried out by women, experts said.",
        "Militias tend to recruit teenagers from the camps.",
        "Riot police arrested forty protesters in the capital on Monday.",
    ])
    texts = list(found)
    for t in texts[:3]:
        assert not found[t], (t, [(e.plover_type, e.text) for e in found[t]])
    assert found[texts[3]]


def test_events_scope_no_misfires_on_real_events() -> None:
    # sentences from a review of the first versions: gunfire, attacks on vehicles, a specific
    # event beside a habitual clause, demands with "should", requests "for" something, an escape
    # from an event that happened, a back-reference with a participant, legal "struck down"
    found = _candidates([
        "Three Palestinians were killed by Israeli fire in Gaza.",
        "Militants attacked the train near Quetta.",
        "The president rarely travels abroad, but on Monday he visited China.",
        "He often said he feared for his life, before he was arrested by police on Monday.",
        "Residents asked the army for protection when the militants attacked the village.",
        "Thousands of residents escaped the shelling of Mariupol.",
        "Thousands marched amid the anti-government protests in Tehran.",
    ])
    want = ["ASSAULT", "ASSAULT", "CONSULT", "COERCE", "REQUEST", "ASSAULT", "PROTEST"]
    for (text, events), t in zip(found.items(), want, strict=True):
        assert t in _types(events), (text, [(e.plover_type, e.text) for e in events])
    escaped = [e for e in found["Thousands of residents escaped the shelling of Mariupol."] if e.plover_type == "ASSAULT"]
    assert all(e.status == "happened" for e in escaped)


def test_events_scope_a_demand_with_should_stays_said() -> None:
    found = _candidates(["Macron said Russia should withdraw its troops from Ukraine.",
                         "A federal judge struck down the president's tariffs on steel."])
    texts = list(found)
    requests = [e for e in found[texts[0]] if e.plover_type == "REQUEST"]
    assert requests and all(e.status == "happened" for e in requests)
    assert "ASSAULT" not in _types(found[texts[1]])
