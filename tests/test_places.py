"""Tests for eventwire.analyze.places (event locations, gazetteer, places stage)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eventwire.analyze.nlp import make_stage as nlp_stage
from eventwire.analyze.places import event_location, locate_command, make_stage
from eventwire.analyze.places_gazetteer import gazetteer
from eventwire.model import AnalyzedDoc, Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "examples" / "seeds" / "002_deff7df00f35160b.txt"
DEV_GOLD = SHARED / "data" / "events" / "geo" / "event_location" / "gold_relabel_dev.jsonl"
# the dev overlap F1 reached when the model was trained (eval/geo_eval.py), minus 0.02
DEV_OVERLAP_F1_FLOOR = 0.824 - 0.02


def _analyze(text: str, aid: str = "a1") -> AnalyzedDoc:
    art = Article(id=aid, text=text, source="test", fmt="text")
    docs = nlp_stage()([AnalyzedDoc(article=art)])
    return make_stage()(docs)[0]


def _sentence_of(doc: AnalyzedDoc, offset: int) -> tuple[int, int]:
    s = next(s for s in doc.sentences if s.start <= offset < s.end)
    return s.start, s.end


def _locate(text: str, verb: str, rid: str = "r") -> list[dict]:
    i = text.index(verb)
    out = list(locate_command([{"id": rid, "text": text, "verb": [{"start": i, "end": i + len(verb)}]}]))
    return out[0]["locations"]


def test_places_hanoi_visit_in_seed() -> None:
    if not SEED.exists():
        pytest.skip("seed file missing")
    text = SEED.read_text(encoding="utf-8")
    doc = _analyze(text)
    i = text.index("visit to Hanoi")
    s, e = _sentence_of(doc, i)
    place = event_location(doc.tokens, doc.places, i, i + len("visit"), s, e)
    assert place is not None
    assert place.text == "Hanoi" and place.country == "VNM"
    assert place.text == text[place.start:place.end]
    assert place in doc.places
    assert abs((place.lat or 0) - 21.02) < 0.1 and abs((place.lon or 0) - 105.84) < 0.1


def test_places_dateline_does_not_override_event_place() -> None:
    text = ("BEIJING, Dec 7 (Reuters) - Chinese President Xi Jinping will pay a state visit to Hanoi "
            "next week, the foreign ministry said. The spokesman said the talks would be productive.")
    doc = _analyze(text)
    dateline = next(p for p in doc.places if p.text == "BEIJING" or p.name == "Beijing")
    assert dateline.country == "CHN"
    i = text.index("visit to Hanoi")
    s, e = _sentence_of(doc, i)
    place = event_location(doc.tokens, doc.places, i, i + 5, s, e, dateline_place=dateline)
    assert place is not None and place.name == "Hanoi" and place.country == "VNM"
    # a sentence with no place at all falls back to the dateline
    j = text.index("said the talks")
    s2, e2 = _sentence_of(doc, j)
    assert event_location(doc.tokens, doc.places, j, j + 4, s2, e2, dateline_place=dateline) == dateline
    assert event_location(doc.tokens, doc.places, j, j + 4, s2, e2) is None


def test_places_no_place_sentence_gives_empty_list() -> None:
    locs = _locate("At least 24 militants were reportedly killed in the attack on Tuesday.", "killed")
    assert locs == []


def test_places_locate_finds_specific_place_with_coordinates() -> None:
    text = "A civilian was killed by a mortar in al-Tijara neighbourhood in central Damascus on Thursday."
    locs = _locate(text, "killed")
    assert [loc["text"] for loc in locs] == ["al-Tijara"]
    text2 = "Around 100,000 right-wing supporters demonstrated in Rome on Saturday."
    locs2 = _locate(text2, "demonstrated")
    assert len(locs2) == 1
    loc = locs2[0]
    assert (loc["text"], loc["name"], loc["country"]) == ("Rome", "Rome", "ITA")
    assert text2[loc["start"]:loc["end"]] == "Rome"
    assert abs(loc["lat"] - 41.89) < 0.1 and abs(loc["lon"] - 12.5) < 0.1


def test_places_locate_order_and_repeated_ids() -> None:
    t1 = "Protesters marched in Paris while police detained dozens in Lyon."
    t2 = "Nothing happened here."
    recs = [
        {"id": "x", "text": t1, "verb": [{"start": t1.index("marched"), "end": t1.index("marched") + 7}]},
        {"id": "y", "text": t2, "verb": [{"start": t2.index("happened"), "end": t2.index("happened") + 8}]},
        {"id": "x", "text": t1, "verb": [{"start": t1.index("detained"), "end": t1.index("detained") + 8}]},
    ]
    out = list(locate_command(iter(recs), batch_size=2))
    assert [o["id"] for o in out] == ["x", "y", "x"]
    assert [loc["text"] for loc in out[0]["locations"]] == ["Paris"]
    assert out[1]["locations"] == []
    assert [loc["text"] for loc in out[2]["locations"]] == ["Lyon"]


def test_places_gazetteer_resolution() -> None:
    g = gazetteer()
    hanoi = g.resolve("Hanoi")
    assert hanoi is not None and hanoi.country == "VNM" and hanoi.kind == "city" and hanoi.admin1
    assert abs((hanoi.lat or 0) - 21.02) < 0.1
    paris = g.resolve("Paris")
    assert paris is not None and paris.country == "FRA"
    for name, iso3 in [("Vietnam", "VNM"), ("U.S.", "USA"), ("Britain", "GBR"), ("South Korea", "KOR")]:
        e = g.resolve(name)
        assert e is not None and e.kind == "country" and e.country == iso3, name
        assert e.lat is not None and e.lon is not None
    us = g.resolve("United States")
    assert us is not None and 25 < (us.lat or 0) < 50 and -125 < (us.lon or 0) < -65
    # country context decides between homonyms
    georgia_us = g.resolve("Georgia", frozenset({"USA"}))
    assert georgia_us is not None
    assert g.resolve("Damascus", frozenset({"SYR"})).country == "SYR"  # type: ignore[union-attr]


def test_places_stage_records_are_consistent() -> None:
    text = "Troops were deployed in Kabul and Kandahar, Afghanistan, officials said on Monday."
    doc = _analyze(text, "art-9")
    names = {p.text for p in doc.places}
    assert {"Kabul", "Afghanistan"} <= names
    for p in doc.places:
        assert p.article_id == "art-9" and text[p.start:p.end] == p.text
    again = _analyze(text, "art-9")
    assert [p.id for p in again.places] == [p.id for p in doc.places]
    assert ("places", "2") in doc.stage_versions


def test_places_dev_regression_gate() -> None:
    if not DEV_GOLD.exists():
        pytest.skip("shared dev gold not available")
    sys.path.insert(0, str(SHARED / "eval"))
    from geo_score import score

    gold = [json.loads(line) for line in DEV_GOLD.open(encoding="utf-8") if line.strip()]
    recs = [{"id": g["id"], "text": g["text"], "verb": [{"start": v["start"], "end": v["end"]} for v in g["verb"]]}
            for g in gold]
    res = score(gold, list(locate_command(recs)))
    assert res["overlap"]["f1"] >= DEV_OVERLAP_F1_FLOOR, res["overlap"]


# --- precision on real news: entity type, alternate names, subdivisions ---


def test_places_stage_organisation_or_person_is_not_a_place() -> None:
    doc = _analyze("Hamas fighters fired rockets at the town, and Hamas leaders later met in Cairo. "
                   "Coach Eddie Jordan lost again, and Jordan said the team must improve.")
    texts = {p.text: p for p in doc.places}
    assert "Hamas" not in texts and "Jordan" not in texts
    assert texts["Cairo"].country == "EGY"
    # a facility is a place, but not a town of the same name
    doc = _analyze("Protesters gathered outside the White House on Sunday.")
    assert all(p.country is None for p in doc.places if p.text == "White House")


def test_places_gazetteer_alternate_name_needs_evidence() -> None:
    gaz = gazetteer()
    # "Yida" is one of Jeddah's GeoNames alternate names, "White House" one of Guntersville's
    assert gaz.resolve("Yida") is None
    assert gaz.resolve("Yida", frozenset({"SAU"})) is not None
    wh = gaz.resolve("White House", frozenset({"USA"}))
    assert wh is None or wh.name != "Guntersville"  # (White House, Tennessee is a town of that name)
    # a city's own name needs no evidence
    e = gaz.resolve("Jeddah")
    assert e is not None and e.country == "SAU"
    doc = _analyze("Thousands of refugees reached the camp at Yida after fleeing the fighting in the hills.")
    assert all(p.country != "SAU" for p in doc.places)


def test_places_subdivision_is_not_resolved_by_its_last_word() -> None:
    from eventwire.analyze.places import resolve_mention

    bc = resolve_mention("British Columbia")
    assert bc is not None and (bc.kind, bc.country) == ("admin1", "CAN")
    assert resolve_mention("Upper Westbrook Columbia") is None or resolve_mention("Upper Westbrook Columbia").country != "USA"  # type: ignore[union-attr]
    idlib = resolve_mention("southern Idlib")
    assert idlib is not None and idlib.country == "SYR"


def test_places_city_comma_state_is_the_state_not_the_country() -> None:
    doc = _analyze("Two people were hurt in a shooting in Savannah, Georgia, on Monday, and talks were held in Tbilisi, Georgia.")
    got = [(p.text, p.country) for p in doc.places if p.text == "Georgia"]
    assert got == [("Georgia", "USA"), ("Georgia", "GEO")]


def test_places_surname_of_a_person_named_in_the_article_is_not_a_town() -> None:
    doc = _analyze("Police arrested receiver Marcus Jackson on Tuesday in Denver. Jackson was released on bail, "
                   "and Jackson, Mississippi was not involved.")
    released = doc.article.text.index("Jackson was released")
    assert not any(p.start == released and p.country is not None for p in doc.places)
    assert any(p.name == "Denver" for p in doc.places)


def test_places_city_named_with_city_keeps_its_whole_name() -> None:
    # sentences written for this test: "Idlib province", "Hue city" are a name and its kind, but
    # "Kansas City" and "Mexico City" are names of their own (the gazetteer knows the whole)
    doc = _analyze("Police in Kansas City arrested a man, and protests spread to Mexico City. "
                   "Fighting reached Idlib province and Hue city.")
    got = {p.text: (p.name, p.country) for p in doc.places}
    assert got["Kansas City"] == ("Kansas City", "USA")
    assert got["Mexico City"][1] == "MEX"
    assert "Idlib" in got and "Hue" in got
