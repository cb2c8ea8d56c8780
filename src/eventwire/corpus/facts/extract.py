"""Figures as fact statements: what each figure measures, whose it is, the period it covers.

For every figure ``numbers.find_quantities`` finds in the article's own text, the dependency
parse decides what it measures:

* ages: "Williams, 91", "51-year-old Capt. Tom Tennant", "died at 91", "aged 91", "She was 91",
  "X and Y, both 51" -> key ``age:<surname>`` (one statement per person);
* counts: the counted noun (its class: officers/people/victims -> people) and the happening
  it belongs to (the first classed word up the tree: killed -> death, hurt -> injury) ->
  ``count:<happening>:<noun>``;
* money, durations, percentages, distances, magnitudes: the noun the figure modifies or
  belongs to ("a $35,000 reward", "an eight-year offer", "exports of $2.4 billion"), else the
  subject of a linking verb ("the deficit reached $48.2 billion"), else the verb's happening
  ("spending $9.15 million") -> ``<kind>:<anchor>``.

The period comes from a date expression in the same clause ("in 2022", "year to November
20"); the attribution and hedging from the sentence (``context``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from eventwire.corpus.facts.context import (
    attribution,
    hedge_word,
    period_of,
    period_timex,
)
from eventwire.corpus.facts.document import FactDoc, noun_class, word_class
from eventwire.corpus.facts.numbers import Quantity, find_quantities
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.resources import tsv_rows
from eventwire.corpus.facts.units import coordinated_units

__all__ = ["quantity_statements"]

_LINKING = frozenset(
    "be reach total hit amount stand top exceed rise fall climb grow jump drop surge increase "
    "decrease value estimate put become remain double triple".split()
)
_PERIOD_NOUNS = frozenset("year month week quarter day".split())
_PRONOUNS = frozenset("he she him her his they them".split())
_AGE_BEFORE = re.compile(r"(?:\b(?:aged|age of|age)\s+|\b(?:dies|died|dead|die|death|passed away|passes away)\s+(?:\w+\s+)?at\s+)$", re.I)


def surname(name: str) -> str:
    """The lower-cased last name of a person's name ("Gary Gomes Jr." -> "gomes")."""
    parts = [p for p in re.split(r"[\s]+", name.strip()) if p and p[0].isalpha()]
    while parts and parts[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii"):
        parts.pop()
    last = parts[-1] if parts else name
    return re.sub(r"['’]s?$", "", last).lower()


_surname = surname


def _main_person(doc: FactDoc) -> str | None:
    if ("main_person", 0) not in doc.memo:
        doc.memo[("main_person", 0)] = _main_person_uncached(doc)
    return doc.memo[("main_person", 0)]  # type: ignore[no-any-return]


def _main_person_uncached(doc: FactDoc) -> str | None:
    counts: dict[str, int] = {}
    for e in doc.entities:
        if e.label == "PERSON" and doc.own(e.start, e.end):
            s = _surname(e.text)
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda k: counts[k])


def _persons_before(doc: FactDoc, pos: int, sent_start: int) -> list[str]:
    """PERSON names ending right before ``pos`` ("X, 51"; "X and Y, both 51")."""
    before = doc.text[sent_start:pos]
    m = re.search(r",\s*(?:both\s+|each\s+)?$", before)
    if not m:
        return []
    end = sent_start + m.start()
    ents = [e for e in doc.entities if e.label == "PERSON" and sent_start <= e.start and e.end <= end]
    if not ents or doc.text[ents[-1].end : end].strip():
        # a name the NER missed: a proper noun right before the comma, the figure closed by
        # punctuation ("Teixeira, 28, ...")
        k = doc.at(end - 1)
        if k is not None and doc.tok(k).pos == "PROPN" and doc.tok(k).end == end and re.match(r"^\s*[,;.)]", doc.text[pos : pos + 6].lstrip("0123456789")):
            return [_surname(doc.tok(k).text)]
        return []
    last = ents[-1]
    if doc.text[last.end : end].strip():
        return []
    if "both" in before[m.start() :] and len(ents) >= 2:
        return [_surname(e.text) for e in ents[-2:]]
    return [_surname(last.text)]


