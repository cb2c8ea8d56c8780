"""The ``eventwire`` command line: parses, calls the API, prints. The only module that prints."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from eventwire._jsonl import write_jsonl
from eventwire.errors import EventwireError, UsageError

__all__ = ["app", "main"]

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


DbOpt = typer.Option(
    None,
    "--db",
    help="Database URL (sqlite:///path.db or postgresql://…); default $EVENTWIRE_DB or ./eventwire.db.",
)


def _store(db: str | None, *, read_only: bool = False) -> Any:
    """Open the store; a read-only command refuses a SQLite file that does not exist
    instead of creating an empty database there."""
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
        return open_store(db)
    except EventwireError as e:
        _fail(e)


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
) -> None:
    """Ingest and analyze INPUTS, incrementally (re-running adds nothing new)."""
    from eventwire import api

    store = _store(db)
    try:
        with _progress_bar() as prog:
            res = api.run(
                store, inputs, allow_private=allow_private, n_process=n_process, progress=prog
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
            _print_summary(api.summary(store, res.ingest.article_ids))
        _ingest_exit(res.ingest)
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="Files, directories, globs or URLs."),
    db: str | None = DbOpt,
    allow_private: bool = typer.Option(False, help="Allow fetching private/loopback URLs."),
    workers: int = typer.Option(1, "--workers", "-w", help="Reader/cleaner worker processes."),
) -> None:
    """Read, clean and de-duplicate INPUTS into the store, without analysis."""
    from eventwire import api

    store = _store(db)
    try:
        with _progress_bar() as prog:
            s = api.ingest(
                store, inputs, allow_private=allow_private, workers=workers, progress=prog
            )
        _print_ingest(s)
        _ingest_exit(s)
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


@app.command()
def analyze(
    db: str | None = DbOpt,
    n_process: int = typer.Option(1, "--processes", "-p", help="spaCy worker processes."),
) -> None:
    """Analyze every stored article not yet analyzed by the current pipeline."""
    from eventwire import api

    store = _store(db)
    try:
        with _progress_bar() as prog:
            s = api.analyze(store, n_process=n_process, progress=prog)
        console.print(
            f"analyzed {s.analyzed} article(s) in {s.seconds:.1f}s"
            + (f"; failed on {s.failed} (see `eventwire errors`)" if s.failed else ""),
            highlight=False,
        )
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


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
            out.print(
                f"  {st['id']}  {st['n_articles']} article(s), {st['first_seen'] or '?'}..{st['last_seen'] or '?'}: "
                f"{st['title'] or '(untitled)'}",
                markup=False, highlight=False,
            )
            out.print(f"    key events: {st['summary'] or '-'}", markup=False, highlight=False)
    out.print(f"\n[bold]Duplicates removed: {len(summ['duplicates'])}[/bold]")
    for c in summ["duplicates"]:
        out.print(
            f"  {c['source']} → {c['article_id'][:10]} ({c['kind']}, similarity {c['similarity']:.2f})",
            markup=False,
        )
    if summ["problems"]:
        out.print(f"[bold]Problems: {len(summ['problems'])}[/bold] (see `eventwire errors`)")


@app.command()
def summary(db: str | None = DbOpt) -> None:
    """Print a readable summary of the store: articles, duplicates, actors, events."""
    from eventwire import api

    store = _store(db, read_only=True)
    try:
        _print_summary(api.summary(store))
    finally:
        store.close()


@app.command()
def articles(
    db: str | None = DbOpt,
    search: str | None = typer.Option(None, "--search", "-s", help="Full-text search query."),
    limit: int = typer.Option(50, help="At most this many rows."),
) -> None:
    """List stored articles (or search them)."""

    store = _store(db, read_only=True)
    try:
        rows = (
            store.search(search, limit)
            if search
            else list(store.records("articles", include_text=False, limit=limit))
        )
        t = _table("id", "title", "outlet", "published", *(("match",) if search else ()))
        for r in rows:
            vals = [
                r["id"],
                (r.get("title") or "")[:70],
                r.get("outlet") or "-",
                r.get("published") or "-",
            ]
            if search:
                vals.append(r.get("snippet") or "")
            _add_row(t, *vals)
        Console().print(t)
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


@app.command()
def show(
    article_id: str = typer.Argument(
        ..., help="Article or story id (a unique prefix of an article id is enough)."
    ),
    db: str | None = DbOpt,
    as_json: bool = typer.Option(
        False, "--json", help="Print the article and all its records as JSON."
    ),
) -> None:
    """Show an article's text with its annotations, or a story with its timeline of events."""
    import json

    from eventwire.corpus.canonical.view import story_view
    from eventwire.errors import StoreError
    from eventwire.show import article_view, render_article

    store = _store(db, read_only=True)
    try:
        sid = _story_id(store, article_id)
        if sid is not None:
            sview = story_view(store, sid)
            if sview is None:
                raise StoreError(f"no story with id {sid!r}", "E203")
            if as_json:
                sys.stdout.write(json.dumps(sview, ensure_ascii=False, indent=2) + "\n")
            else:
                _render_story(sview, Console())
            return
        view = article_view(store, article_id)
        if view is None:
            raise StoreError(f"no article or story with id {article_id!r}", "E203")
        if as_json:
            sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=2) + "\n")
        else:
            render_article(view, Console())
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


