"""The situation report over the bundled sample corpus, hostile article text and an empty store."""

import datetime as dt
import html
import json
import re

import pytest
from markupsafe import escape

from sitrep import ConfigError, FigureFilter, Settings, Store, ingest_paths, sample_corpus
from sitrep.contradictions import find_flags
from sitrep.report import md_escape, plot_date, render_report, safe_link
from sitrep.series import build_series, latest_picture


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("report") / "s.db"
    ingest_paths([str(sample_corpus())], Settings(db=db))
    with Store(db) as s:
        yield s


@pytest.fixture(scope="module")
def page(store):
    return render_report(store, "html", title="Afghans in Pakistan")


@pytest.fixture(scope="module")
def markdown(store):
    return render_report(store, "md")


def test_html_has_one_inline_svg_chart_per_indicator(store, page):
    pictures = latest_picture(build_series(store.figures()))
    assert page.count("<svg") == len(pictures) >= 5
    assert "<?xml" not in page and "<img" not in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids of inlined charts must not collide"


def test_html_shows_every_headline_number_with_its_qualifier(store, page):
    words = {"min": "over ", "approx": "about ", "max": "up to ", "exact": ""}
    for picture in latest_picture(build_series(store.figures())):
        for point in picture.latest:
            assert f"{words[point.qualifier]}{point.value:,}" in page
    assert "over 1,100,000" in page
    assert "<title>Afghans in Pakistan</title>" in page


def test_html_explains_the_541000_vs_514000_conflict(store, page):
    flags = find_flags(store.figures(FigureFilter(on_topic_only=False)), store.articles())
    conflict = next(f for f in flags if f.type == "same_date_conflict")
    assert "541,000" in conflict.explanation and "514,000" in conflict.explanation
    assert str(escape(conflict.explanation)) in page


def test_every_footnote_points_at_a_stored_sentence(store, page):
    sentences = {f.sentence for f, _ in store.figures(FigureFilter(on_topic_only=False))}
    sentences |= {e.sentence for e in store.events()} | {q.sentence for q in store.quotes()}
    notes = dict(re.findall(r'<li id="ev-(\d+)"[^>]*><span class="sentence">(.*?)</span>', page, re.DOTALL))
    assert len(notes) >= 20
    for text in notes.values():
        sentence = html.unescape(text)
        assert sentence in sentences or sentence[1:-1] in sentences  # shown in quotation marks
    cited = set(re.findall(r'href="#ev-(\d+)"', page))
    assert cited == set(notes)


def test_html_is_self_contained(page):
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page, re.IGNORECASE)
    assert not [t for t in tags if re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", t)]
    assert "<script" not in page.lower()
    assert not re.search(r"""\bsrc\s*=\s*["']?https?:""", page)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    assert '<meta name="viewport"' in page and "overflow-x: auto" in page


def test_md_has_footnotes_and_embedded_charts(markdown):
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", markdown))
    defs = set(re.findall(r"^\[\^(\d+)\]: ", markdown, re.MULTILINE))
    assert refs and refs == defs
    assert re.search(r"!\[[^\]]+\]\(data:image/svg\+xml;base64,[A-Za-z0-9+/=]+\)", markdown)
    assert "## Contradictions and quality flags" in markdown and "541,000" in markdown


def test_md_writes_chart_files_to_the_asset_dir(store, tmp_path):
    text = render_report(store, "md", asset_dir=tmp_path / "report_files")
    links = re.findall(r"!\[[^\]]+\]\((report_files/[^)]+\.svg)\)", text)
    assert links
    for link in links:
        assert "<svg" in (tmp_path / link).read_text(encoding="utf-8")


XSS = "<script>alert(1)</script>"


def test_article_text_is_escaped(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "karachi.txt").write_text(
        f"Karachi police detain Afghans {XSS}\nUpdated 10 March 2025\n\n"
        f"KARACHI: Police detained 300 Afghans {XSS} in Karachi on Monday.\n",
        encoding="utf-8",
    )
    line = {"url": "javascript:alert(1)", "published": "2025-03-11", "title": f"Raid {XSS}",
            "text": "QUETTA: Police detained 200 Afghans in Quetta on Tuesday, officials said."}  # fmt: skip
    (tmp_path / "in" / "feed.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    db = tmp_path / "x.db"
    summary = ingest_paths([str(tmp_path / "in")], Settings(db=db))
    assert summary.added == 2 and not summary.errors
    with Store(db) as store:
        assert any(XSS in f.sentence and f.value == 300 for f, _ in store.figures())
        page = render_report(store, "html")
        markdown = render_report(store, "md")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not [h for h in re.findall(r'href="([^"]*)"', page) if not h.startswith(("#", "http"))]
    assert "<script>alert(1)" not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown


@pytest.mark.parametrize("fmt", ["pdf", "HTML", "markdown", ""])
def test_unknown_format_names_the_choices(store, fmt):
    with pytest.raises(ConfigError, match=r"choose html or md"):
        render_report(store, fmt)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_empty_store_renders_a_report_saying_so(fmt):
    with Store(":memory:") as store:
        text = render_report(store, fmt)
    assert "Nothing to report yet" in text and "sitrep ingest" in text
    assert "<svg" not in text and "[^" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a <b> & c", "a &lt;b&gt; &amp; c"), ("x | y", r"x \| y"), ("*bold* _it_", r"\*bold\* \_it\_"),
     ("[link](u)", r"\[link\](u)"), ("two\nlines", "two lines"), ("`code`", r"\`code\`")],
)  # fmt: skip
def test_md_escape(text, expected):
    assert md_escape(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.org/a b", "https://example.org/a%20b"), ("http://x.org/?q=1&r=2", "http://x.org/?q=1&r=2"),
     ("javascript:alert(1)", None), (" JavaScript:alert(1)", None), ("data:text/html,x", None),
     ("/local/path.txt", None), ("", None), (None, None), ('https://x.org/"><script>', "https://x.org/%22%3E%3Cscript%3E")],
)  # fmt: skip
def test_safe_link(url, expected):
    assert safe_link(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-04-18", dt.date(2025, 4, 18)), ("2025-04", dt.date(2025, 4, 15)), ("2023", dt.date(2023, 7, 1)),
     ("2025-13", None), ("soon", None), (None, None)],
)  # fmt: skip
def test_plot_date(value, expected):
    assert plot_date(value) == expected
