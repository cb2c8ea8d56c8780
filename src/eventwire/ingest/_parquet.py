"""Parquet of articles: reading a file (one partition of a dataset) row by row, and the
partition a file's path names.

A row is a record like a JSON Lines record: the same field names (``text``, ``title``,
``url``, ``date``, ``outlet`` and their fallbacks, or ``--json-field`` choices), source
``path#n`` (1-based row number). A dataset partitioned by date (``…/date=2024-03-01/
part-0.parquet``, as ``eventwire export --format parquet --partition-by date`` writes it)
gives its rows that date when they carry none. Rows are read in batches, so a large file
is never held in memory at once.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from eventwire.model import IngestProblem, RawDoc

__all__ = ["read_parquet", "path_partitions"]

_PART_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.+)$")
_BATCH_ROWS = 256


def path_partitions(path: Path) -> dict[str, str]:
    """``key=value`` directory names on ``path`` (Hive-style partitions), innermost last."""
    out: dict[str, str] = {}
    for part in path.parent.parts:
        m = _PART_RE.match(part)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, (_dt.datetime, _dt.date)):
        return v.isoformat()
    return v


def read_parquet(
    path: Path, fields: Mapping[str, str], explicit: set[str]
) -> Iterator[RawDoc | IngestProblem]:
    from eventwire.ingest._records import _record_doc

    source = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield IngestProblem(
            source, "E110", "Parquet input needs pyarrow: pip install 'eventwire[parquet]'"
        )
        return
    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # noqa: BLE001 - pyarrow raises several types for a bad file
        yield IngestProblem(source, "E110", f"not a readable Parquet file: {e}"[:300])
        return
    parts = path_partitions(path)
    date_key = fields.get("date", "date")
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=_BATCH_ROWS):
            for row in batch.to_pylist():
                n += 1
                rec = {k: _plain(v) for k, v in row.items()}
                for k, v in parts.items():  # the partition's value where the row has none
                    if rec.get(k) in (None, ""):
                        rec[k] = v
                if rec.get(date_key) in (None, "") and "date" not in explicit:
                    rec[date_key] = parts.get("date") or parts.get("published")
                yield _record_doc(f"{source}#{n}", rec, fields, explicit, "parquet")
    except Exception as e:  # noqa: BLE001 - a corrupt row group: record it, keep what was read
        yield IngestProblem(source, "E110", f"Parquet file unreadable after row {n}: {e}"[:300])
        return
    if n == 0:
        yield IngestProblem(source, "E101", "empty Parquet file (no rows)")
