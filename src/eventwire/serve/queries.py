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
import re
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
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # never reaches the full-text query parser


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
    words = [w.replace('"', "") for w in _CONTROL.sub(" ", str(q)).split()]
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
    s = _CONTROL.sub(" ", str(val)).strip()  # no NUL etc. in SQL text (PostgreSQL refuses it)
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


# -- helpers for the detail views (eventwire.serve.details) -----------------------------------
def _one(store: Store, table: sa.Table, **eq: Any) -> dict[str, Any] | None:
    q = sa.select(table).where(*(table.c[k] == v for k, v in eq.items())).limit(1)
    with store.engine.connect() as conn:
        r = conn.execute(q).first()
    return dict(r._mapping) if r is not None else None


def _rows(store: Store, q: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]




# the detail views live in eventwire.serve.details; importable from here too
from eventwire.serve.details import (  # noqa: E402
    actor_detail,
    article_detail,
    event_detail,
    pair_detail,
    pair_timeline,
    pairs,
    story_detail,
    story_facts,
)

__all__ += ["event_detail", "pairs", "pair_timeline", "story_facts", "count"]
