"""Dates: parse absolute dates and resolve relative ones against a publication date.

A resolved date is an ISO string only as precise as the text: ``2025``, ``2025-04`` or
``2025-04-18``. ``find_dates`` returns every date expression of a sentence with the word
that governs it (``since``, ``until``, ``in``...), which :mod:`sitrep.figures` turns into a
figure's ``as_of`` or ``since``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from functools import cache

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": 3, "few": 3}

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_W = "|".join(WEEKDAYS)
_N = r"\d{1,2}|" + "|".join(NUMBER_WORDS)

_PATTERNS: list[tuple[str, str]] = [
    (
        "now",
        r"\b(?:as\s+of\s+(?:today|now|date)|so\s+far|to\s+date|till\s+date|until\s+now|thus\s+far|as\s+things\s+stand"
        r"|currently|at\s+present|presently|(?<!until\s)(?<!as\s)(?<!of\s)now(?!\s+that))\b",
    ),
    ("dmy", rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_M})\.?,?\s+(?P<y1>(?:19|20)\d\d)\b"),
    ("mdy", rf"\b(?P<m2>{_M})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)\b"),
    ("my", rf"\b(?P<m3>{_M})\.?,?\s+(?:of\s+)?(?P<y3>(?:19|20)\d\d)\b"),
    ("m_rel", rf"\b(?P<m4>{_M})\.?\s+(?P<rel4>last|this|next)\s+year\b"),
    ("md_rel", rf"\b(?P<m5>{_M})\.?\s+(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<rel5>last|this|next)\s+year\b"),
    ("dm_rel", rf"\b(?P<d6>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m6>{_M})\.?\s+(?P<rel6>last|this|next)\s+year\b"),
    # a day range in one month is one span: "Sept 14-20", "1–7 July" (the count holds at its end)
    (
        "md",
        rf"\b(?P<m7>{_M})\.?\s+(?P<d7a>\d{{1,2}}\s*[-–]\s*)?(?P<d7>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)",
    ),
    (
        "dm",
        rf"\b(?P<d8a>(?<=between\s)\d{{1,2}}\s+and\s+|\d{{1,2}}\s*[-–]\s*)?(?P<d8>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m8>{_M})\b\.?(?!,?\s*(?:19|20)\d\d)",
    ),
    ("m", rf"\b(?P<m9>{_M})\b\.?(?!\s*\d)(?!\s+(?:last|this|next)\s+year)"),
    (
        "year_rel",
        r"\b(?P<part>earlier|later|late|early|end\s+of|start\s+of)?\s*(?:this|the\s+current)\s+year\b|\b(?P<rel10>last|next|previous|past)\s+year\b",
    ),
    ("month_rel", r"\b(?P<rel11>last|this|next|previous|past)\s+month\b"),
    ("weekend", r"\b(?P<rel16>last|this|past|previous)\s+weekend\b"),
    ("week_rel", r"\b(?P<rel12>last|this|next|previous|past)\s+week\b"),
    (
        "past_n",
        rf"\b(?:in\s+|over\s+|during\s+)?the\s+(?:past|last|previous)\s+(?P<n13>{_N})\s+(?P<u13>days?|weeks?|months?|years?)\b",
    ),
    ("n_ago", rf"\b(?P<n14>{_N})\s+(?P<u14>days?|weeks?|months?|years?)\s+ago\b"),
    ("weekday", rf"\b(?:last\s+|this\s+)?(?P<wd>{_W})\b"),
    ("today", r"\b(?P<td>today|yesterday|tonight|this\s+(?:morning|afternoon|evening))\b"),
    # a live blog's clock: "had crossed by 8am", "by 4 p.m." is the day of publication
    ("clock", r"\bby\s+(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|noon|midday|nightfall)(?!\w)"),
    (
        "part_year",
        r"\b(?:in\s+)?the\s+(?P<which>first|second)\s+(?:(?P<nm>\w+)\s+months|half)\s+of\s+(?P<y17>(?:19|20)\d\d)\b",
    ),
    ("year_edge", r"\b(?:the\s+)?(?P<edge>start|beginning|end)\s+of\s+(?P<y18>(?:19|20)\d\d)\b"),
    ("year", r"(?<![\d,.])(?P<y15>(?:19|20)\d\d)(?!,?\d|s\b)"),
]
_DATE_RE = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS), re.IGNORECASE)
_ANCHOR_RE = re.compile(
    r"\b(since|until|till|up\s+to|before|by|as\s+(?:of|on)|from|in|on|during|after|between|at\s+the\s+end\s+of|by\s+the\s+end\s+of)\s+(?:the\s+)?(?:end\s+of\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a text: ``value`` is the ISO date at the text's precision."""

    start: int
    end: int
    text: str
    value: str | None
    anchor: str | None  # the preposition in front ("since", "until", "in", ...), lower-case
    kind: str  # "now", "absolute", "relative", "past_n"
    span_since: str | None = None  # for "in the past two weeks": the start of the period


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _month_year(month: int, pub: dt.date) -> int:
    """Year of a month named without one: the latest not after publication."""
    return pub.year if month <= pub.month else pub.year - 1


