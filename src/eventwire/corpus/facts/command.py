"""Fact extraction for one article, per story reconciliation, and the ``eventwire facts``
standalone command (JSON Lines in, one line per story out)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from eventwire.corpus.facts import rules
from eventwire.corpus.facts.anchoring import resolve_relative, story_date
from eventwire.corpus.facts.attributes import (
    affiliation_statements,
    bail_statements,
    charge_statements,
    circumstance_statements,
    facility_statements,
    health_statements,
    name_statements,
    none_statements,
)
from eventwire.corpus.facts.context import with_cues
from eventwire.corpus.facts.document import FactDoc
from eventwire.corpus.facts.extract import (
    condition_statements,
    coordination_statements,
    manner_statements,
    quantity_statements,
)
from eventwire.corpus.facts.people import named_people_statements
from eventwire.corpus.facts.person_names import canonical_names
from eventwire.corpus.facts.place_names import PLACE_LABELS, qualify_places
from eventwire.corpus.facts.reconcile import reconcile
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.relations import relation_statements
from eventwire.corpus.facts.selection import story_statements
from eventwire.corpus.facts.stories import group_stories
from eventwire.corpus.facts.streets import street_statements
from eventwire.corpus.facts.when_where import date_statements, place_statements
from eventwire.errors import UsageError
from eventwire.model import AnalyzedDoc, Article, RawDoc, Segment, make_id

__all__ = ["fact_doc_of", "fact_docs", "input_article", "extract_statements", "resolve_story", "story_facts", "facts_command", "read_lines", "OWN_KINDS"]

# blocks whose text counts as the article's own claims (captions, repeats, bylines do not)
OWN_KINDS = ("title", "body")


def fact_doc_of(doc: AnalyzedDoc) -> FactDoc:
    """The FactDoc of an article the pipeline's ``nlp`` and ``timex`` stages analyzed: its
    own text is its title and body segments (captions, repeats, bylines are no claims), its
    date the publication date, else the timex stage's inferred anchor. The one way both the
    per-article ``facts`` stage and the standalone command see an article."""
    art = doc.article
    own = [(s.start, s.end, s.kind) for s in art.segments if s.kind in OWN_KINDS]
    if not art.segments:
        own = [(0, len(art.text), "body")]
    dct = art.published
    if dct is None:  # the timex stage's inferred anchor, when it had one
        dct = next((t.anchor.split(":", 1)[1] for t in doc.timexes if t.anchor and t.anchor.startswith("inferred:")), None)
    return FactDoc(art.id, art.text, doc.tokens, doc.sentences, doc.entities, doc.timexes, own, dct)


def input_article(doc_id: str, text: str, date: str | None) -> Article:
    """An input document as the store would hold it, with its text unchanged (offsets stay
    the input's): the cleaner's blocks as segments and the cleaner's publication date (the
    given ``date``, else a date line or stamp, else inference from the text)."""
    from eventwire.ingest.clean import classify_blocks, publication_date, split_blocks

    triples, dateline = classify_blocks(text, split_blocks(text))
    published, method, conf = publication_date(RawDoc(source=f"input:{doc_id}", text=text, published=date),
                                               text, triples, dateline)
    segments = tuple(Segment(make_id("segment", doc_id, s, e, k), doc_id, s, e, text[s:e], k) for s, e, k in triples)
    return Article(id=doc_id, text=text, source=f"input:{doc_id}", fmt="text", published=published,
                   date_method=method, date_confidence=conf, segments=segments)


def fact_docs(records: Sequence[tuple[str, str, str | None]], timings: dict[str, float] | None = None) -> list[FactDoc]:
    """(doc_id, text, date) documents analyzed as ``eventwire run`` analyzes an article
    (:func:`input_article`, then the pipeline's own ``nlp`` and ``timex`` stages, which parse
    each segment on its own), as FactDocs (:func:`fact_doc_of`). ``timings`` gets each
    stage's seconds."""
    from eventwire.analyze.pipeline import Pipeline
    from eventwire.analyze.registry import build_stages

    arts = [input_article(i, t, d) for i, t, d in records]
    pipe = Pipeline(build_stages(["eventwire.analyze.nlp", "eventwire.analyze.timex_stage"]))
    return [fact_doc_of(d) for d in pipe(arts, timings)]


def resolve_story(docs: Sequence[tuple[FactDoc, Sequence[Statement]]]) -> list[Statement]:
    """The statements of one story's articles (each article with its extracted statements),
    those of undated articles resolved against the story's date (:mod:`anchoring`); a
    relative statement that nothing resolves is left out (it states no checkable value). A
    bare place name takes the region the story's texts name it with (:mod:`place_names`), and
    each person's name one spelling (:mod:`person_names`)."""
    anchor = story_date((fd.doc_id, fd.dct) for fd, _ in docs)
    out: list[Statement] = []
    for fd, sts in docs:
        if fd.dct is None and anchor is not None:
            sts = resolve_relative(sts, fd.text, anchor)
        out.extend(s for s in sts if not s.unresolved)
    places = {fd.doc_id: [(e.start, e.end) for e in fd.entities if e.label in PLACE_LABELS] for fd, _ in docs}
    return canonical_names(qualify_places(out, {fd.doc_id: fd.text for fd, _ in docs}, places))


