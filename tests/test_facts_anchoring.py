"""Undated articles take their story's time (``eventwire.corpus.facts.anchoring``): in the
standalone command and in the store's ``facts`` corpus stage, on a general fixture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.corpus.facts import facts_command
from eventwire.corpus.facts.anchoring import story_date

_DATED_1 = ("Flood kills 12 in Riverton, officials say\n\nRIVERTON, Oct 14, 2021 - Floods in the town of "
            "Riverton killed 12 people on Wednesday, officials said. Mayor Jane Holloway said the river rose "
            "four metres overnight. The county has spent $2.5 million on flood defences this year.\n")
_DATED_2 = ("Riverton flood toll rises to 12\n\nRIVERTON, Oct 15, 2021 - The floods that hit Riverton killed "
            "12 people, Mayor Jane Holloway said on Thursday. The river rose four metres in one night. The "
            "county spent $2.5 million on flood defences this year, Holloway said.\n")
_UNDATED = ("Riverton counts the cost of the flood\n\nMayor Jane Holloway said yesterday that the floods in "
            "Riverton killed 12 people. The river rose four metres. The county has spent $2.5 million on "
            "flood defences this year, she said.\n")


def test_anchoring_story_date_is_the_median_of_close_dated_articles() -> None:
    d = story_date([("a", "2021-10-14"), ("b", None), ("c", "2021-10-15T08:00:00"), ("d", "2021-10-16")])
    assert d is not None and d.date == "2021-10-15" and d.n_dated == 3
    assert "median publication date" in d.provenance and "2021-10-15" in d.provenance
    assert story_date([("a", None)]) is None
    assert story_date([("a", "2021-01-01"), ("b", "2021-03-01")]) is None  # too far apart to lend one date


def _standalone(with_dates: bool) -> dict[str, Any]:
    recs = [{"doc_id": "u", "text": _UNDATED, "story": "s"}]
    if with_dates:
        recs += [{"doc_id": "d1", "text": _DATED_1, "date": "2021-10-14", "story": "s"},
                 {"doc_id": "d2", "text": _DATED_2, "date": "2021-10-15", "story": "s"}]
    out = list(facts_command(recs))
    assert len(out) == 1
    return out[0]


def test_anchoring_command_resolves_undated_article_from_its_story() -> None:
    story = _standalone(True)
    undated = [s for s in story["statements"] if s["doc_id"] == "u"]
    said = next(s for s in undated if s["text"] == "yesterday")
    assert said["kind"] == "date" and said["value"] == "2021-10-13"
    assert "story date 2021-10-14" in said["inferred"] and "'yesterday'" in said["inferred"]
    money = next(s for s in undated if s["kind"] == "money")
    assert money["period"] == ["2021-01-01", "2021-12-31"] and "inferred" in money
    # the inferred date agrees with the weekday a dated article states for the same day
    sts = story["statements"]
    group = next(g for g in story["groups"] if any(sts[i]["text"] == "yesterday" for i in g["members"]))
    assert group["label"] == "agree" and {sts[i]["doc_id"] for i in group["members"]} == {"u", "d1"}
    # dated articles' statements are never marked inferred
    assert not any("inferred" in s for s in sts if s["doc_id"] != "u")


def test_anchoring_command_without_story_date_leaves_relative_dates_out() -> None:
    story = _standalone(False)
    assert not any(s["text"] == "yesterday" for s in story["statements"])
    money = next(s for s in story["statements"] if s["kind"] == "money")
    assert "period" not in money and "inferred" not in money


@pytest.fixture(scope="module")
def anchored_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from eventwire import api
    from eventwire.store import open_store

    d: Path = tmp_path_factory.mktemp("anchor")
    for name, text in (("a.txt", _DATED_1), ("b.txt", _DATED_2), ("c.txt", _UNDATED)):
        (d / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{d / 'a.db'}"
    with open_store(url) as store:
        api.run(store, [str(d)])
    return url


def test_anchoring_store_records_resolutions_with_provenance(anchored_db: str) -> None:
    from eventwire.store import open_store

    with open_store(anchored_db) as store:
        arts = {a["id"]: a for a in store.records("articles")}
        undated = next(i for i, a in arts.items() if not a.get("published"))
        stories = {r["article_id"]: r["story_id"] for r in store.records("story_articles")}
        assert len(set(stories.values())) == 1
        facts = {f["id"]: f for f in store.records("facts")}
        res = list(store.records("fact_resolutions"))
        groups = list(store.records("fact_groups"))
    # only facts of the undated article are resolved, each from the story's date
    assert res and all(facts[r["fact_id"]]["article_id"] == undated for r in res)
    assert all(r["anchor_date"] == "2021-10-14" and "median publication date" in r["inferred"] for r in res)
    said = next(r for r in res if facts[r["fact_id"]]["text"] == "yesterday")
    assert said["value"] == "2021-10-13"
    assert facts[said["fact_id"]]["value"] == "yesterday"  # the stored statement keeps what the text says
    money = next(r for r in res if facts[r["fact_id"]]["kind"] == "money")
    assert (money["period_begin"], money["period_end"]) == ("2021-01-01", "2021-12-31")
    # reconciliation uses the resolved date: it agrees with "Wednesday" of a dated article
    g = next(g for g in groups if said["fact_id"] in g["statement_ids"])
    assert g["label"] == "agree" and g["n_articles"] == 2


def test_anchoring_relation_said_recently_takes_the_story_year() -> None:
    from eventwire.corpus.facts.anchoring import resolve_relative
    from eventwire.corpus.facts.records import Statement

    text = "Kenya and Uganda recently upgraded their ties to a comprehensive strategic partnership."
    rel = (text.index("recently"), text.index("recently") + len("recently"))
    start = text.index("a comprehensive")
    s = Statement("u", start, len(text) - 1, text[start:-1], "relation:level:KEN-UGA", "relation",
                  "comprehensive strategic partnership", subject="KEN", obj="UGA", relative=rel)
    anchor = story_date([("d1", "2022-03-03"), ("d2", "2022-03-04")])
    assert anchor is not None
    (out,) = resolve_relative([s], text, anchor)
    assert out.as_of == "2022" and out.inferred and "'recently'" in out.inferred
