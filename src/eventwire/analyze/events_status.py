"""Factuality: whether an event happened, is planned, ongoing, negated, hypothetical or
cancelled, decided from the syntax around its trigger.

The coder (:func:`eventwire.analyze.events_core._status`) gives a first status from tense,
modals, control verbs and "if" clauses. :func:`refine_status` then applies the cues it does
not see, each a general construction of English rather than a word list fitted to sentences:

- **cancelled / postponed**: the event (noun or verb) is the object, or the passive subject,
  of a cancelling verb ("the visit was cancelled", "scrapped the march", "called off talks");
- **negated**: an event noun someone evaded ("dodging arrest", "escaped capture"); a negative
  determiner or subject on the event or its object ("no arrests
  were made", "no sanctions had been imposed", "neither ... troops have fired"), or the
  event is what someone denies: the clause or gerund of a verb of denial ("Iran denied that
  it had supplied drones", "Russia denied attacking civilians") or the clause of a claim
  that someone denies, rejects or dismisses ("rejected claims that its troops had shelled
  the village"). The denial is an event of its own for the coder; the denied event stays,
  marked negated, with the denier's word as the status (not a judgement of who is right);
- **ongoing**: an aspectual verb or phrase keeps it going ("protests continued", "talks are
  continuing", "remain in detention", "an investigation is under way", "entered its 20th
  day");
- **planned**: a coordinated verb without its own auxiliary shares its head's future
  ("will meet and hold talks");
- **hypothetical**: a modal of possibility or obligation on the event ("the EU can impose fines",
  "the government should impose sanctions"), a possibility modal governs a nominal event
  ("could face charges") or
  the event sits in a conditional clause that is not itself reported as fact. (The coder's
  first status already makes an event in a "whether"/"if" complement hypothetical: "it is
  unclear whether police arrested them", :func:`eventwire.analyze.events_core._status`.)

The cue words are data (``resources/events/status_cues.json``).
"""

from __future__ import annotations

import functools

from eventwire._resources import resource_json
from eventwire.analyze.events_core import CodedEvent, TokenGraph

__all__ = ["refine_status", "status_cues"]


@functools.lru_cache(maxsize=1)
def status_cues() -> dict[str, frozenset[str]]:
    data = resource_json("events", "status_cues.json", what="status cue lists")
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


def _governor(g: TokenGraph, k: int) -> tuple[int, str]:
    """The head a noun event hangs from (through "of"/"for" prepositions) and the relation."""
    dep = g.toks[k].dep
    h = g.head(k)
    if dep == "pobj" and h != k:
        p = h
        h2 = g.head(p)
        if h2 != p:
            return h2, "pobj:" + g.toks[p].text.lower()
    return h, dep


def _cancelled(g: TokenGraph, k: int, cues: dict[str, frozenset[str]]) -> bool:
    t = g.toks[k]
    if t.pos == "VERB":
        # "X cancelled plans to visit", "postponed talks" (a verbal event under a cancelling verb)
        h = g.head(k)
        return h != k and t.dep in ("xcomp", "ccomp") and g.lemma(h) in cues["cancel"]
    h, rel = _governor(g, k)
    if h == k:
        return False
    if g.lemma(h) in cues["cancel"] and rel in ("dobj", "nsubjpass", "pobj:of"):
        return True
    # "called off the talks", "the visit was put off"
    return rel in ("dobj", "nsubjpass") and any(
        (g.lemma(h), g.toks[c].text.lower()) in {("call", "off"), ("put", "off")}
        for c in g.kids(h, "prt")
    )


def _negated(g: TokenGraph, k: int, cues: dict[str, frozenset[str]]) -> bool:
    t = g.toks[k]
    own = [c for c in g.children[k] if g.toks[c].dep == "det"]
    if t.pos == "NOUN" and any(g.toks[c].text.lower() in cues["negative_det"] for c in own):
        return True  # "no arrests were made"
    if t.pos == "VERB":
        for c in g.kids(k, "nsubj", "nsubjpass", "dobj"):
            sub = g.subtree(c)
            if any(g.toks[x].text.lower() in cues["negative_det"] and g.toks[x].dep in ("det", "preconj", "cc")
                   for x in sub[:6]):
                return True  # "no sanctions had been imposed", "neither Thai nor Cambodian troops fired"
    return False


