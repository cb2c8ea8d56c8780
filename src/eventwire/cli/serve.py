"""`eventwire serve`: the HTTP API and web UI over a store."""

from __future__ import annotations

import typer

from eventwire.cli._app import DbOpt, _fail, _store, app, console
from eventwire.errors import EventwireError, UsageError


@app.command()
def serve(
    db: str | None = DbOpt,
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the web UI and JSON API (OpenAPI spec at /api/openapi.json) over the store.

    The schema is brought up to date once, here; the server keeps serving while
    `eventwire run` writes to the same store from another process.
    """
    try:
        try:
            import uvicorn

            from eventwire.serve import create_app
        except ImportError:
            raise UsageError(
                "the server needs the serve extra: pip install 'eventwire[serve]'", "E005"
            ) from None
        if not 0 < port < 65536:
            raise UsageError(f"port {port} is out of range", "E002")
        store = _store(db, migrate=True)  # opens and migrates once
        console.print(
            f"serving {store.engine.url.render_as_string(hide_password=True)} at http://{host}:{port}/ (API spec at /api/openapi.json); Ctrl-C stops",
            highlight=False, markup=False,
        )
        uvicorn.run(create_app(store=store), host=host, port=port, log_level="warning")
    except EventwireError as e:
        _fail(e)