_TITLES_ONLY = re.compile(r"\s*(?:[A-Z][A-Za-z]*\.?\s+){0,4}")


def _person_after(doc: FactDoc, pos: int, sent_end: int) -> str | None:
    """The PERSON name right after an age ("51-year-old Senior Trooper X"), also past a
    sentence end the splitter put after a title's abbreviation ("51-year-old Capt. X")."""
    for e in doc.entities:
        if e.label == "PERSON" and pos <= e.start <= pos + 45 and (
                e.end <= sent_end or _TITLES_ONLY.fullmatch(doc.text[pos : e.start])):
            return _surname(e.text)
    return None


def _described_noun(doc: FactDoc, q: Quantity) -> str | None:
    """The noun an "N-year-old" modifies when it is no person's name nor a people word
    ("a 16-year-old son"): the age is of someone the story only describes, not of its
    main person."""
    k = doc.span_head(q.start, q.end)
    if k is None:
        return None
    noun = doc.head(k)
    nt = doc.tok(noun)
    if noun == k or nt.pos != "NOUN" or noun_class(nt.lemma) == "people" or doc.tok(k).dep not in ("amod", "compound", "nummod"):
        return None
    if doc.entity_at(nt.start, nt.end, ("PERSON",)) is not None:
        return None
    return nt.lemma.lower()


def _thing_age(doc: FactDoc, q: Quantity) -> str | None:
    """The happening an "N-year-old" phrase dates, when it modifies a noun of a happening
    ("a 41-year-old double murder case" -> death) rather than a person."""
    k = doc.span_head(q.start, q.end)
    if k is None:
        return None
    noun = doc.head(k)
    nt = doc.tok(noun)
    if noun == k or nt.pos != "NOUN" or noun_class(nt.lemma) == "people":
        return None
    for x in [noun, *[c for c in doc.children(noun) if doc.tok(c).dep == "compound"]]:
        cls = word_class(doc.tok(x).lemma)
        if cls is not None:
            return cls
    return None


def _age_people(doc: FactDoc, q: Quantity, sent: tuple[int, int]) -> list[str] | None:
    """The people a figure is the age of, or None when it is no age."""
    main = _main_person(doc)
    if q.kind == "age" and _thing_age(doc, q) is not None:
        return None  # "a 41-year-old murder case": how long ago, not anyone's age
    if q.kind == "age":
        p = _person_after(doc, q.end, sent[1])
        if p is None:
            k = doc.span_head(q.start, q.end)
            if k is not None:
                subj = doc.child(doc.head(k), "nsubj", "nsubjpass")
                e = doc.entity_at(*doc.subtree_span(subj), ("PERSON",)) if subj is not None else None
                p = _surname(e.text) if e else None
        if p is None and (described := _described_noun(doc, q)) is not None:
            return [f"?:{described}"]  # "a 16-year-old son": age:?:son, whose is not said
        return [p or main or "?"]
    if q.kind != "count" or q.qualifier or isinstance(q.value, tuple) or not 1 <= q.value <= 120:
        return None
    if int(q.value) != q.value:
        return None
    after = doc.text[q.end : q.end + 3]
    if re.match(r"^\s*(?:[a-z%$]|-\w)", after):
        return None
    people = _persons_before(doc, q.start, sent[0])
    if people:
        return people
    if _AGE_BEFORE.search(doc.text[max(sent[0], q.start - 40) : q.start]):
        k = doc.span_head(q.start, q.end)
        if k is not None:
            for a in doc.ancestors(k, 4):
                subj = doc.child(a, "nsubj", "nsubjpass")
                if subj is not None:
                    e = doc.entity_at(*doc.subtree_span(subj), ("PERSON",))
                    if e is not None:
                        return [_surname(e.text)]
                    break
        return [main or "?"]
    # "She was 91."
    m = re.search(r"\b(he|she)\s+(?:was|is)\s+$", doc.text[sent[0] : q.start], re.I)
    if m and re.match(r"^\s*[.;]", doc.text[q.end : q.end + 2]):
        return [main or "?"]
    return None