def _shift(pub: dt.date, n: int, unit: str) -> dt.date:
    unit = unit.rstrip("s")
    if unit == "day":
        return pub - dt.timedelta(days=n)
    if unit == "week":
        return pub - dt.timedelta(weeks=n)
    if unit == "month":
        y, m = divmod(pub.year * 12 + pub.month - 1 - n, 12)
        return dt.date(y, m + 1, 1)
    return dt.date(pub.year - n, pub.month, 1)


_HINT = re.compile(
    rf"\d|\b(?:{_M}|{_W}|year|month|week|weekend|today|yesterday|tonight|far|date|now|currently|present|presently"
    r"|morning|afternoon|evening|noon|midday|nightfall)",
    re.IGNORECASE,
)


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published`` (YYYY-MM-DD) if given."""
    if not _HINT.search(text):
        return []
    return list(_find_dates(text, published))


@functools.lru_cache(maxsize=256)  # reuse within an article, not across a corpus
def _find_dates(text: str, published: str | None) -> tuple[DateMention, ...]:
    pub = dt.date.fromisoformat(published[:10]) if published and len(published) >= 10 else None
    out: list[DateMention] = []
    for m in _DATE_RE.finditer(text):
        kind = m.lastgroup or ""
        g = m.groupdict()
        value, span_since, category = _resolve(kind, g, pub)
        if category == "skip":
            continue
        anchor_m = _ANCHOR_RE.search(text, max(0, m.start() - 30), m.start())
        anchor = " ".join(anchor_m.group(1).lower().split()) if anchor_m else None
        anchor = "as of" if anchor == "as on" else anchor  # "the position as on November 30" (Pakistani usage)
        if kind == "m" and not _month_alone_ok(text, m):
            continue
        if anchor == "since" and kind in ("md", "dm") and pub and value and value > pub.isoformat():
            y, mo, d = (int(p) for p in value.split("-"))  # "arrests since October 31", written in July: last year's
            value = _iso(y - 1, mo, d) if _valid(y - 1, mo, d) else None
        out.append(DateMention(m.start(), m.end(), m.group(0), value, anchor, category, span_since))
    return tuple(out)


_MONTH_LEAD = re.compile(
    r"\b(?:in|since|until|till|by|from|during|early|late|mid|last|this|of|before|after|between|and|through)\s+$",
    re.IGNORECASE,
)


def _month_alone_ok(text: str, m: re.Match[str]) -> bool:
    """A bare month name is a date only when capitalised and led by a preposition ("In January")."""
    word = m.group(0)
    return word[:1].isupper() and bool(_MONTH_LEAD.search(text, max(0, m.start() - 12), m.start()))


def _resolve(kind: str, g: dict[str, str | None], pub: dt.date | None) -> tuple[str | None, str | None, str]:
    """(value, span_since, category) for one match; category "skip" drops it."""

    def month(key: str) -> int:
        return MONTHS[(g[key] or "").lower().rstrip(".")]

    if kind == "now":
        return (pub.isoformat() if pub else None), None, "now"
    if kind in ("dmy", "mdy"):
        k = "1" if kind == "dmy" else "2"
        y, mo, d = int(g["y" + k] or 0), month("m" + k), int(g["d" + k] or 0)
        return (_iso(y, mo, d) if _valid(y, mo, d) else None), None, "absolute"
    if kind == "my":
        return _iso(int(g["y3"] or 0), month("m3")), None, "absolute"
    if kind in ("m_rel", "md_rel", "dm_rel"):
        k = {"m_rel": "4", "md_rel": "5", "dm_rel": "6"}[kind]
        if not pub:
            return None, None, "relative"
        y = pub.year + {"last": -1, "this": 0, "next": 1}[(g["rel" + k] or "").lower()]
        d = g.get("d" + k)
        mo = month("m" + k)
        if d and _valid(y, mo, int(d)):
            return _iso(y, mo, int(d)), None, "relative"
        return _iso(y, mo), None, "relative"
    if kind in ("md", "dm"):
        k = "7" if kind == "md" else "8"
        mo, d = month("m" + k), int(g["d" + k] or 0)
        if not pub or not 1 <= d <= 31:
            return None, None, "relative"
        y = _month_year(mo, pub) if (mo, d) <= (pub.month, pub.day) or mo < pub.month else pub.year
        if (mo, d) > (pub.month, pub.day):
            # a date ahead of publication in the same year is a deadline ("by 1 November")
            y = pub.year
        first = int(re.sub(r"\D", "", g["d" + k + "a"] or "") or 0)
        since = _iso(y, mo, first) if 1 <= first < d and _valid(y, mo, first) else None
        return (_iso(y, mo, d) if _valid(y, mo, d) else None), since, "relative"
    if kind == "m":
        mo = month("m9")
        return (_iso(_month_year(mo, pub), mo) if pub else None), None, "relative"
    if kind == "year_rel":
        if not pub:
            return None, None, "relative"
        rel = (g.get("rel10") or "this").lower()
        return _iso(pub.year + {"last": -1, "previous": -1, "past": -1, "next": 1, "this": 0}[rel]), None, "relative"
    if kind == "month_rel":
        if not pub:
            return None, None, "relative"
        rel = (g["rel11"] or "").lower()
        shift = {"last": 1, "previous": 1, "past": 1, "this": 0, "next": -1}[rel]
        d = _shift(pub, shift, "month")
        return _iso(d.year, d.month), None, "relative"
    if kind == "weekend":
        if not pub:
            return None, None, "relative"
        back = pub.weekday() + 1 if (g["rel16"] or "").lower() != "this" else pub.weekday() - 6
        sunday = pub - dt.timedelta(days=back if back > 0 else 7)
        return f"{(sunday - dt.timedelta(days=1)).isoformat()}/{sunday.isoformat()}", None, "relative"
    if kind == "week_rel":
        if not pub:
            return None, None, "relative"
        rel = (g["rel12"] or "").lower()
        if rel in ("past", "this"):
            return pub.isoformat(), None, "relative"  # "in the past week": up to publication
        d = pub - dt.timedelta(weeks=1 if rel in ("last", "previous") else 0)
        return _iso(d.year, d.month), None, "relative"
    if kind in ("past_n", "n_ago"):
        k = "13" if kind == "past_n" else "14"
        raw_n = (g["n" + k] or "").lower()
        n = int(raw_n) if raw_n.isdigit() else NUMBER_WORDS.get(raw_n, 1)
        if not pub:
            return None, None, kind
        start = _shift(pub, n, g["u" + k] or "day")
        if kind == "past_n":
            return pub.isoformat(), start.isoformat(), "past_n"
        return start.isoformat(), None, "relative"
    if kind == "weekday":
        if not pub:
            return None, None, "relative"
        wd = WEEKDAYS[(g["wd"] or "").lower()]
        d = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
        return d.isoformat(), None, "relative"
    if kind == "clock":
        return (pub.isoformat() if pub else None), None, "relative"
    if kind == "today":
        if not pub:
            return None, None, "relative"
        word = " ".join((g["td"] or "").lower().split())
        d = pub - dt.timedelta(days=1 if word == "yesterday" else 0)
        return d.isoformat(), None, "relative"
    if kind == "part_year":
        y = int(g["y17"] or 0)
        months = NUMBER_WORDS.get((g["nm"] or "").lower()) or {"three": 3, "six": 6, "nine": 9}.get(
            (g["nm"] or "").lower(), 6
        )
        first = (g["which"] or "").lower() == "first"
        end = months if first else 12
        start = 1 if first else 13 - months
        return _iso(y, end), _iso(y, start), "absolute"  # "in the first six months of 2025": 2025-01 to 2025-06
    if kind == "year_edge":
        return _iso(int(g["y18"] or 0), 12 if (g["edge"] or "").lower() == "end" else 1), None, "absolute"
    if kind == "year":
        return g["y15"], None, "absolute"
    return None, None, "skip"


@cache
def parse_date(text: str | None) -> str | None:
    """An absolute date in any common format as ``YYYY-MM-DD``, or ``None``.

    Fast paths handle ISO and "09 January 2026"; anything else goes to dateparser.
    """
    if not text:
        return None
    text = text.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m and _valid(int(m[1]), int(m[2]), int(m[3])):
        return f"{m[1]}-{m[2]}-{m[3]}"
    for found in find_dates(text, None):
        if found.kind == "absolute" and found.value and len(found.value) == 10:
            return found.value
    import dateparser

    parsed = dateparser.parse(
        text[:100], languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date().isoformat() if parsed else None


def at_precision(value: str | None, reference: str | None) -> str | None:
    """``value`` truncated to the precision of ``reference`` ("2023-10-04", "2023-10" -> "2023-10")."""
    if value is None or reference is None:
        return value
    return value[: len(reference)]
