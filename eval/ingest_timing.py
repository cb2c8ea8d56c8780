"""Ingest cost per document and format (read + extract + clean), one process.

    .venv/bin/python eval/ingest_timing.py [--n 100]

Pages are built from ECB+ texts (../shared/data) with the HTML template of the test
fixtures (navigation, aside, footer, scripts around the article), then written as .txt,
.html, one .jsonl, one RSS feed and one WARC in a temporary folder and read with
``iter_inputs`` + ``clean``.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data"))
from make_fixtures import page  # noqa: E402

from eventwire.ingest import clean, iter_inputs  # noqa: E402
from eventwire.model import RawDoc  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    n = ap.parse_args().n
    src = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus-train.jsonl"
    docs = [json.loads(x) for x in src.open(encoding="utf-8")][:n]
    words = sum(len(d["text"].split()) for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for fmt in ("txt", "html"):
            (t / fmt).mkdir()
        items = []
        for d in docs:
            lines = [x for x in d["text"].split("\n") if x.strip()]
            (t / "txt" / f"{d['doc_id']}.txt").write_text(d["text"], encoding="utf-8")
            (t / "html" / f"{d['doc_id']}.html").write_text(page(lines[0], lines[1:], site="Example", date="2013-01-01"), encoding="utf-8")
            items.append({"title": lines[0], "text": "\n".join(lines[1:]), "date": "2013-01-01"})
        (t / "all.jsonl").write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
        rss = "<rss version='2.0'><channel><title>Example</title>" + "".join(
            f"<item><title>{html.escape(i['title'])}</title><link>https://ex.org/{k}</link>"
            f"<description>{html.escape(''.join('<p>' + html.escape(p) + '</p>' for p in i['text'].split(chr(10))))}</description></item>"
            for k, i in enumerate(items)) + "</channel></rss>"
        (t / "feed.rss").write_text(rss, encoding="utf-8")
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        with open(t / "pages.warc.gz", "wb") as fh:
            w = WARCWriter(fh, gzip=True)
            for k, p in enumerate(sorted((t / "html").iterdir())):
                hd = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                w.write_record(w.create_warc_record(f"https://ex.org/{k}", "response", payload=io.BytesIO(p.read_bytes()), http_headers=hd))
        print(f"{n} ECB+ articles, {words / n:.0f} words each on average")
        print(f"{'format':8s} {'docs':>5s} {'ms/doc read':>12s} {'ms/doc clean':>13s} {'docs/s':>8s}")
        for name, inp in (("text", t / "txt"), ("html", t / "html"), ("jsonl", t / "all.jsonl"),
                          ("rss", t / "feed.rss"), ("warc", t / "pages.warc.gz")):
            list(iter_inputs([str(inp)]))[:1]  # warm imports
            t0 = time.perf_counter()
            raws = [r for r in iter_inputs([str(inp)]) if isinstance(r, RawDoc)]
            t1 = time.perf_counter()
            for r in raws:
                clean(r)
            t2 = time.perf_counter()
            k = max(1, len(raws))
            print(f"{name:8s} {len(raws):5d} {1000 * (t1 - t0) / k:12.2f} {1000 * (t2 - t1) / k:13.2f} {k / (t2 - t0):8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
