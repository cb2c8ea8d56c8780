"""Who did it to whom: the last look at an event's source and target before they are stored.

Runs after the event-ness features are computed (so it changes no event-ness decision) and
before the article country (:mod:`eventwire.analyze.events_home`) is given to arguments
with no country of their own:

- an argument that cannot be an actor and names no country is dropped: an adjective that
  names no people or place ("the *fatal* shooting", "*aggravated* assault", "a *double*
  murder"), and an event noun ("*The shooting* happened ...", "*murder* charges") — an event
  does nothing to anyone; "the Israeli attack" keeps its country, which stands for the actor;
- an instrument is no actor either: a weapon, munition or vehicle ("*a stray bullet* killed him",
  "*the blast* wounded ten"; ``word_lists.tsv``, ``instruments``) is dropped like an adjective;
- a self-dyad that the text does not support is undone (:func:`self_dyad`): when the source and
  the target come from one phrase (one token, or one inside the other) and name the same country,
  only the source keeps it, and so does a joint action that names no participant whose two sides
  both took the article's country;
- a candidate whose doer is a natural hazard or an accident ("*The storm* killed 12 people",
  "*a quake* struck") is no event at all (:func:`natural_cause`): PLOVER codes what actors do;
  the hazards are a word list from a standard peril classification (``word_lists.tsv``,
  ``hazards``), with the road and rail vehicles that stand for a transport accident ("*a pickup
  truck* struck a cyclist"; the driver, an actor, is not in the list);
- a road accident is no assault either (:func:`traffic_accident`; the realnews protocol's
  judgement call 9: non-intentional killings, drunk-driving hit-and-runs among them, are not
  ASSAULT; their legal consequences are coded): an ASSAULT by striking, hitting, killing or
  running over with no word of intent in its sentence (deliberately, rammed, attack, gun, bomb,
  ...), either by a vehicle as passive agent ("struck by a van") or, in a sentence about
  traffic (a driver, pedestrian, crash, DWI; a vehicle alone is not enough), done by a driver, a
  named person, a pronoun or no one named ("A drunk driver struck and killed a pedestrian").

The categories these address were counted on the training sentences only
(``eval/events_dyad_diagnose.py``: the realnews train split and the extra ECB+ train sentences).
"""

from __future__ import annotations

import dataclasses

from eventwire.analyze.events_graph import RECIPROCAL, CodedEvent, TokenGraph
from eventwire.analyze.events_lexicon import (
    ACCIDENT_VERBS,
    EVENT_NOUNS,
    HAZARDS,
    INSTRUMENTS,
    INTENT_CUES,
    NOUNS,
    RAMMING_SECURITY,
    RAMMING_TARGETS,
    TRAFFIC_CUES,
    TRAFFIC_DOERS,
    VEHICLES,
)

__all__ = ["drop_non_actors", "is_non_actor", "natural_cause", "self_dyad", "traffic_accident"]

# entity labels that name people, groups, places or organisations: always possible actors
_ACTOR_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


def is_non_actor(g: TokenGraph, k: int) -> bool:
    """Can the argument headed by token ``k`` not be an actor (an adjective, an event or an
    instrument)?"""
    t = g.toks[k]
    if t.ent_type in _ACTOR_LABELS or t.pos in ("PROPN", "PRON"):
        return False
    if t.pos == "ADJ" or (t.dep == "amod" and t.pos == "VERB"):
        return True
    lem = g.lemma(k).lower()
    return t.pos == "NOUN" and (lem in EVENT_NOUNS or lem in NOUNS or lem in INSTRUMENTS)


