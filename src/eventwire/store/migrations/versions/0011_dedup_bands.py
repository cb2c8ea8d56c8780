"""The shared near-duplicate index: LSH band keys of every canonical article's MinHash
signature (``dedup_bands``), filled from the stored signatures.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dedup_bands",
        sa.Column("key", sa.BigInteger(), primary_key=True),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE", name="fk_dedup_bands_article"),
            primary_key=True,
        ),
    )
    op.create_index("ix_dedup_bands_article_id", "dedup_bands", ["article_id"])
    from eventwire.ingest.dedup import band_keys

    conn = op.get_bind()
    articles = sa.table("articles", sa.column("id"), sa.column("signature"))
    bands = sa.table("dedup_bands", sa.column("key"), sa.column("article_id"))
    rows: list[dict[str, object]] = []
    for r in conn.execute(sa.select(articles.c.id, articles.c.signature)):
        if r.signature:
            rows.extend({"key": k, "article_id": r.id} for k in set(band_keys(bytes(r.signature))))
        if len(rows) >= 10_000:
            conn.execute(bands.insert(), rows)
            rows = []
    if rows:
        conn.execute(bands.insert(), rows)


def downgrade() -> None:
    op.drop_table("dedup_bands")
