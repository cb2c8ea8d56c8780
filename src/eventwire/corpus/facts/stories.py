"""Stories for articles that come without one: the corpus layer's online story clustering
(:func:`eventwire.corpus.batch.cluster_batch`, the ``eventwire cluster`` command's)."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["group_stories"]


def group_stories(docs: Sequence[tuple[str, str, str | None]]) -> list[str]:
    """A story id for each (doc_id, text, date), in input order."""
    if not docs:
        return []
    from eventwire.corpus.batch import BatchDoc, cluster_batch

    batch = [
        BatchDoc(doc_id, text, date[:10] if date and re.match(r"\d{4}-\d\d-\d\d", date) else None)
        for doc_id, text, date in docs
    ]
    res = cluster_batch(batch)
    return [res.story[d.doc_id] for d in batch]
