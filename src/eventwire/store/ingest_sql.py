"""Store methods that write newly ingested articles (mixed into :class:`Store`): the
insert that skips what another writer stored first, the ingestion numbers, and the
conversion of a lost race into an exact copy.

``articles.ingest_seq`` numbers the articles in the order they were stored (input order
within a run). Everything that must follow ingestion order (claiming articles for
analysis, hence the change log and the corpus stages) orders by it, never by
``ingested_at``: that is wall-clock time to the second, so two batches stored in one
second would otherwise be ordered by article id, differently from run to run.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventwire.store import schema

__all__ = ["IngestStoreMixin"]

# advisory lock key of the ingestion numbering (any constant no other code uses)
_SEQ_LOCK = 0x65770001


class IngestStoreMixin:
    engine: sa.engine.Engine
    dialect: str

    @staticmethod
    def _number_new_articles(conn: Connection, stored: set[str], n: int) -> None:
        """Give the articles just inserted (temporary numbers ``-n .. -1`` in input order) the
        next ingestion numbers. Read after the insert, so under the write lock on SQLite; on
        PostgreSQL a transaction-scoped advisory lock serialises concurrent writers here, so
        their batches never share numbers."""
        if not stored:
            return
        t = schema.articles
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_SEQ_LOCK)))
        top = conn.execute(sa.select(sa.func.max(t.c.ingest_seq))).scalar()
        shift = max(int(top or 0), 0) + n + 1
        ids = sorted(stored)
        for i in range(0, len(ids), 500):
            conn.execute(
                t.update()
                .where(t.c.id.in_(ids[i : i + 500]))
                .values(ingest_seq=t.c.ingest_seq + shift)
            )

    def _insert_new_articles(self, conn: Connection, rows: list[dict[str, Any]]) -> set[str]:
        if not rows:
            return set()
        t = schema.articles
        stmt: Any
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            stmt = pg_insert(t)
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            stmt = sqlite_insert(t)
        stmt = stmt.on_conflict_do_nothing().returning(t.c.id)
        return {r.id for r in conn.execute(stmt, rows)}

    @staticmethod
    def _as_copies(
        conn: Connection, srows: list[dict[str, Any]], lost: set[str]
    ) -> list[dict[str, Any]]:
        """Canonical source rows of articles not stored (``lost``) become exact copies of
        the stored article with the same content."""
        t = schema.articles
        hashes = {r["content_hash"] for r in srows if r["article_id"] in lost}
        q = sa.select(t.c.id, t.c.content_hash).where(t.c.content_hash.in_(sorted(hashes)))
        by_hash = {r.content_hash: r.id for r in conn.execute(q)}
        out = []
        for r in srows:
            if r["article_id"] in lost and r["kind"] == "canonical":
                stored = by_hash.get(r["content_hash"])
                if stored is None:  # pragma: no cover - an id clash with other content
                    continue
                r = {**r, "article_id": stored, "kind": "exact"}
            out.append(r)
        return out
