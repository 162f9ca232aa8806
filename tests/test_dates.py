import pytest

from sitrep.dates import at_precision, find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "published", "value", "anchor"),
    [
        ("as of today", "2025-04-18", "2025-04-18", None),
        ("so far", "2025-02-19", "2025-02-19", None),
        ("since 2023", "2025-04-18", "2023", "since"),
        ("last year", "2026-01-09", "2025", None),
        ("Until November last year", "2024-07-26", "2023-11", "until"),
        ("In January, the group", "2025-02-19", "2025-01", "in"),
        ("In November, the group", "2025-02-19", "2024-11", "in"),
        ("a deadline of Mar. 31", "2025-04-18", "2025-03-31", None),
        ("said on Friday", "2025-04-18", "2025-04-18", "on"),
        ("met on Wednesday", "2025-04-18", "2025-04-16", "on"),
        ("in September 2023", "2026-01-09", "2023-09", "in"),
        ("on October 27, 2025", "2026-01-09", "2025-10-27", "on"),
        ("must leave by 1 November", "2023-10-04", "2023-11-01", "by"),
        ("Earlier this year", "2025-04-18", "2025", None),
        ("in the first six months of 2025", "2025-07-16", "2025-06", None),
        ("at the start of 2025", "2025-09-02", "2025-01", None),
        ("said this morning", "2025-04-02", "2025-04-02", None),
        ("in the past week", "2025-09-02", "2025-09-02", "in"),
    ],
)
def test_resolution_against_publication_date(text, published, value, anchor):
    (d,) = find_dates(text, published)
    assert (d.value, d.anchor) == (value, anchor)


def test_past_n_weeks_gives_a_period():
    (d,) = find_dates("arrested in the past two weeks", "2023-10-04")
    assert (d.value, d.span_since) == ("2023-10-04", "2023-09-20")


def test_relative_dates_need_a_publication_date():
    (d,) = find_dates("last year", None)
    assert d.value is None


def test_decades_are_not_years():
    assert find_dates("in the 1980s", "2025-01-01") == []


def test_month_words_that_are_not_months():
    assert find_dates("they may march on", "2025-01-01") == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [("09 January 2026", "2026-01-09"), ("2025-04-02T10:00:00+05:00", "2025-04-02"), ("April 2, 2025", "2025-04-02"),
     ("not a date", None)],
)  # fmt: skip
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_precision():
    assert at_precision("2023-10-04", "2023-10") == "2023-10"
    assert at_precision(None, "2023") is None


def test_since_a_day_ahead_of_publication_is_last_year():
    found = find_dates("arrests made since October 31 have risen", "2025-07-20")
    assert [d.value for d in found] == ["2024-10-31"]
    assert [d.value for d in find_dates("they must leave by October 31", "2025-07-20")] == ["2025-10-31"]


@pytest.mark.parametrize(
    ("text", "value", "since"),
    [("the week of Sept 14-20", "2025-09-20", "2025-09-14"), ("returns between 1 and 7 July", "2025-07-07", "2025-07-01"),
     ("from 3–9 August", "2025-08-09", "2025-08-03")],
)  # fmt: skip
def test_a_day_range_is_one_span_ending_at_its_last_day(text, value, since):
    (d,) = find_dates(text, "2025-09-24")
    assert (d.value, d.span_since) == (value, since)


@pytest.mark.parametrize("text", ["are currently awaiting deportation", "is now around 1.7 million", "at present"])
def test_present_time_words_anchor_to_publication(text):
    assert [(d.value, d.kind) for d in find_dates(text, "2025-08-31")] == [("2025-08-31", "now")]


def test_now_that_is_no_date_and_a_clock_time_is_the_day_of_publication():
    assert find_dates("now that the deadline has passed", "2025-08-31") == []
    assert [d.value for d in find_dates("had crossed by 8am", "2025-08-31")] == ["2025-08-31"]