def _anchor(doc: FactDoc, k: int) -> str:
    """What a money/duration/percent figure (head token k) measures."""
    t = doc.tok(k)
    h = doc.head(k)
    ht = doc.tok(h)
    # "$2.4 billion year to March 31": the period noun is no measure; look past it
    for _ in range(2):
        if ht.pos == "NOUN" and h != k and (ht.lemma.lower() in _PERIOD_NOUNS or any(tx.start <= ht.start < tx.end for tx in doc.anchored)):
            k, t, h = h, ht, doc.head(h)
            ht = doc.tok(h)
    of = next((c for c in doc.children(k) if doc.tok(c).lemma in ("of", "worth") and doc.child(c, "pobj") is not None), None)
    if of is not None:
        obj = doc.child(of, "pobj")
        if obj is not None:
            return word_class(doc.tok(obj).lemma) or doc.tok(obj).lemma.lower()
    if t.dep in ("compound", "nmod", "amod", "nummod", "poss", "quantmod", "npadvmod", "appos") and ht.pos in ("NOUN", "PROPN"):
        return word_class(ht.lemma) or ht.lemma.lower()
    if t.dep == "pobj" and ht.lemma in ("of", "worth", "at", "for") and h != doc.head(h):
        g = doc.tok(doc.head(h))
        if g.pos in ("NOUN", "PROPN"):
            return word_class(g.lemma) or g.lemma.lower()
        k, t, h, ht = h, ht, doc.head(h), g
    if ht.pos in ("VERB", "AUX"):
        if ht.lemma.lower() in _LINKING:
            subj = doc.child(h, "nsubj", "nsubjpass")
            if subj is not None:
                st = doc.tok(subj)
                return word_class(st.lemma) or st.lemma.lower()
        return word_class(ht.lemma) or ht.lemma.lower()
    c = doc.event_class(k)
    return c or "?"


def _anaphoric(doc: FactDoc, q: Quantity, unit: str) -> bool:
    """"the two countries", "both nations": a reference back, not a figure."""
    return unit == "-" or (bool(re.search(r"\b(?:the|these|those|both)\s+$", doc.text[max(0, q.start - 8) : q.start], re.I)) and unit in ("country", "nation", "side", "leader", "people", "party"))


def _count_key(doc: FactDoc, q: Quantity, k: int) -> tuple[str, str]:
    t = doc.tok(k)
    noun = None
    if t.dep in ("nummod", "quantmod", "amod", "compound") and doc.tok(doc.head(k)).pos in ("NOUN", "PROPN"):
        noun = doc.head(k)
    elif t.pos == "NUM":
        of = next((c for c in doc.children(k) if doc.tok(c).lemma == "of"), None)
        if of is not None and doc.child(of, "pobj") is not None:
            noun = doc.child(of, "pobj")
    if noun is None:
        noun = _changed_noun(doc, k)
    unit = noun_class(doc.tok(noun).lemma) if noun is not None else ""
    happening = (_noun_happening(doc, noun) if noun is not None else None) or doc.event_class(noun if noun is not None else k) or "?"
    return f"count:{happening}:{unit or '?'}", unit


_CONTAINERS = frozenset("number total count tally figure".split())


def _changed_noun(doc: FactDoc, k: int) -> int | None:
    """The counted noun of a figure a linking or change verb gives its subject ("the death
    toll rose to 19", "the number of people killed has climbed to 27", "the toll reached
    30"): the subject, or the noun of its "of" phrase when the subject is a container word
    ("number", "total")."""
    h = doc.head(k)
    if doc.tok(k).dep == "pobj" and doc.tok(h).lemma.lower() in ("to", "at"):
        h = doc.head(h)
    elif doc.tok(k).dep not in ("dobj", "attr"):
        return None
    if doc.tok(h).pos not in ("VERB", "AUX") or doc.tok(h).lemma.lower() not in _LINKING:
        return None
    subj = doc.child(h, "nsubj", "nsubjpass")
    if subj is None or doc.tok(subj).pos != "NOUN":
        return None
    if doc.tok(subj).lemma.lower() in _CONTAINERS:
        of = next((c for c in doc.children(subj) if doc.tok(c).lemma == "of"), None)
        return doc.child(of, "pobj") if of is not None else None
    return subj


