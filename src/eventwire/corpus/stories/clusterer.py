"""Online story clustering: each new document joins the most similar live story or opens
a new one; stories merge and split as evidence accumulates; every change is logged.

Method (single pass, incremental):

1. the document's sparse vector (:mod:`.features`) looks up candidate stories in the
   :class:`~.index.KeywordIndex` (bounded work per document, whatever the corpus size);
2. candidates are ranked by the cosine between the document and the story centroid (the
   sum of its members' vectors, pruned to its strongest terms); a candidate whose dates
   lie more than ``window_days`` outside the document's date is not compatible (same city,
   a year apart: two stories);
3. the best ``rerank`` candidates are scored by the mean probability, under the pairwise
   model (:mod:`.pairs`), that the document reports the same happening as each of the
   story's most recent members (average link); the best at or above ``threshold`` takes
   the document, otherwise it opens a story whose id is a hash of its first document;
4. merge: another candidate the document also joins at ``merge_threshold`` or above is
   merged into the receiving story (the larger story's id survives); split: when a story
   reaches 4, 8 or 16 members they are bisected (average link over pair probabilities) and
   the halves separate when their mean link is below ``split_threshold``. Merges and
   splits are written to the change log with the documents that moved.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from eventwire.corpus.stories.features import DocVector, cosine
from eventwire.corpus.stories.index import KeywordIndex
from eventwire.corpus.stories.pairs import PairModel, load_pair_model
from eventwire.model import make_id

__all__ = ["StoryParams", "StoryChange", "StoryClusterer"]

_CENTROID_TERMS = 300
_MEMBER_TERMS = 60
_RECENT = 16
_SPLIT_SIZES = frozenset({4, 8, 16})


@dataclass(frozen=True)
class StoryParams:
    """Decision parameters; None takes the shipped model's cross-validated value."""

    threshold: float | None = None
    merge_threshold: float | None = None
    split_threshold: float = 0.1
    window_days: int = 60
    index_keys: int = 12
    index_cap: int = 48
    rerank: int = 6


@dataclass(frozen=True)
class StoryChange:
    """One entry of the change log: open | join | merge | split."""

    seq: int
    kind: str
    story: str
    doc_id: str | None = None
    other: str | None = None  # merge: the story absorbed; split: the story split off
    members: tuple[str, ...] = ()  # merge/split: the documents that moved


def _compact(v: DocVector) -> DocVector:
    """A member's vector pruned to its strongest terms (all names kept), for memory."""
    keep = dict(sorted(v.weights.items(), key=lambda kv: -kv[1])[:_MEMBER_TERMS])
    for t in sorted(v.all_names):  # sorted: key order (and so later float sums) must not follow the hash seed
        keep[t] = v.weights[t]
    return DocVector(keep, v.top, v.date, v.names, v.all_names, v.years, v.name_norm)


@dataclass
class _Story:
    id: str
    seq: int
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    members: list[str] = field(default_factory=list)
    recent: deque[tuple[str, DocVector]] = field(default_factory=lambda: deque(maxlen=_RECENT))
    first: str | None = None
    last: str | None = None

    def add(self, doc_id: str, v: DocVector) -> None:
        self.members.append(doc_id)
        self.recent.append((doc_id, _compact(v)))
        for t, x in v.weights.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + x
        self._dates(v.date, v.date)
        self._renorm()

    def absorb(self, other: _Story) -> None:
        self.members.extend(other.members)
        for item in other.recent:
            self.recent.append(item)
        for t, x in other.centroid.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + x
        self._dates(other.first, other.last)
        self._renorm()

    def _dates(self, first: str | None, last: str | None) -> None:
        if first:
            self.first = first if self.first is None or first < self.first else self.first
        if last:
            self.last = last if self.last is None or last > self.last else self.last

    def _renorm(self) -> None:
        if len(self.centroid) > _CENTROID_TERMS + 100:
            keep = sorted(self.centroid.items(), key=lambda kv: -kv[1])[:_CENTROID_TERMS]
            self.centroid = dict(keep)
        self.norm = math.sqrt(sum(x * x for x in self.centroid.values())) or 1.0

    def keys(self, n: int) -> list[str]:
        return sorted(self.centroid, key=lambda t: -self.centroid[t])[:n]


def _days(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)


