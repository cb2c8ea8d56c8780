"""The store as a server needs it: whitelisted filters, SQL counts (no N+1 summary), a
clear error for an empty search, no migration on open, `eventwire db upgrade`, tokens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from eventwire import api
from eventwire.cli import app
from eventwire.errors import StoreError, UsageError
from eventwire.store import open_store
from eventwire.store.sql import FILTERABLE, schema_head

runner = CliRunner()


def test_store_filters_are_whitelisted_for_every_caller(seed_db: str) -> None:
    store = open_store(seed_db)
    for kind, key in (("articles", "text"), ("articles", "signature"), ("events", "source_actor_ids"),
                      ("events", "nope"), ("events", "id; DROP TABLE events"), ("events", "attrs__in"),
                      ("facts", "actor"), ("events", "nope|status__any")):
        with pytest.raises(UsageError) as e:
            list(store.records(kind, filters={key: "x"}))
        assert e.value.code == "E002", key
    with pytest.raises(UsageError, match="list"):
        list(store.records("events", filters={"id__in": "abc"}))
    assert "text" not in FILTERABLE["articles"] and "plover_type" in FILTERABLE["events"]
    ev = next(store.records("events"))
    assert [e["id"] for e in store.records("events", filters={"id__in": [ev["id"]]})] == [ev["id"]]


def test_store_empty_search_is_a_usage_error(seed_db: str) -> None:
    store = open_store(seed_db)
    for q in ("", "   ", '""', "\x00", "\x00 \t"):
        with pytest.raises(UsageError, match="empty") as e:
            store.search(q)
        assert e.value.code == "E002"
    assert store.search('Vietnam "') and store.search("Vietnam\x00")


def test_store_summary_counts_in_sql_not_per_article(seed_db: str) -> None:
    store = open_store(seed_db)
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *a: Any) -> None:
        seen.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", count)
    s = api.summary(store)
    sa.event.remove(store.engine, "before_cursor_execute", count)
    n_articles = len(s["articles"])
    assert n_articles == 2
    assert s["articles"][0]["counts"]["events"] == len(s["articles"][0]["events"]) > 0
    # a fixed number of queries: 6 counted kinds + segments + a handful, not per article
    assert len(seen) < 25, len(seen)


def _at_revision(url: str, rev: str) -> None:
    from alembic import command
    from alembic.config import Config

    import eventwire.store

    store = open_store(url, migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(eventwire.store.__file__).parent / "migrations"))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, rev)
    store.close()


def test_store_open_never_migrates_an_existing_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _at_revision(url, "0007")
    with pytest.raises(StoreError) as e:
        open_store(url)
    assert e.value.code == "E205" and "eventwire db upgrade" in e.value.message
    assert open_store(url, migrate=False).schema_revision() == "0007"
    res = runner.invoke(app, ["events", "--db", url])
    assert res.exit_code == 1 and "E205" in res.output
    res = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert res.exit_code == 0 and "upgraded from revision 0007" in res.output
    assert open_store(url).schema_revision() == schema_head()
    res = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert "already at revision" in res.output
    fresh = open_store(f"sqlite:///{tmp_path / 'new.db'}")  # a new store gets its schema
    assert fresh.schema_revision() == schema_head()


def test_store_tokens_cli_creates_lists_and_revokes(tmp_path: Path) -> None:
    from eventwire.store.tokens import verify_token

    url = f"sqlite:///{tmp_path / 't.db'}"
    res = runner.invoke(app, ["tokens", "create", "ingest-bot", "--db", url])
    assert res.exit_code == 0, res.output
    token = res.stdout.strip().splitlines()[-1]
    assert token.startswith("ew_") and len(token) > 40
    store = open_store(url)
    row = verify_token(store, token)
    assert row is not None and row["name"] == "ingest-bot"
    res = runner.invoke(app, ["tokens", "list", "--db", url])
    assert "ingest-bot" in res.output and token not in res.output
    assert runner.invoke(app, ["tokens", "revoke", row["id"], "--db", url]).exit_code == 0
    assert verify_token(store, token) is None
    res = runner.invoke(app, ["tokens", "revoke", row["id"], "--db", url])
    assert res.exit_code == 1 and "E206" in res.output
    res = runner.invoke(app, ["tokens", "create", "x", "--scope", "admin", "--db", url])
    assert res.exit_code == 1 and "E002" in res.output
