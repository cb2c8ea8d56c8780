"""Document representation for story clustering: sparse lexical TF-IDF features, names
and dates.

A document becomes a sparse, L2-normalized vector over three feature families:

- ``w:`` lowercased content words (stop words dropped), sublinear term frequency;
- ``n:`` names: runs of capitalized words (and their single words), the cheap stand-in for
  entities and actors that needs no parser; callers that have resolved entities or actors
  pass them as extra ``names``;
- no date features: dates are kept aside (:attr:`DocVector.date`) and compared explicitly,
  so two stories about the same place a year apart stay apart.

IDF comes from :class:`DocFreq`, a running document-frequency table: the stored corpus so
far, optionally warmed with the whole batch first (the standalone command does this).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["DocFreq", "DocVector", "terms", "vectorize", "cosine", "mentioned_years"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_RUN_BREAK = re.compile(r'[\n.!?;:"(),]')
_SENTENCE_BREAK = re.compile(r"[\n.!?]")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "according", "also", "like"}
# Capitalized words that start sentences or are function words are not names.
_NOT_NAME = _STOP | {"mr", "mrs", "ms", "dr", "the", "a", "an", "but", "and", "in", "on", "at"}
NAME_WEIGHT = 1.0


def _norm(tok: str) -> str:
    t = tok.lower().replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    return t


def terms(text: str, names: Iterable[str] = ()) -> Counter[str]:
    """Raw feature counts of a text: content words and capitalized-name runs."""
    out: Counter[str] = Counter()
    run: list[str] = []
    prev_end = -1
    sentence_start = True

    def flush() -> None:
        if run:
            out["n:" + " ".join(run)] += 1
            if len(run) > 1:
                for w in run:
                    out["n:" + w] += 1
            run.clear()

    for m in _WORD.finditer(text):
        tok = m.group()
        if prev_end >= 0:
            gap = text[prev_end : m.start()]
            if _RUN_BREAK.search(gap):  # a line break or punctuation ends a name run
                flush()
                if _SENTENCE_BREAK.search(gap):
                    sentence_start = True
        prev_end = m.end()
        low = _norm(tok)
        if tok[0].isupper() and low not in _NOT_NAME and not (sentence_start and not run and low in _STOP):
            run.append(low)
        else:
            flush()
        sentence_start = False
        if low in _STOP or len(low) < 2:
            continue
        out["w:" + low] += 1
    flush()
    for n in names:
        key = " ".join(_norm(w) for w in n.split())
        if key:
            out["n:" + key] += 1
    return out


@dataclass
class DocFreq:
    """Running document frequencies (the IDF of the corpus seen so far)."""

    n_docs: int = 0
    df: Counter[str] = field(default_factory=Counter)

    def observe(self, features: Iterable[str]) -> None:
        self.n_docs += 1
        # one count per distinct feature, in first-seen order (a set's order would follow
        # the hash seed, and so would the pickled state)
        self.df.update(dict.fromkeys(features, 1))

    def idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0


@dataclass(frozen=True)
class DocVector:
    """A document's L2-normalized sparse vector, its strongest terms and its date."""

    weights: Mapping[str, float]
    top: tuple[str, ...]
    date: str | None = None  # ISO day, when known
    names: frozenset[str] = frozenset()  # the strongest single-word names
    all_names: frozenset[str] = frozenset()
    years: frozenset[str] = frozenset()  # years the text mentions
    name_norm: float = 0.0  # L2 norm of the names part of ``weights``

    def __reduce__(self) -> tuple[Any, ...]:
        # the sets pickled sorted: the stored clusterer state is then the same bytes
        # whatever the hash seed of the process that wrote it
        return (_docvector, (dict(self.weights), self.top, self.date, tuple(sorted(self.names)),
                             tuple(sorted(self.all_names)), tuple(sorted(self.years)), self.name_norm))


def _docvector(weights: dict[str, float], top: tuple[str, ...], date: str | None, names: tuple[str, ...],
               all_names: tuple[str, ...], years: tuple[str, ...], name_norm: float) -> DocVector:
    return DocVector(weights, top, date, frozenset(names), frozenset(all_names), frozenset(years), name_norm)


def vectorize(
    counts: Mapping[str, int],
    df: DocFreq,
    *,
    date: str | None = None,
    years: Iterable[str] = (),
    name_weight: float = NAME_WEIGHT,
    n_top: int = 12,
) -> DocVector:
    """TF-IDF weights (sublinear tf), names scaled by ``name_weight``, L2-normalized."""
    w: dict[str, float] = {}
    for t, c in counts.items():
        if df.df.get(t, 0) <= 1 and df.n_docs > 50 and t.startswith("w:") and c == 1:
            # a word seen once in a large corpus carries no story signal (typos, numbers)
            continue
        x = (1.0 + math.log(c)) * df.idf(t)
        if t.startswith("n:"):
            x *= name_weight
        w[t] = x
    norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
    weights = {t: x / norm for t, x in w.items()}
    order = sorted(weights, key=lambda t: (-weights[t], t))
    # retrieval keys: the strongest terms some other document also has (a term only this
    # document has cannot find anything)
    top = tuple([t for t in order if df.df.get(t, 0) > 1][:n_top])
    names = frozenset([t for t in order if t.startswith("n:") and " " not in t][:8])
    all_names = frozenset(t for t in weights if t.startswith("n:"))
    # fsum: exact whatever the iteration order of the set (which follows PYTHONHASHSEED)
    name_norm = math.sqrt(math.fsum(weights[t] ** 2 for t in all_names))
    return DocVector(weights, top, date, names, all_names, frozenset(years), name_norm)


def mentioned_years(text: str) -> set[str]:
    """Four-digit years (1950-2039) the text mentions."""
    return set(_YEAR.findall(text))


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())
