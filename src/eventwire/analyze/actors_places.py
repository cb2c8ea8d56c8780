"""What the places around an actor's name say about its country.

* :func:`foreign_town`: a capital's name stands for its government ("Athens said ..." is
  Greece), but "Athens, Ga." is a town in Georgia, USA, and a town that is no capital is a
  place, not an actor (:mod:`eventwire.analyze.actors_build`). A name the comma qualifies as a
  town of another country than its actor code's (:mod:`eventwire.analyze.places_qualified`) is
  therefore no actor.
* :func:`jurisdiction_country`: an official without a country of their own takes the country of
  the jurisdiction named right after them ("Attorney General Wally Oppal of British Columbia"
  -> CAN; "the mayor of Kingston, Ontario" -> CAN): a country or first-level region whose
  readings all lie in one country, or a town whose region the text states. A bare town name
  is not enough ("the mayor of Athens" could be in Georgia, USA).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventwire.analyze.actors_phrase import ActorCode
from eventwire.analyze.places_gazetteer import gazetteer
from eventwire.analyze.places_qualified import qualified, regions_of
from eventwire.model import Entity

__all__ = ["foreign_town", "jurisdiction_country"]

_OF = re.compile(r"[ \t]+of[ \t]+")
_THE = re.compile(r"the[ \t]+", re.I)
_BIG_CITY = 100_000
_PLACE_LABELS = ("GPE", "LOC")


def foreign_town(text: str, start: int, end: int, code: ActorCode | None) -> bool:
    """Whether ``text[start:end]``, coded as ``code``, is a town of another country by the
    region the comma names after it."""
    if code is None or not code.country:
        return False
    town = qualified(text, start, end, None, gazetteer())
    return town is not None and town.kind == "city" and town.country != code.country


def jurisdiction_country(text: str, end: int, entities: Sequence[Entity]) -> str | None:
    """The country of the place named by "of <place>" right after ``end``, or None."""
    m = _OF.match(text, end)
    if m is None:
        return None
    the = _THE.match(text, m.end())
    starts = {m.end(), the.end()} if the else {m.end()}
    ent = next((e for e in entities if e.start in starts and e.label in _PLACE_LABELS), None)
    if ent is None:
        return None
    gaz = gazetteer()
    town = qualified(text, ent.start, ent.end, None, gaz)
    if town is not None:
        return town.country
    # a country or first-level region, when every reading of the name is in one country
    # ("British Columbia"; not "Georgia": the US state or the country), and no big city of
    # another country bears the name ("Mayor X of Ontario" is more likely the Californian city's)
    name = _THE.sub("", text[ent.start:ent.end], count=1)
    countries = {r.country for r in regions_of(gaz, name)}
    if len(countries) != 1:
        return None
    country = countries.pop()
    if any(e.kind == "city" and e.country != country and e.population >= _BIG_CITY for e in gaz.lookup(name)):
        return None
    return country
