"""Streamed downloads of any filtered list: CSV, JSON Lines or Parquet.

Rows are read page by page (keyset pagination, a short read each) and sent as they are
made; nothing is written to disk and no path comes from the caller. Parquet is written a
row group per page into an in-memory buffer that is emptied after every group.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from eventwire.errors import UsageError
from eventwire.serve import queries as Q
from eventwire.store import Store, schema

__all__ = ["stream", "MEDIA"]

MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
         "parquet": "application/vnd.apache.parquet"}
_PAGE = 1000


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(v: Any) -> Any:
    """A CSV cell; text that a spreadsheet would run as a formula (untrusted article text,
    titles) is prefixed with an apostrophe."""
    if isinstance(v, (list, dict)):
        v = json.dumps(v, ensure_ascii=False)
    if isinstance(v, str) and v.startswith(_FORMULA):
        return "'" + v
    return v


def stream(store: Store, kind: str, filters: Mapping[str, Any] | None, sort: str | None,
           fmt: str) -> tuple[Iterator[bytes], str]:
    """(chunks of the file, media type). Filters, sort and format are checked before the
    first byte, so a bad request is a clean error, not a cut-off file."""
    if fmt not in MEDIA:
        raise UsageError(f"unknown download format {fmt!r}; choose csv, jsonl or parquet", "E001")
    Q.list_page(store, kind, filters, sort, None, 1)  # validates filters and sort
    rows = Q.iter_rows(store, kind, filters, sort, batch=_PAGE)
    cols = Q.columns_of(kind)
    if fmt == "csv":
        return _csv(rows, cols), MEDIA[fmt]
    if fmt == "jsonl":
        return (json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows), MEDIA[fmt]
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError("parquet downloads need pyarrow: pip install 'eventwire[parquet]'", "E005") from None
    return _parquet(kind, rows, cols), MEDIA[fmt]


def _csv(rows: Iterator[dict[str, Any]], cols: list[str]) -> Iterator[bytes]:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in rows:
        w.writerow({k: _cell(v) for k, v in r.items()})
        n += 1
        if n % 200 == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _arrow_schema(kind: str, cols: list[str]) -> Any:
    import pyarrow as pa
    import sqlalchemy as sa

    table = schema.TABLES[kind]
    fields = []
    for c in cols:
        t = table.c[c].type if c in table.c else sa.Text()
        if isinstance(t, sa.Boolean):
            at = pa.bool_()
        elif isinstance(t, sa.Integer):
            at = pa.int64()
        elif isinstance(t, sa.Float):
            at = pa.float64()
        else:
            at = pa.string()  # text, and JSON as its JSON text
        fields.append(pa.field(c, at))
    if kind == "actors":
        fields[cols.index("n_articles")] = pa.field("n_articles", pa.int64())
    return pa.schema(fields)


class _Sink(io.RawIOBase):
    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.chunks.append(bytes(b))
        return len(b)

    def take(self) -> bytes:
        out = b"".join(self.chunks)
        self.chunks.clear()
        return out


def _arrow_value(v: Any, is_str: bool) -> Any:
    if v is None or not is_str or isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def _parquet(kind: str, rows: Iterator[dict[str, Any]], cols: list[str]) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sch = _arrow_schema(kind, cols)
    sink = _Sink()
    with pq.ParquetWriter(sink, sch) as writer:
        strings = {c for c in cols if sch.field(c).type == pa.string()}
        batch: list[dict[str, Any]] = []
        for r in rows:
            batch.append({c: _arrow_value(r.get(c), c in strings) for c in cols})
            if len(batch) == _PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=sch))
                batch = []
                yield sink.take()
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=sch))
    yield sink.take()
