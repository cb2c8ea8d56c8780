"""Readers: every input (file, directory, glob, URL) to RawDocs, every failure to an
IngestProblem. Nothing raised here escapes :func:`iter_inputs`; one bad input never stops
the others.

Sources: a file's absolute path; a record of a multi-record file ``path#n`` (JSONL: line
number; JSON array, WARC: 1-based record number); a feed entry its link (a feed is re-read
over time, so its entry numbers are not stable); a fetched page the URL as given.
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import gzip
import io
import json
import logging
import os
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax import SAXException

from lxml.etree import LxmlError

from eventwire.ingest.dates import iso_from_metadata
from eventwire.ingest.decode import (
    DecodeFailure,
    bom_encoding,
    decode_text,
    html_declared_charset,
    wide_encoding,
    xml_declared_charset,
)
from eventwire.ingest.html import extract_html, html_fragment_text, looks_like_html
from eventwire.model import IngestProblem, RawDoc

__all__ = ["iter_inputs", "read_bytes", "DEFAULT_JSON_FIELDS", "sniff_kind", "kind_from_name"]

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
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_EXT_KIND = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
    ".warc": "warc", ".arc": "warc",
    ".parquet": "parquet", ".parq": "parquet",
}
SIDECAR_SUFFIX = ".meta.json"
_SKIP_DIR_FILES = {"readme", "readme.md", "license", "licence", ".ds_store"}
_HTML_CT = ("text/html", "application/xhtml")
_WARC_HTML_CT = ("text/html", "application/xhtml+xml")


def kind_from_name(name: str) -> str | None:
    n = name.lower()
    if n.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    if n.endswith(".gz"):
        return "gz"
    return _EXT_KIND.get(os.path.splitext(n)[1])


def sniff_kind(data: bytes) -> str:
    bom = bom_encoding(data)
    wide = bom[0] if bom else wide_encoding(data)
    if wide is not None and wide != "utf-8":  # UTF-16/32: sniff the decoded start
        data = data[: 4096 * 4].decode(wide, errors="ignore").encode("utf-8")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        return "gz"
    if head.startswith((b"{", b"[")):
        return "json"
    probe = head[:1500]
    if b"<rss" in probe or b"<feed" in probe or b"<rdf:rdf" in probe:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p>")):
        return "html"
    if head.startswith(b"<?xml") and b"<html" in probe:
        return "html"
    return "text"


def _problem(source: str, code: str, reason: str) -> IngestProblem:
    return IngestProblem(source=source, code=code, reason=reason)


def iter_inputs(
    inputs: Sequence[str],
    *,
    allow_private: bool = False,
    json_fields: dict[str, str] | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[RawDoc | IngestProblem]:
    """Yield a RawDoc per readable document and an IngestProblem per failure, in order.

    ``inputs``: files, directories (recursive, hidden files skipped), glob patterns, and
    http(s) URLs. ``json_fields`` maps text/title/url/date/outlet to record keys (dotted
    paths allowed). ``max_bytes`` caps a file, a fetched response and a WARC/JSONL record.
    """
    fields = dict(DEFAULT_JSON_FIELDS)
    explicit = set(json_fields or {})
    fields.update(json_fields or {})
    for inp in inputs:
        inp = str(inp)
        try:
            if _URL_RE.match(inp):
                yield from _read_url(inp, allow_private, fields, explicit, max_bytes)
                continue
            for path, err in _expand(inp):
                if err is not None:
                    yield err
                    continue
                assert path is not None
                try:
                    yield from _read_file(path, fields, explicit, max_bytes)
                except Exception as e:  # noqa: BLE001 - backstop: a reader bug is recorded
                    yield _problem(str(path), "E999", f"reader bug: {type(e).__name__}: {e}")
        except Exception as e:  # noqa: BLE001 - backstop, as above
            yield _problem(inp, "E999", f"reader bug: {type(e).__name__}: {e}")


def _expand(inp: str) -> Iterator[tuple[Path | None, IngestProblem | None]]:
    p = Path(inp).expanduser()
    if p.is_dir():
        found = False
        for root, dirs, files in os.walk(p, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if f.startswith(".") or f.lower() in _SKIP_DIR_FILES or f.endswith(SIDECAR_SUFFIX):
                    continue
                found = True
                yield Path(os.path.abspath(os.path.join(root, f))), None
        if not found:
            yield None, _problem(inp, "E101", "directory contains no files")
        return
    if p.is_file():
        yield Path(os.path.abspath(p)), None
        return
    if p.exists():
        yield None, _problem(inp, "E110", "not a regular file or directory")
        return
    if glob.has_magic(inp):
        matches = sorted(glob.glob(os.path.expanduser(inp), recursive=True))
        files = [m for m in matches if os.path.isfile(m)]
        dirs = [m for m in matches if os.path.isdir(m)]
        if not files and not dirs:
            yield None, _problem(inp, "E003", "glob pattern matched no files")
        for m in files:
            yield Path(os.path.abspath(m)), None
        for d in dirs:
            yield from _expand(d)
        return
    yield None, _problem(inp, "E003", "input path does not exist")


def _read_file(
    path: Path, fields: Mapping[str, str], explicit: set[str], max_bytes: int
) -> Iterator[Item]:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        yield _problem(source, "E003", f"cannot stat: {e.strerror or e}")
        return
    if size == 0:
        yield _problem(source, "E101", "empty file")
        return
    kind = kind_from_name(path.name)
    if kind is None:
        with open(path, "rb") as fh:
            kind = sniff_kind(fh.read(4096))
        if kind == "gz":
            kind = "warc" if _gz_is_warc(path) else "gz"
    if kind == "warc":
        try:
            with open(path, "rb") as fh:
                yield from _read_warc(fh, source, max_bytes)
        except OSError as e:
            yield _problem(source, "E107", f"cannot read WARC: {e}")
        return
    if kind == "jsonl":
        yield from _read_jsonl_file(path, source, fields, explicit, max_bytes)
        return
    if kind == "parquet":  # streamed by row batches: no file-size cap
        from eventwire.ingest._parquet import read_parquet

        yield from read_parquet(path, fields, explicit)
        return
    if size > max_bytes:
        yield _problem(source, "E104", f"file of {size} bytes exceeds the cap of {max_bytes}")
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield _problem(source, "E003", f"cannot read: {e.strerror or e}")
        return
    items = read_bytes(source, data, kind, fields=fields, explicit=explicit, max_bytes=max_bytes)
    side = _sidecar(path) if kind in ("text", "html", None) else None
    for item in items:
        if side and isinstance(item, RawDoc) and item.source == source:
            item = _apply_sidecar(item, side, fields)
        yield item


def _sidecar(path: Path) -> dict[str, Any] | None:
    """Metadata for a single-document file from ``<file>.meta.json`` or ``<stem>.meta.json``
    (keys as for JSON records: title, outlet, url, date)."""
    for cand in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)):
        if cand.is_file() and cand.stat().st_size < 1_000_000:
            try:
                obj = json.loads(cand.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
            return obj if isinstance(obj, dict) else None
    return None


def _apply_sidecar(doc: RawDoc, side: Mapping[str, Any], fields: Mapping[str, str]) -> RawDoc:
    def pick(name: str) -> Any:
        v = _get(side, fields.get(name, name))
        if v in (None, ""):
            for alt in _FALLBACK_FIELDS.get(name, ()):
                v = _get(side, alt)
                if v not in (None, ""):
                    break
        return v if v not in (None, "") else None

    title, outlet, url, date = pick("title"), pick("outlet"), pick("url"), pick("date")
    return dataclasses.replace(
        doc,
        title=str(title) if title is not None else doc.title,
        outlet=str(outlet) if outlet is not None else doc.outlet,
        url=str(url) if url is not None else doc.url,
        published=iso_from_metadata(date) or doc.published,
        meta={**doc.meta, "sidecar": True},
    )


def _gz_is_warc(path: Path) -> bool:
    try:
        with gzip.open(path, "rb") as fh:
            return fh.read(5).upper() == b"WARC/"
    except (OSError, EOFError, zlib.error):
        return False


def read_bytes(
    source: str,
    data: bytes,
    kind: str | None = None,
    *,
    fields: Mapping[str, str] = DEFAULT_JSON_FIELDS,
    explicit: set[str] | None = None,
    max_bytes: int = 20_000_000,
    url: str | None = None,
    fmt: str | None = None,
    declared_charset: str | None = None,
) -> Iterator[Item]:
    """Documents in ``data`` (one file's or response's bytes); ``kind`` None = sniff."""
    explicit = explicit or set()
    if not data.strip():
        yield _problem(source, "E101", "empty input (no content)")
        return
    if len(data) > max_bytes:
        yield _problem(source, "E104", f"input of {len(data)} bytes exceeds the cap of {max_bytes}")
        return
    if kind is None or kind == "text":
        sniffed = sniff_kind(data)
        # a .txt that is really HTML or a feed is read as what it is
        kind = sniffed if kind is None or sniffed in ("html", "warc") else kind
    if kind == "gz":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                inner = gz.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as e:
            yield _problem(source, "E102", f"compressed data could not be read: {e}")
            return
        if len(inner) > max_bytes:
            yield _problem(source, "E104", f"decompressed input exceeds the cap of {max_bytes}")
            return
        inner_kind = kind_from_name(source[:-3]) if source.lower().endswith(".gz") else None
        yield from read_bytes(source, inner, inner_kind, fields=fields, explicit=explicit,
                              max_bytes=max_bytes, url=url, fmt=fmt)
        return
    if kind == "warc":
        yield from _read_warc(io.BytesIO(data), source, max_bytes)
        return
    if kind == "html" and not declared_charset:
        declared_charset = html_declared_charset(data)
    elif kind == "feed" and not declared_charset:
        declared_charset = xml_declared_charset(data)
    try:
        decoded = decode_text(data, declared_charset)
    except DecodeFailure as e:
        yield _problem(source, e.code, e.reason)
        return
    if kind == "feed":
        # feedparser gets the text we decoded, as UTF-8 that says so
        yield from _read_feed(source, _as_utf8_xml(decoded.text), fmt=fmt)
        return
    text = _normalize_newlines(decoded.text)
    if not text.strip():
        yield _problem(source, "E101", "empty input (only whitespace)")
        return
    if kind == "html":
        yield _html_doc(source, text, url=url, fmt=fmt or "html")
    elif kind in ("json", "jsonl"):
        yield from _read_json_text(source, text, fields, explicit, jsonl=(kind == "jsonl"), fmt=fmt)
    else:
        yield RawDoc(source=source, text=text.strip(), url=url, fmt=fmt or "text")


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


# ---------------------------------------------------------------- WARC


def _read_warc(stream: Any, source: str, max_bytes: int) -> Iterator[Item]:
    """Document records of a WARC (or ARC) archive: HTML, XHTML and plain-text
    ``response``/``resource`` records of web addresses (not wget's log or arguments, not
    ``metadata:``/``dns:`` records). Each record is judged by its own completeness: a record
    the archive ends inside is an E107 problem (the records before it are kept); a damaged
    record boundary ends the archive with E107. warcio's warnings (it writes them to
    stderr) are kept as W107 warnings on the archive, not as damage."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    found = 0
    bad = False
    warnings = io.StringIO()
    # warcio reports through the "warcio" logger (older releases print to stderr)
    handler = logging.StreamHandler(warnings)
    wlog = logging.getLogger("warcio")
    wlog.addHandler(handler)
    try:
        with contextlib.redirect_stderr(warnings):
            records = iter(ArchiveIterator(stream, arc2warc=True))
        while True:
            with contextlib.redirect_stderr(warnings):
                record = next(records, None)
                if record is None:
                    break
                n += 1
                length = (record.rec_headers.get_header("Content-Length") or "").strip()
                doc = _warc_record(record, f"{source}#{n}", max_bytes) if length.isdigit() else None
            if not length.isdigit():
                bad = True
                yield _problem(f"{source}#{n}", "E107",
                               f"WARC record has no valid Content-Length ({length!r})")
                break  # the next record boundary cannot be found
            if doc is None:
                continue
            found += 1
            yield from doc
            if doc_truncated(doc):
                break
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, IndexError,
            AttributeError, TypeError) as e:
        # warcio documents ArchiveLoadFailed; a damaged gzip member or header line
        # surfaces as zlib/EOF/OSError or a ValueError/IndexError from header parsing, and
        # a response record without WARC-Target-URI as an AttributeError (warcio 1.7/1.8)
        where = f" after {n} records" if n else ""
        yield _problem(source, "E107", f"malformed WARC archive{where}: {type(e).__name__}: {e}")
        return
    finally:
        wlog.removeHandler(handler)
    if warnings.getvalue():
        msg = " ".join(warnings.getvalue().split())[:300]
        yield _problem(source, "W107", f"archive read with warnings (records kept): {msg}")
    if n == 0:
        yield _problem(source, "E107", "no WARC records found")
    elif found == 0 and not bad:
        yield _problem(source, "E101", "WARC archive has no HTML or text documents")


