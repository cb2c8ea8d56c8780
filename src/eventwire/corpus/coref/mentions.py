"""Event mentions as comparable records, and the features of a mention pair.

A mention is a trigger span in a document. Its record holds the trigger's head lemma (the
first verb, else the last noun, of the span; spaCy's tagger and lemmatizer), its sentence's
content words (TF-IDF over the batch) and its arguments in the cheap form available
without a parse: the names, years and numbers of the sentence. Pair features compare
triggers (lemma, surface) and, separately, everything that must agree for two mentions
to be one real event: participants (names), time (years, dates) and context. Verbs that
match are never enough: the learned weights on the argument-conflict features push such
pairs apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.corpus.stories.features import DocFreq, DocVector, terms

__all__ = ["MentionRep", "PAIR_FEATURES", "pair_features", "sentence_bounds", "build_mentions", "conflict", "stem"]

_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_NUM = re.compile(r"\b\d[\d,.]*\b")

PAIR_FEATURES = (
    "same_lemma", "lemma_jaccard", "same_surface", "trigram_dice", "sent_cos", "names_jaccard",
    "names_conflict", "year_conflict", "numbers_shared", "same_doc", "same_sentence", "doc_cos",
    "both_verbs", "same_lemma_x_sent_cos", "same_lemma_x_doc_cos", "same_stem", "same_stem_x_sent_cos",
)
_SUFFIXES = ("ations", "ation", "itions", "ition", "ments", "ment", "ings", "ing", "ions", "ion", "ers", "er",
             "ed", "es", "s", "e")


def stem(lemma: str) -> str:
    """A crude derivational stem so that a verb and its nominalization meet (meet/meeting,
    elect/election, announce/announcement)."""
    for suf in _SUFFIXES:
        if suf in ("s", "es") and lemma.endswith("ss"):
            continue
        if lemma.endswith(suf) and len(lemma) - len(suf) >= 3:
            return lemma[: -len(suf)]
    return lemma


def conflict(a: MentionRep, b: MentionRep) -> bool:
    """Never one event: both sentences state years and none is shared."""
    return bool(a.years and b.years and not a.years & b.years)


@dataclass(frozen=True)
class MentionRep:
    doc: int  # index of the document in the batch
    start: int
    end: int
    surface: str
    lemma: str
    lemmas: frozenset[str]
    verb: bool
    sent: int  # sentence start offset (identifies the sentence within the document)
    context: dict[str, float]
    names: frozenset[str]
    years: frozenset[str]
    numbers: frozenset[str]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _trigrams(s: str) -> set[str]:
    s = f"  {s.lower()} "
    return {s[i : i + 3] for i in range(len(s) - 2)}


def _tokens_in(doc: object, start: int, end: int) -> list[object]:
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]  # type: ignore[attr-defined]


def build_mentions(
    texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], parsed: Sequence[object]
) -> list[list[MentionRep]]:
    """Mention records per document; ``parsed`` are spaCy Docs (tagger + lemmatizer) of the texts."""
    sent_counts: list[list[tuple[tuple[int, int], dict[str, int]]]] = []
    df = DocFreq()
    for text in texts:
        per = []
        for a, b in sentence_bounds(text):
            c = {t: n for t, n in terms(text[a:b]).items() if t.startswith("w:")}
            df.observe(c)
            per.append(((a, b), c))
        sent_counts.append(per)
    out: list[list[MentionRep]] = []
    for i, (text, doc) in enumerate(zip(texts, parsed, strict=True)):
        reps = []
        for s, e in spans[i]:
            sent = next((ab for ab, _ in sent_counts[i] if ab[0] <= s < ab[1]), (0, len(text)))
            counts = next((c for ab, c in sent_counts[i] if ab == sent), {})
            w = {t: (1.0 + math.log(n)) * df.idf(t) for t, n in counts.items()}
            nr = math.sqrt(sum(x * x for x in w.values())) or 1.0
            stext = text[sent[0] : sent[1]]
            names = frozenset(t[2:] for t in terms(stext) if t.startswith("n:") and " " not in t)
            toks = _tokens_in(doc, s, e)
            lemmas = [t.lemma_.lower() for t in toks if not t.is_punct]  # type: ignore[attr-defined]
            verbs = [t for t in toks if t.pos_ in ("VERB", "AUX")]  # type: ignore[attr-defined]
            nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN", "ADJ")]  # type: ignore[attr-defined]
            head = verbs[0] if verbs else (nouns[-1] if nouns else (toks[-1] if toks else None))
            lemma = head.lemma_.lower() if head is not None else text[s:e].lower()  # type: ignore[attr-defined]
            reps.append(MentionRep(
                i, s, e, text[s:e].lower(), lemma, frozenset(lemmas), bool(verbs), sent[0],
                {t: x / nr for t, x in w.items()}, names, frozenset(_YEAR.findall(stext)),
                frozenset(n for n in _NUM.findall(stext) if not _YEAR.fullmatch(n)),
            ))
        out.append(reps)
    return out


def pair_features(a: MentionRep, b: MentionRep, doc_cos: float) -> list[float]:
    same_lemma = float(a.lemma == b.lemma)
    lj = len(a.lemmas & b.lemmas) / len(a.lemmas | b.lemmas) if a.lemmas or b.lemmas else 0.0
    ta, tb = _trigrams(a.surface), _trigrams(b.surface)
    dice = 2 * len(ta & tb) / (len(ta) + len(tb))
    ca, cb = (a.context, b.context) if len(a.context) <= len(b.context) else (b.context, a.context)
    sc = sum(x * cb.get(t, 0.0) for t, x in ca.items())
    nu = a.names | b.names
    nj = len(a.names & b.names) / len(nu) if nu else 0.0
    nconf = float(bool(a.names and b.names and not a.names & b.names))
    yconf = float(bool(a.years and b.years and not a.years & b.years))
    nums = float(bool(a.numbers & b.numbers))
    same_doc = float(a.doc == b.doc)
    same_sent = float(a.doc == b.doc and a.sent == b.sent)
    same_stem = float(stem(a.lemma) == stem(b.lemma))
    return [same_lemma, lj, float(a.surface == b.surface), dice, sc, nj, nconf, yconf, nums, same_doc,
            same_sent, doc_cos, float(a.verb and b.verb), same_lemma * sc, same_lemma * doc_cos, same_stem,
            same_stem * sc]


def doc_cosine(a: DocVector, b: DocVector) -> float:
    wa, wb = (a.weights, b.weights) if len(a.weights) <= len(b.weights) else (b.weights, a.weights)
    return sum(x * wb.get(t, 0.0) for t, x in wa.items())
