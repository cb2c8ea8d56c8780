"""Facts: figure parsing, statement extraction, reconciliation labels, the `eventwire facts`
command on the seeds, and the dev-set regression gate."""

from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.corpus.facts import (
    Statement,
    compare,
    facts_command,
    find_quantities,
    group_label,
    reconcile,
)
from eventwire.corpus.facts.numbers import parse_number_words

from .conftest import SEEDS, SHARED

FACTS = SHARED / "data" / "facts"
# reached on the dev gold (eval/facts_eval.py, all 8 subtopics, real documents / with
# variants: 0.705 / 0.857 / 0.692 in the third facts round), minus 0.03. The conflict gate
# was lowered from 0.69: the third round's conflict F1 with variants fell from 0.720 (its
# held-out part has one more false conflict group), so it is pinned at the new value minus 0.03.
# Round 4 (one analysis path for the command and the store, clock times of background
# happenings left out): 0.713 / 0.867 / 0.692 through ../shared/eval/dev_scores.sh facts;
# the gates are kept as they are. Round 7 (a copy with a changed figure is a clash):
# 0.736 / 0.867 / 0.769; the conflict gate is raised from 0.66 to 0.74 (0.769 minus about 0.03).
DEV_STATEMENT_F1_GATE = 0.67
DEV_LABEL_ACCURACY_GATE = 0.82
DEV_VARIANT_CONFLICT_F1_GATE = 0.74


def _q(text: str) -> list[tuple[str, Any, str, str, str | None]]:
    return [(q.text, q.value, q.kind, q.unit, q.qualifier) for q in find_quantities(text)]


def test_numbers_money_scale_and_currency() -> None:
    assert _q("Bilateral trade reached $175.6 billion in 2022") == [
        ("$175.6 billion", 175600000000.0, "money", "USD", None)
    ]
    assert _q("jewels worth 85 million euros") == [("85 million euros", 85000000.0, "money", "EUR", None)]
    assert _q("a $137-million haul")[0][1] == 137000000.0
    assert _q("dropping $20MM per year")[0][1] == 20000000.0


def test_numbers_ranges_qualifiers_and_units() -> None:
    assert _q("the Orioles (seven years, $140-150 million)")[1] == (
        "$140-150 million", (140000000.0, 150000000.0), "money", "USD", "range")
    assert _q("between $140 million and $150 million")[0][1] == (140000000.0, 150000000.0)
    assert _q("about 30 miles south of Portland") == [("about 30 miles", 48.28, "distance", "km", "about")]
    assert _q("less than 330 feet away")[0][1:] == (100.58, "distance", "m", "less than")
    assert _q("Three or four robbers")[0][1] == (3.0, 4.0)
    assert _q("a 51-year-old captain")[0][2] == "age"


def test_numbers_skips_years_names_and_phone_numbers() -> None:
    assert _q("in 1967 on Highway 214, call 800-555-3855") == []
    assert parse_number_words("two hundred and five") == 205.0
    assert parse_number_words("twenty-one") == 21.0


def _st(doc: str, value: Any, kind: str = "count", key: str = "k", **kw: Any) -> Statement:
    return Statement(doc_id=doc, start=0, end=1, text=str(value), key=key, kind=kind, value=value, **kw)


def test_reconcile_one_persons_name_under_two_keys_is_one_fact() -> None:
    a = _st("a", "Sharron Diane Crawford Smith", "names", key="names:arrest")
    b = _st("b", "Sharron Diane Crawford Smith", "names", key="name:smith")
    c = _st("c", "Sharron Diane Crawford Smith", "names", key="names:charge")
    groups = reconcile([a, b, c])
    assert [(g.label, sorted(g.members)) for g in groups] == [("agree", [0, 1, 2])]
    # two people stay two facts
    groups = reconcile([a, _st("b", "Gary Gomes", "names", key="names:arrest")])
    assert sorted(g.label for g in groups) == ["single-source", "single-source"]


