"""Reading the data files shipped in ``eventwire/resources``."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from eventwire.errors import ModelError

__all__ = ["resource_json"]


def resource_json(*parts: str, what: str) -> Any:
    """The parsed JSON file ``eventwire/resources/<parts...>``; a missing or unreadable file
    is a coded :class:`ModelError` naming ``what`` it holds, not a traceback."""
    p = resources.files("eventwire.resources")
    for part in parts:  # one at a time: a namespace package's path joins one name per call
        p = p / part
    try:
        return json.loads(p.read_text("utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"{what} {'/'.join(parts)} is missing or unreadable: {e}", "E303") from e
