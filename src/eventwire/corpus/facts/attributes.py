"""Descriptive attributes of a happening as fact statements: who was killed, arrested or
charged (names), the charge ("first-degree murder") and the circumstances of a death ("in
her sleep"). Each is read off the dependency parse around a word of a named happening class
(``classes.tsv``); the lexicons are data files under ``resources/facts/``.
"""

from __future__ import annotations

import functools
import re

from eventwire.corpus.facts import rules
from eventwire.corpus.facts.context import attribution, hedge_word
from eventwire.corpus.facts.document import FactDoc, word_class
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.resources import tsv_rows
from eventwire.corpus.facts.when_where import area_nouns

__all__ = ["name_statements", "charge_statements", "circumstance_statements", "facility_statements", "health_statements",
           "bail_statements", "affiliation_statements", "none_statements"]


@functools.lru_cache(maxsize=1)
def _undergoer_verbs() -> frozenset[str]:
    return frozenset(r["lemma"] for r in tsv_rows("undergoer_verbs.tsv"))


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, str]]:
    """The lists of ``attribute_words.tsv``: list name -> word -> value."""
    out: dict[str, dict[str, str]] = {}
    for r in tsv_rows("attribute_words.tsv"):
        out.setdefault(r["list"], {})[r["word"]] = r["value"] or r["word"]
    return out


def _undergoer_nouns() -> frozenset[str]:
    """Nouns of dying ("the death of X"): like a single subject of "died", their "of" phrase
    names the story's protagonist, not a detail of a killing ("the murder of X")."""
    return frozenset(_words()["undergoer_nouns"])


_TITLE_WORDS = re.compile(r"^(?:(?:" + "|".join(_words()["titles"]) + r")\s+)+")


def title_free(name: str) -> str:
    """A person's name without the titles before it ("Capt. Tom Tennant" -> "Tom Tennant")."""
    return _TITLE_WORDS.sub("", name).strip()


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
    rows = tsv_rows("charges.tsv")
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
    return frozenset((r["preposition"], r["noun"]) for r in tsv_rows("death_circumstances.tsv"))


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


@functools.lru_cache(maxsize=1)
def _facilities() -> frozenset[str]:
    return frozenset(r["noun"] for r in tsv_rows("facilities.tsv"))


_LOCATIVE = frozenset(_words()["locative"])
_DROP = frozenset(_words()["drop"])
_TOWN_PARTS = frozenset(_words()["town_parts"])


def _is_town(doc: FactDoc, a: int, b: int) -> str | None:
    """The name of the town or region a GPE entity over [a, b) names (a gazetteer place), or
    None (a prison's or a shop's name the tagger took for a place)."""
    from eventwire.analyze.places_gazetteer import gazetteer

    e = doc.entity_at(a, b, ("GPE", "LOC", "ORG"))
    if e is None:
        return None
    name = re.sub(r"^the\s+", "", e.text.strip(), flags=re.I)
    kinds = gazetteer().kinds(name)
    # the tagger calls some towns organisations (a small town): then only a one-word city counts
    if e.label != "GPE" and (" " in name or "city" not in kinds):
        return None
    return name if kinds else None


def article_town(doc: FactDoc) -> str | None:
    """The one town the article's own text names (gazetteer cities, ``_is_town``),
    or None when it names none or several: the town of a building whose phrase names none
    (the gold's convention, "Pagliarelli prison, Palermo")."""
    if ("article_town", 0) not in doc.memo:
        towns = {t for e in doc.entities if e.label in ("GPE", "ORG") and doc.own(e.start, e.end) is not None
                 and (t := _is_town(doc, e.start, e.end)) is not None and _is_city(t, e.label == "ORG")}
        doc.memo[("article_town", 0)] = next(iter(towns)) if len(towns) == 1 else None
    return doc.memo[("article_town", 0)]  # type: ignore[no-any-return]


def _is_city(name: str, as_org: bool = False) -> bool:
    """A city and not a state or country ("Oregon"); a name the tagger calls an organisation
    only when a city of 20,000+ people bears it (as ``place_statements`` reads it: "Mafia"
    is a small town too)."""
    from eventwire.analyze.places_gazetteer import gazetteer

    kinds = gazetteer().kinds(name)
    if "city" not in kinds or kinds & {"country", "admin1"}:
        return False
    return not as_org or any(e.kind == "city" and e.name == name and e.population >= 20000 for e in gazetteer().lookup(name))


def _pp_town(doc: FactDoc, k: int, after: int | None = None) -> tuple[str, int] | None:
    """The town of a locative phrase on k ("shop in Dayton", "prison in the Italian capital
    of Rome"): the town's name and the phrase's end. With ``after``, only a phrase that
    starts right after that offset counts."""
    for p in doc.children(k):
        if doc.tok(p).dep != "prep" or doc.tok(p).lemma.lower() not in ("in", "of"):
            continue
        if after is not None and doc.text[after : doc.tok(p).start].strip():
            continue
        a, b = doc.subtree_span(p)
        for e in doc.entities_in(a, b, ("GPE", "ORG", "LOC")):
            town = _is_town(doc, e.start, e.end)
            if town is not None:
                return town, b
    return None


