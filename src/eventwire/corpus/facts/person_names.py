"""One spelling per person across a story: reports write one person's name differently
("Bill Hakim" and "William Hakim"; "Robin Mendes" and "Robyn Mendes"; "Robyn Norma Mendes"),
and a reader compares people, not spellings. The name statements of a story (kinds
``names`` and ``spokesperson``) take one canonical form per person.

Two full names are one person's when they share the surname (last word) and their first
names are the same, one is the other's short form (``resources/facts/nicknames.tsv``: "Bill"
and "William"), or they are spelling variants (4 letters or more, similarity 0.8 or more:
"Robin"/"Robyn", "Katherine"/"Catherine") that no single article writes both of (an article
that names a "Daniel" and a "Danielle" Smith names two people). The canonical form is the
form most of the story's statements write, a formal first name before its short form
("William Hakim" where any report writes it), ties to the longer form. Names of one word are
left alone.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from eventwire.corpus.facts.extract import surname
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.resources import tsv_rows

__all__ = ["canonical_names", "NAME_KINDS"]

NAME_KINDS = ("names", "spokesperson")
_SIMILAR = 0.8


@functools.lru_cache(maxsize=1)
def _formal() -> dict[str, str]:
    return {r["nickname"].casefold(): r["formal"].casefold() for r in tsv_rows("nicknames.tsv")}


def _first_key(first: str) -> str:
    f = first.casefold()
    return _formal().get(f, f)


def _same_person(a: str, b: str, apart: set[frozenset[str]]) -> bool:
    """Whether first names a and b (of one surname) name one person."""
    if _first_key(a) == _first_key(b):
        return True
    if frozenset((a, b)) in apart or min(len(a), len(b)) < 4:
        return False
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= _SIMILAR


def _names(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def canonical_forms(statements: Sequence[Statement]) -> dict[str, str]:
    """Written full name -> the story's canonical form of that person's name."""
    counts: Counter[str] = Counter()
    by_doc: dict[str, set[str]] = {}
    for s in statements:
        if s.kind in NAME_KINDS and isinstance(s.value, str):
            for n in _names(s.value):
                if len(n.split()) >= 2:
                    counts[n] += 1
                    by_doc.setdefault(s.doc_id, set()).add(n)
    by_surname: dict[str, list[str]] = {}
    for n in counts:
        by_surname.setdefault(surname(n), []).append(n)
    out: dict[str, str] = {}
    for forms in by_surname.values():
        if len(forms) < 2:
            continue
        # first names one article writes both of are two people
        apart = {frozenset((a.split()[0], b.split()[0])) for names in by_doc.values() for a in names for b in names
                 if a != b and surname(a) == surname(b) and a.split()[0] != b.split()[0]}
        clusters: list[list[str]] = []
        for f in sorted(forms, key=lambda n: (-counts[n], n)):
            for c in clusters:
                if all(_same_person(f.split()[0], g.split()[0], apart) for g in c):
                    c.append(f)
                    break
            else:
                clusters.append([f])
        for c in clusters:
            if len(c) < 2:
                continue
            formal = [f for f in c if f.split()[0].casefold() not in _formal()]
            pool = formal or c
            best = max(pool, key=lambda n: (sum(counts[g] for g in c if g.split()[0] == n.split()[0]), counts[n], len(n)))
            for f in c:
                out[f] = best
    return out


def canonical_names(statements: Sequence[Statement]) -> list[Statement]:
    """The statements with every name written in its story's canonical form (module doc)."""
    forms = canonical_forms(statements)
    if not forms:
        return list(statements)
    out = []
    for s in statements:
        if s.kind in NAME_KINDS and isinstance(s.value, str) and any(n in forms for n in _names(s.value)):
            names = sorted({forms.get(n, n) for n in _names(s.value)})  # a set, sorted as extraction writes it
            s = dataclasses.replace(s, value="; ".join(names))
        out.append(s)
    return out
