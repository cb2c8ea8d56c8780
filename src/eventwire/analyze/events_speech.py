"""Reported criticism: candidate ACCUSE (CAMEO 111, criticize or denounce) events from speech
whose content is negative, with no accusation verb of their own.

News reports criticism mostly as speech: '"These people are losing their rights," said the
union's head', 'Critics say the poll is a sham', 'Other union leaders have called the cuts
"savage attacks on workers' rights"'. The trigger lexicon has no word for these (the content
words are the whole range of English), so this module proposes a candidate wherever

1. a reporting verb (``reporting`` in ``resources/events/word_lists.tsv``) or a verb that
   characterises something in someone's words (``characterize``: "call X Y", "describe X as
   Y"; VerbNet 29.2/29.3) has
2. a speaker: its subject (through a participle or relative clause: "..., saying", "who
   said") that is not a date or number, and
3. a content (its clausal complement, or the object and predicate of a characterising verb)
   whose sentiment, by VADER (Hutto & Gilbert 2014; the ``vaderSentiment`` package and its
   lexicon, MIT), is negative: compound score at most ``-NEGATIVE``.

The speaker is the source; the target is the actor the content is about (the content
clause's subject or the characterised object when it is an actor, else the first named
actor in the content), and it must be a state or political actor (the realnews protocol's
ACCUSE 111: criticism of a government, an administration or a policy; without that
condition the candidates' false events, mostly crime and accident quotes, cost as much by
cross-validation as they found). The event-ness model (:mod:`eventwire.analyze.events_filter`)
decides which candidates are events, from the usual features plus this module's: how
negative the content is, whether it is a direct quote, whether the content holds another
event of the coder (reported events are coded as themselves), and ``speech_target``, which
is 1 for every candidate (one without a state-actor target is dropped), so it acts as the
speech candidates' own intercept. The saying's status (happened, planned, hypothetical)
comes from the coder's clause rules (:func:`eventwire.analyze.events_core.clause_status`). VADER runs only on sentences with such a verb and speaker, so the cost stays small.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from eventwire.analyze import events_lexicon as lex
from eventwire.analyze.events_args import _core_text, _join, country_of_token, resolve_relative
from eventwire.analyze.events_core import clause_status
from eventwire.analyze.events_filter import _agent_nouns, argument_kind
from eventwire.analyze.events_graph import CodedEvent, TokenGraph, plover_of
from eventwire.analyze.events_triggers import _aux_info, _depth_score

__all__ = ["reported_criticism", "own_features", "content_sentiment", "NEGATIVE", "CAMEO"]

CAMEO = "111"
# The compound score at or under which content counts as negative, chosen by topic-grouped
# cross-validation (eval/train_events_learned.py: typed-event F1 on the realnews training
# sentences) among VADER's own cut-off for a negative text (0.05; Hutto & Gilbert 2014), 0.25
# (about one negative word) and 0.5 (README, Events).
NEGATIVE = 0.25

_CLAUSE_DEPS = ("ccomp", "parataxis", "xcomp")
_PREDICATE_DEPS = ("oprd", "xcomp", "ccomp", "acomp")
_NOT_SPEAKERS = frozenset({"none", "DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "num"})
_ACTOR_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP", "agent"})
_QUOTE_TAGS = frozenset({"``", "''"})
_QUOTE_TEXTS = frozenset({'"', "\u201c", "\u201d"})


@functools.lru_cache(maxsize=1)
def _analyzer() -> Any:
    """VADER's analyzer (its lexicon ships in the package; loaded once per process)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def content_sentiment(text: str) -> float:
    """VADER's compound sentiment of ``text``, in [-1, 1]."""
    return float(_analyzer().polarity_scores(text)["compound"])


def _speaker(g: TokenGraph, k: int) -> int | None:
    """The one who speaks: the verb's subject; a participle's or coordinated verb's takes its
    head's ("X sent three observers, saying ..."); a relative pronoun its noun ("who said")."""
    cur = k
    for _ in range(3):
        subj = g.kids(cur, "nsubj")
        if subj:
            return resolve_relative(g, subj[0])
        agent = [o for a in g.kids(cur, "agent") for o in g.kids(a, "pobj")]
        if agent:  # "the vote was called a sham by critics"
            return agent[0]
        h = g.head(cur)
        if h == cur or g.toks[cur].dep not in ("advcl", "conj", "xcomp"):
            return None
        cur = h
    return None


def _content(g: TokenGraph, k: int, characterize: bool) -> list[int]:
    """Heads of what is said: clausal complements; a characterising verb's object and
    predicate ("called [the cuts] [attacks]", "described [it] [as a sham]"); for a
    parenthetical "..., he said" that the parser hangs under the quote, the quote itself."""
    heads = g.kids(k, *_CLAUSE_DEPS)
    if characterize:
        preds = g.kids(k, *_PREDICATE_DEPS) + [p for p in g.kids(k, "prep") if g.toks[p].text.lower() == "as"]
        if not preds:
            return []  # "called for talks", "called a meeting": no characterisation
        return sorted(set(preds + g.kids(k, "dobj", "nsubjpass")))
    if not heads and g.toks[k].dep == "parataxis" and g.head(k) != k:
        return [g.head(k)]
    return heads


def _tokens_of(g: TokenGraph, heads: Sequence[int], k: int, avoid: set[int]) -> list[int]:
    """The content's tokens: the heads' subtrees; a head above the verb (the quote a
    parenthetical hangs from) without the verb's own subtree."""
    mine = set(g.subtree(k))
    out: set[int] = set()
    for h in heads:
        sub = g.subtree(h)
        out.update(t for t in sub if t not in avoid and (h in mine or t not in mine))
    return sorted(out)


