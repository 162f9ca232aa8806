"""Find and parse numbers in running text: digits, words, scales, qualifiers and ranges.

Pure functions over strings: ``find_numbers(text)`` returns every number mention with its
value, surface text, qualifier and flags, and a *kind* that says whether it is a count at all
(``count``) or a year, date, duration, measure, money, percentage or name part.
Deciding what a count counts is the job of :mod:`sitrep.figures`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from sitrep import lexicon

Kind = Literal["count", "year", "date", "time", "measure", "money", "percent", "name", "ordinal", "reference"]

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number as written in a text, with character offsets ``start``/``end`` of ``text``."""

    value: int
    text: str
    start: int
    end: int
    qualifier: str = "exact"
    kind: Kind = "count"
    vague: bool = False
    malformed: bool = False
    # where the bare number (without qualifier words) starts; used to map onto tokens
    number_start: int = 0


@dataclass(frozen=True)
class _Grammar:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    short_scales: dict[str, int]
    vague: dict[str, int]
    qualifiers: dict[str, str]
    number_re: re.Pattern[str]
    qualifier_re: re.Pattern[str]


@cache
def _grammar() -> _Grammar:
    data = lexicon.load("numbers")
    units, tens, scales = data["units"], data["tens"], data["scales"]
    short, vague, quals = data["short_scales"], data["vague"], data["qualifiers"]
    word = "|".join(sorted([*units, *tens], key=len, reverse=True))
    scale = "|".join(sorted(scales, key=len, reverse=True))
    short_scale = "|".join(sorted(short, key=len, reverse=True))
    vague_alt = "|".join(re.escape(v) for v in sorted(vague, key=len, reverse=True))
    digits = r"\d{1,3}(?:,\d+)+(?:\.\d+)?|\d+(?:\.\d+)?"  # any grouping; parse_digits judges it
    word_number = rf"(?:{word})\b(?:[-\s](?:{word})\b)*"
    # "two hundred thousand", "1.5 million", "14 lakh", "half a million", "a dozen"
    pattern = rf"""
        (?P<half>\bhalf\s+a\s+(?:{scale})\b)
      | (?P<vague>\b(?:{vague_alt})\b(?!\s+(?:of\s+)?(?:{scale})\b))
      | (?P<digits>(?<![\w.,/:+])(?<![A-Za-z]-)(?:{digits}))(?:\s*(?P<short>(?:{short_scale}))\b)?
            (?P<dscales>(?:\s+(?:{scale})\b)*)
      | (?P<words>\b(?:a\s+)?{word_number}(?:(?:\s+|-)(?:and\s+)?(?:{word_number}|{scale})\b)*
            (?:\s+(?:{scale})\b)*)
      | (?P<adozen>\ba\s+(?:dozen|hundred|thousand|million)\b)
    """
    qual = "|".join(re.escape(q) for q in sorted(quals, key=len, reverse=True))
    return _Grammar(
        units=units,
        tens=tens,
        scales=scales,
        short_scales=short,
        vague=vague,
        qualifiers=quals,
        number_re=re.compile(pattern, re.IGNORECASE | re.VERBOSE),
        qualifier_re=re.compile(rf"(?:^|(?<=\W))({qual})\s+$", re.IGNORECASE),
    )


def parse_digits(text: str) -> tuple[int | float, bool]:
    """Parse a digit string with grouping commas; return (value, malformed).

    Western grouping (``907,391``) and South Asian lakh grouping (``2,23,637``) are valid;
    anything else (``600,00``) is malformed and keeps its literal digits, never "fixed".
    """
    if "," not in text:
        return (float(text) if "." in text else int(text)), False
    whole, _, frac = text.partition(".")
    groups = whole.split(",")
    western = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    indian = (
        len(groups) >= 3
        and len(groups[-1]) == 3
        and all(len(g) == 2 for g in groups[1:-1])
        and 1 <= len(groups[0]) <= 2
    )
    literal = "".join(groups) + ("." + frac if frac else "")
    value: int | float = float(literal) if frac else int(literal)
    return value, not (western or indian)


