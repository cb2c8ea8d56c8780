"""A bare place name takes the region its story's texts state (``corpus.facts.place_names``)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from eventwire.corpus.facts.command import facts_command
from eventwire.corpus.facts.place_names import qualify_places
from eventwire.corpus.facts.records import Statement


def _place(doc: str, value: str) -> Statement:
    return Statement(doc_id=doc, start=0, end=len(value), text=value, key="place:fire", kind="place", value=value)


_TAGGED = ("New York", "Wellington", "Somerset", "Florida", "Albany", "Paris", "London", "Rome", "Palermo",
           "Sicily", "Kashmir", "Pakistan", "Syria", "Russia", "York", "Athens")


def _qualified(texts: dict[str, str], values: dict[str, str]) -> dict[str, Any]:
    # the place names a tagger would mark in the texts
    places = {d: [(m.start(), m.end()) for m in re.finditer("|".join(_TAGGED), t)] for d, t in texts.items()}
    out = qualify_places([_place(d, v) for d, v in values.items()], texts, places)
    return {s.doc_id: s.value for s in out}


# (the story's texts, the bare name both articles "a" and "b" state, the value "b" takes)
_CASES = [
    # a region another article states; a US state's abbreviation, old ones too, written out
    ({"a": "A supermarket burned down in Wellington, Somerset, on Sunday.",
      "b": "Firefighters fought the blaze in Wellington for six hours."}, "Wellington", "Wellington, Somerset"),
    ({"a": "A teenager was shot in Albany, N.Y., last May.", "b": "The girl was shot on an Albany street."},
     "Albany", "Albany, New York"),
    ({"a": "He was born in Athens, Tex., in 1928.", "b": "He grew up in Athens."}, "Athens", "Athens, Texas"),
    # a possessive after the comma is the next clause's, no region
    ({"a": "A gunman opened fire in Toronto, Quebec's premier said.", "b": "Police in Toronto said two died."},
     "Toronto", "Toronto"),
    # a Canadian province's abbreviation too (the gazetteer's regions.tsv)
    ({"a": "A gunman opened fire in London, Ont., on Friday.", "b": "Police in London said two died."},
     "London", "London, Ontario"),
    # the region must be a place name: "in Wellington, Smith said" names none
    ({"a": "The shop burned in Wellington, Smith said.", "b": "Fire in Wellington."}, "Wellington", "Wellington"),
    # a list of towns is no qualification
    ({"a": "Protests were held in Paris, London and Rome on Saturday.", "b": "Police in Paris made arrests."},
     "Paris", "Paris"),
    # a name the story places in two regions is left bare
    ({"a": "Storms hit Wellington, Somerset.", "b": "Roofs fell in Wellington.", "c": "Wellington, Florida, flooded."},
     "Wellington", "Wellington"),
    # no region is guessed where no text states one
    ({"a": "Fire in a Somerset town.", "b": "The Somerset blaze was put out."}, "Somerset", "Somerset"),
    # a possessive after the comma, a country before it, a name inside a longer place name
    ({"a": "In Kashmir, Pakistan's army said it fired.", "b": "Shelling hit Kashmir."}, "Kashmir", "Kashmir"),
    ({"a": "Syria, Russia's closest ally, was hit.", "b": "Strikes hit Syria."}, "Syria", "Syria"),
    ({"a": "The firm is based in New York, N.Y., and in York.", "b": "Floods hit York on Monday."}, "York", "York"),
]


@pytest.mark.parametrize(("texts", "name", "expected"), _CASES)
def test_place_names_bare_town_takes_only_a_region_the_story_states(texts: dict[str, str], name: str,
                                                                     expected: str) -> None:
    assert _qualified(texts, {"a": name, "b": name})["b"] == expected


def test_place_names_building_keeps_its_value_while_its_bare_town_is_qualified() -> None:
    texts = {"a": "He hanged himself in Pagliarelli prison in Palermo, Sicily.", "b": "Police in Palermo said so."}
    assert _qualified(texts, {"a": "Pagliarelli prison, Palermo", "b": "Palermo"}) == {
        "a": "Pagliarelli prison, Palermo", "b": "Palermo, Sicily"}


def test_place_names_story_of_the_facts_command_states_one_place() -> None:
    lines = [
        {"doc_id": "a", "story": "s", "text": "A huge fire destroyed a Waitrose supermarket in Wellington, Somerset, "
                                               "early on Sunday. No one was hurt in the fire."},
        {"doc_id": "b", "story": "s", "text": "Fire crews tackled a blaze at a supermarket in Wellington on Sunday. "
                                               "The fire broke out at about 6am."},
    ]
    (story,) = list(facts_command(lines))
    places = [st for st in story["statements"] if st["kind"] == "place" and st["text"].startswith("Wellington")]
    assert {st["doc_id"] for st in places} == {"a", "b"}
    assert {st["value"] for st in places} == {"Wellington, Somerset"}
    idx = [story["statements"].index(st) for st in places]
    (group,) = [g for g in story["groups"] if set(idx) & set(g["members"])]
    assert set(idx) <= set(group["members"]) and group["label"] == "agree"