def _story_id(store: Any, prefix: str) -> str | None:
    hit = next(store.records("stories", filters={"id": prefix}), None)
    if hit is not None:
        return str(hit["id"])
    if len(prefix) < 6:
        return None
    found = [r["id"] for r in store.records("stories") if r["id"].startswith(prefix)]
    return found[0] if len(found) == 1 else None


def _render_story(view: dict[str, Any], out: Console) -> None:
    st = view["story"]
    out.print(f"[bold]Story {st['id']}[/bold]: {escape(st['title'] or '(untitled)')}", highlight=False)
    out.print(
        f"first seen {st['first_seen'] or '?'}, last seen {st['last_seen'] or '?'}; "
        f"{st['n_articles']} article(s); outlets: {', '.join(st['outlets'] or []) or '-'}",
        markup=False, highlight=False,
    )
    out.print(f"Key events: {view['summary'] or '-'}", markup=False, highlight=False)
    from rich.table import Table

    at = Table(title="Articles")
    for col in ("article", "published", "outlet", "title"):
        at.add_column(col, overflow="fold")
    for a in view["articles"]:
        _add_row(at, a["id"], a["published"] or "?", a["outlet"] or "-", a["title"] or "")
    out.print(at)
    tt = Table(title="Timeline (canonical events)")
    for col in ("date", "event", "type", "status", "place", "sources"):
        tt.add_column(col, overflow="fold")
    for e in view["timeline"]:
        when = e["date_begin"] or "?"
        if e["date_end"] and e["date_end"] != e["date_begin"]:
            when += ".." + e["date_end"]
        srcs = "; ".join(f"{m['article_id'][:10]}:{m['start']} \"{m['text']}\" ({m['status']})"
                         for m in e["mentions"])
        _add_row(tt, when, e["label"].split(" (")[0], f"{e['plover_type']} {e['cameo'] or ''}",
                 e["status"], e["place_name"] or "-", srcs)
    out.print(tt)