def extract_statements(doc: FactDoc) -> list[Statement]:
    """All fact statements of one article, in text order, without duplicates."""
    found = quantity_statements(doc) + coordination_statements(doc) + name_statements(doc) + manner_statements(doc)
    found += charge_statements(doc) + circumstance_statements(doc) + health_statements(doc)
    found += bail_statements(doc) + affiliation_statements(doc) + none_statements(doc)
    facilities = facility_statements(doc)
    # a town inside a named building's phrase ("a Dayton ice cream shop") is part of it
    places = [p for p in place_statements(doc) if not any(f.start <= p.start and p.end <= f.end for f in facilities)]
    found += condition_statements(doc) + date_statements(doc) + facilities + places + relation_statements(doc)
    if rules.on("named_people"):
        found += named_people_statements(doc, found)
    if rules.on("street_town"):
        found = street_statements(doc, found)
    # "spokesman Harlan Boll": the spokesperson statement says it; the office would repeat it
    speakers = [s for s in found if s.kind == "spokesperson"]
    found = [s for s in found if s.kind != "office" or not any(p.start < s.end and s.start < p.end for p in speakers)]
    # stable: statements one span carries together keep the order the text names them in
    # ("X and Y, both 51": X's age, then Y's), not the alphabetical order of their keys
    found.sort(key=lambda s: (s.start, s.end))
    out: list[Statement] = []
    seen: set[tuple[int, int, str]] = set()
    for s in found:
        k = (s.start, s.end, s.key)
        if k in seen or rules.on("read_twice") and any(
                o.key == s.key and o.value == s.value and o.start < s.end and s.start < o.end for o in out):
            continue  # one value of one fact read twice ("the West Coast Bank" as a place and a building)
        seen.add(k)
        out.append(with_cues(doc.text, s))
    return out


def story_facts(story: str, statements: Sequence[Statement]) -> dict[str, Any]:
    """The output record of one story: its statements and their labelled groups."""
    statements = [statements[i] for i in story_statements(statements)]
    groups = reconcile(statements)
    recs = []
    for s in statements:
        r = s.to_json()
        if r.get("unit") is None:
            r.pop("unit", None)
        recs.append(r)
    return {"story": story, "statements": recs, "groups": [g.to_json() for g in groups]}


def read_lines(path: str | Path | None) -> Iterator[dict[str, Any]]:
    """JSON Lines records; a line that is not a JSON object becomes ``{"_error": reason}``
    (so ``facts_command`` records it and goes on)."""
    fh: TextIO
    if path is None or str(path) == "-":
        fh = sys.stdin
    else:
        p = Path(path)
        if not p.is_file():
            raise UsageError(f"input file {p} does not exist or is not a file", "E003")
        fh = p.open(encoding="utf-8", errors="replace")
    try:
        for line in fh:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield {"_error": f"E105 not valid JSON ({e.msg})"}
                continue
            yield obj if isinstance(obj, dict) else {"_error": "E105 a line must be a JSON object"}
    finally:
        if fh is not sys.stdin:
            fh.close()


def facts_command(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The ``eventwire facts`` command.

    Input lines ``{"doc_id", "text", "date"?, "story"?}``; documents sharing ``story`` are one
    story, documents without it are grouped by the corpus story clustering. Output: one line
    per story ``{"story", "statements": [...], "groups": [...]}`` in order of first
    appearance; a malformed input line gives ``{"line", "error"}`` and the run goes on.
    """
    docs: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for n, rec in enumerate(records, 1):
        if "_error" in rec:
            errors.append({"line": n, "error": rec["_error"]})
            continue
        text = rec.get("text")
        doc_id = rec.get("doc_id")
        if not isinstance(text, str) or doc_id is None or (rec.get("date") is not None and not isinstance(rec.get("date"), str)):
            errors.append({"line": n, "doc_id": doc_id, "error": "E105 a line needs a string 'doc_id' and 'text' (and a string 'date' if any)"})
            continue
        docs.append({"doc_id": str(doc_id), "text": text, "date": rec.get("date"), "story": rec.get("story")})
    fds = fact_docs([(d["doc_id"], d["text"], d["date"]) for d in docs])
    unassigned = [d for d in docs if d["story"] is None]
    if unassigned:
        for d, sid in zip(unassigned, group_stories([(d["doc_id"], d["text"], d["date"]) for d in unassigned]), strict=True):
            d["story"] = sid
    order: dict[str, list[int]] = {}
    for n, d in enumerate(docs):
        order.setdefault(str(d["story"]), []).append(n)
    for story, idx in order.items():
        yield story_facts(story, resolve_story([(fds[n], extract_statements(fds[n])) for n in idx]))
    yield from errors
