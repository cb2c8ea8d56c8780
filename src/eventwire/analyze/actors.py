"""Actor resolution: who is named in a text, as canonical, time-aware identities.

Two entry points:

- :func:`code_actor_phrase` codes one noun phrase ("Kenyan President William Ruto",
  "the rebels", "Israeli troops") into an :class:`ActorCode` with dictionary and regex
  look-ups only (no spaCy call), for the events coder.
- :func:`make_stage` is the pipeline stage "actors": it finds actor mentions in the body
  sentences of an article (named entities plus title and nominal phrases), resolves them,
  links mentions within the article (full name → surname → title → pronoun where the
  pronoun is the subject right after a sentence whose subject was that person) and writes
  ``actors`` and ``actor_mentions``.

Roles come from the text first (titles, demonyms, "X's foreign minister") and from the
shipped dictionary second; for people the dictionary gives the office held at the
article's date. Actor ids are ``make_id("actor", type, country, canonical key)`` and so are
the same in every article.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.analyze.actors_dict import ActorDictionary, load_dictionary
from eventwire.analyze.actors_phrase import (
    ActorCode,
    _code_parts,
    _from_entry,
    _pick_entry,
    _strip_determiners,
    _tokens,
    actor_id,
    code_actor_phrase,
)
from eventwire.analyze.actors_places import foreign_town, jurisdiction_country
from eventwire.analyze.countries import normalize
from eventwire.analyze.pipeline import MapStage
from eventwire.model import Actor, ActorMention, AnalyzedDoc, Entity, Sentence, Token, make_id

__all__ = ["ActorCode", "code_actor_phrase", "actor_id", "make_stage", "resolve_doc", "VERSION"]

VERSION = "3"  # 3: a town qualified as another country's is no actor; officials take their jurisdiction's country

_ENT_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_PRONOUNS = frozenset({"he", "she"})


@dataclass
class _Mention:
    start: int
    end: int
    code: ActorCode
    method: str
    sentence: int
    segment: str
    is_subject: bool = False
    entity_label: str = ""
    name_span: tuple[int, int] | None = None


def _sentence_index(sentences: Sequence[Sentence], offset: int) -> int:
    for k, s in enumerate(sentences):
        if s.start <= offset < s.end:
            return k
    return -1


def _tok_index(tokens: Sequence[Token]) -> dict[int, int]:
    return {t.start: t.i for t in tokens}


def _left_title_run(tokens: Sequence[Token], first: int, sent_start: int, d: ActorDictionary,
                    ent_at: dict[int, Entity]) -> int:
    """Start offset of a title/country run immediately left of token ``first``."""
    k = first - 1
    start = tokens[first].start
    limit = max(0, first - 12)
    while k >= limit and tokens[k].start >= sent_start:
        t = tokens[k]
        key = normalize(t.text)
        ent = ent_at.get(k)
        if ent is not None and ent.label == "PERSON":
            break
        ok = (
            (key in d.agent_words and t.pos in ("NOUN", "PROPN", "ADJ"))
            or (t.text[:1].isupper() and t.pos in ("PROPN", "NOUN", "ADJ") and t.dep not in ("nsubj", "nsubjpass"))
            or (ent is not None and ent.label in ("NORP", "GPE", "ORG"))
            or (key in ("OF", "THE", "'S") and k > limit)
        )
        if not ok or t.pos in ("PUNCT", "VERB", "AUX", "CCONJ", "SPACE") or key in ("AND", "WHO", "ARE", "IS", "WITH"):
            break
        if t.pos in ("ADP", "DET", "PART") and key not in ("OF", "THE", "'S"):
            break
        start = t.start
        k -= 1
    # do not start on a connector
    while start < tokens[first].start:
        i = next(x for x in range(k + 1, first + 1) if tokens[x].start >= start)
        if normalize(tokens[i].text) in ("OF", "THE", "'S"):
            start = tokens[i + 1].start
        else:
            break
    return start


def _dictionary_persons(doc: AnalyzedDoc, d: ActorDictionary, ent_at: dict[int, Entity]) -> list[Entity]:
    """Known people the NER missed: runs of capitalised tokens looked up in the dictionary."""
    tokens = doc.tokens
    text = doc.article.text
    out: list[Entity] = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        if not (t.text[:1].isupper() and t.pos == "PROPN") or (i in ent_at and ent_at[i].label == "PERSON"):
            i += 1
            continue
        j = i
        while j < n and tokens[j].text[:1].isupper() and tokens[j].pos == "PROPN" and not (
            j in ent_at and ent_at[j].label == "PERSON"
        ):
            j += 1
        # longest sub-run of >= 2 tokens that names a person in the dictionary
        found = None
        for a in range(i, j - 1):
            for b in range(j, a + 1, -1):
                es = d.lookup(text[tokens[a].start : tokens[b - 1].end])
                if any(e.type == "person" for e in es):
                    found = (a, b)
                    break
            if found:
                break
        if found:
            a, b = found
            st, en = tokens[a].start, tokens[b - 1].end
            out.append(Entity(make_id(doc.article.id, "entity", st, en, "PERSON", "dict"), doc.article.id,
                              st, en, text[st:en], "PERSON"))
            i = b
        else:
            i = j
    return out


def _title_organisations(text: str, start: int, end: int, date: str | None,
                         d: ActorDictionary) -> list[tuple[int, int, ActorCode]]:
    toks = _tokens(text[start:end])
    out: list[tuple[int, int, ActorCode]] = []
    for a in range(len(toks)):
        for b in range(len(toks), a + 1, -1):
            st, en = start + toks[a].start, start + toks[b - 1].end
            es = d.lookup(text[st:en])
            e = _pick_entry(es, date, None) if es else None
            if e is not None and e.type != "person":
                out.append((st, en, _from_entry(e, date, "dictionary")))
                return out
    # not in the dictionary: a proper-name organisation after "of (the)" coded from its words
    # ("General Secretary of the Communist Party of Vietnam" -> Communist Party of Vietnam, VNM PTY)
    for a in range(1, len(toks)):
        if toks[a - 1].key not in ("OF", "THE") or not toks[a].text[:1].isupper() or toks[a].key == "THE":
            continue
        st, en = start + toks[a].start, end
        while en > st and text[en - 1].isspace():
            en -= 1
        c = code_actor_phrase(text[st:en], date, d)
        if c is not None and c.type == "organisation" and c.country and c.role and _proper(text[st:en]):
            out.append((st, en, dataclasses.replace(c, name=text[st:en], method="title-organisation")))
            return out
    return out


def _proper(name: str) -> bool:
    """Title-case proper name: every word capitalised except short connectors."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() or w in ("of", "the", "and", "for", "de") for w in words)