def _noun_happening(doc: FactDoc, noun: int) -> str | None:
    """What happened to the counted things, said next to their noun: a participle or
    relative clause on it ("99 members seized", "people who were killed"), or a state after
    the verb it is the subject of ("two members are under arrest", "in custody")."""
    for c in doc.children(noun):
        if doc.tok(c).dep in ("acl", "relcl") and doc.tok(c).pos == "VERB":
            cls = word_class(doc.tok(c).lemma)
            if cls is not None:
                return cls
    if doc.tok(noun).dep in ("nsubj", "nsubjpass"):
        verb = doc.head(noun)
        for p in doc.children(verb):
            if doc.tok(p).dep == "prep" and doc.tok(p).lemma in ("under", "in", "into"):
                obj = doc.child(p, "pobj")
                if obj is not None and word_class(doc.tok(obj).lemma) is not None:
                    return word_class(doc.tok(obj).lemma)
    return None


_CALIBER = re.compile(r"\s*-?\s*calib(?:er|re)\b", re.I)
# an emergency number used as the line's name ("a 911 call", "dialled 999"), not a count
_LINE_AFTER = re.compile(r"\s*-?\s*(?:calls?|callers?|dispatch(?:er|ers)?|operators?|emergency|line)\b", re.I)
_LINE_BEFORE = re.compile(r"\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|phoned|ringing)\s+$", re.I)


@functools.lru_cache(maxsize=1)
def _line_numbers() -> frozenset[str]:
    return frozenset(r["number"] for r in tsv_rows("line_numbers.tsv"))


def _number_as_name(doc: FactDoc, q: Quantity) -> bool:
    """Whether a number is an emergency line's name: "a 911 call", "called 999"."""
    if isinstance(q.value, tuple) or q.text.strip() not in _line_numbers():
        return False
    return bool(_LINE_AFTER.match(doc.text[q.end : q.end + 14]) or _LINE_BEFORE.search(doc.text[max(0, q.start - 12) : q.start]))


_MAG_BEFORE = re.compile(r"(?:\bmagnitude(?:\s+of)?|\bmeasuring|\bM)\s*$", re.I)
_MAG_AFTER = re.compile(r"^\s*-?\s*(?:magnitude\b|on the richter|on the open-ended richter)", re.I)


def _is_magnitude(doc: FactDoc, q: Quantity) -> bool:
    if isinstance(q.value, tuple) or q.words or not 0 < q.value < 10:
        return False
    return bool(_MAG_BEFORE.search(doc.text[max(0, q.start - 15) : q.start]) or _MAG_AFTER.match(doc.text[q.end : q.end + 25]))


def quantity_statements(doc: FactDoc) -> list[Statement]:
    out: list[Statement] = []
    skip = []
    for tx in doc.timexes:
        if tx.type in ("DATE", "TIME") and not re.search(r"\b(?:ago|later|earlier|old)\b", tx.text, re.I):
            skip.append((tx.start, tx.end))
    for bs, be, seg in doc.own_spans:
        qs = coordinated_units(doc.text[bs:be], find_quantities(doc.text[bs:be], skip=[(s - bs, e - bs) for s, e in skip if bs <= s < be]))
        prev: Statement | None = None
        for q0 in qs:
            q = Quantity(q0.start + bs, q0.end + bs, q0.text, q0.value, q0.kind, q0.unit, q0.qualifier, q0.compound, q0.words)
            # "85 million euros ($108 million)": the bracketed figure is the same statement
            if prev is not None and prev.kind == q.kind == "money" and re.fullmatch(r"\s*\(\s*", doc.text[prev.end : q.start]):
                out[-1] = _with_alt(prev, q)
                prev = None
                continue
            st = _statement(doc, q, seg)
            out.extend(st)
            prev = st[-1] if st else None
    return out


def _with_alt(s: Statement, q: Quantity) -> Statement:
    from dataclasses import replace

    return replace(s, alt_values=(*s.alt_values, q.value))


