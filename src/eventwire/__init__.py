"""eventwire: news in; stories, events, facts and figures out, each traceable to its sources."""

from eventwire.errors import (
    EventwireError,
    FetchError,
    InputError,
    ModelError,
    StoreError,
    UsageError,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "EventwireError",
    "UsageError",
    "InputError",
    "StoreError",
    "ModelError",
    "FetchError",
]
