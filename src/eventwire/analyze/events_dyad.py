"""Who did it to whom: the last look at an event's source and target before they are stored.

Runs after the event-ness features are computed (so it changes no event-ness decision) and
before the article country (:mod:`eventwire.analyze.events_home`) is given to arguments
with no country of their own:

- an argument that cannot be an actor and names no country is dropped: an adjective that
  names no people or place ("the *fatal* shooting", "*aggravated* assault", "a *double*
  murder"), and an event noun ("*The shooting* happened ...", "*murder* charges") — an event
  does nothing to anyone; "the Israeli attack" keeps its country, which stands for the actor;
- a candidate whose doer is a natural hazard or an accident ("*The storm* killed 12 people",
  "*a quake* struck") is no event at all (:func:`natural_cause`): PLOVER codes what actors do;
  the hazards are a word list from a standard peril classification (``word_lists.tsv``,
  ``hazards``), with the road and rail vehicles that stand for a transport accident ("*a pickup
  truck* struck a cyclist"; the driver, an actor, is not in the list).

The categories these address were counted on the training sentences only
(``eval/events_dyad_diagnose.py``: the realnews train split and the extra ECB+ train sentences).
"""

from __future__ import annotations

import dataclasses

from eventwire.analyze.events_graph import CodedEvent, TokenGraph
from eventwire.analyze.events_lexicon import EVENT_NOUNS, HAZARDS, NOUNS

__all__ = ["drop_non_actors", "is_non_actor", "natural_cause"]

# entity labels that name people, groups, places or organisations: always possible actors
_ACTOR_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


def is_non_actor(g: TokenGraph, k: int) -> bool:
    """Can the argument headed by token ``k`` not be an actor (an adjective or an event)?"""
    t = g.toks[k]
    if t.ent_type in _ACTOR_LABELS or t.pos in ("PROPN", "PRON"):
        return False
    if t.pos == "ADJ" or (t.dep == "amod" and t.pos == "VERB"):
        return True
    lem = g.lemma(k).lower()
    return t.pos == "NOUN" and (lem in EVENT_NOUNS or lem in NOUNS)


def drop_non_actors(g: TokenGraph, ev: CodedEvent) -> CodedEvent:
    """A copy of ``ev`` without the arguments that cannot be actors (see :func:`is_non_actor`)
    and name no country."""
    changes: dict[str, object] = {}
    for side in ("source", "target"):
        k = getattr(ev, f"{side}_tok")
        # "the Israeli attack" stands for Israel: only an argument with no country is dropped
        if k is not None and getattr(ev, f"{side}_country") is None and is_non_actor(g, k):
            changes.update({f"{side}_tok": None, f"{side}_text": None, f"{side}_country": None})
    if not changes:
        return ev
    return dataclasses.replace(ev, notes=[*ev.notes, "non-actor argument dropped"], **changes)  # type: ignore[arg-type]


def natural_cause(g: TokenGraph, ev: CodedEvent) -> bool:
    """Is the event's doer a natural hazard or an accident (its source's head noun), a road or
    rail vehicle standing for a transport accident among them?"""
    k = ev.source_tok
    if k is None or g.toks[k].pos != "NOUN" or g.toks[k].ent_type in _ACTOR_LABELS:
        return False
    return g.lemma(k).lower() in HAZARDS or g.toks[k].text.lower() in HAZARDS
