"""Record formats: JSON, JSONL, JSON Feed, RSS/Atom feeds and HTML pages as RawDocs, every
failure as an IngestProblem (used by :mod:`eventwire.ingest.readers`, which sniffs, decodes
and dispatches; also by the Parquet reader and the web ingest endpoint for single records).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from xml.sax import SAXException

from lxml.etree import LxmlError

from eventwire.ingest.dates import iso_from_metadata
from eventwire.ingest.decode import DecodeFailure, decode_text
from eventwire.ingest.html import extract_html, html_fragment_text, looks_like_html
from eventwire.model import IngestProblem, RawDoc

Item = RawDoc | IngestProblem

DEFAULT_JSON_FIELDS: dict[str, str] = {
    "text": "text",
    "title": "title",
    "url": "url",
    "date": "date",
    "outlet": "outlet",
}
# used only when the corresponding field was not configured explicitly
_FALLBACK_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("published", "published_at", "pubDate", "pub_date", "dct", "datetime"),
    "outlet": ("sitename", "publisher", "source_name", "site"),
    "url": ("link", "source_url"),
    "title": ("headline",),
}


def _problem(source: str, code: str, reason: str) -> IngestProblem:
    return IngestProblem(source=source, code=code, reason=reason)


_XML_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")


def _as_utf8_xml(text: str) -> bytes:
    """The decoded document as UTF-8 bytes whose XML declaration (if any) says UTF-8."""
    text = text.lstrip("\ufeff")
    m = _XML_DECL_TEXT.match(text)
    if m:
        text = '<?xml version="1.0" encoding="utf-8"?>' + text[m.end():]
    return text.encode("utf-8")


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\ufeff", "")


def _html_doc(source: str, html: str, *, url: str | None, fmt: str) -> Item:
    try:
        ex = extract_html(html, url=url)
    except (LxmlError, ValueError) as e:  # lxml (via trafilatura) refusing a broken page
        return _problem(source, "E108", f"HTML could not be parsed: {type(e).__name__}: {e}")
    if ex is None:
        return _problem(source, "E108", "no main text found in the HTML page")
    meta: dict[str, Any] = {}
    if ex.author:
        meta["author"] = ex.author
    if ex.searched_date:
        meta["html_date"] = ex.searched_date
    return RawDoc(
        source=source,
        text=_normalize_newlines(ex.text),
        title=ex.title,
        outlet=ex.sitename,
        url=ex.url or url,
        published=iso_from_metadata(ex.date),
        fmt=fmt,
        meta=meta,
    )


# ---------------------------------------------------------------- JSON / JSONL


def _get(rec: Mapping[str, Any], key: str) -> Any:
    if key in rec:
        return rec[key]
    cur: Any = rec
    for part in key.split("."):
        if not isinstance(cur, Mapping) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _field(rec: Mapping[str, Any], name: str, fields: Mapping[str, str], explicit: set[str]) -> Any:
    v = _get(rec, fields[name])
    if (v is None or v == "") and name not in explicit:
        for alt in _FALLBACK_FIELDS.get(name, ()):
            v = _get(rec, alt)
            if v not in (None, ""):
                break
    return v


def _record_doc(
    source: str, rec: Any, fields: Mapping[str, str], explicit: set[str], fmt: str | None
) -> Item:
    if not isinstance(rec, Mapping):
        return _problem(source, "E105", f"record is a JSON {type(rec).__name__}, not an object")
    text = _get(rec, fields["text"])
    if text is None:
        return _problem(source, "E109", f"record has no {fields['text']!r} field")
    if not isinstance(text, str):
        return _problem(source, "E109", f"field {fields['text']!r} is not a string")
    text = _normalize_newlines(text)
    if not text.strip():
        return _problem(source, "E101", f"field {fields['text']!r} is empty")
    url = _field(rec, "url", fields, explicit)
    url = url if isinstance(url, str) and url else None
    title = _field(rec, "title", fields, explicit)
    outlet = _field(rec, "outlet", fields, explicit)
    published = iso_from_metadata(_field(rec, "date", fields, explicit))
    meta: dict[str, Any] = {}
    if looks_like_html(text):
        ex = None
        try:
            ex = extract_html(text, url=url) if "<html" in text[:2000].lower() else None
        except (LxmlError, ValueError):  # not a parsable page: read it as a fragment
            ex = None
        if ex is not None:
            text = _normalize_newlines(ex.text)
            title = title or ex.title
            outlet = outlet or ex.sitename
            published = published or iso_from_metadata(ex.date)
            if ex.searched_date:
                meta["html_date"] = ex.searched_date
        else:
            text = html_fragment_text(text)
        if not text.strip():
            return _problem(source, "E108", "HTML in the text field has no text")
    return RawDoc(
        source=source,
        text=text.strip(),
        title=str(title).strip() if isinstance(title, str) and title.strip() else None,
        outlet=str(outlet).strip() if isinstance(outlet, str) and outlet.strip() else None,
        url=url,
        published=published,
        fmt=fmt or "json",
        meta=meta,
    )


def _read_json_text(
    source: str, text: str, fields: Mapping[str, str], explicit: set[str], *, jsonl: bool,
    fmt: str | None,
) -> Iterator[Item]:
    if not jsonl:
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            lines = [ln for ln in text.split("\n") if ln.strip()]
            if len(lines) > 1 and lines[0].lstrip().startswith("{"):
                try:
                    json.loads(lines[0])
                    jsonl = True  # JSON Lines in a .json file
                except json.JSONDecodeError:
                    pass
            if not jsonl:
                yield _problem(source, "E105", f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}")
                return
        else:
            if isinstance(obj, list):
                if not obj:
                    yield _problem(source, "E101", "JSON array is empty")
                for i, rec in enumerate(obj, 1):
                    yield _record_doc(f"{source}#{i}", rec, fields, explicit, fmt)
                return
            if isinstance(obj, Mapping) and _is_json_feed(obj):
                yield from _read_json_feed(source, obj, fmt)
                return
            if isinstance(obj, Mapping):
                for key in ("articles", "records", "items", "data", "documents", "docs"):
                    if _get(obj, fields["text"]) is None and isinstance(obj.get(key), list):
                        for i, rec in enumerate(obj[key], 1):
                            yield _record_doc(f"{source}#{i}", rec, fields, explicit, fmt)
                        return
                yield _record_doc(source, obj, fields, explicit, fmt)
                return
            yield _problem(source, "E105", f"JSON top level is a {type(obj).__name__}, not records")
            return
    n_ok = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        yield from _jsonl_line(f"{source}#{lineno}", line, fields, explicit, fmt)
        n_ok += 1
    if n_ok == 0:
        yield _problem(source, "E101", "no JSON records")


def _is_json_feed(obj: Mapping[str, Any]) -> bool:
    v = obj.get("version")
    return isinstance(v, str) and v.startswith(("https://jsonfeed.org/version/",
                                                "http://jsonfeed.org/version/"))


def _read_json_feed(source: str, feed: Mapping[str, Any], fmt: str | None) -> Iterator[Item]:
    """JSON Feed 1.0/1.1 (jsonfeed.org): an item's text is ``content_text``, else
    ``content_html`` as text, else ``summary``; its source is its ``url``, else its ``id``."""
    items = feed.get("items")
    if not isinstance(items, list):
        yield _problem(source, "E106", "JSON Feed has no 'items' list")
        return
    if not items:
        yield _problem(source, "E101", "feed has no entries")
        return
    title = feed.get("title")
    outlet = title.strip() if isinstance(title, str) and title.strip() else None
    for i, item in enumerate(items, 1):
        if not isinstance(item, Mapping):
            yield _problem(f"{source}#{i}", "E105", "JSON Feed item is not an object")
            continue
        url = item.get("url") if isinstance(item.get("url"), str) else None
        ident = item.get("id")
        src = url or (str(ident) if isinstance(ident, str | int) and str(ident) else f"{source}#{i}")
        text = item.get("content_text")
        if not isinstance(text, str) or not text.strip():
            html = item.get("content_html")
            text = html_fragment_text(html) if isinstance(html, str) else None
        if not isinstance(text, str) or not text.strip():
            text = item.get("summary") if isinstance(item.get("summary"), str) else None
        if not text or not text.strip():
            yield _problem(src, "E109", "JSON Feed item has no content_text, content_html or summary")
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        names = [str(a["name"]) for a in authors if isinstance(a, Mapping) and isinstance(a.get("name"), str)]
        meta: dict[str, Any] = {"feed": source, "entry": i}
        if names:
            meta["author"] = ", ".join(names)
        t = item.get("title")
        yield RawDoc(
            source=src,
            text=_normalize_newlines(text).strip(),
            title=t.strip() if isinstance(t, str) and t.strip() else None,
            outlet=outlet,
            url=url,
            published=iso_from_metadata(item.get("date_published") or item.get("date_modified")),
            fmt=fmt or "feed",
            meta=meta,
        )


def _jsonl_line(
    source: str, line: str, fields: Mapping[str, str], explicit: set[str], fmt: str | None
) -> Iterator[Item]:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        yield _problem(source, "E105", f"malformed JSON line: {e.msg} at column {e.colno}")
        return
    yield _record_doc(source, rec, fields, explicit, fmt)


def _read_jsonl_file(
    path: Path, source: str, fields: Mapping[str, str], explicit: set[str], max_bytes: int
) -> Iterator[Item]:
    """Stream a JSON Lines file: the cap applies per line, so big files are fine."""
    n = 0
    with open(path, "rb") as fh:
        lineno = 0
        while True:
            raw = fh.readline(max_bytes + 1)
            if not raw:
                break
            lineno += 1
            src = f"{source}#{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                yield _problem(src, "E104", f"JSON line longer than the cap of {max_bytes} bytes")
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = fh.readline(1 << 20)
                n += 1
                continue
            if not raw.strip():
                continue
            n += 1
            try:
                line = decode_text(raw).text
            except DecodeFailure as e:
                yield _problem(src, e.code, e.reason)
                continue
            yield from _jsonl_line(src, line.lstrip("\ufeff"), fields, explicit, None)
    if n == 0:
        yield _problem(source, "E101", "empty file (no JSON lines)")


# ---------------------------------------------------------------- feeds


def _read_feed(source: str, data: bytes, fmt: str | None) -> Iterator[Item]:
    import feedparser

    # feedparser reports a malformed feed through ``bozo`` and does not raise; the SAX
    # layer can still raise on some byte sequences
    try:
        parsed: Any = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except (SAXException, ValueError, LookupError) as e:
        yield _problem(source, "E106", f"feed could not be parsed: {type(e).__name__}: {e}")
        return
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            yield _problem(source, "E106", f"malformed feed: {exc}")
        elif not parsed.get("version"):
            yield _problem(source, "E106", "not an RSS/Atom feed")
        else:
            yield _problem(source, "E101", "feed has no entries")
        return
    feed_title = (parsed.get("feed") or {}).get("title") or None
    for i, entry in enumerate(entries, 1):
        link = entry.get("link") or None
        src = link or (f"{source}#{i}")
        body = ""
        is_html = False
        contents = entry.get("content") or []
        if contents:
            best = max(contents, key=lambda c: len(c.get("value") or ""))
            body = best.get("value") or ""
            is_html = "html" in (best.get("type") or "")
        if not body.strip():
            body = entry.get("summary") or entry.get("description") or ""
            detail = entry.get("summary_detail") or {}
            is_html = "html" in (detail.get("type") or "text/html")
        if is_html or looks_like_html(body):
            body = html_fragment_text(body)
        body = _normalize_newlines(body).strip()
        if not body:
            yield _problem(src, "E109", "feed entry has no content or summary")
            continue
        date = entry.get("published_parsed") or entry.get("updated_parsed")
        published = iso_from_metadata(tuple(date)) if date else iso_from_metadata(
            entry.get("published") or entry.get("updated")
        )
        title = entry.get("title") or None
        meta: dict[str, Any] = {"feed": source, "entry": i}
        if entry.get("author"):
            meta["author"] = entry.get("author")
        yield RawDoc(
            source=src,
            text=body,
            title=title.strip() if isinstance(title, str) and title.strip() else None,
            outlet=feed_title,
            url=link,
            published=published,
            fmt=fmt or "feed",
            meta=meta,
        )
    if parsed.get("bozo") and entries:
        exc = parsed.get("bozo_exception")
        # entries were recovered from a broken feed: read them, and record the damage
        if exc is not None and "CharacterEncodingOverride" not in type(exc).__name__:
            yield _problem(source, "E106", f"feed is malformed (entries recovered): {exc}")
