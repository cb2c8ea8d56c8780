"""eventwire.ingest: read inputs (files, directories, globs, URLs; text, HTML, JSON/JSONL,
RSS/Atom, WARC) into RawDocs, clean them into Articles with typed segments, and detect
exact and near duplicates (:mod:`eventwire.ingest.dedup`)."""

from eventwire.ingest.clean import clean, content_hash
from eventwire.ingest.readers import iter_inputs

__all__ = ["iter_inputs", "clean", "content_hash"]
