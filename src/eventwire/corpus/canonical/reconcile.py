"""Group coded event mentions of one story into canonical events and reconcile their fields.

Two mentions can only be one real event when everything that identifies an event agrees
(hard constraints; a matching verb is never enough):

- type: the same CAMEO code family (the first three digits; "make a visit" 042 and "host
  a visit" 043 are one family with the participants swapped);
- participants: when both mentions know both sides, the same pair of countries (ordered
  for visits, unordered otherwise); when one side is unknown, the known one must appear on
  the other mention;
- time: their date intervals overlap; a mention reported as *happened* by an article
  published before the other mention's date begins cannot be that later event;
- place: the same country when both are placed.

Among compatible mentions, links are scored by affinity (same sentence, same code, same
trigger stem, same participants, overlapping dates, same status, same place) and clusters
merge best link first, only when *every* cross pair is compatible (complete link on the
constraints), so a 2017 handshake or an October meeting never joins December's talks.

Reconciled fields: the most frequent code and type; the participants of the most
complete mention; the narrowest date interval; the most specific place (a city over a
country); the status reported by the latest article (a planned visit later reported as
happened is one event whose status changed), with the history of statuses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.corpus.coref.mentions import stem
from eventwire.model import make_id

__all__ = ["Mention", "CanonicalEvent", "compatible", "group_mentions", "reconcile"]

_VISIT = ("042", "043")


@dataclass(frozen=True)
class Mention:
    """One coded event (a row of ``events``) with what reconciliation needs."""

    event_id: str
    article_id: str
    start: int
    end: int
    text: str
    sentence_start: int
    plover_type: str
    plover_mode: str | None
    cameo: str | None
    source: str | None
    target: str | None
    status: str
    date_begin: str | None
    date_end: str | None
    published: str | None = None  # the article's publication date
    place_id: str | None = None
    place_name: str | None = None
    place_country: str | None = None
    place_city: bool = False
    date_inferred: bool = False  # dated from the story's context, not by the coder

    @property
    def family(self) -> str:
        c = (self.cameo or "")[:3]
        return "042" if c in _VISIT else (c or self.plover_type)

    @property
    def sides(self) -> tuple[str | None, str | None]:
        if (self.cameo or "")[:3] == "043":
            return self.target, self.source
        return self.source, self.target


def _participants_ok(a: Mention, b: Mention) -> bool:
    sa_, sb = a.sides, b.sides
    if a.family == "042":
        return all(x is None or y is None or x == y for x, y in zip(sa_, sb, strict=True))
    ka = {x for x in sa_ if x}
    kb = {x for x in sb if x}
    if not ka or not kb:
        return True
    if len(ka) == 2 and len(kb) == 2 and None not in sa_ and None not in sb:
        return ka == kb
    return ka <= kb or kb <= ka


def _interval(m: Mention) -> tuple[str, str] | None:
    if not m.date_begin:
        return None
    return m.date_begin[:10], (m.date_end or m.date_begin)[:10]


def _dates_ok(a: Mention, b: Mention) -> bool:
    ia, ib = _interval(a), _interval(b)
    if ia and ib and (ia[1] < ib[0] or ib[1] < ia[0]):
        return False
    for x, y in ((a, b), (b, a)):
        iy = _interval(y)
        if x.status == "happened" and x.published and iy and iy[0] > x.published[:10]:
            return False
    return True


def compatible(a: Mention, b: Mention) -> bool:
    if a.family != b.family:
        return False
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    return _participants_ok(a, b) and _dates_ok(a, b)


def _affinity(a: Mention, b: Mention) -> float:
    s = 0.0
    if a.article_id == b.article_id and a.sentence_start == b.sentence_start:
        s += 2.0
    if a.cameo and a.cameo == b.cameo:
        s += 1.0
    if stem(a.text.lower()) == stem(b.text.lower()):
        s += 1.0
    if {x for x in a.sides if x} == {x for x in b.sides if x} and None not in a.sides:
        s += 0.5
    if _interval(a) and _interval(b):
        s += 1.0
    if a.status == b.status:
        s += 0.5
    if a.place_id and b.place_id and a.place_name == b.place_name:
        s += 0.5
    return s


LINK_AFFINITY = 1.5


def group_mentions(mentions: Sequence[Mention], min_affinity: float = LINK_AFFINITY) -> list[list[int]]:
    """Clusters (lists of indexes) of mentions that report one real event."""
    n = len(mentions)
    ok = [[i == j or compatible(mentions[i], mentions[j]) for j in range(n)] for i in range(n)]
    links = sorted(
        ((_affinity(mentions[i], mentions[j]), i, j) for i in range(n) for j in range(i + 1, n)
         if ok[i][j]),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for aff, i, j in links:
        if aff < min_affinity:
            break
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        if all(ok[x][y] for x in members[gi] for y in members[gj]):
            keep, drop = (gi, gj) if gi < gj else (gj, gi)
            for x in members[drop]:
                group[x] = keep
            members[keep] = sorted(members[keep] + members.pop(drop))
    return [members[g] for g in sorted(members)]


@dataclass(frozen=True)
class CanonicalEvent:
    id: str
    story_id: str
    label: str
    plover_type: str
    plover_mode: str | None
    cameo: str | None
    source_country: str | None
    target_country: str | None
    date_begin: str | None
    date_end: str | None
    place_id: str | None
    place_name: str | None
    place_country: str | None
    status: str
    status_history: tuple[Mapping[str, Any], ...]
    n_mentions: int
    n_articles: int
    article_ids: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    mentions: tuple[Mention, ...] = field(default=(), compare=False)


def _pub(m: Mention) -> str:
    return m.published or ""


def reconcile(story_id: str, ms: Sequence[Mention]) -> CanonicalEvent:
    """One canonical event from its mentions (see the module docstring for each field)."""
    ordered = sorted(ms, key=lambda m: (_pub(m) or "9999", m.article_id, m.start))
    first = ordered[0]
    cameo = Counter(m.cameo for m in ms if m.cameo).most_common(1)
    ptype = Counter(m.plover_type for m in ms).most_common(1)[0][0]
    mode = Counter(m.plover_mode for m in ms if m.plover_mode).most_common(1)
    best = max(ms, key=lambda m: (sum(x is not None for x in m.sides), -ordered.index(m)))
    src, tgt = best.sides
    code = cameo[0][0] if cameo else None
    if (code or "")[:3] == "043":
        code = "042"
    coded = [m for m in ms if not m.date_inferred]
    dated = [iv for iv in (_interval(m) for m in (coded if any(_interval(m) for m in coded) else ms)) if iv]
    begin = end = None
    if dated:
        begin, end = min(dated, key=lambda iv: (iv[1] > iv[0], iv[1], iv[0]))
    placed = [m for m in ms if m.place_id]
    place = max(placed, key=lambda m: (m.place_city, -ordered.index(m))) if placed else None
    latest = max(ordered, key=lambda m: (_pub(m), m.status != "planned"))
    history: list[dict[str, Any]] = []
    for m in ordered:
        h = {"published": m.published, "status": m.status, "article_id": m.article_id}
        if not history or (history[-1]["status"], history[-1]["article_id"]) != (m.status, m.article_id):
            history.append(h)
    arts = tuple(dict.fromkeys(m.article_id for m in ordered))
    pubs = sorted(p for p in (m.published for m in ms) if p)
    trig = Counter(m.text.lower() for m in ms).most_common(1)[0][0]
    label = f"{src or '?'} {trig} {tgt or '?'}" + (f" ({begin}..{end})" if begin else "")
    return CanonicalEvent(
        id=make_id(first.event_id, "canonical"),
        story_id=story_id, label=label, plover_type=ptype, plover_mode=mode[0][0] if mode else None,
        cameo=code, source_country=src, target_country=tgt, date_begin=begin, date_end=end,
        place_id=place.place_id if place else None, place_name=place.place_name if place else None,
        place_country=place.place_country if place else None, status=latest.status,
        status_history=tuple(history), n_mentions=len(ms), n_articles=len(arts), article_ids=arts,
        first_seen=pubs[0] if pubs else None, last_seen=pubs[-1] if pubs else None,
        mentions=tuple(ordered),
    )
