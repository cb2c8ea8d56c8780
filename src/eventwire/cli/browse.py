"""Commands that read the store: summary, articles, show, stories, export, codes, errors, events."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from eventwire.cli import pipeline as _pipeline
from eventwire.cli._app import (
    DbOpt,
    _add_row,
    _fail,
    _opened_store,
    _quiet_pipe,
    _table,
    app,
    console,
)
from eventwire.cli.pipeline import _print_overview, _print_summary
from eventwire.errors import UsageError


@app.command()
def summary(
    db: str | None = DbOpt,
    details: bool = typer.Option(
        False, "--details", help=f"List every article (the default past {_pipeline.DETAIL_MAX} articles is an overview)."
    ),
) -> None:
    """Print a readable summary of the store: articles, duplicates, actors, events."""
    from eventwire import api

    with _opened_store(db, read_only=True) as store:
        if details or store.count("articles") <= _pipeline.DETAIL_MAX:
            _print_summary(api.summary(store))
        else:
            _print_overview(api.overview(store))


@app.command()
def articles(
    db: str | None = DbOpt,
    search: str | None = typer.Option(None, "--search", "-s", help="Full-text search query."),
    limit: int = typer.Option(50, help="At most this many rows."),
) -> None:
    """List stored articles (or search them)."""

    with _opened_store(db, read_only=True) as store:
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
    """Show an article's text with its annotations, or a story with its timeline of events
    and its facts (agreement label and sources with quoted spans)."""
    import json

    from eventwire.corpus.canonical.view import story_view
    from eventwire.corpus.facts.view import story_fact_view
    from eventwire.errors import StoreError
    from eventwire.show import article_view, render_article

    with _opened_store(db, read_only=True) as store:
        sid = _story_id(store, article_id)
        if sid is not None:
            sview = story_view(store, sid)
            if sview is None:
                raise StoreError(f"no story with id {sid!r}", "E203")
            facts = story_fact_view(store, sid)
            if as_json:
                sview["facts"] = [f.to_json() for f in facts]
                sys.stdout.write(json.dumps(sview, ensure_ascii=False, indent=2) + "\n")
            else:
                _render_story(sview, facts, Console())
            return
        view = article_view(store, article_id)
        if view is None:
            raise StoreError(f"no article or story with id {article_id!r}", "E203")
        if as_json:
            sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=2) + "\n")
        else:
            render_article(view, Console())


def _story_id(store: Any, prefix: str) -> str | None:
    hit = next(store.records("stories", filters={"id": prefix}), None)
    if hit is not None:
        return str(hit["id"])
    if len(prefix) < 6:
        return None
    found = [r["id"] for r in store.records("stories") if r["id"].startswith(prefix)]
    return found[0] if len(found) == 1 else None


def _render_story(view: dict[str, Any], facts: Any, out: Console) -> None:
    """The story, its articles, timeline and facts as wrapped plain text (readable at 80
    columns; see ``cli.story_text``)."""
    from eventwire.cli.story_text import story_lines

    for line in story_lines(view, facts, out.width):
        out.print(line, markup=False, highlight=False, soft_wrap=True)


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

    with _opened_store(db) as store:
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
    partition_by: str | None = typer.Option(
        None,
        "--partition-by",
        help="date: write a Parquet dataset folder partitioned by date (-o DIR).",
    ),
    db: str | None = DbOpt,
) -> None:
    """Export every record of KIND in an open format."""
    from eventwire.export import export as do_export

    with _opened_store(db, read_only=True) as store:
        with _quiet_pipe():
            n = do_export(store, kind, fmt, output, partition_by=partition_by)
        if output is not None:
            console.print(f"wrote {n} {kind} to {output}", highlight=False)


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
    with _opened_store(db, read_only=True) as store:
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
    """List coded events with filters (`eventwire codes` explains role, CAMEO and PLOVER codes).

    An event its article does not date (an article with no publication date cannot date "next
    week") shows the date of its story's canonical event when another article dates it, marked
    "(inferred)" (jsonl: ``story_date``); ``--since``/``--until`` read the events' own dates."""
    import json

    from eventwire.corpus.canonical.view import story_dates
    from eventwire.query import event_filters

    with _opened_store(db, read_only=True) as store:
        filters = event_filters(country, type, status, since, until, actor)
        rows = list(store.records("events", filters=filters))
        if story:
            members = {m["article_id"] for m in store.records("story_articles", filters={"story_id": story})}
            if not members and next(store.records("stories", filters={"id": story}), None) is None:
                raise UsageError(f"no story with id {story!r}", "E002")
            rows = [r for r in rows if r["article_id"] in members]
        if fmt not in ("table", "jsonl"):
            raise UsageError(f"unknown format {fmt!r}; choose table or jsonl", "E001")
        from_story = story_dates(store, [r["id"] for r in rows if not r["date_begin"]])
        if fmt == "jsonl":
            with _quiet_pipe():
                for r in rows:
                    out = {**r, "story_date": from_story[r["id"]]} if r["id"] in from_story else r
                    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            return
        t = _table("article", "type", "cameo", "source→target", "date", "status", "text")
        for e in rows:
            d = from_story.get(e["id"], e)
            dates = (d["date_begin"] or "?") + (
                ".." + d["date_end"] if d["date_end"] and d["date_end"] != d["date_begin"] else ""
            ) + (" (inferred)" if e["id"] in from_story else "")
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
