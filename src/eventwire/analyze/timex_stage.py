"""The temporal pipeline stage: TIMEX3 expressions of every analysed sentence.

Reads ``article`` and ``sentences``; writes ``timexes`` (:class:`eventwire.model.Timex`
records with article-relative offsets and deterministic ids). Sentences are tagged in
document order on one context, so anaphoric expressions ("a year earlier", "the
following day") resolve against the last date mentioned before them. The reference time is
the article's publication date; for an undated article it is the date inferred from the
text by :func:`eventwire.ingest.pubdate_infer.infer_publication_date` (recorded in ``anchor``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from eventwire.analyze.pipeline import MapStage
from eventwire.analyze.timex import VERSION, new_context, tag_range
from eventwire.ingest.pubdate_infer import infer_publication_date
from eventwire.model import AnalyzedDoc, Timex, make_id

__all__ = ["make_stage", "timex_doc", "TAGGED_SEGMENTS"]

TAGGED_SEGMENTS = ("body", "title")


def timex_doc(doc: AnalyzedDoc) -> AnalyzedDoc:
    """Tag the body and title sentences of one document (a pure function)."""
    art = doc.article
    dct = art.published
    anchor = dct or "none"
    if not dct:
        inferred = infer_publication_date(art.text)
        if inferred is not None:
            dct = inferred[0]
            anchor = f"inferred:{dct}"
    ctx = new_context(art.text, dct)
    out: list[Timex] = []
    sentences = sorted(
        (s for s in doc.sentences if s.segment in TAGGED_SEGMENTS), key=lambda s: s.start
    )
    if not doc.sentences and art.text:
        spans = [(0, len(art.text))]
    else:
        spans = [(s.start, s.end) for s in sentences]
    for start, end in spans:
        for t in tag_range(ctx, start, end):
            out.append(
                Timex(
                    id=make_id(art.id, "timex", t.start, t.end),
                    article_id=art.id,
                    start=t.start,
                    end=t.end,
                    text=art.text[t.start : t.end],
                    type=t.type,
                    value=t.value,
                    mod=t.mod,
                    begin=t.begin,
                    end_value=t.end_value,
                    anchor=anchor if t.anchor == "dct" else t.anchor,
                )
            )
    return dataclasses.replace(doc, timexes=tuple(out))


def make_stage(**_: Any) -> MapStage:
    """The ``timex`` stage of the default pipeline (options are accepted and ignored)."""
    return MapStage(
        name="timex",
        version=VERSION,
        reads=("article", "sentences"),
        writes=("timexes",),
        fn=timex_doc,
    )
