"""The local runner end to end: seeds, incremental re-runs, bad input, a real kill and restart."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from eventwire import api
from eventwire.analyze.nlp import make_stage as nlp_stage
from eventwire.analyze.pipeline import MapStage, Pipeline
from eventwire.model import AnalyzedDoc
from eventwire.store import Store, open_store, schema

from .conftest import SEEDS
from .corpus import synthetic_articles, write_corpus


def _ner_pipeline() -> Pipeline:
    return Pipeline([nlp_stage(parse=False)])


def test_runner_seed_run_every_record_roundtrips(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    res = api.run(store, [str(SEEDS)])
    assert res.ingest.new_articles == 2 and res.analyze.analyzed == 2
    arts = {Path(a["source"]).name: a for a in store.records("articles")}
    a0, a2 = arts["000_01d2753117808385.txt"], arts["002_deff7df00f35160b.txt"]
    assert a0["title"] == "Chinese President Xi Jinping’s upcoming visit to Vietnam"
    assert a0["published"] == "2023-12-07" and a0["date_method"] == "dateline"
    assert a2["title"].startswith("Hanoi, Beijing to discuss upgrading ties")
    assert a2["date_method"] in ("inferred-from-text", "unknown")
    texts = {a["id"]: a["text"] for a in store.records("articles")}
    n = 0
    for kind in (
        "segments",
        "sentences",
        "entities",
        "timexes",
        "actor_mentions",
        "places",
        "events",
    ):
        for r in store.records(kind):
            assert texts[r["article_id"]][r["start"] : r["end"]] == r["text"], (kind, r)
            n += 1
    assert n > 100
    # every record the stages produced is stored (ids are unique per record)
    for kind in ("sentences", "entities", "timexes", "events"):
        assert store.count(kind) == res.analyze.counts[kind], kind
    partners = {
        e["target_country"]
        for e in store.records("events")
        if e["plover_type"] == "AGREE" and e["source_country"] == "VNM"
    }
    assert {"CHN", "RUS", "IND", "KOR", "USA", "JPN"} <= partners
    # the repeated paragraph and the caption are stored but never analyzed as body
    segs = list(store.records("segments", article_id=a2["id"]))
    assert any(s["kind"] == "repeat" for s in segs) and any(s["kind"] == "caption" for s in segs)
    body_sents = [
        s for s in store.records("sentences", article_id=a2["id"]) if s["segment"] == "body"
    ]
    assert not any("Photo courtesy" in s["text"] for s in body_sents)
    assert sum("will discuss upgrading" in s["text"] for s in body_sents) == 1
    store.close()


def test_runner_rerun_adds_nothing_and_new_inputs_join(tmp_path: Path, store_url: str) -> None:
    store = open_store(store_url)
    pipe = _ner_pipeline()
    api.ingest(store, [str(SEEDS)])
    api.analyze(store, pipeline=pipe)
    counts = {k: store.count(k) for k in ("articles", "sources", "entities", "sentences")}
    again = api.ingest(store, [str(SEEDS)])
    assert again.new_articles == 0 and again.already_stored == 2
    assert api.analyze(store, pipeline=pipe).analyzed == 0
    assert {k: store.count(k) for k in counts} == counts
    extra = tmp_path / "extra.txt"
    extra.write_text("Fresh talks\n\nJapan and India signed a trade deal in Tokyo on Monday.\n")
    copy = tmp_path / "copy_of_seed.txt"
    copy.write_text((SEEDS / "000_01d2753117808385.txt").read_text())
    s = api.ingest(store, [str(extra), str(copy)])
    assert s.new_articles == 1 and s.exact_duplicates == 1
    assert api.analyze(store, pipeline=pipe).analyzed == 1
    assert store.count("articles") == 3 and store.count("sources") == 4
    store.close()


def test_runner_bad_inputs_are_recorded_and_never_stop_the_batch(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "bad.jsonl").write_text(
        '{"text": "Good record about Kenya and Uganda talks."}\n{not json\n'
    )
    (d / "feed.xml").write_text("<rss><channel><item><title>x</ti")
    (d / "good.txt").write_text("Talks\n\nKenya and Uganda held talks in Nairobi on Friday.\n")
    store = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    s = api.ingest(store, [str(d)])
    assert s.new_articles >= 2
    problems = {Path(p["source"].split("#")[0]).name: p["code"] for p in store.records("problems")}
    assert problems.get("empty.txt") == "E101"
    assert problems.get("binary.txt") == "E102"
    assert any(k.startswith("bad.jsonl") for k in problems)
    assert "feed.xml" in problems
    store.close()


def test_runner_cli_errors_are_one_line_with_code(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "eventwire"
    r = subprocess.run(
        [str(exe), "show", "nope", "--db", f"sqlite:///{tmp_path / 'missing.db'}"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1 and "E202" in r.stderr and "no database" in r.stderr
    assert not (tmp_path / "missing.db").exists()  # a read-only command creates nothing
    open_store(f"sqlite:///{tmp_path / 'e.db'}").close()
    r = subprocess.run(
        [str(exe), "show", "nope", "--db", f"sqlite:///{tmp_path / 'e.db'}"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1 and "E203" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run(
        [str(exe), "export", "widgets", "--db", f"sqlite:///{tmp_path / 'e.db'}"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1 and "E001" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = subprocess.run(
        [str(exe), "run", "x", "--db", "mysql://nope"], capture_output=True, text=True
    )
    assert r.returncode == 1 and "E201" in r.stderr


KILL_SCRIPT = """
import sys
from eventwire import api
from eventwire.analyze.nlp import make_stage
from eventwire.analyze.pipeline import MapStage, Pipeline
from eventwire.model import AnalyzedDoc
from eventwire.store import Store, open_store, schema
store = open_store(sys.argv[1])
api.ingest(store, [sys.argv[2]], batch_size=5)
api.analyze(store, pipeline=Pipeline([make_stage(parse=False)]), batch_size=5)
print("DONE", flush=True)
"""


@pytest.mark.slow
def test_runner_killed_midway_restarts_without_duplicates_or_losses(
    tmp_path: Path, store_url: str
) -> None:
    """kill -9 during a run, then resume: identical to an uninterrupted run (SQLite and
    PostgreSQL)."""
    corpus = tmp_path / "corpus"
    n = len(write_corpus(corpus, 60))
    url = store_url
    script = tmp_path / "job.py"
    script.write_text(KILL_SCRIPT)
    proc = subprocess.Popen(
        [sys.executable, str(script), url, str(corpus)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    store = open_store(url)
    deadline = time.time() + 120
    # kill hard once some but not all articles are analyzed
    while time.time() < deadline:
        time.sleep(0.2)
        try:
            done = sum(
                1 for a in store.records("articles", include_text=False) if a["analyzed_version"]
            )
        except Exception:
            continue
        if done >= 5:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = sum(1 for a in store.records("articles", include_text=False) if a["analyzed_version"])
    assert 0 < before < store.count("articles") or store.count("articles") < n
    out = subprocess.run(
        [sys.executable, str(script), url, str(corpus)], capture_output=True, text=True
    )
    assert "DONE" in out.stdout, out.stderr[-2000:]
    arts = list(store.records("articles", include_text=False))
    srcs = list(store.records("sources"))
    assert len({s["source"] for s in srcs}) == len(srcs) == n  # every input once
    assert all(a["analyzed_version"] for a in arts)
    ents = list(store.records("entities"))
    assert len({e["id"] for e in ents}) == len(ents)
    # the result equals an uninterrupted run
    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    subprocess.run(
        [sys.executable, str(script), clean_url, str(corpus)], check=True, capture_output=True
    )
    clean = open_store(clean_url)
    assert sorted(e["id"] for e in clean.records("entities")) == sorted(e["id"] for e in ents)
    assert clean.count("articles") == len(arts)


def test_runner_parallel_ingest_equals_serial(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    arts = synthetic_articles(12)
    for i, (_, text) in enumerate(arts):
        (d / f"{i}.html").write_text(
            f"<html><head><title>Story {i}</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
            + "</article></body></html>"
        )
    (d / "copy.txt").write_text(arts[0][1])
    results = []
    for workers in (1, 2):
        store = open_store(f"sqlite:///{tmp_path / f'p{workers}.db'}")
        api.ingest(store, [str(d)], workers=workers)
        results.append(
            (
                [(a["id"], a["title"]) for a in store.records("articles", include_text=False)],
                [(s["source"], s["article_id"], s["kind"]) for s in store.records("sources")],
            )
        )
        store.close()
    assert results[0] == results[1] and len(results[0][0]) >= 12


def _explode_on_boom(doc: AnalyzedDoc) -> AnalyzedDoc:
    if "BOOM" in doc.article.text:
        raise ValueError("stage bug triggered")
    return doc


def test_runner_stage_failure_is_recorded_and_batch_goes_on(tmp_path: Path, store_url: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"{i}.txt").write_text(
            f"Story {i}\n\nKenya and Uganda held talks number {i} in Nairobi.\n"
        )
    (d / "bad.txt").write_text("Odd story\n\nBOOM went the parser in Lagos on Monday.\n")
    store = open_store(store_url)
    pipe = Pipeline(
        [nlp_stage(parse=False), MapStage("explode", "1", ("article",), (), _explode_on_boom)]
    )
    api.ingest(store, [str(d)])
    s = api.analyze(store, pipeline=pipe)
    assert s.analyzed == 4 and s.failed == 1
    probs = list(store.records("problems"))
    assert [p["code"] for p in probs] == ["E501"] and probs[0]["source"].endswith("bad.txt")
    assert "stage bug triggered" in probs[0]["reason"]
    again = api.analyze(store, pipeline=pipe)
    assert again.analyzed == 0 and again.failed == 0  # not retried by the same pipeline version
    store.close()


def test_runner_parallel_analysis_equals_serial(tmp_path: Path) -> None:
    d = tmp_path / "in"
    write_corpus(d, 8, seed=11)
    out = []
    for n in (1, 2):
        store = open_store(f"sqlite:///{tmp_path / f'a{n}.db'}")
        api.ingest(store, [str(d)])
        s = api.analyze(store, n_process=n, batch_size=8)
        assert s.analyzed == 8 and set(s.stage_seconds) >= {
            "nlp",
            "timex",
            "actors",
            "places",
            "events",
        }
        out.append(
            {
                k: sorted(r["id"] for r in store.records(k))
                for k in ("sentences", "entities", "timexes", "actor_mentions", "places", "events")
            }
        )
        store.close()
    assert out[0] == out[1] and out[0]["events"]


def test_runner_accepts_a_single_string_input(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's1.db'}")
    s = api.ingest(store, str(SEEDS))  # type: ignore[arg-type]
    assert s.new_articles == 2 and s.inputs_read == 2
    assert store.get_article("_") is None  # LIKE wildcards in an id prefix are literal
    store.close()


_VOLATILE = {"ingested_at", "seen_at", "ingest_seq"}
# what follows the input order by design: the ingestion numbers, the change log and its
# cursors, and the fact groups (a story's statements in ingestion order); same input in
# the same order gives them identically (tests/test_determinism.py)
_INPUT_ORDERED = ("article_changes", "corpus_state", "fact_groups")


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every content table but those that follow the input order, rows sorted, volatile
    timestamps left out."""
    out = {}
    for table in schema.metadata.sorted_tables:
        if table.name in _INPUT_ORDERED:
            continue
        cols = [c for c in table.columns if c.name not in _VOLATILE and c.name != "signature"]
        with store.engine.connect() as c:
            rows = [tuple(json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else v for v in r)
                    for r in c.execute(sa.select(*cols))]  # fmt: skip
        out[table.name] = sorted(rows, key=repr)
    return out


