"""The query layer of the server (eventwire.serve.queries): whitelisted filters, keyset
cursors, detail views, on the seed store."""

from __future__ import annotations

import pytest

from eventwire.errors import UsageError
from eventwire.serve import queries as Q
from eventwire.store import Store, open_store


@pytest.fixture()
def store(seed_db: str) -> Store:
    return open_store(seed_db, migrate=False)


def test_queries_pages_follow_the_cursor_without_gaps_or_repeats(store: Store) -> None:
    for kind in Q.KINDS:
        for sort in Q.SORTS[kind]:
            for order in (sort, "-" + sort):
                whole = [r["id"] for r in Q.list_page(store, kind, None, order, None, 1000)["items"]]
                got, cursor = [], None
                while True:
                    page = Q.list_page(store, kind, None, order, cursor, 2)
                    got += [r["id"] for r in page["items"]]
                    cursor = page["next_cursor"]
                    if cursor is None:
                        break
                assert got == whole, (kind, order)
                assert len(set(got)) == len(got) == Q.count(store, kind)


def test_queries_filters_are_whitelisted_per_kind(store: Store) -> None:
    with pytest.raises(UsageError, match="unknown filter 'text'"):
        Q.list_page(store, "events", {"text": "x"})
    with pytest.raises(UsageError, match="unknown filter 'status'"):
        Q.list_page(store, "articles", {"status": "planned"})
    with pytest.raises(UsageError, match="empty"):
        Q.list_page(store, "events", {"q": "  "})
    with pytest.raises(UsageError, match="date"):
        Q.list_page(store, "events", {"since": "2023-13-01"})
    with pytest.raises(UsageError, match="cursor"):
        Q.list_page(store, "events", None, None, "not-a-cursor")
    first = Q.list_page(store, "events", None, "-date", None, 1)["next_cursor"]
    with pytest.raises(UsageError, match="another sort"):
        Q.list_page(store, "events", None, "date", first)


def test_queries_event_filters_select_the_seed_visit(store: Store) -> None:
    items = Q.list_page(store, "events", {"country": "vnm", "type": "consult", "status": "planned",
                                          "since": "2023-12", "q": "Xi Jinping"})["items"]
    assert items and all(e["plover_type"] == "CONSULT" and e["status"] == "planned" for e in items)
    assert all("VNM" in (e["source_country"], e["target_country"]) for e in items)
    assert all(e["article_title"] for e in items)
    assert Q.list_page(store, "events", {"until": "1990"})["items"] == []


def test_queries_story_detail_has_both_sources_timeline_and_facts(store: Store) -> None:
    story = Q.list_page(store, "stories", {"min_articles": 2})["items"][0]
    d = Q.story_detail(store, story["id"])
    assert d is not None and len(d["articles"]) == 2 and d["timeline"] and d["facts"]
    assert {f["label"] for f in d["facts"]} <= {"agree", "complement", "conflict", "update", "single-source"}
    assert Q.story_detail(store, "nope") is None
    art = Q.article_detail(store, d["articles"][0]["id"])
    assert art is not None
    text = art["article"]["text"]
    for e in art["events"] + art["entities"] + art["facts"]:
        assert text[e["start"]:e["end"]] == e["text"]


def test_queries_actor_and_pair_details(store: Store) -> None:
    vn = Q.list_page(store, "actors", {"q": "vietnam", "type": "country"})["items"]
    assert vn and vn[0]["n_articles"] >= 1
    d = Q.actor_detail(store, vn[0]["id"])
    assert d is not None and d["n_articles"] >= 1
    p = Q.pair_detail(store, "VNM", "chn")
    assert p["pair"] == "CHN-VNM" and p["counts"] and p["timeline"]
    assert any(e["kind"] == "level" for e in p["timeline"])
    with pytest.raises(UsageError):
        Q.pair_detail(store, "VNM", "VNM")
