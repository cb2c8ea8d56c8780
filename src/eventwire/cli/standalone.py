"""Standalone JSONL commands for researchers: timex, code, locate, cluster."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from eventwire._jsonl import write_jsonl
from eventwire.cli._app import InputOpt, OutputOpt, _fail, _output, _quiet_pipe, app, console
from eventwire.errors import EventwireError, UsageError


def _standalone(module: str, func: str, input: Path, output: Path | None, **kw: Any) -> None:
    """Run a standalone JSONL command: one output line per input line, in input order; a
    bad line becomes an error line and the run goes on. Exit 0 when every line was read,
    1 when some were not, 2 when none was."""
    from eventwire._jsonl import LineCounts, run_tolerant

    command = func.split("_", 1)[0]
    counts = LineCounts()
    try:
        fn: Callable[..., Any] = getattr(importlib.import_module(module), func)
        with _quiet_pipe(), _output(output) as out:
            n = write_jsonl(run_tolerant(command, lambda recs: fn(recs, **kw), input, counts), out)
        if output is not None:
            console.print(f"wrote {n} lines to {output}", highlight=False, markup=False)
    except EventwireError as e:
        _fail(e)
    if counts.bad:
        console.print(
            f"{counts.bad} input line(s) could not be read (error lines in the output)",
            highlight=False,
            markup=False,
        )
        raise typer.Exit(1 if counts.ok else 2)


@app.command()
def timex(input: Path = InputOpt, output: Path | None = OutputOpt) -> None:
    """Tag and normalize temporal expressions (TIMEX3).

    Input lines {"doc_id", "dct", "text"}; output lines
    {"doc_id", "timexes": [{"start", "end", "text", "type", "value", "mod"?}]}.
    """
    _standalone("eventwire.analyze.timex", "timex_command", input, output)


@app.command()
def code(input: Path = InputOpt, output: Path | None = OutputOpt) -> None:
    """Code events (PLOVER type/mode, CAMEO code, actors, status, date) in sentences.

    Input lines {"id", "text", "date"?}; output lines {"id", "events": [...]}.
    """
    _standalone("eventwire.analyze.events", "code_command", input, output)


@app.command()
def locate(input: Path = InputOpt, output: Path | None = OutputOpt) -> None:
    """Find where each event (given by its trigger span) happened.

    Input lines {"id", "text", "verb": [{"start", "end"}]}; output lines
    {"id", "locations": [{"start", "end", "text", "name", "country", "lat", "lon"}]}.
    """
    _standalone("eventwire.analyze.places", "locate_command", input, output)


@app.command()
def cluster(input: Path = InputOpt, output: Path | None = OutputOpt) -> None:
    """Cluster documents into stories and their event mentions into events.

    Input lines {"doc_id", "text", "date"?, "event_mentions"?: [{"start", "end"}]}; output
    lines {"doc_id", "story", "event_mentions"?: [{"start", "end", "cluster"}]}, one per
    input line in order (cluster ids corpus-wide); a bad line gives {"doc_id", "error"}.
    """
    from eventwire.corpus.batch import cluster_command

    try:
        if str(input) != "-" and not input.is_file():
            raise UsageError(f"input file {input} does not exist or is not a file", "E003")
        fh = sys.stdin if str(input) == "-" else input.open(encoding="utf-8", errors="replace")
        try:
            lines = list(fh)
        finally:
            if fh is not sys.stdin:
                fh.close()
        with _output(output) as out:
            n = write_jsonl(cluster_command(lines), out)
        if output is not None:
            console.print(f"wrote {n} lines to {output}", highlight=False, markup=False)
    except EventwireError as e:
        _fail(e)