def resolve_doc(doc: AnalyzedDoc, dictionary: ActorDictionary | None = None) -> AnalyzedDoc:
    d = dictionary or load_dictionary()
    art = doc.article
    text = art.text
    date = art.published
    sents = doc.sentences
    tokens = doc.tokens
    tok_at = _tok_index(tokens)
    ent_at: dict[int, Entity] = {}
    for e in doc.entities:
        i = tok_at.get(e.start)
        while i is not None and i < len(tokens) and tokens[i].end <= e.end:
            ent_at[i] = e
            i += 1
    mentions: list[_Mention] = []
    used: set[int] = set()  # token indices already inside a mention

    def tokens_in(start: int, end: int) -> list[int]:
        i0 = tok_at.get(start)
        if i0 is None:
            return []
        out = []
        i = i0
        while i < len(tokens) and tokens[i].end <= end:
            out.append(i)
            i += 1
        return out

    def add(start: int, end: int, code: ActorCode | None, method: str, label: str = "",
            name_span: tuple[int, int] | None = None) -> None:
        if code is None:
            return
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        idx = tokens_in(start, end)
        if any(i in used for i in idx):
            return
        used.update(idx)
        k = _sentence_index(sents, start)
        seg = sents[k].segment if k >= 0 else art.segment_kind_at(start)
        subj = any(tokens[i].dep in ("nsubj", "nsubjpass") for i in idx)
        mentions.append(_Mention(start, end, code, method, k, seg, subj, label, name_span))

    entities = [te for e in list(doc.entities) + _dictionary_persons(doc, d, ent_at)
                if (te := _trim_name(e, tokens, tokens_in, text)) is not None]
    entities.sort(key=lambda e: e.start)
    for e in entities:
        if e.label == "PERSON":
            i = tok_at.get(e.start)
            while i is not None and i < len(tokens) and tokens[i].end <= e.end:
                ent_at[i] = e
                i += 1

    # 1. PERSON and ORG entities with their titles; then GPE/NORP (+ role noun)
    for label_group in (("PERSON",), ("ORG",), ("NORP", "GPE")):
        for e in entities:
            if e.label not in label_group:
                continue
            i0 = tok_at.get(e.start)
            if i0 is None:
                continue
            k = _sentence_index(sents, e.start)
            sstart = sents[k].start if k >= 0 else 0
            start, end = e.start, e.end
            if e.label in ("PERSON", "ORG"):
                start = _left_title_run(tokens, i0, sstart, d, ent_at)
            # strip a possessive from the entity end
            if text[start:end].endswith(("'s", "’s")):
                end -= 2
            if e.label in ("NORP", "GPE", "ORG"):
                # "Chinese foreign ministry", "China's foreign ministry", "Israeli troops"
                last = max(tokens_in(e.start, e.end) or [i0])
                j = last + 1
                best = None
                while j < len(tokens) and j <= last + 5 and tokens[j].start < (sents[k].end if k >= 0 else len(text)):
                    t = tokens[j]
                    key = normalize(t.text)
                    if t.pos in ("PUNCT", "VERB", "AUX", "ADP", "CCONJ", "DET") and key != "'S":
                        break
                    if j in ent_at and ent_at[j].label in ("PERSON", "GPE", "NORP"):
                        break
                    if t.pos in ("NOUN", "PROPN"):
                        for a in range(last + 1, j + 1):
                            ph = " ".join(normalize(tokens[x].text) for x in range(a, j + 1) if normalize(tokens[x].text) != "'S")
                            if ph in d.agents or (ph.endswith("S") and ph[:-1] in d.agents):
                                best = j
                                break
                    j += 1
                if best is not None:
                    end = tokens[best].end
            phrase = text[start:end]
            toks = _strip_determiners(_tokens(phrase))
            if not toks:
                continue
            code: ActorCode | None
            if e.label == "PERSON":
                shift = [dataclasses.replace(t, start=t.start + start, end=t.end + start) for t in toks]
                code = _code_parts(shift, text, date, d, name_hint=(e.start, e.end))
                method = code.method if code else ""
            else:
                code = code_actor_phrase(phrase, date, d)
                method = code.method if code else ""
                if code is not None and e.label == "ORG" and code.method == "text" and code.type != "person" \
                        and start == e.start and _proper(e.text):
                    code = dataclasses.replace(code, name=e.text)  # its own name; the id stays
            if e.label == "GPE" and foreign_town(text, start, end, code):
                continue  # "Athens, Ga." is a town, not Greece's capital
            if code is None and e.label == "ORG":
                code = ActorCode(e.text, "organisation", None, None, None, actor_id("organisation", None, e.text), "unresolved", 0.3)
                method = "unresolved"
            add(start, end, code, method, e.label, (e.start, e.end) if e.label == "PERSON" else None)
            if e.label == "PERSON" and start < e.start:
                # an organisation named inside the title: "General Secretary of the CPV Nguyen Phu Trong"
                for a, b, oc in _title_organisations(text, start, e.start, date, d):
                    mentions.append(_Mention(a, b, oc, "title-organisation", _sentence_index(sents, a),
                                             sents[k].segment if k >= 0 else "body"))

    # 2. nominal role phrases outside entities: "the rebels", "the spokesperson"
    for t in tokens:
        if t.i in used or t.pos != "NOUN":
            continue
        key = normalize(t.text)
        if key not in d.agents and not (key.endswith("S") and key[:-1] in d.agents):
            continue
        # the noun phrase: left modifiers that are compounds/adjectives of this noun
        i0 = t.i
        while i0 - 1 >= 0 and tokens[i0 - 1].head == t.i and tokens[i0 - 1].dep in ("compound", "amod") and (i0 - 1) not in used:
            i0 -= 1
        if t.i + 1 < len(tokens) and tokens[t.i + 1].head == t.i and tokens[t.i + 1].dep == "compound":
            continue  # part of a longer noun phrase handled at its head
        phrase = text[tokens[i0].start : t.end]
        code = code_actor_phrase(phrase, date, d)
        if code is None or code.type == "country":
            continue
        add(tokens[i0].start, t.end, code, "nominal")

    # 3. pronoun subjects right after a sentence whose subject was one person
    for t in tokens:
        if t.text.lower() in _PRONOUNS and t.dep in ("nsubj", "nsubjpass"):
            add(t.start, t.end, ActorCode("", "pronoun", None, None, None, "", "pronoun"), "pronoun")

    mentions.sort(key=lambda m: m.start)
    mentions = _group_countries(mentions, tokens, tokens_in)
    mentions = _jurisdictions(mentions, text, doc.entities)
    linked = _corefer(mentions, text, date, d)
    return _records(doc, linked)


