"""Places of a happening (which place names are places, a building's town, named areas) and whose age a figure is."""

from __future__ import annotations

import dataclasses

from eventwire.corpus.facts import facts_command
from eventwire.corpus.facts.command import extract_statements, fact_docs


def _places(text: str) -> list[str]:
    out = list(facts_command([{"doc_id": "d", "text": text, "story": "s"}]))
    return [s["value"] for s in out[0]["statements"] if s["kind"] == "place"]


def test_when_where_place_name_modifying_no_building_is_no_place() -> None:
    # a place name before a noun that is no building or site says what kind of thing it is
    places = _places("Riot police clashed with protesters after Denver police stormed the building. "
                     "Two men were killed in Denver's biggest police raid.")
    assert "Denver" not in places
    # before a building it says where the building stands
    assert _places("A bomb exploded at a Denver bank on Friday.") == ["Denver"]


def test_attributes_town_centre_is_the_town_not_a_building() -> None:
    assert _places("Fire crews tackled a blaze in Wellington town centre on Sunday.") == ["Wellington"]
    # a named centre is a building
    assert "Kennedy Shopping Center" in _places("A bomb exploded at the Kennedy Shopping Center in Dayton on Friday.")


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
    places = _places("Two people were killed on Friday in the farming town of Greeley.")
    assert "Greeley" in places  # no region the text does not state


def _ages(text: str) -> list[tuple[str, float]]:
    out = list(facts_command([{"doc_id": "d", "text": text, "story": "s"}]))
    return [(s["key"], s["value"]) for s in out[0]["statements"] if s["kind"] == "age"]


def test_extract_age_of_a_described_relative_is_no_named_persons_age() -> None:
    ages = _ages("Firefighter Daniel Moreau died in the blaze, fire chief Anne Roux said. Roux said Moreau "
                 "leaves behind a 16-year-old son and an 18-year-old daughter.")
    assert ("age:?:son", 16.0) in ages and ("age:?:daughter", 18.0) in ages
    assert not [k for k, _ in ages if k in ("age:roux", "age:moreau")]


def test_extract_age_before_a_title_abbreviation_is_the_named_persons() -> None:
    # the sentence splitter sometimes ends a sentence after "Capt." (it did on a real
    # article): the name after the title is still the age's person
    text = ("The police identified the officer who died as 51-year-old Capt. Tom Brandt. "
            "The chief, 46-year-old Ron Ellis, was injured. Ellis was taken to a hospital. Ellis is stable.")
    fd = fact_docs([("d", text, None)])[0]
    cut = text.index("Capt.") + len("Capt.")
    first = fd.sentences[0]
    split = [dataclasses.replace(first, end=cut, text=text[first.start : cut]),
             dataclasses.replace(first, id=first.id + "b", start=cut + 1, text=text[cut + 1 : first.end]),
             *fd.sentences[1:]]
    fd = dataclasses.replace(fd, sentences=split, memo={})
    ages = [(s.key, s.value) for s in extract_statements(fd) if s.kind == "age"]
    assert ("age:brandt", 51.0) in ages
