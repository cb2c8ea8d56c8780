"""Story clustering: documents about the same real-world happening, online."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from eventwire.corpus.stories.clusterer import StoryChange, StoryClusterer, StoryParams
from eventwire.corpus.stories.features import DocFreq, DocVector, mentioned_years, terms, vectorize

__all__ = ["StoryChange", "StoryClusterer", "StoryParams", "DocFreq", "DocVector", "cluster_documents",
           "doc_vectors"]


def doc_vectors(
    docs: Sequence[tuple[str, str | None]], names: Sequence[Iterable[str]] | None = None
) -> list[DocVector]:
    """Vectors for (text, date) pairs, the IDF taken over the whole batch."""
    counts = [terms(text, names[i] if names else ()) for i, (text, _) in enumerate(docs)]
    df = DocFreq()
    for c in counts:
        df.observe(c)
    return [
        vectorize(c, df, date=date, years=mentioned_years(text))
        for c, (text, date) in zip(counts, docs, strict=True)
    ]


def cluster_documents(
    doc_ids: Sequence[str], vectors: Sequence[DocVector], params: StoryParams | None = None
) -> StoryClusterer:
    """Cluster documents online, in the given order; returns the clusterer (final state)."""
    cl = StoryClusterer(params)
    for d, v in zip(doc_ids, vectors, strict=True):
        cl.add(d, v)
    return cl
