"""Regenerate the ingest fixtures in this folder: `.venv/bin/python tests/data/make_fixtures.py`.

The article texts come from ECB+ (ecbplus_texts.json: three documents of the ECB+ corpus,
CC BY 3.0, Cybulska & Vossen 2014; the news texts themselves are not copyrighted per the
corpus authors). The HTML, feed, JSON and WARC wrappers, the wire-style plain-text
articles and the bad inputs are written here. Outputs are deterministic and committed.
"""

from __future__ import annotations

import gzip
import html
import io
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _texts() -> dict[str, tuple[str, list[str]]]:
    docs = json.loads((HERE / "ecbplus_texts.json").read_text(encoding="utf-8"))
    out = {}
    for d in docs:
        lines = [ln for ln in d["text"].split("\n") if ln.strip()]
        out[d["doc_id"]] = (lines[0], lines[1:])
    return out


def page(title: str, paras: list[str], *, site: str, date: str, charset: str = "utf-8") -> str:
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{html.escape(title)} | {site}</title>
  <meta property="og:site_name" content="{site}">
  <meta property="og:title" content="{html.escape(title)}">
  <meta property="article:published_time" content="{date}T07:15:00-06:00">
  <meta name="author" content="Staff and wire reports">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){{}}</script>
  <style>body {{ font-family: serif; }}</style>
