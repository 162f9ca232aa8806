"""The web app through FastAPI's test client, over a store filled from the bundled sample corpus.

Read endpoints are checked against the library functions they wrap; every error against the
one error shape; the upload endpoint against its token; the dashboard pages for content and
escaping; and the whole OpenAPI document with schema-generated requests (no 5xx, bodies as declared).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from sitrep import Settings, Store, ingest_paths, sample_corpus
from sitrep.api import create_app
from sitrep.api.schemas import EventOut, FigureOut, QuoteOut
from sitrep.api.v1 import ExportFormat, ExportWhat
from sitrep.errors import ConfigError
from sitrep.export import FORMATS, WHATS, parse_csv
from sitrep.records import INDICATORS, Event, Figure, Quote
from sitrep.store import FigureFilter

TOKEN = "test-token-5f2c9a"
XSS = "<script>alert(1)</script>"
XSS_ARTICLE = f"""Karachi police widen checks on Afghan families

KARACHI: Police detained 300 Afghans {XSS} in Karachi on Monday.

Officials said the checks would go on through the week in several districts of the city.
"""
SMALL_ARTICLE = """Camp in Nangarhar takes in more returnees

JALALABAD: Aid workers said 450 families reached the transit camp near Torkham on Sunday.
"""


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "s.db"
    summary = ingest_paths([str(sample_corpus())], Settings(db=path))
    assert summary.added > 10 and not summary.errors
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def store(db):
    with Store(db) as s:
        yield s


@pytest.fixture(scope="module")
def writer(tmp_path_factory):
    """An app with uploads enabled, over a store of its own (so the read tests see a fixed store)."""
    path = tmp_path_factory.mktemp("api-write") / "w.db"
    with TestClient(create_app(path, token=TOKEN, max_upload_bytes=20_000)) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The one error shape, exactly: {"error": {"code", "message", "status"}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and len(body["error"]["message"]) > 10
    if code:
        assert body["error"]["code"] == code
    return body["error"]


# ------------------------------------------------------------------ the contract


def test_response_models_mirror_the_records():
    """A field added to a record must be added to the API's contract (or this test says so)."""
    assert set(Figure.__dataclass_fields__) <= set(FigureOut.model_fields)
    assert set(Quote.__dataclass_fields__) == set(QuoteOut.model_fields)
    assert set(Event.__dataclass_fields__) == set(EventOut.model_fields)
    assert {w.value for w in ExportWhat} == set(WHATS)
    assert {f.value for f in ExportFormat} == set(FORMATS)


def test_openapi_and_docs(client):
    spec = client.get("/api/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    expected = ["/api/v1/status", "/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/figures",
                "/api/v1/quotes", "/api/v1/events", "/api/v1/actors", "/api/v1/series", "/api/v1/series/latest",
                "/api/v1/contradictions", "/api/v1/export/{what}.{fmt}", "/api/v1/ingest"]  # fmt: skip
    assert sorted(paths) == sorted(expected)
    assert not any(p.startswith(("/figures", "/articles")) for p in paths)  # dashboard pages stay out of the spec
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    for path in expected:
        assert path in docs.text
    assert "cdn" not in docs.text.lower() and "<script" not in docs.text


def test_status(client, store):
    body = client.get("/api/v1/status").json()
    assert body["counts"] == store.counts()
    assert body["ingest"] == "disabled"


# ------------------------------------------------------------------ read endpoints against the library


def test_articles_list_and_one_article(client, store):
    articles = store.articles()
    listed = client.get("/api/v1/articles", params={"limit": 1000}).json()
    assert listed["total"] == len(articles)
    assert [a["id"] for a in listed["items"]] == [a.id for a in articles]
    assert "text" not in listed["items"][0] and listed["items"][0]["chars"] == len(articles[0].text)

    article = next(a for a in articles if len(a.segments) > 1)  # one with an appended story
    one = client.get(f"/api/v1/articles/{article.id}").json()
    assert one["text"] == article.text
    assert [(s["start"], s["end"], s["kind"]) for s in one["segments"]] == [
        (s.start, s.end, s.kind) for s in article.segments
    ]
    assert one["figures"], "the article's figures come with it"
    for f in one["figures"]:
        assert one["text"][f["start"] : f["end"]] == f["text"]
        assert f["article_id"] == article.id


