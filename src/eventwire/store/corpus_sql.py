"""Store methods for the corpus layer: the analysis change log, corpus-stage state and
the atomic application of a corpus stage's writes (mixed into :class:`Store`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventwire.errors import UsageError
from eventwire.store import schema

if TYPE_CHECKING:
    from eventwire.corpus.stage import CorpusWrite

__all__ = ["CorpusStoreMixin"]


def _table(kind: str) -> sa.Table:
    if kind not in schema.TABLES:
        raise UsageError(f"no table {kind!r} in the store schema", "E001")
    return schema.TABLES[kind]


def _order(kinds: Iterable[str]) -> list[sa.Table]:
    """Tables of ``kinds`` parents first (the metadata's dependency order)."""
    return list(sa.schema.sort_tables([_table(k) for k in set(kinds)]))


class CorpusStoreMixin:
    engine: sa.engine.Engine
    dialect: str

    def _upsert(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        raise NotImplementedError  # provided by Store

    # -- change log --------------------------------------------------------------------
    @staticmethod
    def _log_changes(conn: Connection, changes: Sequence[tuple[str, Iterable[str]]]) -> None:
        """Append (article id, record kinds rewritten) to the change log, in order."""
        if changes:
            conn.execute(
                schema.article_changes.insert(),
                [{"article_id": a, "kinds": ",".join(sorted(set(k)))} for a, k in changes],
            )

    def changes_since(self, cursor: int, limit: int) -> list[tuple[int, str, frozenset[str]]]:
        """Up to ``limit`` change-log entries after ``cursor``: (seq, article id, kinds)."""
        t = schema.article_changes
        q = sa.select(t.c.seq, t.c.article_id, t.c.kinds).where(t.c.seq > cursor)
        q = q.order_by(t.c.seq).limit(limit)
        with self.engine.connect() as conn:
            return [
                (r.seq, r.article_id, frozenset(k for k in r.kinds.split(",") if k))
                for r in conn.execute(q)
            ]

    def change_head(self) -> int:
        """The sequence number of the latest change (0 when none)."""
        t = schema.article_changes
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(t.c.seq))).scalar() or 0)

    # -- corpus stage state ------------------------------------------------------------
    def corpus_state(self, stage: str) -> tuple[str, int] | None:
        """(version, cursor) of a corpus stage, or None when it never ran."""
        t = schema.corpus_state
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(t.c.version, t.c.cursor).where(t.c.stage == stage)).first()
        return (r.version, int(r.cursor)) if r else None

    def reset_corpus_stage(self, stage: str, version: str, kinds: Sequence[str]) -> None:
        """Empty the tables a corpus stage owns and set it to ``version`` at cursor 0."""
        with self.engine.begin() as conn:
            for table in reversed(_order(kinds)):
                conn.execute(table.delete())
            self._upsert(
                conn, schema.corpus_state, [{"stage": stage, "version": version, "cursor": 0}]
            )

    def apply_corpus_write(self, stage: str, version: str, cursor: int, write: CorpusWrite) -> None:
        """Apply a corpus stage's deletes then upserts and move its cursor, atomically."""
        from eventwire.store.sql import _row

        with self.engine.begin() as conn:
            for table in reversed(_order(write.deletes)):
                _delete_matching(conn, table, write.deletes[table.name])
            for table in _order(write.upserts):
                rows = [_row(r, table) for r in write.upserts[table.name]]
                pk = [c.name for c in table.primary_key.columns]
                uniq = list({tuple(r[c] for c in pk): r for r in rows}.values())
                self._upsert(conn, table, uniq)
            self._upsert(
                conn,
                schema.corpus_state,
                [{"stage": stage, "version": version, "cursor": cursor}],
            )


def _delete_matching(conn: Connection, table: sa.Table, matches: Sequence[Mapping[str, Any]]) -> None:
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for m in matches:
        groups.setdefault(tuple(sorted(m)), []).append(m)
    for cols, ms in groups.items():
        for c in cols:
            if c not in table.c:
                raise UsageError(f"table {table.name!r} has no column {c!r}", "E001")
        for i in range(0, len(ms), 500):
            chunk = ms[i : i + 500]
            cond: Any
            if len(cols) == 1:
                cond = table.c[cols[0]].in_([m[cols[0]] for m in chunk])
            else:
                cond = sa.or_(*(sa.and_(*(table.c[c] == m[c] for c in cols)) for m in chunk))
            conn.execute(table.delete().where(cond))
