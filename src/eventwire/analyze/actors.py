"""Actor resolution: who is named in a text, as canonical, time-aware identities.

Two entry points:

- :func:`code_actor_phrase` codes one noun phrase ("Chinese President Xi Jinping",
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
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.analyze.actors_dict import ActorDictionary, DictEntry, load_dictionary
from eventwire.analyze.countries import (
    CountryMatch,
    country_name,
    find_country_matches,
    normalize,
    resolve_country_match,
)
from eventwire.analyze.pipeline import MapStage
from eventwire.model import Actor, ActorMention, AnalyzedDoc, Entity, Sentence, Token, make_id

__all__ = ["ActorCode", "code_actor_phrase", "actor_id", "make_stage", "resolve_doc", "VERSION"]

VERSION = "1"


@dataclass(frozen=True)
class ActorCode:
    name: str
    type: str  # person | organisation | country | group | igo
    country: str | None  # ISO 3166-1 alpha-3, "IGO", or None
    role: str | None  # GOV, MIL, PTY, ... or None
    office: str | None
    actor_id: str
    method: str = ""  # dictionary | text | country | coreference | ...
    confidence: float = 0.5

    def code(self) -> str:
        """The CAMEO-style code, e.g. "CHNGOV"."""
        return (self.country or "---") + (self.role or "")


def actor_id(type_: str, country: str | None, key: str) -> str:
    return make_id("actor", type_, country or "", normalize(key))


_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’][^\W_]+)?|['’]s\b")
_DETERMINERS = frozenset(
    "THE A AN SOME SEVERAL MANY TWO THREE FOUR FIVE BOTH ALL ITS THEIR HIS HER THIS THAT THESE THOSE OTHER "
    "TOP SENIOR JUNIOR HIGH-RANKING HIGH RANKING".split()
)
_FORMER = frozenset({"FORMER", "OUSTED", "EX", "DEPOSED", "EXILED", "RETIRED", "LATE"})
_CONNECTORS = frozenset({"OF", "THE", "'S", "FOR", "AND", "ON"})


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str
    key: str


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        k = normalize(m.group())
        if k.endswith("'S") and len(k) > 2:
            out.append(_Tok(m.start(), m.end() - 2, m.group()[:-2], k[:-2]))
            out.append(_Tok(m.end() - 2, m.end(), m.group()[-2:], "'S"))
        else:
            out.append(_Tok(m.start(), m.end(), m.group(), k))
    return out


@dataclass(frozen=True)
class _AgentHit:
    i: int
    j: int  # token indices [i, j)
    role: str  # "" = generic person noun
    key: str


def _agent_hits(toks: list[_Tok], d: ActorDictionary, covered: set[int]) -> list[_AgentHit]:
    hits = []
    i = 0
    n = len(toks)
    while i < n:
        if i in covered or toks[i].key not in d.agent_first_words:
            i += 1
            continue
        found = None
        for j in range(min(n, i + 5), i, -1):
            if any(x in covered for x in range(i, j)):
                continue
            k = " ".join(t.key for t in toks[i:j])
            if k in d.agents:
                found = _AgentHit(i, j, d.agents[k], k)
                break
            if j == i + 1 and k.endswith("S") and k[:-1] in d.agents:
                found = _AgentHit(i, j, d.agents[k[:-1]], k[:-1])
                break
        if found and found.j - found.i == 1 and i > 0 and (i - 1) not in covered and toks[i].text[:1].isupper() \
                and toks[i - 1].text[:1].isupper() and toks[i - 1].key not in _DETERMINERS and toks[i - 1].key not in d.agents \
                and toks[i - 1].key not in _FORMER and toks[i - 1].key not in d.agent_words and (i - 1) > 0:
            found = None  # "Tom King", "Martin Luther King": part of a name, not a title
        if found:
            hits.append(found)
            i = found.j
        else:
            i += 1
    return hits


def _agent_role(hits: list[_AgentHit], d: ActorDictionary) -> str | None:
    for h in hits:
        if h.role:
            return h.role
    for h in hits:
        last = h.key.split(" ")[-1]
        base = last[:-1] if last.endswith("S") and last[:-1] in d.generic_default else last
        r = d.generic_default.get(base)
        if r:
            return r
    return None


def _is_personal_title(hit: _AgentHit, d: ActorDictionary) -> bool:
    last = hit.key.split(" ")[-1]
    if last.endswith("S") and not last.endswith(("SS", "US")):
        return False  # plural: a group ("peacekeepers", "rebel leaders")
    if hit.role == "":
        return True
    return bool(re.search(
        r"(MAN|WOMAN|PERSON|ER|OR|IST|PRESIDENT|ARY|IER|KING|QUEEN|PRINCE|PM|ENVOY|GENERAL|OFFICIAL|"
        r"LEADER|CHIEF|HEAD|DIPLOMAT|SENATOR|REPRESENTATIVE|ENVOY|AIDE|DELEGATE|ATTACHE|DEPUTY|MEN|MAN)S?$",
        last,
    )) and not last.endswith(("CENTER", "CENTRE", "ORDER", "BORDER", "POWER", "CHAMBER", "SECTOR", "QUARTER"))


def _pick_entry(entries: Sequence[DictEntry], date: str | None, country: str | None) -> DictEntry | None:
    if not entries:
        return None
    cands = list(entries)
    if country:
        same = [e for e in cands if any(r.country == country for r in e.roles)]
        if same:
            cands = same
    valid = [e for e in cands if e.role_at(date)[1]]
    if valid:
        cands = valid
    cands.sort(key=lambda e: (not e.curated, e.type != "person"))
    # ambiguous surname-only matches are resolved by the caller
    return cands[0]


def _from_entry(e: DictEntry, date: str | None, method: str) -> ActorCode:
    r, valid = e.role_at(date)
    country = r.country if r else None
    role = r.role if r else None
    office = r.office if r and valid else None
    if e.type == "igo":
        country = "IGO"
    if not valid and r is not None and e.type == "person":
        method += "-stale"
        role = role if role in ("MIL", "REB", "OPP", "PTY") else role
    home = _home_country(e)
    return ActorCode(
        name=e.name,
        type=e.type,
        country=country,
        role=role,
        office=office,
        actor_id=actor_id(e.type, home, e.name),
        method=method,
        confidence=0.9 if valid else 0.6,
    )


def _home_country(e: DictEntry) -> str | None:
    """The country used in the id: stable across the entry's roles (first role's country)."""
    for r in e.roles:
        if r.country:
            return r.country
    return None


def _country_actor(m: CountryMatch, method: str = "country") -> ActorCode:
    if m.code == "IGO":
        return ActorCode(m.name, "igo", "IGO", None, None, actor_id("igo", "IGO", m.name), "igo", 0.8)
    if m.kind == "capital":
        # a capital used as a metonym stands for the government
        name = f"{country_name(m.code)} government"
        return ActorCode(name, "organisation", m.code, "GOV", None,
                         actor_id("organisation", m.code, "GOV GOVERNMENT"), "capital-metonym", 0.7)
    name = country_name(m.code)
    return ActorCode(name, "country", m.code, None, None, actor_id("country", m.code, m.code), method, 0.85)


def _strip_determiners(toks: list[_Tok]) -> list[_Tok]:
    i = 0
    while i < len(toks) - 1 and toks[i].key in _DETERMINERS:
        i += 1
    return toks[i:]


def code_actor_phrase(text: str, date: str | None = None, dictionary: ActorDictionary | None = None) -> ActorCode | None:
    """Code one actor noun phrase; None when it names no actor.

    ``date`` (ISO, the article's date) selects the office held at that time.
    """
    if dictionary is None:
        return _code_default(text, date)
    return _code_phrase(text, date, dictionary)


@functools.lru_cache(maxsize=65536)
def _code_default(text: str, date: str | None) -> ActorCode | None:
    return _code_phrase(text, date, load_dictionary())


def _code_phrase(text: str, date: str | None, d: ActorDictionary) -> ActorCode | None:
    toks = _strip_determiners(_tokens(text))
    if not toks:
        return None
    core = text[toks[0].start : toks[-1].end]
    # 1. the whole phrase is a known actor or a country / IGO
    entries = d.lookup(core)
    if entries:
        e = _pick_entry(entries, date, None)
        if e is not None and e.type != "person":
            code = _from_entry(e, date, "dictionary")
            hits = _agent_hits(toks, d, set())
            role = _agent_role(hits, d)
            head_is_role = bool(hits) and hits[-1].j == len(toks) and hits[-1].role != ""
            if role and (code.role is None or head_is_role):
                code = dataclasses.replace(code, role=role, method="text+dictionary")
            return code
    cm = resolve_country_match(core)
    if cm is not None:
        return _country_actor(cm)
    return _code_parts(toks, text, date, d)


def _code_parts(toks: list[_Tok], text: str, date: str | None, d: ActorDictionary,
                name_hint: tuple[int, int] | None = None) -> ActorCode | None:
    core_start = toks[0].start
    sub = text[core_start : toks[-1].end]
    # countries / IGOs inside the phrase
    cms = [
        dataclasses.replace(m, start=m.start + core_start, end=m.end + core_start)
        for m in find_country_matches(sub)
    ]
    covered: set[int] = set()
    for m in cms:
        for idx, t in enumerate(toks):
            if t.start >= m.start and t.end <= m.end:
                covered.add(idx)
    # named runs: capitalised tokens not covered by a country and not role words
    hits = _agent_hits(toks, d, covered)
    for h in hits:
        covered.update(range(h.i, h.j))
    former = any(t.key in _FORMER for t in toks)

    person_entry: DictEntry | None = None
    org_entry: DictEntry | None = None
    name_text: str | None = None
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if i not in covered and toks[i].text[:1].isupper() and toks[i].key not in _DETERMINERS:
            j = i
            while j < len(toks) and j not in covered and (toks[j].text[:1].isupper() or toks[j].key in {"BIN", "AL", "DE", "VAN", "VON", "LA"}):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    if name_hint is not None:
        runs = [r for r in runs if toks[r[0]].start >= name_hint[0] and toks[r[1] - 1].end <= name_hint[1]] or runs
    # dictionary look-up of named runs (longest organisation match over the whole phrase first)
    for a in range(len(toks)):
        for b in range(len(toks), a, -1):
            if b - a < 2 and (a, b) not in runs:
                continue
            es = d.lookup(text[toks[a].start : toks[b - 1].end])
            if es:
                e = _pick_entry(es, date, cms[0].code if cms else None)
                if e is not None and e.type != "person" and (b - a) >= 2:
                    org_entry = e
                    break
        if org_entry:
            break
    for a, b in reversed(runs):
        span = text[toks[a].start : toks[b - 1].end]
        es = d.lookup(span)
        if not es and b - a >= 1:
            es = d.lookup_surname(toks[b - 1].text) if b - a == 1 else ()
            if es and len({e.name for e in es}) > 1:
                es = ()
        e = _pick_entry(es, date, cms[0].code if cms else None) if es else None
        if e is not None and e.type == "person":
            person_entry = e
            name_text = span
            break
        if name_text is None:
            name_text = span
    if not cms:
        # provinces and regions after a preposition: "rebels in Darfur"
        cms = [
            dataclasses.replace(m, start=m.start + core_start, end=m.end + core_start)
            for m in find_country_matches(sub, all_tiers=True)
            if re.search(r"\b(in|of|from)\s+(the\s+)?$", sub[: m.start])
        ]
    text_country = None
    if cms:
        # "Taiwan's Vice Foreign Minister", "president of Armenia", "NATO-member Norway"
        text_country = _head_country(cms, text).code
    text_role = _agent_role(hits, d)
    title_hits = [h for h in hits if _is_personal_title(h, d)]
    office = None
    if hits:
        a, b = hits[0].i, hits[-1].j
        if all(x in covered or toks[x].key in _CONNECTORS for x in range(a, b)):
            office = text[toks[a].start : toks[b - 1].end]
        else:
            office = text[toks[hits[-1].i].start : toks[hits[-1].j - 1].end]

    if person_entry is not None:
        base = _from_entry(person_entry, date, "dictionary")
        country = text_country if text_country and text_country != "IGO" else base.country
        role = "ELI" if former else (text_role or base.role)
        return dataclasses.replace(
            base,
            country=country,
            role=role,
            office=office if title_hits else base.office,
            method="text+dictionary" if (text_role or text_country) else base.method,
        )
    if org_entry is not None and not title_hits:
        code = _from_entry(org_entry, date, "dictionary")
        if code.role is None and text_role:
            code = dataclasses.replace(code, role=text_role, method="text+dictionary")
        return code
    if name_text is not None and (title_hits or name_hint is not None):
        # an unknown named person with a title: "Foreign Minister Oskar Fischer"
        country = text_country or (_home_country(org_entry) if org_entry else None)
        role = "ELI" if former else (text_role or (org_entry.roles[0].role if org_entry and org_entry.roles else None))
        return ActorCode(name_text, "person", country, role, office if title_hits else None,
                         actor_id("person", country, name_text), "text", 0.6)
    if org_entry is not None:
        base = _from_entry(org_entry, date, "dictionary")
        if title_hits:
            # "rebel leaders of Hamas", "Hamas spokesman": a person of that organisation
            return ActorCode(f"{base.name} {office or 'member'}".strip(), "person", base.country, base.role,
                             office, actor_id("person", base.country, f"{base.name} {office}"), "text+dictionary", 0.6)
        return base
    if hits:
        # a nominal actor: "Israeli troops", "the Chinese foreign ministry", "the rebels"
        role = "ELI" if former else text_role
        head = " ".join(toks[x].text.lower() for x in range(hits[0].i, hits[-1].j) if x in covered or toks[x].key in _CONNECTORS)
        head_key = " ".join(_singular(w) for w in normalize(head).split())
        country = text_country
        if country is None and cms and cms[0].code == "IGO":
            country = "IGO"
        cname = (cms[0].name if cms and cms[0].code == "IGO" else country_name(country)) if country else None
        if title_hits and len(title_hits) == len(hits):
            typ = "person"
        elif hits[-1].key.endswith("S") or role in ("REB", "OPP", "CVL", "MIL", "COP", "UAF"):
            typ = "group"
        else:
            typ = "organisation"
        name = f"{cname} {head}" if cname else head
        return ActorCode(name, typ, country, role, office if typ == "person" else None,
                         actor_id(typ, country, f"{role or ''} {head_key}"), "text", 0.6)
    if cms:
        return _country_actor(_head_country(cms, text))
    if name_text is not None and name_hint is not None:
        return ActorCode(name_text, "person", None, None, None, actor_id("person", None, name_text), "unresolved", 0.3)
    return None


def _head_country(cms: list[CountryMatch], text: str) -> CountryMatch:
    """The country a phrase is about: the last named country (not after "to"/"with"/"against"),
    else the first match (a demonym modifier: "Greek-Cypriot")."""
    named = [
        m for m in cms
        if m.kind in ("name", "abbrev", "capital") and m.code != "IGO"
        and not re.search(r"\b(to|with|against|toward|towards)\s+(the\s+)?$", text[: m.start])
    ]
    return named[-1] if named else cms[0]


def _singular(w: str) -> str:
    if w.endswith("MEN"):
        return w[:-3] + "MAN"
    if w.endswith("IES") and len(w) > 4:
        return w[:-3] + "Y"
    if w.endswith("S") and not w.endswith("SS") and len(w) > 3:
        return w[:-1]
    return w


# --------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------

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
    return out


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

    entities = list(doc.entities) + _dictionary_persons(doc, d, ent_at)
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
    linked = _corefer(mentions, text, date, d)
    return _records(doc, linked)


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
            for p in reversed(people):
                pt = _name_tokens(p.name)
                if surface and len(surface) < len(pt) and all(w in pt for w in surface):
                    full = p
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
    for m in mentions:
        c = m.code
        if not c.actor_id:
            continue
        method = c.method or m.method
        if m.segment != "body":
            method = f"{method};{m.segment}"
        mid = make_id(art.id, "actor_mention", m.start, m.end, VERSION)
        out_mentions.append(
            ActorMention(mid, art.id, m.start, m.end, art.text[m.start : m.end], c.actor_id,
                         c.country, c.role, c.office, method)
        )
        if m.segment != "body":
            continue  # only body sentences make story actors
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
