"""Every table of a store as comparable rows, for tests that compare two runs."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from eventwire.store import Store, schema

# wall-clock columns: the only ones two runs of the same input may differ in
VOLATILE = frozenset({"ingested_at", "seen_at", "claimed_at", "lease_until"})


def dump_store(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table (the change log, corpus cursors and the stories' pickled state too),
    rows in key order, only the wall-clock timestamps left out."""
    out = {}
    for table in schema.metadata.sorted_tables:
        cols = [c for c in table.columns if c.name not in VOLATILE]
        key = list(table.primary_key.columns) or cols
        with store.engine.connect() as c:
            rows = c.execute(sa.select(*cols).order_by(*key)).all()
        out[table.name] = [
            tuple(json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else v for v in r)
            for r in rows
        ]
    return out