PAGES = ["/api/v1/articles", "/api/v1/figures", "/api/v1/quotes", "/api/v1/events", "/api/v1/actors"]


@pytest.mark.parametrize("url", PAGES)
def test_pagination_walks_the_whole_collection(client, url):
    everything = client.get(url, params={"limit": 1000}).json()
    total = everything["total"]
    assert total == len(everything["items"]) > 0
    walked, offset = [], 0
    while offset < total:
        page = client.get(url, params={"limit": 4, "offset": offset}).json()
        assert page["total"] == total and page["limit"] == 4 and page["offset"] == offset
        assert len(page["items"]) == min(4, total - offset)
        walked += page["items"]
        offset += 4
    assert walked == everything["items"]
    assert client.get(url, params={"offset": total + 10}).json()["items"] == []


FIGURE_FILTERS = [
    ({"indicator": "deported"}, FigureFilter(indicator="deported")),
    ({"indicator": "returned", "status": "any"}, FigureFilter(indicator="returned", status="any")),
    ({"source": "unhcr"}, FigureFilter(source="unhcr")),
    ({"since": "2025"}, FigureFilter(since="2025")),
    ({"until": "2023-12"}, FigureFilter(until="2023-12")),
    ({"since": "2024-01-01", "until": "2024-12-31"}, FigureFilter(since="2024-01-01", until="2024-12-31")),
    ({"all": "true"}, FigureFilter(on_topic_only=False)),
    ({"indicator": "", "source": ""}, FigureFilter()),  # blank form fields mean "any"
]


@pytest.mark.parametrize(("params", "flt"), FIGURE_FILTERS)
def test_figure_filters_match_the_library(client, store, params, flt):
    got = client.get("/api/v1/figures", params={**params, "limit": 1000}).json()
    want = store.figures(flt)
    assert got["total"] == len(want) > 0
    assert [(f["value"], f["article_id"], f["start"]) for f in got["items"]] == [
        (f.value, f.article_id, f.start) for f, _ in want
    ]


def test_figure_filter_by_article_prefix(client, store):
    fig, _ = store.figures()[0]
    got = client.get("/api/v1/figures", params={"article": fig.article_id[:6], "limit": 1000}).json()
    assert got["total"] > 0 and {f["article_id"] for f in got["items"]} == {fig.article_id}


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [("value", "value", False), ("-value", "value", True), ("date", "when", False), ("-date", "when", True)],
)
def test_figure_sort(client, sort, key, reverse):
    items = client.get("/api/v1/figures", params={"sort": sort, "limit": 1000}).json()["items"]
    values = [f["value"] if key == "value" else (f["as_of"] or f["published"] or "") for f in items]
    assert values == sorted(values, reverse=reverse)


def test_quotes_events_actors(client, store):
    quotes = client.get("/api/v1/quotes", params={"limit": 1000}).json()["items"]
    assert quotes and all(q["on_topic"] for q in quotes)
    speaker = next(q["speaker"] for q in quotes if q["speaker"])
    by_speaker = client.get("/api/v1/quotes", params={"speaker": speaker}).json()["items"]
    assert by_speaker and {q["speaker"] for q in by_speaker} == {speaker}

    events = client.get("/api/v1/events", params={"limit": 1000}).json()["items"]
    assert len(events) == len(store.events())
    deadlines = client.get("/api/v1/events", params={"type": "deadline"}).json()["items"]
    assert deadlines and {e["type"] for e in deadlines} == {"deadline"}

    actors = client.get("/api/v1/actors", params={"limit": 1000}).json()["items"]
    names = {a["name"] for a in actors}
    assert {"unhcr", "iom"} <= names
    activity = [a["figures"] + a["quotes"] + a["events"] for a in actors]
    assert activity == sorted(activity, reverse=True)


