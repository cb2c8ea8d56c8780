"""Stories and canonical events in the store: the seed acceptance run, reconciliation
rules, incremental updates and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

from eventwire.corpus.canonical.reconcile import Mention, group_mentions, reconcile
from eventwire.corpus.canonical.stage import resolve_partial
from eventwire.corpus.canonical.view import story_view
from eventwire.store import open_store

from .conftest import ROOT


def _canon(store) -> list[dict]:  # type: ignore[no-untyped-def]
    evs = list(store.records("canonical_events"))
    ms = list(store.records("canonical_event_mentions"))
    for e in evs:
        e["mentions"] = [m for m in ms if m["canonical_event_id"] == e["id"]]
    return evs


def test_canonical_seed_run_gives_one_story_with_both_articles(seed_db: str) -> None:
    with open_store(seed_db) as store:
        arts = [a["id"] for a in store.records("articles", include_text=False)]
        stories = list(store.records("stories"))
        assert len(stories) == 1
        members = {m["article_id"] for m in store.records("story_articles")}
        assert members == set(arts) and len(arts) == 2
        assert stories[0]["n_articles"] == 2


def test_canonical_seed_visit_is_one_planned_event_in_hanoi_from_both_articles(seed_db: str) -> None:
    with open_store(seed_db) as store:
        visits = [e for e in _canon(store) if e["cameo"] == "042" and e["status"] == "planned"]
        assert len(visits) == 1
        v = visits[0]
        assert (v["source_country"], v["target_country"]) == ("CHN", "VNM")
        assert (v["date_begin"], v["date_end"]) == ("2023-12-12", "2023-12-13")
        assert v["place_name"] == "Hanoi"
        assert v["n_articles"] == 2 and len({m["article_id"] for m in v["mentions"]}) == 2


def test_canonical_seed_talks_with_the_four_leaders_are_one_event(seed_db: str) -> None:
    with open_store(seed_db) as store:
        text = {a["id"]: store.article_text(a["id"]) for a in store.records("articles", include_text=False)}
        evs = _canon(store)

        def event_of(word: str, sentence_has: str) -> str:
            for e in evs:
                for m in e["mentions"]:
                    t = text[m["article_id"]]
                    s0 = t.rfind("\n", 0, m["start"]) + 1
                    s1 = t.find("\n", m["end"])
                    if m["text"] == word and sentence_has in t[s0:s1]:
                        return str(e["id"])
            raise AssertionError(f"no canonical event with {word!r}")

        talks = event_of("meet", "top four leaders")
        assert event_of("hold", "top four leaders") == talks
        talks_ev = next(e for e in evs if e["id"] == talks)
        assert talks_ev["plover_type"] == "CONSULT" and talks_ev["date_begin"] == "2023-12-12"
        visit = next(e for e in evs if e["cameo"] == "042" and e["status"] == "planned")
        assert talks != visit["id"]


def test_canonical_seed_2017_caption_merges_with_nothing(seed_db: str) -> None:
    with open_store(seed_db) as store:
        evs = _canon(store)
        cap = [e for e in evs if any(m["text"] == "shakes" for m in e["mentions"])]
        assert len(cap) == 1 and cap[0]["n_mentions"] == 1
        assert cap[0]["date_begin"].startswith("2017-11")
        for e in evs:
            if e["id"] != cap[0]["id"] and e["date_begin"]:
                assert not e["date_begin"].startswith("2017")


def test_canonical_story_view_lists_timeline_with_sources(seed_db: str) -> None:
    with open_store(seed_db) as store:
        sid = next(store.records("stories"))["id"]
        v = story_view(store, sid)
        assert v is not None
        dates = [e["date_begin"] or "9999" for e in v["timeline"]]
        assert dates == sorted(dates)
        assert all(e["mentions"] for e in v["timeline"])
        assert "visit" in v["summary"]
        # each mention says where its sentence is: the 2017 handshake is the photo caption's
        segs = {(m["text"], m["segment"]) for e in v["timeline"] for m in e["mentions"]}
        assert ("shakes", "caption") in segs and ("visit", "body") in segs
        assert all(seg in ("body", "caption") for _, seg in segs)


def test_canonical_rerun_adds_nothing_and_keeps_ids(seed_db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from eventwire import api

    from .conftest import SEEDS

    url = f"sqlite:///{tmp_path / 'r.db'}"
    with open_store(url) as store:
        api.run(store, [str(SEEDS / "000_01d2753117808385.txt")])
        first = {s["id"] for s in store.records("stories")}
        api.run(store, [str(SEEDS)])  # the second article joins incrementally
        stories = list(store.records("stories"))
        assert {s["id"] for s in stories} == first and stories[0]["n_articles"] == 2
        before = sorted(e["id"] for e in store.records("canonical_events"))
        api.run(store, [str(SEEDS)])
        assert sorted(e["id"] for e in store.records("canonical_events")) == before
    with open_store(seed_db) as other:
        assert sorted(e["id"] for e in other.records("canonical_events")) == before


def _m(i: int, **kw: object) -> Mention:
    base: dict[str, object] = dict(
        event_id=f"e{i}", article_id=f"a{i}", start=0, end=4, text="meet", sentence_start=0,
        plover_type="CONSULT", plover_mode=None, cameo="040", source="USA", target="CHN",
        status="happened", date_begin="2023-11-15", date_end="2023-11-15", published="2023-11-16",
    )
    base.update(kw)
    return Mention(**base)  # type: ignore[arg-type]


def test_canonical_reconcile_never_merges_on_matching_verbs_alone() -> None:
    ms = [_m(1), _m(2), _m(3, date_begin="2022-11-14", date_end="2022-11-14"),
          _m(4, source="FRA", target="DEU"), _m(5, cameo="190", plover_type="ASSAULT", text="meet")]
    groups = group_mentions(ms)
    assert [0, 1] in groups
    assert len(groups) == 4


def test_canonical_reconcile_planned_then_happened_is_one_event_with_status_history() -> None:
    ms = [_m(1, text="visit", cameo="042", status="planned", date_begin="2023-12-12",
             date_end="2023-12-13", published="2023-12-07"),
          _m(2, text="visited", cameo="042", status="happened", date_begin="2023-12-12",
             date_end="2023-12-12", published="2023-12-14")]
    [g] = group_mentions(ms)
    ce = reconcile("s", [ms[i] for i in g])
    assert ce.status == "happened"
    assert [h["status"] for h in ce.status_history] == ["planned", "happened"]
    assert ce.n_articles == 2
    # reported as happened before its date: not that event
    early = _m(3, text="visited", cameo="042", status="happened", date_begin=None, date_end=None,
               published="2023-12-07")
    assert len(group_mentions([ms[0], early])) == 2


def test_canonical_year_less_dates_take_the_story_year() -> None:
    assert resolve_partial("XXXX-12-12", "2023-12-07") == ("2023-12-12", "2023-12-12")
    assert resolve_partial("XXXX-01-03", "2023-12-28") == ("2024-01-03", "2024-01-03")
    assert resolve_partial("XXXX-02", "2024-01-20") == ("2024-02-01", "2024-02-29")
    assert resolve_partial("2023-12-12", "2023-12-07") is None


def test_canonical_cli_stories_show_export_and_story_filter(seed_db: str) -> None:
    def ew(*args: str) -> str:
        r = subprocess.run([sys.executable, "-m", "eventwire.cli", *args, "--db", seed_db],
                           capture_output=True, text=True, cwd=ROOT)
        assert r.returncode == 0, r.stderr
        return r.stdout

    rows = [json.loads(x) for x in ew("stories", "-f", "jsonl").splitlines()]
    assert len(rows) == 1
    sid = rows[0]["id"]
    shown = json.loads(ew("show", sid, "--json"))
    assert shown["story"]["id"] == sid and shown["timeline"]
    ces = [json.loads(x) for x in ew("export", "canonical_events").splitlines()]
    assert ces and all(c["story_id"] == sid for c in ces)
    assert ew("export", "stories").count("\n") == 1
    evs = [json.loads(x) for x in ew("events", "--story", sid, "-f", "jsonl").splitlines()]
    assert len(evs) == sum(1 for _ in ew("events", "-f", "jsonl").splitlines())


def test_canonical_story_dates_date_an_undated_articles_events_from_their_canonical_event(seed_db: str) -> None:
    from eventwire.corpus.canonical.view import story_dates

    with open_store(seed_db) as store:
        undated_articles = {a["id"] for a in store.records("articles", include_text=False) if not a["published"]}
        events = list(store.records("events"))
        undated = [e["id"] for e in events if not e["date_begin"]]
        got = story_dates(store, undated)
        canon = {c["id"]: c for c in _canon(store)}
        in_canon = {m["event_id"] for c in canon.values() for m in c["mentions"]}
        assert got, "the undated seed article reports events that the dated one dates"
        for eid, d in got.items():
            c = canon[d["canonical_event_id"]]
            assert eid in in_canon and eid in undated
            assert d["date_begin"] == c["date_begin"] and c["date_begin"]
            assert "article(s)" in d["inferred"] and c["label"].split(" (")[0] in d["inferred"]
        by_id = {e["id"]: e for e in events}
        assert any(by_id[eid]["article_id"] in undated_articles for eid in got)
        # events outside any canonical event, and unknown ids, get nothing
        assert not set(story_dates(store, [e for e in undated if e not in in_canon] + ["nope"]))
        assert story_dates(store, []) == {}
