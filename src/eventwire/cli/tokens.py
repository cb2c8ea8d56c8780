"""`eventwire tokens create/revoke/list`: API tokens for `eventwire serve`'s ingest
endpoint (and for reads, when the server does not serve them openly)."""

from __future__ import annotations

import typer

from eventwire.cli._app import DbOpt, _add_row, _opened_store, _table, app, console

tokens_app = typer.Typer(help="API tokens for the HTTP server (stored hashed).", no_args_is_help=True)
app.add_typer(tokens_app, name="tokens")


@tokens_app.command("create")
def create(
    name: str = typer.Argument(..., help="Who or what uses the token (for the list)."),
    scope: str = typer.Option("write", help="write (ingest and read) or read."),
    db: str | None = DbOpt,
) -> None:
    """Create a token and print it once (only its SHA-256 is stored)."""
    from eventwire.store.tokens import create_token

    with _opened_store(db) as store:
        tid, token = create_token(store, name, scope)
        console.print(f"created token {tid} ({scope}) for {name}; it is shown only now:",
                      highlight=False, markup=False)
        typer.echo(token)


@tokens_app.command("revoke")
def revoke(
    token_id: str = typer.Argument(..., help="The token's id (see `eventwire tokens list`)."),
    db: str | None = DbOpt,
) -> None:
    """Revoke a token: it stops working at once."""
    from eventwire.store.tokens import revoke_token

    with _opened_store(db, read_only=True) as store:
        revoke_token(store, token_id)
        console.print(f"revoked token {token_id}", highlight=False, markup=False)


@tokens_app.command("list")
def list_(db: str | None = DbOpt) -> None:
    """List tokens (ids, names, scopes, dates; never the secrets)."""
    from eventwire.store.tokens import list_tokens

    with _opened_store(db, read_only=True) as store:
        t = _table("id", "name", "scope", "created", "revoked", "last used")
        for r in list_tokens(store):
            _add_row(t, r["id"], r["name"], r["scope"], r["created_at"], r["revoked_at"] or "",
                     r["last_used_at"] or "")
        console.print(t)
