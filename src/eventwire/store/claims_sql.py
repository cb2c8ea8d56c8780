"""Store methods for many writers (mixed into :class:`Store`): leases on work.

Several processes (two ``eventwire run``, or a runner on each of several machines) may
analyze one store at once. Each *claims* pending articles before analyzing them: a row
in ``claims`` per article with its owner and a lease. Another writer skips an article
under a valid lease; a lease that has run out (its writer died) is taken over. Writing an
article's analysis (or its failure) deletes its claim in the same transaction.

Claiming is safe on both backends: on PostgreSQL the candidates are read ``FOR UPDATE
SKIP LOCKED`` (concurrent claimers do not queue on each other's rows) and every claim is
an ``INSERT … ON CONFLICT DO UPDATE … WHERE lease_until < now`` whose ``RETURNING`` says
which rows this writer got; on SQLite the insert takes the database's write lock. Either
way the candidates are checked again as pending after the insert, inside the claiming
transaction, so an article another writer finished in between is not analyzed twice.

Times are the database's clock (seconds since the epoch), so writers on machines whose
clocks differ still agree on when a lease runs out. A live writer renews its claims from
a thread (:meth:`ClaimStoreMixin.keep_claims`); a dead one's run out within the lease,
or at once when a writer on the same machine sees that its process is gone
(:meth:`ClaimStoreMixin.release_dead_owners`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventwire.store import schema

if TYPE_CHECKING:
    from eventwire.model import Article

__all__ = ["ClaimStoreMixin", "new_owner", "CORPUS_KEY", "DEFAULT_LEASE"]

CORPUS_KEY = "corpus"  # the lease the corpus stages run under (one writer at a time)
DEFAULT_LEASE = 60.0  # seconds a claim lasts unless renewed (see ``keep_claims``)


def new_owner() -> str:
    """A name for this writer, unique across machines and processes."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _now_sql(dialect: str) -> Any:
    if dialect == "postgresql":
        return sa.text("EXTRACT(EPOCH FROM clock_timestamp())::float8")
    return sa.text("(julianday('now') - 2440587.5) * 86400.0")


def _insert(dialect: str, table: sa.Table) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


