"""Stories and canonical events: stories, story_articles, story_changes, story_state,
canonical_events, canonical_event_mentions.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text()),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("last_seen", sa.String(32)),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("outlets", sa.JSON()),
        sa.Column("opened_seq", sa.Integer(), nullable=False),
        sa.Column("updated_seq", sa.Integer(), nullable=False),
    )
    op.create_index("ix_stories_updated_seq", "stories", ["updated_seq"])
    op.create_table(
        "story_articles",
        sa.Column("story_id", sa.String(32), sa.ForeignKey("stories.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
    )
    op.create_table(
        "story_changes",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("story_id", sa.String(32), nullable=False),
        sa.Column("article_id", sa.String(32)),
        sa.Column("other_story_id", sa.String(32)),
        sa.Column("members", sa.JSON()),
    )
    op.create_index("ix_story_changes_story_id", "story_changes", ["story_id"])
    op.create_table(
        "story_state",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("state", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "canonical_events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("story_id", sa.String(32), sa.ForeignKey("stories.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("plover_type", sa.String(32), nullable=False),
        sa.Column("plover_mode", sa.String(32)),
        sa.Column("cameo", sa.String(8)),
        sa.Column("source_country", sa.String(8)),
        sa.Column("target_country", sa.String(8)),
        sa.Column("date_begin", sa.String(32)),
        sa.Column("date_end", sa.String(32)),
        sa.Column("place_id", sa.String(32)),
        sa.Column("place_name", sa.Text()),
        sa.Column("place_country", sa.String(8)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_history", sa.JSON()),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("article_ids", sa.JSON()),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("last_seen", sa.String(32)),
        sa.Column("story_seq", sa.Integer(), nullable=False),
    )
    op.create_index("ix_canonical_events_story_id", "canonical_events", ["story_id"])
    op.create_table(
        "canonical_event_mentions",
        sa.Column("canonical_event_id", sa.String(32),
                  sa.ForeignKey("canonical_events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("event_id", sa.String(32), sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16)),
        sa.Column("published", sa.String(32)),
    )
    op.create_index("ix_canonical_event_mentions_article_id", "canonical_event_mentions",
                    ["article_id"])


def downgrade() -> None:
    op.drop_table("canonical_event_mentions")
    op.drop_table("canonical_events")
    op.drop_table("story_state")
    op.drop_table("story_changes")
    op.drop_table("story_articles")
    op.drop_table("stories")
