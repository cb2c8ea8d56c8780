"""Commands that fill the store: run, ingest, analyze."""

from __future__ import annotations

import contextlib
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from eventwire.cli._app import (
    _MIN_WIDTH,
    DbOpt,
    _add_row,
    _fail,
    _opened_store,
    _progress_bar,
    app,
    console,
)
from eventwire.errors import UsageError

DETAIL_MAX = 25  # `run` lists up to this many new articles one by one, else an overview


def _print_ingest(s: Any) -> None:
    console.print(
        f"read {s.inputs_read} input(s): {s.new_articles} new article(s), "
        f"{s.exact_duplicates} exact and {s.near_duplicates} near duplicate(s), "
        f"{s.already_stored} already stored, {s.problems} problem(s)"
        + (f", {s.warnings} warning(s)" if s.warnings else ""),
        highlight=False,
    )


def _ingest_exit(s: Any) -> None:
    """The exit code every reading command shares: 0 when every input was read, 1 when
    some could not be, 2 when none could be (see `eventwire errors`)."""
    if not s.problems:
        return
    read = s.new_articles or s.already_stored or s.exact_duplicates or s.near_duplicates
    if not read:
        console.print("no input could be read: see `eventwire errors`")
        raise typer.Exit(2)
    console.print(f"{s.problems} input(s) could not be read: see `eventwire errors`")
    raise typer.Exit(1)


@app.command()
def run(
    inputs: list[str] = typer.Argument(..., help="Files, directories, globs or URLs."),
    db: str | None = DbOpt,
    allow_private: bool = typer.Option(False, help="Allow fetching private/loopback URLs."),
    n_process: int = typer.Option(
        1, "--processes", "-p", help="Worker processes for reading/cleaning and for spaCy."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not print the summary."),
    details: bool = typer.Option(
        False,
        "--details",
        help=f"List every new article (the default past {DETAIL_MAX} articles is an overview).",
    ),
    executor: str = typer.Option(
        "local", "--executor", "-e", help="local (this machine's processes) or dask."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (default: a LocalCluster here)."
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Dask LocalCluster worker processes (default 2)."
    ),
    memory_limit: str = typer.Option(
        "auto", "--memory-limit", help="Memory limit per Dask LocalCluster worker, e.g. 2GiB."
    ),
) -> None:
    """Ingest and analyze INPUTS, incrementally (re-running adds nothing new).

    With --executor dask, reading and per-article analysis run as Dask tasks (on a
    LocalCluster, or on the cluster at --scheduler); the store is the same as a local run's."""
    from eventwire import api

    if executor not in ("local", "dask"):
        _fail(UsageError(f"unknown executor {executor!r}; choose local or dask", "E002"))
    if executor == "local" and (scheduler or workers):
        _fail(UsageError("--scheduler and --workers need --executor dask", "E002"))
    with _opened_store(db, migrate=True) as store:
        with contextlib.ExitStack() as stack:
            ex, pipe = None, None
            if executor == "dask":
                from eventwire.analyze.pipeline import default_pipeline
                from eventwire.runners.dask import dask_executor

                pipe = default_pipeline()
                with console.status("starting Dask workers (loading models once per worker)"):
                    ex = stack.enter_context(
                        dask_executor(scheduler, workers, memory_limit=memory_limit, pipeline=pipe)
                    )
                console.print(
                    f"Dask: {ex.workers} worker(s); dashboard {ex.dashboard_link or 'unavailable'}",
                    highlight=False,
                )
            with _progress_bar() as prog:
                res = api.run(
                    store,
                    inputs,
                    allow_private=allow_private,
                    n_process=n_process,
                    progress=prog,
                    executor=ex,
                    pipeline=pipe,
                )
            if ex is not None:
                mem = ex.worker_memory()
                if mem:
                    console.print(
                        "Dask worker peak memory: "
                        + ", ".join(f"{v / 2**20:,.0f} MiB" for v in mem.values()),
                        highlight=False,
                    )
        _print_ingest(res.ingest)
        if res.analyze.failed:
            console.print(
                f"analysis failed on {res.analyze.failed} article(s): see `eventwire errors`"
            )
        console.print(
            f"analyzed {res.analyze.analyzed} article(s) in {res.analyze.seconds:.1f}s: "
            + ", ".join(f"{v} {k}" for k, v in res.analyze.counts.items()),
            highlight=False,
        )
        if not quiet and res.ingest.article_ids:
            if details or len(res.ingest.article_ids) <= DETAIL_MAX:
                _print_summary(api.summary(store, res.ingest.article_ids))
            else:
                _print_overview(api.overview(store, res.ingest.article_ids))
        _ingest_exit(res.ingest)


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="Files, directories, globs or URLs."),
    db: str | None = DbOpt,
    allow_private: bool = typer.Option(False, help="Allow fetching private/loopback URLs."),
    workers: int = typer.Option(1, "--workers", "-w", help="Reader/cleaner worker processes."),
) -> None:
    """Read, clean and de-duplicate INPUTS into the store, without analysis."""
    from eventwire import api

    with _opened_store(db, migrate=True) as store:
        with _progress_bar() as prog:
            s = api.ingest(
                store, inputs, allow_private=allow_private, workers=workers, progress=prog
            )
        _print_ingest(s)
        _ingest_exit(s)


