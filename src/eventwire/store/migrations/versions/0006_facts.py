"""Facts: per-article fact statements and their groups across the articles of a story.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "facts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE", name="fk_facts_article"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.JSON()),
        sa.Column("unit", sa.String(32)),
        sa.Column("qualifier", sa.String(16)),
        sa.Column("as_of", sa.String(32)),
        sa.Column("period_begin", sa.String(32)),
        sa.Column("period_end", sa.String(32)),
        sa.Column("subject", sa.Text()),
        sa.Column("obj", sa.Text()),
        sa.Column("attribution", sa.Text()),
        sa.Column("hedge", sa.String(32)),
        sa.Column("segment", sa.String(16), nullable=False),
    )
    op.create_index("ix_facts_article_id", "facts", ["article_id"])
    op.create_table(
        "fact_groups",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("story_id", sa.String(64), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("statement_ids", sa.JSON(), nullable=False),
        sa.Column("article_ids", sa.JSON(), nullable=False),
    )
    op.create_index("ix_fact_groups_story_id", "fact_groups", ["story_id"])


def downgrade() -> None:
    op.drop_table("fact_groups")
    op.drop_table("facts")
