"""The stage registry refuses a missing stage; a failing stage is named in the problem."""

from __future__ import annotations

import pytest

from eventwire.analyze import registry
from eventwire.analyze.pipeline import MapStage, Pipeline, StageFailed
from eventwire.errors import ModelError
from eventwire.model import AnalyzedDoc, Article


def test_registry_refuses_a_missing_stage_module() -> None:
    with pytest.raises(ModelError) as e:
        registry.build_stages(["eventwire.analyze.timex_stage", "eventwire.analyze.no_such_stage"])
    assert e.value.code == "E302" and "no_such_stage" in e.value.message


def test_registry_refuses_a_module_without_make_stage() -> None:
    with pytest.raises(ModelError) as e:
        registry.build_stages(["eventwire.analyze.pipeline"])
    assert e.value.code == "E302" and "make_stage" in e.value.message


def test_registry_default_stages_are_all_present() -> None:
    names = [s.name for s in registry.build_stages()]
    assert len(names) == len(registry.STAGE_MODULES)


def _broken(doc: AnalyzedDoc) -> AnalyzedDoc:
    raise KeyError("gazetteer row")


def test_registry_failing_stage_is_named() -> None:
    pipe = Pipeline([MapStage("places", "1", ("article",), (), _broken)])
    art = Article(id="a", text="x", source="s", fmt="text")
    with pytest.raises(StageFailed) as e:
        pipe([art])
    assert e.value.stage == "places" and "KeyError" in str(e.value)
