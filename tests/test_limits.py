"""Cost linear in input size: cleaning time per megabyte stays flat, and an article longer
than the analysis limit is analyzed up to it with a recorded W502 problem."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from eventwire import api
from eventwire.analyze.nlp import make_stage as nlp_stage
from eventwire.analyze.pipeline import Pipeline
from eventwire.ingest import clean, iter_inputs
from eventwire.model import RawDoc
from eventwire.runners import local
from eventwire.store import open_store

from .corpus import synthetic_articles


def _big_text(n_chars: int) -> str:
    arts = synthetic_articles(max(10, n_chars // 600), seed=5)
    text = "\n\n".join(f"{t}\n\n{b}" for t, b in arts)
    assert len(text) >= n_chars
    return text[:n_chars]


def _cpu_seconds_per_mb(path: Path) -> float:
    t0 = time.process_time()  # CPU time: other processes on the machine do not count
    docs = [d for d in iter_inputs([str(path)]) if isinstance(d, RawDoc)]
    [art] = [clean(d) for d in docs]
    assert art.segments and art.text
    return (time.process_time() - t0) / (path.stat().st_size / 1e6)


@pytest.mark.slow
def test_clean_time_per_megabyte_stays_flat_on_multi_megabyte_files(tmp_path: Path) -> None:
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(_big_text(300_000), encoding="utf-8")
    big.write_text(_big_text(2_400_000), encoding="utf-8")  # 8x: quadratic would be 8x/MB
    _cpu_seconds_per_mb(small)  # warm up: regex compilation, imports
    per_small = _cpu_seconds_per_mb(small)
    per_big = _cpu_seconds_per_mb(big)
    assert per_big <= 2.0 * per_small + 0.5, (per_small, per_big)


def test_runner_bound_for_analysis_cuts_at_a_segment_end() -> None:
    art = clean(RawDoc(source="x", text=_big_text(20_000)))
    cut = local.bound_for_analysis(art, limit=5_000)
    assert len(cut.text) <= 5_000 and art.text.startswith(cut.text) and cut.id == art.id
    assert cut.segments and cut.segments[-1].end == len(cut.text)
    assert all(s.text == art.text[s.start : s.end] for s in cut.segments)
    one_block = clean(RawDoc(source="y", text="word " * 4_000))
    cut2 = local.bound_for_analysis(one_block, limit=5_000)
    assert 2_500 < len(cut2.text) <= 5_000
    assert all(s.text == cut2.text[s.start : s.end] for s in cut2.segments)
    assert local.bound_for_analysis(art, limit=10**9) is art


def test_runner_long_article_is_analyzed_up_to_the_limit_with_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local, "ANALYSIS_LIMIT", 4_000)
    p = tmp_path / "long.txt"
    p.write_text(_big_text(12_000), encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'l.db'}") as store:
        api.ingest(store, [str(p)])
        s = api.analyze(store, pipeline=Pipeline([nlp_stage(parse=False)]))
        assert s.analyzed == 1 and s.failed == 0
        ents = list(store.records("entities"))
        assert ents and max(e["end"] for e in ents) <= 4_000
        [prob] = list(store.records("problems"))
        assert prob["code"] == "W502" and "12,000 characters" in prob["reason"]