def doc_truncated(items: list[Item]) -> bool:
    return any(isinstance(i, IngestProblem) and i.code == "E107" for i in items)


_DOC_SCHEMES = ("http://", "https://", "ftp://", "file:")


def _record_truncated(record: Any) -> bool:
    """True when the archive ends before the record's declared length (read what is left
    of the record; a complete record reaches its length, whatever its HTTP headers say)."""
    raw = record.raw_stream
    while getattr(raw, "limit", 0) > 0:
        if not raw.read(min(raw.limit, 1 << 20)):
            return True
    return False


def _warc_record(record: Any, src: str, max_bytes: int) -> list[Item] | None:
    """The items of one record, or None for a record that is not a document."""
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not uri.lower().startswith(_DOC_SCHEMES):
        return None  # wget's log/arguments/manifest (metadata://), dns:, urn: records
    if record.http_headers is not None:
        ctype = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode()
        if record.rec_type == "response" and status and not str(status).startswith("2"):
            return None
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    low = ctype.lower().strip()
    if not low.startswith(_WARC_HTML_CT) and not low.startswith("text/plain"):
        return None
    content = record.content_stream().read(max_bytes + 1)
    if len(content) > max_bytes:
        return [_problem(src, "E104", f"WARC record exceeds the cap of {max_bytes} bytes")]
    if _record_truncated(record):
        return [_problem(src, "E107", "WARC record is truncated (archive ends inside it)")]
    m = re.search(r"charset=([\w.:-]+)", ctype, re.I)
    kind = "text" if low.startswith("text/plain") else "html"
    out: list[Item] = []
    for item in read_bytes(src, content, kind, max_bytes=max_bytes, url=uri, fmt="warc",
                           declared_charset=m.group(1) if m else None):
        if isinstance(item, RawDoc):
            meta = dict(item.meta)
            meta["warc_date"] = record.rec_headers.get_header("WARC-Date")
            item = dataclasses.replace(item, url=item.url or uri, fmt="warc", meta=meta)
        out.append(item)
    return out


# ---------------------------------------------------------------- URLs


def _read_url(
    url: str, allow_private: bool, fields: Mapping[str, str], explicit: set[str], max_bytes: int
) -> Iterator[Item]:
    from eventwire.ingest.fetch import FetchRefused, fetch

    try:
        res = fetch(url, allow_private=allow_private, max_bytes=max_bytes)
    except FetchRefused as e:
        yield _problem(url, e.code, e.reason)
        return
    ct = res.content_type.lower()
    kind: str | None
    if ct.startswith(_HTML_CT):
        kind = "html"
    elif any(x in ct for x in ("rss", "atom", "/xml", "+xml")):
        kind = "feed" if sniff_kind(res.content) == "feed" else None
    elif "json" in ct:
        kind = "jsonl" if "ndjson" in ct or "jsonl" in ct else "json"
    else:
        kind = kind_from_name(res.url.split("?", 1)[0]) or None
    m = re.search(r"charset=([\w.:-]+)", ct, re.I)
    fmt = "url" if kind in (None, "html", "text") else None
    yield from read_bytes(url, res.content, kind, fields=fields, explicit=explicit,
                          max_bytes=max_bytes, url=res.url, fmt=fmt,
                          declared_charset=m.group(1) if m else None)
