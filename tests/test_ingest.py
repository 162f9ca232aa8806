import json

import pytest

from sitrep import ingest
from sitrep.errors import BinaryInput, EmptyInput, NoArticle, TooLarge
from sitrep.ingest import RawDocument, clean_article, clean_text, iter_inputs

PAGE = """Border crossing reopens as returns climb
Short Url
https://example.news/a1b2c
Updated 12 March 2025
Follow
Border crossing reopens as returns climb
- Officials say more than 2,000 people crossed on Tuesday
PESHAWAR: The Torkham crossing reopened on Tuesday and officials said more than 2,000 Afghans crossed back into Afghanistan before nightfall, many of them carrying household goods.
Also Read: Traders count losses after closure
Provincial officials said the crossing would stay open around the clock while the returns continue.
Provincial officials said the crossing would stay open around the clock while the returns continue.
Cricket board names squad for home series against visitors
- Selectors pick three uncapped players for the five-match series
- Captain returns after injury lay-off
LAHORE: The national cricket board on Tuesday named a 16-member squad for the upcoming five-match series, recalling two fast bowlers who missed the last tour with injuries.
"""


def test_chrome_repeats_and_appended_story():
    cleaned = clean_text(PAGE)
    assert "Short Url" not in cleaned.text
    assert "https://example.news" not in cleaned.text
    assert "Also Read" not in cleaned.text
    assert cleaned.text.count("stay open around the clock") == 1
    assert cleaned.text.count("Border crossing reopens as returns climb") == 1
    assert cleaned.published == "2025-03-12"
    assert cleaned.dateline == "Peshawar"
    kinds = [s.kind for s in cleaned.segments]
    assert kinds[0] == "main" and kinds[-1] == "appended"
    appended = next(s for s in cleaned.segments if s.kind == "appended")
    assert cleaned.text[appended.start :].startswith("Cricket board names squad")
    main_text = cleaned.text[: appended.start]
    assert "more than 2,000 Afghans crossed back" in main_text


def test_inline_related_link_does_not_split_the_story():
    text = (
        "ISLAMABAD: The embassy said nearly 500 Afghans were detained in the capital this week.\n"
        "Pakistan Says Afghans Are Linked to Attacks: Minister\n"
        "The embassy added that the detained Afghans included women and children, and asked for their release.\n"
    )
    cleaned = clean_text(text)
    assert {s.kind for s in cleaned.segments} == {"main"}


def test_a_list_lead_in_ending_in_a_colon_is_no_headline():
    text = (
        "KABUL: The ministry said 9,200 Afghans returned from Pakistan on Tuesday, the most in a single day this year.\n"
        "The ministry posted its tallies for the preceding days on its social media accounts:\n"
        "- Saturday, April 5: 4,102 returnees\n"
        "- Sunday, April 6: 5,455 returnees\n"
        "Since April 1, the ministry has recorded 41,608 returns from Pakistan, its spokesman said in Kabul.\n"
    )
    assert {s.kind for s in clean_text(text).segments} == {"main"}


@pytest.mark.parametrize(
    ("line", "item", "header"),
    [("Punjab - 2,480", True, False), ("Pakistan | 31,284 | 14,902 | 612,540", True, False),
     ("Origin | This week | Previous week | Since Jan 1", False, True), ("Peshawar: 612", True, False),
     ("The minister said 2,000 - a record", False, False)],
)  # fmt: skip
def test_list_lines_and_table_rows(line, item, header):
    assert (ingest.is_list_item(line), ingest.is_table_header(line)) == (item, header)


def test_article_id_is_a_content_hash():
    a = clean_article(RawDocument(path="a.txt", text="ISLAMABAD: Some 500 Afghans returned on Monday, officials said."))
    b = clean_article(
        RawDocument(path="b.txt", text="ISLAMABAD:  Some 500 Afghans returned on Monday, officials said.\n\n")
    )
    assert a.id == b.id
    assert a.on_topic_at(3)


