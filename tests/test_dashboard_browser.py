"""The dashboard in a real browser: Playwright driving Debian's Chromium against uvicorn on 127.0.0.1.

The store holds the bundled sample corpus plus one article with a script tag in a figure's sentence.
Screenshots of every page at desktop (1280 px) and phone (390 px) width go to /tmp/dash_*.png.
Needs `pip install playwright` and `apt-get install -y chromium`; never `playwright install`.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install playwright (it drives /usr/bin/chromium)"
)
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium", allow_module_level=True)

import uvicorn  # noqa: E402 - only once the module is known to run

from sitrep import Settings, Store, ingest_paths, sample_corpus  # noqa: E402
from sitrep.api import create_app  # noqa: E402
from sitrep.export import HXL  # noqa: E402
from sitrep.store import FigureFilter  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
XSS = "<script>alert(1)</script>"
XSS_ARTICLE = f"""Karachi police widen checks on Afghan families

KARACHI: Police detained 300 Afghans {XSS} in Karachi on Monday.

Officials said the checks would go on through the week in several districts of the city.
"""
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    (root / "xss.txt").write_text(XSS_ARTICLE, encoding="utf-8")
    path = root / "s.db"
    ingest_paths([str(sample_corpus())], Settings(db=path))
    ingest_paths([str(root / "xss.txt")], Settings(db=path, published="2025-05-06"))
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(db):
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url, accept_downloads=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


def test_overview_shows_charts_and_headline_numbers(page):
    page.goto("/")
    assert page.title().startswith("Overview")
    charts = page.locator("figure.chart svg")
    assert charts.count() >= 2
    sync_api.expect(charts.first).to_be_visible()
    box = charts.first.bounding_box()
    assert box and box["width"] > 250 and box["height"] > 150
    big = page.locator(".headline .big").all_text_contents()
    assert big and all(any(ch.isdigit() for ch in text) for text in big)
    assert any("1,100,000" in text for text in big)


def test_filter_figures_then_follow_a_row_to_its_highlighted_sentence(page, db):
    page.goto("/figures")
    page.select_option("select[name=indicator]", "deported")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/figures?*indicator=deported*")
    rows = page.locator("table.figures tbody tr")
    with Store(db) as store:
        expected = len(store.figures(FigureFilter(indicator="deported")))
    assert rows.count() == expected > 0
    assert set(page.locator("table.figures td.indicator").all_text_contents()) == {"deported"}

    row = rows.nth(1)
    sentence = row.locator("td.sentence").text_content()
    row.locator("a.evidence").click()
    page.wait_for_url("**/articles/*highlight=*")
    mark = page.locator("mark#hl")
    sync_api.expect(mark).to_be_visible()
    sync_api.expect(mark).to_be_in_viewport()
    assert mark.text_content() == sentence
    assert page.locator("mark").count() == 1


def test_download_an_export(page, db):
    page.goto("/exports")
    with page.expect_download() as info:
        page.locator('a[data-export="figures.csv"]').click()
    download = info.value
    assert download.suggested_filename == "sitrep-figures.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    with Store(db) as store:
        stored = store.figures(FigureFilter(on_topic_only=False))
    assert list(rows[0]) == list(HXL["figures"])
    assert sorted(int(r["value"]) for r in rows) == sorted(f.value for f, _ in stored)

    with page.expect_download() as info:
        page.locator('a[data-export="events.json"]').click()
    events = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert events["what"] == "events" and events["records"]


def test_script_in_an_article_is_shown_as_text(page):
    page.goto("/figures?indicator=arrested")
    row = (
        page.locator("tr.figure")
        .filter(has_text="Police detained 300 Afghans")
        .filter(has=page.locator("td.value", has_text="300"))
    )
    assert XSS in row.locator("td.sentence").text_content()
    row.locator("a.evidence").click()
    page.wait_for_url("**/articles/*")
    assert XSS in page.locator("mark#hl").text_content()
    assert page.locator("article script, td script, mark script").count() == 0
    assert page.evaluate("document.scripts.length") == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


PAGES = {
    "overview": "/",
    "figures": "/figures?indicator=deported",
    "article": None,  # the article of the first deported figure, highlighted
    "timeline": "/timeline",
    "contradictions": "/contradictions",
    "actors": "/actors",
    "articles": "/articles",
    "exports": "/exports",
    "api": "/api/docs",
}


@pytest.mark.parametrize("device", WIDTHS)
def test_pages_fit_the_screen(browser, base_url, device):
    """No page scrolls sideways (wide tables scroll inside their box); screenshots for a human to look at."""
    width, height = WIDTHS[device]
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=base_url)
    page = context.new_page()
    try:
        for name, url in PAGES.items():
            if url is None:
                page.goto("/figures?indicator=deported")
                page.locator("a.evidence").first.click()
                page.wait_for_url("**/articles/*")
            else:
                page.goto(url)
            page.screenshot(path=f"/tmp/dash_{name}_{device}.png", full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        if device == "phone":
            page.goto("/figures")
            wrap = page.locator(".table-wrap").first
            assert wrap.evaluate("e => e.scrollWidth > e.clientWidth"), "the figures table scrolls in its box"
            assert page.locator("header.site nav a", has_text="Downloads").is_visible()
    finally:
        context.close()