</head>
<body>
  <header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sports">Sports</a> | <a href="/weather">Weather</a></nav></header>
  <div class="ad">Advertisement</div>
  <main>
    <article>
      <h1>{html.escape(title)}</h1>
      <div class="byline">By Staff and wire reports</div>
      <time datetime="{date}">{date}</time>
{body}
    </article>
    <aside><h3>Most read</h3><ul><li><a href="/a">Weather warning for the weekend</a></li><li><a href="/b">Council approves budget</a></li></ul></aside>
  </main>
  <footer><p>Copyright 2009 {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


WIRE_REUTERS = """China, Vietnam to hold talks on upgrading ties during Xi visit

By Jane Doe and Minh Tran

BEIJING, Dec 7 (Reuters) - China and Vietnam will discuss upgrading their bilateral relations during a visit by Chinese President Xi Jinping to Hanoi next week, a foreign ministry spokesperson said on Thursday.

Chinese President Xi Jinping waves as he arrives at the airport in Hanoi, Vietnam, November 12, 2017. REUTERS/Kham/File Photo

The talks will cover politics, security, trade and maritime issues, the spokesperson told a regular news briefing in Beijing.

Vietnam and China established a comprehensive strategic partnership in 2008, the highest level in Hanoi's diplomatic hierarchy.

Advertisement

Trade between the two neighbours reached $175.6 billion in 2022, according to Vietnamese customs data.

The talks will cover politics, security, trade and maritime issues, the spokesperson told a regular news briefing in Beijing.

(Reporting by Jane Doe in Beijing and Minh Tran in Hanoi; Editing by John Smith)
"""

WIRE_AP = """WASHINGTON (AP) — The Senate voted on Tuesday to approve a stopgap spending bill, sending the measure to the House with three days left before a partial government shutdown.

The vote was 77-19, with members of both parties supporting the measure.

(Photo: Senate Majority Leader speaks to reporters at the Capitol in Washington.)

Senate leaders said they expected the House to take up the bill on Wednesday.

Shutdown talks
"""


def warc_bytes(texts: dict[str, tuple[str, list[str]]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    w.write_record(w.create_warcinfo_record("fixtures.warc.gz", {"software": "warcio"}))
    items = list(texts.items())
    for i, (doc_id, (title, paras)) in enumerate(items[:2]):
        url = f"https://news.example.org/story/{doc_id}"
        req = w.create_warc_record(
            url, "request", payload=io.BytesIO(f"GET /story/{doc_id} HTTP/1.1\r\nHost: news.example.org\r\n\r\n".encode()),
        )
        w.write_record(req)
        body = page(title, paras, site="Example Gazette", date=f"2009-12-0{i + 5}").encode("utf-8")
        hdrs = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=hdrs))
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    hdrs = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://news.example.org/logo.png", "response", payload=io.BytesIO(png), http_headers=hdrs))
    hdrs = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://news.example.org/missing", "response", payload=io.BytesIO(b"<html><body>Not found</body></html>"), http_headers=hdrs))
    return buf.getvalue()


def main() -> None:
    t = _texts()
    ids = list(t)
    title0, paras0 = t[ids[1]]  # Texas prisoner captured
    title1, paras1 = t[ids[2]]  # Red Sox offer
    title2, paras2 = t[ids[0]]
    # the ECB+ texts carry their own date line as the first paragraph: drop it in pages
    paras0_body = paras0[1:]
    paras1_body = paras1[1:]

    (HERE / "article.html").write_text(page(title0, paras0_body, site="Example Gazette", date="2009-12-07"), encoding="utf-8")
    (HERE / "latin1.html").write_bytes(
        page("Café owner in Zürich wins appeal", [
            "A café owner in Zürich won his appeal on Monday against a fine imposed for serving customers after midnight, the cantonal court said.",
            "The court said the city had applied the wrong regulation – one meant for nightclubs – to a small café with twelve seats.",
            "The owner, who has run the café for thirty years, said he was relieved and would keep his opening hours unchanged.",
        ], site="Example Zeitung", date="2011-03-14", charset="windows-1252").encode("cp1252")
    )
    (HERE / "boilerplate_only.html").write_text(
        """<!DOCTYPE html><html><head><title>Home</title><script>var x = 1;</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><footer><a href="/privacy">Privacy</a></footer></body></html>
""", encoding="utf-8")

    def item_rss(title: str, link: str, date: str, content: str | None, desc: str | None) -> str:
        parts = [f"<title>{html.escape(title)}</title>", f"<link>{link}</link>", f"<guid>{link}</guid>", f"<pubDate>{date}</pubDate>"]
        if desc is not None:
            parts.append(f"<description>{html.escape(desc)}</description>")
        if content is not None:
            parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
        return "<item>" + "".join(parts) + "</item>"

    rss = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
           "<channel><title>Example Sports Wire</title><link>https://sports.example.org/</link><description>Sports news</description>\n"
           + item_rss(title1, "https://sports.example.org/teixeira", "Mon, 15 Dec 2008 07:35:00 -0500",
                      "".join(f"<p>{html.escape(p)}</p>" for p in paras1_body), "Red Sox make an offer.") + "\n"
           + item_rss(title2, "https://sports.example.org/reid", "Tue, 02 Dec 2008 10:00:00 +0000", None, " ".join(paras2)) + "\n"
           + item_rss("Empty item", "https://sports.example.org/empty", "Tue, 02 Dec 2008 11:00:00 +0000", None, None) + "\n"
           + "</channel></rss>\n")
    (HERE / "feed.rss").write_text(rss, encoding="utf-8")
    atom = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            "<title>Example Gazette</title><id>urn:example:gazette</id><updated>2009-12-07T12:00:00Z</updated>\n"
            f'<entry><title>{html.escape(title0)}</title><id>urn:example:1</id><link href="https://gazette.example.org/texas"/>'
            f"<published>2009-12-07T07:15:00Z</published><updated>2009-12-07T07:15:00Z</updated>"
            f'<content type="html">{html.escape("".join(f"<p>{p}</p>" for p in paras0_body))}</content></entry>\n'
            f'<entry><title>{html.escape(title2)}</title><id>urn:example:2</id>'
            f"<updated>2008-12-02T10:00:00Z</updated><summary>{html.escape(' '.join(paras2))}</summary></entry>\n"
            "</feed>\n")
    (HERE / "feed.atom").write_text(atom, encoding="utf-8")
    (HERE / "broken.rss").write_text(rss[: rss.index("<item>") - 40], encoding="utf-8")
    (HERE / "notafeed.xml").write_text('<?xml version="1.0"?>\n<note><to>Tove</to><body>Remember the meeting</body></note>\n', encoding="utf-8")

    recs = [
        json.dumps({"title": title0, "text": "\n\n".join(paras0_body), "url": "https://gazette.example.org/texas", "date": "2009-12-07T07:15:00Z", "outlet": "Example Gazette"}),
        '{"title": "broken record", "text": "unterminated',
        json.dumps({"title": "no text here", "url": "https://x.example.org/1"}),
        "",
        json.dumps({"title": title1, "text": "".join(f"<p>{html.escape(p)}</p>" for p in paras1_body), "date": "2008-12-15"}),
    ]
    (HERE / "records.jsonl").write_text("\n".join(recs) + "\n", encoding="utf-8")
    (HERE / "records.json").write_text(json.dumps([
        {"title": title2, "text": "\n".join(paras2), "date": "2008-12-02"},
        {"title": title1, "text": "\n".join(paras1_body), "date": "15 December 2008"},
    ], ensure_ascii=False, indent=1), encoding="utf-8")
    (HERE / "custom_fields.jsonl").write_text(json.dumps(
        {"headline": title1, "body": "\n".join(paras1_body), "published_at": "2008-12-15T07:35:00-05:00", "link": "https://sports.example.org/teixeira", "publisher": "Example Sports Wire"}
    ) + "\n", encoding="utf-8")
    (HERE / "bad.json").write_text(json.dumps([{"text": "a"}, {"text": "b"}])[:-7], encoding="utf-8")

    wb = warc_bytes(t)
    (HERE / "pages.warc.gz").write_bytes(wb)
    raw = gzip.decompress(wb)
    (HERE / "truncated.warc").write_bytes(raw[: int(len(raw) * 0.6)])
    (HERE / "garbage.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nnot a record\r\n")

    (HERE / "wire_reuters.txt").write_text(WIRE_REUTERS, encoding="utf-8")
    (HERE / "wire_ap.txt").write_text(WIRE_AP, encoding="utf-8")
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    (HERE / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (HERE / "binary.txt").write_bytes(b"\x00\x01\x02\x03binary\x00\x00data\xff\xfe\x00" * 30)
    (HERE / "cp1252.txt").write_bytes(
        ("Café owner in Zürich wins appeal\n\nA café owner in Zürich won his appeal on Monday – "
         "the court said the city applied a rule meant for nightclubs to a “small café”.\n").encode("cp1252")
    )
    (HERE / "undecodable.txt").write_bytes(bytes((0x80 + (i * 37) % 128) if i % 7 else 0x20 for i in range(600)))
    good = "The prisoner was captured on Monday after a week on the run, officials said. Naïve café résumé.\n"
    cut = (good * 3).encode("utf-8")
    (HERE / "truncated_utf8.txt").write_bytes(cut[: cut.rindex("é".encode()) + 1])


if __name__ == "__main__":
    main()