@app.command()
def stories(
    db: str | None = DbOpt,
    min_articles: int = typer.Option(1, help="Only stories with at least this many articles."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
) -> None:
    """List stories (groups of articles about one happening), most recent first."""
    import json

    from rich.table import Table

    from eventwire.corpus.canonical.view import list_stories

    store = _store(db)
    try:
        if fmt not in ("table", "jsonl"):
            raise UsageError(f"unknown format {fmt!r}; choose table or jsonl", "E001")
        rows = list_stories(store, min_articles)
        if fmt == "jsonl":
            for r in rows:
                sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
            return
        t = Table()
        for col in ("story", "first seen", "last seen", "articles", "title"):
            t.add_column(col, overflow="fold")
        for r in rows:
            _add_row(t, r["id"], r["first_seen"] or "?", r["last_seen"] or "?", r["n_articles"],
                     r["title"] or "")
        Console().print(t if rows else "no stories yet (run `eventwire run` first)")
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


@app.command()
def export(
    kind: str = typer.Argument(
        ...,
        help="Record kind: articles, sources, problems, segments, sentences, entities, timexes, actors, actor_mentions, places, events, stories, story_articles, story_changes, canonical_events, canonical_event_mentions.",
    ),
    fmt: str = typer.Option(
        "jsonl", "--format", "-f", help="jsonl, csv, parquet; for events also gdelt, plover."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Output file (default stdout; required for parquet)."
    ),
    db: str | None = DbOpt,
) -> None:
    """Export every record of KIND in an open format."""
    from eventwire.export import export as do_export

    store = _store(db, read_only=True)
    try:
        with _quiet_pipe():
            n = do_export(store, kind, fmt, output)
        if output is not None:
            console.print(f"wrote {n} {kind} to {output}", highlight=False)
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


@app.command()
def codes(
    kind: str = typer.Argument(
        "all", help="roles, cameo, plover or all: which codes to explain."
    ),
) -> None:
    """Explain the codes in event output: actor roles (GOV, MIL, …), CAMEO roots (01–20)
    and PLOVER event types. A 3–4 digit CAMEO code starts with its root."""
    import json
    from importlib import resources

    legend = json.loads(
        (resources.files("eventwire") / "resources" / "codes" / "legend.json").read_text("utf-8")
    )
    parts = {"roles": "roles", "cameo": "cameo_roots", "plover": "plover"}
    if kind != "all" and kind not in parts:
        _fail(UsageError(f"unknown code kind {kind!r}; choose roles, cameo, plover or all", "E001"))
    for name, key in parts.items():
        if kind in ("all", name):
            t = _table("code", "meaning", title=f"{name} codes")
            for code_, meaning in legend[key].items():
                _add_row(t, code_, meaning)
            Console().print(t)


@app.command()
def errors(
    db: str | None = DbOpt,
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv."),
    include_resolved: bool = typer.Option(
        False, "--all", help="Also list problems a later successful read resolved."
    ),
) -> None:
    """List inputs that failed (E-codes) or were read with a warning (W-codes), and why.

    Sources are printed whole in a terminal and in a pipe; --format jsonl/csv give one
    record per problem.
    """
    import csv
    import json

    if fmt not in ("table", "jsonl", "csv"):
        _fail(UsageError(f"unknown format {fmt!r}; choose table, jsonl or csv", "E001"))
    store = _store(db, read_only=True)
    try:
        rows = [
            r for r in store.records("problems")
            if include_resolved or not r.get("resolved_at")
        ]
        if fmt == "jsonl":
            with _quiet_pipe():
                for r in rows:
                    sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            cols = list(rows[0]) if rows else ["source", "code", "reason", "seen_at"]
            w = csv.DictWriter(sys.stdout, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        elif not rows:
            Console().print("no problems recorded")
        else:
            t = _table("source", "code", "reason", "seen")
            for r in rows:
                _add_row(t, r["source"], r["code"], r["reason"], r["seen_at"])
            Console().print(t)
    finally:
        store.close()


@app.command()
def events(
    db: str | None = DbOpt,
    actor: str | None = typer.Option(None, help="Actor id (either side)."),
    country: str | None = typer.Option(None, help="ISO3 country code (either side)."),
    type: str | None = typer.Option(None, "--type", help="PLOVER event type, e.g. CONSULT."),
    status: str | None = typer.Option(
        None, help="planned, happened, ongoing, negated, hypothetical, reported-claim."
    ),
    since: str | None = typer.Option(None, help="Event date on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, help="Event date on or before (YYYY-MM-DD)."),
    story: str | None = typer.Option(None, help="Story id: only events of its articles."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
) -> None:
    """List coded events with filters (`eventwire codes` explains role, CAMEO and PLOVER codes)."""
    import json

    from eventwire.query import event_filters

    store = _store(db, read_only=True)
    try:
        filters = event_filters(country, type, status, since, until, actor)
        rows = list(store.records("events", filters=filters))
        if story:
            members = {m["article_id"] for m in store.records("story_articles", filters={"story_id": story})}
            if not members and next(store.records("stories", filters={"id": story}), None) is None:
                raise UsageError(f"no story with id {story!r}", "E002")
            rows = [r for r in rows if r["article_id"] in members]
        if fmt not in ("table", "jsonl"):
            raise UsageError(f"unknown format {fmt!r}; choose table or jsonl", "E001")
        if fmt == "jsonl":
            with _quiet_pipe():
                for r in rows:
                    sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
            return
        t = _table("article", "type", "cameo", "source→target", "date", "status", "text")
        for e in rows:
            dates = (e["date_begin"] or "?") + (
                ".." + e["date_end"] if e["date_end"] and e["date_end"] != e["date_begin"] else ""
            )
            _add_row(
                t,
                e["article_id"][:10],
                e["plover_type"],
                e["cameo"] or "-",
                f"{e['source_country'] or '?'}→{e['target_country'] or '?'}",
                dates,
                e["status"],
                e["text"],
            )
        Console().print(t)
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


@app.command()
def facts(
    input: Path | None = typer.Option(
        None, "--input", "-i", help="Standalone: JSON Lines of articles {doc_id, text, date?, story?}."
    ),
    output: Path | None = OutputOpt,
    db: str | None = DbOpt,
    story: str | None = typer.Option(None, help="Story id (or its prefix)."),
    label: str | None = typer.Option(None, help="agree, complement, conflict, update or single-source."),
    key: str | None = typer.Option(None, help="Fact key prefix, e.g. money: or relation:level."),
    article: str | None = typer.Option(None, help="Only groups with a statement of this article id (prefix)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
) -> None:
    """Facts and their agreement across the articles of each story.

    With --input (the standalone command): input lines {"doc_id", "text", "date"?, "story"?};
    output one line per story {"story", "statements": [...], "groups": [{"key", "label",
    "members"}]}; a malformed line gives a {"line", "error"} line and the run goes on.
    Without --input: the stored fact groups, with their statements and sources, filtered.
    """
    import json

    from eventwire.corpus.facts.command import facts_command, read_lines
    from eventwire.corpus.facts.records import LABELS

    if input is not None:
        try:
            with _output(output) as out:
                n = write_jsonl(facts_command(read_lines(input)), out)
            if output is not None:
                console.print(f"wrote {n} lines to {output}", highlight=False, markup=False)
        except EventwireError as e:
            _fail(e)
        return
    store = _store(db)
    try:
        if label is not None and label not in LABELS:
            raise UsageError(f"unknown label {label!r}; choose one of: {', '.join(LABELS)}", "E002")
        if fmt not in ("table", "jsonl"):
            raise UsageError(f"unknown format {fmt!r}; choose table or jsonl", "E001")
        filters: dict[str, Any] = {"label": label} if label else {}
        groups = [
            g for g in store.records("fact_groups", filters=filters)
            if (story is None or g["story_id"].startswith(story))
            and (key is None or g["key"].startswith(key))
            and (article is None or any(a.startswith(article) for a in g["article_ids"]))
        ]
        ids = sorted({i for g in groups for i in g["statement_ids"]})
        stmts = {f["id"]: f for f in store.records("facts", filters={"id__in": ids})} if ids else {}
        if fmt == "jsonl":
            for g in groups:
                rec = {**g, "statements": [stmts[i] for i in g["statement_ids"] if i in stmts]}
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            return
        from rich.table import Table

        t = Table()
        for col in ("story", "fact", "label", "articles", "values", "statements (article: text)"):
            t.add_column(col)
        for g in groups:
            sts = [stmts[i] for i in g["statement_ids"] if i in stmts]
            values = sorted({json.dumps(s["value"], ensure_ascii=False) for s in sts})
            _add_row(t, g["story_id"][:10], g["key"], g["label"], str(g["n_articles"]), "; ".join(values)[:60],
                     " | ".join(f"{s['article_id'][:6]}: {s['text'][:50]}" for s in sts[:4]))
        Console().print(t)
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


@app.command()
def relations(
    db: str | None = DbOpt,
    country: str | None = typer.Option(None, help="ISO3 code: only pairs with this country (and every event of it)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
) -> None:
    """Relation timelines per country pair: relation levels stated as facts (with the year
    they were set) and the coded events between the two countries, in time order."""
    import json

    from eventwire.corpus.facts.timeline import relation_timelines

    store = _store(db)
    try:
        if fmt not in ("table", "jsonl"):
            raise UsageError(f"unknown format {fmt!r}; choose table or jsonl", "E001")
        timelines = relation_timelines(store, country.upper() if country else None)
        if fmt == "jsonl":
            for pair, entries in sorted(timelines.items()):
                sys.stdout.write(json.dumps({"pair": pair, "timeline": entries}, ensure_ascii=False) + "\n")
            return
        from rich.table import Table

        t = Table()
        for col in ("pair", "when", "what", "status", "article"):
            t.add_column(col)
        for pair, entries in sorted(timelines.items()):
            for x in entries:
                _add_row(t, pair, x["when"] or "?", x["what"], x.get("status") or "", x["article_id"][:10])
        Console().print(t)
    except EventwireError as e:
        _fail(e)
    finally:
        store.close()


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `eventwire export … | head`: the reader has what it wanted
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except EventwireError as e:  # commands catch their own; this is the backstop
        console.print(f"Error {e.code}: {e.message}", highlight=False, markup=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        console.print("interrupted: what was committed is kept; run again to continue")
        sys.exit(130)
    except Exception as e:  # never a traceback for the user
        msg = f"{type(e).__name__}: {e}".splitlines()[0][:300]
        console.print(
            f"Error E999: internal error ({msg}); please report it",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
