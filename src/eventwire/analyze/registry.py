"""Which stages make up the default pipeline, in order.

Each stage module exposes ``make_stage(**options) -> Stage``. A stage module that is not
yet present is simply skipped, so the pipeline grows as stages land.
"""

from __future__ import annotations

import importlib
from typing import Any

from eventwire.analyze.pipeline import Stage

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
            stages.append(make(**options))
    return stages