def test_reconcile_compare_fuzzy_dates() -> None:
    late = _st("a", "2008 (late)", "date")
    assert compare(late, _st("b", "2008", "date")) == "compatible"
    assert compare(late, _st("b", "2008 (late)", "date")) == "same"
    assert compare(late, _st("b", "2008 (early)", "date")) == "conflict"
    assert compare(late, _st("b", "2009", "date")) == "conflict"
    assert compare(_st("a", "--07 (late)", "date"), _st("b", "2008-07-28", "date")) == "compatible"
    sts = _one("He was released from prison in late 2008 and was arrested again on Tuesday.")
    assert [s["value"] for s in sts if s["kind"] == "date" and "2008" in s["text"]] == ["2008 (late)"]
    # "the mid-1990s" is a decade, no year in its middle
    sts = _one("He was convicted of fraud in the mid-1990s and was arrested again on Friday.")
    assert not [s for s in sts if "(mid)" in str(s["value"])]


def test_reconcile_compare_values() -> None:
    assert compare(_st("a", 5.0), _st("b", 5.0)) == "same"
    assert compare(_st("a", 5.0), _st("b", 6.0)) == "conflict"
    assert compare(_st("a", 160e6, qualifier="at least"), _st("b", (160e6, 180e6))) == "compatible"
    assert compare(_st("a", 4.0), _st("b", (3.0, 4.0))) == "compatible"
    assert compare(_st("a", "Thursday", "date"), _st("b", "2013-06-06", "date")) == "compatible"
    assert compare(_st("a", "Friday", "date"), _st("b", "2013-06-06", "date")) == "conflict"
    assert compare(_st("a", "10:24", "time"), _st("b", "morning", "time")) == "compatible"
    assert compare(_st("a", "evening", "time"), _st("b", "night (late)", "time")) == "conflict"
    assert compare(_st("a", 85e6, "money", unit="EUR"), _st("b", 108e6, "money", unit="USD")) == "unrelated"


def test_reconcile_group_labels() -> None:
    assert group_label([_st("a", 2.0), _st("b", 2.0)])[0] == "agree"
    assert group_label([_st("a", "Thursday", "date"), _st("b", "2013-06-06", "date")])[0] == "complement"
    assert group_label([_st("a", 60.0), _st("b", 61.0)])[0] == "conflict"
    assert group_label([_st("a", 2.0), _st("a", 2.0)])[0] == "single-source"
    rising = [_st("a", 12.0, doc_date="2024-01-01"), _st("b", 30.0, doc_date="2024-01-02")]
    label, reason = group_label(rising)
    assert label == "update" and "then" in reason


def test_reconcile_values_one_article_states_together_are_distinct_facts() -> None:
    # doc "a" states both 8 and 7 years: two facts (two offers), not a conflict
    sts = [_st("a", 8.0, key="duration:offer"), _st("a", 7.0, key="duration:offer"), _st("b", 8.0, key="duration:offer")]
    groups = reconcile(sts)
    assert sorted(g.label for g in groups) == ["agree", "single-source"]
    clash = reconcile([_st("a", 8.0, key="duration:offer"), _st("b", 7.0, key="duration:offer")])
    assert [g.label for g in clash] == ["conflict"]


