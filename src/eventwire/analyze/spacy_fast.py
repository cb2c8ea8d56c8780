"""The same spaCy annotations for less CPU: faster drop-ins for three pieces of the shipped
pipeline whose cost is Python overhead, not model work.

1. The shared ``tok2vec`` is switched off when no enabled component listens to it (the
   NER-only pipeline: ``senter`` and ``ner`` embed the text themselves), so nothing
   computes vectors that nobody reads.
2. The rule lemmatizer keeps spaCy's rules but caches every result. spaCy caches a
   lemma by (word, POS, morphology) but returns before caching for a word in its base
   form (most nouns and verbs), so it recomputes those for every token; the result is a
   pure function of the same key, so caching it changes nothing. Its word index is held
   as sets, not lists (the rules test membership in it for every candidate form).
3. The attribute ruler (tag → POS/morphology map and a few word exceptions, 179 pattern
   groups) matches its patterns with plain dictionary look-ups instead of spaCy's general
   ``Matcher``, then sets the same attributes in the same group order. Only fixed-length
   patterns with equality, ``IN``, ``NOT_IN`` and ``REGEX`` predicates on ``TAG``,
   ``LOWER``, ``DEP`` and ``IS_SPACE`` are supported; for any other pattern the stock
   component is left in place.

``tests/test_spacy_fast.py`` checks token by token that each pipeline gives the same
annotations with and without these, and ``bench/throughput.py --modes components``
measures each component's CPU.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["speed_up", "FastAttributes", "cached_lemmatize"]

_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")


def speed_up(nlp: Any) -> Any:
    """Install the faster equivalents on a loaded pipeline (in place); returns ``nlp``."""
    _drop_unread_tok2vec(nlp)
    if "lemmatizer" in nlp.pipe_names:
        lem = nlp.get_pipe("lemmatizer")
        if getattr(lem, "mode", None) == "rule":
            _index_as_sets(lem)
            lem.lemmatize = cached_lemmatize(lem.rule_lemmatize)
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        fast = FastAttributes.build(ruler)
        if fast is not None:
            ruler.match = fast.match
            ruler.set_annotations = fast.set_annotations
    return nlp


def _drop_unread_tok2vec(nlp: Any) -> None:
    if "tok2vec" not in nlp.pipe_names:
        return
    listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", None)
    if listeners is not None and not set(listeners) & set(nlp.pipe_names):
        nlp.disable_pipe("tok2vec")


def _index_as_sets(lemmatizer: Any) -> None:
    """Hold the rule lemmatizer's word index (``lemma_index``: the known lemmas of each part
    of speech) as frozensets instead of lists. ``rule_lemmatize`` asks ``form in index`` for
    every candidate form a suffix rule makes: on a list of thousands of words that is a
    linear scan, and it was most of the lemmatizer's CPU; the answers are the same."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            table[key] = frozenset(words)


def cached_lemmatize(rule_lemmatize: Callable[[Any], list[str]]) -> Callable[[Any], list[str]]:
    """``rule_lemmatize`` with every result cached under spaCy's own cache key."""
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = rule_lemmatize(token)
        return hit

    return lemmatize


# one token's test: (column of the attribute in _ATTRS, kind, value): kind "eq" (value: str or bool), "in" or
# "not_in" (frozenset of str), "regex" (compiled pattern, searched)
_Test = tuple[int, str, Any]


def _compile_token(spec: dict[str, Any]) -> list[_Test] | None:
    tests: list[_Test] = []
    for attr, value in spec.items():
        if attr not in _ATTRS:
            return None
        if isinstance(value, (str, bool)):
            if (attr == "IS_SPACE") != isinstance(value, bool):
                return None
            tests.append((_ATTRS.index(attr), "eq", value))
        elif isinstance(value, dict) and len(value) == 1 and attr != "IS_SPACE":
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                tests.append((_ATTRS.index(attr), op.lower(), frozenset(arg)))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append((_ATTRS.index(attr), "regex", re.compile(arg)))
            else:
                return None
        else:
            return None
    return tests


def _passes(tests: list[_Test], tok: tuple[Any, ...]) -> bool:
    for col, kind, value in tests:
        v = tok[col]
        if kind == "eq":
            if v != value:
                return False
        elif kind == "in":
            if v not in value:
                return False
        elif kind == "not_in":
            if v in value:
                return False
        elif not value.search(v):
            return False
    return True


