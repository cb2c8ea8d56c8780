"""Readers on inputs that used to be damaged or dropped silently: undeclared legacy
charsets and UTF-16/32 in feeds, JSON Feed, ARC/WARC records judged one by one, and
feed items that share a boilerplate summary. Every file here is written by the test."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventwire import api
from eventwire.errors import CODES
from eventwire.ingest import iter_inputs
from eventwire.model import IngestProblem, RawDoc
from eventwire.store import open_store

RU_TITLE = "Президент посетил завод в Туле"
RU_BODY = (
    "Президент России в понедельник посетил оружейный завод в Туле и обсудил с рабочими "
    "рост зарплат. Губернатор области сообщил, что предприятие получит новые заказы."
)
JA_TITLE = "首相が東京で韓国大統領と会談"
JA_BODY = (
    "首相は月曜日、東京で韓国の大統領と会談し、経済協力と安全保障について話し合った。"
    "両首脳は来年も会うことで合意した。"
)


def _rss(title: str, body: str, decl: str | None) -> str:
    head = f'<?xml version="1.0" encoding="{decl}"?>\n' if decl else ""
    return (
        head + '<rss version="2.0"><channel><title>Лента</title>'
        f"<item><title>{title}</title><link>http://example.org/1</link>"
        f"<description>{body}</description></item></channel></rss>\n"
    )


def _read(path: Path) -> list[RawDoc | IngestProblem]:
    return list(iter_inputs([str(path)]))


def _docs(items: list[RawDoc | IngestProblem]) -> list[RawDoc]:
    return [i for i in items if isinstance(i, RawDoc)]


def _problems(items: list[RawDoc | IngestProblem]) -> list[IngestProblem]:
    return [i for i in items if isinstance(i, IngestProblem)]


@pytest.mark.parametrize(
    ("encoding", "title", "body"),
    [("koi8-r", RU_TITLE, RU_BODY), ("cp1251", RU_TITLE, RU_BODY), ("shift_jis", JA_TITLE, JA_BODY)],
)
def test_readers_feed_in_undeclared_legacy_charset_is_decoded(
    tmp_path: Path, encoding: str, title: str, body: str
) -> None:
    p = tmp_path / "feed.xml"
    p.write_bytes(_rss(title, body, None).encode(encoding))
    items = _read(p)
    [doc] = _docs(items)
    assert doc.title == title and doc.text == body
    assert not _problems(items)


def test_readers_feed_declared_charset_is_used(tmp_path: Path) -> None:
    p = tmp_path / "feed.rss"
    p.write_bytes(_rss(RU_TITLE, RU_BODY, "koi8-r").encode("koi8-r"))
    [doc] = _docs(_read(p))
    assert doc.title == RU_TITLE and doc.outlet == "Лента"


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16", True), ("utf-32", True),
        ("utf-16-le", False), ("utf-16-be", False), ("utf-32-le", False), ("utf-32-be", False),
    ],
)
def test_readers_utf16_and_utf32_feeds_are_read(tmp_path: Path, codec: str, bom: bool) -> None:
    p = tmp_path / f"feed-{codec}.xml"
    decl = codec if bom else codec.rsplit("-", 1)[0]
    p.write_bytes(_rss(RU_TITLE, RU_BODY, decl).encode(codec))
    items = _read(p)
    [doc] = _docs(items)
    assert doc.title == RU_TITLE and doc.text == RU_BODY and not _problems(items)


def test_readers_utf16_text_and_json_without_extension_hint(tmp_path: Path) -> None:
    t = tmp_path / "story.txt"
    t.write_bytes(("Talks in Hanoi\n\n" + "Ministers met in Hanoi on Monday. " * 5).encode("utf-16"))
    [doc] = _docs(_read(t))
    assert doc.text.startswith("Talks in Hanoi")
    j = tmp_path / "recs.json"
    j.write_bytes(json.dumps([{"text": RU_BODY, "title": RU_TITLE}], ensure_ascii=False).encode("utf-32"))
    [rec] = _docs(_read(j))
    assert rec.text == RU_BODY


def _json_feed(version: str) -> dict[str, object]:
    return {
        "version": f"https://jsonfeed.org/version/{version}",
        "title": "Example Wire",
        "items": [
            {
                "id": "a1",
                "url": "https://example.org/a1",
                "title": "Ministers meet in Hanoi",
                "content_text": "The foreign ministers of Vietnam and Japan met in Hanoi on Monday.",
                "date_published": "2023-12-04T09:00:00+07:00",
                "authors": [{"name": "Lan Pham"}],
            },
            {
                "id": "a2",
                "title": "Strike in Lagos",
                "content_html": "<p>Dock workers in <b>Lagos</b> went on strike on Tuesday.</p>",
                "date_published": "2023-12-05T10:00:00Z",
            },
            {"id": "a3", "title": "Summary only", "summary": "Kenya and Uganda agreed on a new border post."},
            {"id": "a4", "title": "Nothing here", "image": "https://example.org/a4.png"},
        ],
    }


@pytest.mark.parametrize("version", ["1", "1.1"])
def test_readers_json_feed_items_become_articles(tmp_path: Path, version: str) -> None:
    p = tmp_path / "feed.json"
    p.write_text(json.dumps(_json_feed(version)), encoding="utf-8")
    items = _read(p)
    docs = _docs(items)
    assert [d.source for d in docs] == ["https://example.org/a1", "a2", "a3"]
    assert docs[0].title == "Ministers meet in Hanoi" and docs[0].outlet == "Example Wire"
    assert docs[0].published == "2023-12-04" and docs[0].meta["author"] == "Lan Pham"
    assert docs[1].text == "Dock workers in Lagos went on strike on Tuesday."
    assert docs[2].text.startswith("Kenya and Uganda")
    [p4] = _problems(items)
    assert p4.source == "a4" and p4.code == "E109"


def _arc(url: str, html: bytes) -> bytes:
    http = (
        b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        b"Content-Length: %d\r\n\r\n" % len(html)
    ) + html
    desc = b"1 0 eventwire-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://t.arc 0.0.0.0 20231207120000 text/plain %d\n" % len(desc) + desc + b"\n"
    out += b"%s 93.184.216.34 20231207120000 text/html %d\n" % (url.encode(), len(http)) + http
    return out + b"\n"


PAGE = (
    b"<html><head><title>Ministers meet in Hanoi</title></head><body><article><p>"
    + b"The foreign ministers of Vietnam and Japan met in Hanoi on Monday to discuss trade. " * 4
    + b"</p><p>"
    + b"Officials said the two countries would sign a port agreement next month. " * 3
    + b"</p></article></body></html>"
)


def test_readers_arc_record_with_space_in_url_is_kept_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "crawl.arc"
    p.write_bytes(_arc("http://example.org/news/ministers meet.html", PAGE))
    items = _read(p)
    [doc] = _docs(items)
    assert doc.title == "Ministers meet in Hanoi" and doc.url == "http://example.org/news/ministers%20meet.html"
    [w] = _problems(items)
    assert w.code == "W107" and w.code in CODES and "spaces" in w.reason


def _warc_record(writer: object, rtype: str, uri: str, payload: bytes, ctype: str, http: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    headers = None
    if http:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(  # type: ignore[attr-defined]
        uri, rtype, payload=io.BytesIO(payload), http_headers=headers,
        warc_content_type=None if http else ctype,
    )
    writer.write_record(rec)  # type: ignore[attr-defined]


def _wget_warc(path: Path, *, gzip: bool) -> None:
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        w.write_record(w.create_warcinfo_record("t.warc", {"software": "Wget/1.21"}))
        _warc_record(w, "response", "https://example.org/story", PAGE, "text/html; charset=utf-8", True)
        _warc_record(w, "response", "https://example.org/logo.png", b"\x89PNG....", "image/png", True)
        _warc_record(w, "resource", "metadata://gnu.org/software/wget/warc/MANIFEST.txt",
                     b"<urn:uuid:1234>\n", "text/plain", False)
        _warc_record(w, "resource", "metadata://gnu.org/software/wget/warc/wget_arguments.txt",
                     b'"wget" "--warc-file=t" "https://example.org/story"\n', "text/plain", False)
        _warc_record(w, "resource", "metadata://gnu.org/software/wget/warc/wget.log",
                     b"--2023-12-07 12:00:00--  https://example.org/story\nResolving example.org... done.\n"
                     b"HTTP request sent, awaiting response... 200 OK\nSaved.\n", "text/plain", False)
        _warc_record(w, "resource", "https://example.org/notes.txt",
                     b"Kenya and Uganda agreed on a new border post on Friday, officials said.\n",
                     "text/plain", False)


@pytest.mark.parametrize("gz", [False, True])
def test_readers_only_document_records_of_a_wget_warc_become_articles(tmp_path: Path, gz: bool) -> None:
    p = tmp_path / ("t.warc.gz" if gz else "t.warc")
    _wget_warc(p, gzip=gz)
    items = _read(p)
    assert [d.url for d in _docs(items)] == ["https://example.org/story", "https://example.org/notes.txt"]
    assert not _problems(items)


def test_readers_warc_record_judged_by_its_own_length(tmp_path: Path) -> None:
    """A complete record whose HTTP Content-Length undercounts its body is kept; a record
    the archive ends inside is E107, and the complete record before it is kept."""
    body = PAGE
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n" + body

    def rec(uri: str, block: bytes, declared: int | None = None) -> bytes:
        n = len(block) if declared is None else declared
        return (
            b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri.encode()
            + b"\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=response\r\n"
            % uri[-1:].encode()
            + b"Content-Length: %d\r\n\r\n" % n + block + b"\r\n\r\n"
        )

    p = tmp_path / "cut.warc"
    p.write_bytes(rec("https://example.org/a", http) + rec("https://example.org/b", http, len(http) + 500)[:-4])
    items = _read(p)
    [doc] = _docs(items)
    assert doc.url == "https://example.org/a" and "Vietnam and Japan" in doc.text
    [prob] = _problems(items)
    assert prob.code == "E107" and prob.source.endswith("#2") and "truncated" in prob.reason


def test_readers_feed_items_with_the_same_summary_and_different_titles_stay_distinct(
    tmp_path: Path,
) -> None:
    summary = "Read the full story on our website. Subscribe for more news every day."
    atom = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Wire</title><id>urn:wire</id><updated>2023-12-07T00:00:00Z</updated>"
        + "".join(
            f"<entry><title>{t}</title><id>urn:{i}</id><link href='https://example.org/{i}'/>"
            f"<updated>2023-12-07T00:00:00Z</updated><summary>{summary}</summary></entry>"
            for i, t in enumerate(["Floods hit Dhaka", "Talks resume in Doha"])
        )
        + "</feed>\n"
    )
    p = tmp_path / "wire.atom"
    p.write_text(atom, encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        s = api.ingest(store, [str(p)])
        assert s.new_articles == 2 and s.exact_duplicates == 0 and s.near_duplicates == 0
        # the same item under a second address is still an exact copy
        p2 = tmp_path / "again.atom"
        p2.write_text(atom.replace("example.org", "mirror.example.net"), encoding="utf-8")
        s2 = api.ingest(store, [str(p2)])
        assert s2.new_articles == 0 and s2.exact_duplicates == 2
