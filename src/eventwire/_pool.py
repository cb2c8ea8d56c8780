"""Worker pools shared by the runner and the stages."""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing.pool import Pool

__all__ = ["START_METHOD", "make_pool"]

# fork where available: it works from user scripts without a ``__main__`` guard, and
# workers inherit already loaded models; spawn elsewhere
START_METHOD = "fork" if "fork" in mp.get_all_start_methods() else "spawn"


def make_pool(processes: int) -> Pool:
    return mp.get_context(START_METHOD).Pool(processes)
