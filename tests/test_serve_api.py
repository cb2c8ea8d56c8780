"""The JSON API through the in-process client: lists, filters, cursors, details, errors,
downloads, tokens and the ingest endpoint."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi) is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from eventwire.serve import ServeSettings, create_app  # noqa: E402
from eventwire.store import open_store  # noqa: E402
from eventwire.store.tokens import create_token, list_tokens, revoke_token  # noqa: E402


@pytest.fixture()
def client(seed_db: str) -> TestClient:
    return TestClient(create_app(seed_db))


@pytest.fixture()
def own_seed(seed_db: str, tmp_path: Path) -> str:
    """A writable copy of the seed store."""
    src = Path(seed_db[len("sqlite:///"):])
    dst = tmp_path / "seed.db"
    shutil.copy(src, dst)
    return f"sqlite:///{dst}"


def test_serve_api_lists_every_kind_with_cursor_pages(client: TestClient) -> None:
    for kind in ("stories", "articles", "events", "facts", "actors"):
        whole = client.get(f"/api/{kind}", params={"limit": 500, "count": "true"}).json()
        assert whole["ok"] and whole["total"] == len(whole["items"]) > 0, kind
        ids, cursor = [], None
        while True:
            params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
            page = client.get(f"/api/{kind}", params=params).json()
            ids += [r["id"] for r in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert ids == [r["id"] for r in whole["items"]], kind


def test_serve_api_filters_events_and_refuses_bad_ones(client: TestClient) -> None:
    r = client.get("/api/events", params={"country": "VNM", "type": "CONSULT", "status": "planned"})
    items = r.json()["items"]
    assert items and all(e["plover_type"] == "CONSULT" for e in items)
    for params, needle in (
        ({"status": "maybe"}, "status"),
        ({"since": "2023-02-30"}, "date"),
        ({"sort": "-text"}, "sort"),
        ({"cursor": "garbage"}, "cursor"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
    ):
        r = client.get("/api/events", params=params)
        assert r.status_code == 400, params
        assert r.json()["error"]["code"] == "E002" and needle in r.json()["error"]["message"]
    r = client.get("/api/search", params={"q": "   "})
    assert r.status_code == 400 and r.json()["error"] == {"code": "E002", "message": "the search text is empty"}


def test_serve_api_details_and_not_found(client: TestClient) -> None:
    story = client.get("/api/stories").json()["items"][0]
    d = client.get(f"/api/stories/{story['id']}").json()
    assert len(d["articles"]) == 2 and d["timeline"] and d["facts"]
    assert {m["segment"] for e in d["timeline"] for m in e["mentions"]} == {"body", "caption"}
    ev = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    e = client.get(f"/api/events/{ev['id']}").json()
    a = client.get(f"/api/articles/{ev['article_id']}").json()
    text = a["article"]["text"]
    assert text[ev["start"]:ev["end"]] == ev["text"]
    assert e["article"]["sentence"] == text[ev["sentence_start"]:ev["sentence_end"]]
    actor = client.get("/api/actors", params={"q": "Vietnam", "type": "country"}).json()["items"][0]
    assert client.get(f"/api/actors/{actor['id']}").json()["n_articles"] >= 1
    pair = client.get("/api/relations/VNM/CHN").json()
    assert pair["pair"] == "CHN-VNM" and pair["counts"] and pair["timeline"]
    # the undated article's events are dated by their canonical events, and say so
    assert any(x["kind"] == "event" and x["when"] and "story's event" in (x["inferred"] or "")
               for x in pair["timeline"])
    assert client.get("/api/relations").json()["items"][0]["pair"] == "CHN-VNM"
    # an event's detail carries the same story date when its article cannot date it
    undated = [x for x in pair["timeline"] if x["kind"] == "event" and x["when"] and "story's event" in (x["inferred"] or "")]
    got = client.get(f"/api/events/{undated[0]['id']}").json()
    assert got["event"]["date_begin"] is None and got["story_date"]["date_begin"] == undated[0]["when"][:10]
    assert got["story_date"]["inferred"] == undated[0]["inferred"]
    assert e["story_date"] is None or e["event"]["date_begin"] is None
    for url in ("/api/stories/nope", "/api/articles/nope", "/api/events/nope", "/api/actors/nope"):
        r = client.get(url)
        assert r.status_code == 404 and r.json()["error"]["code"] == "E007", url


def test_serve_api_downloads_csv_jsonl_parquet_of_a_filtered_list(client: TestClient) -> None:
    params = {"country": "VNM"}
    listed = client.get("/api/events", params=params | {"limit": 500}).json()["items"]
    r = client.get("/api/events/download", params=params | {"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["id"] for x in rows] == [e["id"] for e in listed]
    r = client.get("/api/facts/download", params={"format": "jsonl"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == client.get("/api/facts", params={"count": "true", "limit": 1}).json()["total"]
    pq = pytest.importorskip("pyarrow.parquet")
    r = client.get("/api/events/download", params=params | {"format": "parquet"})
    table = pq.read_table(io.BytesIO(r.content))
    assert table.column("id").to_pylist() == [e["id"] for e in listed]
    r = client.get("/api/events/download", params={"format": "../../etc/passwd"})
    assert r.status_code == 400


def test_serve_api_hostile_titles_come_back_as_escaped_data(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'h.db'}")
    _, token = create_token(store, "test")
    c = TestClient(create_app(store=store))
    title = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    r = c.post("/api/articles", params={"analyze": "false"}, headers={"Authorization": f"Bearer {token}"},
               json={"title": title, "text": "Officials met in Hanoi on Monday to discuss trade. " * 3})
    assert r.status_code == 201, r.text
    aid = r.json()["article_id"]
    r = c.get(f"/api/articles/{aid}")
    assert r.headers["content-type"] == "application/json"
    assert "<" not in r.text and ">" not in r.text and "\\u003cscript\\u003e" in r.text
    assert r.json()["article"]["title"] == title
    assert r.headers["x-content-type-options"] == "nosniff"


def test_serve_api_ingest_needs_a_valid_token_and_analyzes(own_seed: str) -> None:
    store = open_store(own_seed)
    tid, token = create_token(store, "ci")
    _, reader = create_token(store, "reader", "read")
    c = TestClient(create_app(store=store))
    art = {"title": "Japan and Vietnam sign a trade deal",
           "text": "Japan and Vietnam signed a trade agreement in Tokyo on Tuesday, officials said.\n\n"
                   "The two countries will hold talks on defence next year.",
           "date": "2024-03-05"}
    assert c.post("/api/articles", json=art).json()["error"]["code"] == "E009"
    assert c.post("/api/articles", json=art, headers={"Authorization": "Bearer ew_x_y"}).status_code == 403
    assert c.post("/api/articles", json=art, headers={"Authorization": f"Bearer {reader}"}).status_code == 403
    r = c.post("/api/articles", json=art, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "created" and body["analyzed"] and body["counts"]["entities"] >= 3
    detail = c.get(f"/api/articles/{body['article_id']}").json()
    assert len(detail["entities"]) == body["counts"]["entities"] and detail["sentences"]
    got = c.get("/api/events", params={"article": body["article_id"]}).json()["items"]
    assert len(got) == body["counts"]["events"]
    again = c.post("/api/articles", json=art, headers={"Authorization": f"Bearer {token}"}).json()
    assert again["status"] == "duplicate" and again["duplicate_of"] == body["article_id"]
    r = c.post("/api/articles", json={"text": ""}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E002"
    revoke_token(store, tid)
    assert c.post("/api/articles", json=art, headers={"Authorization": f"Bearer {token}"}).status_code == 403
    revoked = {t["id"]: t["revoked_at"] is not None for t in list_tokens(store)}
    assert revoked.pop(tid) is True and list(revoked.values()) == [False]
    with store.engine.connect() as conn:  # only digests at rest
        import sqlalchemy as sa

        stored = {r[0] for r in conn.execute(sa.text("SELECT hash FROM api_tokens"))}
    assert token not in stored and all(len(h) == 64 for h in stored)


def test_serve_api_closed_reads_need_a_token(own_seed: str) -> None:
    store = open_store(own_seed)
    _, reader = create_token(store, "reader", "read")
    c = TestClient(create_app(store=store, settings=ServeSettings(open_reads=False)))
    assert c.get("/api/events").status_code == 401
    assert c.get("/api/events", headers={"Authorization": f"Bearer {reader}"}).status_code == 200


def test_serve_api_pages_and_searches_on_both_backends(store_url: str) -> None:
    from eventwire.ingest import clean
    from eventwire.model import RawDoc

    store = open_store(store_url)
    arts = [clean(RawDoc(source=f"s{i}", text=f"Story number {i} about Vietnam and China. " * 4,
                         title=f"<b>title {i}</b>", published=f"2024-01-{i + 1:02d}")) for i in range(7)]
    store.add_ingested([(a, None) for a in arts], [], [])
    c = TestClient(create_app(store=store))
    ids, cursor = [], None
    while True:
        page = c.get("/api/articles", params={"limit": 2} | ({"cursor": cursor} if cursor else {})).json()
        ids += [r["id"] for r in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(ids) == len(set(ids)) == 7
    assert c.get("/api/articles", params={"q": "Vietnam", "count": "true"}).json()["total"] == 7
    assert c.get("/api/search", params={"q": ""}).status_code == 400


def test_serve_api_readme_documents_only_endpoints_that_exist(client: TestClient) -> None:
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    section = readme.split("### Web UI and HTTP API", 1)[1].split("\n### ", 1)[0]
    spec = client.get("/api/openapi.json").json()["paths"]
    documented = set(re.findall(r"`(GET|POST) (/api/[^`?\s]*)`", section))
    assert len(documented) >= 15
    norm = {re.sub(r"\{[^}]+\}", "{}", p): {m.upper() for m in ops} for p, ops in spec.items()}
    for method, path in documented:
        paths = [path.replace("{list}", k) for k in ("stories", "articles", "events", "facts", "actors")] \
            if "{list}" in path else [path]
        for p in paths:
            assert method in norm.get(re.sub(r"\{[^}]+\}", "{}", p), set()), (method, p)
    # and every API operation is documented
    for p, ops in norm.items():
        generic = re.sub(r"^/api/(stories|articles|events|facts|actors)/download$", "/api/{}/download", p)
        for m in ops:
            assert any(m == dm and re.sub(r"\{[^}]+\}", "{}", dp) in (p, generic) for dm, dp in documented), (m, p)
