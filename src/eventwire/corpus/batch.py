"""Stories and event coreference over a batch of documents (the ``eventwire cluster``
command and the evaluation use this).

Documents are clustered online into stories in input order (IDF over the whole batch);
event mentions are then clustered within each story. Story and event-cluster ids are
corpus-wide: a story id is a hash of its first document, an event-cluster id a hash of
its first mention.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.corpus.coref.cluster import CorefModel, cluster_mentions
from eventwire.corpus.coref.mentions import MentionRep, build_mentions
from eventwire.corpus.stories import StoryClusterer, StoryParams, doc_vectors
from eventwire.corpus.stories.pairs import PairModel
from eventwire.errors import InputError
from eventwire.model import make_id

__all__ = ["BatchDoc", "BatchResult", "cluster_batch", "cluster_command", "parse_line"]


@dataclass(frozen=True)
class BatchDoc:
    doc_id: str
    text: str
    date: str | None = None
    spans: tuple[tuple[int, int], ...] | None = None


@dataclass
class BatchResult:
    story: dict[str, str] = field(default_factory=dict)  # doc_id -> story id
    event: dict[tuple[str, int, int], str] = field(default_factory=dict)  # mention -> cluster id
    clusterer: StoryClusterer | None = None


def _parse_texts(texts: Sequence[str]) -> list[object]:
    from eventwire.analyze.nlp import load_model

    nlp = load_model(disable=("parser", "ner"))
    return list(nlp.pipe(texts, batch_size=32))


def cluster_batch(
    docs: Sequence[BatchDoc],
    *,
    story_params: StoryParams | None = None,
    story_model: PairModel | None = None,
    coref_model: CorefModel | None = None,
    coref_threshold: float | None = None,
    gold_stories: dict[str, str] | None = None,
) -> BatchResult:
    """Cluster ``docs`` into stories, then their event mentions into events.

    ``gold_stories`` (evaluation only) replaces predicted stories when training the
    mention model; it is never used by the command.
    """
    vecs = doc_vectors([(d.text, d.date) for d in docs])
    cl = StoryClusterer(story_params, story_model)
    for d, v in zip(docs, vecs, strict=True):
        cl.add(d.doc_id, v)
    res = BatchResult(story=dict(cl.story_of) if gold_stories is None else dict(gold_stories), clusterer=cl)
    with_m = [i for i, d in enumerate(docs) if d.spans]
    if not with_m:
        return res
    parsed = _parse_texts([docs[i].text for i in with_m])
    reps = build_mentions([docs[i].text for i in with_m], [docs[i].spans or () for i in with_m], parsed)
    by_story: dict[str, list[MentionRep]] = defaultdict(list)
    sub_vecs = [vecs[i] for i in with_m]
    for k, i in enumerate(with_m):
        for r in reps[k]:
            by_story[res.story[docs[i].doc_id]].append(r)
    for group in by_story.values():
        labels = cluster_mentions(group, sub_vecs, coref_model, coref_threshold)
        first: dict[int, str] = {}
        for r, lab in zip(group, labels, strict=True):
            did = docs[with_m[r.doc]].doc_id
            cid = first.setdefault(lab, make_id(did, r.start, r.end, "event"))
            res.event[(did, r.start, r.end)] = cid
    return res


def parse_line(line: str, n: int) -> BatchDoc | dict[str, Any]:
    """A document, or the error line to print in its place."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return _err(None, InputError(f"line {n}: not valid JSON ({e.msg})", "E105"))
    if not isinstance(obj, dict):
        return _err(None, InputError(f"line {n}: a line must be a JSON object", "E105"))
    did, text = obj.get("doc_id"), obj.get("text")
    if not isinstance(did, str | int) or isinstance(did, bool):
        return _err(None, InputError(f"line {n}: doc_id missing or not a string", "E105"))
    if not isinstance(text, str) or not text.strip():
        return _err(str(did), InputError(f"line {n}: no text", "E109"))
    date = obj.get("date")
    if date is not None and not (isinstance(date, str) and _iso_day(date)):
        return _err(str(did), InputError(f"line {n}: date must be YYYY-MM-DD", "E105"))
    spans = None
    if obj.get("event_mentions") is not None:
        ms = obj["event_mentions"]
        try:
            spans = tuple((int(m["start"]), int(m["end"])) for m in ms)
        except (TypeError, KeyError, ValueError):
            return _err(str(did), InputError(f"line {n}: event_mentions need integer start and end", "E105"))
        if any(not 0 <= s < e <= len(text) for s, e in spans):
            return _err(str(did), InputError(f"line {n}: an event mention lies outside the text", "E105"))
    return BatchDoc(str(did), text, date[:10] if date else None, spans)


def _iso_day(s: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(s[:10])
        return True
    except ValueError:
        return False


def _err(doc_id: str | None, e: InputError) -> dict[str, Any]:
    return {"doc_id": doc_id, "error": {"code": e.code, "message": e.message}}


def cluster_command(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The ``eventwire cluster`` command: one output line per input line, in input order."""
    items: list[BatchDoc | dict[str, Any]] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        item = parse_line(line, n)
        if isinstance(item, BatchDoc):
            if item.doc_id in seen:
                item = _err(item.doc_id, InputError(f"line {n}: doc_id {item.doc_id!r} repeated", "E105"))
            else:
                seen.add(item.doc_id)
        items.append(item)
    docs = [x for x in items if isinstance(x, BatchDoc)]
    res = cluster_batch(docs)
    for x in items:
        if not isinstance(x, BatchDoc):
            yield x
            continue
        out: dict[str, Any] = {"doc_id": x.doc_id, "story": res.story[x.doc_id]}
        if x.spans is not None:
            out["event_mentions"] = [
                {"start": s, "end": e, "cluster": res.event[(x.doc_id, s, e)]} for s, e in x.spans
            ]
        yield out
