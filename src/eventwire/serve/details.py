"""Detail views for the server and the UI: one story, article, event, actor or country
pair with everything a page shows, as plain dicts (see :mod:`eventwire.serve.queries`)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from eventwire.corpus.canonical.view import story_dates
from eventwire.errors import UsageError
from eventwire.serve.queries import _one, _rows, list_page
from eventwire.store import Store, schema

__all__ = ["story_detail", "story_facts", "article_detail", "event_detail", "actor_detail",
           "pair_detail", "pair_timeline", "pairs", "ANNOTATIONS"]


def _bad(msg: str) -> UsageError:
    return UsageError(msg, "E002")


def story_facts(store: Store, story_id: str) -> list[dict[str, Any]]:
    """The story's facts (fact groups) with their agreement labels (agree / complement /
    conflict / update / single-source), readable names and values, and their sources
    (article, outlet, date, quoted span with offsets): disagreements first."""
    from eventwire.corpus.facts.view import story_fact_view

    return [f.to_json() for f in story_fact_view(store, story_id)]


def story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    """The story (title, dates, outlets), its summary, its articles (with outlets), its
    timeline of canonical events (each with its mentions: article, span, outlet), its
    facts with their agreement labels and sources, and its change history. None if no such
    story."""
    from eventwire.corpus.canonical.view import story_view

    v = story_view(store, story_id)
    if v is None:
        return None
    return {**v, "facts": story_facts(store, story_id)}


ANNOTATIONS = ("segments", "sentences", "entities", "timexes", "actor_mentions", "places",
               "events", "facts")


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """The article (with its text) and its annotations, each with character offsets into
    the text: segments, sentences, entities, timexes, actor_mentions, places, events,
    facts; its actors, copies (other sources of the same text) and stories. None if no
    such article (an unambiguous id prefix is accepted)."""
    art = store.get_article(article_id)
    if art is None:
        return None
    row = _one(store, schema.articles, id=art.id) or {}
    row.pop("signature", None)
    out: dict[str, Any] = {"article": row}
    for k in ANNOTATIONS:
        t = schema.TABLES[k]
        out[k] = _rows(store, sa.select(t).where(t.c.article_id == art.id).order_by(t.c.start, t.c.id))
    out["actors"] = list(store.article_actors([art.id]).values())
    src = schema.sources
    out["copies"] = _rows(store, sa.select(src).where(src.c.article_id == art.id).order_by(src.c.source))
    st, sa_ = schema.stories, schema.story_articles
    out["stories"] = _rows(store, sa.select(st).join(sa_, sa_.c.story_id == st.c.id)
                           .where(sa_.c.article_id == art.id).order_by(st.c.id))
    return out


def actor_detail(store: Store, actor_id: str, limit: int = 50) -> dict[str, Any] | None:
    """The actor, how many articles name it, its most recent events (either side, up to
    ``limit``), the countries it most often acts with, and its articles (latest first)."""
    actor = _one(store, schema.actors, id=actor_id)
    if actor is None:
        return None
    aa, a, ea, ev = schema.article_actors, schema.articles, schema.event_actors, schema.events
    with store.engine.connect() as conn:
        n_articles = conn.execute(
            sa.select(sa.func.count()).where(aa.c.actor_id == actor_id)).scalar() or 0
        n_events = conn.execute(
            sa.select(sa.func.count(sa.distinct(ea.c.event_id))).where(ea.c.actor_id == actor_id)
        ).scalar() or 0
    arts = _rows(store, sa.select(a.c.id, a.c.title, a.c.outlet, a.c.published, aa.c.role, aa.c.office)
                 .join(aa, aa.c.article_id == a.c.id).where(aa.c.actor_id == actor_id)
                 .order_by(sa.func.coalesce(a.c.published, "").desc(), a.c.id).limit(limit))
    events = list_page(store, "events", {"actor": actor_id}, "-date", None, limit)["items"]
    ev_ids = sa.select(ea.c.event_id).where(ea.c.actor_id == actor_id)
    types = _rows(store, sa.select(ev.c.plover_type, sa.func.count().label("n"))
                  .where(ev.c.id.in_(ev_ids)).group_by(ev.c.plover_type)
                  .order_by(sa.desc("n"), ev.c.plover_type))
    return {"actor": actor, "n_articles": int(n_articles), "n_events": int(n_events),
            "event_types": types, "events": events, "articles": arts}


def _pair(a: str, b: str) -> tuple[str, str]:
    a, b = a.strip().upper(), b.strip().upper()
    for c in (a, b):
        if not (len(c) == 3 and c.isalpha()):
            raise _bad(f"a country is an ISO 3166 alpha-3 code (VNM, CHN), not {c!r}")
    if a == b:
        raise _bad("a country pair needs two different countries")
    return (a, b) if a <= b else (b, a)


def pair_detail(store: Store, a: str, b: str, period: str = "month") -> dict[str, Any]:
    """Relations between two countries (ISO alpha-3, either order): the relation timeline
    (relation levels stated as facts, and events between the two, in time order), and
    event counts by PLOVER type per ``period`` (month or year; counted in SQL)."""
    x, y = _pair(a, b)
    if period not in ("month", "year"):
        raise _bad("period is month or year")
    ev = schema.events
    between = sa.or_(sa.and_(ev.c.source_country == x, ev.c.target_country == y),
                     sa.and_(ev.c.source_country == y, ev.c.target_country == x))
    n = 7 if period == "month" else 4
    bucket = sa.func.substr(ev.c.date_begin, 1, n)
    q = (sa.select(bucket.label("period"), ev.c.plover_type, sa.func.count().label("n"))
         .where(between, ev.c.date_begin.isnot(None), ev.c.segment == "body")
         .group_by(bucket, ev.c.plover_type).order_by(bucket, ev.c.plover_type))
    counts = [r for r in _rows(store, q) if r["period"] and len(r["period"]) == n]
    timeline = pair_timeline(store, x, y)
    return {"pair": f"{x}-{y}", "countries": [x, y], "timeline": timeline,
            "counts": counts, "period": period}


def pair_timeline(store: Store, a: str, b: str, limit: int = 500) -> list[dict[str, Any]]:
    """The relation timeline of a country pair, in time order (undated last): relation
    levels stated as facts ("strategic partnership", as of 2015) and the
    coded events between the two (up to ``limit``, latest kept), each with its article and
    span: {"when", "what", "kind": "level"|"event", "status", "article_id", "start", "end",
    "text", "id", "inferred"} ("inferred": how a level's year came from its story's date, or
    an undated event's date from its canonical event)."""
    x, y = _pair(a, b)
    f, ev = schema.facts, schema.events
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, Any]] = set()
    q = (sa.select(f).where(f.c.kind == "relation", f.c.key == f"relation:level:{x}-{y}")
         .order_by(f.c.article_id, f.c.start))
    levels = _rows(store, q)
    fr = schema.fact_resolutions  # an undated article's year, resolved from its story's date
    res = {r["fact_id"]: r for r in _rows(store, sa.select(fr).where(
        fr.c.fact_id.in_([r["id"] for r in levels]), fr.c.as_of.isnot(None)))} if levels else {}
    for r in levels:
        when = res[r["id"]]["as_of"] if r["id"] in res else r["as_of"]
        k = (str(r["value"]), when)
        if k in seen:
            continue
        seen.add(k)
        out.append({"when": when, "what": str(r["value"]), "kind": "level", "status": None,
                    "id": r["id"], "article_id": r["article_id"], "start": r["start"],
                    "end": r["end"], "text": r["text"],
                    "inferred": res[r["id"]]["inferred"] if r["id"] in res else None})
    between = sa.or_(sa.and_(ev.c.source_country == x, ev.c.target_country == y),
                     sa.and_(ev.c.source_country == y, ev.c.target_country == x))
    q = (sa.select(ev.c.id, ev.c.article_id, ev.c.start, ev.c.end, ev.c.text, ev.c.plover_type,
                   ev.c.status, ev.c.date_begin)
         .where(between, ev.c.segment == "body")
         .order_by(sa.func.coalesce(ev.c.date_begin, sa.literal_column("''")).desc(), ev.c.id)
         .limit(limit))
    rows = _rows(store, q)
    # an undated event takes the date of its canonical event (the story's record of it)
    from_story = story_dates(store, [r["id"] for r in rows if not r["date_begin"]])
    for r in rows:
        told = from_story.get(r["id"], {})
        out.append({"when": told.get("date_begin", r["date_begin"]), "what": f"{r['plover_type']} ({r['text']})",
                    "kind": "event", "status": r["status"], "id": r["id"],
                    "article_id": r["article_id"], "start": r["start"], "end": r["end"],
                    "text": r["text"], "inferred": told.get("inferred")})
    out.sort(key=lambda e: (e["when"] is None, e["when"] or "", e["kind"] != "level", e["id"]))
    return out


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its actors, its article (title, outlet, date) and its evidence: the
    sentence text and the trigger's offsets in the article; the canonical event it belongs
    to, if any, and, for an event its article does not date, the date of that canonical
    event when another article dates it (``story_date``, with its ``inferred`` note; else
    None). None if no such event."""
    ev = _one(store, schema.events, id=event_id)
    if ev is None:
        return None
    a = schema.articles
    art = _rows(store, sa.select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.url,
                                 sa.func.substr(a.c.text, ev["sentence_start"] + 1,
                                                ev["sentence_end"] - ev["sentence_start"]).label("sentence"))
                .where(a.c.id == ev["article_id"]))
    ids = list(dict.fromkeys((ev["source_actor_ids"] or []) + (ev["target_actor_ids"] or [])))
    actors = store.actors_by_id(ids)
    cm, ce = schema.canonical_event_mentions, schema.canonical_events
    canon = _rows(store, sa.select(ce.c.id, ce.c.story_id, ce.c.label).join(cm, cm.c.canonical_event_id == ce.c.id)
                  .where(cm.c.event_id == event_id))
    return {"event": ev, "article": art[0] if art else None,
            "source_actors": [actors[i] for i in ev["source_actor_ids"] or [] if i in actors],
            "target_actors": [actors[i] for i in ev["target_actor_ids"] or [] if i in actors],
            "canonical": canon[0] if canon else None,
            "story_date": None if ev["date_begin"] else story_dates(store, [event_id]).get(event_id)}


def pairs(store: Store, country: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Country pairs (sorted ISO alpha-3 codes) with events between the two, most events
    first: [{"pair", "countries", "n_events"}] (one grouped COUNT in SQL)."""
    ev = schema.events
    lo = sa.case((ev.c.source_country < ev.c.target_country, ev.c.source_country), else_=ev.c.target_country)
    hi = sa.case((ev.c.source_country < ev.c.target_country, ev.c.target_country), else_=ev.c.source_country)
    q = (sa.select(lo.label("a"), hi.label("b"), sa.func.count().label("n"))
         .where(ev.c.source_country.isnot(None), ev.c.target_country.isnot(None),
                ev.c.source_country != ev.c.target_country, ev.c.segment == "body"))
    if country:
        c = country.strip().upper()
        q = q.where(sa.or_(ev.c.source_country == c, ev.c.target_country == c))
    q = q.group_by(lo, hi).order_by(sa.desc("n"), lo, hi).limit(limit)
    return [{"pair": f"{r['a']}-{r['b']}", "countries": [r["a"], r["b"]], "n_events": int(r["n"])}
            for r in _rows(store, q)]
