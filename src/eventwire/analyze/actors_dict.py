"""The shipped actor dictionary: names → dated (country, role, office) records.

Loaded once per process from ``resources/actors/``:

- ``curated.jsonl``: hand-curated current office holders and organisations (takes
  precedence; each line names its source),
- ``phoenix_actors.jsonl.gz``: the PETRARCH-2 Phoenix actor dictionaries (MIT, 2014; stale
  for people in office after ~2014, see README),
- ``phoenix_agents.json`` + ``agents_curated.json``: generic role nouns → role codes.

A person is looked up by a name of two words or more only. Short forms (a lone surname
such as "Hue" or "Blackmore", or a title with one name, "President Xi") are kept apart in
``short_names``: the stage links them to a person only after that person's full name has
appeared earlier in the same article (see ``actors._corefer``), never on their own.

Country codes are ISO 3166-1 alpha-3 or ``IGO``/``NGO``/``MNC``/``IMG``; Phoenix's historical and
regional codes are mapped to the successor state (``SUN`` → ``RUS``, ``KSV`` → ``XKX``) or
dropped (``MEA``, ``WEU``, ...; the role is kept).

Extend it without code changes: put extra JSONL files (same format as ``curated.jsonl``)
in the environment variable ``EVENTWIRE_ACTORS_EXTRA`` (paths separated by ``os.pathsep``)
or pass ``extra_paths`` to :func:`load_dictionary`. Extra entries take precedence.

Record format (one JSON object per line)::

    {"name": "Vo Van Thuong", "aliases": ["Thuong"], "type": "person",
     "roles": [{"country": "VNM", "role": "GOV", "office": "State President",
                "start": "2023-03-02", "end": "2024-03-21"}],
     "source": "where this comes from"}
"""

from __future__ import annotations

import functools
import gzip
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventwire.analyze.countries import _resource_dir, normalize

__all__ = ["Role", "DictEntry", "ActorDictionary", "load_dictionary", "SECTORS", "ENV_EXTRA", "NON_STATE",
           "valid_country_code"]

ENV_EXTRA = "EVENTWIRE_ACTORS_EXTRA"

# CAMEO / PLOVER style sector codes kept as roles; other 3-letter chunks (organisation
# qualifiers such as UNO, EEC, HMS) are not roles.
SECTORS = frozenset(
    "GOV MIL REB OPP PTY BUS MED CVL JUD LEG COP EDU REL NGO IGO ELI SPY UAF CRM LAB AGR HLH "
    "DEV ENV HRI REF INS SEP IMG JRN".split()
)
_GROUPISH = frozenset({"REB", "OPP", "CVL", "CRM", "UAF", "SEP", "INS"})
# CAMEO/PLOVER non-state "country" codes kept as they are (IMG: international militarized
# group, as the PLOVER GSR gold codes al-Qaeda).
NON_STATE = frozenset({"IGO", "NGO", "MNC", "IMG"})
# Phoenix (TABARI) codes of states that no longer exist or are not ISO: the successor state.
_SUCCESSOR = {"SUN": "RUS", "USR": "RUS", "KSV": "XKX", "YUG": "SRB", "SCG": "SRB", "FRY": "SRB",
              "SRP": "SRB", "CSK": "CZE", "DDR": "DEU", "FRN": "FRA", "BAH": "BHS"}
# Honorifics that may precede a name in an alias ("MR OBAMA"): not part of the name.
_HONORIFICS = frozenset({"MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "SIR", "DAME", "LORD", "LADY",
                         "SHEIKH", "SHEIK", "GEN", "GEN.", "COL", "COL.", "PRES", "SEN", "SEN.", "REP", "REP."})


@functools.lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})


def valid_country_code(code: str | None) -> str | None:
    """``code`` as an ISO 3166-1 alpha-3 (or non-state IGO/NGO/MNC/IMG) code, or None.

    Historical Phoenix codes become the successor state; regional codes give None."""
    if not code:
        return None
    code = _SUCCESSOR.get(code, code)
    return code if code in _iso3() or code in NON_STATE else None


