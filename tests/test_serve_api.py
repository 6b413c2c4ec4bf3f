"""The HTTP API on synthetic fused events: filters, pagination, detail, writes, security."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitroom.report.synthetic import populate_synthetic
from sitroom.serve import ServeSettings, create_app
from sitroom.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "synthetic.duckdb"
    with open_store(str(path)) as store:
        info = populate_synthetic(store, hostile=True)
    return str(path), info


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(ServeSettings(db=db[0])))


@pytest.fixture
def writable(db, client):
    # One DuckDB file takes one connection configuration per process: release the shared reader.
    client.app.state.access.close()
    app = create_app(ServeSettings(db=db[0], token="s3cret-token"))
    yield TestClient(app)
    app.state.access.close()


def all_pages(client, **params):
    ids, cursor, pages = [], None, 0
    while True:
        query = dict(params, limit=7)
        if cursor:
            query["cursor"] = cursor
        body = client.get("/events", params=query).json()
        ids += [e["id"] for e in body["items"]]
        cursor, pages = body["next_cursor"], pages + 1
        if not cursor:
            return ids, pages


def test_pagination_is_complete_and_stable(client, db):
    ids, pages = all_pages(client)
    assert len(ids) == len(set(ids)) == db[1]["events"]
    assert pages == -(-len(ids) // 7)
    assert ids == all_pages(client)[0]  # same order every time
    dates = [client.get(f"/events/{i}").json()["event_date"] for i in ids[:20]]
    assert dates == sorted(dates, reverse=True)


def test_filters(client, db):
    def ids(**params):
        return all_pages(client, **params)[0]

    everything = set(ids())
    idlib = set(ids(admin1="Idlib"))
    assert idlib and idlib < everything
    in_box = set(ids(bbox="36.3,35.4,36.9,36.1"))  # around Ariha and Maarat al-Numan
    assert in_box == idlib
    november = ids(**{"from": "2019-11-01", "to": "2019-11-30"})
    assert all("2019-11-01" <= client.get(f"/events/{i}").json()["event_date"] <= "2019-11-30" for i in november[:10])
    assert set(ids(contested="true")) == {db[1]["contested_event"], db[1]["hostile_event"]}
    strikes = ids(event_type="Explosions/Remote violence", actor="Russia")
    assert strikes and set(strikes) <= idlib
    assert ids(q="roadside bomb")  # matches article text
    assert ids(country="Iraq") and not set(ids(country="Iraq")) & idlib


def test_bad_parameters_are_client_errors(client):
    assert client.get("/events", params={"cursor": "not-a-cursor"}).status_code == 400
    assert client.get("/events", params={"bbox": "1,2,3"}).status_code == 400
    assert client.get("/events", params={"bbox": "nan,1,2,3"}).status_code == 400
    assert client.get("/events", params={"limit": 100000}).status_code == 422
    assert client.get("/events", params={"from": "2019-11"}).status_code == 422
    assert client.get("/events", params={"q": "x" * 500}).status_code == 422


def test_event_detail_with_sources_claims_revisions(client, db):
    contested = db[1]["contested_event"]
    event = client.get(f"/events/{contested}").json()
    assert event["contested"] and event["contested_reasons"]
    assert event["sources"] and all(s["evidence"] for s in event["sources"])
    span = event["sources"][0]["evidence"][0]
    assert span["before"].endswith("province. ") and span["after"].startswith(" The situation")
    assert {c["stance"] for c in event["claims"]} == {"denies", "asserts"}
    assert event["revisions"][0]["changes"]["fatalities"][1] == event["fatalities"]
    article = client.get(f"/articles/{event['sources'][0]['article_id']}").json()
    assert span["text"] in article["text"]
    assert client.get("/events/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404


def test_stories_timeseries_framing(client, db):
    stories = client.get("/stories").json()["items"]
    assert sum(s["n_events"] for s in stories) == db[1]["events"]
    ts = client.get("/stats/timeseries", params={"admin1": "Idlib"}).json()
    assert ts["weeks"] == sorted(ts["weeks"]) and all(w >= "2019-08-05" for w in ts["weeks"])
    assert sum(r["events"] for r in ts["series"]) == len(all_pages(client, admin1="Idlib")[0])
    framing = client.get("/framing", params={"actor": "tahrir"}).json()
    assert framing["kind"] == "terms"
    terms = {(r["outlet"], r["term"]) for r in framing["rows"]}
    assert ("Coastal Gazette", "terrorists") in terms and ("Levant Monitor", "rebels") in terms
    assert not any(r["outlet"] == "Coastal Gazette" and r["term"] == "rebels" for r in framing["rows"])


@pytest.mark.parametrize("fmt,ctype,magic", [("md", "text/markdown", b"# Situation"),
                                             ("html", "text/html", b"<!DOCTYPE"), ("pdf", "application/pdf", b"%PDF")])
def test_reports_in_every_format(client, fmt, ctype, magic):
    r = client.get("/reports", params={"format": fmt, "admin1": "Idlib"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)
    assert r.content.startswith(magic)


def test_security_headers_and_no_cors(client):
    r = client.get("/", headers={"Origin": "https://evil.example"})
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in r.headers
    assert client.get("/reports", params={"format": "html"}).headers["content-security-policy"].startswith(
        "default-src 'none'")


def test_offline_api_docs(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text and "cdn" not in docs.text.lower()
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/articles/{article_id}", "/stories", "/stats/timeseries",
            "/framing", "/reports", "/ingest"} == set(spec["paths"])


def test_writes_disabled_without_token(client):
    r = client.post("/ingest", json={"text": "Something happened."})
    assert r.status_code == 403


def test_writes_need_the_right_token(writable):
    assert writable.post("/ingest", json={"text": "x"}).status_code == 401
    r = writable.post("/ingest", json={"text": "x"}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401


def test_ingest_passes_a_jsonl_batch_to_the_pipeline(writable, monkeypatch):
    import json

    import sitroom.api
    from sitroom.api import IngestReport

    seen = {}

    def fake_ingest(paths, db=None, **kw):
        seen["records"] = [json.loads(line) for p in paths for line in open(p, encoding="utf-8")]
        return IngestReport(read=len(seen["records"]), added=len(seen["records"]))

    monkeypatch.setattr(sitroom.api, "ingest", fake_ingest)
    r = writable.post("/ingest", headers={"Authorization": "Bearer s3cret-token"},
                      json={"text": "Shelling hit a village.", "title": "T", "published": "2019-11-02",
                            "outlet": "Our Wire", "html": "<p>Another report.</p>"})
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 2
    assert seen["records"][0] == {"text": "Shelling hit a village.", "title": "T", "published": "2019-11-02",
                                  "source": "Our Wire"}
    assert seen["records"][1]["html"] == "<p>Another report.</p>"


def test_ingest_refuses_private_urls(writable, monkeypatch):
    import sitroom.api

    monkeypatch.setattr(sitroom.api, "ingest", lambda *a, **k: pytest.fail("nothing should be ingested"))
    r = writable.post("/ingest", headers={"Authorization": "Bearer s3cret-token"},
                      json={"urls": ["http://127.0.0.1:9/admin", "http://169.254.169.254/latest/meta-data/",
                                     "http://10.0.0.1/"]})
    assert r.status_code == 200
    body = r.json()
    assert body["added"] == 0 and len(body["errors"]) == 3


def test_request_size_limit(db, client):
    client.app.state.access.close()
    small = TestClient(create_app(ServeSettings(db=db[0], token="t", max_body_bytes=1000)))
    r = small.post("/ingest", headers={"Authorization": "Bearer t"}, json={"text": "x" * 5000})
    assert r.status_code == 413


def test_settings_from_environment_and_config_file(tmp_path, monkeypatch):
    from sitroom.serve.config import load_settings

    for name in ("SITROOM_TOKEN", "SITROOM_ALLOW_PRIVATE", "SITROOM_CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "sitroom.toml"
    config.write_text('[serve]\ntoken = "from-file"\ncors_origins = ["https://analyst.example"]\n')
    monkeypatch.setenv("SITROOM_CONFIG", str(config))
    settings = load_settings("x.duckdb")
    assert (settings.token, settings.cors_origins, settings.allow_private) == \
        ("from-file", ["https://analyst.example"], False)
    monkeypatch.setenv("SITROOM_TOKEN", "from-env")
    monkeypatch.setenv("SITROOM_ALLOW_PRIVATE", "1")
    settings = load_settings()
    assert settings.token == "from-env" and settings.allow_private and settings.writes_enabled


def test_cors_only_when_configured(db, client):
    client.app.state.access.close()
    app = create_app(ServeSettings(db=db[0], cors_origins=["https://analyst.example"]))
    with_cors = TestClient(app)
    r = with_cors.get("/stories", headers={"Origin": "https://analyst.example"})
    assert r.headers["access-control-allow-origin"] == "https://analyst.example"
    r = with_cors.get("/stories", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    app.state.access.close()
