"""Parquet datasets partitioned by date: ingest from one, export to one, round trip."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from eventwire import api
from eventwire.analyze.nlp import make_stage as nlp_stage
from eventwire.analyze.pipeline import Pipeline
from eventwire.export import export
from eventwire.store import open_store

from .corpus import synthetic_articles


def _write_dataset(root: Path) -> list[tuple[str, str, str]]:
    """Six articles in two date partitions; the rows carry no date of their own."""
    arts = synthetic_articles(6, seed=23)
    rows = []
    for i, (title, text) in enumerate(arts):
        day = "2024-03-01" if i < 4 else "2024-03-02"
        rows.append((day, title, text))
        folder = root / f"date={day}"
        folder.mkdir(parents=True, exist_ok=True)
    for day in ("2024-03-01", "2024-03-02"):
        part = [r for r in rows if r[0] == day]
        table = pa.table({"title": [r[1] for r in part], "text": [r[2] for r in part],
                          "url": [None] * len(part)})
        pq.write_table(table, root / f"date={day}" / "part-0.parquet")
    return rows


def test_parquet_ingest_from_a_date_partitioned_dataset(store_url: str, tmp_path: Path) -> None:
    rows = _write_dataset(tmp_path / "in")
    (tmp_path / "in" / "date=2024-03-03").mkdir()
    (tmp_path / "in" / "date=2024-03-03" / "part-0.parquet").write_bytes(b"not parquet")
    store = open_store(store_url)
    s = api.ingest(store, [str(tmp_path / "in")])
    assert s.new_articles == 6 and s.problems == 1
    arts = {a["title"]: a for a in store.records("articles")}
    for day, title, _text in rows:
        assert arts[title]["published"] == day and arts[title]["fmt"] == "parquet"
        assert "#" in arts[title]["source"] and f"date={day}" in arts[title]["source"]
    assert [p["code"] for p in store.records("problems")] == ["E110"]
    again = api.ingest(store, [str(tmp_path / "in")])
    assert again.new_articles == 0 and again.already_stored == 6
    store.close()


def test_parquet_export_partitions_by_date_and_reads_back(tmp_path: Path) -> None:
    _write_dataset(tmp_path / "in")
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    api.ingest(store, [str(tmp_path / "in")])
    api.analyze(store, pipeline=Pipeline([nlp_stage(parse=False)]), corpus_stages=[])
    out = tmp_path / "out"
    for kind in ("articles", "entities"):
        n = export(store, kind, "parquet", out / kind, partition_by="date")
        assert n == store.count(kind)
        got = ds.dataset(out / kind, format="parquet", partitioning="hive").to_table().to_pylist()
        assert len(got) == n
        ref = {r["id"]: r for r in store.records(kind)}
        dates = {a["id"]: a["published"] for a in store.records("articles")}
        for r in got:
            assert str(r["date"])[:10] == dates[r.get("article_id") or r["id"]]
            assert r["text"] == ref[r["id"]]["text"]
    assert {p.name for p in (out / "articles").iterdir()} == {"date=2024-03-01", "date=2024-03-02"}
    # exporting again replaces the dataset (no duplicated rows); the dataset ingests back
    export(store, "articles", "parquet", out / "articles", partition_by="date")
    assert ds.dataset(out / "articles", partitioning="hive").count_rows() == store.count("articles")
    back = open_store(f"sqlite:///{tmp_path / 'back.db'}")
    s = api.ingest(back, [str(out / "articles")])
    assert s.new_articles == store.count("articles")
    assert sorted(a["title"] for a in back.records("articles")) == sorted(
        a["title"] for a in store.records("articles")
    )
    store.close()
    back.close()