def self_dyad(g: TokenGraph, ev: CodedEvent, source_country: str | None, target_country: str | None,
              from_article: bool = False) -> tuple[str | None, str | None]:
    """(source, target) countries with a self-dyad the text does not support undone, keeping the
    country on the source only: source and target from one phrase (the same token, or one inside
    the other's phrase) with the same country; or a joint action (consult, agree, support,
    cooperate) that names no participant at all, whose two sides both took the article's country
    (``from_article``: "the discussions would revolve around ..." is no country talking to itself)."""
    if source_country is None or source_country != target_country:
        return source_country, target_country
    s, t = ev.source_tok, ev.target_tok
    if s is None and t is None and from_article and ev.plover_type in RECIPROCAL:
        return source_country, None
    if s is not None and t is not None and (s == t or s in _phrase(g, t, ev.trigger) or t in _phrase(g, s, ev.trigger)):
        return source_country, None
    return source_country, target_country


def _phrase(g: TokenGraph, k: int, trigger: int) -> set[int]:
    """The phrase headed by ``k`` without the clause holding the trigger ("the government, which
    condemned the photos": the relative clause is the event, not the phrase)."""
    out = set(g.subtree(k))
    for c in g.children[k]:
        if g.toks[c].dep in ("relcl", "acl", "advcl", "appos") and trigger in g.subtree(c):
            out -= set(g.subtree(c))
    return out


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
    rail vehicle standing for a transport accident among them? Without a source, a trigger
    the parser hung as a reduced relative on a noun while it has a direct object of its own
    ("Heavy rains killed 20 people" parsed as "rains [that were] killed 20 people") reads that
    noun as its doer: a passive reduced relative ("the man arrested by police") takes none."""
    k = ev.source_tok
    t = ev.trigger
    if k is None and g.toks[t].dep == "acl" and g.kids(t, "dobj") and g.head(t) != t:
        k = g.head(t)
    if k is None or g.toks[k].pos != "NOUN" or g.toks[k].ent_type in _ACTOR_LABELS:
        return False
    return g.lemma(k).lower() in HAZARDS or g.toks[k].text.lower() in HAZARDS


def traffic_accident(g: TokenGraph, ev: CodedEvent, lo: int, hi: int) -> bool:
    """Is the ASSAULT candidate ``ev`` of the sentence ``g.toks[lo:hi]`` a road accident (see the
    module docstring)?"""
    if ev.plover_type != "ASSAULT" or g.lemma(ev.trigger).lower() not in ACCIDENT_VERBS:
        return False
    words = {w for i in range(lo, hi) for w in (g.toks[i].lemma.lower(), g.toks[i].text.lower())}
    if words & INTENT_CUES or _driven_at(g, ev, lo, hi):
        return False
    # "struck by a car": the passive agent is a vehicle, whichever phrase the coder took as source
    for a in g.kids(ev.trigger, "agent"):
        if any(g.lemma(o).lower() in _VEHICLE_WORDS for o in g.kids(a, "pobj")):
            return True
    if not words & TRAFFIC_CUES:
        return False
    k = ev.source_tok
    if k is None:
        return True
    t = g.toks[k]
    return t.pos == "PRON" or t.ent_type == "PERSON" or g.lemma(k).lower() in TRAFFIC_DOERS


_VEHICLE_WORDS = VEHICLES | TRAFFIC_CUES


def _driven_at(g: TokenGraph, ev: CodedEvent, lo: int, hi: int) -> bool:
    """A vehicle used as a weapon: driven "into", "onto" or "through" people ("drove a van into
    pedestrians", "drove onto the pavement"; not "drove through a red light"), or security
    forces struck "with" a vehicle ("struck three soldiers with his car")."""
    for i in range(lo, hi):
        if g.toks[i].pos != "VERB" or g.lemma(i).lower() != "drive":
            continue
        for p in g.kids(i, "prep"):
            if g.toks[p].text.lower() in ("into", "onto", "through") \
                    and any(g.lemma(o).lower() in RAMMING_TARGETS for o in g.kids(p, "pobj")):
                return True
    k = ev.trigger
    if any(g.lemma(o).lower() in RAMMING_SECURITY for o in g.kids(k, "dobj")):
        return any(g.toks[p].text.lower() == "with" and any(g.lemma(o).lower() in _VEHICLE_WORDS for o in g.kids(p, "pobj"))
                   for p in g.kids(k, "prep"))
    return False
