"""Our five extra annotated facts stories (eval/facts_extra/): the file is what the annotation
sources build, every offset checks out, and the shared scorer verifies it."""

from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout
from typing import Any

import pytest

from .conftest import ROOT, SHARED

EXTRA = ROOT / "eval" / "facts_extra.jsonl"
BUILD = ROOT / "eval" / "facts_extra" / "build.py"
GOLD_BUILD = SHARED / "data" / "facts" / "build" / "common.py"
needs_shared = pytest.mark.skipif(not GOLD_BUILD.exists(), reason="shared facts gold build (../shared/data/facts/build) absent")


def _module(path: Any, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@needs_shared
def test_facts_extra_builds_to_the_committed_file_with_verified_offsets() -> None:
    build = _module(BUILD, "facts_extra_build")
    lines = build.build(SHARED)
    assert build.dumps(lines) == EXTRA.read_text(encoding="utf-8")
    assert [x["subtopic"] for x in lines] == ["11_ecbplus", "14_ecbplus", "23_ecb", "32_ecb", "33_ecb"]
    assert sum(len(x["statements"]) for x in lines) == 516
    assert sum(len(x["groups"]) for x in lines) == 150
    assert sum(g["label"] == "conflict" for x in lines for g in x["groups"]) == 7


@needs_shared
def test_facts_extra_verified_by_the_shared_scorer() -> None:
    fs = _module(SHARED / "data" / "facts" / "facts_score.py", "facts_score_extra")
    gold = [json.loads(x) for x in EXTRA.open(encoding="utf-8")]
    texts = {}
    for f in ("ecbplus-train.jsonl", "ecbplus-dev.jsonl"):
        for line in (SHARED / "data" / "ecbplus" / f).open(encoding="utf-8"):
            d = json.loads(line)
            texts[d["doc_id"]] = d["text"]
    for g in gold:
        for s in g["statements"]:
            assert texts[s["doc_id"]][s["start"] : s["end"]] == s["text"]
    with redirect_stdout(io.StringIO()):
        res = fs.score(gold, [{"subtopic": g["subtopic"], "statements": g["statements"],
                               "groups": [{"key": x["key"], "label": x["label"], "members": x["members"]} for x in g["groups"]]}
                              for g in gold], with_variants=False)
    assert res["statements"]["f1"] == 1.0 and res["group_label"]["accuracy"] == 1.0 and res["conflict_detection"]["f1"] == 1.0


def test_facts_split_keeps_the_held_out_part_apart_from_the_extra_stories() -> None:
    parts = json.loads((ROOT / "eval" / "facts_split.json").read_text(encoding="utf-8"))
    assert parts["heldout"] == ["10_ecb", "20_ecb", "24_ecb"]
    assert not set(parts["extra"]) & (set(parts["heldout"]) | set(parts["tune"]))
    held_topics = {s.split("_")[0] for s in parts["heldout"]}
    assert not {s.split("_")[0] for s in parts["extra"]} & held_topics
