"""Our five extra annotated facts stories (eval/facts_extra/): the file is what the annotation
sources build, and every offset checks out against the ECB+ texts."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import pytest

from .conftest import ROOT, SHARED

EXTRA = ROOT / "eval" / "facts_extra.jsonl"
BUILD = ROOT / "eval" / "facts_extra" / "build.py"
GOLD_BUILD = SHARED / "data" / "facts" / "build" / "common.py"
GOLD_BUILD_MAIN = SHARED / "data" / "facts" / "build" / "build.py"
TEXTS = [SHARED / "data" / "ecbplus" / f for f in ("ecbplus-train.jsonl", "ecbplus-dev.jsonl")]
needs_shared = pytest.mark.skipif(
    not all(p.exists() for p in (GOLD_BUILD, GOLD_BUILD_MAIN, *TEXTS)),
    reason="shared facts gold build (common.py, build.py) or ECB+ texts (../shared/data/facts, ../shared/data/ecbplus) absent")


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
    assert sum(len(x["statements"]) for x in lines) == 506
    assert sum(len(x["groups"]) for x in lines) == 142
    assert sum(g["label"] == "conflict" for x in lines for g in x["groups"]) == 7


@needs_shared
def test_facts_extra_offsets_match_the_ecbplus_texts() -> None:
    gold = [json.loads(x) for x in EXTRA.open(encoding="utf-8")]
    texts = {}
    for f in TEXTS:
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            texts[d["doc_id"]] = d["text"]
    for g in gold:
        for s in g["statements"]:
            assert texts[s["doc_id"]][s["start"] : s["end"]] == s["text"]


def test_facts_split_keeps_the_held_out_part_apart_from_the_extra_stories() -> None:
    parts = json.loads((ROOT / "eval" / "facts_split.json").read_text(encoding="utf-8"))
    assert parts["heldout"] == ["10_ecb", "20_ecb", "24_ecb"]
    assert not set(parts["extra"]) & (set(parts["heldout"]) | set(parts["tune"]))
    held_topics = {s.split("_")[0] for s in parts["heldout"]}
    assert not {s.split("_")[0] for s in parts["extra"]} & held_topics