def test_runner_serial_parallel_and_input_order_give_identical_stores(tmp_path: Path, pg_url: str) -> None:
    d = tmp_path / "extra"
    write_corpus(d, 3)
    inputs = [str(SEEDS), str(d)]
    dumps = []
    for url, n, order in ((f"sqlite:///{tmp_path / 'serial.db'}", 1, inputs), (pg_url, 2, inputs[::-1])):
        store = open_store(url)
        api.run(store, order, n_process=n, batch_size=2)
        dumps.append(_dump(store))
        store.close()
    assert dumps[0]["events"] and dumps[0]["actors"] and dumps[0]["event_actors"]
    for name in dumps[0]:
        assert dumps[0][name] == dumps[1][name], name


def test_runner_upgraded_stage_reanalyzes_only_its_outputs(tmp_path: Path, store_url: str) -> None:
    from eventwire.analyze.timex_stage import make_stage as timex_stage
    from eventwire.corpus import ChangeBatch, CorpusWrite

    seen: list[ChangeBatch] = []

    class Watcher:
        name, version, reads, writes = "watch", "1", ("timexes",), ()

        def update(self, store: Store, batch: ChangeBatch) -> CorpusWrite:
            seen.append(batch)
            return CorpusWrite()

    store = open_store(store_url)
    api.ingest(store, [str(SEEDS)])
    v1 = Pipeline([nlp_stage(parse=False), timex_stage()])
    first = api.analyze(store, pipeline=v1, corpus_stages=[Watcher()])
    assert first.analyzed == 2 and store.count("timexes") > 0
    sent_ids = [r["id"] for r in store.records("sentences")]
    tmx_ids = [r["id"] for r in store.records("timexes")]
    # mark one stored row of each kind: a rewrite of that kind would restore it
    with store.engine.begin() as c:
        c.execute(sa.text("UPDATE sentences SET text = 'untouched' WHERE id = :i"), {"i": sent_ids[0]})
        c.execute(sa.text("UPDATE timexes SET value = 'stale' WHERE id = :i"), {"i": tmx_ids[0]})
    assert api.analyze(store, pipeline=v1, corpus_stages=[Watcher()]).analyzed == 0
    nlp_s, timex_s = v1.stages
    v2 = Pipeline([nlp_s, dataclasses.replace(timex_s, version=timex_s.version + "-upgraded")])
    assert store.count_pending(v2.versions()) == 2
    again = api.analyze(store, pipeline=v2, corpus_stages=[Watcher()])
    assert again.analyzed == 2 and again.failed == 0
    rows = {r["id"]: r for r in store.records("sentences")}
    assert rows[sent_ids[0]]["text"] == "untouched"  # the nlp stage's records were kept
    assert next(r for r in store.records("timexes") if r["id"] == tmx_ids[0])["value"] != "stale"
    assert [r["id"] for r in store.records("timexes")] == tmx_ids  # same ids after re-analysis
    versions = store.stage_versions([a["id"] for a in store.records("articles", include_text=False)])
    assert all(v == v2.versions() for v in versions.values())
    # the corpus stage was told which articles changed, and what changed in them
    assert [len(b.article_ids) for b in seen] == [2, 2]
    assert all(k == frozenset({"timexes"}) for k in seen[1].kinds.values())
    store.close()


