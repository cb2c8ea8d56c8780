"""Places qualified by their region: "Athens, Ga.", "London, Ont.", "Melbourne, Victoria".

News writes a town that has bigger namesakes elsewhere with its region after a comma. Such a
pair is read as one statement: the town is the town **of that name in that region**, whatever
its namesakes' size, and the region is that region ("Ontario" after "Kingston," is the
province, not the Californian city; "Ga." is Georgia, "Ala." Alabama, not the Italian town).
A region is a row of ``resources/gazetteer/regions.tsv`` (US states, Canadian provinces and
territories, Australian states, the parts of the UK: full names and the usual AP-style and
postal abbreviations) or any country or first-level region the gazetteer knows. Nothing
changes unless the gazetteer has a town of that name in that region, so a list ("Paris,
London and Berlin"; "Georgia, Armenia and Azerbaijan") keeps its readings.

:func:`qualified` is a pure function of the text, the span and the gazetteer; the ``places``
stage and ``eventwire locate`` both apply it to every resolved place.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import re

from eventwire.analyze.places_gazetteer import RESOURCE_DIR, GazEntry, Gazetteer, normalize_name

__all__ = ["Region", "qualified", "region_closed", "region_rows", "regions_of", "table_form_at", "town_in_region"]

REGIONS_FILE = RESOURCE_DIR / "regions.tsv"
_COMMA = re.compile(r"[ \t]*,[ \t]*")
# a run of capitalised words ("New South Wales", "Prince Edward Island", "B.C.")
_WORD = r"[A-Z][\w'’.-]*"
_RUN_AFTER = re.compile(rf"{_WORD}(?:[ \t]+(?:of[ \t]+|and[ \t]+)?{_WORD}){{0,3}}")
_RUN_BEFORE = re.compile(rf"((?:{_WORD}[ \t]+){{0,3}}{_WORD})[ \t]*,[ \t]*$")
_LOOKBACK = 80


@dataclasses.dataclass(frozen=True)
class Region:
    """A region a town can be qualified by: its country, GeoNames admin1 code (None for a
    whole country or a region the gazetteer has no code for) and gazetteer entry."""

    country: str
    admin1: str | None
    entry: GazEntry


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, str, str], ...]]:
    out: dict[str, list[tuple[str, str, str]]] = {}
    with REGIONS_FILE.open(encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        out.setdefault(r["form"], []).append((r["country"], r["admin1"], r["name"]))
    return {k: tuple(v) for k, v in out.items()}


def region_rows() -> list[dict[str, str]]:
    """The rows of ``regions.tsv`` ({"form", "country", "admin1", "name"}), in file order."""
    return [{"form": form, "country": c, "admin1": a, "name": n}
            for form, rows in _table().items() for c, a, n in rows]


def regions_of(gaz: Gazetteer, name: str) -> list[Region]:
    """The regions ``name`` can be: the table's rows first (exact form), then the gazetteer's
    countries and first-level regions of that name."""
    out: list[Region] = []
    for country, admin1, full in _table().get(name, ()):
        entry = next((e for e in gaz.lookup(full) if e.kind == "admin1" and e.admin1 == admin1), None)
        if entry is None:
            entry = next((e for e in gaz.lookup(full) if e.kind == "country" and e.country == country), None)
        if entry is None:
            entry = GazEntry(None, full, "admin1", country, admin1, None, None, 0)
        out.append(Region(country, admin1, entry))
    for e in gaz.lookup(name):
        if e.kind in ("country", "admin1", "region") and e.country \
                and not any(r.country == e.country and (r.admin1 == e.admin1 or e.admin1 is None) for r in out):
            out.append(Region(e.country, e.admin1 if e.kind == "admin1" else None, e))
    return out


def town_in_region(gaz: Gazetteer, name: str, regions: list[Region]) -> tuple[GazEntry, Region] | None:
    """The town called ``name`` in the first of ``regions`` that has one (its own name before
    an alternate one, then the most populous), with that region; None when none has."""
    key = normalize_name(name)
    for r in regions:
        towns = [e for e in gaz.lookup(name) if e.kind == "city" and e.country == r.country
                 and (r.admin1 is None or e.admin1 == r.admin1)]
        if towns:
            best = max(towns, key=lambda e: (normalize_name(e.name) == key, e.population))
            return best, r
    return None


def region_closed(text: str, end: int, form: str, country_level: bool = False) -> bool:
    """Whether the region ``form`` ending at ``end`` closes the "Town, Region" pair rather than
    starting a noun phrase of the next clause ("In Moscow, US Ambassador X met ...", "In Athens,
    Georgia's foreign minister ..."): the text ends there or a punctuation mark follows ("Athens,
    Ga., police said"; AP style closes the pair with a comma); a first-level region written out
    or with a period may also go on with a lower-case word ("Kingston, Ontario police said") or,
    an abbreviation, end its sentence ("... in Athens, Ga. The suspect ..."); a country only with
    a word that goes on with the clause (``pair_continuations.txt``: "Berne, Switzerland on
    Saturday"). A short upper-case code ("ON", "NT": also ordinary words in capitals) needs the
    punctuation."""
    rest = text[end:end + 40]
    if not rest or rest[0] in ",.;:)!?\"”\n-–—":
        return True
    if rest[0] in "'’" or rest[0] not in " \t" or (form.isupper() and "." not in form):
        return False
    word = rest.lstrip(" \t").split(maxsplit=1)[0] if rest.strip() else ""
    if not word:
        return True
    if word[0] in "-–—(":  # "Newport Beach, Calif. - based"
        return True
    if country_level:  # "born in Berne, Switzerland on Saturday"; not "In Berlin, U.S. envoys"
        return word.rstrip(",.;:") in _continuations()
    return word[0].islower() or (form.endswith(".") and word[0].isupper())


@functools.lru_cache(maxsize=1)
def _continuations() -> frozenset[str]:
    lines = (RESOURCE_DIR / "pair_continuations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def table_form_at(text: str, pos: int) -> str | None:
    """The longest form of ``regions.tsv`` written at ``pos`` that closes its pair
    (:func:`region_closed`), or None ("N.S.W." before "N"; never inside a longer word)."""
    for form in sorted((f for f in _table() if text.startswith(f, pos)), key=len, reverse=True):
        nxt = text[pos + len(form):pos + len(form) + 1]
        if nxt and (nxt.isalnum() or (nxt == "." and not form.endswith("."))):
            continue
        return form if region_closed(text, pos + len(form), form) else None
    return None


def _region_after(gaz: Gazetteer, text: str, pos: int) -> list[Region]:
    """The regions named right after ``pos`` (which follows a comma): a table form, else the
    longest capitalised run the gazetteer reads as a region, each closing its pair."""
    form = table_form_at(text, pos)
    if form is not None:
        return regions_of(gaz, form)
    m = _RUN_AFTER.match(text, pos)
    if m is None:
        return []
    words = m.group(0).split()
    for k in range(len(words), 0, -1):
        full = " ".join(words[:k]).rstrip(",")
        name = full.rstrip(".")
        found = regions_of(gaz, name)
        if found:
            # a period inside the name ("U.S.") is the name's own, not the pair's closer
            end = pos + (len(full) if "." in name else len(name))
            country_level = all(r.admin1 is None for r in found)
            return found if region_closed(text, end, name, country_level) else []
    return []


def qualified(text: str, start: int, end: int, entry: GazEntry | None, gaz: Gazetteer) -> GazEntry | None:
    """The reading of the place name ``text[start:end]`` given what the comma pairs it with:
    a town followed by ", Region" is that region's town; a region preceded by "Town, " is that
    region (when the town is in it). ``entry`` (the name resolved alone) otherwise."""
    name = text[start:end]
    m = _COMMA.match(text, end)
    if m is not None and m.end() < len(text):
        hit = town_in_region(gaz, name, _region_after(gaz, text, m.end()))
        if hit is not None:
            return hit[0]
    before = _RUN_BEFORE.search(text[max(0, start - _LOOKBACK):start])
    if before is not None:
        # the NER may leave an abbreviation's period outside the span ("Tex" of "Tex.")
        form, stop = (name + ".", end + 1) if text[end:end + 1] == "." and regions_of(gaz, name + ".") else (name, end)
        regions = regions_of(gaz, form)
        if regions and region_closed(text, stop, form, all(r.admin1 is None for r in regions)):
            words = before.group(1).split()
            for k in range(len(words)):
                hit = town_in_region(gaz, " ".join(words[k:]), regions)
                if hit is not None:
                    return hit[1].entry
    return entry
