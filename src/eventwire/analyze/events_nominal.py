"""Arguments of an event noun (part of the dependency-pattern coder,
:mod:`eventwire.analyze.events_args`): who did it and to whom, from the noun phrase itself, in
the manner of NomBank's argument structure for nominalised verbs.

- ``by`` names the agent ("the arrest of X *by police*", "a visit *by Xi*");
- ``of`` names the agent of an agent noun ("the visit *of the prime minister*"), the patient of a
  patient noun ("the arrest *of X*", "the murder *of X*": X is the target) and no actor of a theme
  noun ("the threat *of violence*");
- a possessor is the agent ("*Japan's* visit", "*the FBI's* investigation"), except on a noun of
  what is done to a person with no other argument ("*his* arrest": he is arrested);
- ``to``, ``with``, ``against``, ``on``, ``upon``, ``into``, ``toward(s)`` name the target ("the
  attack *on* X", "talks *with* Y", "an investigation *into* X");
- ``between X and Y`` names both sides of a joint action ("talks between X and Y"), and so do two
  nationality words that both modify the noun; spaCy usually hangs the first of
  "Israeli-Palestinian talks" on the second, and then only the source is found (a known gap);
- a nationality adjective or a name compound on the noun is its agent ("the *Japanese* visit",
  "the *U.S.* raid"; a name compound is the patient of a patient noun: "the *Kennedy*
  assassination"), a role noun compound likewise ("the *police* raid");
- an adjective that names no people or place ("*planned*", "*official*", "*first*") is never an
  argument;
- outside the phrase only a support verb ("*held* talks", "*launched* an attack", the light verbs of
  ``word_lists.tsv``) gives its subject as the agent, and so does the clause a joint action frames
  ("*at the summit*, X told Y"): "X condemned the attack" says nothing of who attacked.

The noun classes are the ``noun_roles`` and ``symmetric_nouns`` lists of
``resources/events/word_lists.tsv`` (by each noun's verb's PropBank ARG0/ARG1, not from any scored
sentence).
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.analyze import events_lexicon as lex
from eventwire.analyze.events_graph import TokenGraph

__all__ = ["NominalArguments", "is_gentilic", "nominal_arguments", "noun_role", "support_verb"]

# prepositions (data: word_lists.tsv): an event noun's target ("a visit *to* Seoul"); a support
# verb's ("went *on* strike"); a gathering framing a clause, whose subject takes part ("*at* the
# summit, X told Y")
TARGET_PREPS = lex.NOUN_TARGET_PREPS
_SUPPORT_PREPS = lex.SUPPORT_PREPS
_FRAME_PREPS = lex.FRAME_PREPS
# entity labels of names that can be actors
_NAME_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})


@dataclass(frozen=True)
class NominalArguments:
    """Token indices of an event noun's agent (the event's source) and patient or target (its
    target) found in its own phrase (None where the phrase names none), and the support verb
    whose subject is the agent when the phrase names none."""

    source: int | None
    target: int | None
    support: int | None


def noun_role(lemma: str) -> str:
    """The role an event noun's "of" phrase fills: "agent", "patient" or "theme" (no actor);
    "theme" for a noun not in the list (an unknown "of" phrase names no actor)."""
    return lex.NOUN_ROLES.get(lemma, "theme")


def is_gentilic(g: TokenGraph, k: int) -> bool:
    """Does the modifier ``k`` name a people or a country ("Japanese", "U.S.", "Chinese")?"""
    from eventwire.analyze.events_actors import is_country_alias

    t = g.toks[k]
    if t.ent_type in ("NORP", "GPE"):
        return True
    return t.pos in ("ADJ", "PROPN") and t.text[:1].isupper() and is_country_alias(t.text)


def _is_name(g: TokenGraph, k: int) -> bool:
    t = g.toks[k]
    return t.pos == "PROPN" or t.ent_type in _NAME_LABELS


def _is_role_noun(g: TokenGraph, k: int) -> bool:
    from eventwire.analyze.events_filter import argument_kind  # events_filter imports the coder

    return g.toks[k].pos == "NOUN" and argument_kind(g, k) == "agent"


def support_verb(g: TokenGraph, k: int) -> int | None:
    """The light verb whose object the event noun ``k`` is ("*held* talks", "*launched* an
    attack", "*went* on strike"), or the verb of the clause a gathering frames ("*at* the summit,
    X *told* Y", "*in* a meeting, X *stressed* ..."; joint-action nouns only), else None."""
    t = g.toks[k]
    h = g.head(k)
    if h == k:
        return None
    if t.dep in ("dobj", "nsubjpass") and g.lemma(h) in lex.LIGHT_VERBS and g.toks[h].pos in ("VERB", "AUX"):
        return h
    if t.dep == "pobj" and g.toks[h].dep == "prep":
        p = g.toks[h].text.lower()
        v = g.head(h)
        if v == h or g.toks[v].pos not in ("VERB", "AUX"):
            return None
        if p in _SUPPORT_PREPS and g.lemma(v) in lex.LIGHT_VERBS:
            return v
        if p in _FRAME_PREPS and g.lemma(k) in lex.SYMMETRIC_NOUNS:
            return v
    return None


def nominal_arguments(g: TokenGraph, k: int) -> NominalArguments:
    """The arguments of the event noun ``k`` (see the module docstring)."""
    lem = g.lemma(k)
    role = noun_role(lem)
    symmetric = lem in lex.SYMMETRIC_NOUNS
    by = of = poss = between_a = between_b = None
    targets: list[int] = []
    gentilics: list[int] = []
    names: list[int] = []
    roles: list[int] = []
    for c in g.children[k]:
        t = g.toks[c]
        if t.dep in ("prep", "agent"):
            p = t.text.lower()
            objs = g.kids(c, "pobj")
            if not objs:
                continue
            o = objs[0]
            if p == "by":
                by = o if by is None else by
            elif p == "of":
                of = o if of is None else of
            elif p == "between" and symmetric:
                conj = g.kids(o, "conj")
                if conj:
                    between_a, between_b = o, conj[0]
            elif p in TARGET_PREPS:
                targets.append(o)
        elif t.dep == "poss":
            poss = c
        elif t.dep in ("amod", "compound", "nmod") and c < k:
            if is_gentilic(g, c):
                gentilics.append(c)
            elif t.dep != "amod" and _is_name(g, c):
                names.append(c)
            elif t.dep != "amod" and _is_role_noun(g, c):
                roles.append(c)
    if by is None and of is not None:  # "the arrest of X by police": spaCy often hangs "by" on X
        for c in g.kids(of, "prep"):
            objs = g.kids(c, "pobj")
            if g.toks[c].text.lower() == "by" and objs:
                by = objs[0]
    if between_a is not None:
        return NominalArguments(between_a, between_b, None)
    agent: int | None = by
    patient: int | None = None
    if role == "patient":
        patient = of
        if poss is not None:
            if patient is None and by is None and lem not in lex.POSSESSOR_AGENT_NOUNS:
                patient = poss  # "his arrest" ("the FBI's investigation": the FBI acts)
            elif agent is None:
                agent = poss  # "Israel's bombing of Gaza"
        people = [x for x in names if g.toks[x].ent_type == "PERSON"]
        if patient is None and people:
            patient = people[0]  # "the Kennedy assassination" (an organisation acts: "the FBI investigation")
            names = [x for x in names if x != patient]
    else:
        if agent is None and poss is not None:
            agent = poss
        if agent is None and role == "agent":
            agent = of
    modifiers = gentilics + names + (roles if role != "patient" else [])
    if agent is None and modifiers:
        agent = modifiers[0]
        modifiers = modifiers[1:]
    target = patient if patient is not None else (targets[0] if targets else None)
    if target is None and symmetric and len(gentilics) > 1 and agent in gentilics:
        target = next(x for x in gentilics if x != agent)  # "Israeli-Palestinian talks"
    support = support_verb(g, k) if agent is None else None
    return NominalArguments(agent, target, support)
