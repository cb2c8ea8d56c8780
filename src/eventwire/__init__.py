"""eventwire: news in; stories, events, facts and figures out, each traceable to its sources.

    import eventwire
    with eventwire.open_store("sqlite:///news.db") as store:
        eventwire.run(store, ["examples/seeds"])
        events = list(store.records("events"))
"""

from eventwire.analyze.pipeline import Pipeline, default_pipeline
from eventwire.api import RunSummary, analyze, ingest, run, summary
from eventwire.errors import (
    EventwireError,
    FetchError,
    InputError,
    ModelError,
    StoreError,
    UsageError,
)
from eventwire.export import export
from eventwire.store import RECORD_KINDS, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "open_store",
    "Store",
    "RECORD_KINDS",
    "run",
    "ingest",
    "analyze",
    "summary",
    "export",
    "RunSummary",
    "Pipeline",
    "default_pipeline",
    "EventwireError",
    "UsageError",
    "InputError",
    "StoreError",
    "ModelError",
    "FetchError",
]