def _trim_name(e: Entity, tokens: Sequence[Token], tokens_in: Callable[[int, int], list[int]],
               text: str) -> Entity | None:
    """A PERSON or ORG span without what the NER glued to it in headlines and bylines: a
    line break and what follows ("Regina Benjamin\nJul 13"), leading or trailing verbs
    ("Ellen DeGeneres Returns": a name does not end in a plural common noun)."""
    if e.label not in ("PERSON", "ORG"):
        return e
    start, end = e.start, e.end
    nl = text.find("\n", start, end)
    if nl >= 0:
        end = nl
    idx = [i for i in tokens_in(start, end) if tokens[i].end <= end] or tokens_in(e.start, e.end)[:0]
    while idx and tokens[idx[0]].pos in ("VERB", "AUX") and tokens[idx[0]].tag in ("VBG", "VBD", "VBZ", "VBP", "VB"):
        idx = idx[1:]
    while idx and (tokens[idx[-1]].pos in ("VERB", "AUX") or tokens[idx[-1]].tag in ("VBZ", "VBD")
                   or (e.label == "PERSON" and tokens[idx[-1]].tag == "NNS")):
        idx = idx[:-1]
    if not idx:
        return None
    start, end = tokens[idx[0]].start, tokens[idx[-1]].end
    if (start, end) == (e.start, e.end):
        return e
    return dataclasses.replace(e, start=start, end=end, text=text[start:end])