def parse_words(text: str) -> int | None:
    """Value of a spelled-out number: "two hundred thousand" -> 200000, "a dozen" -> 12."""
    g = _grammar()
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", text.lower().strip()):
        if w in ("and", ""):
            continue
        if w == "a":
            current, seen = max(current, 1), True
        elif w in g.units:
            current += g.units[w]
            seen = True
        elif w in g.tens:
            current += g.tens[w]
            seen = True
        elif w in g.scales:
            scale = g.scales[w]
            current = max(current, 1) * scale if scale < 1000 else max(current, 1)
            if scale >= 1000:
                total += current * scale
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _apply_scales(value: int | float, scales_text: str) -> int | float:
    g = _grammar()
    for w in scales_text.lower().split():
        value *= g.scales[w]
    return value


# A run of more digits than this is an id, a phone dump or garbage, not a count; and a
# value this large would not fit the store's 64-bit INTEGER ("1,1,1,1,..." on a 10 MB line).
MAX_DIGITS = 15
MAX_VALUE = 10**15


def _parse_match(m: re.Match[str]) -> tuple[int, bool, bool] | None:
    """(value, vague, malformed) for one match of the number grammar; None if it is no number."""
    g = _grammar()
    if m.group("half"):
        return int(g.scales[m.group("half").split()[-1].lower()] / 2), False, False
    if m.group("vague"):
        return g.vague[re.sub(r"\s+", " ", m.group("vague").lower())], True, False
    if m.group("digits"):
        whole = m.group("digits").partition(".")[0]
        if len(whole) - whole.count(",") > MAX_DIGITS:
            return None
        value, malformed = parse_digits(m.group("digits"))
        if m.group("short"):
            value *= g.short_scales[m.group("short").lower()]
        value = _apply_scales(value, m.group("dscales") or "")
        return (round(value), False, malformed) if value < MAX_VALUE else None
    text = m.group("words") or m.group("adozen")
    parsed = parse_words(text)
    return (parsed, False, False) if parsed is not None and parsed < MAX_VALUE else None