def facility_statements(doc: FactDoc) -> list[Statement]:
    """Where a happening took place, at the level of the building: a named phrase headed by
    a noun of ``facilities.tsv`` in a locative phrase of a happening ("found dead in
    Rebibbia prison in the Italian capital of Rome" -> "Rebibbia prison, Rome"; "shot at a
    Dayton ice cream shop" -> "ice cream shop, Dayton"). The town, from a modifier of the
    phrase or a locative phrase after it, comes last; a bare "a Rome jail" (no name but the
    town's) is left to the town's own place statement, and a building an organisation's
    name names ("a Wells Fargo Bank branch") is that name."""
    facilities = _facilities()
    out: list[Statement] = []
    for k, t in enumerate(doc.tokens):
        if not _is_facility(doc, k, facilities):
            continue
        if any(_is_facility(doc, c, facilities) for c in doc.children(k) if c < k and doc.tok(c).dep == "compound"):
            continue  # "prison cell", "Bank branch office": the building is the inner noun's
        root = k
        while doc.tok(root).dep == "compound" and doc.head(root) != root:
            root = doc.head(root)
        rt = doc.tok(root)
        prep = doc.head(root)
        if rt.dep != "pobj" or doc.tok(prep).lemma.lower() not in _LOCATIVE:
            continue
        happening = doc.event_class(doc.head(prep))
        seg = doc.own(t.start, t.end)
        if happening is None or seg is None:
            continue
        mods = sorted(x for x in _left_modifiers(doc, k))
        town = None
        name: list[int] = []
        for x in mods:
            xt = doc.tok(x)
            tw = _is_town(doc, xt.start, xt.end)
            if tw is not None:
                town = tw
            elif rules.on("area") and xt.lemma.lower() in area_nouns():
                continue  # "a Woodburn-area bank": where the building is, not its name
            elif xt.text.lower() not in _DROP and (xt.pos in ("PROPN", "NOUN") or xt.dep == "case" and name):
                name.append(x)
        if not name:
            continue
        if t.lemma.lower() in _TOWN_PARTS and all(doc.tok(x).lemma.lower() in area_nouns() for x in name):
            continue  # "in Wellington town centre": the town itself, its own place statement
        ent = doc.entity_at(t.start, t.end, ("ORG", "FAC", "LOC"))
        if ent is not None and ent.start <= doc.tok(name[0]).start:
            # a building named by an organisation's or a site's name ("Wells Fargo Bank",
            # "Cook County Jail"): the name says which; its town is a statement of its own
            label = re.sub(r"^the\s+", "", ent.text.strip(), flags=re.I)
            a = ent.start + ent.text.find(label)
            out.append(Statement(
                doc_id=doc.doc_id, start=a, end=a + len(label), text=label, key=f"place:{happening}", kind="place",
                value=label, attribution=attribution(doc, a), hedge=hedge_word(doc, a), segment=seg, doc_date=doc.dct,
            ))
            continue
        end = t.end
        if town is None:
            found = _pp_town(doc, k) or (_pp_town(doc, root) if root != k else None)
            if found is None:  # "shot at a shop in Dayton", the town's phrase parsed on the verb
                found = _pp_town(doc, doc.head(prep), after=doc.tok(root).end)
            if found is not None:
                town, end = found
        if town is None:
            town = article_town(doc)  # "found dead in Pagliarelli prison" in an article about Palermo
        a = min(doc.tok(x).start for x in mods) if mods else t.start
        label = doc.text[doc.tok(name[0]).start : t.end]
        value = f"{label}, {town}" if town else label
        out.append(Statement(
            doc_id=doc.doc_id, start=a, end=end, text=doc.text[a:end], key=f"place:{happening}", kind="place",
            value=re.sub(r"\s+", " ", value), attribution=attribution(doc, a), hedge=hedge_word(doc, a),
            segment=seg, doc_date=doc.dct,
        ))
    return out


def _is_facility(doc: FactDoc, k: int, facilities: frozenset[str]) -> bool:
    t = doc.tok(k)
    return t.pos in ("NOUN", "PROPN") and (t.lemma.lower() in facilities or t.text.lower() in facilities)


def _left_modifiers(doc: FactDoc, k: int) -> list[int]:
    """The words before k that modify it (compounds, possessives, adjectives and their own
    modifiers): the name part of "Joe's Pizza Shop", "Rome's Rebibbia prison"."""
    out: list[int] = []
    stack = [c for c in doc.children(k) if c < k and doc.tok(c).dep in ("compound", "poss", "amod", "nmod", "det")]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(c for c in doc.children(x) if c < x or doc.tok(c).dep == "case")
    return out


