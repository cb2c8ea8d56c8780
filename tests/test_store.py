"""The store on both backends (SQLite and a real throwaway PostgreSQL 15 cluster)."""

from __future__ import annotations

import dataclasses
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
    ActorMention,
    AnalyzedDoc,
    Article,
    Copy,
    Event,
    IngestProblem,
    Segment,
    make_id,
)
from eventwire.store import Store, open_store, schema
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

    # grouped counts (what `eventwire summary` shows past a few dozen articles)
    assert store.count_by("events", "plover_type") == {"CONSULT": 1}
    assert store.count_by("sources", "kind", [art.id]) == {"canonical": 1, "near": 1}
    assert store.count_by("events", "status", ["no-such-article"]) == {}

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
        conn.execute(sa.text("INSERT INTO problems (source, code, reason, seen_at) VALUES ('x', 'E101', 'r', 'now')"))
        assert reader.count("problems") == 0  # WAL: the reader is not blocked
    assert reader.count("problems") == 1


def _analyzed(store: Store, art: Article, events: tuple[Event, ...], actors: tuple[Actor, ...]) -> AnalyzedDoc:
    pipe = Pipeline([nlp_stage(parse=False)])
    (doc,) = pipe([art])
    mentions = tuple(
        ActorMention(make_id(art.id, "m", i), art.id, 0, 7, art.text[0:7], a.id, a.country, a.role)
        for i, a in enumerate(actors)
    )
    return dataclasses.replace(doc, tokens=(), actors=actors, actor_mentions=mentions, events=events)


def _event(art: Article, start: int, end: int, actor_ids: tuple[str, ...], date: str) -> Event:
    return Event(
        make_id(art.id, "event", start, end, "CONSULT"), art.id, start, end, art.text[start:end],
        0, 32, "CONSULT", None, "040", actor_ids, (), "CHN", None, "happened", date, date, "day",
    )  # fmt: skip


def test_store_foreign_keys_are_declared_and_enforced(store_url: str) -> None:
    store = open_store(store_url)
    insp = sa.inspect(store.engine)
    for table in metadata.sorted_tables:
        want = {(tuple(fk.parent.name for fk in c.elements), c.referred_table.name)
                for c in table.foreign_key_constraints}  # fmt: skip
        got = {(tuple(fk["constrained_columns"]), fk["referred_table"])
               for fk in insp.get_foreign_keys(table.name)}  # fmt: skip
        assert got == want, table.name
    assert ((("article_id",), "articles")) in {
        (tuple(fk["constrained_columns"]), fk["referred_table"]) for fk in insp.get_foreign_keys("events")
    }
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as c:
        c.execute(sa.text("INSERT INTO sentences (id, article_id, start, \"end\", text, segment) "
                          "VALUES ('s1', 'no-such-article', 0, 1, 'x', 'body')"))  # fmt: skip
    art = _article()
    store.add_ingested([(art, None)], [], [])
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as c:
        c.execute(sa.text("INSERT INTO actor_mentions (id, article_id, start, \"end\", text, actor_id) "
                          "VALUES ('m1', :a, 0, 1, 'x', 'no-such-actor')"), {"a": art.id})  # fmt: skip
    store.close()


