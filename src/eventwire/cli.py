"""The ``eventwire`` command line: parses, calls the API, prints. The only module that prints."""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console

from eventwire._jsonl import read_jsonl, write_jsonl
from eventwire.errors import EventwireError

__all__ = ["app", "main"]

app = typer.Typer(
    help="eventwire: news in; stories, events, facts and figures out, each with its sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)


def _fail(e: EventwireError) -> None:
    console.print(f"[red]Error {e.code}:[/red] {e.message}", highlight=False)
    raise typer.Exit(1)


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
    else:
        with path.open("w", encoding="utf-8") as fh:
            yield fh


def _standalone(module: str, func: str, input: Path, output: Path | None, **kw: Any) -> None:
    """Run a standalone JSONL command: one output line per input line, in input order."""
    try:
        fn: Callable[..., Any] = getattr(importlib.import_module(module), func)
        with _output(output) as out:
            n = write_jsonl(fn(read_jsonl(input), **kw), out)
        if output is not None:
            console.print(f"wrote {n} lines to {output}", highlight=False)
    except EventwireError as e:
        _fail(e)


InputOpt = typer.Option(..., "--input", "-i", help="JSON Lines input file ('-' for stdin).")
OutputOpt = typer.Option(None, "--output", "-o", help="Output JSON Lines file (default stdout).")


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


def main() -> None:
    try:
        app()
    except EventwireError as e:  # pragma: no cover - commands catch their own
        console.print(f"Error {e.code}: {e.message}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
