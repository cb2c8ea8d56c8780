"""Table definitions used for queries (SQLAlchemy Core).

The tables are *created* by the Alembic migrations in ``migrations/versions``; this module
describes the current schema for reading and writing. A test checks that the migrated
database matches these definitions.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = ["metadata", "TABLES", "SPAN_TABLES", "ARTICLE_TABLES"]

metadata = MetaData()


def _article_fk(table: str) -> ForeignKey:
    return ForeignKey("articles.id", ondelete="CASCADE", name=f"fk_{table}_article")


def _span_cols(table: str) -> list[Column]:
    return [
        Column("id", String(32), primary_key=True),
        Column("article_id", String(32), _article_fk(table), nullable=False, index=True),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
    ]


articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("fmt", String(16), nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", String(32)),
    Column("date_method", String(32), nullable=False),
    Column("date_confidence", Float, nullable=False),
    Column("language", String(16)),
    Column("language_confidence", Float),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("signature", LargeBinary),
    Column("text", Text, nullable=False),
    Column("analyzed_version", Text),
    Column("ingested_at", String(32), nullable=False),
    # the order articles were stored in (input order within a run): what analysis, the
    # change log and so the corpus stages follow; ``ingested_at`` is only one-second wall
    # clock time, not an order
    Column("ingest_seq", BigInteger, nullable=False, server_default="0", index=True),
)

sources = Table(
    "sources",
    metadata,
    Column("source", Text, primary_key=True),
    Column("article_id", String(32), _article_fk("sources"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # canonical | exact | near
    Column("similarity", Float, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

problems = Table(
    "problems",
    metadata,
    Column("source", Text, primary_key=True),
    Column("code", String(8), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("seen_at", String(32), nullable=False),
    Column("resolved_at", String(32)),  # set when a later read of the source succeeded
)

segments = Table("segments", metadata, *_span_cols("segments"), Column("kind", String(16), nullable=False))

sentences = Table(
    "sentences", metadata, *_span_cols("sentences"), Column("segment", String(16), nullable=False)
)

entities = Table(
    "entities",
    metadata,
    *_span_cols("entities"),
    Column("label", String(16), nullable=False),
    Column(
        "sentence_id",
        String(32),
        ForeignKey("sentences.id", ondelete="SET NULL", name="fk_entities_sentence"),
    ),
)

timexes = Table(
    "timexes",
    metadata,
    *_span_cols("timexes"),
    Column("type", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("mod", String(16)),
    Column("begin", String(32)),
    Column("end_value", String(32)),
    Column("anchor", String(32)),
)

# A canonical actor identity: only what is true of the actor in every article. Its id
# hashes type, country and canonical name; of the spellings that give one id, the store
# keeps the smallest, so the row does not depend on processing order.
actors = Table(
    "actors",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", String(8)),
)

# What an article says about an actor: the role and office valid at its date, how it was
# resolved, whether the body (not only a caption) names it.
article_actors = Table(
    "article_actors",
    metadata,
    Column("article_id", String(32), _article_fk("article_actors"), primary_key=True),
    Column(
        "actor_id",
        String(32),
        ForeignKey("actors.id", name="fk_article_actors_actor"),
        primary_key=True,
        index=True,
    ),
    Column("role", String(16)),
    Column("office", Text),
    Column("method", String(64)),
    Column("in_body", Boolean, nullable=False),
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    *_span_cols("actor_mentions"),
    Column(
        "actor_id",
        String(32),
        ForeignKey("actors.id", name="fk_actor_mentions_actor"),
        nullable=False,
        index=True,
    ),
    Column("country", String(8)),
    Column("role", String(16)),
    Column("office", Text),
    Column("method", String(32)),
)

places = Table(
    "places",
    metadata,
    *_span_cols("places"),
    Column("name", Text, nullable=False),
    Column("country", String(8)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
)

events = Table(
    "events",
    metadata,
    *_span_cols("events"),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("plover_type", String(32), nullable=False),
    Column("plover_mode", String(32)),
    Column("cameo", String(8)),
    Column("source_actor_ids", JSON),
    Column("target_actor_ids", JSON),
    Column("source_country", String(8)),
    Column("target_country", String(8)),
    Column("status", String(16), nullable=False),
    Column("date_begin", String(32)),
    Column("date_end", String(32)),
    Column("date_precision", String(16)),
    Column("date_source", String(32)),
    Column(
        "timex_id", String(32), ForeignKey("timexes.id", ondelete="SET NULL", name="fk_events_timex")
    ),
    Column(
        "place_id", String(32), ForeignKey("places.id", ondelete="SET NULL", name="fk_events_place")
    ),
    Column("confidence", Float, nullable=False),
    Column("segment", String(16), nullable=False),
    Column("attrs", JSON),
)

# Which actors an event names, on which side: actor filters run in SQL through this.
event_actors = Table(
    "event_actors",
    metadata,
    Column(
        "event_id",
        String(32),
        ForeignKey("events.id", ondelete="CASCADE", name="fk_event_actors_event"),
        primary_key=True,
    ),
    Column("side", String(8), primary_key=True),  # source | target
    Column("position", Integer, primary_key=True),
    Column(
        "actor_id",
        String(32),
        ForeignKey("actors.id", name="fk_event_actors_actor"),
        nullable=False,
        index=True,
    ),
    Column("article_id", String(32), _article_fk("event_actors"), nullable=False, index=True),
)

# Fact statements (eventwire.corpus.facts), per article; their groups across the articles
# of a story, with the agreement label, are written by the ``facts`` corpus stage.
facts = Table(
    "facts",
    metadata,
    *_span_cols("facts"),
    Column("key", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", JSON),
    Column("unit", String(32)),
    Column("qualifier", String(16)),
    Column("as_of", String(32)),
    Column("period_begin", String(32)),
    Column("period_end", String(32)),
    Column("subject", Text),
    Column("obj", Text),
    Column("attribution", Text),
    Column("hedge", String(32)),
    Column("segment", String(16), nullable=False),
    Column("relative_start", Integer),  # relative date expression of an undated article
    Column("relative_end", Integer),
)

# Values of facts of undated articles resolved against their story's date by the ``facts``
# corpus stage ("yesterday" -> an ISO date, "this year" -> the period), with provenance.
fact_resolutions = Table(
    "fact_resolutions",
    metadata,
    Column("fact_id", String(32), ForeignKey("facts.id", ondelete="CASCADE", name="fk_fact_resolutions_fact"),
           primary_key=True),
    Column("story_id", String(64), nullable=False, index=True),
    Column("value", JSON),
    Column("as_of", String(32)),
    Column("period_begin", String(32)),
    Column("period_end", String(32)),
    Column("anchor_date", String(32), nullable=False),
    Column("inferred", Text, nullable=False),
)

fact_groups = Table(
    "fact_groups",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("story_id", String(64), nullable=False, index=True),
    Column("key", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("reason", Text),
    Column("n_articles", Integer, nullable=False),
    Column("statement_ids", JSON, nullable=False),
    Column("article_ids", JSON, nullable=False),
)

# -- the corpus layer -------------------------------------------------------------------
# The version of every per-article stage that produced an article's stored records.
article_stages = Table(
    "article_stages",
    metadata,
    Column(
        "article_id",
        String(32),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("stage", String(32), primary_key=True),
    Column("version", String(64), nullable=False),
)

# Append-only log: one row each time an article's analysis records were (re)written or
# dropped. Corpus stages keep a cursor into it (``corpus_state``) and so see exactly the
# articles that changed since they last ran.
article_changes = Table(
    "article_changes",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column(
        "article_id",
        String(32),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("kinds", Text, nullable=False),  # comma-separated record kinds rewritten
)

corpus_state = Table(
    "corpus_state",
    metadata,
    Column("stage", String(32), primary_key=True),
    Column("version", String(64), nullable=False),
    Column("cursor", Integer, nullable=False),
)

# -- stories and canonical events (corpus stages) ---------------------------------------
stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("first_seen", String(32)),  # earliest publication date of its articles
    Column("last_seen", String(32)),
    Column("n_articles", Integer, nullable=False),
    Column("outlets", JSON),
    Column("opened_seq", Integer, nullable=False),  # change-log seq of its opening
    Column("updated_seq", Integer, nullable=False, index=True),  # seq of its latest change
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
        index=True,  # migration 0013: a batch's stories are looked up by article id
    ),
    Column("seq", Integer, nullable=False),  # change-log seq at which it joined
)

# every open / join / merge / split, in order
story_changes = Table(
    "story_changes",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(8), nullable=False),
    Column("story_id", String(32), nullable=False, index=True),
    Column("article_id", String(32)),
    Column("other_story_id", String(32)),
    Column("members", JSON),
)

# the online clusterer's state (index, centroids, document frequencies), one row
story_state = Table(
    "story_state",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("state", LargeBinary, nullable=False),
)

canonical_events = Table(
    "canonical_events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("label", Text, nullable=False),
    Column("plover_type", String(32), nullable=False),
    Column("plover_mode", String(32)),
    Column("cameo", String(8)),
    Column("source_country", String(8)),
    Column("target_country", String(8)),
    Column("date_begin", String(32)),
    Column("date_end", String(32)),
    Column("place_id", String(32)),
    Column("place_name", Text),
    Column("place_country", String(8)),
    Column("status", String(16), nullable=False),
    Column("status_history", JSON),
    Column("n_mentions", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("article_ids", JSON),
    Column("first_seen", String(32)),
    Column("last_seen", String(32)),
    Column("story_seq", Integer, nullable=False),  # the story's updated_seq it was built from
)

canonical_event_mentions = Table(
    "canonical_event_mentions",
    metadata,
    Column(
        "canonical_event_id",
        String(32),
        ForeignKey("canonical_events.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16)),
    Column("published", String(32)),
)

# API tokens for the HTTP server's writes (and reads, if not open): only the SHA-256 of
# the secret is kept; the secret is shown once, at `eventwire tokens create`.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(16), primary_key=True),  # public part of the token, ew_<id>_<secret>
    Column("name", Text, nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Column("scope", String(16), nullable=False),  # write | read
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Column("last_used_at", String(32)),
)

# the shared near-duplicate index: one key per LSH band of each canonical article's
# MinHash signature (eventwire.ingest.dedup.band_keys)
dedup_bands = Table(
    "dedup_bands",
    metadata,
    Column("key", BigInteger, primary_key=True),
    Column("article_id", String(32), _article_fk("dedup_bands"), primary_key=True, index=True),
)

# -- many writers ---------------------------------------------------------------------
# A lease on a unit of work: ``key`` is an article id (analysis) or ``corpus`` (the corpus
# stages). A row whose ``lease_until`` (seconds since the epoch, on the database's clock)
# has passed is free again, so the work of a writer that died is taken over.
claims = Table(
    "claims",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("owner", String(128), nullable=False, index=True),
    Column("lease_until", Float, nullable=False),
    Column("claimed_at", Float, nullable=False),
)

TABLES = {t.name: t for t in metadata.sorted_tables}
# record kind -> table holding per-article span records (deleted and rewritten on re-analysis)
# per-article tables rewritten with the actors and events stages' outputs
ARTICLE_TABLES = {"article_actors": article_actors, "event_actors": event_actors}
SPAN_TABLES = {
    "segments": segments,
    "sentences": sentences,
    "entities": entities,
    "timexes": timexes,
    "actor_mentions": actor_mentions,
    "places": places,
    "events": events,
    "facts": facts,
}
