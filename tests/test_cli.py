"""The CLI in-process (typer's runner) over a seeded store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()


def _ok(*args: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout


def test_cli_articles_and_search(seed_db: str) -> None:
    out = _ok("articles", "--db", seed_db)
    assert "Hanoi, Beijing to discuss" in out and "2023-12-07" in out
    out = _ok("articles", "--db", seed_db, "--search", "customs data")
    assert "Hanoi, Beijing" in out and "upcoming visit" not in out


def test_cli_show_text_and_json(seed_db: str) -> None:
    ids = [json.loads(x)["id"] for x in _ok("export", "articles", "--db", seed_db).splitlines()]
    view = json.loads(_ok("show", ids[0][:8], "--db", seed_db, "--json"))
    text = view["article"]["text"]
    for kind in ("segments", "sentences", "entities", "timexes", "actor_mentions", "events"):
        for r in view[kind]:
            assert text[r["start"] : r["end"]] == r["text"]
    out = _ok("show", ids[0], "--db", seed_db)
    assert view["article"]["title"][:30] in out


def test_cli_export_formats(seed_db: str, tmp_path: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(_ok("export", "entities", "-f", "csv", "--db", seed_db)))
    )
    assert rows and {"article_id", "start", "end", "text", "label"} <= set(rows[0])
    pq = tmp_path / "actors.parquet"
    _ok("export", "actors", "-f", "parquet", "-o", str(pq), "--db", seed_db)
    import pyarrow.parquet as pq_mod

    names = pq_mod.read_table(pq).column("name").to_pylist()
    assert "Xi Jinping" in names
    gd = _ok("export", "events", "-f", "gdelt", "--db", seed_db).splitlines()
    assert gd[0].startswith("GLOBALEVENTID\tSQLDATE") and len(gd) > 5
    plover = [
        json.loads(x) for x in _ok("export", "events", "-f", "plover", "--db", seed_db).splitlines()
    ]
    assert all(p["event"] and "cite_info" in p for p in plover)


def test_cli_events_filters(seed_db: str) -> None:
    rows = [
        json.loads(x)
        for x in _ok("events", "--db", seed_db, "-f", "jsonl", "--country", "VNM").splitlines()
    ]
    assert rows and all("VNM" in (r["source_country"], r["target_country"]) for r in rows)
    planned = [
        json.loads(x)
        for x in _ok("events", "--db", seed_db, "-f", "jsonl", "--status", "planned").splitlines()
    ]
    assert planned and all(r["status"] == "planned" for r in planned)
    since = [
        json.loads(x)
        for x in _ok("events", "--db", seed_db, "-f", "jsonl", "--since", "2023-12-01").splitlines()
    ]
    assert all(r["date_begin"] >= "2023-12-01" for r in since)


def test_cli_errors_and_summary(seed_db: str) -> None:
    assert "no problems recorded" in _ok("errors", "--db", seed_db)
    out = _ok("summary", "--db", seed_db)
    assert "inferred-from-text" in out and "dateline" in out and "Duplicates removed: 0" in out
