"""eventwire.corpus: stages over the whole corpus (stories, canonical events, ...), run
incrementally after per-article analysis. See :mod:`eventwire.corpus.stage`."""

from eventwire.corpus.stage import (
    ChangeBatch,
    CorpusStage,
    CorpusSummary,
    CorpusWrite,
    check_corpus_stages,
    update_corpus,
)

__all__ = [
    "ChangeBatch",
    "CorpusStage",
    "CorpusSummary",
    "CorpusWrite",
    "check_corpus_stages",
    "update_corpus",
]
