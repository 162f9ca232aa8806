"""What the dashboard pages show, shaped from library records: highlights, links, labels and charts.

Nothing here produces HTML from text: templates autoescape every value. The one exception is
chart SVG, drawn by :func:`sitrep.report.chart_svg` from numbers, dates and labels that
matplotlib escapes itself.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from sitrep.records import INDICATORS, Article
from sitrep.report import (
    INDICATOR_LABELS,
    MEASURE_LABELS,
    QUALIFIER_WORDS,
    STATUS_LABELS,
    chart_lines,
    chart_svg,
    display_name,
)
from sitrep.series import Picture, Point, Series

# ------------------------------------------------------------------ evidence links and highlights


def sentence_span(text: str, sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where ``sentence`` sits in ``text`` around the span ``start:end`` (a number or a quote in it).

    Falls back to the first occurrence, then to the span itself, so a link always highlights something.
    """
    n = len(sentence)
    if n:
        at = text.rfind(sentence, max(0, end - n), start + n)
        if at < 0:
            at = text.find(sentence)
        if at >= 0:
            return at, at + n
    return start, end


def evidence_href(article_id: str | None, span: tuple[int, int]) -> str:
    return f"/articles/{article_id}?highlight={span[0]}-{span[1]}#hl"


def parse_highlight(value: str | None, length: int) -> tuple[int, int] | None:
    """``"120-245"`` as a range of an article of ``length`` characters; None when absent."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value.strip())
    if not m:
        raise ValueError(f"highlight {value!r} is not START-END, e.g. ?highlight=120-245")
    start, end = int(m.group(1)), int(m.group(2))
    if not 0 <= start < end <= length:
        raise ValueError(f"highlight {value!r} is outside the article's {length:,} characters")
    return start, end


@dataclass(frozen=True)
class Run:
    text: str
    marked: bool = False
    first_mark: bool = False  # the run where the highlight starts carries id="hl"


@dataclass(frozen=True)
class SegmentView:
    kind: str
    title: str | None
    paragraphs: tuple[tuple[Run, ...], ...]


def article_runs(article: Article, highlight: tuple[int, int] | None) -> list[SegmentView]:
    """The cleaned text cut into its segments (main story, appended stories), paragraphs, and runs
    inside and outside the highlight. Only the blank lines between paragraphs are left out, so
    every other character keeps its offset."""
    text = article.text
    segments = sorted(article.segments, key=lambda s: s.start)
    if not segments:
        return [SegmentView("main", None, _paragraphs(text, 0, len(text), highlight))]
    starts = [0] + [s.start for s in segments[1:]]  # the break between two segments ends the first
    ends = [*starts[1:], len(text)]
    return [
        SegmentView(s.kind, s.title, _paragraphs(text, a, b, highlight))
        for s, a, b in zip(segments, starts, ends, strict=True)
    ]


def _paragraphs(text: str, start: int, end: int, highlight: tuple[int, int] | None) -> tuple[tuple[Run, ...], ...]:
    cuts = sorted({start, end, *(min(max(x, start), end) for x in (highlight or ()))})
    paragraphs: list[list[Run]] = [[]]
    for a, b in itertools.pairwise(cuts):
        inside = highlight is not None and highlight[0] <= a and b <= highlight[1]
        first = inside and highlight is not None and a == highlight[0]  # this run opens the highlight
        for n, part in enumerate(re.split(r"\n[ \t]*\n", text[a:b])):
            if n:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Run(part, inside, first))
                first = False
    return tuple(tuple(p) for p in paragraphs if p)


# ------------------------------------------------------------------ labels


def shown(value: int, qualifier: str) -> str:
    """A number as a reader says it: "over 1,100,000"."""
    return f"{QUALIFIER_WORDS.get(qualifier, '')} {value:,}".strip()


def indicator_label(indicator: str) -> str:
    return INDICATOR_LABELS.get(indicator, indicator)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def measure_label(measure: str) -> str:
    return MEASURE_LABELS.get(measure, measure)


# ------------------------------------------------------------------ the latest picture and its charts


@dataclass(frozen=True)
class LatestRow:
    value: str
    date: str
    by_publication: bool
    source: str
    outlet: str | None
    href: str | None


@dataclass(frozen=True)
class Headline:
    indicator: str
    label: str
    qualifiers: str
    low: str
    high: str
    low_sources: str
    high_sources: str
    latest: tuple[LatestRow, ...]
    chart: Markup | None
    points: int


def headlines(pictures: list[Picture], series: list[Series], articles: dict[str, Article]) -> list[Headline]:
    """One card per indicator, status and measure, in the order of the indicator vocabulary."""
    order = {name: n for n, name in enumerate(INDICATORS)}
    out = []
    for n, p in enumerate(sorted(pictures, key=lambda p: (order.get(p.indicator, 99), p.status, p.measure))):
        title = f"{indicator_label(p.indicator)}: {status_label(p.status)} · {measure_label(p.measure)}"
        lines = chart_lines((p.indicator, p.status, p.measure), series)
        points = sum(len(v) for v in lines.values())
        low = next(x for x in p.latest if x.value == p.low)
        high = next(x for x in p.latest if x.value == p.high)
        out.append(
            Headline(
                p.indicator, indicator_label(p.indicator), f"{status_label(p.status)} · {measure_label(p.measure)}",
                shown(low.value, low.qualifier), shown(high.value, high.qualifier),
                ", ".join(display_name(s) for s in p.low_sources), ", ".join(display_name(s) for s in p.high_sources),
                tuple(_latest_row(x, articles) for x in p.latest),
                inline_chart(title, lines, f"chart{n}") if points > 1 else None, points,
            )
        )  # fmt: skip
    return out


def _latest_row(p: Point, articles: dict[str, Article]) -> LatestRow:
    article = articles.get(p.article_id or "")
    href = None
    if article is not None:
        at = article.text.find(p.sentence) if p.sentence else -1
        href = evidence_href(article.id, (at, at + len(p.sentence))) if at >= 0 else f"/articles/{article.id}"
    return LatestRow(shown(p.value, p.qualifier), p.date or "undated", p.dated_by_publication,
                     display_name(p.source), p.outlet, href)  # fmt: skip


Lines = dict[str, list[tuple[dt.date, int]]]


_DRAWING = threading.Lock()  # chart_svg sets matplotlib's global rcParams while it draws


_CHARTS: OrderedDict[tuple[object, ...], str] = OrderedDict()
_MAX_CHARTS = 256


def _svg(title: str, lines: tuple[tuple[str, tuple[tuple[dt.date, int], ...]], ...]) -> str:
    """The chart's SVG without its XML prolog and metadata; cached, since drawing takes ~50 ms.

    The cache is checked again under the drawing lock, so 50 requests arriving together for a
    cold overview draw each chart once, not 50 times in a row (they timed out under load).
    """
    key = (title, lines)
    cached = _CHARTS.get(key)
    if cached is not None:
        return cached
    with _DRAWING:
        cached = _CHARTS.get(key)
        if cached is None:
            svg = chart_svg(title, {name: list(points) for name, points in lines}, text_as_text=True)
            svg = svg[svg.index("<svg") :]
            cached = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
            _CHARTS[key] = cached
            while len(_CHARTS) > _MAX_CHARTS:
                _CHARTS.popitem(last=False)
    return cached


def inline_chart(title: str, lines: Lines, prefix: str) -> Markup:
    """SVG markup fit to inline beside other charts: its ids prefixed, labelled for screen readers."""
    svg = _svg(title, tuple((name, tuple(points)) for name, points in lines.items()))
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(title)}" ', 1)
    return Markup(svg)


def group_by(items: list[Any], key: Any) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return out