def test_publication_date_precedence():
    raw = RawDocument(
        path="x.txt", text="Headline here for test\nUpdated 09 January 2026\n\nKABUL: More than 300 people returned."
    )
    assert clean_article(raw).published == "2026-01-09"
    assert clean_article(raw).published_from == "text"
    assert clean_article(raw, "2026-01-01").published == "2026-01-01"
    meta = RawDocument(path="x.jsonl:1", text="KABUL: More than 300 people returned.", published="2025-05-05")
    assert (clean_article(meta).published, clean_article(meta).published_from) == ("2025-05-05", "metadata")


def _errors(paths, max_bytes=10_000_000):
    return [x for x in iter_inputs(paths, max_bytes) if isinstance(x, Exception)]


def test_bad_inputs_name_the_file_and_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "big.txt").write_text("x" * 2000)
    errors = _errors([str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), str(tmp_path / "missing.txt")])
    assert [type(e) for e in errors][:2] == [EmptyInput, BinaryInput]
    assert "missing.txt" in str(errors[2]) and "no such file" in str(errors[2])
    (too_big,) = _errors([str(tmp_path / "big.txt")], max_bytes=1000)
    assert isinstance(too_big, TooLarge) and "big.txt" in str(too_big)


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("QUETTA: Officials said “about 4,000” Afghans left – café owners too.".encode("cp1252"))
    (doc,) = list(iter_inputs([str(path)], 10_000))
    assert "about 4,000" in doc.text and "café" in doc.text
    assert doc.warnings and "cp1252" in doc.warnings[0]


def test_jsonl_lines_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = {
        "url": "https://x.invalid/a",
        "published": "2025-01-02",
        "title": "T",
        "text": "KABUL: 300 people returned.",
    }
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"url": "u"}) + "\n")
    items = list(iter_inputs([str(path)], 10_000))
    assert isinstance(items[0], RawDocument) and items[0].url == good["url"]
    assert "feed.jsonl:2" in str(items[1]) and "invalid JSON" in str(items[1])
    assert "feed.jsonl:3" in str(items[2])


def test_html_main_text_and_date(tmp_path):
    html = (
        "<html><head><title>Returns climb</title>"
        '<meta property="article:published_time" content="2025-04-02T10:00:00+05:00"></head><body>'
        "<nav><a href='/'>Home</a><a href='/world'>World</a></nav><div class='cookie'>We use cookies</div>"
        "<article><h1>Returns climb at Torkham</h1>"
        "<p>PESHAWAR: More than 2,000 Afghans crossed back into Afghanistan on Tuesday, officials at the border said.</p>"
        "<p>The provincial government said it had set up two more holding centres near the crossing this week.</p>"
        "</article><footer>Copyright Example News</footer></body></html>"
    )
    (doc,) = list(iter_inputs([_write(tmp_path, "page.html", html)], 100_000))
    article = clean_article(doc)
    assert "More than 2,000 Afghans" in article.text
    assert "cookies" not in article.text and "Copyright" not in article.text
    assert article.published == "2025-04-02"


def test_html_without_article_is_a_clear_error(tmp_path):
    (doc,) = list(
        iter_inputs([_write(tmp_path, "s.html", "<html><body><script>var a=1;</script></body></html>")], 10_000)
    )
    with pytest.raises(NoArticle, match=r"s\.html"):
        clean_article(doc)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_directory_is_read_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    _write(tmp_path / "a" / "b", "one.txt", "KABUL: 300 people returned.")
    _write(
        tmp_path / "a",
        "two.htm",
        "<html><body><article><p>" + "KABUL: 300 people returned home. " * 5 + "</p></article></body></html>",
    )
    _write(tmp_path, "notes.md", "ignored")
    paths = sorted(d.path for d in iter_inputs([str(tmp_path)], 10_000))
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["two.htm", "one.txt"] or len(paths) == 2
    assert all(not p.endswith(".md") for p in paths)
    assert ingest.SUFFIXES >= {".txt", ".html", ".htm", ".jsonl"}


