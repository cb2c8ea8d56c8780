"""JSON Lines helpers shared by the standalone commands."""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from eventwire.errors import InputError, UsageError

__all__ = ["read_jsonl", "write_jsonl", "run_tolerant", "LineCounts", "SCHEMAS"]


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


# ---------------------------------------------------------------- tolerant standalone runs

# per command: the id field echoed in error lines, and the fields a record must have
SCHEMAS: dict[str, tuple[str, dict[str, type | tuple[type, ...]]]] = {
    "timex": ("doc_id", {"text": str}),
    "code": ("id", {"text": str}),
    "locate": ("id", {"text": str, "verb": list}),
}


@dataclass
class LineCounts:
    ok: int = 0
    bad: int = 0


def _check(obj: Any, required: Mapping[str, type | tuple[type, ...]]) -> str | None:
    if not isinstance(obj, dict):
        return "a line must be a JSON object"
    for key, typ in required.items():
        if key not in obj:
            return f"missing field {key!r}"
        if not isinstance(obj[key], typ):
            return f"field {key!r} must be a {getattr(typ, '__name__', 'value')}"
    if "verb" in required:
        for v in obj["verb"]:
            if not (isinstance(v, dict) and isinstance(v.get("start"), int) and isinstance(v.get("end"), int)):
                return "each 'verb' must be {\"start\": int, \"end\": int}"
            if not 0 <= v["start"] <= v["end"] <= len(obj["text"]):
                return "a 'verb' span lies outside the text"
    return None


def run_tolerant(
    command: str,
    fn: Callable[[Iterable[dict[str, Any]]], Iterable[dict[str, Any]]],
    path: str | Path | None,
    counts: LineCounts,
) -> Iterator[dict[str, Any]]:
    """One output line per non-blank input line, in input order: ``fn``'s result for a good
    record, an error line ``{id_field, "line", "error": code, "reason"}`` for a line that is
    not valid JSON or lacks the command's fields. ``fn`` must yield one result per record it
    is given, in order (it may read ahead)."""
    id_field, required = SCHEMAS[command]
    pending: deque[dict[str, Any] | None] = deque()  # error lines, None = a good record

    def good_records() -> Iterator[dict[str, Any]]:
        for n, line in _raw_lines(path):
            obj: Any = None
            reason: str | None
            if line is None:
                reason, code = "not UTF-8 text", "E103"
            elif not line.strip():
                continue
            else:
                code = "E105"
                try:
                    obj = json.loads(line)
                    reason = _check(obj, required)
                except json.JSONDecodeError as e:
                    reason = f"not valid JSON ({e.msg} at column {e.colno})"
            if reason is not None:
                rid = obj.get(id_field) if isinstance(obj, dict) else None
                pending.append({id_field: rid, "line": n, "error": code, "reason": reason})
                counts.bad += 1
                continue
            pending.append(None)
            counts.ok += 1
            yield obj

    for result in fn(good_records()):
        while pending and pending[0] is not None:
            yield pending.popleft()  # type: ignore[misc]
        if pending:
            pending.popleft()
        yield result
    while pending:
        item = pending.popleft()
        if item is not None:
            yield item


def _raw_lines(path: str | Path | None) -> Iterator[tuple[int, str | None]]:
    """Lines of a file (or stdin), decoded one by one so a bad line stays one bad line."""
    if path is None or str(path) == "-":
        for n, line in enumerate(sys.stdin.buffer, 1):
            yield n, _decode_line(line)
        return
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"input file {p} does not exist or is not a file", "E003")
    with p.open("rb") as fh:
        for n, line in enumerate(fh, 1):
            yield n, _decode_line(line)


def _decode_line(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
