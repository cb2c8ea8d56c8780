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

from eventwire.ingest._records import (
    _FALLBACK_FIELDS,
    DEFAULT_JSON_FIELDS,
    Item,
    _as_utf8_xml,
    _get,
    _html_doc,
    _normalize_newlines,
    _problem,
    _read_feed,
    _read_json_text,
    _read_jsonl_file,
)
from eventwire.ingest.dates import iso_from_metadata
from eventwire.ingest.decode import (
    DecodeFailure,
    bom_encoding,
    decode_text,
    html_declared_charset,
    wide_encoding,
    xml_declared_charset,
)
from eventwire.model import IngestProblem, RawDoc

__all__ = ["iter_inputs", "read_bytes", "DEFAULT_JSON_FIELDS", "sniff_kind", "kind_from_name"]

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
