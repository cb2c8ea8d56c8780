"""Facts and relations: `eventwire facts` (store or standalone) and `eventwire relations`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from eventwire._jsonl import write_jsonl
from eventwire.cli._app import (
    DbOpt,
    OutputOpt,
    _add_row,
    _fail,
    _opened_store,
    _output,
    app,
    console,
)
from eventwire.errors import EventwireError, UsageError


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
    with _opened_store(db) as store:
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

    with _opened_store(db) as store:
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
                when = (x["when"] or "?") + (" (inferred)" if x.get("inferred") else "")
                _add_row(t, pair, when, x["what"], x.get("status") or "", x["article_id"][:10])
        Console().print(t)
