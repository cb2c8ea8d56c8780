"""Pronoun antecedents of event arguments: "they", "its forces" take their antecedent's country.

An event's source or target that is a personal, possessive or reflexive pronoun ("*they*
attacked", "*its* investigation", "beat *him*") names no country of its own. Unless the actors
stage linked it to a person with a country, such a side takes the country of its antecedent,
before the coder's guess from the other names of its sentence and before the article's country
(:mod:`eventwire.analyze.events_home`); a common noun with no country whose possessor is such a
pronoun ("*its forces*", "*their leader*") takes the possessor's. The antecedent is found by a
rule-based search in the spirit of Hobbs (1978):

- **where**: first the pronoun's own sentence, left of the pronoun, walking up its dependency
  path and searching the branches left of the path breadth-first, left to right (so a governing
  clause's subject comes before a nearer object: "The envoy told the minister that *he* ..."
  is the envoy); then the previous sentences of the article (at most ``WINDOW``; no title,
  dateline or byline), each breadth-first from its root (subjects first);
- **what agrees** (the pronoun classes are a word list, ``word_lists.tsv``, ``anaphors``): "he",
  "she", "his", "her" a person (a PERSON name, a person of the actors stage, a singular role
  noun, or a pronoun of the same gender); "it", "its" one organisation, country or thing (a
  singular common noun that is no role noun is a thing: "*the bullet* ... it" — a thing has no
  country); "they", "their" several (a plural noun, coordinated names, a group or an
  organisation); a reflexive ("himself") is the subject of its own clause;
- **binding**: a pronoun that is no possessive does not take a co-argument of its own clause
  ("the officer beat *him*" is not the officer);
- **first person** ("I", "we", "our") in a sentence that quotes someone is the speaker: the
  subject of the sentence's reporting verb ("'*We* will not negotiate,' the minister said").

The first candidate that agrees is the antecedent, and its country is the side's: the actors
stage's country for its mention (coreference, roles, jurisdictions), else the coder's country of
its phrase, else — for a person, role or organisation — the one country its own sentence's
places name (as the events stage gives its own arguments); an antecedent with no country leaves
the side as it was (the article's country may still fill it). A pronoun antecedent is resolved in turn. Antecedent accuracy is measured on
the ECB+ train documents' participant coreference by ``eval/events_coref_eval.py``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence

from eventwire.analyze.events_args import country_of_token, resolve_relative
from eventwire.analyze.events_graph import TokenGraph
from eventwire.analyze.events_lexicon import ANAPHORS, REPORTING
from eventwire.model import ActorMention, AnalyzedDoc

__all__ = ["WINDOW", "AnaphorContext", "anaphor_country", "antecedent", "antecedent_country", "is_anaphor"]

WINDOW = 3  # previous sentences searched for an antecedent

# dependents that modify a noun rather than head a phrase: never an antecedent themselves
_MODIFIER_DEPS = frozenset({"compound", "amod", "flat", "det", "nummod", "npadvmod", "quantmod", "nmod", "case"})
# entity labels of things that are no actor and no antecedent ("on Sunday ... it")
_NOT_ACTOR_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_QUOTES = ('"', "\u201c", "\u201d")
_MAX_CHAIN = 4


def is_anaphor(g: TokenGraph, k: int | None) -> bool:
    """Is the argument token ``k`` a pronoun that takes its antecedent's actor?"""
    return k is not None and g.toks[k].text.lower() in ANAPHORS and g.toks[k].pos in ("PRON", "DET")


class AnaphorContext:
    """What the search needs of one analyzed document: its parse, the sentences (token ranges)
    it may look back over, the actors stage's mentions and actor types."""

    def __init__(self, doc: AnalyzedDoc, g: TokenGraph, units: Sequence[tuple[int, int]],
                 places: Sequence[tuple[int, str, str]] | None = None) -> None:
        self.doc = doc
        self.places = places
        self.g = g
        self.units = list(units)
        self.dct = doc.article.published
        self._mentions: dict[int, ActorMention] | None = None
        self._types: dict[str, str] = {a.id: a.type for a in doc.actors}

    def mention(self, k: int) -> ActorMention | None:
        """The longest actor mention over token ``k`` (the actors stage's)."""
        if self._mentions is None:
            self._mentions = {}
            toks = self.g.toks
            starts = [t.start for t in toks]
            import bisect

            for m in sorted(self.doc.actor_mentions, key=lambda m: m.end - m.start):
                i = max(0, bisect.bisect_right(starts, m.start) - 1)
                while i < len(toks) and toks[i].start < m.end:
                    if toks[i].end > m.start:
                        self._mentions[i] = m  # longer mentions, later, win
                    i += 1
        return self._mentions.get(k)

    def actor_type(self, m: ActorMention) -> str:
        return self._types.get(m.actor_id, "")