def _index_keys(tests: list[_Test]) -> list[tuple[int, Any]]:
    """The (column, value) pairs a token must show one of to pass ``tests``: those of its
    most selective equality or ``IN`` test (LOWER, then TAG, DEP, IS_SPACE); none when it
    has no such test."""
    for col in (1, 0, 2, 3):
        for c, kind, value in tests:
            if c == col and kind == "eq":
                return [(col, value)]
        for c, kind, value in tests:
            if c == col and kind == "in":
                return [(col, v) for v in sorted(value)]
    return []


_MAX_STARTS = 200_000


class FastAttributes:
    """The attribute ruler's matching and setting, for its supported pattern forms.

    A pattern is indexed by what its first token must equal (or be one of), so only the
    patterns that can match at a token are tried there; a pattern without such a test
    (two regular expressions here) is tried at every token."""

    def __init__(self, ruler: Any, groups: list[list[list[list[_Test]]]]) -> None:
        self._ruler = ruler
        self._strings: dict[int, str] = {0: ""}  # hash -> string, for this model's vocab
        # (column, value) -> patterns whose first token needs that value there
        self.index: dict[tuple[int, Any], list[tuple[int, list[list[_Test]]]]] = {}
        self.anywhere: list[tuple[int, list[list[_Test]]]] = []
        # token attributes -> what _start_at finds for them (a few thousand distinct tuples)
        self._starts: dict[tuple[Any, ...], tuple[tuple[int, ...], tuple[tuple[int, list[list[_Test]]], ...]]] = {}
        for g, patterns in enumerate(groups):
            for pat in patterns:
                keys = _index_keys(pat[0])
                for key in keys:
                    self.index.setdefault(key, []).append((g, pat))
                if not keys:
                    self.anywhere.append((g, pat))

    @classmethod
    def build(cls, ruler: Any) -> FastAttributes | None:
        """The fast matcher for ``ruler``, or None when a pattern is of another form."""
        groups: list[list[list[list[_Test]]]] = []
        for entry in ruler.patterns:  # in group order: entry i is group i
            pats = []
            for pattern in entry["patterns"]:
                if not pattern or not isinstance(pattern, list):
                    return None
                toks = [_compile_token(spec) if isinstance(spec, dict) else None for spec in pattern]
                if any(t is None for t in toks):
                    return None
                pats.append([t for t in toks if t is not None])
            groups.append(pats)
        if len(groups) != len(ruler.attrs):
            return None
        return cls(ruler, groups)

    def match(self, doc: Any) -> list[tuple[int, int, int]]:
        """(group, start, end) of every match, sorted as the stock ruler sorts them."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        strings = self._strings
        names = doc.vocab.strings
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        toks = []
        for tag, lower, dep, space in rows:  # the order of _ATTRS
            for h in (tag, lower, dep):
                if h not in strings:
                    strings[h] = names[h]
            toks.append((strings[tag], strings[lower], strings[dep], space == 1))
        n = len(toks)
        starts = self._starts
        found: set[tuple[int, int, int]] = set()
        for i, tok in enumerate(toks):
            hit = starts.get(tok)
            if hit is None:
                if len(starts) >= _MAX_STARTS:  # bounded over a run of any length
                    starts.clear()
                hit = starts[tok] = self._start_at(tok)
            single, longer = hit
            for g in single:
                found.add((g, i, i + 1))
            for g, pat in longer:
                end = i + len(pat)
                if end <= n and all(_passes(tests, toks[i + k]) for k, tests in enumerate(pat) if k):
                    found.add((g, i, end))
        return sorted(found)

    def _start_at(self, tok: tuple[Any, ...]) -> tuple[tuple[int, ...], tuple[tuple[int, list[list[_Test]]], ...]]:
        """For a token of these attributes: the groups of the one-token patterns it matches,
        and the longer patterns whose first token it matches (the rest is tested in place).
        Both depend on the token's attributes only, so they are computed once per distinct
        attribute tuple."""
        index = self.index
        single: list[int] = []
        longer: list[tuple[int, list[list[_Test]]]] = []
        for cands in (index.get((0, tok[0])), index.get((1, tok[1])), index.get((2, tok[2])),
                      index.get((3, tok[3])), self.anywhere):
            for g, pat in cands or ():
                if _passes(pat[0], tok):
                    if len(pat) == 1:
                        single.append(g)
                    else:
                        longer.append((g, pat))
        return tuple(single), tuple(longer)

    def set_annotations(self, doc: Any, matches: list[tuple[int, int, int]]) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        ruler = self._ruler
        for g, start, end in matches:
            index = ruler.indices[g]
            span_len = end - start
            if not -span_len <= index < span_len:
                raise ValueError(f"attribute ruler pattern group {g}: index {index} outside its match")
            set_token_attrs(doc[start + index % span_len], ruler.attrs[g])