@dataclass(frozen=True)
class Role:
    country: str | None
    role: str | None
    office: str | None
    start: str | None
    end: str | None

    def valid_at(self, date: str | None) -> bool:
        if date is None:
            return self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True)
class DictEntry:
    name: str
    type: str  # person | organisation | group | igo
    roles: tuple[Role, ...]
    source: str
    curated: bool = False

    def role_at(self, date: str | None) -> tuple[Role | None, bool]:
        """The role held at ``date`` (first valid), else the nearest one; flag = valid."""
        if not self.roles:
            return None, False
        for r in self.roles:
            if r.valid_at(date):
                return r, True
        if date is None:
            return max(self.roles, key=lambda r: r.start or ""), False

        def distance(r: Role) -> str:
            # the most recent role that ended before the date, else the earliest future one
            return r.end or "9999" if (r.end or "9999") <= date else "0000"

        return max(self.roles, key=distance), False


@dataclass(frozen=True)
class ActorDictionary:
    names: dict[str, tuple[DictEntry, ...]]
    short_names: dict[str, tuple[DictEntry, ...]]  # one-name forms: coreference only
    agents: dict[str, str]  # normalized phrase → role ("" = generic person noun)
    generic_default: dict[str, str]
    agent_first_words: frozenset[str]
    agent_words: frozenset[str]

    def lookup(self, text: str) -> tuple[DictEntry, ...]:
        return self.names.get(_key(text), ())

    def lookup_short(self, text: str) -> tuple[DictEntry, ...]:
        """People whose short form (surname, or title + surname) this is; for coreference
        with a full name earlier in the same article only."""
        return self.short_names.get(_key(text), ())


def _key(text: str) -> str:
    k = normalize(text)
    for p in ("THE ", "A "):
        if k.startswith(p):
            k = k[len(p) :]
    if k.endswith("'S"):
        k = k[:-2]
    return k.strip(" .,'\"")


_ACRONYMS = frozenset(
    "ASEAN OPEC UNHCR UNICEF UNESCO ECOWAS BRICS SAARC OSCE IAEA FARC INTERPOL UNRWA UNMIK UNAMA MONUSCO "
    "MINUSMA UNIFIL CEMAC SADC COMESA IGAD EUFOR KFOR ISAF AMISOM".split()
)


def _title_case(name: str) -> str:
    if name.upper() != name or (" " not in name and (len(name) <= 4 or name in _ACRONYMS)):
        return name  # mixed case already, or an acronym ("ASEAN", "NATO")
    return " ".join(w.capitalize() if len(w) > 3 or not w.isalpha() or i == 0 else w.capitalize()
                    for i, w in enumerate(name.split()))


def _entry_type(name: str, roles: tuple[Role, ...], dated: bool, file: str) -> str:
    if roles and all(r.country == "IGO" for r in roles) and not dated:
        return "igo"
    if dated and file == "Countries":
        return "person"
    if roles and roles[0].role in _GROUPISH:
        return "group"
    return "organisation"


def _read_curated(path: Path, curated: bool) -> list[tuple[DictEntry, list[str]]]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            r = json.loads(line)
            roles = tuple(
                Role(valid_country_code(x.get("country")), x.get("role"), x.get("office"), x.get("start"),
                     x.get("end"))
                for x in r.get("roles", [])
            )
            e = DictEntry(r["name"], r.get("type", "organisation"), roles, r.get("source", str(path)), curated)
            out.append((e, [r["name"], *r.get("aliases", [])]))
    return out


