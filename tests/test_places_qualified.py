"""Tests for eventwire.analyze.places_qualified: a town followed by its region ("Athens, Ga.")."""

from __future__ import annotations

import pytest

from eventwire.analyze.nlp import make_stage as nlp_stage
from eventwire.analyze.places import locate_command, make_stage
from eventwire.analyze.places_gazetteer import gazetteer
from eventwire.analyze.places_qualified import qualified, region_rows, regions_of
from eventwire.model import AnalyzedDoc, Article


def _places(text: str) -> dict[str, tuple[str | None, str | None]]:
    art = Article(id="q1", text=text, source="test", fmt="text")
    doc = make_stage()(nlp_stage()([AnalyzedDoc(article=art)]))[0]
    out: dict[str, tuple[str | None, str | None]] = {}
    for p in doc.places:
        out.setdefault(p.text, (p.country, p.admin1))  # the first mention of a name
    return out


# sentences written for these tests: each town has a bigger namesake in another country or state
@pytest.mark.parametrize(("text", "town", "want"), [
    ("Police in Athens, Ga., arrested a man on Friday.", "Athens", ("USA", "US.GA")),
    ("Police in Birmingham, Ala., arrested a man on Friday.", "Birmingham", ("USA", "US.AL")),
    ("Police in Cambridge, Mass., arrested a man on Friday.", "Cambridge", ("USA", "US.MA")),
    ("Police in Portland, Maine, arrested a man on Friday.", "Portland", ("USA", "US.ME")),
    ("Police in Paris, Tex., arrested a man on Friday.", "Paris", ("USA", "US.TX")),
    ("Police in London, Ont., arrested two men on Friday.", "London", ("CAN", "CA.08")),
    ("Police in Kingston, Ontario, arrested a man on Friday.", "Kingston", ("CAN", "CA.08")),
    ("Police in Melbourne, Victoria, arrested a man on Friday.", "Melbourne", ("AUS", "AU.07")),
    ("Police in Newport, Wales, arrested a man.", "Newport", ("GBR", "GB.WLS")),
    ("The protest in Washington, D.C., drew thousands.", "Washington", ("USA", "US.DC")),
])
def test_places_qualified_town_is_the_one_in_the_named_region(text: str, town: str,
                                                              want: tuple[str, str]) -> None:
    assert _places(text)[town] == want


@pytest.mark.parametrize(("text", "region", "want"), [
    ("Police in Athens, Ga., arrested a man on Friday.", "Ga.", "USA"),
    ("Police in Birmingham, Ala., arrested a man on Friday.", "Ala.", "USA"),  # not Ala, Italy
    ("Police in Kingston, Ontario, arrested a man on Friday.", "Ontario", "CAN"),  # not Ontario, California
    ("Police in Melbourne, Victoria, arrested a man on Friday.", "Victoria", "AUS"),
    ("Two people were hurt in Savannah, Georgia, on Monday, and talks were held in Tbilisi, Georgia.",
     "Georgia", "USA"),
])
def test_places_qualified_region_after_a_town_is_that_region(text: str, region: str, want: str) -> None:
    assert _places(text)[region][0] == want


@pytest.mark.parametrize(("text", "town", "country"), [
    # sentences written for this test: the name after the comma starts the next clause's noun
    # phrase, so the town keeps its own reading
    ("In Moscow, US Ambassador John Sullivan met Russian officials.", "Moscow", "RUS"),
    ("In Berlin, U.S. envoys pressed Germany on gas supplies.", "Berlin", "DEU"),
    ("In Athens, Georgia's foreign minister met his Greek counterpart.", "Athens", "GRC"),
    ("The leaders met in London, ON the evening of the summit.", "London", "GBR"),
    # the pair closed by a lower-case word, a sentence end or a clause word after a country
    ("Kingston, Ontario police arrested a man on Friday.", "Kingston", "CAN"),
    ("He was born in Athens, Ga. The family moved to Ohio later.", "Athens", "USA"),
    ("He was last seen in Paris, Ontario on Saturday.", "Paris", "CAN"),
])
def test_places_qualified_only_a_region_that_closes_the_pair(text: str, town: str, country: str) -> None:
    assert _places(text)[town][0] == country


def test_places_qualified_city_named_with_city_resolves_without_the_suffix_too() -> None:
    # "Gaza City" is an alternate name of Gaza: the whole span is kept and resolved as Gaza
    got = _places("Israeli strikes on Gaza City killed 12 people, health officials said.")
    assert got["Gaza City"][0] == "PSE"


def test_places_qualified_lists_keep_their_readings() -> None:
    got = _places("Leaders met in Paris, London and Berlin on Friday.")
    assert [got[n][0] for n in ("Paris", "London", "Berlin")] == ["FRA", "GBR", "DEU"]
    got = _places("Russia has troops in Georgia, Armenia and Azerbaijan, officials said.")
    assert [got[n][0] for n in ("Georgia", "Armenia", "Azerbaijan")] == ["GEO", "ARM", "AZE"]


def test_places_qualified_no_town_of_that_name_in_the_region_changes_nothing() -> None:
    gaz = gazetteer()
    text = "Leaders met in Tokyo, Ontario."
    paris = gaz.resolve("Tokyo")
    assert paris is not None
    assert qualified(text, 15, 20, paris, gaz) is paris  # no Tokyo in Ontario


def test_places_qualified_locate_command_reads_the_region() -> None:
    text = "A man was shot in Manchester, Conn., on Friday."
    i = text.index("shot")
    out = list(locate_command([{"id": "r", "text": text, "verb": [{"start": i, "end": i + 4}]}]))
    locs = out[0]["locations"]
    assert locs and locs[0]["text"] == "Manchester" and locs[0]["country"] == "USA"


def test_places_qualified_region_table_forms() -> None:
    rows = region_rows()
    assert {"form": "B.C.", "country": "CAN", "admin1": "CA.02", "name": "British Columbia"} in rows
    assert all(r["country"] in {"USA", "CAN", "AUS", "GBR"} for r in rows)
    gaz = gazetteer()
    assert [(r.country, r.admin1) for r in regions_of(gaz, "Tex.")] == [("USA", "US.TX")]
    # a US state keeps the gazetteer's entry, with its centre
    ga = regions_of(gaz, "Ga.")[0].entry
    assert ga.name == "Georgia" and ga.lat is not None
