"""Which stages make up the default pipeline, in order.

Each stage module exposes ``make_stage(**options) -> Stage``. A stage module that is not
yet present is simply skipped, so the pipeline grows as stages land.

A stage's version is the version it declares plus a digest of its code, data files and
libraries (:func:`eventwire.analyze.versions.code_version`), so an upgraded stage is
re-run on stored articles without anyone remembering to bump a number.
"""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

from eventwire.analyze.pipeline import Stage
from eventwire.analyze.versions import code_version

__all__ = ["STAGE_MODULES", "build_stages"]

STAGE_MODULES = [
    "eventwire.analyze.nlp",
    "eventwire.analyze.timex_stage",
    "eventwire.analyze.actors",
    "eventwire.analyze.places",
    "eventwire.analyze.events",
]


def build_stages(**options: Any) -> list[Stage]:
    stages: list[Stage] = []
    for mod_name in STAGE_MODULES:
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError as e:
            if e.name == mod_name:
                continue
            raise
        make = getattr(mod, "make_stage", None)
        if make is not None:
            stage = make(**options)
            version = code_version(stage.version, mod_name)
            if dataclasses.is_dataclass(stage):
                stage = dataclasses.replace(stage, version=version)  # type: ignore[type-var]
            else:
                stage.version = version
            stages.append(stage)
    return stages