def _denied(g: TokenGraph, k: int, cues: dict[str, frozenset[str]]) -> bool:
    t = g.toks[k]
    if t.pos != "VERB":
        return False
    while t.dep == "conj" and g.head(k) != k:  # "denied that it shelled ... and killed ...": the first verb's place
        k = g.head(k)
        t = g.toks[k]
    h = g.head(k)
    if h == k or h > k:  # a clause before the verb ("..., a charge Kigali denies") is not what it denies
        return False
    if t.dep in ("ccomp", "xcomp") and g.lemma(h) in cues["deny"]:
        return not g.kids(h, "neg")  # "did not deny that ..." affirms nothing either way
    # "rejected reports that its troops had shelled ...": a finite clause stating the claim (a
    # participle on the noun, "reports accusing it of ...", describes the reports, not their content)
    if (t.dep in ("acl", "ccomp") and g.toks[h].pos == "NOUN" and g.lemma(h) in cues["claim_noun"]
            and (g.kids(k, "nsubj", "nsubjpass") or any(g.toks[c].text.lower() == "that" for c in g.kids(k, "mark")))):
        v = g.head(h)
        return (v != h and g.toks[h].dep == "dobj" and g.lemma(v) in cues["reject_claim"]
                and not g.kids(v, "neg"))
    return False


def _evaded(g: TokenGraph, k: int, cues: dict[str, frozenset[str]]) -> bool:
    """A bare event noun that someone evaded did not happen ("dodging arrest", "escaped
    capture"); a definite one or one with a participant did ("escaped the shelling of the city")."""
    if g.toks[k].pos != "NOUN" or g.children[k]:
        return False
    h, rel = _governor(g, k)
    return h != k and rel == "dobj" and g.lemma(h) in cues["evade"] and not g.kids(h, "neg")


def _ongoing(g: TokenGraph, k: int, cues: dict[str, frozenset[str]]) -> bool:
    t = g.toks[k]
    h, rel = _governor(g, k)
    if t.pos == "NOUN" and h != k:
        hl = g.lemma(h)
        if rel in ("nsubj",) and hl in cues["continue"]:
            return True  # "protests continued", "talks are continuing", "the strike entered its 20th day"
        if rel.startswith("pobj:") and hl in cues["continue"]:
            return True  # "remain in detention", "continue to hold ... under house arrest"
        if rel == "nsubj":
            for c in g.children[h]:
                words = " ".join(g.toks[x].text.lower() for x in g.subtree(c))
                if words in cues["underway"]:
                    return True  # "an investigation is under way"
    if t.pos == "VERB":
        hv = g.head(k)
        if hv != k and t.dep == "xcomp" and g.lemma(hv) in cues["continue"]:
            return True  # "continued to protest"
    return False


def _hypothetical(g: TokenGraph, k: int, cues: dict[str, frozenset[str]]) -> bool:
    t = g.toks[k]
    if t.pos != "NOUN":
        return False
    h, rel = _governor(g, k)
    if h == k or rel not in ("dobj", "pobj:with"):
        return False
    return any(g.toks[c].text.lower() in cues["possibility"] for c in g.kids(h, "aux"))


def _shared_future(g: TokenGraph, k: int, cues: dict[str, frozenset[str]]) -> bool:
    """A coordinated verb with no auxiliary of its own shares its head's: "Xi will meet and
    hold talks" -> "hold" is as planned as "meet"."""
    t = g.toks[k]
    if t.pos != "VERB" or t.dep != "conj" or g.kids(k, "aux", "auxpass"):
        return False
    h = g.head(k)
    return h != k and any(g.toks[c].text.lower() in cues["future"] for c in g.kids(h, "aux"))


def refine_status(g: TokenGraph, ev: CodedEvent) -> CodedEvent:
    """Apply the factuality cues above to a coded event (in place; returned for chaining)."""
    cues = status_cues()
    k = ev.trigger
    if _cancelled(g, k, cues):
        ev.status = "cancelled"
    elif _negated(g, k, cues) or _denied(g, k, cues) or _evaded(g, k, cues):
        ev.status = "negated"
    elif ev.status in ("happened", "planned") and _ongoing(g, k, cues):
        ev.status = "ongoing"
    elif ev.status == "happened" and (_hypothetical(g, k, cues) or (
            ev.modal in cues["possibility"] | cues["obligation"] and ev.plover_type != "REQUEST")):
        # (a demand is the event: "Macron said Russia should withdraw" was said)
        # "the EU can impose fines", "the government should impose sanctions": not (yet) done
        ev.status = "hypothetical"
    elif ev.status == "happened" and _shared_future(g, k, cues):
        ev.status = "planned"
    return ev