_LIST_DEPS = frozenset({"compound", "nmod", "appos", "conj", "attr", "relcl", "pobj", "prep", "acl", "flat"})
_GROUP_ROLES = frozenset({"GOV", "PTY", "LEG", "MIL", "JUD", "COP", "OPP", "REB"})


def _group_countries(mentions: list[_Mention], tokens: Sequence[Token],
                     tokens_in: Callable[[int, int], list[int]]) -> list[_Mention]:
    """A titled person without a country takes the country of the group they are listed in:
    "Vietnam's top leaders, who are ..., Prime Minister X", "two Iraqi officials, Interior
    Minister X and ...". The dependency path from the person up to the group noun may pass
    only through list and apposition relations (and a copula), at most six steps."""
    groups: dict[int, ActorCode] = {}
    for m in mentions:
        c = m.code
        if c.type in ("group", "organisation") and c.country and c.country != "IGO" and c.role in _GROUP_ROLES:
            for i in tokens_in(m.start, m.end):
                groups[i] = c
    if not groups:
        return mentions
    out = []
    for m in mentions:
        c = m.code
        if c.type == "person" and c.country is None and c.office:
            idx = tokens_in(m.start, m.end)
            inside = set(idx)
            k = next((i for i in idx if tokens[i].head not in inside or tokens[i].head == i), None)
            for _ in range(6):
                if k is None or tokens[k].dep not in _LIST_DEPS or tokens[k].head == k:
                    break
                k = tokens[k].head
                if k in groups:
                    g = groups[k]
                    c = dataclasses.replace(c, country=g.country, actor_id=actor_id("person", g.country, c.name),
                                            method=c.method + "+group-country")
                    break
                if tokens[k].pos == "VERB":
                    break
        out.append(dataclasses.replace(m, code=c) if c is not m.code else m)
    return out


def _jurisdictions(mentions: list[_Mention], text: str, entities: Sequence[Entity]) -> list[_Mention]:
    """An official (a person with an office or role) with no country takes the country of the
    jurisdiction named after them ("Attorney General Wally Oppal of British Columbia";
    :mod:`actors_places`)."""
    out = []
    for m in mentions:
        c = m.code
        if c.type == "person" and c.country is None and (c.office or c.role):
            country = jurisdiction_country(text, m.end, entities)
            if country:
                c = dataclasses.replace(c, country=country, actor_id=actor_id("person", country, c.name),
                                        method=c.method + "+jurisdiction")
        out.append(dataclasses.replace(m, code=c) if c is not m.code else m)
    return out


def _name_tokens(name: str) -> list[str]:
    return normalize(name).split()


