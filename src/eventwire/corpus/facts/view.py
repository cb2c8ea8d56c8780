"""A story's facts for people and programs: :func:`story_fact_view` returns every fact group
of a stored story with its agreement label, a readable name and value, and its sources
(article, outlet, publication date and the quoted span of each statement).

This is the library function behind ``eventwire show STORY_ID``'s facts section; a web UI
or API can call it directly and serialize with ``to_json``. It only reads the store.

    from eventwire.store import open_store
    from eventwire.corpus.facts.view import story_fact_view

    with open_store("sqlite:///eventwire.db") as store:
        for fact in story_fact_view(store, story_id):
            print(fact.label, fact.title, fact.value, [s.quote for s in fact.sources])
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.store import Store

__all__ = ["FactSource", "FactView", "story_fact_view", "fact_title", "format_value", "LABEL_ORDER"]

# facts a reader should see first: disagreements, then facts several sources state
LABEL_ORDER = {label: n for n, label in enumerate(("conflict", "update", "complement", "agree", "single-source"))}

_KIND_NAMES = {
    "money": "amount", "count": "number", "age": "age", "duration": "duration", "distance": "distance",
    "percent": "percentage", "magnitude": "magnitude", "date": "date", "time": "time", "place": "place",
    "names": "names", "manner": "manner of death", "condition": "condition", "office": "office",
    "list": "items", "spokesperson": "spokesperson", "charge": "charge", "circumstance": "circumstances",
    "bail": "bail", "affiliation": "member of", "suspects": "suspects", "caliber": "caliber",
}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


@dataclasses.dataclass(frozen=True)
class FactSource:
    """One statement of a fact: where it is said (article id + character offsets of the
    quoted span) and what it says there."""

    fact_id: str
    article_id: str
    start: int
    end: int
    quote: str
    value: str  # readable value as this source states it
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    attribution: str | None = None  # whom the article cites for it
    hedge: str | None = None  # "reportedly", "expected", ...
    period: tuple[str, str] | None = None
    inferred: str | None = None  # provenance of a value resolved from the story's date

    def to_json(self) -> dict[str, Any]:
        r = dataclasses.asdict(self)
        r["period"] = list(self.period) if self.period else None
        return r


@dataclasses.dataclass(frozen=True)
class FactView:
    """One fact of a story (a stored fact group) with its label and sources."""

    group_id: str
    story_id: str
    key: str
    kind: str
    title: str  # readable name of the fact ("amount: trade", "CHN-VNM relation level")
    value: str  # readable value(s): one value when the sources agree, else each distinct one
    label: str  # agree | complement | conflict | update | single-source
    reason: str
    n_articles: int
    sources: tuple[FactSource, ...]

    def to_json(self) -> dict[str, Any]:
        r = dataclasses.asdict(self)
        r["sources"] = [s.to_json() for s in self.sources]
        return r


def fact_title(key: str, kind: str) -> str:
    """A readable name for a fact key: ``money:trade`` -> "amount: trade",
    ``count:death:people`` -> "number: death, people", ``relation:level:CHN-VNM`` ->
    "relation level: CHN-VNM", ``relation:trade partner:CHN>VNM`` -> "CHN is VNM's trade
    partner (rank)"."""
    base = key.split("#", 1)[0]
    parts = base.split(":")
    if parts[0] == "relation" and len(parts) == 3:
        role, pair = parts[1], parts[2]
        if ">" in pair:
            a, b = pair.split(">", 1)
            return f"{a} is {b}'s {role} (rank)"
        return f"relation {role}: {pair}"
    name = _KIND_NAMES.get(kind, kind)
    rest = parts[1:] if parts[0] == kind or parts[0] in _KIND_NAMES else parts
    rest = [p for p in rest if p and p != "?"]
    return f"{name}: {', '.join(rest)}" if rest else name


def _number(x: float) -> str:
    for scale, word in _SCALES:
        if abs(x) >= scale:
            return f"{x / scale:.4g} {word}"
    return f"{x:g}" if x != int(x) else f"{int(x):,}"


def format_value(value: Any, kind: str, unit: str | None = None, qualifier: str | None = None,
                 as_of: str | None = None, period: tuple[str, str] | None = None) -> str:
    """A readable value: "3.2 billion EUR (2019-01-01..2019-12-31)", "rank 1 (2023)",
    "at least 2 people", "2023-12-12/2023-12-13"."""
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int | float) for v in value):
        text = f"{_number(float(value[0]))}-{_number(float(value[1]))}"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        text = f"rank {int(value)}" if unit == "rank" else _number(float(value))
    else:
        text = str(value)
    if unit and unit not in ("rank", "-") and not isinstance(value, str):
        text += f" {unit}"
    if qualifier and qualifier != "range":
        text = f"{qualifier} {text}"
    if period and period[0] and period[1]:
        text += f" ({period[0]}..{period[1]})" if period[0] != period[1] else f" ({period[0]})"
    elif as_of:
        text += f" ({as_of})"
    return text


def story_fact_view(store: Store, story_id: str) -> list[FactView]:
    """The facts of one stored story, conflicts first, then updates, complements, facts
    several articles agree on, and single-source facts; within a label, facts stated by
    more articles first. Each source carries its article's title/outlet/date and the
    quoted span; values resolved from the story's date carry their provenance. An unknown
    story id gives an empty list."""
    groups = list(store.records("fact_groups", filters={"story_id": story_id}))
    if not groups:
        return []
    ids = sorted({i for g in groups for i in g["statement_ids"]})
    facts = {f["id"]: f for f in store.records("facts", filters={"id__in": ids})}
    resolutions = {r["fact_id"]: r for r in store.records("fact_resolutions", filters={"story_id": story_id})}
    art_ids = sorted({f["article_id"] for f in facts.values()})
    arts = {a["id"]: a for a in store.records("articles", filters={"id__in": art_ids}, include_text=False)}
    out = []
    for g in groups:
        sources = []
        for fid in g["statement_ids"]:
            f = facts.get(fid)
            if f is None:
                continue
            f = {**f, **{k: v for k, v in (resolutions.get(fid) or {}).items() if k not in ("fact_id", "story_id")}}
            period = (f["period_begin"], f["period_end"]) if f.get("period_begin") else None
            a = arts.get(f["article_id"], {})
            sources.append(FactSource(
                fact_id=fid, article_id=f["article_id"], start=f["start"], end=f["end"], quote=f["text"],
                value=format_value(f["value"], f["kind"], f.get("unit"), f.get("qualifier"), f.get("as_of"), period),
                title=a.get("title"), outlet=a.get("outlet"), published=a.get("published"),
                attribution=f.get("attribution"), hedge=f.get("hedge"), period=period, inferred=f.get("inferred"),
            ))
        if not sources:
            continue
        kind = facts[g["statement_ids"][0]]["kind"] if g["statement_ids"][0] in facts else ""
        values = list(dict.fromkeys(s.value for s in sources))
        if g["label"] == "agree":  # one value, written in several forms: the fullest
            values = [max(values, key=len)]
        out.append(FactView(
            group_id=g["id"], story_id=story_id, key=g["key"], kind=kind, title=fact_title(g["key"], kind),
            value=values[0] if len(values) == 1 else " | ".join(values), label=g["label"], reason=g["reason"] or "",
            n_articles=g["n_articles"], sources=tuple(sorted(sources, key=lambda s: (s.article_id, s.start))),
        ))
    out.sort(key=lambda v: (LABEL_ORDER.get(v.label, 9), -v.n_articles, v.title, v.group_id))
    return out
