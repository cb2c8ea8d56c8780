"""eventwire: news in; stories, events, facts and figures out, each traceable to its sources.

    import eventwire
    with eventwire.open_store("sqlite:///news.db") as store:
        eventwire.run(store, ["examples/seeds"])
        events = list(store.records("events"))
"""

import importlib as _importlib

# ``eventwire.ingest`` and ``eventwire.analyze`` are both subpackages and API functions.
# Importing a subpackage for the first time binds its name on this package, so they are
# imported here, before the functions take the names; later imports of their submodules
# leave the functions in place (tested: every public function works when called twice).
for _pkg in ("eventwire.ingest", "eventwire.analyze", "eventwire.export", "eventwire.corpus"):
    _importlib.import_module(_pkg)

from eventwire.analyze.pipeline import Pipeline, default_pipeline  # noqa: E402
from eventwire.api import RunSummary, analyze, ingest, run, summary  # noqa: E402
from eventwire.errors import (  # noqa: E402
    EventwireError,
    FetchError,
    InputError,
    ModelError,
    StoreError,
    UsageError,
)
from eventwire.export import export  # noqa: E402
from eventwire.store import RECORD_KINDS, Store, open_store  # noqa: E402

del _pkg, _importlib

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
