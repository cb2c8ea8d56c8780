"""The store on both backends (SQLite and a real throwaway PostgreSQL 15 cluster)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventwire.analyze.nlp import make_stage as nlp_stage
from eventwire.analyze.pipeline import Pipeline
from eventwire.errors import StoreError, UsageError
from eventwire.export import export
from eventwire.model import (
    Actor,
    AnalyzedDoc,
    Article,
    Copy,
    Event,
    IngestProblem,
    Segment,
    make_id,
)
from eventwire.store import open_store
from eventwire.store.schema import metadata

TEXT = "Leaders met in Hanoi on Tuesday.\n\nPhoto: a handshake in 2017.\n\nChina and Vietnam agreed to talk."


def _article(text: str = TEXT, source: str = "a.txt") -> Article:
    cap = text.index("Photo")
    cap_end = text.index("\n\n", cap)
    segs = (
        Segment(make_id("s", 0), "X", 0, cap - 2, text[: cap - 2], "body"),
        Segment(make_id("s", cap), "X", cap, cap_end, text[cap:cap_end], "caption"),
        Segment(make_id("s", cap_end), "X", cap_end + 2, len(text), text[cap_end + 2 :], "body"),
    )
    aid = make_id("article", text)
    segs = tuple(Segment(s.id, aid, s.start, s.end, s.text, s.kind) for s in segs)
    return Article(
        aid,
        text,
        source,
        "text",
        title="T",
        published="2023-12-07",
        date_method="metadata",
        date_confidence=0.95,
        content_hash=make_id("h", text, n=64),
        segments=segs,
    )


def _script_head() -> str:
    from alembic.script import ScriptDirectory

    import eventwire.store

    loc = Path(eventwire.store.__file__).parent / "migrations"
    head = ScriptDirectory(str(loc)).get_current_head()
    assert head is not None
    return head


def test_store_migrates_to_current_schema(store_url: str) -> None:
    store = open_store(store_url)
    assert store.schema_revision() == _script_head()
    insp = sa.inspect(store.engine)
    for table in metadata.sorted_tables:
        cols = {c["name"] for c in insp.get_columns(table.name)}
        assert cols == {c.name for c in table.columns}, table.name
    # migrating twice is a no-op
    open_store(store_url).close()
    store.close()


def test_store_roundtrip_articles_records_and_exports(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    art = _article()
    store.add_ingested(
        [(art, b"sig")],
        [Copy("copy.txt", art.id, "near", 0.9, "h2")],
        [IngestProblem("bad.bin", "E102", "binary input")],
    )
    # idempotent: adding again changes nothing
    store.add_ingested([(art, b"sig")], [], [IngestProblem("bad.bin", "E102", "binary input")])
    assert store.count("articles") == 1 and store.count("problems") == 1
    assert store.known_sources() == {"a.txt": art.content_hash, "copy.txt": "h2"}

    pipe = Pipeline([nlp_stage()])
    pending = store.pending(pipe.version(), 10)
    assert [a.id for a in pending] == [art.id] and pending[0].segments == art.segments
    docs = pipe(pending)
    actor = Actor(make_id("actor", "CHN"), "China", "country", "CHN")
    ev = Event(
        make_id("ev", 1),
        art.id,
        0,
        7,
        "Leaders",
        0,
        32,
        "CONSULT",
        "visit",
        "040",
        (actor.id,),
        (),
        "CHN",
        None,
        "happened",
        "2023-12-05",
        "2023-12-05",
        "day",
    )
    docs = [AnalyzedDoc(**{**d.__dict__, "actors": (actor,), "events": (ev,)}) for d in docs]
    store.write_analysis(docs, pipe.version())
    store.write_analysis(docs, pipe.version())  # re-writing replaces, never duplicates
    assert store.pending(pipe.version(), 10) == []
    n_ents = store.count("entities")
    assert n_ents >= 2
    for r in store.records("entities"):
        assert art.text[r["start"] : r["end"]] == r["text"]
    caption_sents = [s for s in store.records("sentences") if s["segment"] == "caption"]
    assert len(caption_sents) == 1

    buf = io.StringIO()
    assert export(store, "entities", "jsonl", buf) == n_ents
    first = json.loads(buf.getvalue().splitlines()[0])
    assert set(first) >= {"article_id", "start", "end", "text", "label"}
    buf = io.StringIO()
    export(store, "articles", "csv", buf)
    assert buf.getvalue().splitlines()[0].startswith("id,source,fmt,title")
    pq_path = tmp_path / "events.parquet"
    assert export(store, "events", "parquet", pq_path) == 1
    import pyarrow.parquet as pq

    assert pq.read_table(pq_path).column("plover_type").to_pylist() == ["CONSULT"]
    buf = io.StringIO()
    export(store, "events", "gdelt", buf)
    header, row = buf.getvalue().splitlines()[:2]
    rec = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert (
        rec["EventRootCode"] == "04"
        and rec["QuadClass"] == "1"
        and rec["Actor1CountryCode"] == "CHN"
    )
    assert rec["SQLDATE"] == "20231205"
    buf = io.StringIO()
    export(store, "events", "plover", buf)
    pl = json.loads(buf.getvalue())
    assert (
        pl["event"] == ["CONSULT"]
        and pl["actor"][0]["code"] == "CHN"
        and pl["date"] == "2023-12-05"
    )

    hits = store.search("Hanoi")
    assert [h["id"] for h in hits] == [art.id]
    assert store.search("Kathmandu") == []
    store.close()


def test_store_rejects_bad_urls_and_kinds(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as e:
        open_store("mysql://x/y")
    assert e.value.code == "E201"
    with pytest.raises(StoreError) as e:
        open_store("postgresql://nobody@127.0.0.1:1/none")
    assert e.value.code == "E202"
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(UsageError):
        list(store.records("nonsense"))
    with pytest.raises(UsageError):
        export(store, "articles", "xml", io.StringIO())


def test_store_sqlite_allows_reader_while_writer_holds_transaction(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    writer, reader = open_store(url), open_store(url)
    with writer.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO problems VALUES ('x', 'E101', 'r', 'now')"))
        assert reader.count("problems") == 0  # WAL: the reader is not blocked
    assert reader.count("problems") == 1
