"""CI quality gates for evaluations whose own tests do not pin a score.

The thresholds are the dev figures reached (see README, Evaluation) minus a small margin,
so a change that silently lowers quality fails CI. Timex, places, events and dedup pin
theirs in their own test modules.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from .conftest import ROOT, SHARED


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "eval" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(
    not (SHARED / "data" / "events" / "gold-dev.jsonl").exists(),
    reason="needs the dev gold ../shared/data/events/gold-dev.jsonl (not in a plain clone)",
)
def test_quality_gates_actor_phrase_coding_on_dev_gold() -> None:
    ae = _load("actors_eval")
    ours = ae.eval_phrases(ae.load_gold())["ours"]
    # reached: country F1 0.921, role F1 0.804, full code 0.777 (n=264)
    assert ours["n"] >= 250
    assert ours["country_F1"] >= 0.90
    assert ours["role_F1"] >= 0.78
    assert ours["code_acc"] >= 0.75
