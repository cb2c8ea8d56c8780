"""The README is checked by tests: every command it shows exists, the quick start is two commands."""

from __future__ import annotations

import re

from typer.testing import CliRunner

import eventwire
from eventwire.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_readme_commands_exist() -> None:
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", README, flags=re.S))
    shown = set(re.findall(r"^eventwire ([a-z]+)", blocks, flags=re.M))
    shown |= set(re.findall(r"`eventwire ([a-z]+)", README))
    assert {"run", "timex", "code", "locate", "export", "show", "errors"} <= shown
    runner = CliRunner()
    for cmd in sorted(shown):
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0, (cmd, res.output)


def test_docs_quick_start_is_make_demo_and_make_test() -> None:
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    cmds = [ln.split("#")[0].strip() for ln in block.strip().splitlines()]
    assert cmds == ["make demo", "make test"]


def test_docs_python_api_names_exist() -> None:
    for name in (
        "open_store",
        "run",
        "ingest",
        "analyze",
        "export",
        "EventwireError",
        "UsageError",
        "InputError",
        "StoreError",
        "ModelError",
        "FetchError",
    ):
        assert name in eventwire.__all__ and hasattr(eventwire, name)
    for kind in re.findall(
        r"`(\w+)`", README.split("Export kinds:", 1)[1].split("Events also", 1)[0]
    ):
        assert kind in eventwire.RECORD_KINDS
