"""The public Python API (``import eventwire``)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import SEEDS

SCRIPT = textwrap.dedent(
    """
    import pkgutil, importlib, sys, pathlib, types
    import eventwire
    from eventwire.analyze.pipeline import MapStage, Pipeline

    pipe = Pipeline([MapStage("same", "1", ("article",), (), lambda d: d)])
    db, seeds, out = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])

    def touch_every_module():
        for m in pkgutil.walk_packages(eventwire.__path__, "eventwire."):
            if ".migrations" not in m.name:
                importlib.import_module(m.name)

    for attempt in range(2):
        with eventwire.open_store(db) as store:
            r = eventwire.run(store, [seeds], pipeline=pipe, corpus_stages=[])
            i = eventwire.ingest(store, [seeds])
            a = eventwire.analyze(store, pipeline=pipe, corpus_stages=[])
            s = eventwire.summary(store)
            eventwire.export(store, "articles", "jsonl", out)
            assert eventwire.default_pipeline().names
            assert len(s["articles"]) == 2 and out.read_text().count("\\n") == 2
            assert (r.ingest.new_articles, i.already_stored, a.analyzed) == ((2, 2, 0) if attempt == 0 else (0, 2, 0))
        touch_every_module()
        for name in eventwire.__all__:
            obj = getattr(eventwire, name)
            assert not isinstance(obj, types.ModuleType), name
    print("ok")
    """
)


def test_api_public_functions_work_when_called_twice(tmp_path: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-c", SCRIPT, f"sqlite:///{tmp_path / 'api.db'}", str(SEEDS), str(tmp_path / "a.jsonl")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip() == "ok"
