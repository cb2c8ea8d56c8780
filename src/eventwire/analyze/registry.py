"""Which stages make up the default pipeline, in order.

Each stage module exposes ``make_stage(**options) -> Stage``. A listed module that is
missing or has no ``make_stage`` is an installation error (E302), never skipped silently:
a pipeline without one of its stages would store incomplete analyses as complete.

A stage's version is the version it declares plus a digest of its code, data files and
libraries (:func:`eventwire.analyze.versions.code_version`), so an upgraded stage is
re-run on stored articles without anyone remembering to bump a number.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Sequence
from typing import Any

from eventwire.analyze.pipeline import Stage
from eventwire.analyze.versions import code_version
from eventwire.errors import ModelError

__all__ = ["STAGE_MODULES", "build_stages"]

STAGE_MODULES = [
    "eventwire.analyze.nlp",
    "eventwire.analyze.timex_stage",
    "eventwire.analyze.actors",
    "eventwire.analyze.places",
    "eventwire.analyze.events",
    "eventwire.analyze.facts_stage",
]


def build_stages(modules: Sequence[str] | None = None, *, versioned: bool = True,
                 **options: Any) -> list[Stage]:
    """The stages of ``modules`` (default: :data:`STAGE_MODULES`), built with ``options``.

    ``versioned=False`` keeps each stage's declared version instead of digesting its code,
    data and libraries (≈ 1.5 CPU s per process): for callers that store nothing, such as
    the standalone ``eventwire code``; the analysis itself is the same.
    """
    stages: list[Stage] = []
    for mod_name in STAGE_MODULES if modules is None else modules:
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError as e:
            if e.name == mod_name:
                raise ModelError(f"analysis stage module {mod_name} is missing", "E302") from None
            raise
        make = getattr(mod, "make_stage", None)
        if make is None:
            raise ModelError(f"analysis stage module {mod_name} has no make_stage()", "E302")
        stage = make(**options)
        if not versioned:
            stages.append(stage)
            continue
        version = code_version(stage.version, mod_name)
        if dataclasses.is_dataclass(stage):
            stage = dataclasses.replace(stage, version=version)  # type: ignore[type-var]
        else:
            stage.version = version
        stages.append(stage)
    return stages
