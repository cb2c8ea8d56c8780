"""Facts: the stored pipeline (per-article ``facts`` stage, then the ``facts`` corpus stage)
and the standalone ``eventwire facts --input`` command give the same groups and labels on
the same documents (one extraction, one trend rule, one reconciliation)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.corpus.facts import facts_command

from .conftest import SEEDS

Group = tuple[str, str, frozenset[tuple[str, int, int]]]

# a developing toll: the "rose to"/"climbed to" cues and the dates make it an update
_TOLL = [
    {"doc_id": "t1", "date": "2024-03-01T09:00:00Z",
     "text": "Bus crash kills 12 in mountains\n\nA bus crash in the mountains killed 12 people on Friday, police said. "
             "The bus was carrying 40 passengers to the coast when it left the road near a bridge."},
    {"doc_id": "t2", "date": "2024-03-02T09:00:00Z",
     "text": "Toll from bus crash rises\n\nThe death toll from Friday's bus crash in the mountains rose to 19 on Saturday, "
             "police said. The bus was carrying 40 passengers to the coast when it left the road."},
    {"doc_id": "t3", "date": "2024-03-03T09:00:00Z",
     "text": "Bus crash toll climbs to 27\n\nThe number of people killed in Friday's bus crash in the mountains has climbed "
             "to 27, officials said. The bus carried 41 passengers to the coast when it left the road near a bridge."},
    # undated: only the "rose to" cue orders the two reports (without it: a conflict)
    {"doc_id": "f1",
     "text": "Flood kills 8 in river valley\n\nFlooding in the river valley killed 8 people, rescue officials said. "
             "Heavy rain fell on the valley for three days and the river burst its banks near the old mill."},
    {"doc_id": "f2",
     "text": "Valley flood toll rises\n\nThe death toll from the flooding in the river valley rose to 14, rescue "
             "officials said. Heavy rain fell on the valley for three days and the river burst its banks."},
]


def _stored(url: str, doc_of: dict[str, str]) -> dict[str, set[Group]]:
    """story id -> its stored groups as (key, label, {(doc, start, end)})."""
    from eventwire.store import open_store

    with open_store(url) as store:
        arts = {a["id"]: a for a in store.records("articles")}
        facts = {f["id"]: f for f in store.records("facts")}
        groups = list(store.records("fact_groups"))
    doc = {aid: doc_of[a["text"]] for aid, a in arts.items()}
    out: dict[str, set[Group]] = {}
    for g in groups:
        members = frozenset((doc[facts[i]["article_id"]], facts[i]["start"], facts[i]["end"]) for i in g["statement_ids"])
        out.setdefault(str(g["story_id"]), set()).add((g["key"], g["label"], members))
    return out


def _command(records: list[dict[str, Any]]) -> set[Group]:
    out: set[Group] = set()
    for story in facts_command(records):
        sts = story["statements"]
        for g in story["groups"]:
            out.add((g["key"], g["label"], frozenset((sts[i]["doc_id"], sts[i]["start"], sts[i]["end"]) for i in g["members"])))
    return out


def _story_records(url: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The input records with the story the store assigned to each (so both paths reconcile
    the same documents together)."""
    from eventwire.corpus.fact_groups import story_assignments
    from eventwire.store import open_store

    with open_store(url) as store:
        texts = {a["id"]: a["text"] for a in store.records("articles")}
        stories = story_assignments(store)
    by_text = {texts[a]: s for a, s in stories.items()}
    return [dict(r, story=by_text[r["text"]]) for r in records]


@pytest.fixture(scope="module")
def toll_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from eventwire import api
    from eventwire.store import open_store

    d: Path = tmp_path_factory.mktemp("toll")
    (d / "toll.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _TOLL), encoding="utf-8")
    url = f"sqlite:///{d / 'toll.db'}"
    with open_store(url) as store:
        api.run(store, [str(d / "toll.jsonl")])
    return url


def test_fact_groups_story_assignments_of_a_batch_are_its_stories_whole(toll_db: str) -> None:
    from eventwire.corpus.fact_groups import story_assignments
    from eventwire.store import open_store

    with open_store(toll_db) as store:
        every = story_assignments(store)
        assert every
        for aid, sid in every.items():
            members = {a for a, s in every.items() if s == sid}
            assert story_assignments(store, [aid]) == {a: sid for a in members}
        assert story_assignments(store, ["no-such-article"]) == {}
        assert story_assignments(store, list(every)) == every


def test_fact_groups_stage_and_command_same_groups_on_a_developing_toll(toll_db: str) -> None:
    records = _story_records(toll_db, _TOLL)
    stored = _stored(toll_db, {r["text"]: r["doc_id"] for r in records})
    command = _command(records)
    assert set().union(*stored.values()) == command
    updates = {frozenset(d for d, _, _ in members) for _, label, members in command if label == "update"}
    assert {"t1", "t2", "t3"} in updates and {"f1", "f2"} in updates  # the trend cues are exercised


def test_fact_groups_stage_and_command_same_groups_on_the_seeds(seed_db: str) -> None:
    records = [{"doc_id": p.name[:3], "text": p.read_text(encoding="utf-8")} for p in sorted(SEEDS.glob("*.txt"))]
    from eventwire.store import open_store

    with open_store(seed_db) as store:
        stored_texts = [a["text"] for a in store.records("articles")]
    # the store keeps the text the reader produced; give the command that same text
    by_prefix = {t[:200]: t for t in stored_texts}
    records = [dict(r, text=next(t for t in stored_texts if t.strip()[:80] in r["text"] or r["text"].strip()[:80] in t))
               for r in records]
    assert len({r["text"] for r in records}) == len(by_prefix) == 2
    records = _story_records(seed_db, records)
    stored = _stored(seed_db, {r["text"]: r["doc_id"] for r in records})
    assert set().union(*stored.values()) == _command(records)


_FIRE = [
    {"doc_id": "w1", "date": "2024-07-21T09:00:00Z",
     "text": "Supermarket destroyed by fire\n\nA huge fire destroyed a supermarket in Wellington, Somerset, early on "
             "Sunday. Firefighters from six stations tackled the blaze and no one was hurt."},
    {"doc_id": "w2", "date": "2024-07-21T12:00:00Z",
     "text": "Blaze guts store\n\nFirefighters from six stations tackled a blaze at a supermarket in Wellington on "
             "Sunday. No one was hurt, the fire service said."},
]


def test_fact_groups_stage_and_command_same_groups_on_a_town_one_article_qualifies(tmp_path: Path) -> None:
    from eventwire import api
    from eventwire.store import open_store

    (tmp_path / "fire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _FIRE), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'fire.db'}"
    with open_store(url) as store:
        api.run(store, [str(tmp_path / "fire.jsonl")])
    records = _story_records(url, _FIRE)
    command = _command(records)
    assert set().union(*_stored(url, {r["text"]: r["doc_id"] for r in records}).values()) == command
    # both articles name one place, in one agreeing group
    town = {r["doc_id"]: r["text"].index("Wellington") for r in _FIRE}
    assert any({(d, a) for d, a, _ in members} == set(town.items()) and label == "agree"
               for _, label, members in command)
