"""A read-only view of one parsed article for fact extraction: tokens by offset, the
dependency tree, sentences, entities, timexes and the spans that count as the article's
own text (body and title; captions, repeats and bylines are not claims of the story).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.corpus.facts.resources import tsv_rows
from eventwire.model import Entity, Sentence, Token

__all__ = ["FactDoc", "word_class", "noun_class", "cue_kind"]


def _table(name: str, key: str, val: str) -> dict[str, str]:
    return {r[key]: r[val] for r in tsv_rows(name)}


@functools.lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    return _table("classes.tsv", "lemma", "class")


@functools.lru_cache(maxsize=1)
def _nouns() -> dict[str, str]:
    return _table("nouns.tsv", "lemma", "class")


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, str]:
    return _table("cues.tsv", "word", "kind")


def word_class(lemma: str) -> str | None:
    """The happening a word names ("killed" -> death), or None."""
    return _classes().get(lemma.lower())


def noun_class(lemma: str) -> str:
    """What a counted noun counts ("officers" -> people); else the lemma itself."""
    low = lemma.lower()
    return _nouns().get(low) or _nouns().get(low.rstrip("s")) or low


def cue_kind(word: str) -> str | None:
    return _cues().get(word.lower())


@dataclass
class FactDoc:
    doc_id: str
    text: str
    tokens: Sequence[Token]
    sentences: Sequence[Sentence]
    entities: Sequence[Entity]
    timexes: Sequence[Any]  # TimexSpan or stored Timex records (same fields)
    own_spans: Sequence[tuple[int, int, str]]  # (start, end, kind) of body/title blocks
    dct: str | None = None
    # timexes resolved against the article's date, or (undated article) its story's date:
    # used for the periods of figures and the years of relations, never as stated dates
    anchored: Sequence[Any] = ()
    anchor_date: str | None = None
    _starts: list[int] = field(default_factory=list)
    _children: dict[int, list[int]] = field(default_factory=dict)
    _sent_starts: list[int] = field(default_factory=list)
    memo: dict[tuple[str, int], Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]
        base = self.tokens[0].i if self.tokens else 0
        self._base = base
        for t in self.tokens:
            if t.head != t.i:
                self._children.setdefault(t.head - base, []).append(t.i - base)
        self._sent_starts = [s.start for s in self.sentences]
        if not self.anchored:
            self.anchored = self.timexes
            self.anchor_date = self.dct

    # --- tokens ----------------------------------------------------------------------
    def tok(self, k: int) -> Token:
        return self.tokens[k]

    def head(self, k: int) -> int:
        return self.tokens[k].head - self._base

    def children(self, k: int) -> list[int]:
        return self._children.get(k, [])

    def at(self, offset: int) -> int | None:
        """Index of the token covering (or starting right after) ``offset``."""
        k = bisect.bisect_right(self._starts, offset) - 1
        if k < 0:
            return 0 if self.tokens else None
        if self.tokens[k].end <= offset and k + 1 < len(self.tokens):
            return k + 1
        return k

    def span_tokens(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self._starts, start)
        if lo > 0 and self.tokens[lo - 1].end > start:
            lo -= 1
        out = []
        k = lo
        while k < len(self.tokens) and self.tokens[k].start < end:
            out.append(k)
            k += 1
        return out

    def span_head(self, start: int, end: int) -> int | None:
        """The token of [start, end) whose head lies outside it (the phrase's head)."""
        ks = self.span_tokens(start, end)
        if not ks:
            return None
        inside = set(ks)
        for k in ks:
            h = self.head(k)
            if h not in inside or h == k:
                return k
        return ks[-1]

    def ancestors(self, k: int, limit: int = 12) -> list[int]:
        out = []
        while limit > 0:
            h = self.head(k)
            if h == k or h < 0 or h >= len(self.tokens):
                break
            out.append(h)
            k = h
            limit -= 1
        return out

    def child(self, k: int, *deps: str) -> int | None:
        for c in self.children(k):
            if self.tokens[c].dep in deps:
                return c
        return None

    def subtree_span(self, k: int, skip: tuple[str, ...] = ()) -> tuple[int, int]:
        """Character span of k's subtree, without the branches of k whose dep is in ``skip``."""
        lo = hi = k
        stack = [c for c in self.children(k) if self.tokens[c].dep not in skip]
        while stack:
            x = stack.pop()
            lo, hi = min(lo, x), max(hi, x)
            stack.extend(self.children(x))
        return self.tokens[lo].start, self.tokens[hi].end

    # --- sentences and segments ---------------------------------------------------------
    def sentence(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._sent_starts, offset) - 1
        if k < 0 or not self.sentences:
            return 0, len(self.text)
        s = self.sentences[k]
        return s.start, s.end

    def own(self, start: int, end: int) -> str | None:
        """The kind of the own block ([start, end) inside body or title), else None."""
        for s, e, kind in self.own_spans:
            if s <= start and end <= e:
                return kind
        return None

    def entity_at(self, start: int, end: int, labels: tuple[str, ...]) -> Entity | None:
        for e in self.entities:
            if e.label in labels and e.start < end and start < e.end:
                return e
        return None

    def entities_in(self, start: int, end: int, labels: tuple[str, ...]) -> list[Entity]:
        return [e for e in self.entities if e.label in labels and start <= e.start and e.end <= end]

    def event_class(self, k: int, max_up: int = 6) -> str | None:
        """The happening that token k belongs to: the first word with a class on the way
        up the tree (the token itself included), else the first verb's lemma."""
        first_verb = None
        for x in [k, *self.ancestors(k, max_up)]:
            t = self.tokens[x]
            c = word_class(t.lemma) or word_class(t.text)
            if c is not None:
                return c
            if t.pos in ("VERB", "AUX") and x != k:
                # "the discussions would revolve around ...": the subject names the happening
                subj = self.child(x, "nsubj", "nsubjpass")
                if subj is not None:
                    c = word_class(self.tokens[subj].lemma)
                    if c is not None:
                        return c
            if first_verb is None and t.pos == "VERB" and t.lemma.lower() not in ("be", "have", "say", "tell", "report", "add"):
                first_verb = t.lemma.lower()
        return first_verb