def _kind(ctx: AnaphorContext, j: int) -> tuple[str, bool] | None:
    """(class, plural) of a possible antecedent headed by token ``j``, or None when the token
    heads no phrase that could be one. Classes: person, agent (a role noun: a person or an
    organisation, "the boss", "the police"), org, country, group, thing, or "pron:" + a pronoun
    class."""
    g = ctx.g
    t = g.toks[j]
    if t.pos not in ("NOUN", "PROPN", "PRON") or t.dep in _MODIFIER_DEPS or t.ent_type in _NOT_ACTOR_LABELS:
        return None
    if t.pos == "PRON":
        cls = ANAPHORS.get(t.text.lower())
        return None if cls is None or cls == "speaker" else (f"pron:{cls}", cls == "plural")
    plural = t.tag in _PLURAL_TAGS or any(g.toks[c].dep == "conj" for c in g.children[j])
    m = ctx.mention(j)
    typ = ctx.actor_type(m) if m is not None else ""
    label = t.ent_type
    if typ == "person" or label == "PERSON":
        return "person", plural
    if label == "NORP" or (typ == "group" and t.pos == "PROPN"):
        return "group", True
    if t.pos == "PROPN" or label:
        if typ in ("country", "region"):
            return "country", plural
        return ("org", plural) if typ in ("organisation", "igo", "group") or label == "ORG" else ("thing", plural)
    from eventwire.analyze.events_filter import argument_kind

    if typ in ("country", "region"):
        return "thing", plural  # a place named by a common noun ("the West Bank town")
    # a common noun the actors stage coded (a role phrase) or a role noun: a person or a body
    if m is not None or argument_kind(g, j) == "agent":
        return ("group", True) if plural else ("agent", False)
    return "thing", plural


_PERSONAL = ("masculine", "feminine")


def _agrees(cls: str, kind: tuple[str, bool]) -> bool:
    what, plural = kind
    if what.startswith("pron:"):
        return what == f"pron:{cls}"
    if cls in _PERSONAL:
        return what in ("person", "agent") and not plural
    if cls == "thing":
        return what in ("org", "country", "thing", "agent") and not plural
    return plural or what in ("group", "org")  # "they"


def _clause(g: TokenGraph, k: int) -> int:
    """The nearest verb over ``k`` (itself if a verb): the clause its arguments share."""
    cur = k
    for _ in range(12):
        if g.toks[cur].pos in ("VERB", "AUX") and cur != k:
            return cur
        h = g.head(cur)
        if h == cur:
            return cur
        cur = h
    return cur


def _bfs(g: TokenGraph, starts: Sequence[int]) -> Iterator[int]:
    """Tokens of the subtrees at ``starts``, breadth-first, left to right."""
    queue = deque(sorted(starts))
    while queue:
        j = queue.popleft()
        yield j
        queue.extend(sorted(g.children[j]))


def _roots(g: TokenGraph, lo: int, hi: int) -> list[int]:
    return [j for j in range(lo, hi) if g.head(j) == j or not lo <= g.head(j) < hi]


def _same_sentence(g: TokenGraph, k: int, lo: int, hi: int) -> Iterator[int]:
    """Tokens left of ``k`` in its sentence, in Hobbs's order: up the path from ``k``, at each
    node the branches left of the path breadth-first; then other roots of the sentence."""
    cur = k
    for _ in range(hi - lo):
        h = g.head(cur)
        if h == cur or not lo <= h < hi:
            break
        yield from (j for j in _bfs(g, [c for c in g.children[h] if c < cur]) if j < k)
        cur = h
    yield from (j for j in _bfs(g, [r for r in _roots(g, lo, hi) if r < cur]) if j < k)


def _unit_of(ctx: AnaphorContext, k: int) -> int | None:
    return next((i for i, (lo, hi) in enumerate(ctx.units) if lo <= k < hi), None)


