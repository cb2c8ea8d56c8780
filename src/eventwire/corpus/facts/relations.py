"""Relations and attributes stated as facts, as typed (subject, predicate, object, time)
statements:

* roles with a rank: "China has been Vietnam's largest trade partner", "Vietnam considers
  China its largest trading partner", "China has been the fourth biggest investor in
  Vietnam this year" -> key ``relation:<role>:<SUBJ>><OBJ>``, value the rank (1 for a
  superlative, n for an ordinal), countries as ISO 3166 alpha-3;
* relation levels and when they were set: "Chile and Peru in 2011 established a
  strategic partnership", "Chile elevated its ties with Brasilia to a
  strategic partnership", and "did the same with Mexico in 2014, ..." after
  such a sentence -> key ``relation:level:<A>-<B>`` (the pair sorted), value the level,
  ``as_of`` the year;
* offices held: "Prime Minister Jane Doe" -> key ``office:<surname>``, value the title.
"""

from __future__ import annotations

import functools
import re

from eventwire.analyze.countries import resolve_country
from eventwire.corpus.facts import rules
from eventwire.corpus.facts.attributes import title_free
from eventwire.corpus.facts.context import attribution, hedge_word
from eventwire.corpus.facts.document import FactDoc, cue_kind, word_class
from eventwire.corpus.facts.numbers import parse_number_words
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.resources import tsv_rows

__all__ = ["relation_statements"]

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in tsv_rows("relations.tsv"):
        out.setdefault(r["kind"], set()).add(r["word"])
    return out


def _country(doc: FactDoc, k: int | None) -> str | None:
    if k is None:
        return None
    a, b = doc.subtree_span(k)
    t = doc.tok(k)
    for cand in (doc.text[t.start : t.end], doc.text[a:b]):
        c = resolve_country(cand)
        if c:
            return c
    for e in doc.entities_in(a, b, ("GPE", "NORP", "LOC")):
        c = resolve_country(e.text)
        if c:
            return c
    return None


def _country_before(doc: FactDoc, k: int, not_this: str | None) -> str | None:
    """The nearest country named before token k in its sentence (what "its" refers to)."""
    s, _ = doc.sentence(doc.tok(k).start)
    for e in reversed(doc.entities_in(s, doc.tok(k).start, ("GPE", "NORP"))):
        c = resolve_country(e.text)
        if c and c != not_this:
            return c
    return None


