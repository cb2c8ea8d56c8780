"""`eventwire code` in worker processes: models loaded once, before the fork."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from eventwire._pool import START_METHOD

# Run in a fresh interpreter: in the test process earlier tests may already have loaded the
# models, and then the workers would find them loaded whether or not the command loads them.
_SCRIPT = textwrap.dedent(
    """
    import importlib, json, os, sys

    events = importlib.import_module("eventwire.analyze.events")
    caches = {
        "spacy": importlib.import_module("eventwire.analyze.nlp").load_model,
        "actors": importlib.import_module("eventwire.analyze.actors_dict")._load,
        "gazetteer": importlib.import_module("eventwire.analyze.places_gazetteer").gazetteer,
        "eventness": importlib.import_module("eventwire.analyze.events_filter").eventness_model,
        "domain": importlib.import_module("eventwire.analyze.events_domain").domain_model,
        "sentence_type": importlib.import_module("eventwire.analyze.events_learned").sentence_type_model,
    }
    real_chunk = events._code_chunk

    def probe(chunk):
        # in a worker, before it codes its chunk: which models does it already hold?
        before = {k: f.cache_info().currsize for k, f in caches.items()}
        rows = real_chunk(chunk)
        return [dict(r, pid=os.getpid(), held=before) for r in rows]

    texts = [
        "Turkey refused to withdraw its troops from Cyprus.",
        "The United States demanded that North Korea abandon its nuclear program.",
        "Police arrested two men on Tuesday in Atlanta.",
        "The weather was mild.",
    ]
    recs = [{"id": str(i), "text": t, "date": "2024-03-05"} for i, t in enumerate(texts * 3)]
    events._code_chunk = probe  # the pool pickles the function by name: forked workers see this
    parallel = list(events.code_command(recs, n_process=2, chunk=2))
    events._code_chunk = real_chunk
    serial = list(events.code_command(recs, n_process=1, chunk=2))
    json.dump({"parent": os.getpid(), "parallel": parallel, "serial": serial}, sys.stdout)
    """
)


def test_events_code_command_workers_share_models_loaded_before_fork() -> None:
    if START_METHOD != "fork":
        pytest.skip("models are shared with the workers only when they are forked")
    proc = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=600,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    rows = out["parallel"]
    assert len(rows) == 12
    assert {r["pid"] for r in rows} - {out["parent"]}, "chunks ran in worker processes"
    for r in rows:  # every worker held every model before its first chunk
        assert all(n >= 1 for n in r["held"].values()), r["held"]
    # and the workers code exactly what one process codes
    assert [{"id": r["id"], "events": r["events"]} for r in rows] == out["serial"]
    assert any(r["events"] for r in out["serial"])
