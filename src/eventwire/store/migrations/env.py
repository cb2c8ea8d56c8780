"""Alembic environment: runs migrations on the connection eventwire passes in."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - eventwire always passes a connection
    raise RuntimeError("eventwire migrations must be run through eventwire.store")

context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
