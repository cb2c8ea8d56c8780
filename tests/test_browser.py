"""The web UI in a real browser: Playwright drives Debian's Chromium (/usr/bin/chromium,
installed by .ci/run; never `playwright install`) against `eventwire serve` on 127.0.0.1
over the analyzed seed store plus one hostile article ingested through the pipeline.

Screenshots of the main pages (desktop and 375 px) go to a temporary directory, or to
$EVENTWIRE_SCREENSHOTS (e.g. bench/results/screenshots) when it is set.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is absent (CI installs Debian's chromium package)",
                allow_module_level=True)
pytest.importorskip("fastapi", reason="the serve extra (fastapi) is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) is not installed")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 375, "height": 760}

# Markup in every field a page shows; each payload would set window.__pwned if it ran.
HOSTILE = {
    "title": "<script>window.__pwned='title'</script><img src=x onerror=\"window.__pwned='img'\">"
             " Brazil and Argentina to hold trade talks",
    "outlet": "<b onmouseover=\"window.__pwned='outlet'\">Evil Times</b>",
    "url": "javascript:window.__pwned='url'",
    "date": "2024-03-03",
    "text": "BRASILIA, March 3 (Evil Times) - Brazil and Argentina will hold trade talks in"
            " Buenos Aires on March 20, officials said on Friday. <script>window.__pwned='text'"
            "</script> The economy ministers of the two countries met in Montevideo last month."
            " <img src=x onerror=\"window.__pwned='text-img'\"> Readers can <a href=\"javascript:"
            "window.__pwned='link'\">click here</a> for more. Brazil signed a beef export"
            " agreement with Argentina in 2021.",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def ui_db(seed_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the seed store with the hostile article ingested by the normal pipeline."""
    from eventwire import api
    from eventwire.store import open_store

    d = tmp_path_factory.mktemp("ui")
    src, dst = sqlite3.connect(seed_db.removeprefix("sqlite:///")), sqlite3.connect(d / "ui.db")
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    (d / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    url = f"sqlite:///{d / 'ui.db'}"
    with open_store(url) as store:
        api.run(store, [str(d / "hostile.jsonl")])
    return url


@pytest.fixture(scope="module")
def server(ui_db: str) -> Iterator[str]:
    """`eventwire serve` in its own process on a free port; stopped after the module."""
    port = _free_port()
    log = tempfile.TemporaryFile()  # a file, not a pipe: a chatty server never blocks
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", ui_db, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()  # a server still alive at the deadline must not hang the read
                    proc.wait(timeout=10)
                    log.seek(0)
                    err = log.read().decode(errors="replace")
                    raise RuntimeError(f"eventwire serve did not start: {err[-2000:]}") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """A page that records dialogs, console errors and CSP violations."""

    def __init__(self, browser: Any, viewport: dict[str, int], **kw: Any) -> None:
        self.ctx = browser.new_context(viewport=viewport, **kw)
        self.page = self.ctx.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture()
def watch(browser: Any) -> Iterator[Watch]:
    w = Watch(browser, DESKTOP, accept_downloads=True)
    yield w
    w.close()


def _seed_story_url(base: str) -> str:
    with urllib.request.urlopen(base + "/api/stories") as r:
        items = json.load(r)["items"]
    seed = next(s for s in items if s["n_articles"] == 2)
    return f"{base}/stories/{seed['id']}"


def test_browser_seed_story_shows_sources_timeline_and_facts(server: str, watch: Watch) -> None:
    page = watch.page
    page.goto(server + "/")
    page.get_by_role("link", name="Chinese President Xi Jinping’s upcoming visit to Vietnam").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("#articles li").count() == 2  # both sources
    assert page.locator("#timeline li.tl-item").count() >= 4
    assert page.locator("#timeline").get_by_text("CONSULT").first.is_visible()
    facts = page.locator("#facts")
    assert facts.locator("details.fl-agree li").count() >= 1
    assert facts.locator("details.fl-agree .sources li").count() >= 2  # an agreed fact has its two sources
    assert not watch.errors and not watch.dialogs, (watch.errors, watch.dialogs)


def test_browser_event_links_to_its_highlighted_evidence_span(server: str, watch: Watch) -> None:
    page = watch.page
    page.goto(_seed_story_url(server))
    link = page.locator("#timeline a.ev-link").first
    quote = link.inner_text()
    href = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url("**/articles/*")
    assert "#span-" in page.url and href.endswith(page.url.split("#", 1)[1])
    hit = page.locator("article.text span.hit")
    assert hit.count() >= 1
    assert "".join(hit.all_inner_texts()) == quote
    assert hit.first.is_visible()
    box, vh = hit.first.bounding_box(), page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] <= vh  # scrolled into view
    # a record in the side panel moves the highlight to its own span
    rec = page.locator("aside.records a.rec").nth(2)
    rec_text = rec.inner_text()
    rec.click()
    page.wait_for_function("document.querySelectorAll('article.text span.hit').length > 0")
    assert "".join(page.locator("article.text span.hit").all_inner_texts()) == rec_text
    assert not watch.errors


