"""The same input in the same order gives the same store, whatever the wall clock, the
hash seed of the processes or their number.

Two causes of run-to-run differences are covered: articles were analyzed (and the
change log, hence the corpus stages, written) in ``(ingested_at, id)`` order, where
``ingested_at`` is wall-clock time to the second, so two ingest batches stored in one
second came out in id order instead of input order; and the story clusterer summed
floats over sets (and pickled sets), whose order follows ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire import api
from eventwire.store import open_store

from .conftest import SEEDS
from .corpus import synthetic_articles
from .storedump import dump_store as _dump

DATA = Path(__file__).parent / "data"

# One run: ingest in batches of 2 and analyze in batches of 4 with a clock that either
# never moves (every batch stored in the same second) or moves one second per batch.
_RUN = r"""
import itertools, json, sys
import eventwire.store.sql as sql
from eventwire import api
from eventwire.store import open_store

url, clock, procs, inputs = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
tick = itertools.count()
if clock == "frozen":
    sql._now = lambda: "2026-01-01T00:00:00+00:00"
else:
    def now():
        t = next(tick)
        return f"2026-01-01T00:{t // 60 % 60:02d}:{t % 60:02d}+00:00"
    sql._now = now
with open_store(url) as store:
    api.ingest(store, inputs, batch_size=2, workers=procs)
    api.analyze(store, batch_size=4, n_process=procs)
"""


def _inputs(tmp_path: Path) -> list[str]:
    """Three ECB+ reports of one happening (a story with facts to reconcile), the seed
    articles and a few synthetic ones, ordered so that input order is not id order."""
    d = tmp_path / "in"
    d.mkdir()
    paths = []
    for i, doc in enumerate(json.loads((DATA / "ecbplus_texts.json").read_text(encoding="utf-8"))):
        p = d / f"ecb{i}.txt"
        p.write_text(doc["text"], encoding="utf-8")
        paths.append(str(p))
    for i, (title, text) in enumerate(synthetic_articles(4, seed=11)):
        p = d / f"syn{i}.txt"
        p.write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        paths.append(str(p))
    paths += sorted(str(p) for p in SEEDS.glob("*.txt"))
    with open_store(f"sqlite:///{tmp_path / 'probe.db'}") as probe:
        api.ingest(probe, paths)
        ids = {r["source"]: r["article_id"] for r in probe.records("sources")}
    return sorted(paths, key=lambda p: ids[p], reverse=True)  # descending id


def test_determinism_store_same_whatever_clock_hash_seed_and_processes(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    dumps = []
    for n, (clock, procs, seed) in enumerate((("frozen", 1, "1"), ("ticking", 2, "2"))):
        url = f"sqlite:///{tmp_path / f'run{n}.db'}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        res = subprocess.run(
            [sys.executable, "-c", _RUN, url, clock, str(procs), json.dumps(inputs)],
            env=env, capture_output=True, text=True, timeout=300,
        )
        assert res.returncode == 0, res.stderr[-3000:]
        with open_store(url) as store:
            dumps.append(_dump(store))
    a, b = dumps
    assert len(a["articles"]) == len(inputs)
    assert a["fact_groups"] and a["stories"] and a["story_state"] and a["article_changes"]
    assert any(len(json.loads(r[-1])) > 1 for r in a["fact_groups"])  # a multi-article fact
    for name in a:
        assert a[name] == b[name], name


def test_determinism_analysis_follows_input_order_within_one_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ingest batches stored in the same second keep their input order for analysis."""
    import eventwire.store.sql as sql

    monkeypatch.setattr(sql, "_now", lambda: "2026-01-01T00:00:00+00:00")
    inputs = _inputs(tmp_path)
    with open_store(f"sqlite:///{tmp_path / 'one.db'}") as store:
        api.ingest(store, inputs, batch_size=2)
        by_source = {r["source"]: r["article_id"] for r in store.records("sources")}
        want = [by_source[p] for p in inputs]
        assert want != sorted(want)  # else the test could not tell the orders apart
        assert [a.id for a in store.pending("nlp=x", 100)] == want
        assert [a.id for a in store.claim_pending("nlp=x", 100, "me")] == want
        assert [r["id"] for r in store.records("articles")] == want


_STORIES = r"""
import hashlib, json, pickle, sys
from eventwire.corpus.stories.clusterer import StoryClusterer
from eventwire.corpus.stories.features import DocFreq, mentioned_years, terms, vectorize
from eventwire.corpus.stories.pairs import pair_features

texts = json.loads(sys.stdin.read())
cl, df, vecs = StoryClusterer(), DocFreq(), []
for i, text in enumerate(texts):
    counts = terms(text)
    df.observe(counts)
    vecs.append(vectorize(counts, df, years=mentioned_years(text)))
    cl.add(f"d{i}", vecs[-1])
feats = [pair_features(a, b) for a in vecs for b in vecs]
print(json.dumps({"floats": repr([v.name_norm for v in vecs] + feats),
                  "state": hashlib.sha256(pickle.dumps((cl, df), protocol=5)).hexdigest()}))
"""


def test_determinism_story_clustering_same_whatever_hash_seed() -> None:
    """Story vectors, pair features and the pickled clusterer state (what the stories
    stage stores) are the same bytes in processes with different hash seeds."""
    texts = [d["text"] for d in json.loads((DATA / "ecbplus_texts.json").read_text(encoding="utf-8"))]
    texts += [f"{t}\n\n{x}" for t, x in synthetic_articles(12, seed=5)]
    outs = set()
    for seed in ("1", "2", "3"):
        res = subprocess.run(
            [sys.executable, "-c", _STORIES], input=json.dumps(texts),
            env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, timeout=120,
        )
        assert res.returncode == 0, res.stderr[-3000:]
        outs.add(res.stdout)
    assert len(outs) == 1
