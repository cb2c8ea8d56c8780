"""Which corpus stages run after per-article analysis, in order.

Each module exposes ``make_stage(**options) -> CorpusStage``. A module that is not yet
present is skipped, so the corpus layer grows as stages land.
"""

from __future__ import annotations

import importlib
from typing import Any

from eventwire.corpus.stage import CorpusStage

__all__ = ["CORPUS_STAGE_MODULES", "build_corpus_stages"]

CORPUS_STAGE_MODULES: list[str] = [
    "eventwire.corpus.stories.stage",
    "eventwire.corpus.canonical.stage",
    "eventwire.corpus.fact_groups",
]


def build_corpus_stages(**options: Any) -> list[CorpusStage]:
    stages: list[CorpusStage] = []
    for mod_name in CORPUS_STAGE_MODULES:
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
