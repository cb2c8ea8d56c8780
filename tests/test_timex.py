"""Tests for the TIMEX3 tagger/normalizer, its pipeline stage and helpers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.analyze.timex import (
    TimexSpan,
    event_date,
    tag,
    timex_command,
    value_bounds,
)
from eventwire.analyze.timex_stage import make_stage
from eventwire.model import AnalyzedDoc, Article, Sentence, make_id

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DCT = "2023-12-07"  # a Thursday


def one(text: str, expr: str, dct: str | None = DCT) -> TimexSpan:
    """The span tagged for ``expr`` (exact extent) in ``text``."""
    spans = tag(text, dct)
    found = [s for s in spans if s.text == expr]
    assert found, f"{expr!r} not tagged in {text!r}: {[(s.text, s.value) for s in spans]}"
    return found[0]


def val(text: str, expr: str, dct: str | None = DCT) -> tuple[str, str, str | None]:
    s = one(text, expr, dct)
    return s.type, s.value, s.mod


# ------------------------------------------------------------------ the seed sentences


def test_timex_seed_day_range_ordinal() -> None:
    s = one(
        "Chinese President Xi Jinping is scheduled to visit Vietnam on 12th – 13th December "
        "to engage with top state officials.",
        "12th – 13th December",
    )
    assert (s.type, s.value, s.begin, s.end_value, s.precision) == (
        "DATE", "2023-12-12", "2023-12-12", "2023-12-13", "day")


def test_timex_seed_month_day_range() -> None:
    s = one("During his stay on December 12-13, Xi will meet Vietnam's top four leaders.",
            "December 12-13")
    assert (s.value, s.begin, s.end_value) == ("2023-12-12", "2023-12-12", "2023-12-13")


def test_timex_seed_next_week_and_said_thursday() -> None:
    text = ("China and Vietnam will discuss upgrading bilateral relations during Xi's visit to "
            "Hanoi next week, Chinese foreign ministry spokesperson Wang Wenbin said Thursday.")
    assert val(text, "next week") == ("DATE", "2023-W50", None)
    assert val(text, "Thursday") == ("DATE", "2023-12-07", None)


def test_timex_seed_year_and_end_of_last_year() -> None:
    assert val("Vietnam and China in 2008 established a comprehensive strategic partnership.",
               "2008") == ("DATE", "2008", None)
    assert val("General Secretary Trong visited China at the end of last year.",
               "the end of last year") == ("DATE", "2022", "END")


def test_timex_seed_year_to_date_range() -> None:
    s = one("Mainland China has been the fourth biggest investor in Vietnam this year, with "
            "registered FDI of $3.96 billion year to November 20, government data showed.",
            "year to November 20")
    assert (s.begin, s.end_value) == ("2023-01-01", "2023-11-20")


def test_timex_seed_since_beginning_of_year() -> None:
    assert val("exchanges between China and Vietnam since the beginning of the year",
               "the beginning of the year") == ("DATE", "2023", "START")


# ------------------------------------------------------------------ dateparser's failures


def test_timex_dateparser_failures_fixed() -> None:
    # dateparser: "December 12–13" -> 2013-12-12; "12th – 13th December" -> the current
    # year instead of the DCT's; "in 2008" -> 2008-12-10
    assert one("The summit runs December 12–13.", "December 12–13").value == "2023-12-12"
    assert one("He will visit on 12th – 13th December.", "12th – 13th December",
               dct="2019-12-01").value == "2019-12-12"
    assert val("They met in 2008 in Beijing.", "2008") == ("DATE", "2008", None)


# ------------------------------------------------------------------ absolute dates


@pytest.mark.parametrize(
    "text,expr,expected",
    [
        ("The accord was signed on Dec. 7.", "Dec. 7", "2023-12-07"),
        ("The accord was signed on December 7, 2021.", "December 7, 2021", "2021-12-07"),
        ("The accord was signed on 7 December 2021.", "7 December 2021", "2021-12-07"),
        ("Figures dated 2023-11-30 were released.", "2023-11-30", "2023-11-30"),
        ("He took office in November 2017.", "November 2017", "2017-11"),
        ("Talks resume on Jan. 15.", "Jan. 15", "2024-01-15"),
        ("It opened on Saturday, April 25, 1998.", "Saturday, April 25, 1998", "1998-04-25"),
    ],
)
def test_timex_absolute_dates(text: str, expr: str, expected: str) -> None:
    assert val(text, expr) == ("DATE", expected, None)


@pytest.mark.parametrize(
    "text,expr,expected",
    [
        ("It closed on 7 Dec.", "7 Dec", ("DATE", "2023-12-07", None)),
        ("It closed on 2023/12/01.", "2023/12/01", ("DATE", "2023-12-01", None)),
        ("It closed on 1.12.2023.", "1.12.2023", ("DATE", "2023-12-01", None)),
        ("Sales in H1 2023 rose.", "H1 2023", ("DATE", "2023-H1", None)),
        ("Sales in 2023's third quarter rose.", "2023's third quarter", ("DATE", "2023-Q3", None)),
        ("Budget cuts in FY24 hurt.", "FY24", ("DATE", "2024", None)),
        ("He won this past weekend.", "this past weekend", ("DATE", "2023-W48-WE", None)),
        ("They met a fortnight ago.", "a fortnight ago", ("DATE", "2023-W47", None)),
        ("It began years ago.", "years ago", ("DATE", "PAST_REF", None)),
    ],
)
def test_timex_more_formats(text: str, expr: str, expected: tuple[str, str, str | None]) -> None:
    assert val(text, expr) == expected


def test_timex_numeric_dates_locale() -> None:
    assert one("The report of 7/12/2023 says so.", "7/12/2023").value == "2023-07-12"
    # another date in the document is unambiguously day-first: read this one day-first too
    spans = tag("Filed 25/11/2023, amended 7/12/2023.", DCT)
    assert [s.value for s in spans] == ["2023-11-25", "2023-12-07"]
    assert tag("Amended 7/12/2023.", DCT, dayfirst=True)[0].value == "2023-12-07"


# ------------------------------------------------------------------ relative expressions


@pytest.mark.parametrize(
    "text,expr,expected",
    [
        ("Prices fell last year.", "last year", ("DATE", "2022", None)),
        ("This year has seen many visits.", "This year", ("DATE", "2023", None)),
        ("Sales rose next year, they hope.", "next year", ("DATE", "2024", None)),
        ("The deal was struck two days ago.", "two days ago", ("DATE", "2023-12-05", None)),
        ("The law passed earlier this month.", "earlier this month", ("DATE", "2023-12", "START")),
        ("The talks ended yesterday.", "yesterday", ("DATE", "2023-12-06", None)),
        ("The talks open tomorrow.", "tomorrow", ("DATE", "2023-12-08", None)),
        ("Exports rose last month.", "last month", ("DATE", "2023-11", None)),
        ("Exports rose last week.", "last week", ("DATE", "2023-W48", None)),
        ("He was elected a year ago.", "a year ago", ("DATE", "2022", None)),
        ("The plan starts early next year.", "early next year", ("DATE", "2024", "START")),
        ("Prices peaked late last year.", "late last year", ("DATE", "2022", "END")),
    ],
)
def test_timex_relative_expressions(text: str, expr: str, expected: tuple[str, str, str | None]) -> None:
    assert val(text, expr) == expected


def test_timex_anaphoric_reference_time() -> None:
    text = "The company was founded in 1998. The following year it listed its shares."
    assert val(text, "The following year") == ("DATE", "1999", None)
    text = "Third-quarter profit rose 5%. A year earlier, it had lost money."
    assert val(text, "A year earlier")[1] == "2022-Q3"


# ------------------------------------------------------------------ weekdays and tense


@pytest.mark.parametrize(
    "text,expr,expected",
    [
        ("The minister said Monday that talks failed.", "Monday", "2023-12-04"),
        ("The president will visit on Tuesday.", "Tuesday", "2023-12-12"),
        ("The ministry said on Thursday.", "Thursday", "2023-12-07"),
        ("Rebels attacked the town last Friday.", "last Friday", "2023-12-01"),
        ("The court rules next Monday.", "next Monday", "2023-12-11"),
        ("Shares closed lower on Friday.", "Friday", "2023-12-01"),
    ],
)
def test_timex_weekdays_by_tense(text: str, expr: str, expected: str) -> None:
    assert val(text, expr) == ("DATE", expected, None)


def test_timex_weekday_part_of_day() -> None:
    # TimeBank gives the day as the value of "Wednesday night"; "last night" keeps its part
    assert one("Protesters gathered Wednesday night.", "Wednesday night").value == "2023-12-06"


# ------------------------------------------------------------------ seasons, quarters, decades


@pytest.mark.parametrize(
    "text,expr,expected",
    [
        ("Crops failed last summer.", "last summer", ("DATE", "2023-SU", None)),
        ("Profit rose in the third quarter.", "the third quarter", ("DATE", "2023-Q3", None)),
        ("Third-quarter profit rose.", "Third-quarter", ("DATE", "2023-Q3", None)),
        ("Revenue in Q2 2022 fell.", "Q2 2022", ("DATE", "2022-Q2", None)),
        ("The company lost money in fiscal 2022.", "fiscal 2022", ("DATE", "2022", None)),
        ("Growth slowed in the first half of 2023.", "the first half of 2023", ("DATE", "2023-H1", None)),
        ("The crisis of the 1990s hurt Asia.", "the 1990s", ("DATE", "199", None)),
        ("It was built in the early 1980s.", "the early 1980s", ("DATE", "198", "START")),
        ("It changed the 20th century.", "the 20th century", ("DATE", "19", None)),
        ("A vote is due in mid-November.", "mid-November", ("DATE", "2023-11", "MID")),
        ("The war ended in early 2020.", "early 2020", ("DATE", "2020", "START")),
        ("The sale closes by year-end.", "year-end", ("DATE", "2023-12-31", None)),
    ],
)
def test_timex_periods(text: str, expr: str, expected: tuple[str, str, str | None]) -> None:
    assert val(text, expr) == expected


def test_timex_year_ranges_and_week_of() -> None:
    s = one("Growth slowed in the 2012-13 season.", "the 2012-13")
    assert (s.value, s.begin, s.end_value) == ("2012", "2012-01-01", "2013-12-31")
    assert val("The hearing is set for the week of March 6.", "the week of March 6") == (
        "DATE", "2024-W10", None)
    assert tag("Call 2012-1234 now.", DCT)[0].text == "now"


def test_timex_holidays() -> None:
    assert val("Shops close at Christmas.", "Christmas") == ("DATE", "2023-12-25", None)
    assert val("Shops close at Christmas.", "Christmas", dct=None) == ("DATE", "XXXX-12-25", None)


# ------------------------------------------------------------------ durations and sets


@pytest.mark.parametrize(
    "text,expr,expected",
    [
        ("He ruled for three years.", "three years", ("DURATION", "P3Y", None)),
        ("A two-week truce began.", "two-week", ("DURATION", "P2W", None)),
        ("The siege lasted about six months.", "about six months", ("DURATION", "P6M", "APPROX")),
        ("It took several days.", "several days", ("DURATION", "PXD", None)),
        ("Rain fell over the past 24 hours.", "the past 24 hours", ("DURATION", "PT24H", None)),
        ("Talks dragged on for more than a decade.", "more than a decade", ("DURATION", "P10Y", "MORE_THAN")),
        ("The flight took 2 1/2 hours.", "2 1/2 hours", ("DURATION", "PT2H30M", None)),
        ("It ended a minute and a half later.", "a minute and a half", ("DURATION", "PT1M30S", None)),
        ("Kept for more than two thousand years.", "more than two thousand years",
         ("DURATION", "P2000Y", "MORE_THAN")),
        ("Protesters gather daily outside.", "daily", ("SET", "P1D", None)),
        ("The council meets every Monday.", "every Monday", ("SET", "XXXX-WXX-1", None)),
        ("Inspectors visit twice a week.", "twice a week", ("SET", "P1W", None)),
        ("Fees are reviewed each year.", "each year", ("SET", "P1Y", None)),
    ],
)
def test_timex_durations_and_sets(text: str, expr: str, expected: tuple[str, str, str | None]) -> None:
    assert val(text, expr) == expected


# ------------------------------------------------------------------ times


@pytest.mark.parametrize(
    "text,expr,expected",
    [
        ("The blast occurred at 10:35 a.m. Thursday.", "10:35 a.m. Thursday", "2023-12-07T10:35"),
        ("The offer expires at 5 p.m. EST Dec. 9.", "5 p.m. EST Dec. 9", "2023-12-09T17:00"),
        ("Troops left at noon.", "noon", "2023-12-07T12:00"),
        ("He spoke this morning.", "this morning", "2023-12-07TMO"),
        ("She arrived last night.", "last night", "2023-12-06TNI"),
    ],
)
def test_timex_times_with_zones(text: str, expr: str, expected: str) -> None:
    assert val(text, expr) == ("TIME", expected, None)


def test_timex_clock_time_anchors_on_the_day_just_mentioned() -> None:
    text = "The gunman entered the party on Christmas Day. He surrendered around 6 p.m."
    assert val(text, "around 6 p.m.", dct="2010-12-27") == ("TIME", "2010-12-25T18:00", "APPROX")
    s = one("POSTED: 1052 GMT (1852 HKT), April 10, 2007", "1052 GMT (1852 HKT), April 10, 2007")
    assert s.value == "2007-04-10T10:52"


def test_timex_vague_references() -> None:
    assert val("Prices are now falling.", "now") == ("DATE", "PRESENT_REF", None)
    assert val("He recently resigned.", "recently") == ("DATE", "PAST_REF", None)
    assert val("Talks may resume in the near future.", "the near future") == ("DATE", "FUTURE_REF", None)


def test_timex_undated_values_stay_underspecified() -> None:
    assert val("He said Thursday.", "Thursday", dct=None) == ("DATE", "XXXX-WXX-4", None)
    assert val("He arrives on December 12.", "December 12", dct=None) == ("DATE", "XXXX-12-12", None)


def test_timex_no_false_positives_on_numbers_and_ages() -> None:
    text = "The 6-year-old boy and 2,023 other people on flight 2023 paid $1999 for May's book; it may rain."
    assert tag(text, DCT) == []


# ------------------------------------------------------------------ API shapes


def test_timex_command_output_shape() -> None:
    out = list(timex_command([
        {"doc_id": "a", "dct": DCT, "text": "He left early last year and returns next week."},
        {"doc_id": "b", "dct": DCT, "text": "Nothing here."},
    ]))
    assert [o["doc_id"] for o in out] == ["a", "b"]
    a = out[0]["timexes"]
    assert a[0] == {"start": 8, "end": 23, "text": "early last year", "type": "DATE",
                    "value": "2022", "mod": "START"}
    assert "mod" not in a[1] and a[1]["value"] == "2023-W50"
    assert out[1]["timexes"] == []


def test_timex_mod_narrows_the_period() -> None:
    spans = {s.text: s for s in tag("Early 2020, mid-November, the late 1970s and the end of last year.", DCT)}
    assert (spans["Early 2020"].begin, spans["Early 2020"].end_value) == ("2020-01-01", "2020-04-30")
    assert (spans["mid-November"].begin, spans["mid-November"].end_value) == ("2023-11-11", "2023-11-20")
    assert (spans["the late 1970s"].begin, spans["the late 1970s"].end_value) == ("1977-01-01", "1979-12-31")
    assert (spans["the end of last year"].begin, spans["the end of last year"].end_value) == (
        "2022-09-01", "2022-12-31")


def test_timex_value_bounds() -> None:
    assert value_bounds("2023-12") == ("2023-12-01", "2023-12-31", "month")
    assert value_bounds("2023-W50") == ("2023-12-11", "2023-12-17", "week")
    assert value_bounds("2023-Q4") == ("2023-10-01", "2023-12-31", "quarter")
    assert value_bounds("2022") == ("2022-01-01", "2022-12-31", "year")
    assert value_bounds("P3D") is None


def test_timex_stage_offsets_ids_and_segments() -> None:
    text = "Xi visits Hanoi\n\nXi will visit Hanoi next week, officials said Thursday.\n\nPhoto taken in 2017."
    b0 = text.index("Xi will")
    b1 = text.index(".", b0) + 1
    c0 = text.index("Photo")
    art = Article(id="art1", text=text, source="t", fmt="text", published=DCT)
    sents = (
        Sentence("s0", "art1", 0, 15, text[0:15], "title"),
        Sentence("s1", "art1", b0, b1, text[b0:b1], "body"),
        Sentence("s2", "art1", c0, len(text), text[c0:], "caption"),
    )
    stage = make_stage()
    assert (stage.name, stage.reads, stage.writes) == ("timex", ("article", "sentences"), ("timexes",))
    doc = stage([AnalyzedDoc(article=art, sentences=sents)])[0]
    got = [(t.text, t.value) for t in doc.timexes]
    assert got == [("next week", "2023-W50"), ("Thursday", "2023-12-07")]  # caption skipped
    for t in doc.timexes:
        assert text[t.start : t.end] == t.text
        assert t.id == make_id("art1", "timex", t.start, t.end)  # no version: ids survive upgrades
    assert doc.stage_versions[-1] == ("timex", stage.version)


def test_timex_stage_undated_article_anchors_only_on_strong_evidence() -> None:
    text = "Talks ended yesterday (Dec 6, 2023) in Hanoi. The leaders will meet again next week."
    art = Article(id="u1", text=text, source="t", fmt="text", published=None)
    doc = make_stage()([AnalyzedDoc(article=art)])[0]
    by_text = {t.text: t for t in doc.timexes}
    assert by_text["next week"].anchor == "inferred:2023-12-07"
    assert by_text["next week"].value == "2023-W50"
    # seed 002 states no date and ties no deictic to a full date: nothing is anchored
    if SEED_002.exists():
        art2 = Article(id="s2", text=SEED_002.read_text(encoding="utf-8"), source="t", fmt="text")
        doc2 = make_stage()([AnalyzedDoc(article=art2)])[0]
        nw = {t.text: t for t in doc2.timexes}["next week"]
        assert nw.anchor == "none" and not nw.value.startswith("2023")


# ------------------------------------------------------------------ event dates

SEED_002 = ROOT / "examples" / "seeds" / "002_deff7df00f35160b.txt"


def test_timex_event_date_own_expression_planned_and_happened() -> None:
    text = "Xi will visit Hanoi on December 12-13, and Vietnam and China in 2008 established ties."
    spans = tag(text, DCT)
    v = text.index("visit")
    ed = event_date(spans, v, v + 5, DCT)
    assert (ed.begin, ed.end, ed.precision, ed.status_hint, ed.source) == (
        "2023-12-12", "2023-12-13", "days", "planned", "own-timex")
    e = text.index("established")
    ed2 = event_date(spans, e, e + 11, DCT)
    assert (ed2.begin, ed2.end, ed2.precision, ed2.status_hint) == (
        "2008-01-01", "2008-12-31", "year", "happened")


def test_timex_event_date_with_dependency_parse() -> None:
    from eventwire.analyze.nlp import doc_records, parse_texts

    text = "Trong visited China at the end of last year, and Xi will visit Hanoi next week."
    sdoc = next(iter(parse_texts([text])))
    _, tokens, _ = doc_records("x", sdoc)
    spans = tag(text, DCT)
    v = text.index("visited")
    ed = event_date(spans, v, v + 7, DCT, tokens)
    # "the end of last year": the last third of 2022
    assert (ed.begin, ed.end, ed.status_hint, ed.source) == ("2022-09-01", "2022-12-31", "happened", "own-timex")
    w = text.index("visit Hanoi")
    ed2 = event_date(spans, w, w + 5, DCT, tokens)
    assert (ed2.begin, ed2.status_hint, ed2.source) == ("2023-12-11", "planned", "own-timex")


def test_timex_event_date_none_when_no_date() -> None:
    ed = event_date([], 0, 5, DCT)
    assert ed.source == "none" and ed.begin is None


# ------------------------------------------------------------------ regression gate (dev set)

GOLD = SHARED / "data" / "tempeval3" / "tbaq-train.jsonl"
SCORER = SHARED / "eval" / "timex_score.py"
# figures reached on the TempEval-3 TBAQ dev set (value F1, relaxed span F1), minus 0.02
VALUE_F1_FLOOR = 0.785
RELAXED_F1_FLOOR = 0.92


def test_timex_dev_set_regression_gate(tmp_path: Path) -> None:
    if not (GOLD.exists() and SCORER.exists()):
        pytest.skip("shared dev data not available")
    docs = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    out = timex_command({"doc_id": d["doc_id"], "dct": d["dct"], "text": d["text"]} for d in docs)
    sys_path = tmp_path / "sys.jsonl"
    with sys_path.open("w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r) + "\n")
    res = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(sys_path), "--json"],
                         capture_output=True, text=True, check=True)
    sc = json.loads(res.stdout)
    assert sc["value"]["f1"] >= VALUE_F1_FLOOR, sc["value"]
    assert sc["relaxed"]["f1"] >= RELAXED_F1_FLOOR, sc["relaxed"]
