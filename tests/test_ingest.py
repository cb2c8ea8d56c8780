"""Ingest: every input format from real fixture files, every bad-input class, seed cleaning."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from eventwire.errors import CODES
from eventwire.ingest import clean, iter_inputs
from eventwire.ingest.clean import find_dateline
from eventwire.model import SEGMENT_KINDS, Article, IngestProblem, RawDoc

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "examples" / "seeds"


def read(*names: str, **kw: object) -> list[RawDoc | IngestProblem]:
    return list(iter_inputs([str(DATA / n) if not n.startswith("/") else n for n in names], **kw))  # type: ignore[arg-type]


def docs(items: list[RawDoc | IngestProblem]) -> list[RawDoc]:
    return [i for i in items if isinstance(i, RawDoc)]


def problems(items: list[RawDoc | IngestProblem]) -> list[IngestProblem]:
    return [i for i in items if isinstance(i, IngestProblem)]


def check_segments(a: Article) -> None:
    """Segments are ordered, disjoint, slice the text exactly and cover every
    non-whitespace character."""
    covered = [False] * len(a.text)
    prev_end = 0
    for s in a.segments:
        assert s.kind in SEGMENT_KINDS
        assert s.text == a.text[s.start : s.end]
        assert s.start >= prev_end and s.end > s.start
        assert s.text == s.text.strip()
        prev_end = s.end
        for i in range(s.start, s.end):
            covered[i] = True
    for i, ch in enumerate(a.text):
        assert covered[i] or ch.isspace(), (i, a.text[max(0, i - 20) : i + 20])


# ---------------------------------------------------------------- seeds


def seed(name: str) -> Article:
    [raw] = docs(list(iter_inputs([str(SEEDS / name)])))
    return clean(raw)


def test_ingest_seed_000_title_dateline_fragment() -> None:
    a = seed("000_01d2753117808385.txt")
    check_segments(a)
    assert a.title == "Chinese President Xi Jinping’s upcoming visit to Vietnam"
    assert (a.published, a.date_method) == ("2023-12-07", "dateline")
    assert a.date_confidence >= 0.85
    kinds = {s.text: s.kind for s in a.segments}
    assert kinds["President Xi"] == "fragment"
    assert kinds["7th December 2023 – (Beijing)"] == "dateline"
    first_body = next(s for s in a.segments if s.kind == "body")
    assert first_body.text.startswith("Chinese President Xi Jinping is scheduled to visit Vietnam")
    assert a.fmt == "text" and a.source.endswith("000_01d2753117808385.txt")


def test_ingest_seed_002_repeat_caption_and_inferred_date() -> None:
    a = seed("002_deff7df00f35160b.txt")
    check_segments(a)
    assert a.title == "Hanoi, Beijing to discuss upgrading ties in Xi’s visit: China spokesperson"
    lede = [s for s in a.segments if s.text.startswith("China and Vietnam will discuss upgrading")]
    assert [s.kind for s in lede] == ["body", "repeat"]
    [cap] = [s for s in a.segments if "Photo courtesy of" in s.text]
    assert cap.kind == "caption" and cap.text.startswith("General Secretary")
    body = " ".join(a.text[s:e] for s, e in a.body_spans())
    assert "November 2017" not in body and "Photo courtesy" not in body
    # no stamp or date line, and no deictic tied to a full date: the text supports only a
    # window (a Thursday in the week before a December 12-13 visit, in a year after 2022),
    # not a day, so the date stays unknown rather than guessed
    assert a.date_method == "unknown" and a.published is None and a.date_confidence == 0.0


def test_ingest_article_id_is_content_hash_of_title_and_body() -> None:
    from eventwire.ingest.clean import dedup_text
    from eventwire.ingest.dedup import jaccard, shingle_hashes

    a = seed("000_01d2753117808385.txt")
    title, rest = a.text.split("\n", 1)
    same = clean(RawDoc(source="elsewhere", text=title.upper() + "\n\n  " + rest.upper()))
    assert same.content_hash == a.content_hash and same.id == a.id  # case and spacing
    assert len(a.content_hash) == 64
    other = clean(RawDoc(source="elsewhere", text="A DIFFERENT HEADLINE\n\n" + rest.upper()))
    assert other.content_hash != a.content_hash  # not an exact copy any more...
    sim = jaccard(shingle_hashes(dedup_text(a)), shingle_hashes(dedup_text(other)))
    assert sim >= 0.8  # ...but a near duplicate of a full story


def test_ingest_wire_reuters_dateline_byline_caption_trailer() -> None:
    [raw] = docs(read("wire_reuters.txt"))
    a = clean(raw)
    check_segments(a)
    kinds = [(s.kind, s.text[:30]) for s in a.segments]
    assert kinds[0][0] == "title"
    assert ("byline", "By Jane Doe and Minh Tran") in kinds
    [dl] = [s for s in a.segments if s.kind == "dateline"]
    assert dl.text == "BEIJING, Dec 7 (Reuters) -"
    assert a.outlet == "Reuters"
    # "Dec 7" has no year and the article's own text states no full date near it (the
    # caption's "November 12, 2017" is a file photo's date): the year is not guessed
    assert a.published is None and a.date_method == "unknown" and a.date_confidence == 0.0
    by_kind = {s.kind for s in a.segments}
    assert {"caption", "boilerplate", "repeat", "byline"} <= by_kind
    assert any(s.kind == "byline" and s.text.startswith("(Reporting by") for s in a.segments)
    assert any(s.kind == "caption" and "REUTERS/Kham/File Photo" in s.text for s in a.segments)


def test_ingest_wire_ap_dateline_photo_caption_fragment() -> None:
    [raw] = docs(read("wire_ap.txt"))
    a = clean(raw)
    check_segments(a)
    assert a.segments[0].kind == "dateline" and a.segments[0].text == "WASHINGTON (AP) —"
    assert a.outlet == "AP"
    assert a.title is None  # the first paragraph is a sentence, not a headline
    assert any(s.kind == "caption" and s.text.startswith("(Photo:") for s in a.segments)
    assert a.segments[-1].kind == "fragment" and a.segments[-1].text == "Shutdown talks"


@pytest.mark.parametrize(
    "line, date, outlet",
    [
        ("BEIJING, Dec 7 (Reuters) - China said", (None, 12, 7), "Reuters"),
        ("WASHINGTON (AP) — The Senate", None, "AP"),
        ("7th December 2023 – (Beijing) Chinese", (2023, 12, 7), None),
        ("NAIROBI, August 21 (Xinhua) -- Kenya", (None, 8, 21), "Xinhua"),
        ("Published: Thursday, May 2, 2013, 1:32 PM", (2013, 5, 2), None),
        ("December 22nd, 2008 8:55 am", (2008, 12, 22), None),
        ("LONDON — Britain's", None, None),
    ],
)
def test_ingest_dateline_shapes(line: str, date: tuple[int | None, int, int] | None, outlet: str | None) -> None:
    dl = find_dateline(line)
    assert dl is not None
    assert dl.date == date and dl.outlet == outlet


@pytest.mark.parametrize(
    "line",
    ["By all indications, he is a solid investment.", "Indian Naval Services (INS) said", "The minister said on Monday."],
)
def test_ingest_dateline_rejects_sentences(line: str) -> None:
    assert find_dateline(line) is None


# ---------------------------------------------------------------- formats


def test_ingest_html_main_text_title_outlet_date() -> None:
    [raw] = docs(read("article.html"))
    assert raw.fmt == "html"
    assert raw.title == "Texas prisoner captured after week on the run"
    assert raw.outlet == "Example Gazette" and raw.published == "2009-12-07"
    assert "convicted sex offender" in raw.text
    assert "Most read" not in raw.text and "Privacy" not in raw.text and "Home | News" not in raw.text
    a = clean(raw)
    check_segments(a)
    assert a.segments[0].kind == "title" and a.date_method == "metadata" and a.date_confidence == 0.95


def test_ingest_html_declared_legacy_charset() -> None:
    [raw] = docs(read("latin1.html"))
    assert raw.title == "Café owner in Zürich wins appeal"
    assert "– one meant for nightclubs –" in raw.text


def test_ingest_html_without_text_is_e108() -> None:
    [p] = problems(read("boilerplate_only.html"))
    assert p.code == "E108"


def test_ingest_rss_feed_entries() -> None:
    items = read("feed.rss")
    ds = docs(items)
    assert [d.source for d in ds] == ["https://sports.example.org/teixeira", "https://sports.example.org/reid"]
    assert ds[0].outlet == "Example Sports Wire" and ds[0].published == "2008-12-15"
    assert ds[0].title == "Report: Red Sox offer Teixeira $200 million"
    assert "<p>" not in ds[0].text and "Dan Patrick reported" in ds[0].text
    assert "\n" in ds[0].text  # HTML paragraphs become lines
    assert ds[1].published == "2008-12-02" and "Tara Reid" in ds[1].text
    [p] = problems(items)
    assert p.code == "E109" and p.source == "https://sports.example.org/empty"


def test_ingest_atom_feed_entries() -> None:
    ds = docs(read("feed.atom"))
    assert len(ds) == 2
    assert ds[0].url == "https://gazette.example.org/texas" and ds[0].published == "2009-12-07"
    assert ds[0].fmt == "feed" and "convicted sex offender" in ds[0].text and "<p>" not in ds[0].text
    assert ds[1].published == "2008-12-02"


def test_ingest_malformed_feeds_are_e106() -> None:
    ps = problems(read("broken.rss", "notafeed.xml"))
    assert [p.code for p in ps] == ["E106", "E106"]


def test_ingest_jsonl_records_good_bad_and_missing_text() -> None:
    items = read("records.jsonl")
    src = str(DATA / "records.jsonl")
    assert [(type(i).__name__, i.source) for i in items] == [
        ("RawDoc", src + "#1"),
        ("IngestProblem", src + "#2"),
        ("IngestProblem", src + "#3"),
        ("RawDoc", src + "#5"),
    ]
    assert [p.code for p in problems(items)] == ["E105", "E109"]
    d1, d5 = docs(items)
    assert d1.published == "2009-12-07" and d1.outlet == "Example Gazette" and d1.fmt == "json"
    assert d1.url == "https://gazette.example.org/texas"
    assert "<p>" not in d5.text and "Dan Patrick" in d5.text  # HTML in the text field


def test_ingest_json_array_and_configurable_fields() -> None:
    ds = docs(read("records.json"))
    assert [d.published for d in ds] == ["2008-12-02", "2008-12-15"]
    [p] = problems(read("custom_fields.jsonl"))
    assert p.code == "E109"
    [d] = docs(read("custom_fields.jsonl", json_fields={"text": "body", "title": "headline", "date": "published_at"}))
    assert d.title == "Report: Red Sox offer Teixeira $200 million"
    assert d.published == "2008-12-15" and d.url == "https://sports.example.org/teixeira"
    assert d.outlet == "Example Sports Wire"


def test_ingest_malformed_json_is_e105() -> None:
    [p] = read("bad.json")
    assert isinstance(p, IngestProblem) and p.code == "E105"


def test_ingest_warc_html_responses() -> None:
    items = read("pages.warc.gz")
    ds = docs(items)
    assert not problems(items)  # request, image and 404 records are skipped silently
    assert [d.url for d in ds] == [
        "https://news.example.org/story/1_5ecb",
        "https://news.example.org/story/3_10ecbplus",
    ]
    assert all(d.fmt == "warc" and d.outlet == "Example Gazette" for d in ds)
    assert ds[1].title == "Texas prisoner captured after week on the run"
    assert ds[0].source.endswith("pages.warc.gz#3")


def test_ingest_truncated_and_garbage_warc_are_e107() -> None:
    items = read("truncated.warc")
    assert len(docs(items)) == 1  # the complete record before the cut is kept
    assert [p.code for p in problems(items)] == ["E107"]
    [p] = read("garbage.warc")
    assert isinstance(p, IngestProblem) and p.code == "E107"


def test_ingest_directory_glob_and_missing(tmp_path: Path) -> None:
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "one.txt").write_text("Headline one here\n\nA body sentence that is long enough to count.\n")
    (tmp_path / "two.txt").write_text("Headline two here\n\nAnother body sentence that is long enough.\n")
    (tmp_path / ".hidden.txt").write_text("hidden")
    got = list(iter_inputs([str(tmp_path)]))
    assert sorted(Path(d.source).name for d in docs(got)) == ["one.txt", "two.txt"]
    got = list(iter_inputs([str(tmp_path / "**" / "*.txt")]))
    assert len(docs(got)) == 2
    [p] = list(iter_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(p, IngestProblem) and p.code == "E003"


def test_ingest_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Headline of the story\n\nThe body of the story is a sentence.\n")
    (tmp_path / "story.meta.json").write_text('{"outlet": "Example Wire", "date": "2023-12-07", "url": "https://ex.org/s"}')
    [d] = list(iter_inputs([str(tmp_path)]))
    assert isinstance(d, RawDoc) and d.outlet == "Example Wire" and d.published == "2023-12-07"


# ---------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    "name, code",
    [
        ("empty.txt", "E101"),
        ("blank.txt", "E101"),
        ("binary.txt", "E102"),
        ("image.png", "E102"),
        ("undecodable.txt", "E103"),
    ],
)
def test_ingest_bad_input_codes(name: str, code: str) -> None:
    [p] = read(name)
    assert isinstance(p, IngestProblem) and p.code == code and p.code in CODES
    assert p.source.endswith(name) and p.reason


def test_ingest_wrong_encoding_and_truncated_utf8_are_read() -> None:
    [d] = docs(read("cp1252.txt"))
    assert "Café owner in Zürich" in d.text and "“small café”" in d.text
    [d] = docs(read("truncated_utf8.txt"))
    assert d.text.endswith("Naïve café résumé.\nThe prisoner was captured on Monday after a week on the run, officials said. Naïve café résum")


def test_ingest_size_caps(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 3000)
    [p] = list(iter_inputs([str(big)], max_bytes=10_000))
    assert isinstance(p, IngestProblem) and p.code == "E104"
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"text": "short record one is fine"}\n{"text": "' + "x" * 20_000 + '"}\n{"text": "short record three"}\n')
    items = list(iter_inputs([str(lines)], max_bytes=10_000))
    assert [type(i).__name__ for i in items] == ["RawDoc", "IngestProblem", "RawDoc"]
    assert items[1].code == "E104" and items[1].source.endswith("#2")  # type: ignore[union-attr]
    gz = tmp_path / "bomb.txt.gz"
    gz.write_bytes(gzip.compress(b"a " * 100_000))
    [p] = list(iter_inputs([str(gz)], max_bytes=10_000))
    assert isinstance(p, IngestProblem) and p.code == "E104"


def test_ingest_batch_never_stops_on_bad_inputs() -> None:
    names = ["empty.txt", "binary.txt", "bad.json", "broken.rss", "garbage.warc", "article.html", "undecodable.txt"]
    items = read(*names)
    assert len(docs(items)) == 1
    assert {p.code for p in problems(items)} == {"E101", "E102", "E105", "E106", "E107", "E103"}
