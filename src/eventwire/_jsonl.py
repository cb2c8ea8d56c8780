"""JSON Lines helpers shared by the standalone commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from eventwire.errors import InputError, UsageError

__all__ = ["read_jsonl", "write_jsonl"]


def read_jsonl(path: str | Path | None) -> Iterator[dict[str, Any]]:
    """Yield one dict per non-blank line; a malformed line raises InputError E105."""
    fh: TextIO
    if path is None or str(path) == "-":
        fh = sys.stdin
    else:
        p = Path(path)
        if not p.is_file():
            raise UsageError(f"input file {p} does not exist or is not a file", "E003")
        fh = p.open(encoding="utf-8")
    try:
        for n, line in _lines(fh, path):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{n}: not valid JSON ({e.msg})", "E105") from None
            if not isinstance(obj, dict):
                raise InputError(f"{path}:{n}: a line must be a JSON object", "E105")
            yield obj
    finally:
        if fh is not sys.stdin:
            fh.close()


def _lines(fh: TextIO, path: str | Path | None) -> Iterator[tuple[int, str]]:
    n = 0
    try:
        for n, line in enumerate(fh, 1):  # noqa: B007 - n is reported on error
            yield n, line
    except UnicodeDecodeError:
        raise InputError(f"{path}:{n + 1}: not UTF-8 text", "E103") from None


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n
