"""Corpus layer: per-article stage versions, the analysis change log, corpus-stage state.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_stages",
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("stage", sa.String(32), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
    )
    op.create_table(
        "article_changes",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kinds", sa.Text(), nullable=False),
    )
    op.create_index("ix_article_changes_article_id", "article_changes", ["article_id"])
    op.create_table(
        "corpus_state",
        sa.Column("stage", sa.String(32), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("corpus_state")
    op.drop_table("article_changes")
    op.drop_table("article_stages")
