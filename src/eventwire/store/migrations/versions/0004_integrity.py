"""Referential integrity and the actor identity/mention split.

- ``actors`` keeps only what is true of an identity (id, name, type, country); the role and
  office valid at one article's date move to ``article_actors`` (one row per article and
  actor), next to the mentions. Existing per-article data in ``actors`` is dropped: the
  stage versions change with this release, so every article is re-analyzed.
- ``event_actors`` links events to actors (side, position), so actor filters run in SQL.
- Foreign keys on every per-article table (to ``articles``, cascading), mentions to
  actors, entities to sentences, events to timexes and places (set null).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_CASCADE = ("sources", "segments", "sentences", "entities", "timexes", "actor_mentions", "places", "events")


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    # rows that would violate the new keys are the kind of dangling data the keys prevent:
    # per-article rows of missing articles, and every analysis (re-run by the new versions)
    for t in _CASCADE:
        op.execute(f"DELETE FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)")
    for t in ("sentences", "entities", "timexes", "actor_mentions", "places", "events"):
        op.execute(f"DELETE FROM {t}")
    op.execute("DELETE FROM actors")
    op.execute("UPDATE articles SET analyzed_version = NULL")
    op.execute("DELETE FROM article_stages")

    with op.batch_alter_table("actors", recreate="always" if sqlite else "auto") as b:
        b.drop_column("role")
        b.drop_column("office")
        b.drop_column("attrs")

    for t in _CASCADE:
        with op.batch_alter_table(t, recreate="always" if sqlite else "auto") as b:
            b.create_foreign_key(f"fk_{t}_article", "articles", ["article_id"], ["id"], ondelete="CASCADE")
            if t == "actor_mentions":
                b.create_foreign_key("fk_actor_mentions_actor", "actors", ["actor_id"], ["id"])
            if t == "entities":
                b.create_foreign_key(
                    "fk_entities_sentence", "sentences", ["sentence_id"], ["id"], ondelete="SET NULL"
                )
            if t == "events":
                b.create_foreign_key(
                    "fk_events_timex", "timexes", ["timex_id"], ["id"], ondelete="SET NULL"
                )
                b.create_foreign_key(
                    "fk_events_place", "places", ["place_id"], ["id"], ondelete="SET NULL"
                )

    op.create_table(
        "article_actors",
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE", name="fk_article_actors_article"),
            primary_key=True,
        ),
        sa.Column(
            "actor_id",
            sa.String(32),
            sa.ForeignKey("actors.id", name="fk_article_actors_actor"),
            primary_key=True,
        ),
        sa.Column("role", sa.String(16)),
        sa.Column("office", sa.Text()),
        sa.Column("method", sa.String(64)),
        sa.Column("in_body", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_article_actors_actor_id", "article_actors", ["actor_id"])
    op.create_table(
        "event_actors",
        sa.Column(
            "event_id",
            sa.String(32),
            sa.ForeignKey("events.id", ondelete="CASCADE", name="fk_event_actors_event"),
            primary_key=True,
        ),
        sa.Column("side", sa.String(8), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column(
            "actor_id",
            sa.String(32),
            sa.ForeignKey("actors.id", name="fk_event_actors_actor"),
            nullable=False,
        ),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE", name="fk_event_actors_article"),
            nullable=False,
        ),
    )
    op.create_index("ix_event_actors_actor_id", "event_actors", ["actor_id"])
    op.create_index("ix_event_actors_article_id", "event_actors", ["article_id"])


def downgrade() -> None:
    op.drop_table("event_actors")
    op.drop_table("article_actors")
    extra = {
        "actor_mentions": ["fk_actor_mentions_actor"],
        "entities": ["fk_entities_sentence"],
        "events": ["fk_events_timex", "fk_events_place"],
    }
    for t in reversed(_CASCADE):
        with op.batch_alter_table(t) as b:
            for name in [f"fk_{t}_article", *extra.get(t, [])]:
                b.drop_constraint(name, type_="foreignkey")
    with op.batch_alter_table("actors") as b:
        b.add_column(sa.Column("role", sa.String(16)))
        b.add_column(sa.Column("office", sa.Text()))
        b.add_column(sa.Column("attrs", sa.JSON()))
