"""Parquet datasets partitioned by date: ``ROOT/date=YYYY-MM-DD/part-N.parquet``.

Each record goes to the partition of its date: its own (articles: ``published``; events
and canonical events: ``date_begin``; stories: ``first_seen``), else its article's
publication date; ``date=unknown`` when there is none. Column types come from the store's
schema, so every file of a dataset has the same schema (a column that is empty in one
partition is still typed). Rows are written in bounded batches, never all held at once.
Writing replaces the part files of an earlier export to the same folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from eventwire.errors import UsageError
from eventwire.store import Store, schema

__all__ = ["write_dated_dataset", "DATE_COLUMN"]

DATE_COLUMN = "date"
_OWN_DATE = ("published", "date_begin", "first_seen")
_FLUSH_ROWS = 50_000


def _arrow_type(col: sa.Column) -> Any:
    import pyarrow as pa

    t = col.type
    if isinstance(t, sa.Boolean):
        return pa.bool_()
    if isinstance(t, sa.Integer):
        return pa.int64()
    if isinstance(t, sa.Float):
        return pa.float64()
    if isinstance(t, sa.LargeBinary):
        return pa.binary()
    return pa.string()  # strings, text, JSON (written as JSON text)


def _cell(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


def _dates_of_articles(store: Store) -> dict[str, str | None]:
    t = schema.articles
    with store.engine.connect() as conn:
        return {r.id: r.published for r in conn.execute(sa.select(t.c.id, t.c.published))}


def _partition(value: Any) -> str:
    s = str(value or "")[:10]
    return s if s and all(c.isdigit() or c == "-" for c in s) else "unknown"


def write_dated_dataset(store: Store, kind: str, rows: Iterable[dict[str, Any]], root: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("parquet export needs pyarrow: pip install 'eventwire[parquet]'", "E005") from None
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} exists and is not a folder (a dataset is a folder)", "E004")
    table = schema.TABLES[kind]
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob(f"{DATE_COLUMN}=*/part-*.parquet"):
        old.unlink()
    own = next((c for c in _OWN_DATE if c in table.c), None)
    article_dates = _dates_of_articles(store) if own is None and "article_id" in table.c else {}
    arrow_schema: Any = None
    counter: dict[str, int] = {}
    n = 0

    def flush(buf: dict[str, list[dict[str, Any]]]) -> None:
        for part, prow in buf.items():
            folder = root / f"{DATE_COLUMN}={part}"
            folder.mkdir(exist_ok=True)
            k = counter.get(part, 0)
            counter[part] = k + 1
            pq.write_table(pa.Table.from_pylist(prow, schema=arrow_schema), folder / f"part-{k}.parquet")
        buf.clear()

    buf: dict[str, list[dict[str, Any]]] = {}
    held = 0
    for r in _flat(rows):
        if arrow_schema is None:
            arrow_schema = pa.schema([(c.name, _arrow_type(c)) for c in table.columns if c.name in r])
        date = r.get(own) if own else article_dates.get(r.get("article_id") or "")
        buf.setdefault(_partition(date), []).append(r)
        held += 1
        n += 1
        if held >= _FLUSH_ROWS:
            flush(buf)
            held = 0
    if buf:
        flush(buf)
    return n


def _flat(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for r in rows:
        yield {k: _cell(v) for k, v in r.items()}
