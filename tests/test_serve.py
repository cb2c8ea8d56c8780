"""The HTTP server skeleton: app factory, error shape, security headers, a page and an API route."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi) is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from eventwire.serve import ServeSettings, create_app  # noqa: E402
from eventwire.store import open_store  # noqa: E402


@pytest.fixture()
def client(seed_db: str) -> TestClient:
    return TestClient(create_app(seed_db))


def test_serve_api_lists_the_seed_story(client: TestClient) -> None:
    r = client.get("/api/stories")
    assert r.status_code == 200
    body = r.json()
    assert body["ok"] is True
    assert any(s["n_articles"] == 2 for s in body["items"])


def test_serve_errors_have_one_shape(client: TestClient) -> None:
    r = client.get("/api/stories", params={"min_articles": "zero"})
    assert r.status_code == 400
    assert r.json() == {"ok": False, "error": {"code": "E002", "message": r.json()["error"]["message"]}}
    assert "min_articles" in r.json()["error"]["message"]
    r = client.get("/api/no-such-thing")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E007"


def test_serve_pages_escape_and_send_security_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    r = client.get("/no-such-page")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "E007" in r.text


def test_serve_refuses_a_body_over_the_limit(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    app = create_app(store=store, settings=ServeSettings(max_body_bytes=100))
    r = TestClient(app).post("/api/stories", content=b"x" * 1000)
    assert r.status_code == 413 and r.json()["error"]["code"] == "E006"


def test_serve_openapi_spec_is_served(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/stories" in spec["paths"]


def test_serve_closed_reads_close_the_pages_too(seed_db: str) -> None:
    app = create_app(seed_db, settings=ServeSettings(open_reads=False))
    c = TestClient(app)
    for url in ("/", "/events", "/api/events"):
        r = c.get(url)
        assert r.status_code == 401, url
    assert "E009" in c.get("/").text


def test_serve_slash_urls_never_redirect_off_site(client: TestClient) -> None:
    r = client.get("/events/", headers={"host": "evil.example"}, follow_redirects=False)
    assert not r.is_redirect and r.status_code == 404


def test_serve_internal_errors_keep_the_error_shape_and_headers(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql("DROP TABLE stories")
    r = TestClient(create_app(store=store), raise_server_exceptions=False).get("/api/stories")
    assert r.status_code in (500, 503)
    assert r.json()["ok"] is False and r.json()["error"]["code"] in ("E999", "E202")
    assert "content-security-policy" in r.headers


def test_serve_csv_cells_never_start_a_formula() -> None:
    from eventwire.serve.downloads import _cell

    assert _cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _cell("@SUM(A1)") == "'@SUM(A1)" and _cell("plain") == "plain" and _cell(-3) == -3