def test_trailing_related_headlines_are_not_the_story():
    text = (
        "QUETTA: Police in Balochistan detained more than 900 Afghans this week, officials said on Monday, "
        "as the deadline for card holders passed and checkpoints were set up on the roads to Chaman.\n"
        "Officials said most of those detained would be moved to holding centres before being sent to the border.\n"
        "Most read\n"
        "Pakistan deports 500 Afghans from Karachi in a day\n"
        "Floods kill 12 in Swat valley\n"
    )
    cleaned = clean_text(text)
    appended = [cleaned.text[s.start : s.end] for s in cleaned.segments if s.kind == "appended"]
    assert appended and "Floods kill 12" in appended[-1]
    assert "more than 900 Afghans" in cleaned.text[: cleaned.segments[0].end]


def test_data_tables_in_html_are_kept_as_rows(tmp_path):
    page = tmp_path / "table.html"
    page.write_text(
        "<html><body><nav>Home | World</nav><article><h1>Three years of returns</h1>"
        "<p>Returns from the two countries rose again last year, according to figures compiled by the "
        "International Organization for Migration at the main border crossings, the agency said.</p>"
        "<table><caption>Afghan returns recorded by IOM, by country of departure</caption>"
        "<tr><th>Year</th><th>From Pakistan</th><th>From Iran</th></tr>"
        "<tr><td>2024</td><td>336,900</td><td>1,121,500</td></tr>"
        "<tr><td>2025</td><td>938,700</td><td>1,792,300</td></tr></table>"
        "<p>Returns from Pakistan nearly tripled between the two years, the figures show, as the drive widened.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (raw,) = list(iter_inputs([str(page)], 10**6))
    text = clean_article(raw, published="2026-01-14").text
    rows = [p for p in text.split("\n\n") if "336,900" in p]
    assert rows and ingest.is_list_item(rows[0])
    assert "---" not in text  # the table's rule line is no paragraph


_WIRE_DATELINE = (  # a wire dateline with a hyphen opens the appended story
    "KABUL, Sept 24 (Frontier Wire) - The number of Afghans returning from Pakistan more than doubled in a week, "
    "the International Organization for Migration said on Wednesday, as police pressed card holders to leave.\n"
    "IOM counted 31,284 returns from Pakistan in the week, up from 14,902 the previous week.\n"
    "Kabul bakers shrink the naan as flour prices climb\n"
    "KABUL, Sept 24 (Frontier Wire) - Bakeries in Kabul have cut the weight of the standard naan again after "
    "the price of flour rose, the city's bakers' union said.\n"
    "The union said about 1,400 of the city's roughly 5,000 bakeries had let workers go since the spring.\n"
)
_RULE_LINE = (  # a rule line, then a headline with an all-caps prefix
    "UNHCR alarmed as returns from Pakistan surge\n"
    "GENEVA: The UN refugee agency said on Friday that more than 112,000 Proof of Registration card holders "
    "had left Pakistan since September 1, many after arrests, and called for a pause in the removals.\n"
    "The agency said families arriving at Torkham had lost homes, jobs and savings within days.\n"
    "----------------------------------------\n"
    "WHO: Measles campaign reaches more than 2.1 million children in Chad\n"
    "A nationwide measles vaccination campaign in Chad has reached more than 2.1 million children in its first "
    "ten days, the World Health Organization said, with teams working across 23 provinces.\n"
)


@pytest.mark.parametrize(
    ("text", "appended_starts", "dateline"),
    [(_WIRE_DATELINE, "Kabul bakers shrink the naan", "Kabul"), (_RULE_LINE, "WHO: Measles campaign", "Geneva")],
)
def test_what_opens_an_appended_story(text, appended_starts, dateline):
    cleaned = clean_text(text)
    assert [s.kind for s in cleaned.segments] == ["main", "appended"]
    assert cleaned.text[cleaned.segments[-1].start :].startswith(appended_starts)
    assert cleaned.dateline == dateline
