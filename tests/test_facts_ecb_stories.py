"""Session 15's story-level readings on real reports of one story each (ECB+ train texts, from
../shared/data/ecbplus; skipped without them): a supermarket fire in Wellington, Somerset
(14_ecbplus) and a shooting trial in Albany (33_ecb)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from eventwire.corpus.facts import facts_command

from .conftest import SHARED

TRAIN = SHARED / "data" / "ecbplus" / "ecbplus-train.jsonl"
needs_ecb = pytest.mark.skipif(not TRAIN.exists(), reason="ECB+ train texts (../shared/data/ecbplus) absent")


def _story(subtopic: str) -> list[dict[str, Any]]:
    docs = [json.loads(line) for line in TRAIN.open(encoding="utf-8")]
    lines = [{"doc_id": d["doc_id"], "text": d["text"], "story": subtopic} for d in docs if d["subtopic"] == subtopic]
    assert lines
    (story,) = list(facts_command(lines))
    return story["statements"]  # type: ignore[no-any-return]


@needs_ecb
def test_facts_ecb_stories_a_town_one_report_places_and_the_fire_time_many_state() -> None:
    sts = _story("14_ecbplus")
    towns = [s for s in sts if s["kind"] == "place" and s["text"] == "Wellington"]
    # one report writes "Wellington, Somerset": every bare "Wellington" takes it; no Californian guess
    assert len({s["doc_id"] for s in towns}) >= 5 and {s["value"] for s in towns} == {"Wellington, Somerset"}
    assert not [s for s in sts if s["kind"] == "place" and "California" in str(s["value"])]
    # "called at 06:00 BST": the time of a happening of no known kind, kept as several reports state it,
    # with no date beside it (its day is the article's, not the text's)
    clock = [s for s in sts if s["kind"] == "time" and s["value"] == "06:00"]
    assert len({s["doc_id"] for s in clock}) >= 4
    assert not [s for s in sts if s["kind"] == "date" and s["text"].strip().rstrip(".") in ("06:00 BST", "6am")]


@needs_ecb
def test_facts_ecb_stories_calibers_and_one_spelling_per_person() -> None:
    sts = _story("33_ecb")
    calibers = [s["value"] for s in sts if s["kind"] == "caliber"]
    assert set(calibers) == {".32", ".45"} and len(calibers) >= 7  # every ".NN-caliber" / ".NN caliber"
    # one report misspells the accused ("Jerymayne"): the story writes one name
    names = {v for s in sts if s["kind"] == "names" for v in str(s["value"]).split("; ")}
    assert "Jermayne Timmons" in names and "Jerymayne Timmons" not in names
