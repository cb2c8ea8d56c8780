"""Places of a happening: which place names are places, a building's town, named areas."""

from __future__ import annotations

from eventwire.corpus.facts import facts_command


def _places(text: str) -> list[str]:
    out = list(facts_command([{"doc_id": "d", "text": text, "story": "s"}]))
    return [s["value"] for s in out[0]["statements"] if s["kind"] == "place"]


def test_when_where_place_name_modifying_no_building_is_no_place() -> None:
    # a place name before a noun that is no building or site says what kind of thing it is
    places = _places("Riot police clashed with protesters after Denver police stormed the building. "
                     "Two men were killed in Denver's biggest police raid.")
    assert "Denver, Colorado" not in places
    # before a building it says where the building stands
    assert _places("A bomb exploded at a Denver bank on Friday.") == ["Denver, Colorado"]


def test_attributes_building_without_town_takes_the_articles_one_town() -> None:
    places = _places("Police in Marseille arrested a man on Monday. He was found hanged in Baumettes prison "
                     "on Tuesday.")
    assert "Baumettes prison, Marseille" in places
    # two towns in the article: the building's town is not guessed
    places = _places("Police in Marseille arrested a man on Monday. He was flown to Paris and found hanged in "
                     "Baumettes prison on Tuesday.")
    assert "Baumettes prison" in places and not any(p.startswith("Baumettes prison,") for p in places)


def test_when_where_named_area_of_a_town() -> None:
    places = _places("Gunmen opened fire on a crowd in the Vieux Port area of Marseille on Monday.")
    assert "Vieux Port, Marseille" in places
