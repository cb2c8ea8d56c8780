"""The actor phrase coder: one noun phrase → an :class:`ActorCode` (no spaCy call).

``code_actor_phrase("Brazilian President Luiz Inacio Lula da Silva")`` reads titles, demonyms, country and
subdivision names ("Attorney General ... of British Columbia" → CAN) and looks names up in
the shipped dictionary; people are looked up only by a name of two words or more (short
forms are for in-article coreference, see :mod:`eventwire.analyze.actors`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.analyze.actors_dict import ActorDictionary, DictEntry, load_dictionary
from eventwire.analyze.countries import (
    CountryMatch,
    country_name,
    find_country_matches,
    normalize,
    resolve_country_match,
)
from eventwire.model import make_id

__all__ = ["ActorCode", "code_actor_phrase", "actor_id"]

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
    if m.kind == "admin1":
        # a state or province as an actor: its own identity, coded with its country
        return ActorCode(m.name, "region", m.code, None, None, actor_id("region", m.code, m.name), "admin1", 0.7)
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
        for m in find_country_matches(sub, admin1=True)
    ]
    cms = [m for m in cms if _country_evidence(m, toks, text, d, name_hint)]
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
        es = d.lookup(span)  # full names only: a lone surname links by coreference, not here
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


def _country_evidence(m: CountryMatch, toks: list[_Tok], text: str, d: ActorDictionary,
                      name_hint: tuple[int, int] | None) -> bool:
    """Whether a country/subdivision match inside a phrase says whose actor it is.

    Not when it is part of the person's name ("Jordan" in a PERSON span), nor a subdivision
    right after a capitalised name word ("Alejandro Rivera") or followed by more capitalised
    words that hold no role noun ("Victoria Nuland", "Texas Instruments"; but "Texas
    Governor", "Ontario Provincial Police")."""
    if name_hint is not None and name_hint[0] <= m.start and m.end <= name_hint[1]:
        return False
    if m.kind != "admin1":
        return True
    before = [t for t in toks if t.end <= m.start]
    if before and before[-1].key in ("OF", "IN", "FROM", "FOR"):
        return True  # "Attorney General of British Columbia Niki Sharma"
    if before and before[-1].text[:1].isupper() and before[-1].key not in d.agent_words \
            and before[-1].key not in _DETERMINERS and before[-1].key not in _CONNECTORS:
        return False  # "Judge Alejandro Rivera": a surname, not the Uruguayan department
    after = [t for t in toks if t.start >= m.end]
    run = []
    for t in after:
        if not t.text[:1].isupper():
            break
        run.append(t.key)
    return not run or any(k in d.agent_words for k in run)


def _head_country(cms: list[CountryMatch], text: str) -> CountryMatch:
    """The country a phrase is about: the last named country (not after "to"/"with"/"against"),
    else the first match (a demonym modifier: "Greek-Cypriot")."""
    named = [
        m for m in cms
        if m.kind in ("name", "abbrev", "capital", "admin1") and m.code != "IGO"
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