_LOADS: list[int] = []  # pids of the processes in which _ModelStage loaded its "model"


def _load_model_once(log: str) -> int:
    if not _LOADS:
        _LOADS.append(os.getpid())
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
    return _LOADS[0]


@dataclasses.dataclass(frozen=True)
class _ModelStage:
    """A stage with a per-process model, loaded on first use (as the real stages do)."""

    log: str
    name: str = "model"
    version: str = "1"
    reads: tuple[str, ...] = ("article",)
    writes: tuple[str, ...] = ()

    def __call__(self, docs: Any) -> list[AnalyzedDoc]:
        _load_model_once(self.log)
        return list(docs)


@pytest.mark.skipif(sys.platform == "win32", reason="worker processes are forked only where fork exists")
def test_runner_pool_workers_share_models_loaded_before_fork(tmp_path: Path) -> None:
    from eventwire._pool import START_METHOD

    if START_METHOD != "fork":
        pytest.skip("models are shared with the workers only when they are forked")
    d = tmp_path / "in"
    write_corpus(d, 8, seed=5)
    store = open_store(f"sqlite:///{tmp_path / 'm.db'}")
    api.ingest(store, [str(d)])
    log = tmp_path / "loads.txt"
    _LOADS.clear()
    s = api.analyze(store, pipeline=Pipeline([_ModelStage(str(log))]), n_process=2, batch_size=8,
                    corpus_stages=[])
    store.close()
    assert s.analyzed == 8
    # loaded once, in the runner before it forked its two workers; not once per worker
    assert log.read_text().split() == [str(os.getpid())]


def test_runner_reading_pool_workers_share_what_cleaning_loads(tmp_path: Path) -> None:
    from eventwire._pool import START_METHOD
    from eventwire.ingest.language import _identifier

    if START_METHOD != "fork":
        pytest.skip("what the runner loads is shared with the workers only when they are forked")
    d = tmp_path / "in"
    write_corpus(d, 6, seed=7)
    _identifier.cache_clear()
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    s = api.ingest(store, [str(d)], workers=2)
    store.close()
    assert s.new_articles == 6
    # the language identifier was loaded here, before the reading pool forked, so the
    # workers share it instead of each loading it (the runner itself cleans nothing)
    assert _identifier.cache_info().currsize == 1
