"""URL fetching against a real local HTTP server: refusal of private addresses, redirects,
size caps, errors."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.ingest import iter_inputs
from eventwire.ingest.fetch import FetchRefused, check_host, fetch
from eventwire.model import IngestProblem, RawDoc

DATA = Path(__file__).resolve().parent / "data"


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a: object, **kw: object) -> None:
        super().__init__(*a, directory=str(DATA), **kw)  # type: ignore[arg-type]

    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith("/loop/"):
            n = int(self.path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", f"/loop/{n + 1}")
            self.end_headers()
            return
        if self.path == "/to-article":
            self.send_response(301)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # no Content-Length: the cap must stop the stream
            chunk = b"word " * 2000
            try:
                for _ in range(50):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_fetch_refuses_loopback_by_default(server: str) -> None:
    [p] = list(iter_inputs([server + "/article.html"]))
    assert isinstance(p, IngestProblem) and p.code == "E401" and "127.0.0.1" in p.reason


@pytest.mark.parametrize("url", ["http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://localhost/"])
def test_fetch_refuses_private_and_link_local(url: str) -> None:
    with pytest.raises(FetchRefused) as e:
        check_host(url)
    assert e.value.code == "E401"


def test_fetch_refuses_other_schemes() -> None:
    [p] = list(iter_inputs(["file:///etc/passwd"]))
    assert isinstance(p, IngestProblem) and p.code == "E401"


def test_fetch_html_page_with_allow_private(server: str) -> None:
    [d] = list(iter_inputs([server + "/article.html"], allow_private=True))
    assert isinstance(d, RawDoc)
    assert d.source == server + "/article.html" and d.fmt == "url"
    assert d.title == "Texas prisoner captured after week on the run"
    assert d.published == "2009-12-07" and "convicted sex offender" in d.text


def test_fetch_feed_and_redirect(server: str) -> None:
    items = list(iter_inputs([server + "/feed.atom", server + "/to-article"], allow_private=True))
    ds = [i for i in items if isinstance(i, RawDoc)]
    assert [d.fmt for d in ds] == ["feed", "feed", "url"]
    assert ds[2].url == server + "/article.html" and ds[2].source == server + "/to-article"


def test_fetch_redirect_loop_capped(server: str) -> None:
    [p] = list(iter_inputs([server + "/loop/0"], allow_private=True))
    assert isinstance(p, IngestProblem) and p.code == "E402" and "redirects" in p.reason


def test_fetch_size_cap_declared_and_streamed(server: str) -> None:
    [p] = list(iter_inputs([server + "/article.html"], allow_private=True, max_bytes=500))
    assert isinstance(p, IngestProblem) and p.code == "E403"
    with pytest.raises(FetchRefused) as e:
        fetch(server + "/huge", allow_private=True, max_bytes=100_000)
    assert e.value.code == "E403"


def test_fetch_http_error_and_unreachable(server: str) -> None:
    [p] = list(iter_inputs([server + "/missing.html"], allow_private=True))
    assert isinstance(p, IngestProblem) and p.code == "E402" and "404" in p.reason
    [p] = list(iter_inputs(["http://no-such-host.invalid/x"]))
    assert isinstance(p, IngestProblem) and p.code == "E402"
