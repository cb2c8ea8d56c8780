"""Candidate retrieval for online story clustering, sub-linear in the number of stories.

A keyword-blocking index (the inverted-index form of locality-sensitive hashing): each
story is filed under its strongest terms (names and distinctive words); a new document looks
up its own strongest terms. Every posting list keeps only the ``cap`` most recently updated
stories, so a lookup touches at most ``n_keys * cap`` stories whether 1,000 or 1,000,000 are
stored: the cost of adding an article does not grow with the corpus. Old stories that are
no longer updated drop out of the busy posting lists, which is also what time-aware
clustering wants (a story a year old is not a candidate for today's article through common
words, only through rare ones).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

__all__ = ["KeywordIndex"]


class KeywordIndex:
    def __init__(self, cap: int = 48) -> None:
        self.cap = cap
        self._post: dict[str, OrderedDict[str, None]] = {}
        self._keys: dict[str, set[str]] = {}

    def __getstate__(self) -> dict[str, Any]:
        # sets pickled sorted: the same bytes whatever the process's hash seed
        return {"cap": self.cap, "_post": self._post, "_keys": {s: sorted(k) for s, k in self._keys.items()}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.cap, self._post = state["cap"], state["_post"]
        self._keys = {s: set(k) for s, k in state["_keys"].items()}

    def __len__(self) -> int:
        return len(self._keys)

    def file(self, story: str, keys: Iterable[str]) -> None:
        """File (or refresh) ``story`` under ``keys``: it becomes the most recent entry."""
        mine = self._keys.setdefault(story, set())
        for k in keys:
            post = self._post.get(k)
            if post is None:
                post = self._post[k] = OrderedDict()
            if story in post:
                post.move_to_end(story)
            else:
                post[story] = None
                mine.add(k)
                if len(post) > self.cap:
                    old, _ = post.popitem(last=False)
                    ok = self._keys.get(old)
                    if ok is not None:
                        ok.discard(k)

    def remove(self, story: str) -> None:
        for k in self._keys.pop(story, set()):
            post = self._post.get(k)
            if post is not None:
                post.pop(story, None)
                if not post:
                    del self._post[k]

    def candidates(self, keys: Iterable[str]) -> list[str]:
        """Stories filed under any of ``keys``, most shared keys first (ties: most recent)."""
        hits: dict[str, int] = {}
        for k in keys:
            post = self._post.get(k)
            if post:
                for s in post:
                    hits[s] = hits.get(s, 0) + 1
        return sorted(hits, key=lambda s: -hits[s])