def _corefer(mentions: list[_Mention], text: str, date: str | None, d: ActorDictionary) -> list[_Mention]:
    people: list[ActorCode] = []  # named people seen so far, most recent last
    out: list[_Mention] = []
    last_subject_by_sentence: dict[int, ActorCode] = {}
    for m in mentions:
        c = m.code
        if c.type == "pronoun":
            prev = last_subject_by_sentence.get(m.sentence - 1)
            if prev is not None:
                out.append(dataclasses.replace(m, code=dataclasses.replace(prev, method="coreference-pronoun"), method="coreference-pronoun"))
            continue
        if c.method == "unresolved" and m.entity_label != "PERSON":
            surface = _name_tokens(text[m.start : m.end])
            for p in reversed(people):
                if surface and len(surface) < len(_name_tokens(p.name)) and all(w in _name_tokens(p.name) for w in surface):
                    c = dataclasses.replace(p, method="coreference-name")
                    break
        elif c.type == "person" and m.entity_label == "PERSON" and m.name_span is not None:
            surface = _name_tokens(text[m.name_span[0] : m.name_span[1]])
            full = None
            short_of = {e.name for e in d.lookup_short(text[m.name_span[0] : m.name_span[1]])}
            for p in reversed(people):
                pt = _name_tokens(p.name)
                if surface and len(surface) < len(pt) and all(w in pt for w in surface) or p.name in short_of:
                    full = p
                    break
                if surface == pt and c.method.split("+")[0] in ("unresolved", "text") \
                        and c.country in (None, p.country):
                    # the same full name again, with less said about it: the same person
                    c = dataclasses.replace(p, office=c.office or p.office, method="coreference-name")
                    break
            if full is not None and (c.method in ("unresolved", "text") or len(surface) == 1 or c.actor_id != full.actor_id):
                role = c.role if c.role and c.method.startswith("text") and c.country == full.country else full.role
                c = dataclasses.replace(full, role=role or full.role, method="coreference-name")
            elif c.method != "unresolved" or len(surface) >= 2:
                people.append(c)
        elif c.type == "person" and m.method == "nominal":
            # "the spokesperson", "the Chinese leader": the latest person with that title/country
            for p in reversed(people):
                words = set(normalize(text[m.start : m.end]).split())
                office_words = set(normalize(p.office or "").split())
                if (words & office_words - {"THE"}) or (
                    c.country and p.country == c.country and p.role in ("GOV", "PTY") and words & {"LEADER", "PRESIDENT"}
                ):
                    c = dataclasses.replace(p, method="coreference-title")
                    break
        m2 = dataclasses.replace(m, code=c, method=c.method or m.method)
        if m.is_subject and c.type == "person":
            last_subject_by_sentence.setdefault(m.sentence, c)
        out.append(m2)
    return out


def _records(doc: AnalyzedDoc, mentions: list[_Mention]) -> AnalyzedDoc:
    art = doc.article
    actors: dict[str, Actor] = {}
    evidence: dict[str, list[str]] = {}
    out_mentions: list[ActorMention] = []
    other: dict[str, ActorCode] = {}
    for m in mentions:
        c = m.code
        if not c.actor_id:
            continue
        method = c.method or m.method
        if m.segment != "body":
            method = f"{method};{m.segment}"
        mid = make_id(art.id, "actor_mention", m.start, m.end)
        out_mentions.append(
            ActorMention(mid, art.id, m.start, m.end, art.text[m.start : m.end], c.actor_id,
                         c.country, c.role, c.office, method)
        )
        if m.segment != "body":  # only body sentences make story actors; a caption-only
            other.setdefault(c.actor_id, c)  # actor is still an identity its mentions name
            continue
        evidence.setdefault(c.actor_id, []).append(mid)
        prev = actors.get(c.actor_id)
        if prev is None or (prev.office is None and c.office) or (prev.role is None and c.role):
            actors[c.actor_id] = Actor(
                c.actor_id, c.name, c.type, c.country,
                c.role or (prev.role if prev else None),
                c.office or (prev.office if prev else None),
                {"method": c.method},
            )
    final = tuple(
        dataclasses.replace(a, attrs={**a.attrs, "mentions": evidence.get(a.id, [])}) for a in actors.values()
    ) + tuple(
        Actor(i, c.name, c.type, c.country, c.role, c.office, {"method": c.method, "mentions": [], "body": False})
        for i, c in other.items() if i not in actors
    )
    return dataclasses.replace(doc, actors=final, actor_mentions=tuple(out_mentions))


def _resolve_doc_default(doc: AnalyzedDoc) -> AnalyzedDoc:
    return resolve_doc(doc)


def make_stage(**_: Any) -> MapStage:
    """The "actors" stage (options are accepted and ignored)."""
    return MapStage(
        name="actors",
        version=VERSION,
        reads=("article", "sentences", "tokens", "entities"),
        writes=("actors", "actor_mentions"),
        fn=_resolve_doc_default,
    )
