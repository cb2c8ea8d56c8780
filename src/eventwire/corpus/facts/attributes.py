"""Descriptive attributes of a happening as fact statements: who was killed, arrested or
charged (names), the charge ("first-degree murder") and the circumstances of a death ("in
her sleep"). Each is read off the dependency parse around a word of a named happening class
(``classes.tsv``); the lexicons are data files under ``resources/facts/``.
"""

from __future__ import annotations

import csv
import functools
import re

from eventwire.corpus.facts.context import attribution, hedge_word
from eventwire.corpus.facts.document import FactDoc, word_class
from eventwire.corpus.facts.numbers import RESOURCE_DIR
from eventwire.corpus.facts.records import Statement

__all__ = ["name_statements", "charge_statements", "circumstance_statements"]


def _rows(name: str) -> list[dict[str, str]]:
    text = (RESOURCE_DIR / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@functools.lru_cache(maxsize=1)
def _undergoer_verbs() -> frozenset[str]:
    return frozenset(r["lemma"] for r in _rows("undergoer_verbs.tsv"))


def _undergoer_nouns() -> frozenset[str]:
    """Nouns of dying ("the death of X"): like a single subject of "died", their "of" phrase
    names the story's protagonist, not a detail of a killing ("the murder of X")."""
    return frozenset(("death", "passing", "dead"))


_TITLE_WORDS = re.compile(
    r"^(?:(?:Police|State|Senior|Sheriff'?s?|Deputy|Trooper|Officer|Capt\.?|Captain|Lt\.?|Lieutenant|Sgt\.?|"
    r"Sergeant|Detective|Chief|Agent|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Gen\.?|Col\.?|Maj\.?|Cpl\.?|Pvt\.?)\s+)+"
)
_NAMED_CLASSES = ("death", "arrest", "charge", "conviction", "sentence")


def _undergoers(doc: FactDoc, k: int) -> tuple[int | None, bool]:
    """The phrase naming whom the happening of token k befalls: the object of its verb or
    the subject of its passive ("killed X", "X was arrested"), the subject of a verb of
    dying ("X and Y died"), or the "of" phrase of its noun ("the murder of X"); and whether
    only a set of several names counts (the subject of a verb of dying: a single one is the
    story's protagonist, "Esther Williams dies", its topic rather than a detail)."""
    t = doc.tok(k)
    if t.pos == "VERB":
        obj = doc.child(k, "dobj", "nsubjpass")
        if obj is None and t.lemma.lower() in _undergoer_verbs():
            return doc.child(k, "nsubj"), True
        return obj, False
    if t.pos == "NOUN" and t.lemma.lower() not in _undergoer_nouns():
        of = next((c for c in doc.children(k) if doc.tok(c).lemma.lower() == "of" and doc.tok(c).dep == "prep"), None)
        return (doc.child(of, "pobj") if of is not None else None), False
    return None, False


def name_statements(doc: FactDoc) -> list[Statement]:
    """Who was killed, arrested, charged: the PERSON names of the phrase a happening word
    says it befalls (``_undergoers``), titles dropped; several names are one "a; b" set."""
    out: list[Statement] = []
    persons = [e for e in doc.entities if e.label == "PERSON"]
    for k, t in enumerate(doc.tokens):
        if t.pos not in ("VERB", "NOUN"):
            continue
        cls = word_class(t.lemma)
        if cls not in _NAMED_CLASSES:
            continue
        seg = doc.own(t.start, t.end)
        if seg is None:
            continue
        obj, set_only = _undergoers(doc, k)
        if obj is None:
            continue
        heads = [obj] + [c for c in doc.children(obj) if doc.tok(c).dep in ("conj", "appos")]
        names = []
        for h in heads:
            a, b = doc.subtree_span(h, skip=("conj", "appos", "cc", "punct", "relcl", "prep"))
            for e in persons:
                if a <= e.start and e.end <= b and " " in e.text.strip():
                    names.append(e)
        if not names:
            continue
        values = sorted({_TITLE_WORDS.sub("", e.text).strip() for e in names})
        values = [v for v in values if " " in v]
        if not values or (set_only and len(values) < 2):
            continue
        a, b = min(e.start for e in names), max(e.end for e in names)
        out.append(Statement(
            doc_id=doc.doc_id, start=a, end=b, text=doc.text[a:b], key=f"names:{cls}", kind="names",
            value="; ".join(values), attribution=attribution(doc, a), hedge=hedge_word(doc, a), segment=seg,
            doc_date=doc.dct,
        ))
    return out


@functools.lru_cache(maxsize=1)
def _charge_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = _rows("charges.tsv")
    canon = {r["pattern"].lower(): r["charge"] for r in rows}
    alts = "|".join(re.escape(p) for p in sorted(canon, key=len, reverse=True))
    pat = re.compile(rf"\b(?:(first|second|third|1st|2nd|3rd)[\s-]+degree\s+)?({alts})\b", re.I)
    return pat, canon


_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third"}
_CHARGE_CLASSES = ("charge", "conviction", "sentence", "arrest")


def _charge_class(doc: FactDoc, k: int) -> str | None:
    """The charging happening an offence word belongs to: a word of a charge, conviction,
    sentence or arrest class up the tree, reached through nouns and prepositions only
    ("charged with two counts of murder", "on murder charges"; not "killed during a
    robbery")."""
    for x in [k, *doc.ancestors(k, 5)]:
        t = doc.tok(x)
        cls = word_class(t.lemma)
        if x != k and cls in _CHARGE_CLASSES:
            return cls
        if x != k and t.pos in ("VERB", "AUX"):
            return None
    return None


def charge_statements(doc: FactDoc) -> list[Statement]:
    """The offence someone is charged with, convicted of or arrested for, canonical
    ("first degree murder" -> "first-degree murder"); key ``charge:<class>``."""
    pat, canon = _charge_pattern()
    out: list[Statement] = []
    for bs, be, seg in doc.own_spans:
        for m in pat.finditer(doc.text, bs, be):
            k = doc.span_head(m.start(2), m.end(2))
            if k is None:
                continue
            cls = _charge_class(doc, k)
            if cls is None or any(doc.tok(c).lemma.lower() in ("of", "the", "this", "that") for c in doc.children(k)):
                continue  # "arrested in the murder of X": the happening, not a charge
            charge = canon[m.group(2).lower()]
            if m.group(1):
                deg = m.group(1).lower()
                charge = f"{_ORDINALS.get(deg, deg)}-degree {charge}"
            out.append(Statement(
                doc_id=doc.doc_id, start=m.start(), end=m.end(), text=m.group(0), key=f"charge:{cls}", kind="charge",
                value=charge, attribution=attribution(doc, m.start()), hedge=hedge_word(doc, m.start()),
                segment=seg, doc_date=doc.dct,
            ))
    return out


@functools.lru_cache(maxsize=1)
def _circumstances() -> frozenset[tuple[str, str]]:
    return frozenset((r["preposition"], r["noun"]) for r in _rows("death_circumstances.tsv"))


def circumstance_statements(doc: FactDoc) -> list[Statement]:
    """The circumstances of a death: a prepositional phrase of ``death_circumstances.tsv``
    on a verb of dying ("died peacefully in her sleep" -> "in her sleep")."""
    table = _circumstances()
    out: list[Statement] = []
    for k, t in enumerate(doc.tokens):
        if t.pos != "VERB" or t.lemma.lower() not in _undergoer_verbs() or word_class(t.lemma) != "death":
            continue
        seg = doc.own(t.start, t.end)
        if seg is None:
            continue
        preps = [c for c in doc.children(k) if doc.tok(c).dep == "prep"]
        for c in doc.children(k):  # "passed away in her sleep": the particle's phrase too
            if doc.tok(c).dep in ("prt", "advmod"):
                preps += [x for x in doc.children(c) if doc.tok(x).dep == "prep"]
        for p in preps:
            obj = doc.child(p, "pobj")
            if obj is None or (doc.tok(p).lemma.lower(), doc.tok(obj).lemma.lower()) not in table:
                continue
            a = doc.tok(p).start
            b = doc.subtree_span(obj, skip=("acl", "relcl", "prep", "appos", "punct", "conj", "cc"))[1]
            text = doc.text[a:b]
            out.append(Statement(
                doc_id=doc.doc_id, start=a, end=b, text=text, key="circumstance:death", kind="circumstance",
                value=re.sub(r"\s+", " ", text.lower()), attribution=attribution(doc, a), hedge=hedge_word(doc, a),
                segment=seg, doc_date=doc.dct,
            ))
    return out