def _candidates(ctx: AnaphorContext, k: int) -> Iterator[int]:
    g = ctx.g
    u = _unit_of(ctx, k)
    if u is None:
        return
    lo, hi = ctx.units[u]
    bound = g.toks[k].dep not in ("poss",) and not g.toks[k].text.lower().endswith(("self", "selves"))
    own = _clause(g, k)
    for j in _same_sentence(g, k, lo, hi):
        if bound and g.toks[j].dep in ("nsubj", "nsubjpass", "dobj", "dative", "pobj") and _clause(g, j) == own:
            continue  # "Hiller fired at him": a co-argument is not the pronoun's antecedent
        yield j
    for plo, phi in reversed(ctx.units[max(0, u - WINDOW):u]):
        yield from _bfs(g, _roots(g, plo, phi))


def _country(ctx: AnaphorContext, j: int, kind: tuple[str, bool], depth: int) -> str | None:
    m = ctx.mention(j)
    if m is not None and m.country:
        return m.country
    if kind[0].startswith("pron:"):
        return anaphor_country(ctx, j, depth + 1)
    if kind[0] == "thing":
        return None
    c = country_of_token(ctx.g, j, ctx.dct)
    if c is None and ctx.places is not None:
        # an actor with no country of its own: the one country its sentence's places name
        # (as the events stage gives its own arguments: "Smith, in Lagos, ...")
        u = _unit_of(ctx, j)
        if u is not None:
            lo, hi = ctx.units[u]
            st, en = ctx.g.toks[lo].start, ctx.g.toks[hi - 1].end
            found = {pc for start, pc, _ in ctx.places if st <= start < en}
            c = found.pop() if len(found) == 1 else None
    return c


def _speaker(ctx: AnaphorContext, k: int) -> int | None:
    """A first-person pronoun in a sentence that quotes someone: the reporting verb's subject."""
    g = ctx.g
    u = _unit_of(ctx, k)
    if u is None:
        return None
    lo, hi = ctx.units[u]
    text = ctx.doc.article.text[g.toks[lo].start:g.toks[hi - 1].end]
    if not any(q in text for q in _QUOTES):
        return None
    for r in range(lo, hi):
        if g.toks[r].pos != "VERB" or g.lemma(r) not in REPORTING:
            continue
        for s in g.kids(r, "nsubj"):
            if s != k and _kind(ctx, s) is not None and ANAPHORS.get(g.toks[s].text.lower()) != "speaker":
                return s
    return None


def antecedent(ctx: AnaphorContext, k: int) -> int | None:
    """The token heading the antecedent of the pronoun at ``k`` (see the module doc), or None."""
    cls = ANAPHORS.get(ctx.g.toks[k].text.lower())
    if cls is None:
        return None
    if cls == "speaker":
        return _speaker(ctx, k)
    if ctx.g.toks[k].text.lower().endswith(("self", "selves")):
        # a reflexive is bound in its clause: "the boss hanged himself"
        subj = next(iter(ctx.g.kids(_clause(ctx.g, k), "nsubj", "nsubjpass")), None)
        if subj is not None:  # "the official who revealed himself": the official
            subj = resolve_relative(ctx.g, subj)
        return subj if subj is not None and subj < k else None
    for j in _candidates(ctx, k):
        kind = _kind(ctx, j)
        if kind is not None and _agrees(cls, kind):
            return j
    return None


def anaphor_country(ctx: AnaphorContext, k: int, depth: int = 0) -> str | None:
    """The country of the pronoun at token ``k``: its own mention's (the actors stage may have
    linked it), else its antecedent's (see the module doc); None when no antecedent agrees or
    the antecedent has no country."""
    m = ctx.mention(k)
    if m is not None and m.country:
        return m.country
    j = antecedent(ctx, k) if depth < _MAX_CHAIN else None
    kind = _kind(ctx, j) if j is not None else None
    return _country(ctx, j, kind, depth) if j is not None and kind is not None else None


def antecedent_country(ctx: AnaphorContext, k: int | None, own: str | None) -> str | None:
    """A side's country: when the side (token ``k``) is a pronoun, its antecedent's
    (:func:`anaphor_country`; the actors stage's own link first) if it has one, else ``own``
    (the coder's guess from the pronoun's sentence, or None); a common noun with no country
    (``own`` None) whose possessor is a pronoun ("*its forces*", "*their leader*") takes the
    possessor's antecedent's."""
    if k is None:
        return own
    g = ctx.g
    if is_anaphor(g, k):
        return anaphor_country(ctx, k) or own
    if own is not None:
        return own
    if g.toks[k].pos == "NOUN":
        poss = next((c for c in g.kids(k, "poss") if is_anaphor(g, c)), None)
        if poss is not None:
            return anaphor_country(ctx, poss)
    return None