_RANGE_RE = re.compile(r"^\s*(?:to|-|–|—|and|or)\s*$", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in ``text``, classified by :func:`classify`.

    >>> [(n.value, n.qualifier) for n in find_numbers("over 800,000 Afghans")]
    [(800000, 'min')]
    """
    g = _grammar()
    out: list[NumberMention] = []
    for m in g.number_re.finditer(text):
        parsed = _parse_match(m)
        if parsed is None:
            continue
        value, vague, malformed = parsed
        start, end = m.span()
        surface = text[start:end].rstrip()
        end = start + len(surface)
        if re.fullmatch(r"(?i)a|an|one", surface):
            continue
        qualifier, qstart = "exact", start
        q = g.qualifier_re.search(text, max(0, start - 30), start)
        if q:
            qualifier, qstart = g.qualifiers[q.group(1).lower()], q.start(1)
        if text.startswith("+", end) and not text.startswith("+", end + 1):
            qualifier, end = "min", end + 1  # "508,000+ returns"
        if vague:
            qualifier = "min"
        mention = NumberMention(
            value=int(value),
            text=text[qstart:end],
            start=qstart,
            end=end,
            qualifier=qualifier,
            vague=vague,
            malformed=malformed,
            number_start=start,
        )
        out.append(replace(mention, kind=classify(text, mention)))
    return _mark_ranges(text, _join_scaled(text, out))


def _join_scaled(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """ "16 lakh 42 thousand", "2 crore 30 lakh": one number written in two scaled parts."""
    scales = _grammar().scales
    out: list[NumberMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == m.kind == "count"
            and re.fullmatch(r"\s+(?:and\s+)?", text[prev.end : m.start])
        ):
            big, small = (scales.get(t.split()[-1].lower(), 0) for t in (prev.text, m.text))
            if big and small and small < big and m.value < big and m.qualifier == "exact":
                out[-1] = replace(prev, value=prev.value + m.value, text=text[prev.start : m.end], end=m.end)
                continue
        out.append(m)
    return out


def _mark_ranges(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """ "10,000 to 20,000" and "between 10 and 20 thousand": min and max figures."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind != "count" or b.kind != "count":
            continue
        gap = text[a.end : b.start]
        if not _RANGE_RE.match(gap):
            continue
        if gap.strip().lower() == "and" and not _BETWEEN_RE.search(text, 0, a.start):
            continue
        if gap.strip().lower() == "or" and a.value >= b.value:
            continue
        a_value = a.value
        if a.value < b.value and b.value >= 1000 and a.value < 1000 and re.fullmatch(r"[\d.]+|\w+", a.text):
            # "two to three million": the scale of the second applies to the first
            scale = b.value // max(1, _leading_value(b.text))
            a_value = a.value * scale if scale > 1 else a.value
        if a_value >= b.value:
            continue
        out[i] = replace(a, value=a_value, qualifier="min")
        out[i + 1] = replace(b, qualifier="max")
    return out


def _leading_value(surface: str) -> int:
    m = re.match(r"[\d.,]+", surface)
    if m:
        value, _ = parse_digits(m.group(0).replace(",", ""))
        return max(1, int(value))
    words = parse_words(surface.split()[0]) if surface.split() else None
    return words or 1


@cache
def _context_words() -> dict[str, frozenset[str]]:
    data = lexicon.load("cues")["not_counted"]
    return {k: frozenset(v) for k, v in data.items()}


_NEXT_WORD = re.compile(r"\s*(?:-\s*)?([\w$€£%°.']+(?:\s+cent)?)")
_PREV_WORD = re.compile(r"([\w$€£.']+)\s*$")
_DATE_AFTER = re.compile(rf"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS})\b\.?", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME = re.compile(r"^\s*(?::\d\d|\s*(?:a\.?m\.?|p\.?m\.?)(?!\w))", re.IGNORECASE)
_RATIO_AFTER = re.compile(r"^\s+(?:in|out\s+of)\s+(?:\d+|ten|five|four|three|two|every)\b(?!,\d)", re.IGNORECASE)
_RATIO_BEFORE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+$", re.IGNORECASE
)
_AGE_APPOSITION = re.compile(r"[A-Z][a-z]+,\s*$")
_AGE_END = re.compile(r"^\s*(?:,|\)|$|\.|\s+(?:a|an|who|from|of)\b)")
_PHONE = re.compile(r"^\d{2,4}(?:[\s-]\d{2,4}){2,}\b")
_PHONE_BEFORE = re.compile(r"\+\d{1,3}(?:[\s-]\d{1,4})*[\s-]$")
_DAY_RANGE = re.compile(rf"^\s*(?:and|to|-|–)\s*\d{{1,2}}\s+(?:{MONTHS})\b", re.IGNORECASE)
_PREVIOUS_N = re.compile(r"\b(?:the\s+)?(?:previous|past|last|next|first)\s+$", re.IGNORECASE)
_CLOCK = re.compile(r"^\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|o'clock)\b", re.IGNORECASE)
_OR_AFTER_UNIT = re.compile(r"\b(?:day|hour|week|month|year|minute)s?\s+or\s+$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\baged\s+$|\b(?:children|girls|boys|kids|infants)\s+(?:under|below|over|above)\s+$", re.I)
_AGE = re.compile(r"^\s*(?:-|\s)?(?:year|yr)s?[-\s]old\b|^\s*-year-old", re.IGNORECASE)


def classify(text: str, m: NumberMention) -> Kind:
    """Say whether a number is a count, or a year, date, duration, measure, money, % or name part."""
    words = _context_words()
    after = text[m.end : m.end + 40]
    before = text[max(0, m.number_start - 30) : m.number_start]
    bare = text[m.number_start : m.end]
    next_m = _NEXT_WORD.match(after)
    next_word = next_m.group(1).lower().rstrip(".") if next_m else ""
    next_full = next_m.group(1).lower() if next_m else ""
    prev_m = _PREV_WORD.search(before)
    prev_word = prev_m.group(1).lower() if prev_m else ""

    if _AGE.match(after):
        return "measure"
    if _OR_AFTER_UNIT.search(before):
        return "time"  # "a day or two"
    if _RATIO_AFTER.match(after) or _RATIO_BEFORE.search(before):
        return "percent"  # "nine in 10 returnees", "one in five": a share, not a count
    if _AGE_APPOSITION.search(before) and _AGE_END.match(after) and m.value < 120:
        return "measure"  # "Zarmina Bibi, 38, an ACC holder"
    # a bounded window: matching the rest of the text made "12 12 12 ..." quadratic
    if _PHONE.match(text[m.number_start : m.number_start + 64]) or _PHONE_BEFORE.search(before):
        return "name"  # "+93 70 555 0142"
    if re.fullmatch(r"0\d+", bare) or re.search(r"(?<![\d,])0\d{1,4}-$", before):
        return "name"  # "helpline 042-99200811": an area code and the number after it
    if re.search(r"[A-Za-z]\($", before):
        return "name"  # "alert(1)": code, not a count
    if _PREVIOUS_N.search(before) and not re.match(r"^\s+[a-z]", after):
        return "time"  # "more people in two years than in the previous twenty"
    if _CLOCK.match(after):
        return "time"  # "at three in the morning"
    if _DAY_RANGE.match(after):
        return "date"  # "between 7 and 20 July", "7–20 July"
    if after.startswith("/") or (before.endswith("/") and re.fullmatch(r"\d+", bare)):
        return "date"  # "10/11/2023", "24/7"
    if _AGE_BEFORE.search(before):
        return "measure"  # "aged 12", "children under five"
    if _TIME.match(after):
        return "time"
    if _DATE_AFTER.match(after) or (_DATE_BEFORE.search(before) and re.fullmatch(r"\d{1,2}", bare)):
        return "date"
    if _ORDINAL_AFTER.match(after):
        return "ordinal"
    if after.startswith("%") or next_full in words["percent"] or after.lower().lstrip().startswith("per cent"):
        return "percent"
    if next_word in words["time"] or next_full in words["time"]:
        return "time"
    if next_word in words["measure"] or next_full in words["measure"]:
        return "measure"
    if next_word in words["money"] or next_full in words["money"]:
        return "money"
    if before.rstrip().endswith(("$", "€", "£")) or prev_word in words["money_before"]:
        return "money"
    if re.fullmatch(r"(1[5-9]|20)\d\d", bare) and not _count_noun_follows(after):
        return "year"
    if re.search(r"[A-Za-z]-$", before) or (
        after.startswith("-") and not re.match(r"-\s*\d|-(?:strong|member)", after)
    ):
        # "COVID-19", "F-16", "multi-billion-dollar"
        return "name"
    if prev_word in words["name_before"]:
        return "name"
    if (
        prev_m
        and prev_word[:1].isupper() is False
        and prev_m.group(1)[:1].isupper()
        and re.fullmatch(r"\d+", bare)
        and not _count_noun_follows(after)
        and not re.search(r"[.!?:]\s*\S+\s*$", before)
    ):
        # "Rescue 1122", "Resolution 2254": a capitalised word then a bare number
        return "name"
    if re.fullmatch(r"[a-z]+", bare.lower()) and prev_word in words["definite_before"] and m.value < 20:
        return "reference"
    if bare.lower() == "one" or (bare.lower() in ("two",) and next_word == "opinions"):
        return "reference"
    return "count"


_COUNT_NOUN = re.compile(r"^\s+(?:[A-Z][\w-]*\s+)*([A-Za-z][\w-]*s)\b")
_NOT_COUNTED_AFTER_YEAR = frozenset(
    {"onwards", "levels", "elections", "figures", "numbers", "rates", "prices", "floods", "earthquakes", "talks",
     "protests", "rules", "laws", "policies", "plans", "guidelines", "lists", "results", "statistics", "is", "was", "census", "its", "this"}
)  # fmt: skip


def _count_noun_follows(after: str) -> bool:
    """True when a plural word follows ("2000 people"), so a year-like number is a count ("2024 levels" is not)."""
    if re.match(r"^\s+(?:more\s+|other\s+)?(?:people|children|men|women|police|staff|personnel)\b", after, re.I):
        return True
    m = _COUNT_NOUN.match(after)
    return bool(m) and m.group(1).lower() not in _NOT_COUNTED_AFTER_YEAR