def _seed_records() -> list[dict[str, Any]]:
    return [{"doc_id": p.name[:3], "text": p.read_text(encoding="utf-8")} for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def seed_story() -> dict[str, Any]:
    out = list(facts_command(_seed_records()))
    assert len(out) == 1, "the two seed articles form one story"
    return out[0]


def _groups_with(story: dict[str, Any], pred: Any) -> list[dict[str, Any]]:
    sts = story["statements"]
    return [g for g in story["groups"] if any(pred(sts[i]) for i in g["members"])]


def test_command_seed_agreements(seed_story: dict[str, Any]) -> None:
    sts = seed_story["statements"]

    def docs(g: dict[str, Any]) -> set[str]:
        return {sts[i]["doc_id"] for i in g["members"]}

    partner = _groups_with(seed_story, lambda s: s["key"] == "relation:trade partner:CHN>VNM")
    assert len(partner) == 1 and partner[0]["label"] == "agree" and docs(partner[0]) == {"000", "002"}
    visit = _groups_with(seed_story, lambda s: s["kind"] == "date" and s["value"] == "2023-12-12/2023-12-13")
    assert len(visit) == 1 and visit[0]["label"] == "agree" and docs(visit[0]) == {"000", "002"}
    areas = _groups_with(seed_story, lambda s: s["kind"] == "list")
    assert len(areas) == 1 and areas[0]["label"] == "complement" and docs(areas[0]) == {"000", "002"}
    us = _groups_with(seed_story, lambda s: s["key"] == "relation:level:USA-VNM")
    assert len(us) == 1 and us[0]["label"] == "agree" and docs(us[0]) == {"000", "002"}


def test_command_seed_figures_with_periods_and_sources(seed_story: dict[str, Any]) -> None:
    texts = {r["doc_id"]: r["text"] for r in _seed_records()}
    sts = seed_story["statements"]
    for s in sts:
        assert texts[s["doc_id"]][s["start"] : s["end"]] == s["text"]
    money = {s["value"]: s for s in sts if s["kind"] == "money"}
    assert money[175600000000.0]["period"] == ["2022-01-01", "2022-12-31"]
    assert money[175600000000.0]["attribution"] == "Vietnamese customs data"
    assert money[117870000000.0]["unit"] == "USD"
    assert money[3960000000.0]["period"] == ["2023-01-01", "2023-11-20"]
    investor = [s for s in sts if s["key"] == "relation:investor:CHN>VNM"]
    assert [s["value"] for s in investor] == [4.0] and investor[0]["as_of"] == "2023"
    csp = [s for s in sts if s["key"] == "relation:level:CHN-VNM"]
    assert csp and csp[0]["value"] == "comprehensive strategic partnership" and csp[0]["as_of"] == "2008"


def test_command_seed_caption_and_repeat_are_not_claims(seed_story: dict[str, Any]) -> None:
    text = next(r["text"] for r in _seed_records() if r["doc_id"] == "002")
    cap = text.index("General Secretary of the Communist Party of Vietnam Nguyen Phu Trong (right)")
    cap_end = text.index("Photo courtesy", cap)
    repeat = text.index("China and Vietnam will discuss", text.index("China and Vietnam will discuss") + 10)
    for s in seed_story["statements"]:
        if s["doc_id"] == "002":
            assert not (cap <= s["start"] < cap_end), s
            assert not (repeat <= s["start"] < repeat + 100), s
    assert not any("2017" in str(s["value"]) for s in seed_story["statements"])


def test_command_malformed_lines_recorded(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = ["not json", json.dumps({"doc_id": "x"}),
             json.dumps({"doc_id": "a", "text": "Five people were injured on Sunday.", "story": "s"})]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["facts", "--input", str(src)])
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert out[0]["story"] == "s" and out[0]["statements"][0]["value"] == 5.0
    assert [o.get("line") for o in out[1:]] == [1, 2] and all(o["error"].startswith("E105") for o in out[1:])


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("facts_score", FACTS / "facts_score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not (FACTS / "facts-dev.jsonl").exists(), reason="shared facts dev data (../shared) absent")
def test_facts_dev_regression_gate() -> None:
    from eventwire.corpus.facts import extract_statements, fact_docs, story_facts
    from eventwire.corpus.facts.command import resolve_story

    gold = [json.loads(x) for x in (FACTS / "facts-dev.jsonl").open(encoding="utf-8")]
    texts = {}
    for f in ("ecbplus-train.jsonl", "ecbplus-dev.jsonl"):
        for line in (SHARED / "data" / "ecbplus" / f).open(encoding="utf-8"):
            d = json.loads(line)
            texts[d["doc_id"]] = d["text"]
    docs = [(i, texts[i], g["subtopic"], False) for g in gold for i in g["doc_ids"]]
    docs += [(v["doc_id"], v["text"], g["subtopic"], True) for g in gold for v in g["variants"]]
    fds = {fd.doc_id: fd for fd in fact_docs([(d[0], d[1], None) for d in docs])}
    statements = {did: extract_statements(fd) for did, fd in fds.items()}

    def lines(variants: bool) -> list[dict[str, Any]]:
        return [story_facts(g["subtopic"], resolve_story([(fds[d[0]], statements[d[0]]) for d in docs
                                                          if d[2] == g["subtopic"] and (variants or not d[3])]))
                for g in gold]

    fs = _scorer()
    with redirect_stdout(io.StringIO()):
        r_real = fs.score(gold, lines(False))
        r_var = fs.score(gold, lines(True), with_variants=True)
    assert r_real["statements"]["f1"] >= DEV_STATEMENT_F1_GATE, r_real["statements"]
    assert r_real["group_label"]["accuracy"] >= DEV_LABEL_ACCURACY_GATE, r_real["group_label"]
    assert r_var["conflict_detection"]["f1"] >= DEV_VARIANT_CONFLICT_F1_GATE, r_var["conflict_detection"]


def test_fact_groups_stage_stores_seed_story(seed_db: str) -> None:
    from eventwire.store import open_store

    with open_store(seed_db) as store:
        arts = {a["id"]: a for a in store.records("articles")}
        facts = {f["id"]: f for f in store.records("facts")}
        groups = list(store.records("fact_groups"))
        segs = list(store.records("segments"))
    assert facts and groups
    for f in facts.values():
        assert arts[f["article_id"]]["text"][f["start"] : f["end"]] == f["text"]
        kinds = {s["kind"] for s in segs if s["article_id"] == f["article_id"] and s["start"] <= f["start"] < s["end"]}
        assert kinds <= {"body", "title"}, (f, kinds)
    assert len({g["story_id"] for g in groups}) == 1
    partner = [g for g in groups if g["key"] == "relation:trade partner:CHN>VNM"]
    assert len(partner) == 1 and partner[0]["label"] == "agree" and partner[0]["n_articles"] == 2
    visit = [g for g in groups if g["key"].startswith("date:") and g["n_articles"] == 2]
    assert visit and all(g["label"] == "agree" for g in visit)
    for g in groups:
        assert all(i in facts for i in g["statement_ids"])


def test_cli_facts_lists_stored_groups_with_filters(seed_db: str) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["facts", "--db", seed_db, "--label", "complement", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert rows and all(r["label"] == "complement" for r in rows)
    assert any(s["kind"] == "list" for r in rows for s in r["statements"])
    bad = runner.invoke(app, ["facts", "--db", seed_db, "--label", "maybe"])
    assert bad.exit_code == 1 and "E002" in bad.output


def test_timeline_seed_relation_levels_and_events(seed_db: str) -> None:
    from eventwire.corpus.facts.timeline import relation_timelines
    from eventwire.store import open_store

    with open_store(seed_db) as store:
        tl = relation_timelines(store, "VNM")
    chn = tl["CHN-VNM"]
    assert chn[0]["kind"] == "level" and chn[0]["when"] == "2008" and "strategic partnership" in chn[0]["what"]
    dated = [x for x in chn if x["when"]]
    assert dated == sorted(dated, key=lambda x: x["when"])
    assert any(x["kind"] == "event" and (x["when"] or "").startswith("2023-12") for x in chn)
    assert not any((x["when"] or "").startswith("2017") for x in chn)  # the photo caption
    assert any(x["kind"] == "level" for x in tl["USA-VNM"])
    # the undated article's "this year" partnership takes its year from the story's date
    jpn = [x for x in tl["JPN-VNM"] if x["kind"] == "level"]
    assert jpn and jpn[0]["when"] == "2023" and "story date 2023-12-07" in jpn[0]["inferred"]
    # an undated article's events take the date of the story's record of the same event
    with open_store(seed_db) as store:
        undated = {a["id"] for a in store.records("articles", include_text=False) if not a["published"]}
    inferred = [x for x in chn if x["kind"] == "event" and x.get("inferred")]
    assert inferred and all(x["article_id"] in undated and x["when"] for x in inferred)
    assert any(x["when"].startswith("2023-12") and x["status"] == "planned" for x in inferred)


def _one(text: str) -> list[dict[str, Any]]:
    out = list(facts_command([{"doc_id": "d", "text": text, "story": "s"}]))
    return list(out[0]["statements"])


def test_extract_tolls_manner_condition_and_names() -> None:
    sts = _one(
        "A bomb killed a police officer and a bomb technician on Friday. The chief was in stable but "
        "critical condition. Police arrested Sharron Diane Crawford Smith. The suspect hanged himself "
        "in his cell, an apparent suicide."
    )
    by_kind: dict[str, list[Any]] = {}
    for s in sts:
        by_kind.setdefault(s["kind"], []).append(s["value"])
    assert 2.0 in by_kind["count"]
    assert by_kind["condition"] == ["critical"]
    assert by_kind["names"] == ["Sharron Diane Crawford Smith"]
    assert sorted(by_kind["manner"]) == ["hanging", "suicide"]
    assert by_kind["date"] == ["Friday"]


def test_extract_ages_attribution_and_hedging() -> None:
    sts = _one("Teixeira, 28, reportedly received an offer, according to team sources. "
               "Esther Williams died at 91. She was 91.")
    ages = [(s["key"], s["value"]) for s in sts if s["kind"] == "age"]
    assert ("age:teixeira", 28.0) in ages and ages.count(("age:williams", 91.0)) == 2
    t = next(s for s in sts if s["key"] == "age:teixeira")
    assert t["hedge"] == "reportedly" and t["attribution"] == "team sources"


def test_extract_attribution_is_the_speaker_of_the_clause_that_reports_it() -> None:
    # sentences written for this test: two sources in one sentence each get their own figure;
    # a figure in a clause no verb of saying reports keeps the sentence's speaker
    sts = _one("State television said the quake measured 5.2, while the US Geological Survey said it "
               "measured 5.4. Police say a man told the 36-year-old driver to stop.")
    by_text = {s["text"]: s.get("attribution") for s in sts}
    assert by_text["5.2"] == "State television" and by_text["5.4"] == "the US Geological Survey"
    assert by_text.get("36-year-old", "Police") == "Police"


def test_reconcile_unspecific_key_takes_the_one_key_of_its_value() -> None:
    # "a 60-year-old woman" (age:?) is the 60 of the one named person whose age is 60
    sts = [_st("a", 60.0, "age", key="age:smith"), _st("b", 60.0, "age", key="age:?"),
           _st("c", 61.0, "age", key="age:smith")]
    groups = reconcile(sts)
    assert [(g.key, g.label, len(g.members)) for g in groups] == [("age:smith", "conflict", 3)]


def test_reconcile_keys_sharing_a_value_across_articles_are_one_fact() -> None:
    # "41 years ago" / "41 years later" keyed differently; a third article changes the figure
    sts = [_st("a", 41.0, "duration", key="duration:death", unit="years"),
           _st("b", 41.0, "duration", key="duration:arrest", unit="years"),
           _st("c", 41.0, "duration", key="duration:death", unit="years"),
           _st("d", 47.0, "duration", key="duration:arrest", unit="years")]
    assert [(g.key, g.label) for g in reconcile(sts)] == [("duration:death", "conflict")]


def test_reconcile_keys_one_span_carries_together_stay_apart() -> None:
    # "Tennant and Hakim, both 51": two people's ages, never merged into one fact
    sts = [Statement("a", 5, 12, "both 51", "age:tennant", "age", 51.0),
           Statement("a", 5, 12, "both 51", "age:hakim", "age", 51.0),
           Statement("b", 0, 7, "51", "age:hakim", "age", 51.0)]
    assert sorted(g.key for g in reconcile(sts)) == ["age:hakim", "age:tennant"]


def test_reconcile_a_named_persons_two_ages_in_one_article_clash() -> None:
    sts = [_st("a", 91.0, "age", key="age:williams"), _st("a", 93.0, "age", key="age:williams"),
           _st("b", 91.0, "age", key="age:williams")]
    assert [g.label for g in reconcile(sts)] == ["conflict"]


def test_reconcile_times_of_day_on_different_weekdays_clash() -> None:
    assert compare(_st("a", "Tuesday evening", "time"), _st("b", "Tuesday night (late)", "time")) == "conflict"
    assert compare(_st("a", "Tuesday evening", "time"), _st("b", "Wednesday evening", "time")) == "conflict"
    assert compare(_st("a", "Tuesday evening", "time"), _st("b", "evening", "time")) == "compatible"
    assert compare(_st("a", "Friday afternoon", "time"), _st("b", "17:30", "time")) == "compatible"


def test_extract_time_of_day_keeps_its_weekday_and_thing_ages_are_durations() -> None:
    sts = _one("The prisoner hanged himself late on Tuesday night. Police reopened a 41-year-old "
               "double murder case. Officers said 12 protesters were detained.")
    times = [s["value"] for s in sts if s["kind"] == "time"]
    assert times == ["Tuesday night (late)"]
    dur = [s for s in sts if s["value"] == 41.0]
    assert len(dur) == 1 and dur[0]["kind"] == "duration" and dur[0]["key"] == "duration:death"


def test_extract_count_happening_next_to_its_noun() -> None:
    sts = _one("He was one of 99 alleged gang members seized in a police sweep. "
               "Two possible gang members are under arrest in the killing.")
    keys = {s["value"]: s["key"] for s in sts if s["kind"] == "count"}
    assert keys[99.0] == "count:arrest:people" and keys[2.0] == "count:arrest:people"


_RISING_TOLL = [
    {"doc_id": "a1", "story": "s", "date": "2024-03-01",
     "text": "A bus crash in the mountains killed 12 people on Friday, police said."},
    {"doc_id": "a2", "story": "s", "date": "2024-03-02",
     "text": "The death toll from Friday's bus crash rose to 19 on Saturday, police said."},
    {"doc_id": "a3", "story": "s", "date": "2024-03-03",
     "text": "The number of people killed in Friday's bus crash has climbed to 27, officials said."},
]


def _toll_group(records: list[dict[str, Any]]) -> tuple[str, list[float], str]:
    out = list(facts_command(records))
    sts = out[0]["statements"]
    g = next(g for g in out[0]["groups"] if g["key"] == "count:death:people")
    return g["label"], [sts[i]["value"] for i in g["members"]], g["reason"]


def test_reconcile_rising_toll_in_three_articles_is_an_update() -> None:
    label, values, reason = _toll_group(_RISING_TOLL)
    assert label == "update" and sorted(values) == [12.0, 19.0, 27.0]
    assert reason.index("'12'") < reason.index("'19'") < reason.index("'27'")
    # without dates, the "rose to"/"climbed to" cues alone order the reports after the first
    undated = [{k: v for k, v in r.items() if k != "date"} for r in _RISING_TOLL[:2]]
    assert _toll_group(undated)[0] == "update"


def test_reconcile_differing_tolls_without_development_stay_a_conflict() -> None:
    plain = [{"doc_id": f"b{n}", "story": "s", "text": f"A bus crash in the mountains killed {v} people on Friday."}
             for n, v in enumerate((12, 19))]
    assert _toll_group(plain)[0] == "conflict"  # no dates, no cue: nothing orders them
    same_day = [dict(r, date="2024-03-01") for r in plain]
    assert _toll_group(same_day)[0] == "conflict"  # two figures for the same time
    falling = [dict(plain[0], text=plain[1]["text"], date="2024-03-01"), dict(plain[1], text=plain[0]["text"], date="2024-03-02")]
    assert _toll_group(falling)[0] == "conflict"  # a toll that falls without a word of revision
    rising_wrong_way = [dict(_RISING_TOLL[0], text=_RISING_TOLL[0]["text"].replace("12", "30")), _RISING_TOLL[1]]
    assert _toll_group(rising_wrong_way)[0] == "conflict"  # "rose to 19" after 30


def test_reconcile_update_labels_on_statements() -> None:
    revised = [_st("a", 5.6, "magnitude", doc_date="2024-01-01"),
               _st("b", 5.2, "magnitude", doc_date="2024-01-02", trend="revision")]
    assert group_label(revised)[0] == "update"  # a magnitude may be revised either way
    fell = [_st("a", 30.0, doc_date="2024-01-01"), _st("b", 25.0, doc_date="2024-01-02", trend="revision")]
    assert group_label(fell)[0] == "update"
    mixed = [_st("a", 12.0, doc_date="2024-01-01"), _st("b", 19.0, doc_date="2024-01-02"),
             _st("c", 23.0, doc_date="2024-01-02")]
    assert group_label(mixed)[0] == "conflict"  # 19 and 23 on the same day clash
    assert group_label([_st("a", 91.0, "age", doc_date="2024-01-01"), _st("b", 93.0, "age", doc_date="2024-01-02")])[0] == "conflict"


def test_context_trend_cue_reads_the_words_before_a_figure() -> None:
    from eventwire.corpus.facts.context import trend_cue

    text = "The toll rose to 19. It has climbed to at least 27. Officials revised it down to 25. It killed 12."
    assert [trend_cue(text, text.index(n)) for n in ("19", "27", "25", "12")] == ["rise", "rise", "revision", None]


def test_cli_facts_input_carries_the_update_label(tmp_path: Path) -> None:
    inp = tmp_path / "docs.jsonl"
    inp.write_text("".join(json.dumps(r) + "\n" for r in _RISING_TOLL), encoding="utf-8")
    res = CliRunner().invoke(app, ["facts", "--input", str(inp)])
    assert res.exit_code == 0, res.output
    story = json.loads(res.output.strip().splitlines()[0])
    assert "update" in [g["label"] for g in story["groups"]]


def test_attributes_charges_victims_and_circumstances() -> None:
    sts = _one(
        "Police charged the woman with two counts of first degree murder. She is held on "
        "second-degree murder charges in the murder of Juan Abel Escalante. Tom Tennant and "
        "William Hakim died at the scene. The actress died peacefully in her sleep at 91. "
        "He was killed during a robbery."
    )
    by_kind: dict[str, list[Any]] = {}
    for s in sts:
        by_kind.setdefault(s["kind"], []).append(s["value"])
    assert by_kind["charge"] == ["first-degree murder", "second-degree murder"]  # not "the murder of", not "during a robbery"
    assert sorted(by_kind["names"]) == ["Juan Abel Escalante", "Tom Tennant; William Hakim"]
    assert by_kind["circumstance"] == ["in her sleep"]
    # a single subject of "died" is the story's protagonist, not a named detail
    assert not [s for s in _one("Esther Williams died on Thursday.") if s["kind"] == "names"]


def test_attributes_facility_places_with_their_town() -> None:
    sts = _one(
        "The inmate was found dead in Rebibbia prison in the Italian capital of Rome. Two men were "
        "shot at an ice cream shop in Dayton. A bomb exploded at a Wells Fargo Bank branch in Denver."
    )
    places = [s["value"] for s in sts if s["kind"] == "place"]
    assert "Rebibbia prison, Rome" in places and "ice cream shop, Dayton" in places
    assert "Wells Fargo Bank" in places  # an organisation's building keeps its name; its town is apart


def test_reconcile_places_one_town_two_levels_and_different_towns() -> None:
    assert compare(_st("a", "Rome jail", "place"), _st("b", "Rebibbia prison, Rome", "place")) == "compatible"
    assert compare(_st("a", "Beverly Hills, California", "place"), _st("b", "Hollywood, California", "place")) == "conflict"
    # one place under two happenings' keys, named by two articles, is one fact
    groups = reconcile([_st("a", "Cook County Jail", "place", key="place:work"),
                        _st("b", "Cook County Jail", "place", key="place:shooting")])
    assert [g.label for g in groups] == ["agree"]


def test_extract_month_and_day_the_tagger_reads_as_a_month() -> None:
    sts = _one("The deputy was shot on his way to work early Aug. 2. He was buried on August 9th.")
    assert [s["value"] for s in sts if s["kind"] == "date"] == ["--08-02", "--08-09"]
    sts = _one("The valley flooded in early Aug. 2 people died in the floods.")
    assert not [s for s in sts if s["kind"] == "date" and s["value"] == "--08-02"]


def test_extract_numbers_that_name_or_describe_are_no_counts() -> None:
    sts = _one("A neighbour made a 911 call on Tuesday. The girl was killed by a .45-caliber bullet.")
    assert not [s for s in sts if s["kind"] == "count"]
    assert [(s["kind"], s["value"]) for s in sts if s["kind"] == "caliber"] == [("caliber", ".45")]
    sts = _one("He was shot with a 38 calibre revolver on Monday.")
    assert [(s["kind"], s["value"]) for s in sts if s["kind"] == "caliber"] == [("caliber", ".38")]
    # a count before "calls" that is no emergency line's number stays a count
    sts = _one("The police received 400 calls after the shooting on Monday.")
    assert [s["value"] for s in sts if s["kind"] == "count"] == [400.0]
    # "ex-girlfriend", "son-in-law" are one person each, however the parser splits them
    sts = _one("Police said he killed his mother and ex-girlfriend on Monday.")
    assert [s["value"] for s in sts if s["kind"] == "count"] == [2.0]
    sts = _one("The gunman killed a woman and her son-in-law on Monday.")
    assert [s["value"] for s in sts if s["kind"] == "count"] == [2.0]


def test_extract_clock_time_alone_states_no_date() -> None:
    text = "The bomb went off at 5:30 p.m. Police arrived at around 10:24 a.m. Friday."
    sts = [s for s in list(facts_command([{"doc_id": "d", "text": text, "date": "2024-03-02", "story": "s"}]))[0]["statements"]
           if s["kind"] in ("date", "time")]
    assert ("time", "17:30") in {(s["kind"], s["value"]) for s in sts}
    # the day of "at 5:30 p.m." is the article's, not the text's; "10:24 a.m. Friday" states both
    assert not [s for s in sts if s["kind"] == "date" and "5:30" in s["text"]]
    assert [s["kind"] for s in sts if "10:24" in s["text"]] == ["date", "time"]


def test_extract_spokesperson_office_is_not_stated_twice() -> None:
    sts = _one("The actress died on Thursday, spokesman Harlan Boll said.")
    assert [s["kind"] for s in sts if "Boll" in s["text"]] == ["spokesperson"]
    # the title set off by a comma ("her publicist, Harlan Boll") says the same
    sts = _one("The actress died on Thursday. Her publicist, Harlan Boll, confirmed the death.")
    assert [(s["kind"], s["value"]) for s in sts if "Boll" in s["text"]] == [("spokesperson", "Harlan Boll")]
    # not the subject of the clause after the comma
    sts = _one("According to her publicist, Esther Williams died peacefully on Thursday.")
    assert not [s for s in sts if s["kind"] == "spokesperson"]


def test_attributes_health_states() -> None:
    sts = _one("The suspect is terminally ill. She is near death with a terminal illness.")
    assert [s["value"] for s in sts if s["key"] == "condition:health"] == ["terminally ill", "terminally ill"]


def test_extract_dates_of_sayings_and_places_describing_people_are_not_facts() -> None:
    sts = _one("Police announced on Saturday that a Boston actress was killed in Denver on Friday.")
    assert [s["value"] for s in sts if s["kind"] == "date"] == ["Friday"]
    assert [s["value"] for s in sts if s["kind"] == "place"] == ["Denver"]  # the region only where a text states it


def test_attributes_bail_and_affiliation() -> None:
    sts = _one("Two members of the Avenues gang were arrested and are being held without bail. "
               "A third man was released on $5,000 bail.")
    assert [s["value"] for s in sts if s["kind"] == "bail"] == ["held without bail", "released on bail"]
    assert [s["value"] for s in sts if s["kind"] == "affiliation"] == ["Avenues"]


def test_attributes_facts_stated_as_none() -> None:
    sts = _one("No one was hurt in the blast. Police said they don't have suspects.")
    assert [(s["key"], s["value"]) for s in sts if s["key"] in ("count:injury:people", "suspects")] == [
        ("count:injury:people", 0.0), ("suspects", "none")]
    sts = _one("Nobody was arrested. Police have no suspects in the killing.")
    assert ("suspects", "none") in [(s["key"], s["value"]) for s in sts]
    clash = reconcile([_st("a", 0.0, key="count:death:people"), _st("b", 2.0, key="count:death:people")])
    assert [g.label for g in clash] == ["conflict"]  # "no one was killed" against "two killed"


def test_reconcile_story_fact_leaves_out_clock_times_of_background_happenings() -> None:
    text = ("A gunman killed 3 people at a school at 10 a.m. on Friday. The principal, who has led the "
            "school since 2019, received 40 letters at 4 p.m.")
    times = {s["value"]: s["key"] for s in _one(text) if s["kind"] == "time"}
    assert times == {"10:00": "time:death"}  # "received": no known kind of happening
    import importlib

    rec = importlib.import_module("eventwire.corpus.facts.reconcile")
    old = rec.UNCLASSED_KINDS
    try:
        rec.UNCLASSED_KINDS = ()
        assert "16:00" in {s["value"] for s in _one(text) if s["kind"] == "time"}
    finally:
        rec.UNCLASSED_KINDS = old
