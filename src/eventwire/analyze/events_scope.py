"""What the realnews protocol leaves out of scope, read from the parse of a candidate:

* killing an animal (call 10: "killing an animal (the family dog)") and fighting a fire (call 8:
  firefighting is a routine public service): an ASSAULT whose target is an animal
  (``word_lists.tsv``, ``animals``), or a fire (``fire_targets``) that a verb of firefighting has
  as its object ("fought the blaze", "suppressed the fire"; list ``firefighting``), is no event;
* a bare back-reference (call 1: "A bare back-reference used only to date, place or explain
  something else is not coded: 'after the hearing', 'during the arrest'"): a definite event noun
  under a preposition of time (``time_preps``) with no participant of its own — no possessor, no
  "of", "by", "against" or "on" phrase naming more than a date, no name, nationality, noun or
  hyphenated modifier on it, no clause saying what happened, no place ("after his arrest",
  "before the Israeli attack", "amid the anti-government protests", "after the bombing that
  killed 20", "after the shooting in Dallas" stay, and so does "during a strike", which
  introduces an event).

* a generic or habitual statement (call 2): an adverb of habit (``habitual``: usually, often,
  rarely, typically, routinely, ...) on the event's verb, its control verb, the verb a nominal
  event is the subject or object of, or the main clause of its undated "when"/"if" clause; or
  "tend to". A coordinated clause is its own statement ("rarely travels abroad, but on Monday he
  visited China").

Pure functions of the token graph and the coded candidate, called by the events stage before
the event-ness model (``events.candidate_events``), so ``eventwire code`` reads them too.
"""

from __future__ import annotations

from eventwire.analyze.events_graph import CodedEvent, TokenGraph
from eventwire.analyze.events_lexicon import (
    ANIMALS,
    FIRE_TARGETS,
    FIREFIGHTING,
    HABITUAL,
    TIME_PREPS,
)

__all__ = ["out_of_scope"]

_PARTICIPANT_PREPS = frozenset({"of", "by", "against", "on", "between", "with"})
_NAME_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def out_of_scope(g: TokenGraph, ev: CodedEvent) -> bool:
    """Whether the candidate is out of the protocol's scope (see the module docstring)."""
    if ev.plover_type == "ASSAULT" and ev.target_tok is not None:
        t = g.lemma(ev.target_tok).lower()
        if t in ANIMALS or (t in FIRE_TARGETS and g.lemma(ev.trigger).lower() in FIREFIGHTING):
            return True
    if _habitual(g, ev):
        return True
    return ev.nominal and _bare_back_reference(g, ev.trigger)


def _habitual(g: TokenGraph, ev: CodedEvent) -> bool:
    """A generic or habitual statement: an adverb of habit on the event's verb or its control
    verb ("Riot police usually use tear gas", "Militias frequently recruit teenagers"), or the
    verb under "tend to"."""
    heads = [ev.trigger, ev.control]
    if ev.nominal and g.toks[ev.trigger].dep in ("nsubj", "nsubjpass", "dobj"):
        heads.append(g.head(ev.trigger))  # "Mass shootings are rarely carried out by women"
    cur = ev.trigger
    # the "when" clause of a habitual one ("usually use tear gas when crowds refuse to disperse");
    # never a coordinated or other clause ("rarely travels abroad, but on Monday he visited China")
    if g.toks[cur].dep == "advcl" and g.head(cur) != cur \
            and any(g.toks[m].text.lower() in ("when", "whenever", "if") for m in g.kids(cur, "mark", "advmod")) \
            and not any(g.toks[i].ent_type in ("DATE", "TIME") for i in g.subtree(cur)):
        heads.append(g.head(cur))
    for k in heads:
        if k is None:
            continue
        if any(g.toks[c].text.lower() in HABITUAL for c in g.kids(k, "advmod")):
            return True
        h = g.head(k)
        if h != k and g.toks[k].dep == "xcomp" and g.lemma(h).lower() == "tend":
            return True
    return False


def _bare_back_reference(g: TokenGraph, k: int) -> bool:
    tok = g.toks[k]
    if tok.dep != "pobj":
        return False
    prep = g.head(k)
    if prep == k or g.toks[prep].text.lower() not in TIME_PREPS:
        return False
    # a back-reference is definite ("during the arrest"); "during a strike" introduces one
    if not any(g.toks[c].dep == "det" and g.toks[c].text.lower() in _DEFINITE for c in g.children[k]):
        return False
    for c in g.children[k]:
        ct = g.toks[c]
        # a possessor, a clause saying what happened ("the bombing that killed 20"), a noun or a
        # hyphenated modifier naming a side ("the police raid", "the anti-government protests")
        if ct.dep in ("poss", "relcl", "acl") or (ct.dep == "compound" and ct.pos in ("NOUN", "PROPN")) \
                or (ct.dep == "amod" and "-" in ct.text):
            return False
        # "the attack on the camp" names a participant, "the riot on Monday" only a date
        if ct.dep == "prep" and ct.text.lower() in _PARTICIPANT_PREPS \
                and any(g.toks[o].ent_type not in ("DATE", "TIME") for o in g.kids(c, "pobj")):
            return False
        if ct.dep == "prep" and ct.text.lower() == "in" \
                and any(g.toks[o].ent_type in ("GPE", "LOC", "FAC") for o in g.kids(c, "pobj")):
            return False  # "the shooting in Dallas": placed, not only a back-reference
        if ct.dep in ("compound", "amod", "nmod") and ct.ent_type in _NAME_LABELS:
            return False
    return True
