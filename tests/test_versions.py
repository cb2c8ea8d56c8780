"""Stage versions derived from code, data and libraries."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.analyze import registry, versions


@pytest.fixture()
def fake_pkg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "eventwire"
    (root / "analyze").mkdir(parents=True)
    (root / "resources" / "lex").mkdir(parents=True)
    (root / "resources" / "other").mkdir(parents=True)
    (root / "analyze" / "__init__.py").write_text("")
    (root / "analyze" / "stage.py").write_text(
        '"""A stage."""\nfrom eventwire.analyze.helper import f\n\nVERSION = "1"\n'
    )
    (root / "analyze" / "helper.py").write_text(
        'from importlib import resources\n\n\ndef f():\n'
        '    return resources.files("eventwire") / "resources" / "lex"\n'
    )
    (root / "analyze" / "unused.py").write_text("X = 1\n")
    (root / "resources" / "lex" / "words.json").write_text('["a"]')
    (root / "resources" / "other" / "big.json").write_text("[]")
    monkeypatch.setattr(versions, "_PKG_ROOT", root)
    monkeypatch.setattr(versions, "_RESOURCES", root / "resources")
    return root


def _v() -> str:
    for fn in (versions._parse, versions._scan, versions._module_digest, versions.stage_dependencies,
               versions.code_version):
        fn.cache_clear()
    return versions.code_version("1", "eventwire.analyze.stage")


def test_versions_follow_code_and_data_but_not_comments(fake_pkg: Path) -> None:
    mods, dirs, _ = (_v(), *versions.stage_dependencies("eventwire.analyze.stage"))[1:]
    assert mods == ("eventwire.analyze.helper", "eventwire.analyze.stage") and dirs == ("lex",)
    base = _v()
    assert base.startswith("1+")
    helper = fake_pkg / "analyze" / "helper.py"
    helper.write_text("# a comment\n" + helper.read_text().replace("\n\n\ndef", "\n\ndef"))
    (fake_pkg / "analyze" / "stage.py").write_text(
        '"""A better docstring."""\nfrom eventwire.analyze.helper import f\n\nVERSION = "1"\n'
    )
    (fake_pkg / "analyze" / "unused.py").write_text("X = 2\n")
    (fake_pkg / "resources" / "other" / "big.json").write_text("[1]")
    assert _v() == base  # comments, formatting, docstrings, unrelated code and data
    helper.write_text(helper.read_text().replace("return", "x = 1\n    return"))
    changed_code = _v()
    assert changed_code != base
    (fake_pkg / "resources" / "lex" / "words.json").write_text('["a", "b"]')
    assert _v() not in (base, changed_code)


def test_versions_default_stages_are_derived() -> None:
    stages = registry.build_stages()
    by_name = {s.name: s for s in stages}
    assert all("+" in s.version for s in stages)
    _, dirs, dists = versions.stage_dependencies("eventwire.analyze.events")
    assert {"events", "actors"} <= set(dirs) and "spacy" in dists
    _, _, nlp_dists = versions.stage_dependencies("eventwire.analyze.nlp")
    assert any(d.startswith("en_core_web_sm") or d.startswith("en-core-web-sm") for d in nlp_dists)
    assert by_name["events"].version != by_name["actors"].version


def test_versions_events_stage_does_not_follow_the_executor() -> None:
    # ``eventwire code`` warms its models with the runners' helper before forking; that
    # helper (and the ingest code it imports) is no part of what the events stage computes
    mods, dirs, dists = versions.stage_dependencies("eventwire.analyze.events")
    assert "eventwire.runners._exec" not in mods
    assert "eventwire.ingest.clean" not in mods and "eventwire.ingest.readers" not in mods
    assert "trafilatura" not in dists and "warcio" not in dists


def test_versions_unversioned_stages_keep_the_declared_version_and_code_alike() -> None:
    # the standalone ``eventwire code`` stores nothing, so it skips the digest (≈ 1.5 CPU s)
    plain = registry.build_stages(versioned=False)
    derived = registry.build_stages()
    assert [s.name for s in plain] == [s.name for s in derived]
    for p, d in zip(plain, derived, strict=True):
        assert "+" not in p.version and d.version.startswith(p.version + "+")
    from eventwire.analyze import events

    assert "+" not in events._code_pipeline().stages[-1].version
