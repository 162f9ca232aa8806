import pytest

from sitrep.numbers import find_numbers, parse_digits, parse_words


@pytest.mark.parametrize(
    ("text", "value", "malformed"),
    [
        ("800,000", 800000, False),
        ("907,391", 907391, False),
        ("2,23,637", 223637, False),
        ("14,77,592", 1477592, False),
        ("600,00", 60000, True),
        ("1,2345", 12345, True),
        ("25320", 25320, False),
    ],
)
def test_digit_grouping(text, value, malformed):
    assert parse_digits(text) == (value, malformed)


@pytest.mark.parametrize(
    ("text", "value"),
    [("two hundred thousand", 200000), ("four", 4), ("twenty-five", 25), ("a dozen", 12), ("two dozen", 24),
     ("one hundred and fifty", 150), ("three million", 3000000)],
)  # fmt: skip
def test_number_words(text, value):
    assert parse_words(text) == value


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("more than 2.8 million Afghans", 2800000, "min"),
        ("1.5 million people", 1500000, "exact"),
        ("1.4m refugees", 1400000, "exact"),
        ("two hundred thousand returnees", 200000, "exact"),
        ("around eight lac Afghans", 800000, "approx"),
        ("14 lakh people", 1400000, "exact"),
        ("half a million people", 500000, "exact"),
        ("two dozen people", 24, "exact"),
        ("over four million migrants", 4000000, "min"),
        ("at least 500 families", 500, "min"),
        ("nearly 1,000 Afghans", 1000, "approx"),
        ("almost 300 people", 300, "approx"),
        ("some 14 lakh people", 1400000, "approx"),
        ("about 1.7 million", 1700000, "approx"),
        ("up to 3,000 people", 3000, "max"),
        ("fewer than 500 detainees", 500, "max"),
        ("less than 200 people", 200, "max"),
        ("estimated at 1.7 million", 1700000, "approx"),
        ("about 2000 people", 2000, "approx"),
    ],
)
def test_values_and_qualifiers(text, value, qualifier):
    (m,) = [n for n in find_numbers(text) if n.kind == "count"]
    assert (m.value, m.qualifier) == (value, qualifier)
    assert text.startswith(m.text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("millions of Afghans", 1000000), ("Hundreds of thousands of Afghans", 100000), ("tens of thousands of people", 10000),
     ("thousands of families", 1000)],
)  # fmt: skip
def test_vague_magnitudes_are_lower_bounds(text, value):
    (m,) = find_numbers(text)
    assert (m.value, m.qualifier, m.vague) == (value, "min", True)


def test_ranges_give_min_and_max():
    got = [(m.value, m.qualifier) for m in find_numbers("between 10,000 to 20,000 people") if m.kind == "count"]
    assert got == [(10000, "min"), (20000, "max")]
    got = [(m.value, m.qualifier) for m in find_numbers("two to three million people")]
    assert got == [(2000000, "min"), (3000000, "max")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("in 2023 the drive", "year"),
        ("on 1 November", "date"),
        ("on Sept. 17 last year", "date"),
        ("for 48 hours", "time"),
        ("over eight decades", "time"),
        ("a 12-year-old boy", "measure"),
        ("about 30 kilometres", "measure"),
        ("$5 million in aid", "money"),
        ("Rs 10,000 each", "money"),
        ("40 percent of them", "percent"),
        ("40% of them", "percent"),
        ("called Rescue 1122 for help", "name"),
        ("imposed Section 144 in the city", "name"),
        ("the two countries", "reference"),
        ("at 10:30 am", "time"),
        ("a girl aged 12", "measure"),
        ("children under five", "measure"),
        ("on 10/11/2023", "date"),
        ("from 2006 onwards", "year"),
        ("far above 2024 levels", "year"),
        ("issued in a 2022 census drive", "year"),
        ("lived there for three generations", "time"),
    ],
)
def test_not_figures(text, kind):
    kinds = [m.kind for m in find_numbers(text)]
    assert kinds and all(k != "count" for k in kinds), kinds
    assert kind in kinds


@pytest.mark.parametrize(
    "text",
    ["COVID-19 cases", "nine in 10 returnees", "one in five families", "Zarmina Bibi, 38, an ACC holder",
     "call +93 70 555 0142 now", "at 18:45 on Tuesday", "woken at three in the morning", "between 7 and 20 July",
     "on the helpline 051-9210344 or"],
)  # fmt: skip
def test_not_counts(text):
    assert [m.text for m in find_numbers(text) if m.kind == "count"] == []


def test_hyphen_ranges_and_malformed_groups():
    got = [(m.value, m.qualifier, m.malformed) for m in find_numbers("1,500-2,000 people, and 2,2500 more")]
    assert got == [(1500, "min", False), (2000, "max", False), (22500, "exact", True)]


def test_tenfold_and_one_of_are_not_numbers():
    assert [m for m in find_numbers("increased tenfold, one of the largest") if m.kind == "count"] == []


def test_offsets_point_at_the_text():
    text = "Pakistan has so far deported over 800,000 Afghan nationals."
    (m,) = [n for n in find_numbers(text) if n.kind == "count"]
    assert text[m.start : m.end] == "over 800,000"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("16 lakh 42 thousand Afghans", 1642000),
        ("2 crore 30 lakh people", 23000000),
        ("4 lakh and 18 thousand", 418000),
    ],
)
def test_a_number_in_two_scaled_parts_is_one(text, value):
    assert [m.value for m in find_numbers(text) if m.kind == "count"] == [value]


def test_scaled_parts_in_a_list_stay_apart():
    assert [m.value for m in find_numbers("12 lakh, 40 thousand of them")] == [1200000, 40000]


def test_a_plus_sign_after_a_number_is_a_minimum():
    (m,) = find_numbers("508,000+ returns")
    assert (m.value, m.qualifier, m.text) == (508000, "min", "508,000+")
