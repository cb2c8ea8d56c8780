"""Shared helpers of the coder tests: sentences analysed by the pipeline up to ``places`` and
the event coder's candidates (before the event-ness model, so that it cannot change what a
test checks)."""

from __future__ import annotations

import functools

from eventwire.analyze.events import candidate_events
from eventwire.analyze.pipeline import Pipeline, default_pipeline
from eventwire.model import AnalyzedDoc, Article, Event, make_id


@functools.lru_cache(maxsize=1)
def _pipe() -> Pipeline:
    return default_pipeline(n_process=1).upto(["places"])


@functools.lru_cache(maxsize=32)
def analysed(text: str) -> AnalyzedDoc:
    """``text`` as one article, analysed up to the ``places`` stage."""
    art = Article(id=make_id("coder-test", text), text=text, source="test", fmt="text")
    (doc,) = _pipe()([art])
    return doc


def candidate(text: str, trigger: str) -> Event:
    """The coder's first candidate event of ``text`` whose trigger is ``trigger``."""
    evs = [e for e, _ in candidate_events(analysed(text)) if e.text == trigger]
    assert evs, (text, [e.text for e, _ in candidate_events(analysed(text))])
    return evs[0]