@functools.lru_cache(maxsize=1)
def _health() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"\b(?:{r['pattern']})\b", re.I), r["health"]) for r in tsv_rows("health.tsv"))


def health_statements(doc: FactDoc) -> list[Statement]:
    """A person's state of health ("terminally ill", "near death with a terminal illness"
    -> terminally ill), from ``health.tsv``; key ``condition:health``."""
    out: list[Statement] = []
    for bs, be, seg in doc.own_spans:
        for pat, health in _health():
            for m in pat.finditer(doc.text, bs, be):
                out.append(Statement(
                    doc_id=doc.doc_id, start=m.start(), end=m.end(), text=m.group(0), key="condition:health",
                    kind="condition", value=health, attribution=attribution(doc, m.start()),
                    hedge=hedge_word(doc, m.start()), segment=seg, doc_date=doc.dct,
                ))
    return out


_BAIL_VERBS = _words()["bail_verbs"]
_BAIL = re.compile(r"\b(" + "|".join(_BAIL_VERBS) + r")\s+(without|on|in\s+lieu\s+of)\s+(?:(?:a|an)\s+)?"
                   r"(?:\$[\d.,]+(?:\s+(?:million|thousand))?\s+)?bail\b", re.I)


def bail_statements(doc: FactDoc) -> list[Statement]:
    """Whether a suspect is held or released without or on bail ("being held without bail"
    -> held without bail); the amount, when given, is a money statement of its own."""
    out: list[Statement] = []
    for bs, be, seg in doc.own_spans:
        for m in _BAIL.finditer(doc.text, bs, be):
            verb = m.group(1).lower()
            prep = "without" if m.group(2).lower() == "without" else "on"
            out.append(Statement(
                doc_id=doc.doc_id, start=m.start(), end=m.end(), text=m.group(0), key="bail", kind="bail",
                value=f"{_BAIL_VERBS[verb]} {prep} bail", attribution=attribution(doc, m.start()),
                hedge=hedge_word(doc, m.start()), segment=seg, doc_date=doc.dct,
            ))
    return out


@functools.lru_cache(maxsize=1)
def _groups() -> frozenset[str]:
    return frozenset(r["noun"] for r in tsv_rows("groups.tsv"))


def affiliation_statements(doc: FactDoc) -> list[Statement]:
    """The group people belong to: the name of a group noun of ``groups.tsv`` that is the
    object of "member(s) of" ("two members of the Avenues gang" -> Avenues)."""
    groups = _groups()
    out: list[Statement] = []
    for k, t in enumerate(doc.tokens):
        if t.lemma.lower() not in _words()["group_heads"] or t.pos != "NOUN":
            continue
        of = next((c for c in doc.children(k) if doc.tok(c).lemma.lower() == "of" and doc.tok(c).dep == "prep"), None)
        obj = doc.child(of, "pobj") if of is not None else None
        if obj is None or doc.tok(obj).lemma.lower() not in groups and doc.tok(obj).text.lower() not in groups:
            continue
        name = [c for c in doc.children(obj) if c < obj and doc.tok(c).dep in ("compound", "amod", "nmod")
                and doc.tok(c).pos == "PROPN"]
        seg = doc.own(t.start, t.end)
        if not name or seg is None:
            continue
        a, b = doc.tok(min(name)).start, doc.tok(max(name)).end
        out.append(Statement(
            doc_id=doc.doc_id, start=a, end=doc.tok(obj).end, text=doc.text[a : doc.tok(obj).end], key="affiliation",
            kind="affiliation", value=doc.text[a:b], attribution=attribution(doc, a), hedge=hedge_word(doc, a),
            segment=seg, doc_date=doc.dct,
        ))
    return out


@functools.lru_cache(maxsize=1)
def _none_stated() -> tuple[tuple[re.Pattern[str], str, str, str], ...]:
    return tuple((re.compile(rf"\b(?:{r['pattern']})", re.I), r["key"], r["kind"], r["value"])
                 for r in tsv_rows("none_stated.tsv"))


def none_statements(doc: FactDoc) -> list[Statement]:
    """Facts stated as none ("no one was hurt" -> 0 injured; "police have no suspects" ->
    suspects: none), from ``none_stated.tsv``."""
    out: list[Statement] = []
    for bs, be, seg in doc.own_spans:
        for pat, key, kind, value in _none_stated():
            for m in pat.finditer(doc.text, bs, be):
                v: float | str = float(value) if kind == "count" else value
                out.append(Statement(
                    doc_id=doc.doc_id, start=m.start(), end=m.end(), text=m.group(0), key=key, kind=kind, value=v,
                    unit="people" if kind == "count" else None, attribution=attribution(doc, m.start()),
                    hedge=hedge_word(doc, m.start()), segment=seg, doc_date=doc.dct,
                ))
    return out
