"""Fuzzing every reader (bounded, seeded): random bytes, truncations and byte flips of a
valid file of each format. Each input gives documents or coded problems, never a reader
bug (E999) or a traceback, and ingesting the damaged files loses nothing already stored."""

from __future__ import annotations

import gzip
import io
import json
import random
import time
from pathlib import Path

import pytest

from eventwire import api
from eventwire.errors import CODES
from eventwire.ingest import iter_inputs
from eventwire.model import IngestProblem, RawDoc
from eventwire.store import open_store

STORY = (
    "Vietnam and Japan held talks in Hanoi on Monday about port construction and trade. "
    "Officials said an agreement on rice exports would be signed in March."
)


def _warc(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    page = f"<html><head><title>Talks</title></head><body><article><p>{STORY}</p><p>{STORY}</p></article></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://example.org/a", "response",
                                        payload=io.BytesIO(page.encode()), http_headers=headers))
    w.write_record(w.create_warc_record("https://example.org/b", "resource",
                                        payload=io.BytesIO(STORY.encode()),
                                        warc_content_type="text/plain"))
    return buf.getvalue()


SAMPLES: dict[str, bytes] = {
    "story.txt": f"Talks in Hanoi\n\n{STORY}\n".encode(),
    "page.html": f"<html><head><title>Talks</title></head><body><article><p>{STORY}</p><p>{STORY}</p></article></body></html>".encode(),
    "recs.json": json.dumps([{"title": "Talks", "text": STORY}, {"text": STORY + " Again."}]).encode(),
    "recs.jsonl": (json.dumps({"text": STORY}) + "\n" + json.dumps({"text": STORY + " More."}) + "\n").encode(),
    "feed.rss": (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>W</title>'
        f"<item><title>Talks</title><link>https://example.org/1</link><description>{STORY}</description></item>"
        "</channel></rss>"
    ).encode(),
    "feed.atom": (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
        f"<entry><title>Talks</title><id>urn:1</id><summary>{STORY}</summary></entry></feed>"
    ).encode(),
    "feed.json": json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "W",
                             "items": [{"id": "1", "content_text": STORY}]}).encode(),
    "utf16.xml": (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>W</title>'
        f"<item><title>Talks</title><description>{STORY}</description></item></channel></rss>"
    ).encode("utf-16"),
    "pages.warc": _warc(False),
    "pages.warc.gz": _warc(True),
    "story.txt.gz": gzip.compress(f"Talks in Hanoi\n\n{STORY}\n".encode()),
}


def _variants(data: bytes, rng: random.Random) -> list[bytes]:
    out = [rng.randbytes(rng.randint(1, 600)) for _ in range(3)]
    for _ in range(6):  # truncations
        out.append(data[: rng.randint(1, max(1, len(data) - 1))])
    for _ in range(6):  # byte flips
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        out.append(bytes(b))
    out.append(data[: len(data) // 2] + rng.randbytes(50) + data[len(data) // 2 :])
    return out


def _check(items: list[RawDoc | IngestProblem], name: str) -> None:
    for it in items:
        assert isinstance(it, RawDoc | IngestProblem), (name, it)
        if isinstance(it, IngestProblem):
            assert it.code in CODES and it.code != "E999", (name, it)
            assert it.reason and "\n" not in it.reason, (name, it)
        else:
            assert it.text.strip(), (name, it)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_readers_fuzzed_inputs_give_documents_or_coded_problems(tmp_path: Path, name: str) -> None:
    rng = random.Random(name)
    good = tmp_path / name
    good.write_bytes(SAMPLES[name])
    items = list(iter_inputs([str(good)]))
    assert any(isinstance(i, RawDoc) for i in items), items  # the sample itself is readable
    _check(items, name)
    t0 = time.perf_counter()
    for k, data in enumerate(_variants(SAMPLES[name], rng)):
        p = tmp_path / f"v{k}-{name}"
        p.write_bytes(data)
        items = list(iter_inputs([str(p)]))
        assert items, (name, k)  # every input gives a document or a problem
        _check(items, f"{name} variant {k}")
    assert time.perf_counter() - t0 < 60


def test_runner_fuzzed_inputs_lose_nothing_already_stored(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    for name, data in SAMPLES.items():
        (good / name).write_bytes(data)
    with open_store(f"sqlite:///{tmp_path / 'f.db'}") as store:
        api.ingest(store, [str(good)])
        before = sorted((a["id"], a["text"]) for a in store.records("articles"))
        sources = sorted(s["source"] for s in store.records("sources"))
        assert before
        bad = tmp_path / "bad"
        bad.mkdir()
        rng = random.Random(1)
        for name, data in SAMPLES.items():
            for k, v in enumerate(_variants(data, rng)[:8]):
                (bad / f"{k}-{name}").write_bytes(v)
        s = api.ingest(store, [str(bad)])
        assert s.inputs_read > 0
        after = {a["id"]: a["text"] for a in store.records("articles")}
        assert all(after.get(i) == t for i, t in before)
        assert set(sources) <= {x["source"] for x in store.records("sources")}
        assert not [p for p in store.records("problems") if p["code"] == "E999"]