def _read_phoenix(path: Path) -> list[tuple[DictEntry, list[str]]]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            roles = tuple(
                Role(valid_country_code(c[0]), c[1] if c[1] in SECTORS else None, None, c[2], c[3])
                for c in r["c"]
            )
            dated = any(x.start or x.end for x in roles)
            name = _title_case(r["n"][4:] if r["n"].startswith("THE ") else r["n"])
            e = DictEntry(name, _entry_type(r["n"], roles, dated, r["f"]), roles, f"phoenix:{r['f']}")
            out.append((e, [r["n"], *r["a"]]))
    return out


def _extra_paths_from_env() -> tuple[str, ...]:
    v = os.environ.get(ENV_EXTRA, "")
    return tuple(p for p in v.split(os.pathsep) if p)


def load_dictionary(extra_paths: tuple[str, ...] | None = None) -> ActorDictionary:
    """The dictionary with the shipped data plus ``extra_paths`` (default: from the env var)."""
    if extra_paths is None:
        extra_paths = _extra_paths_from_env()
    return _load(tuple(extra_paths))


def _load_agents(res: Path) -> tuple[dict[str, str], dict[str, str]]:
    agents: dict[str, str] = {}
    for k, v in json.loads((res / "phoenix_agents.json").read_text(encoding="utf-8")).items():
        agents[normalize(k)] = v if v in SECTORS else ""
    cur = json.loads((res / "agents_curated.json").read_text(encoding="utf-8"))
    for k, v in cur["agents"].items():
        agents[normalize(k)] = v
    for k in cur.get("not_agents", []):
        agents.pop(normalize(k), None)
    generic_default = {normalize(k): v for k, v in cur["_generic_default"].items()}
    return agents, generic_default


def _name_part(key: str, title_words: frozenset[str], is_country: Callable[[str], bool]) -> list[str]:
    """The words of a person alias left after leading titles, honorifics and demonyms."""
    toks = key.split()
    i = 0
    while i < len(toks) - 1 and (toks[i] in _HONORIFICS or toks[i] in title_words
                                 or toks[i] in ("THE", "OF", "FORMER") or is_country(toks[i])):
        i += 1
    return toks[i:]


@functools.lru_cache(maxsize=4)
def _load(extra_paths: tuple[str, ...]) -> ActorDictionary:
    from eventwire.analyze.countries import is_country_word

    res = _resource_dir()
    agents, generic_default = _load_agents(res)
    title_words = frozenset(w for k in agents for w in k.split(" ")) - {"OF", "THE", "AND", "FOR"}
    sources: list[tuple[DictEntry, list[str]]] = []
    for p in extra_paths:
        sources.extend(_read_curated(Path(p), True))
    sources.extend(_read_curated(res / "curated.jsonl", True))
    sources.extend(_read_phoenix(res / "phoenix_actors.jsonl.gz"))

    names: dict[str, list[DictEntry]] = {}
    short: dict[str, list[DictEntry]] = {}
    curated_keys: set[str] = set()
    for e, forms in sources:
        for form in forms:
            k = _key(form)
            if not k:
                continue
            if not e.curated and k in curated_keys:
                continue  # a curated entry owns this name
            index = names
            if e.type == "person":
                part = _name_part(k, title_words, is_country_word)
                if len(part) < 2:
                    index = short  # "HUE", "PRESIDENT XI", "MR OBAMA": never looked up alone
            lst = index.setdefault(k, [])
            if e not in lst:
                lst.append(e)
            if e.curated and index is names:
                curated_keys.add(k)
        if e.type == "person":
            toks = _key(e.name).split()
            if len(toks) >= 2 and len(toks[-1]) >= 3 and toks[-1].isalpha():
                lst = short.setdefault(toks[-1], [])
                if e not in lst:
                    lst.append(e)

    return ActorDictionary(
        names={k: tuple(v) for k, v in names.items()},
        short_names={k: tuple(v) for k, v in short.items()},
        agents=agents,
        generic_default=generic_default,
        agent_first_words=frozenset(k.split(" ")[0] for k in agents),
        agent_words=frozenset(w for k in agents for w in k.split(" ")),
    )
