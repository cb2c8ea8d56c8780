"""`eventwire show STORY_ID` with facts, and the library view behind it
(``eventwire.corpus.facts.view.story_fact_view``), on the seed store: issue 12's
"Done when" checks, read from what a user sees."""

from __future__ import annotations

import json
import re
from typing import Any

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.corpus.facts.view import FactView, fact_title, format_value, story_fact_view


def _seed_story(seed_db: str) -> tuple[str, list[FactView], dict[str, dict[str, Any]]]:
    from eventwire.store import open_store

    with open_store(seed_db) as store:
        stories = list(store.records("stories"))
        assert len(stories) == 1
        sid = stories[0]["id"]
        arts = {a["id"]: a for a in store.records("articles")}
        return sid, story_fact_view(store, sid), arts


def _by(facts: list[FactView], pred: Any) -> list[FactView]:
    return [f for f in facts if pred(f)]


def test_view_seed_facts_labels_and_sources(seed_db: str) -> None:
    sid, facts, arts = _seed_story(seed_db)
    assert facts and all(f.story_id == sid for f in facts)
    for f in facts:
        for s in f.sources:  # every source quotes its article exactly
            assert arts[s.article_id]["text"][s.start : s.end] == s.quote
    both = {a for a in arts}
    partner = _by(facts, lambda f: f.key == "relation:trade partner:CHN>VNM")
    assert len(partner) == 1 and partner[0].label == "agree" and {s.article_id for s in partner[0].sources} == both
    assert "largest" in " ".join(s.quote for s in partner[0].sources)
    visit = _by(facts, lambda f: f.kind == "date" and f.value.startswith("2023-12-12/2023-12-13"))
    assert len(visit) == 1 and visit[0].label == "agree" and {s.article_id for s in visit[0].sources} == both
    areas = _by(facts, lambda f: f.kind == "list")
    assert len(areas) == 1 and areas[0].label == "complement"
    us = _by(facts, lambda f: f.key == "relation:level:USA-VNM")
    assert len(us) == 1 and us[0].label == "agree" and len(us[0].sources) == 2
    chn = _by(facts, lambda f: f.key == "relation:level:CHN-VNM")
    assert chn and "(2008)" in chn[0].value
    values = {f.value for f in facts}
    assert "175.6 billion USD (2022-01-01..2022-12-31)" in values
    assert "117.9 billion USD (2022-01-01..2022-12-31)" in values
    assert "rank 4 (2023)" in values
    # the undated article's FDI figure takes its period from the story's date, marked so
    fdi = _by(facts, lambda f: f.value == "3.96 billion USD (2023-01-01..2023-11-20)")
    assert len(fdi) == 1 and fdi[0].sources[0].inferred and "story date 2023-12-07" in fdi[0].sources[0].inferred
    # the conflicts/updates come first, single-source facts last
    order = [f.label for f in facts]
    assert order.index("agree") < order.index("single-source")


def test_view_nothing_from_the_photo_caption(seed_db: str) -> None:
    _, facts, arts = _seed_story(seed_db)
    text = next(a["text"] for a in arts.values() if "Photo courtesy" in a["text"])
    cap = text.index("General Secretary of the Communist Party of Vietnam Nguyen Phu Trong (right)")
    cap_end = text.index("Photo courtesy", cap)
    for f in facts:
        assert "2017" not in f.value
        for s in f.sources:
            assert not (s.article_id == next(i for i, a in arts.items() if a["text"] == text) and cap <= s.start < cap_end)


def test_view_unknown_story_is_empty(seed_db: str) -> None:
    from eventwire.store import open_store

    with open_store(seed_db) as store:
        assert story_fact_view(store, "no-such-story") == []


def test_view_titles_and_values_read_plainly() -> None:
    assert fact_title("money:trade", "money") == "amount: trade"
    assert fact_title("count:death:people#2", "count") == "number: death, people"
    assert fact_title("relation:trade partner:CHN>VNM", "relation") == "CHN is VNM's trade partner (rank)"
    assert fact_title("relation:level:CHN-VNM", "relation") == "relation level: CHN-VNM"
    assert format_value(175600000000.0, "money", "USD", None, "2022", ("2022-01-01", "2022-12-31")) == (
        "175.6 billion USD (2022-01-01..2022-12-31)")
    assert format_value([140e6, 150e6], "money", "USD", "range") == "140 million-150 million USD"
    assert format_value(2.0, "count", "people", "at least") == "at least 2 people"
    assert format_value(1.0, "relation", "rank", None, "2023") == "rank 1 (2023)"


def test_cli_show_story_prints_timeline_and_facts_at_80_columns(seed_db: str) -> None:
    sid, _, _ = _seed_story(seed_db)
    res = CliRunner().invoke(app, ["show", sid, "--db", seed_db], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert max(len(x) for x in lines) <= 80
    out = res.stdout
    assert "Timeline (" in out and "Facts (" in out
    assert out.index("Timeline (") < out.index("Facts (")
    assert re.search(r"\[agree\] CHN is VNM's trade partner \(rank\): rank 1", out)
    assert re.search(r"\[complement\] items", out)
    assert "[agree] relation level: USA-VNM" in out
    # each source line names the article, its date (or that it has none) and the quote
    assert re.search(r'- [0-9a-f]{10} \((?:2023-12-07|no date)\) "', out)
    assert "date inferred from the story" in out
    assert out.count(", in a caption)") == 1  # the timeline marks the photo caption's event


def test_cli_show_story_json_has_facts(seed_db: str) -> None:
    sid, facts, _ = _seed_story(seed_db)
    res = CliRunner().invoke(app, ["show", sid, "--db", seed_db, "--json"])
    assert res.exit_code == 0, res.output
    view = json.loads(res.stdout)
    assert len(view["facts"]) == len(facts)
    f = view["facts"][0]
    assert {"key", "label", "title", "value", "sources"} <= set(f)
    assert {"article_id", "start", "end", "quote", "inferred"} <= set(f["sources"][0])
