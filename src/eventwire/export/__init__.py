"""Exports in open formats: JSON Lines, CSV, Parquet for every record kind, plus the
GDELT-style event table and PLOVER JSON for events."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from eventwire.errors import UsageError
from eventwire.store import Store

__all__ = ["FORMATS", "export", "write_rows"]

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")


def _flat(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str] | Path) -> int:
    """Write dict rows as jsonl/csv (to a text stream or path) or parquet (to a path)."""
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise UsageError(
                "parquet export needs pyarrow: pip install 'eventwire[parquet]'", "E005"
            ) from None

        if not isinstance(out, Path):
            raise UsageError("parquet export needs an output file (-o FILE)", "E002")
        data = [{k: _flat(v) for k, v in r.items()} for r in rows]
        pq.write_table(pa.Table.from_pylist(data), out)
        return len(data)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_rows(rows, fmt, fh)
    n = 0
    if fmt in ("jsonl", "plover"):
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt in ("csv", "gdelt"):
        writer: csv.DictWriter[str] | None = None
        delim = "\t" if fmt == "gdelt" else ","
        for r in rows:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(r), delimiter=delim)
                writer.writeheader()
            writer.writerow({k: _flat(v) for k, v in r.items()})
            n += 1
        return n
    raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}", "E001")


def _rows(
    store: Store, kind: str, fmt: str, filters: dict[str, Any] | None
) -> Iterator[dict[str, Any]]:
    if fmt in ("gdelt", "plover"):
        if kind != "events":
            raise UsageError(f"format {fmt} is for events only", "E001")
        from eventwire.export import events as ev

        rows = store.records("events", filters=filters)
        return ev.gdelt_rows(store, rows) if fmt == "gdelt" else ev.plover_rows(store, rows)
    return store.records(kind, filters=filters)


def export(
    store: Store,
    kind: str,
    fmt: str = "jsonl",
    out: IO[str] | Path | str | None = None,
    filters: dict[str, Any] | None = None,
    partition_by: str | None = None,
) -> int:
    """Export every record of ``kind`` in ``fmt``; returns the number of rows written.

    ``partition_by="date"`` (Parquet only) writes a dataset folder partitioned by date
    (see :mod:`eventwire.export._dataset`) instead of one file."""
    import os
    import sys

    if isinstance(out, (str, os.PathLike)):
        out = Path(out)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}", "E001")
    if partition_by is not None:
        from eventwire.export._dataset import DATE_COLUMN, write_dated_dataset

        if fmt != "parquet" or partition_by != DATE_COLUMN:
            raise UsageError("partitioning is for --format parquet, by date", "E002")
        if not isinstance(out, Path):
            raise UsageError("a partitioned export needs an output folder (-o DIR)", "E002")
        try:
            return write_dated_dataset(store, kind, _rows(store, kind, fmt, filters), out)
        except OSError as e:
            raise UsageError(f"cannot write {out}: {e.strerror}", "E004") from None
    try:
        return write_rows(
            _rows(store, kind, fmt, filters), fmt, out if out is not None else sys.stdout
        )
    except BrokenPipeError:
        raise  # the reader went away (`| head`): the CLI exits quietly
    except OSError as e:
        raise UsageError(f"cannot write {out or 'standard output'}: {e.strerror}", "E004") from None
