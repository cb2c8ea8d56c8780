"""Store methods for per-article analysis (mixed into :class:`Store`): which articles are
stale, and writing an analysis so that ids survive and results do not depend on order.

- Every stage's version is recorded per article (``article_stages``). An article is
  pending when some stage of the pipeline has no record for it or a different version,
  unless the same pipeline already failed on it.
- Writing replaces only the record kinds of the stages that ran: rows whose ids the new
  analysis produces again are updated in place (so corpus records that reference them
  stay), rows it no longer produces are deleted (and what references them cascades).
- ``actors`` holds identities only; an article's facts about an actor (role and office
  at its date) go to ``article_actors``; event sides go to ``event_actors``. Of several
  spellings of one identity the smallest (binary order) is kept, whatever the order of
  writes; identities no article refers to any more are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventwire.model import AnalyzedDoc
from eventwire.store import schema

__all__ = ["AnalysisStoreMixin", "FAILED_PREFIX", "ANALYSIS_KINDS", "parse_versions"]

FAILED_PREFIX = "failed:"
# record kinds written by per-article analysis, in parent -> child order
ANALYSIS_KINDS = ("sentences", "entities", "timexes", "places", "actors", "actor_mentions", "events", "facts")
_CHUNK = 500


def parse_versions(versions: str | Mapping[str, str]) -> dict[str, str]:
    """``{"nlp": "1+ab..", ...}`` from a mapping or a ``Pipeline.version()`` string."""
    if isinstance(versions, str):
        return dict(p.split("=", 1) for p in versions.split(";") if "=" in p)
    return dict(versions)


def pipeline_version(versions: Mapping[str, str]) -> str:
    return ";".join(f"{n}={v}" for n, v in versions.items())


def _chunks(items: Sequence[Any], n: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


class AnalysisStoreMixin:
    engine: sa.engine.Engine
    dialect: str

    def _upsert(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        raise NotImplementedError  # provided by Store

    if TYPE_CHECKING:  # provided by CorpusStoreMixin

        @staticmethod
        def _log_changes(conn: Connection, changes: Sequence[tuple[str, Iterable[str]]]) -> None: ...

        @staticmethod
        def _end_claims(conn: Connection, keys: Sequence[str]) -> None: ...

    # -- what is stale -----------------------------------------------------------------
    @staticmethod
    def _pending_where(versions: str | Mapping[str, str]) -> Any:
        vs = parse_versions(versions)
        a, st = schema.articles, schema.article_stages
        full = pipeline_version(vs)
        if not vs:
            return a.c.analyzed_version.is_(None)
        # fast path: an article last written by this very pipeline is current; one it
        # failed on is not retried
        current = (
            sa.select(sa.func.count())
            .select_from(st)
            .where(
                st.c.article_id == a.c.id,
                sa.or_(*(sa.and_(st.c.stage == n, st.c.version == v) for n, v in vs.items())),
            )
            .scalar_subquery()
        )
        return sa.or_(
            a.c.analyzed_version.is_(None),
            sa.and_(a.c.analyzed_version.not_in((full, FAILED_PREFIX + full)), current < len(vs)),
        )

    def stage_versions(self, article_ids: Sequence[str]) -> dict[str, dict[str, str]]:
        """The stored version of every stage, per article."""
        st = schema.article_stages
        out: dict[str, dict[str, str]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(article_ids)):
                q = sa.select(st).where(st.c.article_id.in_(chunk))
                for r in conn.execute(q):
                    out.setdefault(r.article_id, {})[r.stage] = r.version
        return out

    # -- writing -------------------------------------------------------------------------
    def write_analysis(
        self,
        docs: Sequence[AnalyzedDoc],
        versions: str | Mapping[str, str],
        kinds: Iterable[str] | None = None,
        pipeline: str | None = None,
    ) -> None:
        """Store the analyses of ``docs`` atomically: the record ``kinds`` (default: all)
        are replaced, every stage in ``versions`` is recorded as current for these
        articles, and the change is logged for the corpus stages."""
        from eventwire.store.sql import _row

        vs = parse_versions(versions)
        kind_set = set(ANALYSIS_KINDS if kinds is None else kinds)
        ids = sorted({d.article.id for d in docs})
        if not ids:
            return
        rows: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in ANALYSIS_KINDS if k in kind_set}
        identities: dict[str, dict[str, Any]] = {}
        art_actors: list[dict[str, Any]] = []
        ev_actors: list[dict[str, Any]] = []
        for d in docs:
            for kind in rows:
                if kind == "actors":
                    continue
                table = schema.SPAN_TABLES[kind]
                for r in getattr(d, kind):
                    rows[kind][r.id] = _row(r, table)  # identical offsets give identical ids
            if "actors" in kind_set:
                for a in d.actors:
                    ident = {"id": a.id, "name": a.name, "type": a.type, "country": a.country}
                    prev = identities.get(a.id)
                    if prev is None or a.name < prev["name"]:
                        identities[a.id] = ident
                    art_actors.append(
                        {
                            "article_id": d.article.id,
                            "actor_id": a.id,
                            "role": a.role,
                            "office": a.office,
                            "method": (a.attrs or {}).get("method"),
                            "in_body": (a.attrs or {}).get("body", True) is not False,
                        }
                    )
            if "events" in kind_set:
                for e in d.events:
                    for side, aids in (("source", e.source_actor_ids), ("target", e.target_actor_ids)):
                        for i, aid in enumerate(aids):
                            ev_actors.append(
                                {
                                    "event_id": e.id,
                                    "side": side,
                                    "position": i,
                                    "actor_id": aid,
                                    "article_id": d.article.id,
                                }
                            )
        with self.engine.begin() as conn:
            old_actor_ids: set[str] = set()
            if "actors" in kind_set:
                old_actor_ids = self._actor_ids_of(conn, ids)
                self._merge_identities(conn, list(identities.values()))
            # upserts, parents first
            for kind in ANALYSIS_KINDS:
                if kind in rows and kind != "actors":
                    table = schema.SPAN_TABLES[kind]
                    self._upsert(conn, table, list(rows[kind].values()))
            if "actors" in kind_set:
                at = schema.article_actors
                conn.execute(at.delete().where(at.c.article_id.in_(ids)))
                uniq = list({(r["article_id"], r["actor_id"]): r for r in art_actors}.values())
                if uniq:
                    conn.execute(at.insert(), uniq)
            if "events" in kind_set:
                et = schema.event_actors
                conn.execute(et.delete().where(et.c.article_id.in_(ids)))
                uniq = list({(r["event_id"], r["side"], r["position"]): r for r in ev_actors}.values())
                if uniq:
                    conn.execute(et.insert(), uniq)
            # rows the new analysis no longer produces, children first
            for kind in reversed(ANALYSIS_KINDS):
                if kind in rows and kind != "actors":
                    self._delete_vanished(conn, schema.SPAN_TABLES[kind], ids, set(rows[kind]))
            if old_actor_ids:
                self._drop_unreferenced_actors(conn, old_actor_ids - set(identities))
            if vs:
                self._upsert(
                    conn,
                    schema.article_stages,
                    [{"article_id": a, "stage": n, "version": v} for a in ids for n, v in vs.items()],
                )
            conn.execute(
                schema.articles.update()
                .where(schema.articles.c.id.in_(ids))
                .values(analyzed_version=pipeline or pipeline_version(vs))
            )
            self._log_changes(conn, [(i, sorted(kind_set)) for i in ids])
            self._end_claims(conn, ids)

    def mark_failed(self, article: Any, version: str | Mapping[str, str], reason: str) -> None:
        """Record that analysis failed on an article: its analysis records are dropped and
        the same pipeline does not retry it."""
        from eventwire.store.sql import _now

        vs = parse_versions(version)
        t = schema.articles
        with self.engine.begin() as conn:
            old_actor_ids = self._actor_ids_of(conn, [article.id])
            for table in (schema.event_actors, schema.article_actors):
                conn.execute(table.delete().where(table.c.article_id == article.id))
            for kind in reversed(ANALYSIS_KINDS):
                if kind != "actors":
                    table = schema.SPAN_TABLES[kind]
                    conn.execute(table.delete().where(table.c.article_id == article.id))
            self._drop_unreferenced_actors(conn, old_actor_ids)
            st = schema.article_stages
            conn.execute(st.delete().where(st.c.article_id == article.id))
            conn.execute(
                t.update()
                .where(t.c.id == article.id)
                .values(analyzed_version=FAILED_PREFIX + pipeline_version(vs))
            )
            self._log_changes(conn, [(article.id, ["failed"])])
            self._end_claims(conn, [article.id])
            self._upsert(
                conn,
                schema.problems,
                [{"source": article.source, "code": "E501", "reason": reason, "seen_at": _now()}],
            )

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _actor_ids_of(conn: Connection, article_ids: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for table in (schema.article_actors, schema.actor_mentions):
            for chunk in _chunks(list(article_ids)):
                q = sa.select(table.c.actor_id).where(table.c.article_id.in_(chunk)).distinct()
                out.update(r.actor_id for r in conn.execute(q))
        return out

    def _merge_identities(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Insert identities; on conflict keep the smaller name (binary order), so the row
        does not depend on which article was written last."""
        if not rows:
            return
        t = schema.actors
        stmt: Any
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            stmt = pg_insert(t)
            smaller = stmt.excluded.name.collate("C") < t.c.name.collate("C")
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            stmt = sqlite_insert(t)
            smaller = stmt.excluded.name < t.c.name
        name = sa.case((smaller, stmt.excluded.name), else_=t.c.name)
        for chunk in _chunks(sorted(rows, key=lambda r: r["id"])):
            conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_={"name": name}), list(chunk))

    @staticmethod
    def _delete_vanished(conn: Connection, table: sa.Table, article_ids: Sequence[str], keep: set[str]) -> None:
        existing: list[str] = []
        for chunk in _chunks(list(article_ids)):
            q = sa.select(table.c.id).where(table.c.article_id.in_(chunk))
            existing.extend(r.id for r in conn.execute(q))
        gone = sorted(i for i in existing if i not in keep)
        for chunk in _chunks(gone):
            conn.execute(table.delete().where(table.c.id.in_(chunk)))

    @staticmethod
    def _drop_unreferenced_actors(conn: Connection, actor_ids: set[str]) -> None:
        if not actor_ids:
            return
        a = schema.actors
        refs = [
            (t, t.c.actor_id)
            for t in (schema.actor_mentions, schema.article_actors, schema.event_actors)
        ]
        for chunk in _chunks(sorted(actor_ids)):
            cond = sa.and_(
                a.c.id.in_(chunk),
                *(~sa.exists().where(col == a.c.id) for _t, col in refs),
            )
            conn.execute(a.delete().where(cond))