def _is_direct_quote(g: TokenGraph, toks: Sequence[int], lo: int, hi: int) -> bool:
    """The content sits between quotation marks (or the sentence quotes around it)."""
    lo_c, hi_c = (toks[0], toks[-1]) if toks else (lo, lo)
    for t in range(max(lo, lo_c - 2), min(hi, hi_c + 3)):
        tk = g.toks[t]
        if tk.tag in _QUOTE_TAGS or tk.text in _QUOTE_TEXTS:
            return True
    return False


def _target(g: TokenGraph, heads: Sequence[int], content: Sequence[int], avoid: set[int]) -> int | None:
    """The actor the content is about: a content clause's subject or the characterised
    object when it is an actor, else the first actor named in the content."""
    inside = set(content)

    def actor(t: int | None) -> bool:
        return t is not None and t in inside and t not in avoid and argument_kind(g, t) in _ACTOR_KINDS

    for h in heads:
        for c in g.kids(h, "nsubj", "nsubjpass", "dobj"):
            r = resolve_relative(g, c)
            if actor(r):
                return r
    for t in content:
        # the head of a name ("the Bush administration": "administration"), not its parts
        if actor(t) and g.toks[t].dep not in ("compound", "flat") and not (
                g.toks[t].ent_type and g.toks[g.head(t)].ent_type == g.toks[t].ent_type and g.head(t) != t):
            return t
    return None


def reported_criticism(g: TokenGraph, lo: int, hi: int, date: str | None,
                       existing: Sequence[CodedEvent]) -> list[CodedEvent]:
    """Reported-criticism candidates of tokens [lo, hi) (none where the sentence already has
    an ACCUSE candidate, or where the verb is already a candidate's trigger or control)."""
    if any(e.plover_type == "ACCUSE" for e in existing):
        return []
    taken = {e.trigger for e in existing} | {e.control for e in existing if e.control is not None}
    ptype, mode = plover_of(CAMEO)
    if ptype is None:
        return []
    out: list[CodedEvent] = []
    for k in range(lo, hi):
        t = g.toks[k]
        if t.pos not in ("VERB", "AUX") or k in taken:
            continue
        lem = g.lemma(k)
        characterize = lem in lex.CHARACTERIZE
        if not characterize and lem not in lex.REPORTING:
            continue
        modal, neg, prog = _aux_info(g, k)
        if neg:
            continue  # "did not say", "never called it ..."
        spk = _speaker(g, k)
        if spk is None or not (lo <= spk < hi) or argument_kind(g, spk) in _NOT_SPEAKERS:
            continue
        heads = [h for h in _content(g, k, characterize) if lo <= h < hi]
        spk_toks = set(g.subtree(spk)) if g.head(spk) == k or spk > k else {spk}
        content = _tokens_of(g, heads, k, spk_toks | {k})
        if len(content) < 2 or spk in content:
            continue
        score = content_sentiment(_join(g, content))
        if score > -NEGATIVE:
            continue
        # the coder's own events in the content are coded as themselves ("police said a man
        # was shot"): how negative the rest is, is a feature of its own
        inner = {e.trigger for e in existing} & set(content)
        rest = [t for t in content if t not in inner]
        resid = content_sentiment(_join(g, rest)) if inner and rest else score
        tgt = _target(g, heads, content, spk_toks)
        if not _state_actor(g, tgt):
            continue  # criticism is of a government, an administration or a policy's makers
        ev = CodedEvent(trigger=k, cameo=CAMEO, plover_type=ptype, plover_mode=mode,
                        source_tok=spk, target_tok=tgt, source_country=country_of_token(g, spk, date),
                        target_country=country_of_token(g, tgt, date) if tgt is not None else None,
                        source_text=_core_text(g, spk), target_text=_core_text(g, tgt) if tgt is not None else None,
                        status="happened", score=_depth_score(g, k), notes=["reported-criticism"])
        # the saying's own factuality, by the coder's rules: "will say" is planned, "if asked,
        # they would say ..." hypothetical, "said" happened
        ev.modal = modal
        clause_status(g, ev, prog, lo, hi)
        ev.feats = {"speech_neg": round(-score, 4), "speech_quote": float(_is_direct_quote(g, content, lo, hi)),
                    "speech_inner_event": float(bool(inner)), "speech_resid": round(-resid, 4), "speech_target": float(tgt is not None),
                    f"speech_verb={'characterize' if characterize else 'reporting'}": 1.0}
        out.append(ev)
        taken.add(k)
    return out


def own_features(feats: dict[str, float]) -> dict[str, float]:
    """A reported-criticism candidate's event-ness features under their own names ("speech|..."),
    so that the many speech candidates do not shift the weights of the coder's other
    candidates (a model of their own inside the shared one); the sentence-domain feature
    stays shared."""
    return {k if k.startswith(("speech", "domain")) else f"speech|{k}": v for k, v in feats.items()}


def _state_actor(g: TokenGraph, k: int | None) -> bool:
    """Is the target a state or political actor: a named organisation, country or nationality,
    or a role noun of a government or political sector of the CAMEO actor codes (Phoenix agents
    dictionary: "the government", "police", "lawmakers", "the opposition")?"""
    if k is None:
        return False
    kind = argument_kind(g, k)
    if kind in ("ORG", "GPE", "NORP"):
        return True
    if kind != "agent":
        return False
    agents = _agent_nouns()
    return (agents.get(g.toks[k].text.lower()) or agents.get(g.lemma(k))) in lex.STATE_SECTORS