class ClaimStoreMixin:
    engine: sa.engine.Engine
    dialect: str

    if TYPE_CHECKING:  # provided by Store and AnalysisStoreMixin

        @staticmethod
        def _pending_where(versions: str | Mapping[str, str]) -> Any: ...

        def _load_articles(
            self, conn: Connection, where: Any, limit: int | None = None
        ) -> list[Article]: ...

    def db_now(self, conn: Connection | None = None) -> float:
        """The database's clock, in seconds since the epoch."""
        if conn is not None:
            return float(conn.execute(sa.select(_now_sql(self.dialect))).scalar() or 0.0)
        with self.engine.connect() as c:
            return self.db_now(c)

    def _take(self, conn: Connection, keys: Sequence[str], owner: str, lease: float) -> set[str]:
        """Claim the free (never claimed or expired) ``keys`` for ``owner``; returns those
        this call got. A key this owner already holds is renewed and returned."""
        if not keys:
            return set()
        c = schema.claims
        now = self.db_now(conn)
        stmt = _insert(self.dialect, c)
        stmt = stmt.on_conflict_do_update(
            index_elements=["key"],
            set_={
                "owner": stmt.excluded.owner,
                "lease_until": stmt.excluded.lease_until,
                "claimed_at": stmt.excluded.claimed_at,
            },
            where=sa.or_(c.c.lease_until < now, c.c.owner == owner),
        ).returning(c.c.key)
        rows = [{"key": k, "owner": owner, "lease_until": now + lease, "claimed_at": now} for k in keys]
        return {r.key for r in conn.execute(stmt, rows)}

    def claim_pending(
        self,
        versions: str | Mapping[str, str],
        limit: int,
        owner: str,
        lease: float = DEFAULT_LEASE,
    ) -> list[Article]:
        """Claim up to ``limit`` articles pending for this pipeline that no other writer
        holds, in ingestion order, and return them. The claims end when their analysis
        (or failure) is written, when :meth:`release_claims` is called, or after
        ``lease`` seconds."""
        a, c = schema.articles, schema.claims
        pending = self._pending_where(versions)
        with self.engine.begin() as conn:
            now = self.db_now(conn)
            held = sa.exists().where(c.c.key == a.c.id, c.c.lease_until >= now, c.c.owner != owner)
            mine = sa.exists().where(c.c.key == a.c.id, c.c.owner == owner)
            q = (
                sa.select(a.c.id)
                .where(pending, ~held, ~mine)
                .order_by(a.c.ingest_seq, a.c.id)
                .limit(limit)
            )
            if self.dialect == "postgresql":
                q = q.with_for_update(skip_locked=True, of=a)
            ids = [r.id for r in conn.execute(q)]
            got = self._take(conn, ids, owner, lease)
            if not got:
                return []
            # finished by another writer between the candidates' read and the claim?
            arts = self._load_articles(conn, sa.and_(a.c.id.in_(sorted(got)), pending))
            lost = got - {x.id for x in arts}
            if lost:
                conn.execute(c.delete().where(c.c.key.in_(sorted(lost)), c.c.owner == owner))
            return arts

    def release_claims(self, owner: str, keys: Sequence[str] | None = None) -> int:
        """End ``owner``'s claims (all, or on ``keys``); returns how many ended."""
        c = schema.claims
        cond = c.c.owner == owner
        if keys is not None:
            cond = sa.and_(cond, c.c.key.in_(list(keys)))
        with self.engine.begin() as conn:
            return int(conn.execute(c.delete().where(cond)).rowcount or 0)

    def held_elsewhere(self, versions: str | Mapping[str, str], owner: str) -> int:
        """How many articles pending for this pipeline another owner has claimed."""
        a, c = schema.articles, schema.claims
        held = sa.exists().where(c.c.key == a.c.id, c.c.owner != owner)
        q = sa.select(sa.func.count()).where(self._pending_where(versions), held)
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar() or 0)

    def renew_claims(self, owner: str, lease: float = DEFAULT_LEASE) -> int:
        c = schema.claims
        with self.engine.begin() as conn:
            until = self.db_now(conn) + lease
            return int(
                conn.execute(c.update().where(c.c.owner == owner).values(lease_until=until)).rowcount
                or 0
            )

    @contextlib.contextmanager
    def keep_claims(self, owner: str, lease: float = DEFAULT_LEASE) -> Iterator[None]:
        """Renew ``owner``'s claims every ``lease / 3`` seconds while the block runs, and
        end them all when it exits."""
        renew = functools.partial(self.renew_claims, owner, lease)
        with _renewing(renew, lease / 3, "claims", functools.partial(self.release_claims, owner)):
            yield

    def release_dead_owners(self) -> int:
        """End the claims of writers on this machine whose process is gone (a run killed
        and restarted takes its work back at once, not after the lease)."""
        c = schema.claims
        host = socket.gethostname()[:60]
        with self.engine.connect() as conn:
            owners = list(conn.execute(sa.select(c.c.owner).distinct()).scalars())
        n = 0
        for o in owners:
            parts = o.split(":")
            if len(parts) != 3 or parts[0] != host or not parts[1].isdigit():
                continue
            if int(parts[1]) == os.getpid() or _alive(int(parts[1])):
                continue
            n += self.release_claims(o)
        return n

    @staticmethod
    def _end_claims(conn: Connection, keys: Sequence[str]) -> None:
        """Delete the claims on ``keys`` (in the transaction that writes their result)."""
        c = schema.claims
        for i in range(0, len(keys), 500):
            conn.execute(c.delete().where(c.c.key.in_(list(keys[i : i + 500]))))

    def try_lease(self, key: str, owner: str, lease: float) -> bool:
        """Take or renew the lease on ``key`` unless another owner holds it."""
        with self.engine.begin() as conn:
            return key in self._take(conn, [key], owner, lease)

    @contextlib.contextmanager
    def lease(
        self, key: str, owner: str, *, ttl: float = 60.0, wait: float = 0.5
    ) -> Iterator[None]:
        """Hold the lease on ``key`` for the duration of the block, waiting (polling every
        ``wait`` seconds) while another owner holds it. A thread renews the lease every
        ``ttl / 3`` seconds, so a holder that dies loses it within ``ttl`` seconds."""
        import time

        while not self.try_lease(key, owner, ttl):
            time.sleep(wait)
        renew = functools.partial(self.try_lease, key, owner, ttl)
        end = functools.partial(self.release_claims, owner, [key])
        with _renewing(renew, ttl / 3, f"lease:{key}", end):
            yield


@contextlib.contextmanager
def _renewing(
    renew: Callable[[], object], every: float, name: str, end: Callable[[], object]
) -> Iterator[None]:
    """Call ``renew`` from a thread every ``every`` seconds while the block runs (a failed
    call retries at the next tick); once the block exits, however it exits, stop the thread
    and call ``end``."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every):
            with contextlib.suppress(Exception):
                renew()

    t = threading.Thread(target=loop, name=name, daemon=True)
    t.start()
    try:
        yield
    finally:
        stop.set()
        t.join()
        end()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
