"""The Typer app, the console and the helpers every command module shares."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from eventwire.errors import EventwireError, UsageError

app = typer.Typer(
    help="eventwire: news in; stories, events, facts and figures out, each with its sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)


# columns never cut below these widths (dates, codes and ids stay whole at 80 columns)
_MIN_WIDTH = {"date": 10, "published": 10, "seen": 10, "code": 4, "id": 10, "article": 10,
              "cameo": 5, "type": 8, "status": 7}


def _table(*cols: str, **kw: Any) -> Any:
    """A table whose cells wrap (fold) instead of being cut with an ellipsis."""
    from rich.table import Table

    t = Table(**kw)
    for col in cols:
        t.add_column(col, overflow="fold", min_width=_MIN_WIDTH.get(col))
    return t


@contextlib.contextmanager
def _quiet_pipe() -> Iterator[None]:
    """`eventwire export … | head`: when the reader goes away, stop quietly with exit 0."""
    try:
        yield
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def _add_row(table: Any, *values: Any) -> None:
    """Add a row of data cells, shown as plain text (never read as rich markup)."""
    table.add_row(*(Text("" if v is None else str(v)) for v in values))


def _fail(e: EventwireError) -> None:
    console.print(
        f"[red]Error {e.code}:[/red] {escape(e.message)}", highlight=False, soft_wrap=True
    )
    raise typer.Exit(1)


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        fh = path.open("w", encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror}", "E004") from None
    with fh:
        yield fh


InputOpt = typer.Option(..., "--input", "-i", help="JSON Lines input file ('-' for stdin).")
OutputOpt = typer.Option(None, "--output", "-o", help="Output JSON Lines file (default stdout).")

DbOpt = typer.Option(
    None,
    "--db",
    help="Database URL (sqlite:///path.db or postgresql://…); default $EVENTWIRE_DB or ./eventwire.db.",
)


def _store(db: str | None, *, read_only: bool = False, migrate: bool | None = None) -> Any:
    """Open the store; a read-only command refuses a SQLite file that does not exist
    instead of creating an empty database there. Commands that write (run, ingest,
    analyze, serve) pass ``migrate=True`` and bring the schema up to date once, at start;
    the others create a new store's schema but never migrate an existing one (E205 asks
    for `eventwire db upgrade`)."""
    from eventwire.store import open_store
    from eventwire.store.sql import default_url

    try:
        url = db or default_url()
        if read_only and "://" not in url or url.startswith("sqlite:///"):
            path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
            if read_only and path and path != ":memory:" and not Path(path).exists():
                from eventwire.errors import StoreError

                raise StoreError(
                    f"no database at {path} (create one with `eventwire run` or `ingest`)", "E202"
                )
        return open_store(db, migrate=migrate)
    except EventwireError as e:
        _fail(e)


@contextlib.contextmanager
def _opened_store(db: str | None, *, read_only: bool = False, migrate: bool | None = None) -> Iterator[Any]:
    """The store of a command (see :func:`_store`), closed when the command ends; an
    :class:`EventwireError` inside becomes the command's one-line coded message."""
    store = _store(db, read_only=read_only, migrate=migrate)
    try:
        yield store
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


@contextlib.contextmanager
def _progress_bar() -> Iterator[Callable[[str, int, int | None], None]]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(phase: str, advance: int, total: int | None) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            elif total is not None:
                bar.update(tasks[phase], total=total)
            bar.advance(tasks[phase], advance)

        yield update
