"""API tokens for the HTTP server: ``ew_<id>_<secret>``, 256 random bits of secret.

Only the SHA-256 of the whole token is stored (a high-entropy secret needs no slow hash:
nobody can guess one from its digest), so a copy of the database gives no usable token.
The token is shown once, when created; revoking keeps the row (who, when) but the token
stops working at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

import sqlalchemy as sa

from eventwire.errors import UsageError
from eventwire.store import schema
from eventwire.store.sql import Store

__all__ = ["create_token", "revoke_token", "list_tokens", "verify_token", "SCOPES"]

SCOPES = ("write", "read")  # write: ingest (and read); read: read when reads are closed
_PREFIX = "ew_"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str, scope: str = "write") -> tuple[str, str]:
    """Create a token; returns (token id, the token). The token is not stored, only its
    digest: give it to the client now."""
    if scope not in SCOPES:
        raise UsageError(f"unknown token scope {scope!r}; choose one of: {', '.join(SCOPES)}", "E002")
    name = name.strip()
    if not name:
        raise UsageError("a token needs a name (who or what uses it)", "E002")
    tid = secrets.token_hex(6)
    token = f"{_PREFIX}{tid}_{secrets.token_urlsafe(32)}"
    with store.engine.begin() as conn:
        conn.execute(schema.api_tokens.insert().values(
            id=tid, name=name, hash=_digest(token), scope=scope, created_at=_now()))
    return tid, token


def revoke_token(store: Store, token_id: str) -> None:
    """Revoke a token by its id (E206 if there is no such active token)."""
    t = schema.api_tokens
    with store.engine.begin() as conn:
        n = conn.execute(t.update().where(t.c.id == token_id, t.c.revoked_at.is_(None))
                         .values(revoked_at=_now())).rowcount
    if not n:
        raise UsageError(f"no active API token with id {token_id!r} (see `eventwire tokens list`)", "E206")


def list_tokens(store: Store) -> list[dict[str, Any]]:
    """Every token's id, name, scope and dates (never a digest or secret)."""
    t = schema.api_tokens
    cols = [t.c.id, t.c.name, t.c.scope, t.c.created_at, t.c.revoked_at, t.c.last_used_at]
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(*cols).order_by(t.c.created_at, t.c.id))]


def verify_token(store: Store, token: str, scope: str = "write") -> dict[str, Any] | None:
    """The active token row for ``token`` if it grants ``scope`` (a write token also
    reads), else None."""
    if not token.startswith(_PREFIX) or len(token) > 200:
        return None
    t = schema.api_tokens
    with store.engine.connect() as conn:
        r = conn.execute(sa.select(t.c.id, t.c.name, t.c.scope)
                         .where(t.c.hash == _digest(token), t.c.revoked_at.is_(None))).first()
    if r is None or (scope == "write" and r.scope != "write"):
        return None
    return dict(r._mapping)
