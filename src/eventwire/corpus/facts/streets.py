"""Street addresses as places of a happening, written with their town.

Reports place a happening at a street ("found on Independent Street", "at 24 Independent
Street", "the Philip Street apartment", "outside her First Street home"); a reader compares
the address, and the gold writes it with the house number the text gives and the town
("24 Independent Street, New Bedford"), as it writes a building with its town ("Pagliarelli
prison, Palermo"). This rule (``street_town`` in ``rules``):

* reads a street mention (proper nouns ending in a street noun of
  ``resources/facts/street_nouns.tsv``; a headline's title-case words before them, "Bodies
  Found In Independent Street", are no part of it) in a locative phrase ("on", "at", "in",
  ... ) or before a noun of a building or home ("apartment", "home"), with its house number
  (the words around it: ``resources/facts/street_words.tsv``);
* keeps it only when the word governing it is a happening (a word of a happening class, a
  verb the facts code keys a happening by) or a site noun ("apartment"): a verb of residence
  ("who lives on Elm Street", "reside", "grow up") places a person, not a happening;
* writes its value as "[number] Street, Town" with the article's one town
  (``attributes.article_town``; "Albany's First Street" is "First Street, Albany"); an article
  that names no town or several states no address this way;
* replaces the place statement extraction read over the same words without the town, and
  drops the house number read as a count ("24" as ``count:discover:street``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from eventwire.corpus.facts.attributes import article_town
from eventwire.corpus.facts.context import attribution, hedge_word
from eventwire.corpus.facts.document import FactDoc, word_class
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.resources import tsv_rows

__all__ = ["street_statements"]

_NUMBER = re.compile(r"(?<![\d,.])(\d{1,5})\s+$")


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    """The words of ``street_words.tsv`` by role (before, determiner, after, skip, residence)."""
    out: dict[str, list[str]] = {}
    for r in tsv_rows("street_words.tsv"):
        out.setdefault(r["role"], []).append(r["word"])
    return {k: tuple(v) for k, v in out.items()}


def _alts(role: str) -> str:
    return "|".join(re.escape(w) for w in sorted(_words()[role], key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _before() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alts('before')})\s+(?:(?:{_alts('determiner')})\s+)?$", re.I)


@functools.lru_cache(maxsize=1)
def _after() -> re.Pattern[str]:
    return re.compile(rf"^\s+(?:{_alts('after')})s?\b", re.I)


def _name_start(doc: FactDoc, a: int, b: int) -> int | None:
    """Where the street's name begins: the proper nouns before its street noun (a headline's
    "Found In" before "Independent Street" is no part of it); None without one."""
    toks = doc.span_tokens(a, b)
    if len(toks) < 2:
        return None
    k = len(toks) - 1
    while k > 0 and doc.tok(toks[k - 1]).pos == "PROPN" and doc.tok(toks[k - 1]).text.lower() not in _words()["skip"]:
        k -= 1
    return None if k == len(toks) - 1 else max(a, doc.tok(toks[k]).start)


def _of_a_happening(doc: FactDoc, a: int, b: int) -> bool:
    """Whether the word governing the street (outside its words) is a happening or a site:
    a site noun ("the Maple Street apartment"), a word of a happening class ("a fire on Oak
    Street"), or else the first verb above it when that is no verb of residence or saying
    ("found in a room on Philip Street", not "who lives on Elm Street")."""
    head = doc.span_head(a, b)
    if head is None:
        return False
    for x in doc.ancestors(head, 6):
        t = doc.tok(x)
        if a <= t.start < b:
            continue
        lemma = t.lemma.lower()
        if t.pos in ("NOUN", "PROPN"):
            if lemma in _words()["after"] or word_class(lemma) is not None:
                return True
            continue  # "a room on Philip Street": the verb the room is in names the happening
        if t.pos == "VERB":
            prt = doc.child(x, "prt")
            phrase = f"{lemma} {doc.tok(prt).text.lower()}" if prt is not None else lemma
            return not {lemma, phrase} & set(_words()["residence"] + _words()["saying"])
        if t.pos == "AUX":  # "the fire was on Oak Street": the subject names the happening
            subj = doc.child(x, "nsubj")
            return subj is not None and word_class(doc.tok(subj).lemma) is not None
    return False


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    nouns = sorted((r["noun"] for r in tsv_rows("street_nouns.tsv")), key=len, reverse=True)
    alts = "|".join(re.escape(n.capitalize()) for n in nouns)
    return re.compile(rf"\b(?:[A-Z][A-Za-z'’.-]+\s+){{1,3}}(?:{alts})(?![A-Za-z])")


def street_statements(doc: FactDoc, found: Sequence[Statement]) -> list[Statement]:
    """``found`` with each street mention of a happening as an address with its town: the
    place statements over the street's words and the counts of its house number dropped;
    always in text order (start, end; stable), whether or not a street was found."""
    town = article_town(doc)
    if town is None:
        return sorted(found, key=lambda s: (s.start, s.end))  # no town to write the address with, or several
    adds: list[Statement] = []
    covered: list[tuple[int, int]] = []
    for m in _pattern().finditer(doc.text):
        b = m.end()
        a = _name_start(doc, m.start(), b)
        if a is None:
            continue
        seg = doc.own(a, b)
        if seg is None:
            continue
        num = _NUMBER.search(doc.text[max(0, a - 8) : a])
        start = a - (len(doc.text[max(0, a - 8) : a]) - num.start()) if num else a
        before = doc.text[max(0, start - 30) : start]
        # "on Albany's First Street": the preposition is before the town's name
        before_match = doc.text[max(0, m.start() - 30) : m.start()]
        if not (_before().search(before) or _before().search(before_match)) and not _after().match(doc.text[b : b + 15]):
            continue
        if not _of_a_happening(doc, a, b):
            continue
        street = doc.text[start:b]
        lead = re.match(rf"{re.escape(town)}(?:['’]s)?\s+", street)
        if lead:  # "Albany's First Street", "on Wellington High Street": the town's street
            street = street[lead.end() :]
        value = f"{street}, {town}"
        over = [s for s in found if s.kind == "place" and s.start < b and a < s.end]
        key = over[0].key if over else "place:?"
        adds.append(Statement(
            doc_id=doc.doc_id, start=start, end=b, text=street, key=key, kind="place", value=value,
            attribution=attribution(doc, start), hedge=hedge_word(doc, start), segment=seg, doc_date=doc.dct,
        ))
        covered.append((start, b))
    keep = [s for s in found if not (
        (s.kind == "place" and any(x < s.end and s.start < y and "," not in str(s.value) for x, y in covered))
        or (s.kind == "count" and any(x <= s.start and s.end <= y for x, y in covered)))]
    return sorted(keep + adds, key=lambda s: (s.start, s.end))
