"""Many writers on one store: claims on pending articles, leases, concurrent runs
(SQLite and a real PostgreSQL)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from eventwire import api
from eventwire.analyze.nlp import make_stage as nlp_stage
from eventwire.analyze.pipeline import Pipeline
from eventwire.store import open_store, schema

from .corpus import synthetic_articles, write_corpus


def test_claims_writers_get_disjoint_articles_and_expired_leases_are_retaken(
    store_url: str, tmp_path: Path
) -> None:
    write_corpus(tmp_path / "c", 9)
    store = open_store(store_url)
    api.ingest(store, [str(tmp_path / "c")])
    pipe = Pipeline([nlp_stage(parse=False)])
    v = pipe.versions()
    a = store.claim_pending(v, 4, "A")
    b = store.claim_pending(v, 4, "B")
    c = store.claim_pending(v, 4, "C", lease=0.0)  # the last one, with a lease already over
    ids = [x.id for x in a + b + c]
    assert len(a) == len(b) == 4 and len(c) == 1 and len(set(ids)) == 9
    time.sleep(0.05)
    taken = store.claim_pending(v, 4, "D")  # C "died": its article is taken over
    assert [x.id for x in taken] == [c[0].id]
    assert store.claim_pending(v, 4, "A") == []  # A holds its own; nothing else is free
    # writing an analysis ends its claim; the article is no longer pending for anyone
    store.write_analysis(pipe(a[:2]), v, pipeline=pipe.version())
    with store.engine.connect() as conn:
        keys = set(conn.execute(sa.select(schema.claims.c.key)).scalars())
    assert keys == set(ids) - {a[0].id, a[1].id}
    assert store.release_claims("A") == 2 and store.release_claims("B") == 4
    again = store.claim_pending(v, 9, "E")
    assert sorted(x.id for x in again) == sorted(x.id for x in a[2:] + b)
    # a lease on a named key: exclusive while held, free after
    assert store.try_lease("corpus", "E", 30) and not store.try_lease("corpus", "F", 30)
    with store.lease("other", "F", ttl=30):
        assert not store.try_lease("other", "E", 30)
    assert store.try_lease("other", "E", 30)
    store.close()


_TWIN = """
import json, sys, time
from pathlib import Path
from eventwire import api
from eventwire.analyze.nlp import make_stage
from eventwire.analyze.pipeline import Pipeline
from eventwire.store import open_store

url, corpus, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
ner = make_stage(parse=False)


class Paced:  # the real NER stage, paced at 0.1 s per article, so that neither writer
    # can finish all the work before the other one starts claiming (on a loaded machine)
    name, version, reads, writes = ner.name, ner.version, ner.reads, ner.writes

    def __call__(self, docs):
        time.sleep(0.1 * len(docs))
        return ner(docs)


pipe = Pipeline([Paced()])
from eventwire.analyze.nlp import NER_ONLY_DISABLE, load_model
load_model(NER_ONLY_DISABLE, ("senter",))
store = open_store(url)
print("READY", flush=True)
while not go.exists():
    time.sleep(0.05)
res = api.run(store, [corpus], pipeline=pipe, batch_size=4, corpus_stages=[])
print(json.dumps({"new": res.ingest.new_articles, "ids": res.ingest.article_ids,
                  "analyzed": res.analyze.analyzed}), flush=True)
"""


def test_claims_two_concurrent_runs_analyze_and_report_each_article_once(
    store_url: str, tmp_path: Path
) -> None:
    """Two `run` processes on one store at once: every article stored, reported as new
    and analyzed by exactly one of them."""
    n = len(write_corpus(tmp_path / "c", 40))
    open_store(store_url).close()  # migrated before the race
    script = tmp_path / "twin.py"
    script.write_text(_TWIN)
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), store_url, str(tmp_path / "c"), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for p in procs:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "READY", p.stderr.read() if p.stderr else ""
    go.touch()
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-3000:]
        outs.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(o["new"] for o in outs) == n
    assert len({i for o in outs for i in o["ids"]}) == n
    assert sum(o["analyzed"] for o in outs) == n
    assert all(o["analyzed"] > 0 for o in outs)  # the work was shared
    store = open_store(store_url)
    with store.engine.connect() as conn:
        t = schema.article_changes
        per_article = conn.execute(
            sa.select(t.c.article_id, sa.func.count()).group_by(t.c.article_id)
        ).all()
        left = conn.execute(sa.select(sa.func.count()).select_from(schema.claims)).scalar()
    assert len(per_article) == n and all(k == 1 for _, k in per_article)  # analyzed once
    assert store.count("articles") == n and store.count("sources") == n
    assert left == 0
    store.close()


def test_claims_near_duplicates_found_through_the_shared_index(store_url: str, tmp_path: Path) -> None:
    """A near copy of an article stored by an earlier run (another writer) is found through
    the store's band index, without the store's signatures loaded up front."""
    (title, text), = synthetic_articles(1, seed=31)
    (tmp_path / "a.txt").write_text(f"{title}\n\n{text}\n")
    (tmp_path / "b.txt").write_text(f"{title}\n\n{text} Officials declined to comment.\n")
    store = open_store(store_url)
    assert api.ingest(store, [str(tmp_path / "a.txt")]).new_articles == 1
    with store.engine.connect() as conn:
        n_keys = conn.execute(sa.select(sa.func.count()).select_from(schema.dedup_bands)).scalar()
    assert n_keys == 25
    s = api.ingest(store, [str(tmp_path / "b.txt")])
    assert s.new_articles == 0 and s.near_duplicates == 1
    copy = next(r for r in store.records("sources") if r["source"].endswith("b.txt"))
    assert copy["kind"] == "near" and 0.8 <= copy["similarity"] < 1.0
    store.close()
