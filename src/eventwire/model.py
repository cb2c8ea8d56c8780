"""The data model: small frozen dataclasses, every derived record with its provenance.

Every record derived from an article carries ``article_id``, ``start``, ``end`` and
``text`` where ``text == article.text[start:end]``. Ids are deterministic (a hash of the
article id, offsets, kind and stage version), so re-running, resuming and the distributed
runner produce the same ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Article",
    "Copy",
    "Segment",
    "Sentence",
    "Token",
    "Entity",
    "Timex",
    "ActorMention",
    "Actor",
    "Place",
    "Event",
    "Fact",
    "IngestProblem",
    "AnalyzedDoc",
    "RawDoc",
    "make_id",
    "SEGMENT_KINDS",
    "ANALYZED_SEGMENT_KINDS",
]


def make_id(*parts: object, n: int = 16) -> str:
    """A deterministic id: the first ``n`` hex digits of sha256 over the parts."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:n]


# Kinds of text segments found by cleaning. Only ``body`` and ``title`` are analyzed as
# the article's own claims; the others are stored (and can be shown) but never counted.
SEGMENT_KINDS = ("title", "dateline", "byline", "body", "caption", "fragment", "repeat", "boilerplate")
ANALYZED_SEGMENT_KINDS = ("body",)


@dataclass(frozen=True)
class RawDoc:
    """What a reader yields: extracted text and metadata, before cleaning and dedup."""

    source: str  # file path, URL, or "path#record" for multi-record inputs
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date from metadata, when the input carries one
    fmt: str = "text"  # text | html | json | feed | warc | url
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Segment:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: str  # one of SEGMENT_KINDS


@dataclass(frozen=True)
class Article:
    id: str
    text: str  # the stored text; every offset points into it
    source: str
    fmt: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    date_method: str = "unknown"  # metadata | dateline (a stamp or date line) | html-search | inferred-from-text | unknown
    date_confidence: float = 0.0
    content_hash: str = ""
    # detected at ingest (eventwire.ingest.language): ISO 639 code and its probability;
    # None for articles stored before detection existed. Only supported languages are analyzed.
    language: str | None = None
    language_confidence: float | None = None
    segments: tuple[Segment, ...] = ()

    def body_spans(self) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.segments if s.kind in ANALYZED_SEGMENT_KINDS]

    def segment_kind_at(self, offset: int) -> str:
        for s in self.segments:
            if s.start <= offset < s.end:
                return s.kind
        return "body" if not self.segments else "boilerplate"


@dataclass(frozen=True)
class Copy:
    """A duplicate input remembered and linked to its canonical article."""

    source: str
    article_id: str  # the canonical article
    kind: str  # exact | near | same-source
    similarity: float
    content_hash: str


@dataclass(frozen=True)
class IngestProblem:
    source: str
    code: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    segment: str = "body"


@dataclass(frozen=True)
class Token:
    """A parsed token; ``head`` is the index of the head token within the same doc."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""
    ent_iob: str = "O"


@dataclass(frozen=True)
class Entity:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    label: str
    sentence_id: str | None = None


@dataclass(frozen=True)
class Timex:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    begin: str | None = None  # for ranges: ISO begin
    end_value: str | None = None  # for ranges: ISO end
    anchor: str | None = None  # the reference time the value was resolved against


@dataclass(frozen=True)
class Actor:
    """A canonical actor identity; the same real actor gets the same id everywhere."""

    id: str
    name: str
    type: str  # person | organisation | country | group | igo | region
    country: str | None = None  # ISO 3166-1 alpha-3, or IGO
    role: str | None = None  # GOV, MIL, PTY, ...
    office: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class ActorMention:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    actor_id: str
    country: str | None = None
    role: str | None = None
    office: str | None = None
    method: str = ""  # how it was resolved: text-apposition, dictionary, coreference, ...


@dataclass(frozen=True)
class Place:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class Event:
    id: str
    article_id: str
    start: int  # trigger
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    plover_type: str
    plover_mode: str | None = None
    cameo: str | None = None
    source_actor_ids: tuple[str, ...] = ()
    target_actor_ids: tuple[str, ...] = ()
    source_country: str | None = None
    target_country: str | None = None
    status: str = "happened"  # planned | happened | ongoing | negated | hypothetical | reported-claim
    date_begin: str | None = None
    date_end: str | None = None
    date_precision: str | None = None  # day | month | year | ...
    date_source: str | None = None  # own-timex | governing-timex | inherited | unresolved | none
    timex_id: str | None = None
    place_id: str | None = None
    confidence: float = 0.5
    segment: str = "body"  # body | caption (caption events are flagged, never the story's)
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Fact:
    """One fact statement of an article (``eventwire.corpus.facts``): a figure, date, place,
    relation or office with the key of the fact it states and its normalized value
    (a number, a [low, high] range or a canonical string, stored as JSON)."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    key: str
    kind: str
    value: Any
    unit: str | None = None
    qualifier: str | None = None
    as_of: str | None = None
    period_begin: str | None = None
    period_end: str | None = None
    subject: str | None = None
    obj: str | None = None
    attribution: str | None = None
    hedge: str | None = None
    segment: str = "body"
    # offsets of the relative date expression ("yesterday", "this year") the value or period
    # depends on, when the article has no date of its own (resolved per story later)
    relative_start: int | None = None
    relative_end: int | None = None


@dataclass(frozen=True)
class AnalyzedDoc:
    """An article plus everything the per-article stages derived from it.

    Stages return a new AnalyzedDoc (``dataclasses.replace``); nothing is mutated.
    ``tokens`` are kept in memory for later stages and are not stored.
    """

    article: Article
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    actors: tuple[Actor, ...] = ()
    actor_mentions: tuple[ActorMention, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    facts: tuple[Fact, ...] = ()
    stage_versions: tuple[tuple[str, str], ...] = ()
