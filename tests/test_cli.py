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
    assert since and all(r["date_end"] >= "2023-12-01" for r in since)


def test_cli_events_show_the_story_date_of_an_event_its_article_cannot_date(seed_db: str) -> None:
    from eventwire.corpus.canonical.view import story_dates
    from eventwire.store import open_store

    rows = [json.loads(x) for x in _ok("events", "--db", seed_db, "-f", "jsonl").splitlines()]
    with open_store(seed_db) as store:
        expected = story_dates(store, [r["id"] for r in rows if not r["date_begin"]])
    assert expected, "the undated seed article reports events a dated article dates"
    for r in rows:
        if r["id"] in expected:
            assert r["date_begin"] is None and r["story_date"] == expected[r["id"]]
        else:
            assert "story_date" not in r  # an event with its own date, or none to infer
    table = _ok("events", "--db", seed_db)
    assert "(inferred)" in table
    # the GDELT and PLOVER exports date those events the same way, marked as inferred
    gd = {r["GLOBALEVENTID"]: r for r in csv.DictReader(
        io.StringIO(_ok("export", "events", "-f", "gdelt", "--db", seed_db)), delimiter="\t")}
    plover = {p["id"]: p for p in map(json.loads, _ok("export", "events", "-f", "plover", "--db", seed_db).splitlines())}
    for r in rows:
        sd = expected.get(r["id"])
        own = (r["date_begin"] or "").replace("-", "")[:8]
        assert gd[r["id"]]["SQLDATE"] == (sd["date_begin"].replace("-", "")[:8] if sd else own)
        assert gd[r["id"]]["DateInferred"] == (sd["inferred"] if sd else "")
        assert plover[r["id"]]["date"] == (sd["date_begin"] if sd else r["date_begin"])
        assert plover[r["id"]].get("date_inferred") == (sd["inferred"] if sd else None)


def test_cli_errors_and_summary(seed_db: str) -> None:
    assert "no problems recorded" in _ok("errors", "--db", seed_db)
    out = _ok("summary", "--db", seed_db)
    assert "unknown" in out and "dateline" in out and "Duplicates removed: 0" in out


def test_cli_data_is_never_read_as_markup(tmp_path: Path) -> None:
    src = tmp_path / "m.jsonl"
    src.write_text(
        json.dumps(
            {"title": "Markets [/b] rally [b]", "text": "Stocks rose on Monday in New York."}
        )
        + "\n"
    )
    db = f"sqlite:///{tmp_path / 'm.db'}"
    _ok("ingest", str(src), "--db", db)
    assert "Markets [/b] rally" in _ok("articles", "--db", db)
    assert "[/b]" in _ok("articles", "--db", db, "--search", "stocks")


def test_cli_user_errors_are_coded_one_liners(tmp_path: Path, seed_db: str) -> None:
    cases = [
        (
            ["export", "events", "-o", str(tmp_path / "missing" / "x.jsonl"), "--db", seed_db],
            "E004",
        ),
        (["timex", "-i", str(tmp_path)], "E003"),
        (["events", "--db", seed_db, "--since", "garbage"], "E002"),
        (["events", "--db", seed_db, "--since", "2023-13-45"], "E002"),
        (["events", "--db", seed_db, "--until", "2023-02-30"], "E002"),
        (["events", "--db", seed_db, "--status", "maybe"], "E002"),
        (["events", "--db", seed_db, "-f", "xml"], "E001"),
    ]
    for args, code in cases:
        res = runner.invoke(app, args)
        assert res.exit_code == 1 and f"Error {code}" in res.output, (args, res.output)
        assert res.exception is None or isinstance(res.exception, SystemExit), (args, res.exception)


def test_cli_events_date_filters_overlap_periods(seed_db: str) -> None:
    visit = [
        json.loads(x)
        for x in _ok(
            "events", "--db", seed_db, "-f", "jsonl", "--since", "2023-12-13", "--until", "2023-12"
        ).splitlines()
    ]
    assert any(e["date_begin"] == "2023-12-12" and e["date_end"] == "2023-12-13" for e in visit)
    assert all(e["date_end"] >= "2023-12-13" and e["date_begin"] <= "2023-12-31" for e in visit)


def test_cli_run_fails_when_no_input_could_be_read(tmp_path: Path) -> None:
    res = runner.invoke(
        app, ["run", str(tmp_path / "nothing-here"), "--db", f"sqlite:///{tmp_path / 'n.db'}"]
    )
    assert res.exit_code == 2 and "eventwire errors" in res.output


def test_cli_events_actor_filter_runs_through_event_actors(seed_db: str) -> None:
    from eventwire.store import open_store

    with open_store(seed_db) as store:
        links = list(store.records("event_actors"))
    assert links
    actor = links[0]["actor_id"]
    want = sorted({r["event_id"] for r in links if r["actor_id"] == actor})
    rows = [
        json.loads(x)
        for x in _ok("events", "--db", seed_db, "-f", "jsonl", "--actor", actor[:8]).splitlines()
    ]
    assert sorted(r["id"] for r in rows) == want
    assert all(actor in r["source_actor_ids"] + r["target_actor_ids"] for r in rows)
    assert _ok("events", "--db", seed_db, "-f", "jsonl", "--actor", "zz%").strip() == ""


