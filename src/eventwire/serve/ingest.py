"""``POST /api/articles``: one article in, stored and analyzed through the normal pipeline
(the same reading of a JSON record, cleaning, dedup against the store, analysis stages
and corpus stages as `eventwire run`)."""

from __future__ import annotations

import hashlib
import threading
from typing import Any

from eventwire.errors import InputError
from eventwire.store import Store

__all__ = ["Ingestor"]


class Ingestor:
    """Serializes the server's writes (one article at a time) and keeps the loaded
    pipeline between requests. Duplicates are looked up per request in the store's shared
    index (as `eventwire run` does per batch), so articles written by other processes are
    caught as exact and near duplicates, and memory does not grow with the store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._pipeline: Any = None

    def _dedup(self, content_hash: str, sig: bytes | None) -> Any:
        """A duplicate finder holding the stored articles the shared index proposes."""
        from eventwire.ingest.dedup import Deduper
        from eventwire.runners.local import body_text_by_id

        d = Deduper(text_lookup=lambda aid: body_text_by_id(self.store, aid))
        for aid, h, s in self.store.dedup_candidates([(content_hash, sig)]):
            d.add(aid, h, s)
        return d

    def ingest(self, record: dict[str, Any], analyze: bool = True) -> dict[str, Any]:
        """Store ``record`` ({"text", "title"?, "url"?, "outlet"?, "date"?}) and, with
        ``analyze``, analyze it. Returns {"article_id", "status": "created" | "duplicate",
        "duplicate_of"?, "analyzed", "counts"}. An unreadable record raises InputError."""
        from eventwire.ingest import clean
        from eventwire.ingest._records import DEFAULT_JSON_FIELDS, _record_doc
        from eventwire.ingest.clean import dedup_text
        from eventwire.ingest.dedup import signature
        from eventwire.ingest.language import is_supported, unsupported_language_problem
        from eventwire.model import Copy, IngestProblem

        digest = hashlib.sha256(repr(sorted(record.items())).encode()).hexdigest()[:16]
        source = str(record.get("url") or f"api:{digest}")
        doc = _record_doc(source, record, DEFAULT_JSON_FIELDS, set(), "json")
        if isinstance(doc, IngestProblem):
            raise InputError(doc.reason, doc.code)
        art = clean(doc)
        body = dedup_text(art)
        sig = signature(body)
        with self._lock:
            hit = self._dedup(art.content_hash, sig).check(art.content_hash, body, sig)
            if hit is not None or self.store.stored_sources([source]):
                canonical = hit[0] if hit is not None else None
                if hit is not None:
                    self.store.add_ingested([], [Copy(source, hit[0], hit[1], hit[2], art.content_hash)], [])
                return {"article_id": canonical, "status": "duplicate", "duplicate_of": canonical,
                        "analyzed": False, "counts": {}}
            problems = [] if is_supported(art.language) else [unsupported_language_problem(art)]
            self.store.add_ingested([(art, sig)], [], problems)
            stored = self.store.get_article(art.id)
            if stored is None or stored.id != art.id:  # another writer stored the same text
                return {"article_id": None, "status": "duplicate", "duplicate_of": None,
                        "analyzed": False, "counts": {}}
            out: dict[str, Any] = {"article_id": art.id, "status": "created", "analyzed": False,
                                   "counts": {}}
            if analyze and is_supported(art.language):
                from eventwire.analyze.pipeline import default_pipeline
                from eventwire.runners.local import analyze as run_analysis

                if self._pipeline is None:
                    self._pipeline = default_pipeline(n_process=1)
                s = run_analysis(self.store, pipeline=self._pipeline)
                out["analyzed"] = True
                out["counts"] = {k: self.store.counts_by_article(k, [art.id]).get(art.id, 0)
                                 for k in ("entities", "events", "facts")}
                out["analyzed_in_batch"] = s.analyzed
            return out
