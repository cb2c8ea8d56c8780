"""Corpus stages: incremental, declared, atomic, on both backends.

The corpus stage here is test scaffolding (a word count per article kept in a test-only
table), not a product stage: it exercises the mechanism the real corpus stages use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from eventwire import api
from eventwire.analyze.pipeline import MapStage, Pipeline
from eventwire.corpus import ChangeBatch, CorpusWrite, check_corpus_stages, update_corpus
from eventwire.errors import UsageError
from eventwire.model import AnalyzedDoc
from eventwire.store import Store, open_store, schema

_meta = sa.MetaData()
DOC_STATS = sa.Table(
    "test_doc_stats",
    _meta,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("words", sa.Integer, nullable=False),
    sa.Column("version", sa.String(16), nullable=False),
)


def _same(d: AnalyzedDoc) -> AnalyzedDoc:
    if "BOOM" in d.article.text:
        raise RuntimeError("stage bug triggered")
    return d


PIPE = Pipeline([MapStage("same", "1", ("article",), (), _same)])


@dataclasses.dataclass
class WordCounts:
    """Test-only corpus stage: words per analyzed article; remembers what it was handed."""

    version: str = "1"
    name: str = "word_counts"
    reads: tuple[str, ...] = ("articles",)
    writes: tuple[str, ...] = ("test_doc_stats",)
    seen: list[ChangeBatch] = dataclasses.field(default_factory=list)
    fail_on: str | None = None
    write_to: str | None = None

    def update(self, store: Store, batch: ChangeBatch) -> CorpusWrite:
        self.seen.append(batch)
        if self.fail_on is not None and self.fail_on in batch.article_ids:
            raise RuntimeError("corpus stage bug")
        ok, gone = [], []
        for aid in batch.article_ids:
            if "failed" in batch.kinds[aid]:
                gone.append({"article_id": aid})
                continue
            text = store.article_text(aid)
            ok.append({"article_id": aid, "words": len(text.split()), "version": self.version})
        ups: dict[str, Any] = {"test_doc_stats": ok}
        if self.write_to:
            ups[self.write_to] = []
        return CorpusWrite(upserts=ups, deletes={"test_doc_stats": gone})


@pytest.fixture()
def corpus_store(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    store = open_store(store_url)
    DOC_STATS.create(store.engine)
    monkeypatch.setitem(schema.TABLES, DOC_STATS.name, DOC_STATS)
    yield store
    store.close()


def _write(d: Path, n: int, start: int = 0) -> None:
    d.mkdir(exist_ok=True)
    for i in range(start, start + n):
        (d / f"{i}.txt").write_text(f"Story {i}\n\n" + "word " * (i + 3) + f"number {i}.\n")


def _stats(store: Store) -> dict[str, int]:
    with store.engine.connect() as c:
        return {r.article_id: r.words for r in c.execute(sa.select(DOC_STATS))}


def test_corpus_stage_sees_only_new_articles(corpus_store: Store, tmp_path: Path) -> None:
    d = tmp_path / "in"
    _write(d, 3)
    stage = WordCounts()
    api.ingest(corpus_store, [str(d)])
    api.analyze(corpus_store, pipeline=PIPE, corpus_stages=[stage])
    first = corpus_store.records("articles", include_text=False)
    ids = {a["id"] for a in first}
    assert len(stage.seen) == 1 and set(stage.seen[0].article_ids) == ids
    assert stage.seen[0].rebuild  # a stage that never ran starts from the beginning
    assert len(_stats(corpus_store)) == 3
    # nothing new: the stage is not called
    s = api.analyze(corpus_store, pipeline=PIPE, corpus_stages=[stage])
    assert s.analyzed == 0 and len(stage.seen) == 1 and s.corpus["word_counts"].articles == 0
    # two new articles join; the three old ones are not handed again
    _write(d, 2, start=3)
    r = api.ingest(corpus_store, [str(d)])
    api.analyze(corpus_store, pipeline=PIPE, corpus_stages=[stage])
    assert len(stage.seen) == 2 and not stage.seen[1].rebuild
    assert set(stage.seen[1].article_ids) == set(r.article_ids) and len(r.article_ids) == 2
    assert len(_stats(corpus_store)) == 5


def test_corpus_stage_version_change_rebuilds_from_empty(corpus_store: Store, tmp_path: Path) -> None:
    d = tmp_path / "in"
    _write(d, 3)
    api.ingest(corpus_store, [str(d)])
    api.analyze(corpus_store, pipeline=PIPE, corpus_stages=[WordCounts()])
    assert set(_stats(corpus_store).values()) and corpus_store.corpus_state("word_counts") == (
        "1",
        corpus_store.change_head(),
    )
    with corpus_store.engine.begin() as c:  # a row no current article would produce
        c.execute(DOC_STATS.insert(), [{"article_id": "stale", "words": 0, "version": "1"}])
    v2 = WordCounts(version="2")
    api.analyze(corpus_store, pipeline=PIPE, corpus_stages=[v2])
    assert len(v2.seen) == 1 and v2.seen[0].rebuild and len(v2.seen[0].article_ids) == 3
    with corpus_store.engine.connect() as c:
        rows = list(c.execute(sa.select(DOC_STATS)))
    assert {r.version for r in rows} == {"2"} and "stale" not in {r.article_id for r in rows}


def test_corpus_stage_failed_article_is_reported_as_failed(corpus_store: Store, tmp_path: Path) -> None:
    d = tmp_path / "in"
    _write(d, 2)
    (d / "bad.txt").write_text("Odd story\n\nBOOM went the parser.\n")
    stage = WordCounts()
    api.ingest(corpus_store, [str(d)])
    s = api.analyze(corpus_store, pipeline=PIPE, corpus_stages=[stage])
    assert s.failed == 1 and s.analyzed == 2
    kinds = stage.seen[0].kinds
    assert sorted("failed" in k for k in kinds.values()) == [False, False, True]
    assert len(_stats(corpus_store)) == 2


def test_corpus_stage_crash_keeps_finished_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    DOC_STATS.create(store.engine)
    monkeypatch.setitem(schema.TABLES, DOC_STATS.name, DOC_STATS)
    d = tmp_path / "in"
    _write(d, 5)
    api.ingest(store, [str(d)])
    api.analyze(store, pipeline=PIPE, corpus_stages=[])
    order = [aid for _, aid, _ in store.changes_since(0, 100)]
    assert len(order) == 5
    bad = WordCounts(fail_on=order[3])
    with pytest.raises(RuntimeError):
        update_corpus(store, [bad], batch_size=2)
    assert set(_stats(store)) == set(order[:2])  # the first batch was committed
    good = WordCounts()
    update_corpus(store, [good], batch_size=2)
    handed = [a for b in good.seen for a in b.article_ids]
    assert handed == order[2:] and set(_stats(store)) == set(order)
    store.close()


def test_corpus_stage_declarations_are_checked(corpus_store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="reads"):
        check_corpus_stages([WordCounts(reads=("stories",))])
    with pytest.raises(UsageError, match="named"):
        check_corpus_stages([WordCounts(), WordCounts()])
    with pytest.raises(UsageError, match="owned"):
        check_corpus_stages([WordCounts(writes=("events",))])
    d = tmp_path / "in"
    _write(d, 1)
    api.ingest(corpus_store, [str(d)])
    with pytest.raises(UsageError, match="outside its declared"):
        api.analyze(corpus_store, pipeline=PIPE, corpus_stages=[WordCounts(write_to="events")])
    assert corpus_store.corpus_state("word_counts") == ("1", 0)  # nothing applied