def _statement(doc: FactDoc, q: Quantity, seg: str) -> list[Statement]:
    sent = doc.sentence(q.start)
    k = doc.span_head(q.start, q.end)
    if k is None:
        return []
    common: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "attribution": attribution(doc, q.start),
        "hedge": hedge_word(doc, q.start),
        "segment": seg,
        "doc_date": doc.dct,
    }
    if q.kind == "count" and not q.words and _number_as_name(doc, q):
        return []  # "a 911 call": a number that names something counts nothing
    if q.kind == "count" and not q.words and _CALIBER.match(doc.text[q.end : q.end + 12]) and re.fullmatch(r"\.?\d{2,3}", q.text.strip()):
        # "a .45-caliber handgun", "a 45 calibre pistol": the gun's caliber, written ".45"
        return [Statement(start=q.start, end=q.end, text=q.text, key="caliber", kind="caliber",
                          value="." + q.text.strip().lstrip("."), **common)]  # type: ignore[arg-type]
    if q.kind == "count" and _is_magnitude(doc, q):
        q = Quantity(q.start, q.end, q.text, q.value, "magnitude", "magnitude", q.qualifier, q.compound, q.words)
    people = _age_people(doc, q, sent)
    if people is not None:
        return [
            Statement(start=q.start, end=q.end, text=q.text, key=f"age:{p}", kind="age", value=q.value,
                      unit="years", subject=p, **common)  # type: ignore[arg-type]
            for p in people
        ]
    period = period_of(doc, q.start, q.end, k)
    as_of = period[2] if period else None
    per = (period[0], period[1]) if period else None
    if period is None and doc.anchor_date is None:
        # "year to November 20" in an article without a date: its story's date resolves it
        tx = period_timex(doc, q.start, q.end)
        if tx is not None and "X" in tx.value:
            common["relative"] = (tx.start, tx.end)
    if q.kind == "age":  # the age of a happening: how long ago it was
        cls = _thing_age(doc, q) or "?"
        return [Statement(start=q.start, end=q.end, text=q.text, key=f"duration:{cls}", kind="duration",
                          value=q.value, unit="years", **common)]
    if q.kind == "count":
        key, unit = _count_key(doc, q, k)
        if _anaphoric(doc, q, unit):
            return []
        return [Statement(start=q.start, end=q.end, text=q.text, key=key, kind="count", value=q.value,
                          unit=unit or None, qualifier=q.qualifier, as_of=as_of, period=per, **common)]  # type: ignore[arg-type]
    if q.kind == "magnitude":
        key = "magnitude"
    else:
        key = f"{q.kind}:{_anchor(doc, k)}"
    if q.kind == "money":
        key = f"money:{_anchor(doc, k)}"
    return [Statement(start=q.start, end=q.end, text=q.text, key=key, kind=q.kind, value=q.value,
                      unit=q.unit or None, qualifier=q.qualifier, as_of=as_of, period=per, **common)]  # type: ignore[arg-type]


_MULTIPLES = {"double": 2.0, "twin": 2.0, "triple": 3.0, "quadruple": 4.0}
_COUNTED_CLASSES = ("death", "injury", "arrest")


def _hyphen_part(doc: FactDoc, k: int) -> bool:
    """Whether token k is a hyphen or a word after a hyphen that joins it to the word before
    ("ex-girlfriend", "son-in-law": only the first word stands for the whole)."""
    t = doc.tok(k)
    if t.text in ("-", "–"):
        return True
    return k > 0 and doc.tok(k - 1).text in ("-", "–") and doc.tok(k - 1).end == t.start


def coordination_statements(doc: FactDoc) -> list[Statement]:
    """Tolls stated without a figure: "killed a police officer and a bomb technician" (two
    people killed: the coordinated objects of a death/injury/arrest verb, or subjects of its
    passive), "a double murder" (two)."""
    out: list[Statement] = []
    for k, t in enumerate(doc.tokens):
        seg = doc.own(t.start, t.end)
        if seg is None:
            continue
        cls = word_class(t.lemma)
        if t.text.lower() in _MULTIPLES and t.dep == "amod" and word_class(doc.tok(doc.head(k)).lemma) == "death":
            h = doc.head(k)
            a, b = t.start, doc.tok(h).end
            out.append(_toll(doc, a, b, "death", _MULTIPLES[t.text.lower()], seg))
            continue
        if t.pos != "VERB" or cls not in _COUNTED_CLASSES:
            continue
        obj = doc.child(k, "dobj", "nsubjpass")
        if obj is None or doc.tok(obj).pos != "NOUN":
            continue
        items = [obj] + [c for c in doc.children(obj) if doc.tok(c).dep == "conj" and doc.tok(c).pos == "NOUN"]
        # "ex-girlfriend" parsed as three conjuncts ("ex", "-", "girlfriend"): one person
        items = [i for i in items if not _hyphen_part(doc, i)]
        if len(items) < 2:
            continue
        if any(doc.tok(d).text.lower() not in ("a", "an") for i in items for d in doc.children(i) if doc.tok(d).dep == "det"):
            continue  # "the officers and the technicians": not one person each
        if any(doc.tok(i).tag in ("NNS", "NNPS") for i in items):
            continue
        oa, ob = doc.subtree_span(obj)
        a, b = (min(t.start, oa), max(t.end, ob))
        out.append(_toll(doc, a, b, cls, float(len(items)), seg))
    return out