def test_browser_events_table_filters(server: str, watch: Watch) -> None:
    page = watch.page
    page.goto(server + "/events")
    all_rows = page.locator("table.events tbody tr").count()
    assert all_rows >= 10
    page.select_option("select[name=type]", "CONSULT")
    page.fill("input[name=country]", "VNM")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/events?*type=CONSULT*")
    rows = page.locator("table.events tbody tr")
    assert 0 < rows.count() < all_rows
    for i in range(rows.count()):
        assert rows.nth(i).locator("td").nth(1).inner_text() == "CONSULT"
        assert "VNM" in rows.nth(i).locator("td").nth(3).inner_text()
    assert page.locator("select[name=type]").input_value() == "CONSULT"  # the form keeps the filter


def test_browser_events_export_downloads_the_filtered_csv(server: str, watch: Watch, tmp_path: Path) -> None:
    page = watch.page
    page.goto(server + "/events?type=CONSULT")
    shown = page.locator("table.events tbody tr").count()
    with page.expect_download() as info:
        page.locator("a.export", has_text="CSV").click()
    path = tmp_path / "events.csv"
    info.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == shown > 0
    assert {r["plover_type"] for r in rows} == {"CONSULT"}


def test_browser_hostile_article_runs_no_script(server: str, watch: Watch) -> None:
    page = watch.page
    page.goto(server + "/?q=Evil")
    page.locator("a.title[href^='/articles/']", has_text="Brazil and Argentina to hold trade talks").click()
    page.wait_for_url("**/articles/*")
    pages = [page.url, server + "/?q=Evil", server + "/events?q=Evil"]
    stories = page.locator("p.meta a[href^='/stories/']")
    if stories.count():
        pages.append(server + (stories.first.get_attribute("href") or ""))
    for url in pages:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.locator("a[href^='javascript:' i], [onerror], [onmouseover], img[src=x]").count() == 0
        assert page.locator("script:not([src='/static/ui.js'])").count() == 0
    page.goto(pages[0])
    assert "<script>window.__pwned='title'</script>" in page.locator("h1").inner_text()  # shown as text
    assert "<img src=x onerror=" in page.locator("article.text").inner_text()
    for a in page.locator("a[href]").all():  # only our own pages and http(s) links
        href = a.get_attribute("href") or ""
        assert href.startswith(("/", "#", "http://", "https://")), href
    assert not watch.dialogs
    assert not [e for e in watch.errors if "pwned" in e]


def test_browser_screenshots_of_the_main_pages(server: str, browser: Any, tmp_path: Path) -> None:
    out = Path(os.environ.get("EVENTWIRE_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    story = _seed_story_url(server).removeprefix(server)
    with urllib.request.urlopen(server + story) as r:
        html = r.read().decode()
    art = html.split('href="/articles/', 1)[1].split('"', 1)[0]
    pages = {"home": "/", "story": story, "article": f"/articles/{art}",
             "events": "/events", "pair": "/pairs/CHN/VNM"}
    for size, vp in (("desktop", DESKTOP), ("phone", PHONE)):
        w = Watch(browser, vp)
        try:
            for name, path in pages.items():
                w.page.goto(server + path)
                shot = out / f"{name}-{size}.png"
                w.page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 5_000
                # nothing wider than the screen but the events table's own scroller
                over = w.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert over <= 1, f"{name} at {size} scrolls sideways by {over}px"
            assert not w.errors, w.errors  # no CSP violation, no script error
        finally:
            w.close()