class StoryClusterer:
    """Incremental clustering of documents into stories (pure, in memory, picklable)."""

    def __init__(self, params: StoryParams | None = None, model: PairModel | None = None) -> None:
        self.params = params or StoryParams()
        self.model = model or load_pair_model()
        self.threshold = self.params.threshold if self.params.threshold is not None else self.model.threshold
        self.merge_threshold = (
            self.params.merge_threshold if self.params.merge_threshold is not None else self.model.merge_threshold
        )
        self.index = KeywordIndex(self.params.index_cap)
        self.stories: dict[str, _Story] = {}
        self.story_of: dict[str, str] = {}
        self.log: list[StoryChange] = []
        self._seq = 0
        self.last_candidates = 0  # stories the last ``add`` looked at (bounded by the index)

    def members(self, story: str) -> list[str]:
        return list(self.stories[story].members)

    def __iter__(self) -> Iterator[str]:
        return iter(self.stories)

    def _compatible(self, v: DocVector, s: _Story) -> bool:
        if not v.date or not s.first or not s.last:
            return True
        w = self.params.window_days
        return s.first[:10] <= v.date[:10] and v.date[:10] <= s.last[:10] or min(
            _days(v.date, s.first), _days(v.date, s.last)
        ) <= w

    def link(self, v: DocVector, story: str) -> float:
        """Mean pair probability between ``v`` and the story's most recent members."""
        rec = self.stories[story].recent
        return sum(self.model.prob(v, m) for _, m in rec) / len(rec)

    def _change(self, kind: str, story: str, doc_id: str | None = None, other: str | None = None,
                members: tuple[str, ...] = ()) -> None:
        self._seq += 1
        self.log.append(StoryChange(self._seq, kind, story, doc_id, other, members))

    def add(self, doc_id: str, v: DocVector) -> str:
        """Place one document; returns its story id (a later merge or split may move it)."""
        if doc_id in self.story_of:
            return self.story_of[doc_id]
        p = self.params
        ranked = []
        for sid in self.index.candidates(v.top[: p.index_keys]):
            s = self.stories.get(sid)
            if s is not None and self._compatible(v, s):
                ranked.append((cosine(v.weights, s.centroid) / s.norm, s.seq, sid))
        ranked.sort(key=lambda x: (-x[0], x[1]))
        self.last_candidates = len(ranked)
        scored = sorted(((self.link(v, sid), seq, sid) for _, seq, sid in ranked[: p.rerank]),
                        key=lambda x: (-x[0], x[1]))
        if scored and scored[0][0] >= self.threshold:
            sid = scored[0][2]
            self.stories[sid].add(doc_id, v)
            self.story_of[doc_id] = sid
            self._change("join", sid, doc_id)
            for sc, _, other in scored[1:]:
                if sc < self.merge_threshold:
                    break
                if other in self.stories and sid in self.stories and other != sid:
                    sid = self._merge(sid, other)
        else:
            self._seq += 1
            sid = make_id(doc_id, "story")
            while sid in self.stories:
                sid = make_id(sid, "story")
            s = _Story(sid, self._seq)
            s.add(doc_id, v)
            self.stories[sid] = s
            self.story_of[doc_id] = sid
            self.log.append(StoryChange(self._seq, "open", sid, doc_id))
        if len(self.stories[sid].members) in _SPLIT_SIZES:
            self._maybe_split(sid)
        home = self.story_of[doc_id]
        self.index.file(home, list(v.top[: p.index_keys]) + self.stories[home].keys(p.index_keys))
        return home

    def _merge(self, a: str, b: str) -> str:
        sa, sb = self.stories[a], self.stories[b]
        if (len(sb.members), -sb.seq) > (len(sa.members), -sa.seq):
            sa, sb = sb, sa
        moved = tuple(sb.members)
        sa.absorb(sb)
        for d in moved:
            self.story_of[d] = sa.id
        del self.stories[sb.id]
        self.index.remove(sb.id)
        self.index.file(sa.id, sa.keys(self.params.index_keys))
        self._change("merge", sa.id, other=sb.id, members=moved)
        return sa.id

    def _maybe_split(self, sid: str) -> None:
        s = self.stories[sid]
        if len(s.recent) != len(s.members):
            return
        docs = [d for d, _ in s.recent]
        vecs = [x for _, x in s.recent]
        n = len(vecs)
        sim = [[1.0 if i == j else self.model.prob(vecs[i], vecs[j]) for j in range(n)] for i in range(n)]
        g1, g2, between = _bisect(sim)
        if between >= self.params.split_threshold or min(len(g1), len(g2)) < 2:
            return
        if (len(g2), -min(g2)) > (len(g1), -min(g1)):
            g1, g2 = g2, g1
        keep = [(docs[i], vecs[i]) for i in sorted(g1)]
        move = [(docs[i], vecs[i]) for i in sorted(g2)]
        new_id = make_id(move[0][0], "story", "split", sid)
        s2 = _Story(sid, s.seq)
        self._seq += 1
        ns = _Story(new_id, self._seq)
        for d, x in keep:
            s2.add(d, x)
        for d, x in move:
            ns.add(d, x)
            self.story_of[d] = new_id
        self.stories[sid] = s2
        self.stories[new_id] = ns
        self.index.file(sid, s2.keys(self.params.index_keys))
        self.index.file(new_id, ns.keys(self.params.index_keys))
        self._change("split", sid, other=new_id, members=tuple(d for d, _ in move))


def _bisect(sim: list[list[float]]) -> tuple[set[int], set[int], float]:
    """Average-link agglomeration down to two groups; returns them and their mean link."""
    groups: list[set[int]] = [{i} for i in range(len(sim))]

    def link(a: set[int], b: set[int]) -> float:
        return sum(sim[i][j] for i in a for j in b) / (len(a) * len(b))

    while len(groups) > 2:
        best = (-1.0, 0, 1)
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                x = link(groups[i], groups[j])
                if x > best[0]:
                    best = (x, i, j)
        _, i, j = best
        groups[i] |= groups[j]
        del groups[j]
    return groups[0], groups[1], link(groups[0], groups[1])
