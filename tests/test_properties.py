"""Properties of the number, date and cleaning functions, checked with Hypothesis."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep import dates, ingest, lexicon, numbers
from sitrep.errors import SitrepError

FAST = settings(max_examples=150, deadline=None)
VALUES = st.integers(min_value=0, max_value=10**9)
PUB_DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))


def lakh(n: int) -> str:
    """South Asian grouping: the last three digits, then pairs ("2,23,637")."""
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail])


def test_lakh_formatter() -> None:
    assert [lakh(n) for n in (7, 1000, 223637, 12345678)] == ["7", "1,000", "2,23,637", "1,23,45,678"]


@FAST
@given(VALUES)
def test_grouped_digits_parse_back(n: int) -> None:
    for written in (f"{n:,}", lakh(n), str(n)):
        assert numbers.parse_digits(written) == (n, False), written


@FAST
@given(VALUES, st.sampled_from(["western", "lakh"]))
def test_number_in_sentence_is_found(n: int, style: str) -> None:
    written = f"{n:,}" if style == "western" else lakh(n)
    sentence = f"Police detained {written} people."
    found = [m for m in numbers.find_numbers(sentence) if m.number_start == len("Police detained ")]
    assert len(found) == 1, (sentence, numbers.find_numbers(sentence))
    assert found[0].value == n and not found[0].malformed


QUALIFIERS = sorted(lexicon.load("numbers")["qualifiers"].items())


@pytest.mark.parametrize(("word", "qualifier"), QUALIFIERS)
def test_every_qualifier_word_is_read(word: str, qualifier: str) -> None:
    for n in ("1,200", "35", "4,500"):
        found = numbers.find_numbers(f"Police detained {word} {n} Afghans.")
        counts = [m for m in found if m.text.endswith(n)]
        assert counts and counts[0].qualifier == qualifier, (word, found)


def _values(text: str, pub: dt.date) -> list[dates.DateMention]:
    return [d for d in dates.find_dates(text, pub.isoformat()) if d.value is not None]


@FAST
@given(PUB_DATES)
def test_last_and_this_year(pub: dt.date) -> None:
    (last,) = _values("Arrests rose last year.", pub)
    (this,) = _values("Arrests rose this year.", pub)
    assert last.value == str(pub.year - 1)
    assert this.value == str(pub.year)


@FAST
@given(PUB_DATES, st.sampled_from(sorted(m for m in dates.MONTHS if len(m) > 3 or m == "may")))
def test_in_month_is_not_after_publication(pub: dt.date, month: str) -> None:
    found = _values(f"In {month.title()}, police detained 40 Afghans.", pub)
    assert len(found) == 1
    value = found[0].value
    assert len(value) == 7  # month precision
    assert value <= pub.isoformat()[:7]
    assert int(value[5:]) == dates.MONTHS[month]


@FAST
@given(PUB_DATES, st.sampled_from(sorted(dates.WEEKDAYS)))
def test_on_weekday_is_within_the_week_before_publication(pub: dt.date, weekday: str) -> None:
    (found,) = _values(f"Police detained 40 Afghans on {weekday.title()}.", pub)
    day = dt.date.fromisoformat(found.value)  # day precision
    assert pub - dt.timedelta(days=6) <= day <= pub
    assert day.weekday() == dates.WEEKDAYS[weekday]


@FAST
@given(PUB_DATES, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_day_month_may_be_a_deadline(pub: dt.date, month: int, day: int) -> None:
    """ "by 1 November": a day and month ahead of publication stay in the publication year (a deadline)."""
    name = dt.date(2001, month, day).strftime("%B")
    (found,) = _values(f"They must leave by {day} {name}.", pub)
    value = dt.date.fromisoformat(found.value)
    assert (value.month, value.day) == (month, day)
    assert value <= pub or value.year == pub.year


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_clean_text_never_raises(text: str) -> None:
    cleaned = ingest.clean_text(text)
    for s in cleaned.segments:
        assert 0 <= s.start <= s.end <= len(cleaned.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=30)))
def test_clean_article_raises_only_sitrep_errors(text: str, published_meta: str | None) -> None:
    raw = ingest.RawDocument(path="<prop>", text=text, published=published_meta)
    try:
        article = ingest.clean_article(raw)
    except SitrepError:
        return
    assert article.text.strip()
    assert article.id == ingest.article_id(article.text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_raises_only_sitrep_errors(data: bytes) -> None:
    try:
        text, _ = ingest.decode(data, "<prop>")
    except SitrepError:
        return
    assert "\x00" not in text
