"""Store methods for duplicate detection against the store (mixed into :class:`Store`).

The near-duplicate index is a table, shared by every writer: ``dedup_bands`` holds, per
canonical article, one key per LSH band of its MinHash signature
(:func:`eventwire.ingest.dedup.band_keys`: the same 25 bands of 5 values that the
in-process ``MinHashLSH`` uses). Ingest asks the store, batch by batch, for the stored
articles that share a band with (or have the content hash of) what it is about to store,
instead of loading every stored signature into memory when it starts: its memory follows
the run, not the store, and two writers see each other's articles as soon as they are
committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventwire.store import schema

__all__ = ["DedupStoreMixin"]

_CHUNK = 500


class DedupStoreMixin:
    engine: sa.engine.Engine
    dialect: str

    def _insert_ignore(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        raise NotImplementedError  # provided by Store

    def _index_signatures(self, conn: Connection, rows: Sequence[tuple[str, bytes | None]]) -> None:
        """Add the band keys of (article id, signature) pairs to the shared index."""
        from eventwire.ingest.dedup import band_keys

        out = [
            {"key": k, "article_id": aid}
            for aid, sig in rows
            if sig
            for k in band_keys(sig)
        ]
        out.sort(key=lambda r: (r["key"], r["article_id"]))  # one lock order for all writers
        for i in range(0, len(out), 5000):
            self._insert_ignore(conn, schema.dedup_bands, out[i : i + 5000])

    def dedup_candidates(
        self, probes: Sequence[tuple[str, bytes | None]]
    ) -> list[tuple[str, str, bytes | None]]:
        """Stored articles that may duplicate one of ``probes`` (content hash, signature):
        same content hash, or a signature sharing an LSH band. As (id, hash, signature),
        in id order."""
        from eventwire.ingest.dedup import band_keys

        a, b = schema.articles, schema.dedup_bands
        hashes = sorted({h for h, _ in probes})
        keys = sorted({k for _, sig in probes if sig for k in band_keys(sig)})
        found: dict[str, tuple[str, str, bytes | None]] = {}
        with self.engine.connect() as conn:
            ids: set[str] = set()
            for i in range(0, len(keys), _CHUNK):
                q = sa.select(b.c.article_id).where(b.c.key.in_(keys[i : i + _CHUNK])).distinct()
                ids.update(conn.execute(q).scalars())
            conds = [a.c.content_hash.in_(hashes[i : i + _CHUNK]) for i in range(0, len(hashes), _CHUNK)]
            idl = sorted(ids)
            conds += [a.c.id.in_(idl[i : i + _CHUNK]) for i in range(0, len(idl), _CHUNK)]
            for cond in conds:
                for r in conn.execute(sa.select(a.c.id, a.c.content_hash, a.c.signature).where(cond)):
                    found[r.id] = (r.id, r.content_hash, r.signature)
        return [found[k] for k in sorted(found)]

    def stored_sources(self, sources: Sequence[str]) -> dict[str, str]:
        """Source -> content hash, for those of ``sources`` already stored."""
        t = schema.sources
        out: dict[str, str] = {}
        src = sorted(set(sources))
        with self.engine.connect() as conn:
            for i in range(0, len(src), _CHUNK):
                q = sa.select(t.c.source, t.c.content_hash).where(t.c.source.in_(src[i : i + _CHUNK]))
                out.update({r.source: r.content_hash for r in conn.execute(q)})
        return out