def _toll(doc: FactDoc, a: int, b: int, cls: str, n: float, seg: str) -> Statement:
    return Statement(
        doc_id=doc.doc_id, start=a, end=b, text=doc.text[a:b], key=f"count:{cls}:people", kind="count",
        value=n, unit="people", attribution=attribution(doc, a), hedge=hedge_word(doc, a), segment=seg,
        doc_date=doc.dct,
    )


@functools.lru_cache(maxsize=1)
def _manners() -> dict[tuple[str, str], str]:
    return {(r["lemma"], r["form"]): r["manner"] for r in tsv_rows("manners.tsv")}


def manner_statements(doc: FactDoc) -> list[Statement]:
    """How someone died: "hanged himself" -> hanging, "committed suicide" -> suicide."""
    table = _manners()
    out: list[Statement] = []
    for k, t in enumerate(doc.tokens):
        seg = doc.own(t.start, t.end)
        if seg is None:
            continue
        lemma = t.lemma.lower()
        manner = None
        a, b = t.start, t.end
        if t.pos == "NOUN" and (lemma, "noun") in table:
            manner = table[(lemma, "noun")]
            h = doc.head(k)
            if doc.tok(h).pos == "VERB" and h < k:  # "committed suicide"
                a = doc.tok(h).start
        elif t.pos == "VERB":
            refl = next((c for c in doc.children(k) if doc.tok(c).text.lower() in ("himself", "herself", "themselves")), None)
            if refl is not None and (lemma, "reflexive") in table:
                manner = table[(lemma, "reflexive")]
                b = doc.tok(refl).end
            elif t.tag == "VBG" and (lemma, "gerund") in table:
                manner = table[(lemma, "gerund")]
        if manner is None:
            continue
        out.append(Statement(
            doc_id=doc.doc_id, start=a, end=b, text=doc.text[a:b], key="manner:death", kind="manner",
            value=manner, attribution=attribution(doc, a), hedge=hedge_word(doc, a), segment=seg, doc_date=doc.dct,
        ))
    return out


@functools.lru_cache(maxsize=1)
def _conditions() -> list[tuple[str, str]]:
    return [(r["word"], r["condition"]) for r in tsv_rows("conditions.tsv")]


def condition_statements(doc: FactDoc) -> list[Statement]:
    """A casualty's condition: "in critical condition", "stable but critical condition",
    "critically injured", "critical injuries" -> the most severe condition named."""
    table = _conditions()
    words = "|".join(re.escape(w) for w, _ in table)
    pat = re.compile(rf"\b((?:{words})(?:\s+(?:but|and)\s+(?:{words}))?\s+condition|(?:{words})\s+(?:injur|wound|hurt)\w*)\b", re.I)
    rank = {w: n for n, (w, _) in enumerate(table)}
    out: list[Statement] = []
    for bs, be, seg in doc.own_spans:
        for m in pat.finditer(doc.text, bs, be):
            found = [w.lower() for w in re.findall(rf"\b(?:{words})\b", m.group(1), re.I)]
            if not found:
                continue
            worst = min(found, key=lambda w: rank[w])
            cond = dict(table)[worst]
            out.append(Statement(
                doc_id=doc.doc_id, start=m.start(1), end=m.end(1), text=m.group(1), key="condition:injury",
                kind="condition", value=cond, attribution=attribution(doc, m.start(1)),
                hedge=hedge_word(doc, m.start(1)), segment=seg, doc_date=doc.dct,
            ))
    return out