def test_series_and_latest_picture(client):
    body = client.get("/api/v1/series", params={"indicator": "deported"}).json()
    assert body["schema_version"] and body["series"] and body["latest"]
    assert {s["indicator"] for s in body["series"]} == {"deported"}
    for s in body["series"]:
        dates = [p["date"] or "" for p in s["points"]]
        assert dates == sorted(dates)
    latest = client.get("/api/v1/series/latest").json()["latest"]
    assert {p["indicator"] for p in latest} >= {"deported", "returned"}
    for p in latest:
        assert p["range"]["low"] <= p["range"]["high"]
        assert {x["value"] for x in p["latest"]} >= {p["range"]["low"], p["range"]["high"]}


def test_contradictions(client):
    flags = client.get("/api/v1/contradictions").json()["flags"]
    kinds = {f["type"] for f in flags}
    # the sample corpus plants a same-date conflict, a falling running total and a malformed number
    assert {"same_date_conflict", "cumulative_decrease", "malformed_number"} <= kinds
    order = {"high": 0, "medium": 1, "low": 2}
    assert [order[f["severity"]] for f in flags] == sorted(order[f["severity"]] for f in flags)
    assert all(f["figures"] and f["explanation"] for f in flags)


# ------------------------------------------------------------------ exports


MEDIA = {"csv": "text/csv", "hxl": "text/csv", "json": "application/json", "jsonl": "application/x-ndjson"}


