"""The one loader of the facts word lists (``resources/facts/*.tsv``): tab-separated, a
header line, ``#`` comment lines and blank lines skipped."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

__all__ = ["RESOURCE_DIR", "tsv_rows"]

RESOURCE_DIR = Path(__file__).resolve().parents[2] / "resources" / "facts"


@functools.cache
def _read(name: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    text = (RESOURCE_DIR / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(tuple(r.items()) for r in csv.DictReader(lines, delimiter="\t"))


def tsv_rows(name: str) -> list[dict[str, str]]:
    """The rows of ``resources/facts/<name>`` as dicts keyed by the header's columns (a fresh
    list each call; the file is read once)."""
    return [dict(r) for r in _read(name)]