def test_store_reanalysis_keeps_surviving_ids_and_drops_vanished(store_url: str) -> None:
    store = open_store(store_url)
    art = _article()
    store.add_ingested([(art, None)], [], [])
    chn = Actor(make_id("actor", "CHN"), "China", "country", "CHN")
    e1 = _event(art, 0, 7, (chn.id,), "2023-12-05")
    e2 = _event(art, 86, 92, (chn.id,), "2023-12-06")
    store.write_analysis([_analyzed(store, art, (e1, e2), (chn,))], "nlp=1")
    # something downstream refers to e1 (as cluster membership will)
    with store.engine.begin() as c:
        keep = sa.select(sa.func.count()).select_from(schema.events).where(schema.events.c.id == e1.id)
        assert c.execute(keep).scalar() == 1
    head = store.change_head()
    e1b = dataclasses.replace(e1, date_begin="2023-12-07", date_end="2023-12-07", attrs={"notes": ["x"]})
    e3 = _event(art, 49, 55, (), "2023-12-08")
    store.write_analysis([_analyzed(store, art, (e1b, e3), (chn,))], "nlp=2", kinds=["events", "actors", "actor_mentions"])
    evs = {r["id"]: r for r in store.records("events")}
    assert set(evs) == {e1.id, e3.id} and evs[e1.id]["date_begin"] == "2023-12-07"
    links = [(r["event_id"], r["side"], r["actor_id"]) for r in store.records("event_actors")]
    assert links == [(e1.id, "source", chn.id)]
    assert [r["id"] for r in store.records("events", filters={"actor": chn.id[:6]})] == [e1.id]
    assert store.stage_versions([art.id]) == {art.id: {"nlp": "2"}}
    assert [(a, set(k)) for _, a, k in store.changes_since(head, 10)] == [
        (art.id, {"events", "actors", "actor_mentions"})
    ]
    store.close()


def test_store_actor_identity_does_not_depend_on_write_order(store_url: str, tmp_path: Path) -> None:
    a1, a2 = _article(), _article(TEXT.replace("Hanoi", "Hue"), "b.txt")
    xid = make_id("actor", "person", "CHN", "XI JINPING")
    x1 = Actor(xid, "Xi Jinping", "person", "CHN", "GOV", "President", {"method": "dictionary"})
    x2 = Actor(xid, "XI Jinping", "person", "CHN", "PTY", "General Secretary", {"method": "text"})
    tables = []
    for order, url in ((0, store_url), (1, f"sqlite:///{tmp_path / 'other.db'}")):
        store = open_store(url)
        store.add_ingested([(a1, None), (a2, None)], [], [])
        docs = [_analyzed(store, a1, (), (x1,)), _analyzed(store, a2, (), (x2,))]
        for d in docs if order == 0 else docs[::-1]:
            store.write_analysis([d], "nlp=1")
        tables.append(
            (list(store.records("actors")), [dict(r) for r in store.records("article_actors")])
        )
        per_article = store.article_actors([a1.id, a2.id])
        assert per_article[(a1.id, xid)]["role"] == "GOV" and per_article[(a2.id, xid)]["role"] == "PTY"
        store.close()
    assert tables[0] == tables[1]
    assert tables[0][0] == [{"id": xid, "name": "XI Jinping", "type": "person", "country": "CHN"}]


def test_store_upgrades_an_old_store_and_marks_it_for_reanalysis(store_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    import eventwire.store

    store = open_store(store_url, migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(eventwire.store.__file__).parent / "migrations"))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    art = _article()
    with store.engine.begin() as c:
        c.execute(sa.text(
            "INSERT INTO articles (id, source, fmt, date_method, date_confidence, content_hash, text, "
            "analyzed_version, ingested_at) VALUES (:i, 'a.txt', 'text', 'metadata', 1.0, 'h', :t, 'nlp=1', 'now')"
        ), {"i": art.id, "t": art.text})  # fmt: skip
        c.execute(sa.text("INSERT INTO actors (id, name, type, country, role) VALUES ('x', 'X', 'person', 'CHN', 'GOV')"))
        c.execute(sa.text(
            "INSERT INTO actor_mentions (id, article_id, start, \"end\", text, actor_id) "
            "VALUES ('m', :i, 0, 1, 'L', 'caption-only-actor')"
        ), {"i": art.id})  # fmt: skip
    store.migrate()
    assert store.schema_revision() == _script_head()
    assert store.count("actor_mentions") == 0 and store.count("actors") == 0
    assert store.count_pending("nlp=1") == 1 and store.count("articles") == 1
    store.close()
