"""Time series of figures per indicator, and the latest picture across sources.

Pure functions over ``(Figure, article metadata)`` rows as the store returns them. A point
is dated by its ``as_of`` or, failing that, by its article's publication date (flagged
``dated_by_publication``). Cumulative totals ("so far", "since 2023") are kept apart from
period counts ("last month", "on Tuesday") and from stocks (a population).

:func:`stored_series` gives what :func:`build_series` gives over a whole store, reading only
the columns a point shows of the figures it keeps.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from sitrep.records import Figure
from sitrep.store_sql import SeriesFilter

Measure = Literal["cumulative", "period", "stock"]
_CUMULATIVE = re.compile(
    r"\b(?:so far|to date|till date|since|in total|a total of|in all|altogether|overall|as of|until now|thus far|cumulative)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Point:
    value: int
    qualifier: str
    date: str | None  # as_of, or the article's publication date when the text gives none
    dated_by_publication: bool
    source: str | None
    via: str | None
    article_id: str | None
    sentence: str
    outlet: str | None = None
    url: str | None = None
    text: str = ""
    as_of: str | None = None
    since: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Series:
    """One line of a chart: one indicator, status, location, measure and source."""

    indicator: str
    status: str
    location: str | None
    measure: Measure
    source: str | None
    points: list[Point] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str | None, str, str | None]:
        return (self.indicator, self.status, self.location, self.measure, self.source)

    def as_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "status": self.status,
            "location": self.location,
            "measure": self.measure,
            "source": self.source,
            "points": [p.as_dict() for p in self.points],
        }


def measure_of(fig: Figure) -> Measure:
    """Whether a figure is a running total, a count over a period, or a stock of people."""
    if fig.indicator == "population":
        return "stock"
    if fig.since or _CUMULATIVE.search(fig.sentence):
        return "cumulative"
    return "period"


SeriesKey = tuple[str, str, str | None, str, str | None]


def series_key(fig: Figure) -> SeriesKey:
    """The series a figure belongs to: indicator, status, location, measure and source."""
    return (fig.indicator, fig.status, fig.location, measure_of(fig), fig.source)


def point_of(fig: Figure, meta: dict[str, Any]) -> Point:
    return Point(
        value=fig.value,
        qualifier=fig.qualifier,
        date=fig.as_of or meta.get("published"),
        dated_by_publication=fig.as_of is None,
        source=fig.source,
        via=fig.via,
        article_id=fig.article_id,
        sentence=fig.sentence,
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        text=fig.text,
        as_of=fig.as_of,
        since=fig.since,
    )


def build_series(
    rows: list[tuple[Figure, dict[str, Any]]],
    indicator: str | None = None,
    status: str | None = None,
    source: str | None = None,
    location: str | None = None,
    include_vague: bool = False,
) -> list[Series]:
    """Group on-topic figures into series ordered by date; vague and malformed figures stay out."""
    groups: dict[SeriesKey, list[Point]] = {}
    for fig, meta in rows:
        if not fig.on_topic or fig.malformed or (fig.vague and not include_vague):
            continue
        if (indicator and fig.indicator != indicator) or (status and fig.status != status):
            continue
        if (source and fig.source != source) or (location and fig.location != location):
            continue
        groups.setdefault(series_key(fig), []).append(point_of(fig, meta))
    return _in_order({k: _dedupe(sorted(p, key=lambda p: (p.date or "", p.value))) for k, p in groups.items()})


class _Store(Protocol):
    def series_values(self, flt: SeriesFilter) -> list[tuple[Any, ...]]: ...


def stored_series(
    store: _Store,
    indicator: str | None = None,
    status: str | None = None,
    source: str | None = None,
    location: str | None = None,
    include_vague: bool = False,
) -> list[Series]:
    """:func:`build_series` over every figure of ``store``, with the filters in SQL.

    The store returns one figure per point, in the order the points of a series take: it leaves
    out the figures that restate a point of their article (it marks them when it stores them:
    marks.figure_marks), and sorts by date and value as ``build_series`` does, ties in its order.
    """
    flt = SeriesFilter(indicator or None, status or None, source or None, location or None, include_vague)
    groups: dict[SeriesKey, list[Point]] = {}
    for r in store.series_values(flt):  # store_sql.SERIES_COLUMNS: the series key, then the point
        key, (value, qualifier, as_of, published, via, article_id, sentence, outlet, url, text, since) = r[:5], r[5:]
        point = Point(value, qualifier, as_of or published, as_of is None, key[4], via, article_id, sentence, outlet,
                      url, text, as_of, since)  # fmt: skip
        groups.setdefault(key, []).append(point)
    return _in_order(groups)


def _in_order(groups: dict[SeriesKey, list[Point]]) -> list[Series]:
    series = (Series(*key, points=points) for key, points in groups.items())
    return sorted(series, key=lambda s: (s.indicator, s.status, s.measure, s.source or ""))


def _dedupe(points: list[Point]) -> list[Point]:
    """The same value on the same date from the same source is one point (a headline restating its body)."""
    seen: set[tuple[int, str | None, str | None]] = set()
    out = []
    for p in points:
        key = (p.value, p.date, p.article_id)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


@dataclass(frozen=True)
class Picture:
    """Where one indicator stands: the latest value per source and the range across them."""

    indicator: str
    status: str
    measure: str
    latest: tuple[Point, ...]
    low: int
    high: int
    low_sources: tuple[str, ...]
    high_sources: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "status": self.status,
            "measure": self.measure,
            "latest": [p.as_dict() for p in self.latest],
            "range": {"low": self.low, "high": self.high, "low_sources": list(self.low_sources),
                      "high_sources": list(self.high_sources)},
        }  # fmt: skip


def latest_picture(series: list[Series]) -> list[Picture]:
    """Per indicator, status and measure: each source's most recent value and the range across sources."""
    by_key: dict[tuple[str, str, str], list[Point]] = defaultdict(list)
    for s in series:
        if s.points:
            by_key[(s.indicator, s.status, s.measure)].append(s.points[-1])
    out = []
    for (indicator, status, measure), points in sorted(by_key.items()):
        points.sort(key=lambda p: (p.date or "", p.value), reverse=True)
        low = min(p.value for p in points)
        high = max(p.value for p in points)
        name = lambda p: p.source or "unattributed"  # noqa: E731
        out.append(
            Picture(
                indicator, status, measure, tuple(points), low, high,
                tuple(sorted({name(p) for p in points if p.value == low})),
                tuple(sorted({name(p) for p in points if p.value == high})),
            )
        )  # fmt: skip
    return out
