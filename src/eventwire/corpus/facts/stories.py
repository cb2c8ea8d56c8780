"""A simple grouping of articles into stories, for ``eventwire facts`` input lines that give
no ``story``: TF-IDF over the words of each text (capitalized words, i.e. names, count
double), and single-link grouping of articles whose cosine similarity reaches
``THRESHOLD``. The story id is the first article's id. (The corpus layer's online story
clustering supersedes this where a store is used.)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["group_stories", "THRESHOLD"]

THRESHOLD = 0.2
_STOP = frozenset(
    "the a an and or of to in on at for by with from as is was were be been are has have had "
    "that this it its he she they his her their said says will would not but who which than "
    "after before about over into more also up out one two new".split()
)


def _vector(text: str) -> Counter[str]:
    c: Counter[str] = Counter()
    for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text):
        low = w.lower()
        if low in _STOP or len(low) < 3:
            continue
        c[low] += 2 if w[0].isupper() else 1
    return c


def group_stories(docs: Sequence[tuple[str, str]]) -> list[str]:
    """A story id for each (doc_id, text), in input order."""
    vecs = [_vector(t) for _, t in docs]
    df: Counter[str] = Counter()
    for v in vecs:
        df.update(v.keys())
    n = len(docs)
    weighted = []
    for v in vecs:
        w = {k: c * (math.log((1 + n) / (1 + df[k])) + 1.0) for k, c in v.items()}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        weighted.append({k: x / norm for k, x in w.items()})
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            a, b = weighted[i], weighted[j]
            if len(a) > len(b):
                a, b = b, a
            sim = sum(x * b.get(k, 0.0) for k, x in a.items())
            if sim >= THRESHOLD:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    return [docs[find(i)][0] for i in range(n)]