def _year_near(doc: FactDoc, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """The year a relation is stated for: the first dated expression in [start, end), or,
    in an article without a date, the span of the relative one ("this year") that its
    story's date resolves later."""
    for tx in doc.anchored:
        if tx.type == "DATE" and start <= tx.start and tx.end <= end and re.fullmatch(r"\d{4}(-\d\d)?(-\d\d)?", tx.value):
            return tx.value, None
    if doc.anchor_date is None:
        for tx in doc.anchored:
            if tx.type == "DATE" and start <= tx.start and tx.end <= end and tx.value == "XXXX":
                return None, (tx.start, tx.end)
    return None, None


def _relative_year(doc: FactDoc, start: int, end: int, pattern: str) -> tuple[str | None, tuple[int, int] | None]:
    """("2023", None) for "this year"/"recently" in [start, end) of a dated article; (None,
    span) in an undated one (resolved from its story's date later); (None, None) when absent."""
    m = re.compile(pattern).search(doc.text, start, end)
    if m is None:
        return None, None
    if doc.anchor_date:
        return doc.anchor_date[:4], None
    return None, (m.start(), m.end())


def _common(doc: FactDoc, start: int, seg: str) -> dict[str, object]:
    return {"doc_id": doc.doc_id, "attribution": attribution(doc, start), "hedge": hedge_word(doc, start),
            "segment": seg, "doc_date": doc.dct}


def _roles(doc: FactDoc) -> list[Statement]:
    words = _words()
    out = []
    for k, t in enumerate(doc.tokens):
        if t.pos != "NOUN" or t.lemma.lower() not in words.get("role", set()):
            continue
        seg = doc.own(t.start, t.end)
        if seg is None:
            continue
        rank = None
        comp = []
        poss = None
        for c in doc.children(k):
            ct = doc.tok(c)
            low = ct.text.lower()
            if ct.dep == "amod" and (low in words["rank"] or ct.tag == "JJS"):
                rank = rank or 1
                for cc in doc.children(c):
                    o = doc.tok(cc).text.lower()
                    if o in _ORDINALS:
                        rank = _ORDINALS[o]
            elif ct.dep == "amod" and low in _ORDINALS:
                rank = _ORDINALS[low]
            elif ct.dep in ("compound", "amod") and ct.pos in ("NOUN", "VERB", "ADJ"):
                comp.append(word_class(ct.lemma) or ct.lemma.lower())
            elif ct.dep == "poss":
                poss = c
            elif ct.dep == "npadvmod" and parse_number_words(low):
                rank = int(parse_number_words(low) or 1)
        if rank is None:
            continue
        obj = _country(doc, poss) if poss is not None else None
        if obj is None:
            prep = next((c for c in doc.children(k) if doc.tok(c).lemma in ("in", "of", "for", "to")), None)
            if prep is not None:
                obj = _country(doc, doc.child(prep, "pobj"))
        # subject: "X is/has been ... partner" (attr), "considers X its ... partner" (oprd)
        h = doc.head(k)
        subj = None
        own_subj = doc.child(k, "nsubj")
        if own_subj is not None:  # "considers China its largest trading partner"
            subj = _country(doc, own_subj)
            if poss is not None and doc.tok(poss).text.lower() in ("its", "their"):
                hs = doc.child(h, "nsubj")
                obj = (_country(doc, hs) if hs not in (None, k) else None) or _country_before(doc, own_subj, subj)
        elif t.dep in ("attr", "acomp"):
            subj = _country(doc, doc.child(h, "nsubj", "nsubjpass"))
        elif t.dep in ("oprd", "xcomp", "ccomp", "dobj"):
            d = doc.child(h, "dobj")
            subj = _country(doc, d) if d is not None and d != k else None
            if poss is not None and doc.tok(poss).text.lower() in ("its", "their"):
                obj = _country(doc, doc.child(h, "nsubj"))
        if subj is None or obj is None or subj == obj:
            continue
        role = " ".join([*comp, t.lemma.lower()])
        s, e = doc.sentence(t.start)
        yr, rel = _year_near(doc, s, e)
        a, b = doc.subtree_span(k, skip=("conj", "cc", "punct", "appos", "relcl"))
        out.append(Statement(
            start=a, end=b, text=doc.text[a:b], key=f"relation:{role}:{subj}>{obj}", kind="relation",
            value=float(rank), unit="rank", subject=subj, obj=obj, as_of=yr, relative=rel,
            **_common(doc, a, seg),  # type: ignore[arg-type]
        ))
    return out


def _level_phrase(doc: FactDoc, k: int) -> str:
    mods = [doc.tok(c) for c in doc.children(k) if doc.tok(c).dep in ("amod", "compound")]
    return " ".join([m.text.lower() for m in sorted(mods, key=lambda x: x.i)] + [doc.tok(k).text.lower()])


def _levels(doc: FactDoc) -> list[Statement]:
    words = _words()
    out: list[Statement] = []
    last_level: str | None = None
    for k, t in enumerate(doc.tokens):
        seg = doc.own(t.start, t.end)
        if seg is None:
            continue
        s, e = doc.sentence(t.start)
        if t.lemma.lower() == "same" and t.dep in ("dobj", "pobj") and last_level and doc.tok(doc.head(k)).lemma == "do":
            verb = doc.head(k)
            subj = _country(doc, doc.child(verb, "nsubj"))
            if subj is None:
                continue
            for ent in doc.entities_in(doc.tok(k).end, e, ("GPE",)):
                other = resolve_country(ent.text)
                if other is None or other == subj:
                    continue
                nxt = doc.text[ent.end : ent.end + 40]
                year = re.match(r"^\s+in\s+(\d{4})\b", nxt)
                yr: str | None = year.group(1) if year else None
                rel: tuple[int, int] | None = None
                if yr is None and re.match(r"^(?:\s+as well as\s+[A-Z]\w+)?\s+this year", nxt):
                    yr, rel = _relative_year(doc, ent.end, ent.end + 40, r"\bthis year\b")
                pair = "-".join(sorted((subj, other)))
                out.append(Statement(
                    start=ent.start, end=ent.end, text=ent.text, key=f"relation:level:{pair}", kind="relation",
                    value=last_level, subject=subj, obj=other, as_of=yr, relative=rel,
                    **_common(doc, ent.start, seg),  # type: ignore[arg-type]
                ))
            continue
        if t.pos != "NOUN" or t.lemma.lower() not in words.get("level", set()):
            continue
        if not any(doc.tok(c).dep == "amod" for c in doc.children(k)):
            continue
        level = _level_phrase(doc, k)
        found = next((a for a in doc.ancestors(k, 3) if doc.tok(a).lemma.lower() in words.get("set", set())), None)
        if found is None:
            continue
        verb = found
        subj_k = doc.child(verb, "nsubj", "nsubjpass")
        subj = _country(doc, subj_k)
        others = []
        if subj_k is not None:
            for c in doc.children(subj_k):
                if doc.tok(c).dep == "conj":
                    others.append(_country(doc, c))
        for c in doc.children(verb):
            if doc.tok(c).dep == "dobj":
                for p in doc.children(c):
                    if doc.tok(p).lemma == "with":
                        others.append(_country(doc, doc.child(p, "pobj")))
            if doc.tok(c).lemma == "with":
                others.append(_country(doc, doc.child(c, "pobj")))
        last_level = level
        a, b = doc.subtree_span(k, skip=("conj", "cc", "punct", "appos", "relcl"))
        for other in others:
            if subj is None or other is None or other == subj:
                continue
            pair = "-".join(sorted((subj, other)))
            yr, rel = _year_near(doc, s, e)
            if yr is None and rel is None:
                yr, rel = _relative_year(doc, s, e, r"\b(?:recently|this year)\b")
            out.append(Statement(
                start=a, end=b, text=doc.text[a:b], key=f"relation:level:{pair}", kind="relation", value=level,
                subject=subj, obj=other, as_of=yr, relative=rel, **_common(doc, a, seg),  # type: ignore[arg-type]
            ))
    return out


_SPEAKERS = frozenset("spokesman spokeswoman spokesperson publicist representative".split())


def _sayer(doc: FactDoc, start: int, end: int) -> bool:
    """Whether the name at start..end is the subject of a reporting verb ("X said", "said X")."""
    k = doc.span_head(start, end)
    for _ in range(4):  # "said Chief of Detectives Jim Ross": the name hangs on its title
        if k is None or doc.tok(k).dep not in ("compound", "appos", "flat", "pobj", "prep") or doc.head(k) == k:
            break
        k = doc.head(k)
    if k is None or doc.tok(k).dep != "nsubj":
        return False
    h = doc.tok(doc.head(k))
    return h.pos == "VERB" and cue_kind(h.lemma) == "say"


def _offices(doc: FactDoc) -> list[Statement]:
    titles = _words().get("office", set())
    alt = "|".join(re.escape(x) for x in sorted(titles, key=len, reverse=True))
    pat = re.compile(rf"((?:[A-Z][\w'’-]*\s+)*(?:{alt})(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w'’-]*)+)?)\s+$")
    # "Williams' publicist, Harlan Boll": a speaker's title set off by a comma
    # (the name set off in turn, "publicist, Harlan Boll, confirmed": not "According to her
    # publicist, Esther Williams died", where the name is the clause's subject)
    apposed = re.compile(rf"\b({'|'.join(sorted(_SPEAKERS))}),\s+(?:[A-Z][a-z]{{1,4}}\.\s+)?$", re.I)
    out = []
    for ent in doc.entities:
        if ent.label != "PERSON":
            continue
        seg = doc.own(ent.start, ent.end)
        if seg is None:
            continue
        s, _ = doc.sentence(ent.start)
        m = pat.search(doc.text[max(s, ent.start - 80) : ent.start])
        if not m:
            m = apposed.search(doc.text[max(s, ent.start - 40) : ent.start])
            if m is not None and re.match(r"\s*(?:[,;.]|$)", doc.text[ent.end : ent.end + 2]) and len(title_free(ent.text).split()) >= 2:
                out.append(_spokesperson(doc, ent.start - len(m.group(0)), ent.end, title_free(ent.text), seg))
            continue
        title = m.group(1).strip()
        a = ent.start - len(m.group(0))
        surname = re.sub(r"['’]s?$", "", ent.text.split()[-1]).lower()
        if not (rules.on("source_office") and _sayer(doc, ent.start, ent.end)):
            # the office of the source of a sentence ("said Police Chief Jim Ross") is who
            # speaks, not a detail of the happening
            out.append(Statement(
                start=a, end=ent.end, text=doc.text[a : ent.end], key=f"office:{surname}", kind="office",
                value=title, subject=ent.text, **_common(doc, a, seg),  # type: ignore[arg-type]
            ))
        if title.split()[-1].lower() in _SPEAKERS:
            # who speaks for the story's subject: "spokesman Harlan Boll", "publicist ..."
            out.append(_spokesperson(doc, a, ent.end, ent.text, seg))
    return out


def _spokesperson(doc: FactDoc, a: int, end: int, name: str, seg: str) -> Statement:
    """The spokesperson statement of a name ending at ``end``, its title starting at ``a``."""
    name = re.sub(r"['’]s?$", "", name.strip())
    return Statement(start=a, end=end, text=doc.text[a:end], key="spokesperson", kind="spokesperson",
                     value=name, subject=name, **_common(doc, a, seg))  # type: ignore[arg-type]


def _item_text(doc: FactDoc, k: int) -> str:
    mods = [c for c in doc.children(k) if doc.tok(c).dep in ("amod", "compound")]
    ks = sorted([*mods, k])
    return doc.text[doc.tok(ks[0]).start : doc.tok(ks[-1]).end]


def _lists(doc: FactDoc) -> list[Statement]:
    """Enumerations of what something covers: "areas of political security, multilateral and
    maritime issues", "six major areas including politics, security, ..." -> the items as a
    "; "-separated set, keyed like a count of the same noun (``count:<happening>:<noun>``)."""
    from eventwire.corpus.facts.document import noun_class

    heads = _words().get("list", set())
    out = []
    for k, t in enumerate(doc.tokens):
        if t.pos != "NOUN" or t.lemma.lower() not in heads:
            continue
        seg = doc.own(t.start, t.end)
        if seg is None:
            continue
        prep = next((c for c in doc.children(k) if doc.tok(c).lemma.lower() in ("of", "include", "including", "like", "such")), None)
        if prep is None:
            continue
        first = doc.child(prep, "pobj", "dobj")
        if first is None:
            continue
        items = [first]
        stack = [first]
        while stack:
            x = stack.pop()
            for c in doc.children(x):
                if doc.tok(c).dep == "conj" and doc.tok(c).pos in ("NOUN", "PROPN"):
                    items.append(c)
                    stack.append(c)
        if len(items) < 2:
            continue
        items.sort()
        a, b = doc.tok(first).start, doc.subtree_span(items[-1])[1]
        a = min(a, doc.subtree_span(first)[0])
        happening = doc.event_class(k) or "?"
        out.append(Statement(
            start=a, end=b, text=doc.text[a:b], key=f"count:{happening}:{noun_class(t.lemma)}", kind="list",
            value="; ".join(_item_text(doc, i) for i in items), unit=noun_class(t.lemma), **_common(doc, a, seg),  # type: ignore[arg-type]
        ))
    return out


def relation_statements(doc: FactDoc) -> list[Statement]:
    return _roles(doc) + _levels(doc) + _offices(doc) + _lists(doc)