def test_cli_ingest_exit_codes_and_problems_resolved_by_a_later_read(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    good = tmp_path / "good.txt"
    good.write_text("Talks in Hanoi\n\nVietnam and Japan held talks in Hanoi on Monday.\n")
    bad = tmp_path / "story.json"
    bad.write_text('{"text": "Kenya and Uganda agreed on a border post.", ')  # cut short
    assert runner.invoke(app, ["ingest", str(bad), "--db", db]).exit_code == 2  # none read
    res = runner.invoke(app, ["ingest", str(good), str(bad), "--db", db])
    assert res.exit_code == 1 and "could not be read" in res.output  # some read
    rows = [json.loads(x) for x in _ok("errors", "--db", db, "-f", "jsonl").splitlines()]
    assert [(Path(r["source"]).name, r["code"]) for r in rows] == [("story.json", "E105")]
    assert rows[0]["source"] == str(bad)  # whole, not cut
    bad.write_text('{"text": "Kenya and Uganda agreed on a border post."}')  # fixed
    assert runner.invoke(app, ["ingest", str(bad), "--db", db]).exit_code == 0
    assert _ok("errors", "--db", db, "-f", "jsonl") == ""
    [r] = [json.loads(x) for x in _ok("errors", "--db", db, "-f", "jsonl", "--all").splitlines()]
    assert r["resolved_at"]
    csv_rows = list(csv.DictReader(io.StringIO(_ok("errors", "--db", db, "-f", "csv", "--all"))))
    assert csv_rows[0]["source"] == str(bad) and csv_rows[0]["code"] == "E105"


def test_cli_tables_wrap_instead_of_cutting_at_80_columns(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    deep = tmp_path / "a-rather-long-folder-name" / "and-another-long-one" / "inputs"
    deep.mkdir(parents=True)
    (deep / "empty-file-with-a-long-name.txt").write_text("")
    runner.invoke(app, ["ingest", str(deep), "--db", db])
    res = runner.invoke(app, ["errors", "--db", db], env={"COLUMNS": "80"})
    assert res.exit_code == 0
    assert "…" not in res.stdout
    assert max(len(x) for x in res.stdout.splitlines()) <= 80
    joined = "".join(x.strip("│┃ ").split("│")[0].strip() for x in res.stdout.splitlines())
    assert "empty-file-with-a-long-name.txt" in joined.replace(" ", "")


def test_cli_standalone_bad_lines_become_error_lines_in_order(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"doc_id": "a", "dct": "2023-12-07", "text": "They met yesterday."}\n'
        b"{not json\n"
        b"\n"
        b'{"doc_id": "c", "dct": "2023-12-07"}\n'
        b'{"doc_id": "d", "dct": "2023-01-01", "text": "caf\xe9"}\n'
        b'{"doc_id": "e", "dct": "2023-12-07", "text": "We leave next Monday."}\n'
    )
    res = runner.invoke(app, ["timex", "-i", str(src)])
    assert res.exit_code == 1  # some lines read, some not
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x.get("doc_id") for x in lines] == ["a", None, "c", None, "e"]
    assert lines[0]["timexes"][0]["value"] == "2023-12-06"
    assert [(x["line"], x["error"]) for x in lines if "error" in x] == [
        (2, "E105"), (4, "E105"), (5, "E103")
    ]
    assert lines[4]["timexes"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Troops left.", "verb": {"start": 0, "end": 6}}\n')
    res = runner.invoke(app, ["locate", "-i", str(bad)])
    assert res.exit_code == 2  # nothing read
    [line] = [json.loads(x) for x in res.stdout.splitlines()]
    assert line["id"] == "a" and line["error"] == "E105" and "verb" in line["reason"]


def test_cli_codes_legend_explains_every_code_the_resources_use() -> None:
    from importlib import resources

    res = resources.files("eventwire") / "resources"
    legend = json.loads((res / "codes" / "legend.json").read_text("utf-8"))
    mapping = json.loads((res / "events" / "cameo_to_plover.json").read_text("utf-8"))
    assert {v[0] for v in mapping.values() if v and v[0]} <= set(legend["plover"])
    assert {k[:2] for k in mapping} <= set(legend["cameo_roots"])
    agents = json.loads((res / "actors" / "phoenix_agents.json").read_text("utf-8"))
    assert {str(v)[:3] for v in agents.values()} <= set(legend["roles"])
    out = _ok("codes", "roles")
    assert "GOV" in out and "government" in out and "CAMEO" not in out


def test_cli_run_lists_articles_only_for_small_runs(tmp_path: Path, monkeypatch) -> None:
    """Past DETAIL_MAX new articles `run` prints an overview (totals, events by type, the
    largest stories) instead of a block per article; `--details` lists them all."""
    import eventwire.cli.pipeline as cli_pipeline

    seeds = str(Path(__file__).resolve().parents[1] / "examples" / "seeds")
    monkeypatch.setattr(cli_pipeline, "DETAIL_MAX", 1)
    out = _ok("run", seeds, "--db", f"sqlite:///{tmp_path / 'a.db'}")
    assert "Articles: 2 (an overview" in out and "events by type:" in out
    assert "Stories: 1" in out and "outlet:" not in out
    out = _ok("run", seeds, "--db", f"sqlite:///{tmp_path / 'b.db'}", "--details")
    assert "Articles: 2\n" in out and out.count("outlet:") == 2
    # `summary` over a store of more than DETAIL_MAX articles: the same overview, whole store
    out = _ok("summary", "--db", f"sqlite:///{tmp_path / 'a.db'}")
    assert "Articles: 2 (an overview" in out and "outlet:" not in out
    assert _ok("summary", "--db", f"sqlite:///{tmp_path / 'a.db'}", "--details").count("outlet:") == 2
    from eventwire import api
    from eventwire.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    ids = [a["id"] for a in store.records("articles", include_text=False)]
    assert api.overview(store) == api.overview(store, ids)
    assert sum(api.overview(store)["events_by_type"].values()) == store.count("events") > 0
