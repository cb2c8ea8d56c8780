"""Ingestion order as a number: ``articles.ingest_seq`` (1, 2, 3, ... in the order the
articles were stored, input order within a run), filled for stored articles in their
former (ingested_at, id) order.

``ingested_at`` has a resolution of one second: two ingest batches stored in the same
second used to be ordered by article id (a hash) instead of input order, so the order of
analysis, of the change log and of the online story clustering depended on the clock.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(
            sa.Column("ingest_seq", sa.BigInteger(), nullable=False, server_default="0")
        )
    op.create_index("ix_articles_ingest_seq", "articles", ["ingest_seq"])
    conn = op.get_bind()
    articles = sa.table(
        "articles", sa.column("id"), sa.column("ingested_at"), sa.column("ingest_seq")
    )
    ids = [r.id for r in conn.execute(
        sa.select(articles.c.id).order_by(articles.c.ingested_at, articles.c.id))]
    stmt = (
        articles.update()
        .where(articles.c.id == sa.bindparam("aid"))
        .values(ingest_seq=sa.bindparam("seq"))
    )
    for i in range(0, len(ids), 10_000):
        conn.execute(stmt, [{"aid": a, "seq": i + n + 1} for n, a in enumerate(ids[i : i + 10_000])])


def downgrade() -> None:
    op.drop_index("ix_articles_ingest_seq", "articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("ingest_seq")
