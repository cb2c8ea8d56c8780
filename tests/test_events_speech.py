"""Reported criticism (analyze/events_speech.py): speech whose content is negative about a state
or political actor is an ACCUSE (CAMEO 111) candidate of the speaker; the event-ness model
decides."""

from __future__ import annotations

import socket

import pytest

from eventwire.analyze import events_speech
from eventwire.analyze.events import candidate_events, code_texts
from tests.coder import analysed

QUOTED = '"The ministry has failed our teachers and betrayed our children," said the head of the Kenya National Union of Teachers.'
NEUTRAL = '"The talks with the ministry were constructive and useful," said the head of the Kenya National Union of Teachers.'
CRIME = '"He was a cruel and violent man who frightened everyone," the victim\'s sister said.'


def _speech(text: str) -> list:
    return [(e, f) for e, f in candidate_events(analysed(text)) if "reported-criticism" in e.attrs["notes"]]


def test_events_speech_quoted_criticism_gives_accuse_of_the_speaker() -> None:
    (events,) = code_texts([QUOTED])
    acc = [e for e in events if e.plover_type == "ACCUSE"]
    assert acc, [(e.plover_type, e.text) for e in events]
    assert acc[0].cameo == "111"
    assert acc[0].text == "said"
    assert "head" in acc[0].attrs["source_text"]
    assert acc[0].source_country == "KEN"


def test_events_speech_candidate_features_and_target() -> None:
    ((ev, feats),) = _speech(QUOTED)
    assert ev.attrs["target_text"] == "The ministry"
    assert feats["speech_quote"] == 1.0
    assert feats["speech_neg"] >= events_speech.NEGATIVE
    assert feats["speech_target"] == 1.0
    # the candidate's features have names of their own: no weight shared with the lexicon's
    assert all(k.startswith(("speech", "domain", "caption")) for k in feats)


def test_events_speech_neutral_quote_gives_none() -> None:
    assert _speech(NEUTRAL) == []
    (events,) = code_texts([NEUTRAL])
    assert not [e for e in events if e.plover_type == "ACCUSE"]


def test_events_speech_negative_quote_about_no_state_actor_gives_none() -> None:
    assert _speech(CRIME) == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (QUOTED, "happened"),
        ('"The ministry has failed our teachers and betrayed our children," the head of the Kenya National Union of '
         'Teachers will say on Monday.', "planned"),
        ('If asked, the head of the Kenya National Union of Teachers would say "the ministry has failed our teachers '
         'and betrayed our children."', "hypothetical"),
    ],
)
def test_events_speech_status_of_the_saying(text: str, status: str) -> None:
    """The saying's own factuality: a future or conditional saying is no happened criticism."""
    cands = _speech(text)
    assert cands, text
    assert cands[0][0].status == status


def test_events_speech_characterising_verb() -> None:
    (cand,) = _speech("Opposition leaders described the government's budget as a cruel attack on the poor.")
    ev, feats = cand
    assert ev.text == "described" and ev.cameo == "111"
    assert ev.attrs["target_text"] == "the government"
    assert feats["speech_verb=characterize"] == 1.0


def test_events_speech_characterising_verb_without_a_predicate_gives_none() -> None:
    # "called for", "called a meeting": no characterisation of anything (events_speech, no predicate)
    assert _speech("Opposition leaders called for a cruel and violent crackdown on the government to end.") == []
    assert _speech("Opposition leaders called the government's cruel and corrupt budget.") == []  # object only


def test_events_speech_vader_loads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*_a: object, **_k: object) -> None:
        raise AssertionError("VADER tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    events_speech._analyzer.cache_clear()
    assert events_speech.content_sentiment("a shameful and disastrous failure") < -0.5
    assert events_speech.content_sentiment("the talks were held on Tuesday") == 0.0
