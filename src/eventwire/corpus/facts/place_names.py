"""One name per place across a story: a town named bare in one article ("in Wellington")
takes the region another article of the same story names it with ("in Wellington,
Somerset"), so that the story's statements of that place carry one canonical value, and the
qualification is one the story's own text states (not a guess from a gazetteer).

Only a bare town's name (no comma; not a country, state or region) is qualified, and only
one level up: a building or street with its town ("Pagliarelli prison, Palermo") keeps its
value. "X, Y" counts as X in Y when Y is a US state (name or abbreviation), a country, state
or region of the gazetteer that holds a town called X, or another place name the tagger
found there that the gazetteer knows as no town of 100,000 people or more. A list of towns
("Paris, London and Rome") is no qualification, nor a possessive ("Kashmir, Pakistan's
army"); the name must be a name of its own, not a longer name's tail ("York" in "New York,
N.Y."); a name that the story places in two different regions is left bare.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence

from eventwire.analyze.places_qualified import region_closed, regions_of, table_form_at
from eventwire.corpus.facts.records import Statement

__all__ = ["qualify_places", "containers", "PLACE_LABELS"]

_BIG_TOWN = 100_000
_COMMA = re.compile(r",\s+")
_LIST_TAIL = re.compile(r"\s*(?:,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*,?\s+(?:and|or|&)\s+[A-Z]")
PLACE_LABELS = ("GPE", "LOC")


@functools.lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    from eventwire.corpus.facts.when_where import region_forms

    return region_forms()


def _country_level(region: str) -> bool:
    from eventwire.analyze.places_gazetteer import gazetteer

    found = regions_of(gazetteer(), region)
    return bool(found) and all(r.admin1 is None for r in found)


def _container(name: str, region: str) -> str | None:
    """The canonical region of "name, region" (a place name after the comma) when the
    region contains the place, or None."""
    from eventwire.analyze.places_gazetteer import gazetteer

    states = _state_names()
    for cand in (region, region.rstrip(".") + ".", region.rstrip(".")):
        if cand in states:
            return None if name in states.values() else states[cand]
    region = region.rstrip(".")
    g = gazetteer()
    towns = [e for e in g.lookup(name) if e.kind == "city"]
    regions = [e for e in g.lookup(region) if e.kind in ("country", "admin1", "region")]
    if regions:
        codes = {c for e in regions for c in (e.country, e.admin1) if c}
        return region if not towns or any(e.country in codes or e.admin1 in codes for e in towns) else None
    if any(e.kind == "city" and e.population >= _BIG_TOWN for e in g.lookup(region)):
        return None  # "Paris, London": two towns
    return region


def _is_region(name: str) -> bool:
    """Whether the name is a whole country, state or region (``when_where.is_setting``, the
    test the places of a happening use) or a US state's name."""
    from eventwire.corpus.facts.when_where import is_setting

    return is_setting(name) or name in _state_names().values()


def containers(texts: Mapping[str, str], places: Mapping[str, Sequence[tuple[int, int]]], names: set[str]) -> dict[str, str]:
    """Bare place name -> "name, region" for the names the story's texts qualify one way
    only; ``places`` are the (start, end) spans of the place names the tagger found in
    each text (a region must be one)."""
    found: dict[str, set[str]] = {}
    names = {n for n in names if not _is_region(n)}  # "Syria, Russia's ally": no town in a country
    if not names:
        return {}
    # one pass per text over every name, longest first
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w-])")
    for doc_id, text in texts.items():
        ends = dict(places.get(doc_id, ()))
        for m in pattern.finditer(text):
            name = m.group(0)
            if m.start() not in ends and re.search(r"[A-Z][\w'’.-]*\s+$", text[max(0, m.start() - 30) : m.start()]):
                continue  # "York" inside "New York": the name itself, not a longer name's tail
            comma = _COMMA.match(text, m.end())
            if comma is None or _LIST_TAIL.match(text, m.end()):
                continue
            if comma.end() in ends:
                written = text[comma.end() : ends[comma.end()]].strip()
                # "Kashmir, Pakistan's army said", "In Moscow, US Ambassador X ...": the next
                # clause's noun phrase, no region (places_qualified.region_closed)
                if not region_closed(text, ends[comma.end()], written, _country_level(written)):
                    continue
                region = _container(name, written)
            else:  # "Albany, N.Y.": a state's abbreviation the tagger may not mark
                form = table_form_at(text, comma.end())
                region = _container(name, form) if form else None
                region = region if region in _state_names().values() else None
            if region is not None and region != name:
                found.setdefault(name, set()).add(region)
    return {n: f"{n}, {next(iter(rs))}" for n, rs in found.items() if len(rs) == 1}


def qualify_places(statements: Sequence[Statement], texts: Mapping[str, str],
                   places: Mapping[str, Sequence[tuple[int, int]]]) -> list[Statement]:
    """The statements with each bare place name qualified as the story's texts qualify it
    (see the module doc); ``texts`` are the story's articles' texts by document id,
    ``places`` the spans of their place names (``PLACE_LABELS`` entities)."""
    bare = {s.value for s in statements if s.kind == "place" and isinstance(s.value, str) and "," not in s.value}
    if not bare:
        return list(statements)
    full = containers(texts, places, {str(v) for v in bare})
    return [dataclasses.replace(s, value=full[s.value]) if s.kind == "place" and isinstance(s.value, str) and s.value in full
            else s for s in statements]
