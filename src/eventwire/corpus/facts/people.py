"""The names of a story's people as fact statements, at every mention.

A report names the people a happening befalls or is charged to, and gives the age of the
people it is about ("Catherine Gomes, 61", "16-year-old Jermayne Timmons"); readers compare
those names across reports, and every mention of one is a statement of it (the gold's
convention: headlines included). Extraction already reads names where the parse ties them to
a happening (``attributes.name_statements``: "killed X", "X was arrested") and ages with the
person they belong to (``extract``: ``age:<surname>``). This rule (``named_people`` in
``rules``) takes those people as the article's named participants and states each full-name
mention of them elsewhere in the article as well, under ``name:<surname>`` (kind ``names``,
so two people of one surname under one key are two facts, never a clash).

A person the article names with an age but who dies in it ("Esther Williams died", "X hanged
himself in his cell", "Y killed X"; the killer Y stays a participant; matched by full name, so
a dead Gomes excludes no other Gomes) is the protagonist of the story, its topic
rather than a checkable detail, as ``attributes`` already holds for a single name: only the
mentions the parse ties to a happening are kept for them.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.corpus.facts.attributes import title_free
from eventwire.corpus.facts.context import attribution, hedge_word
from eventwire.corpus.facts.document import FactDoc, word_class
from eventwire.corpus.facts.extract import surname as _surname
from eventwire.corpus.facts.records import Statement

__all__ = ["named_people_statements"]

_NEAR = 40  # characters between an age and the name it belongs to ("Robyn Mendes, 48")
_REFLEXIVE = ("himself", "herself", "themselves", "itself")  # "hanged himself": the subject dies


def _dying_subjects(doc: FactDoc) -> set[str]:
    """Folded full names of the people who die in the article: the subject of an intransitive
    verb of dying ("X died", "X hanged himself"), the object or passive subject of a transitive
    one ("killed X", "X was murdered"; its active subject is the killer), or found dead ("X was
    found dead")."""
    out: set[str] = set()
    for k, t in enumerate(doc.tokens):
        if t.pos != "VERB":
            continue
        if word_class(t.lemma) == "death":
            obj = doc.child(k, "dobj")
            if obj is not None and doc.tok(obj).text.lower() not in _REFLEXIVE:
                subj: int | None = obj  # "X killed Y": Y died
            elif obj is not None:
                subj = doc.child(k, "nsubj")  # "X hanged himself"
            else:
                subj = doc.child(k, "nsubjpass", "nsubj")  # "X was killed", "X died"
        elif any(doc.tok(c).text.lower() == "dead" for c in doc.children(k)):
            subj = doc.child(k, "nsubjpass", "nsubj")
        else:
            continue
        if subj is None:
            continue
        e = doc.entity_at(*doc.subtree_span(subj), ("PERSON",))
        if e is not None:
            out.add(title_free(e.text).casefold())
    return out


def _proper(doc: FactDoc, a: int, b: int) -> bool:
    """Whether every word of the span is a proper noun (or a title's abbreviation)."""
    k = doc.at(a)
    if k is None:
        return False
    while k < len(doc.tokens) and doc.tok(k).start < b:
        if doc.tok(k).pos not in ("PROPN", "PUNCT"):
            return False
        k += 1
    return True


def named_people_statements(doc: FactDoc, found: Sequence[Statement]) -> list[Statement]:
    """A ``name:<surname>`` statement at each full-name mention of the article's named
    participants (``found`` holds the article's other statements: names and ages)."""
    persons = [e for e in doc.entities if e.label == "PERSON"]
    full: dict[str, str] = {}  # folded full name -> its written form
    aged: set[str] = set()
    for s in found:
        if s.kind == "names" and isinstance(s.value, str):
            for v in s.value.split("; "):
                full.setdefault(v.casefold(), v)
        elif s.kind == "age" and s.subject and s.subject != "?" and not s.subject.startswith("?"):
            for e in persons:
                if _surname(e.text) != s.subject:
                    continue
                if e.end <= s.start - _NEAR or e.start >= s.end + _NEAR:
                    continue
                name = title_free(e.text)
                if " " in name:
                    full.setdefault(name.casefold(), name)
                    aged.add(name.casefold())
    if not full:
        return []
    dying = _dying_subjects(doc)
    # an official named with the office ("Police Chief Scott Russell") speaks for the
    # inquiry; the age given is a biographical aside, not a participant's
    officials = {s.key.split(":", 1)[1] for s in found if s.kind == "office" and ":" in s.key}
    taken = [(s.start, s.end) for s in found if s.kind == "names"]
    out: list[Statement] = []
    for e in persons:
        name = title_free(e.text)
        fold = name.casefold()
        if fold not in full or any(a < e.end and e.start < b for a, b in taken):
            continue
        # by full name, or the name a headline's verb ran into ("Esther Williams Dies")
        died = any(fold == d or fold.startswith(d + " ") for d in dying)
        if fold in aged and (died or _surname(name) in officials):
            continue  # the story's protagonist ("Esther Williams died"), not a detail
        if not _proper(doc, e.start, e.end):
            continue  # "Esther Williams Dies": a headline's verb taken into the name
        seg = doc.own(e.start, e.end)
        if seg is None:
            continue
        out.append(Statement(
            doc_id=doc.doc_id, start=e.start, end=e.end, text=e.text, key=f"name:{_surname(name)}", kind="names",
            value=full[fold], subject=_surname(name), attribution=attribution(doc, e.start),
            hedge=hedge_word(doc, e.start), segment=seg, doc_date=doc.dct,
        ))
    return out
