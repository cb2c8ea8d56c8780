"""The query layer behind the JSON API and the web pages: plain functions over a
:class:`~eventwire.store.Store` that return dicts (no web types), so pages, the API, the
downloads and scripts share one implementation.

    from eventwire.serve.queries import list_page, story_detail
    page = list_page(store, "events", {"country": "VNM", "type": "CONSULT"}, "-date", None, 50)
    page["items"], page["next_cursor"]   # pass next_cursor back for the next page

Lists are filtered by a whitelist of filters per record kind (:data:`FILTERS`), sorted by
a whitelisted key (:data:`SORTS`, ``-key`` for descending) and paginated by an opaque
keyset cursor: a page starts strictly after the (sort value, id) of the previous page's
last item, so rows inserted while a client pages through a list never shift or repeat
the pages it has not read yet. Every record keeps its provenance (article id + offsets).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from collections.abc import Iterator, Mapping
from typing import Any

import sqlalchemy as sa

from eventwire.errors import UsageError
from eventwire.query import STATUSES, _check_date
from eventwire.store import Store, schema

__all__ = [
    "KINDS",
    "FILTERS",
    "SORTS",
    "list_page",
    "iter_rows",
    "story_detail",
    "article_detail",
    "actor_detail",
    "pair_detail",
    "columns_of",
]

KINDS = ("stories", "articles", "events", "facts", "actors")

_T = {
    "stories": schema.stories,
    "articles": schema.articles,
    "events": schema.events,
    "facts": schema.facts,
    "actors": schema.actors,
}


@dataclasses.dataclass(frozen=True)
class _Sort:
    column: str
    numeric: bool = False


# kind -> sort key -> column; the first key is the default (descending for dates)
SORTS: dict[str, dict[str, _Sort]] = {
    "stories": {"last_seen": _Sort("last_seen"), "first_seen": _Sort("first_seen"),
                "n_articles": _Sort("n_articles", True)},
    "articles": {"published": _Sort("published"), "ingested_at": _Sort("ingested_at"),
                 "title": _Sort("title")},
    "events": {"date": _Sort("date_begin"), "confidence": _Sort("confidence", True),
               "type": _Sort("plover_type")},
    "facts": {"article": _Sort("article_id"), "as_of": _Sort("as_of"), "key": _Sort("key")},
    "actors": {"name": _Sort("name"), "country": _Sort("country"), "type": _Sort("type")},
}
DEFAULT_SORT = {"stories": "-last_seen", "articles": "-published", "events": "-date",
                "facts": "article", "actors": "name"}

# kind -> filter name -> description (documented in the OpenAPI spec and the README)
FILTERS: dict[str, dict[str, str]] = {
    "stories": {
        "q": "text search over the story's articles (title and text)",
        "actor": "an actor id (or id prefix) named in one of its articles",
        "country": "ISO 3166 alpha-3 code of a country on either side of one of its events",
        "outlet": "one of its articles is from this outlet",
        "since": "last seen on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)",
        "until": "first seen on or before this date",
        "min_articles": "at least this many articles",
    },
    "articles": {
        "q": "text search over title and text",
        "actor": "an actor id (or id prefix) the article names",
        "country": "the article names an actor of this country (ISO alpha-3)",
        "outlet": "published by this outlet",
        "since": "published on or after this date",
        "until": "published on or before this date",
        "story": "member of this story (story id)",
        "language": "language code (en, de, ...)",
    },
    "events": {
        "q": "text search over the events' articles",
        "actor": "an actor id (or id prefix) on either side",
        "country": "ISO alpha-3 code of the source or target country",
        "type": "PLOVER event type (CONSULT, AGREE, ...)",
        "status": "event status: " + ", ".join(STATUSES),
        "since": "the event's date range ends on or after this date",
        "until": "the event's date range begins on or before this date",
        "outlet": "reported by this outlet",
        "article": "in this article (article id)",
        "story": "in an article of this story (story id)",
    },
    "facts": {
        "q": "text search over the facts' articles",
        "kind": "fact kind (money, count, relation, ...)",
        "key": "fact key, or a prefix of it ending in ':' (relation:level:)",
        "since": "the fact's article was published on or after this date",
        "until": "the fact's article was published on or before this date",
        "outlet": "stated by this outlet",
        "article": "in this article (article id)",
        "story": "in an article of this story (story id)",
    },
    "actors": {
        "q": "the name contains this text (case-insensitive)",
        "country": "ISO alpha-3 country code",
        "type": "actor type (person, organisation, country, ...)",
    },
}

MAX_LIMIT = 1000


def _bad(msg: str) -> UsageError:
    return UsageError(msg, "E002")


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise UsageError(f"unknown list {kind!r}; choose one of: {', '.join(KINDS)}", "E001")


# -- filters -------------------------------------------------------------------------------
def _like_prefix(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_cond(store: Store, q: str) -> Any:
    """A condition on ``articles``: the title or text matches every word of ``q``
    (SQLite FTS5 / PostgreSQL full-text search). An empty ``q`` is a usage error (E002)."""
    words = [w.replace('"', "") for w in str(q).split()]
    words = [w for w in words if w]
    if not words:
        raise _bad("the search text is empty")
    a = schema.articles
    if store.dialect == "sqlite":
        match = " ".join(f'"{w}"' for w in words)
        fts: Any = (sa.select(sa.literal_column("rowid")).select_from(sa.text("articles_fts"))
               .where(sa.text("articles_fts MATCH :fts_q").bindparams(fts_q=match)))
        return sa.literal_column("articles.rowid").in_(fts)
    vec = sa.func.to_tsvector("english", sa.func.coalesce(a.c.title, "") + " " + a.c.text)
    return vec.op("@@")(sa.func.plainto_tsquery("english", " ".join(words)))


def search_ids(store: Store, q: str) -> Any:
    """A subquery of the ids of the articles that match ``q`` (see :func:`search_cond`)."""
    return sa.select(schema.articles.c.id).where(search_cond(store, q))


def _date(name: str, value: Any) -> str:
    return _check_date(name, str(value))


def _until(name: str, value: Any) -> str:
    v = _date(name, value)
    return v + "-99" * (2 - v.count("-")) + "~"  # the whole last day/month/year


def _articles_where(store: Store, key: str, val: Any) -> Any:
    """A condition on articles (the table ``a``) for filters shared by several kinds."""
    a = schema.articles
    if key == "q":
        return search_cond(store, str(val))
    if key == "outlet":
        return a.c.outlet == str(val)
    if key == "since":
        return a.c.published >= _date("since", val)
    if key == "until":
        return a.c.published <= _until("until", val)
    raise AssertionError(key)


def _via_article(store: Store, t: sa.Table, key: str, val: Any) -> Any:
    a = schema.articles
    if key == "q":  # no join needed
        return t.c.article_id.in_(search_ids(store, str(val)))
    return t.c.article_id.in_(sa.select(a.c.id).where(_articles_where(store, key, val)))


def _where(store: Store, kind: str, key: str, val: Any) -> Any:
    t = _T[kind]
    a, aa, ac = schema.articles, schema.article_actors, schema.actors
    sa_, ce = schema.story_articles, schema.canonical_events
    s = str(val).strip()
    if key not in ("q",) and not s:
        raise _bad(f"filter {key!r} is empty")
    if kind == "stories":
        members = sa.select(sa_.c.article_id).where(sa_.c.story_id == t.c.id)
        if key in ("q", "outlet"):
            cond = _articles_where(store, key, s)
            return sa.exists(sa.select(a.c.id).where(a.c.id.in_(members), cond))
        if key == "actor":
            return sa.exists(sa.select(aa.c.article_id).where(
                aa.c.article_id.in_(members),
                aa.c.actor_id.like(_like_prefix(s), escape="\\")))
        if key == "country":
            c = s.upper()
            return sa.exists(sa.select(ce.c.id).where(
                ce.c.story_id == t.c.id, sa.or_(ce.c.source_country == c, ce.c.target_country == c)))
        if key == "since":
            return t.c.last_seen >= _date("since", s)
        if key == "until":
            return t.c.first_seen <= _until("until", s)
        if key == "min_articles":
            try:
                n = int(s)
            except ValueError:
                raise _bad(f"min_articles must be a whole number, not {s!r}") from None
            return t.c.n_articles >= n
    if kind == "articles":
        if key in ("q", "outlet", "since", "until"):
            return _articles_where(store, key, s)
        if key == "actor":
            return t.c.id.in_(sa.select(aa.c.article_id).where(
                aa.c.actor_id.like(_like_prefix(s), escape="\\")))
        if key == "country":
            return t.c.id.in_(sa.select(aa.c.article_id).join(ac, ac.c.id == aa.c.actor_id)
                              .where(ac.c.country == s.upper()))
        if key == "story":
            return t.c.id.in_(sa.select(sa_.c.article_id).where(sa_.c.story_id == s))
        if key == "language":
            return t.c.language == s
    if kind == "events":
        if key in ("q", "outlet"):
            return _via_article(store, t, key, s)
        if key == "actor":
            ea = schema.event_actors
            return sa.exists().where(
                ea.c.event_id == t.c.id, ea.c.actor_id.like(_like_prefix(s), escape="\\"))
        if key == "country":
            return sa.or_(t.c.source_country == s.upper(), t.c.target_country == s.upper())
        if key == "type":
            return t.c.plover_type == s.upper()
        if key == "status":
            if s not in STATUSES:
                raise _bad(f"unknown status {s!r}; choose one of: {', '.join(STATUSES)}")
            return t.c.status == s
        if key == "since":
            return t.c.date_end >= _date("since", s)
        if key == "until":
            return t.c.date_begin <= _until("until", s)
    if kind == "facts":
        if key in ("q", "outlet", "since", "until"):
            return _via_article(store, t, key, s)
        if key == "kind":
            return t.c.kind == s
        if key == "key":
            return t.c.key.like(_like_prefix(s), escape="\\") if s.endswith(":") else t.c.key == s
    if kind in ("events", "facts"):
        if key == "article":
            return t.c.article_id == s
        if key == "story":
            return t.c.article_id.in_(sa.select(sa_.c.article_id).where(sa_.c.story_id == s))
    if kind == "actors":
        if key == "q":
            if not s:
                raise _bad("the search text is empty")
            return sa.func.lower(t.c.name).like("%" + _like_prefix(s.lower())[:-1] + "%", escape="\\")
        if key == "country":
            return t.c.country == s.upper()
        if key == "type":
            return t.c.type == s.lower()
    raise AssertionError((kind, key))  # pragma: no cover - FILTERS and _where agree (tested)


def _conditions(store: Store, kind: str, filters: Mapping[str, Any] | None) -> list[Any]:
    out = []
    allowed = FILTERS[kind]
    for key, val in (filters or {}).items():
        if val is None:
            continue
        if key not in allowed:
            raise _bad(f"unknown filter {key!r} for {kind}; choose from: {', '.join(allowed)}")
        out.append(_where(store, kind, key, val))
    return out


# -- sorting and cursors -----------------------------------------------------------------------
def _parse_sort(kind: str, sort: str | None) -> tuple[str, _Sort, bool]:
    sort = sort or DEFAULT_SORT[kind]
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS[kind]:
        keys = ", ".join(SORTS[kind])
        raise _bad(f"cannot sort {kind} by {key!r}; choose one of: {keys} (prefix - for descending)")
    return ("-" if desc else "") + key, SORTS[kind][key], desc


def _key_expr(t: sa.Table, s: _Sort) -> Any:
    """The sort expression: NULLs as '' (or -1) so that keyset comparisons are total; the
    same expression is indexed (migration 0009) for the default sorts."""
    col = t.c[s.column]
    if not col.nullable:
        return col
    return sa.func.coalesce(col, sa.literal_column("-1" if s.numeric else "''"))


def encode_cursor(sort: str, value: Any, row_id: str) -> str:
    raw = json.dumps([sort, value, row_id], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_sort, value, row_id = json.loads(raw.decode())
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise _bad("invalid cursor (pass back next_cursor unchanged)") from None
    if got_sort != sort or not isinstance(row_id, str) or isinstance(value, (list, dict, bool)):
        raise _bad("the cursor belongs to another sort order or list; start again without it")
    return value, row_id


def _columns(kind: str) -> list[sa.Column]:
    return [c for c in _T[kind].columns if c.name not in ("text", "signature")
            or (kind != "articles" and c.name == "text")]


def columns_of(kind: str) -> list[str]:
    """The field names of a list item of ``kind`` (the columns of a download), in order."""
    _check_kind(kind)
    return [c.name for c in _columns(kind)] + list(_EXTRA.get(kind, ()))


_EXTRA = {
    "events": ("article_title", "outlet", "published"),
    "facts": ("article_title", "outlet", "published"),
    "actors": ("n_articles",),
}


def list_page(
    store: Store,
    kind: str,
    filters: Mapping[str, Any] | None = None,
    sort: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    """One page of a filtered, sorted list of ``kind`` (stories, articles, events, facts,
    actors).

    Returns ``{"kind", "sort", "limit", "items": [dict, ...], "next_cursor": str | None}``;
    ``next_cursor`` is None on the last page. Items are the record's columns (articles
    without their text); events and facts also carry their article's ``article_title``,
    ``outlet`` and ``published``; actors their ``n_articles``. Unknown filters or sort
    keys, bad dates and bad cursors raise :class:`UsageError` (E002)."""
    _check_kind(kind)
    if not 1 <= int(limit) <= MAX_LIMIT:
        raise _bad(f"limit must be between 1 and {MAX_LIMIT}")
    sort_name, s, desc = _parse_sort(kind, sort)
    t = _T[kind]
    key = _key_expr(t, s)
    q = sa.select(*_columns(kind), key.label("_k")).where(*_conditions(store, kind, filters))
    if cursor:
        value, row_id = decode_cursor(cursor, sort_name)
        if desc:
            q = q.where(sa.or_(key < value, sa.and_(key == value, t.c.id < row_id)))
        else:
            q = q.where(sa.or_(key > value, sa.and_(key == value, t.c.id > row_id)))
    order = (key.desc(), t.c.id.desc()) if desc else (key.asc(), t.c.id.asc())
    q = q.order_by(*order).limit(int(limit) + 1)
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(sort_name, rows[-1]["_k"], rows[-1]["id"]) if more and rows else None
    for r in rows:
        del r["_k"]
    _decorate(store, kind, rows)
    return {"kind": kind, "sort": sort_name, "limit": int(limit), "items": rows,
            "next_cursor": next_cursor}


def count(store: Store, kind: str, filters: Mapping[str, Any] | None = None) -> int:
    """How many records of ``kind`` match ``filters`` (one COUNT in SQL)."""
    _check_kind(kind)
    q = sa.select(sa.func.count()).select_from(_T[kind]).where(*_conditions(store, kind, filters))
    with store.engine.connect() as conn:
        return int(conn.execute(q).scalar() or 0)


def iter_rows(
    store: Store, kind: str, filters: Mapping[str, Any] | None = None, sort: str | None = None,
    batch: int = 500,
) -> Iterator[dict[str, Any]]:
    """Every matching record, page by page (each page a short read; for downloads)."""
    cursor: str | None = None
    while True:
        page = list_page(store, kind, filters, sort, cursor, batch)
        yield from page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return


def _decorate(store: Store, kind: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if kind in ("events", "facts"):
        a = schema.articles
        ids = sorted({r["article_id"] for r in rows})
        with store.engine.connect() as conn:
            meta = {m.id: m for m in conn.execute(
                sa.select(a.c.id, a.c.title, a.c.outlet, a.c.published).where(a.c.id.in_(ids)))}
        for r in rows:
            m = meta.get(r["article_id"])
            r["article_title"] = m.title if m else None
            r["outlet"] = m.outlet if m else None
            r["published"] = m.published if m else None
    elif kind == "actors":
        aa = schema.article_actors
        ids = [r["id"] for r in rows]
        q = (sa.select(aa.c.actor_id, sa.func.count()).where(aa.c.actor_id.in_(ids))
             .group_by(aa.c.actor_id))
        with store.engine.connect() as conn:
            n = {k: int(v) for k, v in conn.execute(q)}
        for r in rows:
            r["n_articles"] = n.get(r["id"], 0)


# -- detail views ------------------------------------------------------------------------------
def _one(store: Store, table: sa.Table, **eq: Any) -> dict[str, Any] | None:
    q = sa.select(table).where(*(table.c[k] == v for k, v in eq.items())).limit(1)
    with store.engine.connect() as conn:
        r = conn.execute(q).first()
    return dict(r._mapping) if r is not None else None


def _rows(store: Store, q: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


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
    levels stated as facts ("comprehensive strategic partnership", as of 2008) and the
    coded events between the two (up to ``limit``, latest kept), each with its article and
    span: {"when", "what", "kind": "level"|"event", "status", "article_id", "start", "end",
    "text", "id"}."""
    x, y = _pair(a, b)
    f, ev = schema.facts, schema.events
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, Any]] = set()
    q = (sa.select(f).where(f.c.kind == "relation", f.c.key == f"relation:level:{x}-{y}")
         .order_by(f.c.article_id, f.c.start))
    for r in _rows(store, q):
        k = (str(r["value"]), r["as_of"])
        if k in seen:
            continue
        seen.add(k)
        out.append({"when": r["as_of"], "what": str(r["value"]), "kind": "level", "status": None,
                    "id": r["id"], "article_id": r["article_id"], "start": r["start"],
                    "end": r["end"], "text": r["text"]})
    between = sa.or_(sa.and_(ev.c.source_country == x, ev.c.target_country == y),
                     sa.and_(ev.c.source_country == y, ev.c.target_country == x))
    q = (sa.select(ev.c.id, ev.c.article_id, ev.c.start, ev.c.end, ev.c.text, ev.c.plover_type,
                   ev.c.status, ev.c.date_begin)
         .where(between, ev.c.segment == "body")
         .order_by(sa.func.coalesce(ev.c.date_begin, sa.literal_column("''")).desc(), ev.c.id)
         .limit(limit))
    for r in _rows(store, q):
        out.append({"when": r["date_begin"], "what": f"{r['plover_type']} ({r['text']})",
                    "kind": "event", "status": r["status"], "id": r["id"],
                    "article_id": r["article_id"], "start": r["start"], "end": r["end"],
                    "text": r["text"]})
    out.sort(key=lambda e: (e["when"] is None, e["when"] or "", e["kind"] != "level", e["id"]))
    return out


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its actors, its article (title, outlet, date) and its evidence: the
    sentence text and the trigger's offsets in the article; the canonical event it belongs
    to, if any. None if no such event."""
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
            "canonical": canon[0] if canon else None}


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
