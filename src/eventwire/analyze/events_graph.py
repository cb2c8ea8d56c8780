"""The event coder's data structures: the token graph it walks, the candidate event record, and
the CAMEO -> PLOVER table (``resources/events/cameo_to_plover.json``)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire._resources import resource_json
from eventwire.analyze.events_morph import lemma as morph_lemma
from eventwire.analyze.events_morph import lexicon_vocab
from eventwire.model import Token

__all__ = ["COOP", "MATERIAL_CONFLICT", "RECIPROCAL", "CodedEvent", "TokenGraph", "cameo_table", "plover_of"]


COOP = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}


RECIPROCAL = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE"}


MATERIAL_CONFLICT = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"}


@functools.lru_cache(maxsize=1)
def cameo_table() -> dict[str, tuple[str | None, str | None]]:
    """CAMEO code -> (PLOVER type, PLOVER mode), from the shipped CAMEO->PLOVER table."""
    data = resource_json("events", "cameo_to_plover.json", what="CAMEO to PLOVER table")
    return {k: (v[0], v[1]) for k, v in data.items()}


def plover_of(code: str | None) -> tuple[str | None, str | None]:
    if not code:
        return None, None
    t = cameo_table()
    c = code
    while c:
        if c in t:
            return t[c]
        c = c[:-1]
    return None, None


@dataclass
class CodedEvent:
    trigger: int  # token index of the trigger (content verb / event noun)
    cameo: str
    plover_type: str
    plover_mode: str | None
    control: int | None = None  # token index of a governing control verb
    source_tok: int | None = None
    target_tok: int | None = None
    source_country: str | None = None
    target_country: str | None = None
    source_text: str | None = None
    target_text: str | None = None
    status: str = "happened"
    negated: bool = False
    modal: str | None = None
    nominal: bool = False
    score: float = 0.0
    notes: list[str] = field(default_factory=list)
    date_hint: Any = None  # a DateInfo fixed by the rule that made it (events_anaphora: a partner's own date)
    repeats: Any = None  # the CodedEvent a "did the same" clause repeats (events_anaphora)
    feats: dict[str, float] = field(default_factory=dict)  # event-ness features of the rule that made it


class TokenGraph:
    """Children lists and helpers over a token sequence (indices are positions)."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.toks = tokens
        self.base = tokens[0].i if tokens else 0
        self.children: list[list[int]] = [[] for _ in tokens]
        # spaCy's lemma, or the lexicon-aware lemmatizer's where spaCy's is not a lexicon
        # word and that one's is ("raped" -> spaCy "rap", lexicon "rape")
        vocab = lexicon_vocab()
        self.lemmas: list[str] = []
        for t in tokens:
            lem = t.lemma.lower()
            if lem not in vocab and t.pos in ("VERB", "NOUN", "ADJ"):
                alt = morph_lemma(t.text, t.tag)
                if alt in vocab:
                    lem = alt
            self.lemmas.append(lem)
        for k, t in enumerate(tokens):
            h = t.head - self.base
            if h != k and 0 <= h < len(tokens):
                self.children[h].append(k)

    def head(self, k: int) -> int:
        h = self.toks[k].head - self.base
        return h if 0 <= h < len(self.toks) else k

    def subtree(self, k: int) -> list[int]:
        out = [k]
        stack = list(self.children[k])
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(self.children[c])
        out.sort()
        return out

    def root(self, k: int) -> int:
        """The root of k's sentence tree (its subtree is the sentence)."""
        for _ in range(len(self.toks)):
            h = self.head(k)
            if h == k:
                break
            k = h
        return k

    def kids(self, k: int, *deps: str) -> list[int]:
        return [c for c in self.children[k] if self.toks[c].dep in deps]

    def lemma(self, k: int) -> str:
        return self.lemmas[k]
