"""Coded exceptions, one tree.

    EventwireError
    ├── UsageError          E0xx  bad command-line or API arguments
    ├── InputError          E1xx  an input could not be read (recorded, never stops a batch)
    ├── StoreError          E2xx  database URL, connection or migration problems
    ├── ModelError          E3xx  NLP model missing or unusable
    ├── FetchError          E4xx  URL fetching refused or failed
    ├── (E5xx are recorded per article, not raised: an analysis stage failed)
    └── E6xx  distributed execution (Dask): E601 recorded per input, E602/E603 raised

W-codes are warnings recorded beside what was read (the input was stored).

Every error has a ``code`` and a one-line message; the CLI prints ``Error E101: …``.
"""

from __future__ import annotations

__all__ = [
    "EventwireError",
    "UsageError",
    "InputError",
    "StoreError",
    "ModelError",
    "FetchError",
    "CODES",
]

# code -> short description (documented in the README)
CODES: dict[str, str] = {
    "E001": "unknown record kind or format",
    "E002": "bad argument value",
    "E003": "input path does not exist or is not a readable file",
    "E004": "cannot write the output file",
    "E005": "an optional extra is needed (pip install 'eventwire[parquet]')",
    "E006": "request body too large (HTTP server)",
    "E007": "no such page or record (HTTP server)",
    "E008": "method not allowed (HTTP server)",
    "E009": "an API token is needed (HTTP server)",
    "E010": "the API token is not valid (HTTP server)",
    "E101": "empty input",
    "E102": "binary (not text) input",
    "E103": "text could not be decoded",
    "E104": "input too large (capped)",
    "E105": "malformed JSON/JSONL record",
    "E106": "malformed feed",
    "E107": "malformed WARC archive",
    "E108": "HTML had no extractable text",
    "E109": "record has no text field",
    "E110": "unsupported input type",
    "W107": "archive read with warnings (its records were kept)",
    "W111": "article language is not supported: stored with its language, not analyzed",
    "E201": "unsupported database URL",
    "E202": "cannot connect to database",
    "E203": "article not found",
    "E204": "an optional extra is needed (pip install 'eventwire[postgres]')",
    "E205": "the database schema is older than this eventwire: run `eventwire db upgrade`",
    "E206": "no such API token",
    "E301": "spaCy model not installed",
    "E302": "an analysis stage module is missing (broken installation)",
    "E303": "a model file shipped with eventwire is missing or unreadable (broken installation)",
    "E401": "URL refused (private or loopback address)",
    "E402": "URL fetch failed",
    "E403": "URL response too large",
    "E501": "an analysis stage failed on this article (recorded; the batch goes on)",
    "W502": "article longer than the analysis limit: analyzed up to the limit",
    "E601": "a distributed task reading this input failed (its worker died repeatedly)",
    "E602": "the Dask executor needs the dask extra (pip install 'eventwire[dask]')",
    "E603": "cannot reach the Dask scheduler",
    "E999": "internal error (a bug in eventwire): please report it with the command",
}


class EventwireError(Exception):
    """Base class: ``code`` plus a one-line ``message``."""

    code = "E000"

    def __init__(self, message: str, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        self.message = message
        super().__init__(f"{self.code}: {message}")


class UsageError(EventwireError):
    code = "E002"


class InputError(EventwireError):
    code = "E101"


class StoreError(EventwireError):
    code = "E202"


class ModelError(EventwireError):
    code = "E301"


class FetchError(EventwireError):
    code = "E402"
