"""Initial schema: articles, sources, problems and the per-article record tables.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor_mentions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.String(32), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("role", sa.String(16)),
        sa.Column("office", sa.Text()),
        sa.Column("method", sa.String(32)),
    )
    op.create_index("ix_actor_mentions_article_id", "actor_mentions", ["article_id"])
    op.create_index("ix_actor_mentions_actor_id", "actor_mentions", ["actor_id"])
    op.create_table(
        "actors",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("role", sa.String(16)),
        sa.Column("office", sa.Text()),
        sa.Column("attrs", sa.JSON()),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("fmt", sa.String(16), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("published", sa.String(32)),
        sa.Column("date_method", sa.String(32), nullable=False),
        sa.Column("date_confidence", sa.Float(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("signature", sa.LargeBinary()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("analyzed_version", sa.Text()),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("sentence_id", sa.String(32)),
    )
    op.create_index("ix_entities_article_id", "entities", ["article_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("plover_type", sa.String(32), nullable=False),
        sa.Column("plover_mode", sa.String(32)),
        sa.Column("cameo", sa.String(8)),
        sa.Column("source_actor_ids", sa.JSON()),
        sa.Column("target_actor_ids", sa.JSON()),
        sa.Column("source_country", sa.String(8)),
        sa.Column("target_country", sa.String(8)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date_begin", sa.String(32)),
        sa.Column("date_end", sa.String(32)),
        sa.Column("date_precision", sa.String(16)),
        sa.Column("date_source", sa.String(32)),
        sa.Column("timex_id", sa.String(32)),
        sa.Column("place_id", sa.String(32)),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("segment", sa.String(16), nullable=False),
        sa.Column("attrs", sa.JSON()),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_table(
        "places",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("geonameid", sa.Integer()),
    )
    op.create_index("ix_places_article_id", "places", ["article_id"])
    op.create_table(
        "problems",
        sa.Column("source", sa.Text(), primary_key=True),
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("seen_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "segments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
    )
    op.create_index("ix_segments_article_id", "segments", ["article_id"])
    op.create_table(
        "sentences",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("segment", sa.String(16), nullable=False),
    )
    op.create_index("ix_sentences_article_id", "sentences", ["article_id"])
    op.create_table(
        "sources",
        sa.Column("source", sa.Text(), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_sources_article_id", "sources", ["article_id"])
    op.create_table(
        "timexes",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("mod", sa.String(16)),
        sa.Column("begin", sa.String(32)),
        sa.Column("end_value", sa.String(32)),
        sa.Column("anchor", sa.String(32)),
    )
    op.create_index("ix_timexes_article_id", "timexes", ["article_id"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, text, content='articles', content_rowid='rowid')"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); END"
        )
    elif bind.dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_articles_fts ON articles USING gin "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text))"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_table("timexes")
    op.drop_table("sources")
    op.drop_table("sentences")
    op.drop_table("segments")
    op.drop_table("problems")
    op.drop_table("places")
    op.drop_table("events")
    op.drop_table("entities")
    op.drop_table("articles")
    op.drop_table("actors")
    op.drop_table("actor_mentions")