@pytest.mark.parametrize("what", WHATS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_headers(client, what, fmt):
    r = client.get(f"/api/v1/export/{what}.{fmt}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(MEDIA[fmt])
    suffix = "hxl.csv" if fmt == "hxl" else fmt
    assert r.headers["content-disposition"] == f'attachment; filename="sitrep-{what}.{suffix}"'


@pytest.mark.parametrize("what", WHATS)
def test_exports_parse_back(client, what):
    records = client.get(f"/api/v1/export/{what}.json").json()
    assert records["what"] == what and records["schema_version"]
    rows = records["records"]
    assert rows
    parsed = parse_csv(client.get(f"/api/v1/export/{what}.csv").text, what)
    assert len(parsed) == len(rows)
    for key in ("value", "start", "article_id", "type", "speaker", "date"):
        if key in parsed[0]:
            assert [p[key] for p in parsed] == [r.get(key) for r in rows]
    lines = client.get(f"/api/v1/export/{what}.jsonl").text.splitlines()
    assert [{k: v for k, v in json.loads(x).items() if k != "schema_version"} for x in lines] == rows
    hxl = list(csv.reader(io.StringIO(client.get(f"/api/v1/export/{what}.hxl").text)))
    assert all(cell.startswith("#") for cell in hxl[1]) and len(hxl) == len(rows) + 2


# ------------------------------------------------------------------ errors: one shape for all


ERRORS = [
    ("GET", "/api/v1/nothing-here", {}, 404, "not_found"),
    ("GET", "/api/v1/articles/0000000000000000", {}, 404, "not_found"),
    ("GET", "/api/v1/figures?limit=0", {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/figures?limit=abc", {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/figures?indicator=teleported", {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/figures?since=last%20week", {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/figures?sort=colour", {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/events?type=party", {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/export/figures.xls", {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/export/people.csv", {}, 422, "invalid_parameter"),
    ("DELETE", "/api/v1/figures", {}, 405, "method_not_allowed"),
    ("POST", "/api/v1/ingest", {"content": b"text", "headers": {"Content-Type": "text/plain"}}, 403, "ingest_disabled"),
    ("GET", "/articles/0000000000000000", {}, 404, "not_found"),  # a dashboard page asked for by a non-browser
]


@pytest.mark.parametrize(("method", "url", "kwargs", "status", "code"), ERRORS)
def test_error_shape(client, method, url, kwargs, status, code):
    assert_error(client.request(method, url, **kwargs), status, code)


def test_validation_message_names_the_parameter(client):
    message = assert_error(client.get("/api/v1/figures", params={"limit": 5000}), 422)["message"]
    assert "query parameter 'limit'" in message and "1000" in message


def test_disabled_ingest_says_how_to_enable_it(client):
    message = assert_error(client.post("/api/v1/ingest", content=b"x", headers=AUTH), 403, "ingest_disabled")["message"]
    assert "token" in message and "Authorization: Bearer" in message


def test_unexpected_errors_keep_the_shape(db):
    app = create_app(db)

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret detail")

    with TestClient(app, raise_server_exceptions=False) as c:
        error = assert_error(c.get("/api/v1/boom"), 500, "internal_error")
    assert "secret detail" not in error["message"]


def test_a_store_that_cannot_be_opened_is_a_500_with_the_shape(tmp_path):
    (tmp_path / "not-a-db").write_bytes(b"this is not sqlite " * 100)
    with TestClient(create_app(tmp_path / "not-a-db"), raise_server_exceptions=False) as c:
        assert_error(c.get("/api/v1/figures"), 500, "store_error")


def test_browsers_get_error_pages_and_api_clients_json(client):
    page = client.get("/articles/0000000000000000", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no article with id" in page.text
    api = client.get("/api/v1/articles/0000000000000000", headers={"Accept": "text/html"})
    assert_error(api, 404, "not_found")


def test_create_app_checks_its_arguments(db):
    with pytest.raises(ConfigError, match="max_upload_bytes"):
        create_app(db, max_upload_bytes=0)
    with pytest.raises(ConfigError, match="at least 8 characters"):
        create_app(db, token="abc")


def test_serve_binds_to_loopback_by_default(db, monkeypatch):
    import uvicorn

    from sitrep.api import serve

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append((app, kwargs)))
    serve(db)
    serve(db, host="::1", port=8123, token=TOKEN)
    assert [(c[1]["host"], c[1]["port"]) for c in calls] == [("127.0.0.1", 8000), ("::1", 8123)]
    assert calls[0][0].state.token is None and calls[1][0].state.token == TOKEN


def test_app_from_env(db, monkeypatch):
    from sitrep.api.app import app_from_env

    monkeypatch.setenv("SITREP_DB", str(db))
    monkeypatch.setenv("SITREP_TOKEN", TOKEN)
    app = app_from_env()
    assert app.state.db == str(db) and app.state.token == TOKEN


# ------------------------------------------------------------------ the upload endpoint


def test_ingest_needs_the_right_token(writer):
    body = {"content": SMALL_ARTICLE.encode(), "headers": {"Content-Type": "text/plain"}}
    missing = writer.post("/api/v1/ingest", **body)
    assert_error(missing, 401, "unauthorized")
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = writer.post("/api/v1/ingest", content=body["content"],
                        headers={**body["headers"], "Authorization": "Bearer not-the-token"})  # fmt: skip
    assert_error(wrong, 401, "invalid_token")
    basic = writer.post("/api/v1/ingest", content=body["content"],
                        headers={**body["headers"], "Authorization": f"Basic {TOKEN}"})  # fmt: skip
    assert_error(basic, 401, "unauthorized")
    assert writer.get("/api/v1/status").json()["counts"]["articles"] == 0  # nothing was stored


def test_ingest_then_reingest_is_a_no_op(writer):
    headers = {**AUTH, "Content-Type": "text/plain"}
    first = writer.post("/api/v1/ingest?published=2025-05-04&filename=camp.txt", content=SMALL_ARTICLE.encode(),
                        headers=headers)  # fmt: skip
    assert first.status_code == 200, first.text
    assert first.json() == {"added": 1, "unchanged": 0, "figures": first.json()["figures"], "quotes": 0,
                            "errors": [], "warnings": []}  # fmt: skip
    assert first.json()["figures"] >= 1
    again = writer.post("/api/v1/ingest", content=SMALL_ARTICLE.encode(), headers=headers).json()
    assert (again["added"], again["unchanged"], again["figures"]) == (0, 1, 0)
    stored = writer.get("/api/v1/articles").json()["items"]
    assert [a["title"] for a in stored] == ["Camp in Nangarhar takes in more returnees"]
    assert stored[0]["published"] == "2025-05-04"


def test_ingest_multipart_and_jsonl(writer):
    files = [
        ("file", ("one.txt", SMALL_ARTICLE.replace("450", "460").encode(), "text/plain")),
        ("file", ("empty.txt", b"   ", "text/plain")),
    ]
    body = writer.post("/api/v1/ingest", files=files, headers=AUTH).json()
    assert body["added"] == 1
    assert body["errors"] == ["empty.txt: file is empty"]  # named as uploaded, no server path
    line = json.dumps({"text": SMALL_ARTICLE.replace("450", "470"), "published": "2025-05-05"}) + "\n"
    jsonl = writer.post("/api/v1/ingest", content=line.encode(),
                        headers={**AUTH, "Content-Type": "application/x-ndjson"}).json()  # fmt: skip
    assert jsonl["added"] == 1 and not jsonl["errors"]


INGEST_ERRORS = [
    ({"content": b"x" * 20_001, "headers": {"Content-Type": "text/plain"}}, 413, "payload_too_large"),
    ({"files": [("file", ("big.txt", b"y" * 21_000, "text/plain"))]}, 413, "payload_too_large"),
    ({"content": b"%PDF-1.4", "headers": {"Content-Type": "application/pdf"}}, 415, "unsupported_media_type"),
    ({"content": b"  \n", "headers": {"Content-Type": "text/plain"}}, 400, "bad_request"),
    ({"data": {"note": "no file"}, "files": [("other", ("", b"", "text/plain"))]}, 400, "bad_request"),
    ({"content": b"text", "headers": {"Content-Type": "text/plain"}, "params": {"published": "2025-02-30"}}, 400,
     "bad_request"),
    ({"content": b"text", "headers": {"Content-Type": "text/plain"}, "params": {"published": "soon"}}, 422,
     "invalid_parameter"),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "status", "code"), INGEST_ERRORS)
def test_ingest_errors(writer, kwargs, status, code):
    headers = {**AUTH, **kwargs.pop("headers", {})}
    assert_error(writer.post("/api/v1/ingest", headers=headers, **kwargs), status, code)


def test_article_text_is_always_escaped(writer):
    """A "<script>" in third-party text renders as text on every page that shows it."""
    r = writer.post("/api/v1/ingest?published=2025-05-06", content=XSS_ARTICLE.encode(),
                    headers={**AUTH, "Content-Type": "text/plain"})  # fmt: skip
    assert r.json()["added"] == 1
    fig = next(f for f in writer.get("/api/v1/figures", params={"indicator": "arrested"}).json()["items"]
               if f["value"] == 300)  # fmt: skip
    assert XSS in fig["sentence"]  # the API returns the text as stored (JSON is not HTML)
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    figures_page = writer.get("/figures", params={"indicator": "arrested"})
    article_page = writer.get(f"/articles/{fig['article_id']}")
    timeline = writer.get("/timeline")
    for page in (figures_page, article_page, timeline):
        assert page.status_code == 200
        assert "<script" not in page.text.lower()
    assert escaped in figures_page.text and escaped in article_page.text
    assert "script-src" not in article_page.headers["content-security-policy"]  # default-src 'none' covers scripts
    assert "default-src 'none'" in article_page.headers["content-security-policy"]


# ------------------------------------------------------------------ dashboard pages


def sentence_span(text: str, fig: dict) -> tuple[int, int]:
    """Where the figure's sentence sits in the article: the occurrence that contains the number."""
    for m in re.finditer(re.escape(fig["sentence"]), text):
        if m.start() <= fig["start"] and fig["end"] <= m.end():
            return m.span()
    raise AssertionError("the sentence is not in the article")


def test_overview(client, store):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.text.count("<svg") >= 2, "charts are inline SVG"
    assert "Situation picture" in page.text
    assert f"<strong>{store.counts()['articles']}</strong> articles" in page.text
    assert "1,100,000" in page.text  # the latest running total of deportations in the sample
    assert re.search(r'href="/articles/[0-9a-f]+\?highlight=\d+-\d+#hl"', page.text)
    assert "/static/style.css" in page.text and client.get("/static/style.css").status_code == 200


def test_figures_page_filters_and_links(client, store):
    page = client.get("/figures", params={"indicator": "deported", "status": "", "source": ""})
    assert page.status_code == 200
    rows = re.findall(r'<td class="indicator">(\w+)</td>', page.text)
    assert rows and set(rows) == {"deported"}
    assert len(rows) == len(store.figures(FigureFilter(indicator="deported")))
    assert '<option value="deported" selected>' in page.text
    for name in INDICATORS[:3]:
        assert f'<option value="{name}"' in page.text
    links = re.findall(r'class="evidence" href="(/articles/[^"]+)"', page.text)
    assert len(links) == len(rows)


def test_article_page_highlights_exactly_the_range(client, store):
    fig, _ = store.figures(FigureFilter(indicator="deported"))[0]
    article = next(a for a in store.articles() if a.id == fig.article_id)
    start, end = sentence_span(article.text, fig.as_dict())
    page = client.get(f"/articles/{article.id}", params={"highlight": f"{start}-{end}"})
    assert page.status_code == 200
    marked = re.findall(r'<mark id="hl">(.*?)</mark>', page.text, re.DOTALL)
    assert marked == [fig.sentence.replace("'", "&#39;").replace('"', "&#34;")]
    plain = client.get(f"/articles/{article.id}")
    assert "<mark" not in plain.text
    assert_html_error(client.get(f"/articles/{article.id}", params={"highlight": "9-3"}), 422)
    assert_html_error(client.get(f"/articles/{article.id}", params={"highlight": f"0-{len(article.text) + 1}"}), 422)


def assert_html_error(response, status: int) -> None:
    assert response.status_code == status
    assert response.json()["error"]["status"] == status  # a non-browser client gets the JSON shape


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/timeline", ["Timeline", "deadline", "<time>2023-11-01</time>"]),
        ("/timeline?type=deadline", ['<option value="deadline" selected>', 'data-type="deadline"']),
        ("/contradictions", ["same date conflict", "514,000", "541,000", "cumulative decrease"]),
        ("/actors", ["UNHCR", "Quotes by speaker", "<blockquote>"]),
        ("/articles", ["Articles", "/articles/"]),
        ("/exports", [f"/api/v1/export/{w}.{f}" for w in WHATS for f in FORMATS]),
        ("/api/docs", ["API reference", "/api/openapi.json"]),
    ],
)
def test_dashboard_pages(client, url, expected):
    page = client.get(url)
    assert page.status_code == 200, page.text
    for text in expected:
        assert text in page.text, text
    assert 'name="viewport"' in page.text


def test_timeline_excludes_no_event_of_the_store(client, store):
    page = client.get("/timeline")
    assert page.text.count('class="event"') == len(store.events())


def test_empty_store_pages(tmp_path):
    with TestClient(create_app(tmp_path / "empty.db")) as c:
        for url in ("/", "/figures", "/timeline", "/contradictions", "/actors", "/articles", "/exports"):
            assert c.get(url).status_code == 200, url
        assert "The store is empty" in c.get("/").text
        assert c.get("/api/v1/figures").json() == {"total": 0, "limit": 100, "offset": 0, "items": []}


# ------------------------------------------------------------------ schema-driven


# The spec does not depend on the store, so it is loaded at import from an app over an unopened
# in-memory store; the generated requests go to an app over a copy of the sample store, with
# uploads enabled so that generated bodies reach the upload parser too. (schemathesis' lazy
# `from_fixture` loader reads a pytest private attribute that pytest 9 no longer has.)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(":memory:"))
schemathesis.serializer.alias("application/x-ndjson", "text/plain")


@pytest.fixture(scope="module")
def schema_app(db, tmp_path_factory):
    copy = tmp_path_factory.mktemp("api-schema") / "copy.db"
    shutil.copyfile(db, copy)
    return create_app(copy, token=TOKEN, max_upload_bytes=20_000)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_openapi_no_server_errors(case, schema_app):
    """Requests generated from the spec never get a 5xx, and every answer matches its declared schema."""
    case.call_and_validate(app=schema_app, headers=AUTH, checks=[not_a_server_error, response_schema_conformance])
