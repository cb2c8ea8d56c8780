"""`eventwire db upgrade`: bring a store's schema up to date (the only command, with
`run`, `ingest`, `analyze` and `serve` at their start, that migrates)."""

from __future__ import annotations

import typer

from eventwire.cli._app import DbOpt, _opened_store, app, console

db_app = typer.Typer(help="Database maintenance: schema upgrades.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade(db: str | None = DbOpt) -> None:
    """Migrate the store's schema to the latest revision (a no-op when it is current)."""
    with _opened_store(db, migrate=False) as store:
        before = store.schema_revision()
        store.migrate()
        after = store.schema_revision()
        msg = (f"schema already at revision {after}" if before == after
               else f"schema upgraded from revision {before or '(empty)'} to {after}")
        console.print(msg, highlight=False, markup=False)


@db_app.command("revision")
def revision(db: str | None = DbOpt) -> None:
    """Print the store's schema revision and the latest one this eventwire knows."""
    from eventwire.store.sql import schema_head

    with _opened_store(db, read_only=True, migrate=False) as store:
        rev = store.schema_revision()
        head = schema_head()
        state = "current" if rev == head else "behind: run `eventwire db upgrade`"
        typer.echo(f"{rev or '(none)'} (latest {head}; {state})")
