"""The web pages through the in-process client, and their pure helpers (highlighting,
chart geometry, safe links, date ranges). The browser tests are in test_browser.py."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi) is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from eventwire.serve import create_app  # noqa: E402
from eventwire.serve.chart import periods_between, stacked_bars  # noqa: E402
from eventwire.serve.highlight import pieces, span_anchor  # noqa: E402
from eventwire.serve.pages import period, safe_href, source_label  # noqa: E402


@pytest.fixture(scope="module")
def client(seed_db: str) -> TestClient:
    return TestClient(create_app(seed_db))


@pytest.fixture(scope="module")
def seed_story(client: TestClient) -> str:
    html = client.get("/").text
    ids = re.findall(r'href="/stories/([0-9a-f]+)"', html)
    assert ids
    for sid in ids:
        page = client.get(f"/stories/{sid}").text
        if page.count('href="/articles/') >= 2:
            return sid
    raise AssertionError("no two-article story on the home page")


def test_serve_pages_highlight_pieces_cover_the_text_and_nest_layers() -> None:
    text = "Xi visited Hanoi on Tuesday."
    layers = {"entity": [{"start": 0, "end": 2}, {"start": 11, "end": 16}],
              "event": [{"start": 3, "end": 10}],
              "fact": [{"start": 3, "end": 16}],
              "date": [{"start": 20, "end": 27}, {"start": 5, "end": 99}]}  # out of range: ignored
    ps = pieces(text, layers, extra_anchors=[(0, 28)])
    assert "".join(p.text for p in ps) == text
    assert all(p.end - p.start == len(p.text) > 0 for p in ps)
    by_text = {p.text: p for p in ps}
    assert by_text["visited"].layers == ("event", "fact")
    assert by_text["Hanoi"].layers == ("entity", "fact")
    assert by_text["Tuesday"].layers == ("date",)
    assert ps[0].anchors == (span_anchor(0, 2), span_anchor(0, 28))
    assert span_anchor(3, 16) in by_text["visited"].anchors


def test_serve_pages_highlight_keeps_markup_as_text() -> None:
    text = "<script>alert(1)</script> ok"
    ps = pieces(text, {"entity": [{"start": 0, "end": 8}]})
    assert ps[0].text == "<script>" and ps[0].layers == ("entity",)


def test_serve_pages_safe_href_allows_only_http_links() -> None:
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_href("http://example.org") == "http://example.org"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
                "data:text/html,<script>", "//evil.example/x", "/local/path", "file:///etc/passwd",
                "http://", "https:///x", "java\nscript:alert(1)", None, 42, ""):
        assert safe_href(bad) is None, bad


def test_serve_pages_period_reads_like_a_date() -> None:
    assert period("2022-01-01", "2022-12-31") == "2022"
    assert period("2024-02-01", "2024-02-29") == "2024-02"
    assert period("2023-02-01", "2023-02-28") == "2023-02"
    assert period("2023-12-12", "2023-12-13") == "2023-12-12..2023-12-13"
    assert period("2023-12-07", None) == "2023-12-07"
    assert period(None, None) == "undated"


def test_serve_pages_source_label_prefers_outlet_then_host_then_file() -> None:
    assert source_label({"outlet": "Reuters", "url": "https://x.example/a"}) == "Reuters"
    assert source_label({"url": "https://news.example.org/a"}) == "news.example.org"
    assert source_label({"url": "javascript:alert(1)", "source": "/data/in/001.txt"}) == "001.txt"


def test_serve_pages_chart_stacks_counts_on_a_continuous_axis() -> None:
    assert periods_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert periods_between("2019", "2021") == ["2019", "2020", "2021"]
    rows = [{"period": "2023-11", "plover_type": "CONSULT", "n": 3},
            {"period": "2023-11", "plover_type": "AGREE", "n": 1},
            {"period": "2024-01", "plover_type": "CONSULT", "n": 2}]
    c = stacked_bars(rows)
    assert c is not None
    assert [x["type"] for x in c["legend"]] == ["CONSULT", "AGREE"]
    assert len(c["bars"]) == 3
    nov = [b for b in c["bars"] if b["label"].startswith("2023-11")]
    assert len({b["x"] for b in nov}) == 1  # stacked in one column
    assert abs(sum(b["h"] for b in nov) / c["bars"][-1]["h"] - 2.0) < 0.01  # 4 events vs 2
    dec_x = c["bars"][-1]["x"]
    assert dec_x > nov[0]["x"] + 2 * (c["bars"][0]["w"])  # December is an empty slot between
    assert stacked_bars([]) is None


def test_serve_pages_story_shows_both_articles_timeline_and_facts(client: TestClient, seed_story: str) -> None:
    r = client.get(f"/stories/{seed_story}")
    assert r.status_code == 200
    html = r.text
    assert len(set(re.findall(r'href="/articles/([0-9a-f]+)"', html))) == 2
    assert html.count('class="tl-item"') >= 4
    assert re.search(r'href="/articles/[0-9a-f]+#span-\d+-\d+"', html)  # mentions link to spans
    assert 'class="badge fl-agree"' in html
    assert f'href="/api/stories/{seed_story}"' in html  # the JSON twin
    assert html.count("· in a caption") == 1  # the 2017 photo caption's handshake, marked


def test_serve_pages_article_has_an_anchor_for_every_record(client: TestClient, seed_story: str) -> None:
    story = client.get(f"/stories/{seed_story}").text
    art = re.findall(r'href="/articles/([0-9a-f]+)"', story)[0]
    html = client.get(f"/articles/{art}").text
    ids = set(re.findall(r'<a class="anc" id="(span-\d+-\d+)">', html))
    links = set(re.findall(r'href="#(span-\d+-\d+)"', html))
    assert links and links <= ids
    assert 'class="l-event ' in html and 'class="l-date ' in html


def test_serve_pages_events_table_filters_and_links_exports(client: TestClient) -> None:
    all_rows = client.get("/events").text.count("<tr>") - 1
    r = client.get("/events", params={"type": "CONSULT", "country": "VNM"})
    assert r.status_code == 200
    rows = r.text.count("<tr>") - 1
    assert 0 < rows < all_rows
    assert "/api/events/download?type=CONSULT&amp;country=VNM&amp;sort=-date&amp;format=csv" in r.text
    bad = client.get("/events", params={"since": "2023-13-45"})
    assert bad.status_code == 400 and 'class="error"' in bad.text


def test_serve_pages_pair_and_actor_pages(client: TestClient) -> None:
    r = client.get("/pairs/VNM/CHN")
    assert r.status_code == 200
    assert "<svg" in r.text and "<rect" in r.text and "comprehensive strategic partnership" in r.text
    assert "(date inferred: date of the story&#39;s event" in r.text  # an undated article's event
    assert client.get("/pairs/VNM/VNM").status_code == 400
    assert client.get("/pairs/VN/CHN").status_code == 400
    events = client.get("/events").text
    actor = re.findall(r'href="/actors/([0-9a-f]+)"', client.get(
        "/articles/" + re.findall(r'href="/articles/([0-9a-f]+)"', events)[0]).text)[0]
    r = client.get(f"/actors/{actor}")
    assert r.status_code == 200 and "Latest events" in r.text


def test_serve_pages_unknown_records_are_404_pages(client: TestClient) -> None:
    for url in ("/stories/nope", "/articles/0000000000000000", "/actors/nope"):
        r = client.get(url)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"], url
    assert client.get("/stories/<script>").status_code in (400, 404)


def test_serve_pages_redirects_stay_on_this_site(client: TestClient) -> None:
    for path in ("/events/", "/stories/x/"):
        r = client.get(path, follow_redirects=False)
        if r.is_redirect:
            loc = r.headers["location"]
            assert loc.startswith(("/", "http://testserver/")) and not loc.startswith("//"), loc
    # the only redirects are trailing-slash ones; no page takes a URL to go to
    assert not re.search(r'name="(next|redirect|url|return_to)"', client.get("/events").text)


def test_serve_pages_relations_index_lists_country_pairs(client: TestClient) -> None:
    html = client.get("/pairs").text
    assert 'href="/pairs/CHN/VNM"' in html
    only = client.get("/pairs", params={"country": "usa"}).text
    assert 'href="/pairs/USA/VNM"' in only and 'href="/pairs/CHN/VNM"' not in only
    assert client.get("/pairs", params={"country": "V1"}).status_code == 400


def test_serve_pages_events_table_of_one_story(client: TestClient, seed_story: str) -> None:
    r = client.get("/events", params={"story": seed_story})
    assert r.status_code == 200 and f'href="/stories/{seed_story}"' in r.text
    assert r.text.count("<tr>") - 1 >= 10
    assert f'name="story" value="{seed_story}"' in r.text  # kept when the form is submitted


def test_serve_pages_every_page_links_a_working_json_twin(client: TestClient, seed_story: str) -> None:
    story = client.get(f"/stories/{seed_story}").text
    art = re.findall(r'href="/articles/([0-9a-f]+)"', story)[0]
    actor = re.findall(r'href="/actors/([0-9a-f]+)"', client.get(f"/articles/{art}").text)[0]
    for url in ("/", "/?q=Vietnam", f"/stories/{seed_story}", f"/articles/{art}",
                "/events?type=CONSULT", f"/actors/{actor}", "/pairs/VNM/CHN"):
        html = client.get(url).text
        twin = re.search(r'<a class="json" href="([^"]+)"', html)
        assert twin, url
        r = client.get(twin.group(1).replace("&amp;", "&"))
        assert r.status_code == 200 and r.json()["ok"] is True, (url, twin.group(1), r.text[:200])
