"""The one storage interface, on SQLAlchemy Core: SQLite (default) and PostgreSQL.

Writes are transactional per batch: a batch of ingested articles (with their copies and
problems) or of analyses is committed all at once, so a run killed mid-way leaves the
store as it was after the last finished batch, and a restart finishes without duplicates
or losses.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
import functools
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from eventwire._util import batched
from eventwire.errors import StoreError
from eventwire.model import Article, Copy, IngestProblem, Segment
from eventwire.store import schema
from eventwire.store.analysis_sql import FAILED_PREFIX, AnalysisStoreMixin
from eventwire.store.claims_sql import ClaimStoreMixin
from eventwire.store.corpus_sql import CorpusStoreMixin
from eventwire.store.dedup_sql import DedupStoreMixin
from eventwire.store.ingest_sql import IngestStoreMixin

__all__ = ["Store", "open_store", "default_url", "schema_head", "RECORD_KINDS", "FAILED_PREFIX", "FILTERABLE"]

DEFAULT_DB = "eventwire.db"

# kinds a user can list/export; "mentions" is every span record of every kind
RECORD_KINDS = (
    "articles",
    "sources",
    "problems",
    "segments",
    "sentences",
    "entities",
    "timexes",
    "actors",
    "article_actors",
    "actor_mentions",
    "places",
    "events",
    "event_actors",
    "article_stages",
    "facts",
    "fact_groups",
    "fact_resolutions",
    "stories",
    "story_articles",
    "story_changes",
    "canonical_events",
    "canonical_event_mentions",
)


def default_url() -> str:
    return os.environ.get("EVENTWIRE_DB") or f"sqlite:///{DEFAULT_DB}"


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _normalize_url(url: str) -> str:
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:///") or url.startswith("postgresql+psycopg://"):
        return url
    if "://" not in url:  # a bare path means a SQLite file
        return f"sqlite:///{url}"
    raise StoreError(
        f"unsupported database URL {url!r} (use sqlite:///path or postgresql://…)", "E201"
    )


_SCALARS = (str, int, float, bool, type(None))


def _plain(v: Any) -> Any:
    """What ``dataclasses.asdict`` makes of a field value (nested records become dicts)."""
    if isinstance(v, _SCALARS):
        return v
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return dataclasses.asdict(v)
    if isinstance(v, (list, tuple)):
        return type(v)(_plain(x) for x in v)
    if isinstance(v, dict):
        return {_plain(k): _plain(x) for k, x in v.items()}
    return copy.deepcopy(v)


_FIELDS: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = frozenset(f.name for f in dataclasses.fields(cls))
    return names


def _row(obj: Any, table: sa.Table) -> dict[str, Any]:
    """The table's columns of a record: as ``dataclasses.asdict`` would give them, but
    converting only the fields the table stores (asdict of every field was a hot spot)."""
    is_record = dataclasses.is_dataclass(obj) and not isinstance(obj, type)
    d = None if is_record else dict(obj)
    fields = _field_names(type(obj)) if is_record else frozenset()
    out = {}
    for c in table.columns:
        if d is None:
            v = _plain(getattr(obj, c.name)) if c.name in fields else None
        else:
            v = d.get(c.name)
        if isinstance(v, tuple):
            v = list(v)
        out[c.name] = v
    return out


class Store(
    AnalysisStoreMixin, CorpusStoreMixin, ClaimStoreMixin, DedupStoreMixin, IngestStoreMixin
):
    """Open with :func:`open_store`; the schema is migrated to the latest revision."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.dialect = engine.dialect.name

    # -- lifecycle -----------------------------------------------------------------
    def migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            try:
                return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            except sa.exc.DBAPIError:
                return None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------
    def _insert_ignore(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        stmt: Any
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            stmt = pg_insert(table).on_conflict_do_nothing()
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            stmt = sqlite_insert(table).on_conflict_do_nothing()
        conn.execute(stmt, rows)

    def _upsert(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        pk = [c.name for c in table.primary_key.columns]
        stmt: Any
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            stmt = pg_insert(table)
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            stmt = sqlite_insert(table)
        upd = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in pk}
        conn.execute(stmt.on_conflict_do_update(index_elements=pk, set_=upd), rows)

    def add_ingested(
        self,
        articles: Sequence[tuple[Article, bytes | None]],
        copies: Sequence[Copy],
        problems: Sequence[IngestProblem],
    ) -> set[str]:
        """Store new canonical articles (with dedup signatures), copies and problems at once.

        Returns the ids of the articles this call stored. An article another writer stored
        first (same id or content) is not stored again; its source is recorded as an
        exact copy of the stored article."""
        now = _now()
        arows: list[dict[str, Any]] = []
        srows: list[dict[str, Any]] = []
        segrows: list[dict[str, Any]] = []
        for pos, (art, sig) in enumerate(articles):
            r = _row(art, schema.articles)
            # a temporary number below every stored one, made ``max + 1 + pos`` once this
            # transaction holds the write lock (see _number_new_articles)
            r.update(signature=sig, analyzed_version=None, ingested_at=now,
                     ingest_seq=pos - len(articles))
            arows.append(r)
            srows.append(
                {
                    "source": art.source,
                    "article_id": art.id,
                    "kind": "canonical",
                    "similarity": 1.0,
                    "content_hash": art.content_hash,
                    "ingested_at": now,
                }
            )
            segrows.extend(_row(s, schema.segments) for s in art.segments)
        for c in copies:
            srows.append({**_row(c, schema.sources), "ingested_at": now})
        # one lock order for every writer (no deadlock between two concurrent ingests)
        arows.sort(key=lambda r: r["id"])
        segrows.sort(key=lambda r: r["id"])
        srows.sort(key=lambda r: r["source"])
        prow = [
            {**_row(p, schema.problems), "seen_at": now, "resolved_at": None} for p in problems
        ]
        with self.engine.begin() as conn:
            stored = self._insert_new_articles(conn, arows)
            self._number_new_articles(conn, stored, len(arows))
            self._index_signatures(conn, [(r["id"], r["signature"]) for r in arows if r["id"] in stored])
            if len(stored) < len(arows):  # another writer stored some of them first
                srows = self._as_copies(conn, srows, {r["id"] for r in arows} - stored)
                segrows = [r for r in segrows if r["article_id"] in stored]
            self._insert_ignore(conn, schema.segments, segrows)
            self._insert_ignore(conn, schema.sources, srows)
            self._upsert(conn, schema.problems, prow)
        return stored

    def resolve_problems(
        self, units: Sequence[str], keep: set[tuple[str, str]], codes: str = "E1W1E4"
    ) -> int:
        """Mark resolved the unresolved problems of ``units`` (an input, or a record
        ``unit#n`` of it) whose (source, code) is not in ``keep`` (those recorded again by
        this read), for codes starting with one of the 2-character prefixes in ``codes``.
        Returns how many were resolved."""
        t = schema.problems
        prefixes = [codes[i : i + 2] for i in range(0, len(codes), 2)]
        now = _now()
        n = 0
        with self.engine.begin() as conn:
            for part in batched(units, 200):
                cond = sa.or_(
                    *(sa.or_(t.c.source == u, t.c.source.startswith(u + "#", autoescape=True))
                      for u in part)
                )
                rows = conn.execute(
                    sa.select(t.c.source, t.c.code).where(cond, t.c.resolved_at.is_(None))
                ).all()
                for src, code in rows:
                    if (src, code) in keep or code[:2] not in prefixes:
                        continue
                    conn.execute(
                        t.update()
                        .where(t.c.source == src, t.c.code == code)
                        .values(resolved_at=now)
                    )
                    n += 1
        return n

    # -- reads -----------------------------------------------------------------------
    def known_sources(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            q = sa.select(schema.sources.c.source, schema.sources.c.content_hash)
            return {r.source: r.content_hash for r in conn.execute(q)}

    def article_text(self, article_id: str) -> str:
        t = schema.articles
        with self.engine.connect() as conn:
            v = conn.execute(sa.select(t.c.text).where(t.c.id == article_id)).scalar()
        return v or ""

    def _article_from_row(self, r: Any, segs: list[Segment]) -> Article:
        return Article(
            id=r.id,
            text=r.text,
            source=r.source,
            fmt=r.fmt,
            title=r.title,
            outlet=r.outlet,
            url=r.url,
            published=r.published,
            date_method=r.date_method,
            date_confidence=r.date_confidence,
            language=r.language,
            language_confidence=r.language_confidence,
            content_hash=r.content_hash,
            segments=tuple(segs),
        )

    def _load_articles(
        self, conn: Connection, where: Any, limit: int | None = None
    ) -> list[Article]:
        t = schema.articles
        q = sa.select(t).where(where).order_by(t.c.ingest_seq, t.c.id)
        if limit:
            q = q.limit(limit)
        rows = list(conn.execute(q))
        if not rows:
            return []
        st = schema.segments
        segs: dict[str, list[Segment]] = {}
        sq = sa.select(st).where(st.c.article_id.in_([r.id for r in rows])).order_by(st.c.start)
        for s in conn.execute(sq):
            segs.setdefault(s.article_id, []).append(
                Segment(s.id, s.article_id, s.start, s.end, s.text, s.kind)
            )
        return [self._article_from_row(r, segs.get(r.id, [])) for r in rows]

    def pending(self, versions: str | Mapping[str, str], limit: int) -> list[Article]:
        """Articles some stage of this pipeline has not analyzed at its current version
        (nor failed on), in ingestion order."""
        with self.engine.connect() as conn:
            return self._load_articles(conn, self._pending_where(versions), limit)

    def count_pending(self, versions: str | Mapping[str, str]) -> int:
        where = self._pending_where(versions)
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).where(where)).scalar() or 0)

    def get_article(self, article_id: str) -> Article | None:
        t = schema.articles
        with self.engine.connect() as conn:
            prefix = article_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            arts = self._load_articles(conn, t.c.id.like(f"{prefix}%", escape="\\"), 2)
        if len(arts) == 1:
            return arts[0]
        return next((a for a in arts if a.id == article_id), None)

    def count(self, kind: str) -> int:
        table = self._table(kind)
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)

    def _table(self, kind: str) -> sa.Table:
        if kind not in schema.TABLES or kind not in RECORD_KINDS:
            from eventwire.errors import UsageError

            raise UsageError(
                f"unknown record kind {kind!r}; choose one of: {', '.join(RECORD_KINDS)}", "E001"
            )
        return schema.TABLES[kind]

    def records(
        self,
        kind: str,
        article_id: str | None = None,
        filters: dict[str, Any] | None = None,
        limit: int | None = None,
        include_text: bool = True,
    ) -> Iterator[dict[str, Any]]:
        """Rows of one record kind as dicts, in a stable order."""
        table = self._table(kind)
        cols = [c for c in table.columns if include_text or c.name not in ("text", "signature")]
        cols = [c for c in cols if c.name != "signature"]
        q = sa.select(*cols)
        if article_id is not None and "article_id" in table.c:
            q = q.where(table.c.article_id == article_id)
        for key, val in (filters or {}).items():
            q = q.where(_filter_clause(table, key, val))
        order = [table.c[n] for n in ("article_id", "start", "ingest_seq", "ingested_at") if n in table.c]
        order += [c for c in table.primary_key.columns if c not in order]
        q = q.order_by(*order)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                yield dict(r._mapping)

    def counts_by_article(
        self, kind: str, article_ids: Sequence[str], by: str | None = None
    ) -> dict[Any, int]:
        """How many records of ``kind`` each article has (one grouped COUNT per 500
        articles): article id -> n, or (article id, value of column ``by``) -> n."""
        table = self._table(kind)
        keys = [table.c.article_id] + ([_col(table, by)] if by else [])
        out: dict[Any, int] = {}
        with self.engine.connect() as conn:
            for part in batched(list(article_ids), 500):
                q = (sa.select(*keys, sa.func.count()).where(table.c.article_id.in_(part))
                     .group_by(*keys))
                for r in conn.execute(q):
                    out[tuple(r[:-1]) if by else r[0]] = int(r[-1])
        return out

    def count_by(self, kind: str, by: str, article_ids: Sequence[str] | None = None) -> dict[Any, int]:
        """How many records of ``kind`` have each value of column ``by`` (grouped COUNTs in
        SQL), over the whole table or over some articles' records (one query per 500)."""
        table = self._table(kind)
        col = _col(table, by)
        out: dict[Any, int] = {}
        parts = [None] if article_ids is None else list(batched(list(article_ids), 500))
        with self.engine.connect() as conn:
            for part in parts:
                q = sa.select(col, sa.func.count()).group_by(col)
                if part is not None:
                    q = q.where(table.c.article_id.in_(part))
                for value, n in conn.execute(q):
                    out[value] = out.get(value, 0) + int(n)
        return out

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over article titles and texts (every word must occur). An
        empty query is a usage error (E002)."""
        from eventwire.errors import UsageError

        query = re.sub(r"[\x00-\x1f\x7f]", " ", query)  # control characters are not words
        if not [w for w in query.replace('"', " ").split() if w]:
            raise UsageError("the search text is empty", "E002")
        t = schema.articles
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                q = sa.text(
                    "SELECT a.id, a.title, a.outlet, a.published, "
                    "snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
                    "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                    "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"
                )
                fts_q = " ".join(f'"{w}"' for w in query.replace('"', " ").split())
                return [dict(r._mapping) for r in conn.execute(q, {"q": fts_q, "n": limit})]
            vec = sa.func.to_tsvector("english", sa.func.coalesce(t.c.title, "") + " " + t.c.text)
            tsq = sa.func.plainto_tsquery("english", query)
            pq = (
                sa.select(t.c.id, t.c.title, t.c.outlet, t.c.published)
                .where(vec.op("@@")(tsq))
                .order_by(sa.desc(sa.func.ts_rank(vec, tsq)))
                .limit(limit)
            )
            return [dict(r._mapping) for r in conn.execute(pq)]

    def article_actors(self, article_ids: Iterable[str]) -> dict[tuple[str, str], dict[str, Any]]:
        """(article id, actor id) -> the identity with what that article says of the actor
        (``role`` and ``office`` at its date, ``method``, ``in_body``)."""
        ids = sorted(set(article_ids))
        a, aa = schema.actors, schema.article_actors
        out: dict[tuple[str, str], dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = (
                    sa.select(a, aa.c.article_id, aa.c.role, aa.c.office, aa.c.method, aa.c.in_body)
                    .join(aa, aa.c.actor_id == a.c.id)
                    .where(aa.c.article_id.in_(ids[i : i + 500]))
                    .order_by(aa.c.article_id, a.c.id)
                )
                for r in conn.execute(q):
                    out[(r.article_id, r.id)] = dict(r._mapping)
        return out

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = list(ids)
        if not ids:
            return {}
        t = schema.actors
        with self.engine.connect() as conn:
            return {
                r.id: dict(r._mapping) for r in conn.execute(sa.select(t).where(t.c.id.in_(ids)))
            }


def _filterable(table: sa.Table) -> frozenset[str]:
    return frozenset(
        c.name for c in table.columns
        if not isinstance(c.type, (sa.JSON, sa.LargeBinary)) and not (table.name == "articles" and c.name == "text")
    )


# record kind -> the columns ``Store.records`` may filter on (JSON and blob columns, and
# the article text, cannot be compared; search the text with ``Store.search``)
FILTERABLE: dict[str, frozenset[str]] = {
    k: _filterable(schema.TABLES[k]) | ({"actor"} if k == "events" else frozenset())
    for k in RECORD_KINDS if k in schema.TABLES
}


def _col(table: sa.Table, name: str) -> Any:
    if name not in FILTERABLE.get(table.name, frozenset()) or name == "actor":
        from eventwire.errors import UsageError

        allowed = ", ".join(sorted(FILTERABLE.get(table.name, ())))
        raise UsageError(f"cannot filter {table.name} by {name!r}; filterable: {allowed}", "E002")
    return table.c[name]


def _filter_clause(table: sa.Table, key: str, val: Any) -> Any:
    """``key`` is a filterable column name (:data:`FILTERABLE`), optionally suffixed:
    ``__ge``, ``__le``, ``__in``, ``__any`` (``a|b__any``: any of several columns equals
    val); ``actor`` on events is an actor id or id prefix on either side. Anything else is
    a usage error (E002), never a column lookup."""
    if key.endswith("__ge"):
        return _col(table, key[:-4]) >= val
    if key.endswith("__le"):
        return _col(table, key[:-4]) <= val
    if key.endswith("__in"):
        if isinstance(val, (str, bytes)):
            from eventwire.errors import UsageError

            raise UsageError(f"filter {key!r} needs a list of values", "E002")
        return _col(table, key[:-4]).in_(list(val))
    if key.endswith("__any"):  # any of several columns equals val
        return sa.or_(*(_col(table, c) == val for c in key[:-5].split("|")))
    if key == "actor" and table is schema.events:  # an actor id (or id prefix) on either side
        ea = schema.event_actors
        prefix = str(val).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return sa.exists().where(
            ea.c.event_id == table.c.id, ea.c.actor_id.like(f"{prefix}%", escape="\\")
        )
    return _col(table, key) == val


@functools.cache
def schema_head() -> str:
    """The latest schema revision this eventwire knows (the migrations' head)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(Path(__file__).parent / "migrations")).get_current_head()
    return str(head)


def open_store(url: str | None = None, migrate: bool | None = None) -> Store:
    """Open the store at ``url`` (default: EVENTWIRE_DB or ./eventwire.db).

    ``migrate``: True brings the schema up to date (what `eventwire run`/`serve` do once
    at start, and `eventwire db upgrade`); False opens as is; None (the default) creates
    the schema of a new, empty database and otherwise only checks the revision: a store at
    an older revision is refused with E205 (run `eventwire db upgrade`), so that opening a
    store never writes to it."""
    raw = url or default_url()
    norm = _normalize_url(raw)
    if norm.startswith("postgresql"):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise StoreError(
                "PostgreSQL needs psycopg: pip install 'eventwire[postgres]'", "E204"
            ) from None
    try:
        if norm.startswith("sqlite"):
            path = norm[len("sqlite:///") :]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(norm, connect_args={"timeout": 60})

            @sa.event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA busy_timeout=60000")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()

        else:
            engine = sa.create_engine(norm, pool_pre_ping=True)
        store = Store(raw, engine)
        if migrate:
            store.migrate()
        elif migrate is None:
            rev = store.schema_revision()
            if rev is None:
                store.migrate()
            elif rev != schema_head():
                raise StoreError(
                    f"the database {raw} has schema revision {rev}, this eventwire needs "
                    f"{schema_head()}: run `eventwire db upgrade`", "E205")
        return store
    except sa.exc.OperationalError as e:
        msg = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise StoreError(f"cannot open database {raw}: {msg}", "E202") from None