@app.command()
def analyze(
    db: str | None = DbOpt,
    n_process: int = typer.Option(1, "--processes", "-p", help="spaCy worker processes."),
) -> None:
    """Analyze every stored article not yet analyzed by the current pipeline."""
    from eventwire import api

    with _opened_store(db, migrate=True) as store:
        with _progress_bar() as prog:
            s = api.analyze(store, n_process=n_process, progress=prog)
        console.print(
            f"analyzed {s.analyzed} article(s) in {s.seconds:.1f}s"
            + (f"; failed on {s.failed} (see `eventwire errors`)" if s.failed else ""),
            highlight=False,
        )



def _story_line(st: dict[str, Any]) -> str:
    return (
        f"  {st['id']}  {st['n_articles']} article(s), {st['first_seen'] or '?'}..{st['last_seen'] or '?'}: "
        f"{st['title'] or '(untitled)'}"
    )


def _print_overview(ov: dict[str, Any]) -> None:
    out = Console()
    out.print(f"[bold]Articles: {ov['articles']}[/bold] (an overview; `--details` lists each one)")
    out.print(
        "  records: " + ", ".join(f"{v} {k}" for k, v in ov["counts"].items() if v), highlight=False
    )
    if ov["events_by_type"]:
        out.print(
            "  events by type: " + ", ".join(f"{k} {v}" for k, v in ov["events_by_type"].items()),
            highlight=False,
        )
        out.print(
            "  events by status: " + ", ".join(f"{k} {v}" for k, v in ov["events_by_status"].items()),
            highlight=False,
        )
    out.print(f"[bold]Stories: {ov['stories']}[/bold]", highlight=False)
    for st in ov["largest_stories"]:
        out.print(_story_line(st), markup=False, highlight=False)
    out.print(f"[bold]Duplicates removed: {ov['duplicates']}[/bold]", highlight=False)
    if ov["problems"]:
        out.print(f"[bold]Problems: {ov['problems']}[/bold] (see `eventwire errors`)")
    out.print(
        "See `eventwire stories`, `eventwire show STORY_ID`, `eventwire events` and `eventwire summary --details`.",
        markup=False,
        highlight=False,
    )


def _print_summary(summ: dict[str, Any]) -> None:
    from rich.table import Table

    from eventwire.show import language_label

    out = Console()
    out.print(f"[bold]Articles: {len(summ['articles'])}[/bold]")
    for a in summ["articles"]:
        out.print(f"\n[bold]{escape(a['title'] or '(no title)')}[/bold]  [dim]{a['id']}[/dim]")
        out.print(
            f"  outlet: {a['outlet'] or 'unknown'} | published: {a['published'] or 'unknown'} "
            f"(found by {a['date_method']}, confidence {a['date_confidence']:.2f}) | "
            f"language: {language_label(a)} | source: {a['source']}",
            highlight=False,
            markup=False,
        )
        out.print(
            "  segments: "
            + ", ".join(f"{v} {k}" for k, v in sorted(a["segments"].items()))
            + " | records: "
            + ", ".join(f"{v} {k}" for k, v in a["counts"].items() if v),
            highlight=False,
        )
        if a["actors"]:
            named = [
                x for x in a["actors"] if x["type"] in ("person", "organisation", "country", "igo")
            ]
            out.print(
                "  actors: "
                + "; ".join(
                    f"{x['name']} ({x['country'] or '-'}/{x['role'] or '-'}"
                    + (f", {x['office']}" if x.get("office") else "")
                    + ")"
                    for x in sorted(named, key=lambda x: (x["type"] != "person", x["name"]))
                ),
                markup=False,
                highlight=False,
            )
        if a["events"]:
            et = Table(show_edge=False, pad_edge=False)
            for col in (
                "type/mode",
                "cameo",
                "source→target",
                "date",
                "status",
                "trigger",
                "sentence",
            ):
                et.add_column(col, overflow="fold", min_width=_MIN_WIDTH.get(col))
            for e in a["events"]:
                dates = e["date_begin"] or "?"
                if e["date_end"] and e["date_end"] != e["date_begin"]:
                    dates += ".." + e["date_end"]
                _add_row(
                    et,
                    f"{e['plover_type']}/{e['plover_mode'] or '-'}",
                    e["cameo"] or "-",
                    f"{e['source_country'] or '?'}→{e['target_country'] or '?'}",
                    dates,
                    e["status"] + (" (caption)" if e["segment"] != "body" else ""),
                    e["text"],
                    (e.get("sentence_text") or "")[:70],
                )
            out.print(et)
    if summ.get("stories"):
        out.print(f"\n[bold]Stories: {len(summ['stories'])}[/bold]")
        for st in summ["stories"]:
            out.print(_story_line(st), markup=False, highlight=False)
            out.print(f"    key events: {st['summary'] or '-'}", markup=False, highlight=False)
    out.print(f"\n[bold]Duplicates removed: {len(summ['duplicates'])}[/bold]")
    for c in summ["duplicates"]:
        out.print(
            f"  {c['source']} → {c['article_id'][:10]} ({c['kind']}, similarity {c['similarity']:.2f})",
            markup=False,
        )
    if summ["problems"]:
        out.print(f"[bold]Problems: {len(summ['problems'])}[/bold] (see `eventwire errors`)")
