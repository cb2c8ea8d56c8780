"""API tokens for the HTTP server (only a SHA-256 of each secret is stored), and indexes
on the server's sort keys (keyset pagination walks them instead of sorting every row).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# (index, table, key expression) — the same expressions as eventwire.serve.queries sorts by
SORT_INDEXES = (
    ("ix_events_date_key", "events", "coalesce(date_begin, '')"),
    ("ix_articles_published_key", "articles", "coalesce(published, '')"),
    ("ix_stories_last_seen_key", "stories", "coalesce(last_seen, '')"),
    ("ix_actors_name", "actors", "name"),
)


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32)),
        sa.Column("last_used_at", sa.String(32)),
    )
    for name, table, expr in SORT_INDEXES:
        op.create_index(name, table, [sa.text(expr), "id"])


def downgrade() -> None:
    for name, table, _ in SORT_INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_table("api_tokens")
