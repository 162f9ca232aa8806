"""The SQL both store backends share, written once for a small :class:`Dialect`.

- :func:`figure_query`: the figures of a :class:`FigureFilter`, in the store's order;
- :func:`series_query`: the figures of series points (:func:`sitrep.series.stored_series`);
- :func:`read_flag_candidates`: the few figures a contradiction check can involve
  (:func:`sitrep.contradictions.stored_flags`).

The last two lean on the :class:`Marks` the store keeps beside each figure (computed by
:mod:`sitrep.marks` when the figure is stored), so that neither reads a million figures.

Every figure list is in the store's order (:data:`FIGURE_ORDER`): by indicator, date, value
and then article, offset and id, so that a list narrowed in SQL keeps the order the same
figures have in the whole list, and so the results that depend on it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sitrep.records import Article, Event, Figure, Quote

Row = tuple[Figure, dict[str, Any]]
Fetch = Callable[[str, list[Any]], list[tuple[Any, ...]]]  # a backend's query: SQL and arguments -> rows


@dataclass(frozen=True)
class FigureFilter:
    """Filters of ``sitrep figures``; ``None`` means any."""

    indicator: str | None = None
    source: str | None = None
    status: str | None = None
    since: str | None = None  # as_of (or publication date) on or after
    until: str | None = None  # as_of (or publication date) on or before
    article: str | None = None
    on_topic_only: bool = True


@dataclass(frozen=True)
class SeriesFilter:
    """Filters of ``sitrep series``; ``None`` means any."""

    indicator: str | None = None
    status: str | None = None
    source: str | None = None
    location: str | None = None
    include_vague: bool = False


@dataclass(frozen=True)
class Dialect:
    """What differs between the SQL of the two backends."""

    param: str = "?"
    like: str = "LIKE"
    collate: str = ""  # appended to text comparisons
    nulls_first: str = ""  # SQLite sorts NULL first already
    true: str = "1=1"
    rowid: str = "rowid"  # a cheap key of a figure row
    articles: str = " INDEXED BY articles_meta"  # else SQLite takes the primary key's index, and reads each row


HEADLINE, PARTS, SAME_DATE, FALLING = 1, 2, 4, 8  # bits of Marks.flagged
REPEAT, REPEAT_CLEAR = 1, 2  # bits of Marks.repeats


class Marks(NamedTuple):
    """What the store keeps beside each figure (the names are its columns), computed by
    :func:`sitrep.marks.figure_marks` when the figure is stored."""

    measure: str  # cumulative, period or stock: series.measure_of
    group_key: str  # the figures it is compared with: contradictions._group_key, as JSON
    dated: str | None  # as_of, else the article's publication date
    # HEADLINE: in a headline/body mismatch of its article; PARTS: in a sentence whose parts exceed its total;
    # set by the store (see mark_groups): SAME_DATE: in a group of figures for one date that may conflict;
    # FALLING: in a running total where a figure is below one before it
    flagged: int
    # REPEAT: an earlier figure of its article makes the same series point; REPEAT_CLEAR: the same, vague ones left out
    repeats: int


ARTICLE_COLUMNS = {"article_title": "a.title", "outlet": "a.outlet", "published": "a.published", "url": "a.url"}
_FIGURE_FIELDS = tuple(Figure.__dataclass_fields__)
# A figure row: the record's fields in order, its article's metadata, then its id, date and flags.
FIGURE_ROW = ", ".join(
    [*(f'f."{n}"' for n in _FIGURE_FIELDS), *ARTICLE_COLUMNS.values(), "f.id", "f.dated", "f.flagged"]
)
FIGURE_ID, _DATED, _FLAGGED = (len(_FIGURE_FIELDS) + len(ARTICLE_COLUMNS) + i for i in range(3))
_BOOLS = tuple(_FIGURE_FIELDS.index(n) for n in ("on_topic", "malformed", "vague"))  # stored as 0 or 1
_FROM = "FROM figures f JOIN articles a{index} ON a.id = f.article_id"
# The store's order of figures. figure_order_key is the same order in Python.
FIGURE_ORDER = "f.indicator{c}, f.dated{c}{n}, f.value, f.article_id{c}, f.start, f.id{c}"
# An eligible figure of a comparison: on the story's topic, a clear number.
_COUNTABLE = "f.on_topic = 1 AND f.vague = 0 AND f.malformed = 0"


def figure_query(
    flt: FigureFilter, dialect: Dialect = Dialect(), prefix: str | None = None, among: str | None = None
) -> tuple[str, list[Any]]:
    """The SELECT of ``Store.figures`` for ``flt`` and its arguments, in ``dialect``; ``among``:
    a subquery of the ids the figures must be in."""
    p, c = dialect.param, dialect.collate
    where, args = [dialect.true], []
    for column, value in (("f.indicator", flt.indicator), ("f.source", flt.source), ("f.status", flt.status)):
        if value is not None:
            where.append(f"{column} = {p}")
            args.append(value)
    if flt.article:
        where.append(f"f.article_id {dialect.like} {p}")
        args.append(prefix if prefix is not None else flt.article + "%")
    if flt.since:
        where.append(f"COALESCE(f.as_of, a.published){c} >= {p}")
        args.append(flt.since)
    if flt.until:
        where.append(f"substr(COALESCE(f.as_of, a.published), 1, length({p})){c} <= {p}")
        args.extend([flt.until, flt.until])
    if flt.on_topic_only:
        where.append("f.on_topic = 1")
    if among is not None:
        where.append(f"f.id IN ({among})")
    sql = (
        f"SELECT {FIGURE_ROW} {_FROM.format(index=dialect.articles)} WHERE {' AND '.join(where)} "
        f"ORDER BY {FIGURE_ORDER.format(c=c, n=dialect.nulls_first)}"
    )
    return sql, args


# What series_query returns of each figure: its series key, then what its point shows.
SERIES_COLUMNS = ("f.indicator", "f.status", "f.location", "f.measure", "f.source", "f.value", "f.qualifier", "f.as_of",
                  "a.published", "f.via", "f.article_id", "f.sentence", "a.outlet", "a.url", "f.text", "f.since")  # fmt: skip


def series_query(flt: SeriesFilter, dialect: Dialect = Dialect()) -> tuple[str, list[Any]]:
    """The figures of the points of ``flt``'s series, in the store's order: on topic, clear,
    and the first of those that restate a point of their article (as series.build_series keeps)."""
    where = ["f.on_topic = 1", "f.malformed = 0"]
    where.append(
        f"f.repeats & {REPEAT} = 0" if flt.include_vague else f"f.vague = 0 AND f.repeats & {REPEAT_CLEAR} = 0"
    )
    args = []
    for column, value in (("f.indicator", flt.indicator), ("f.status", flt.status), ("f.source", flt.source),
                          ("f.location", flt.location)):  # fmt: skip
        if value is not None:
            where.append(f"{column} = {dialect.param}")
            args.append(value)
    sql = (
        f"SELECT {', '.join(SERIES_COLUMNS)} {_FROM.format(index=dialect.articles)} WHERE {' AND '.join(where)} "
        f"ORDER BY {FIGURE_ORDER.format(c=dialect.collate, n=dialect.nulls_first)}"
    )
    return sql, args


def dated(fig: Figure, published: str | None) -> str | None:
    """The date of a figure in series and checks: its as_of, else its article's publication date."""
    return fig.as_of or published or None


def figure_order_key(fig: Figure, date: str | None, figure_id: str) -> tuple[Any, ...]:
    """:data:`FIGURE_ORDER` in Python (code-point order is SQLite's and PostgreSQL's "C" order),
    for a figure dated ``date``."""
    return (fig.indicator, date is not None, date or "", fig.value, fig.article_id, fig.start, figure_id)


def figure_from_row(row: Sequence[Any]) -> tuple[Figure, dict[str, Any]]:
    """A stored figure row (:data:`FIGURE_ROW`) as a record and its article's metadata."""
    values = list(row[: len(_FIGURE_FIELDS)])
    for i in _BOOLS:
        values[i] = bool(values[i])
    return Figure(*values), dict(zip(ARTICLE_COLUMNS, row[len(_FIGURE_FIELDS) : FIGURE_ID], strict=True))


_ORDER_FIELDS = tuple(_FIGURE_FIELDS.index(n) for n in ("indicator", "value", "article_id", "start"))


def _order_key_of(row: Sequence[Any]) -> tuple[Any, ...]:
    """:data:`FIGURE_ORDER` of a figure row (as figure_order_key)."""
    indicator, value, article_id, start = (row[i] for i in _ORDER_FIELDS)
    return (indicator, row[_DATED] is not None, row[_DATED] or "", value, article_id, start, row[FIGURE_ID])


def quote_from_row(data: dict[str, Any]) -> Quote:
    data.pop("id")
    data["on_topic"] = bool(data["on_topic"])
    return Quote.from_dict(data)


def event_from_row(data: dict[str, Any]) -> Event:
    data.pop("id")
    actors = data["actors"]
    data["actors"] = tuple(json.loads(actors) if isinstance(actors, str) else actors)
    data["on_topic"] = bool(data["on_topic"])
    return Event.from_dict(data)


# ---------------------------------------------------------------- narrowing the checks
#
# Each query below finds a superset of the figures one check of sitrep.contradictions can flag,
# and every figure of a group that check compares them in, so that running the check on them
# gives exactly the flags it gives on the whole store. The rules they restate are named in a
# comment; marks.rules_fingerprint() changes when one of them does.


@dataclass
class FlagCandidates:
    """What :func:`sitrep.contradictions.stored_flags` runs the checks on, in the store's order."""

    same_date: list[Row] = field(default_factory=list)  # every figure of a group with values that may conflict
    drops: list[tuple[Row, Row]] = field(default_factory=list)  # running totals whose value drops, in flag order
    malformed: list[Row] = field(default_factory=list)
    marked: list[tuple[Row, int]] = field(default_factory=list)  # figures with Marks.flagged bits, and the bits
    articles: list[Article] = field(default_factory=list)  # the text of the articles of HEADLINE figures


# contradictions.compatible() cannot hold for every pair of a group where this is false: either two
# values more than 10% apart (the slack absorbs rounding) with no "over" below and "up to" above,
# or two different values neither of which is approximate.
_MAY_CONFLICT = (
    "MIN(value) < 0"
    " OR MAX(CASE WHEN qualifier <> 'max' THEN value END) > 1.0999 * MIN(CASE WHEN qualifier <> 'min' THEN value END)"
    " OR MAX(CASE WHEN qualifier NOT IN ('max', 'approx') THEN value END)"
    " > MIN(CASE WHEN qualifier NOT IN ('min', 'approx') THEN value END)"
)


# contradictions.cumulative_decreases: the figures it puts in running totals, in its order
_RUNNING = f"f.measure = 'cumulative' AND {_COUNTABLE} AND f.source <> '' AND f.dated IS NOT NULL"
_RUNNING_ORDER = "f.group_key{c}, f.dated{c}, f.value, f.article_id{c}, f.start, f.id{c}"


def mark_groups(dialect: Dialect, article_id: str | None = None) -> list[tuple[str, list[Any]]]:
    """UPDATEs (and their arguments) that mark every figure of the groups a cross-article check
    can flag: SAME_DATE, the groups of contradictions.same_date_conflicts whose values may
    conflict; FALLING, the running totals of contradictions.cumulative_decreases where a figure
    is below one before it. With ``article_id``, only the groups that article's figures are in.

    The store runs them for each article it adds, so every such group stays marked: a group only
    comes to qualify when a figure joins it, and then never stops; a figure that joins a marked
    running total is marked as it joins. (Figures are added one article at a time: SQLite writes
    one transaction at a time, PgStore takes a lock.)
    """
    p, c, article = dialect.param, dialect.collate, article_id is not None
    dated = f" AND (f.group_key, f.as_of) IN (SELECT group_key, as_of FROM figures WHERE article_id = {p})"
    undated = f" AND f.article_id = {p}"
    countable = _COUNTABLE.replace("f.", "g.")
    same_date = (
        f"SELECT g.id FROM figures g JOIN (SELECT group_key, as_of FROM figures f WHERE {_COUNTABLE} AND f.as_of <> ''"
        f"{dated if article else ''} GROUP BY group_key, as_of HAVING {_MAY_CONFLICT}) c"
        f" ON g.group_key = c.group_key AND g.as_of = c.as_of WHERE {countable} AND g.as_of <> ''"
        f" UNION ALL SELECT g.id FROM figures g JOIN (SELECT article_id, group_key FROM figures f"
        f" WHERE f.dated IS NULL AND {_COUNTABLE}{undated if article else ''} GROUP BY article_id, group_key"
        f" HAVING {_MAY_CONFLICT}) c ON g.article_id = c.article_id AND g.group_key = c.group_key"
        f" WHERE g.dated IS NULL AND {countable}"
    )
    unmarked = f"{_RUNNING} AND f.flagged & {FALLING} = 0"
    joins_marked = (  # an article's running figures that join a marked running total
        f"SELECT f.id FROM figures f WHERE f.article_id = {p} AND {unmarked} AND EXISTS (SELECT 1 FROM figures g"
        f" WHERE g.group_key = f.group_key AND {_RUNNING.replace('f.', 'g.')} AND g.flagged & {FALLING} <> 0)"
    )
    touched = f" AND f.group_key IN (SELECT f.group_key FROM figures f WHERE f.article_id = {p} AND {unmarked})"
    falling = (
        f"SELECT f.id FROM figures f WHERE {unmarked} AND f.group_key IN (SELECT t.group_key FROM (SELECT f.group_key,"
        f" f.value, LAG(f.value) OVER (PARTITION BY f.group_key ORDER BY {_RUNNING_ORDER.format(c=c)}) AS prev"
        f" FROM figures f WHERE {_RUNNING}{touched if article else ''}) t WHERE t.value < t.prev)"
    )
    update = "UPDATE figures SET flagged = flagged | {bit} WHERE flagged & {bit} = 0 AND id IN ({ids})"
    if not article:
        return [(update.format(bit=SAME_DATE, ids=same_date), []), (update.format(bit=FALLING, ids=falling), [])]
    return [
        (update.format(bit=SAME_DATE, ids=same_date), [article_id, article_id]),
        (update.format(bit=FALLING, ids=joins_marked), [article_id]),
        (update.format(bit=FALLING, ids=falling), [article_id]),
    ]


def _flagged(bits: int) -> str:
    """Ids of the figures with one of ``bits`` in Marks.flagged (HEADLINE | PARTS, or SAME_DATE: the
    store has an index for each)."""
    return f"SELECT id FROM figures WHERE flagged & {bits} <> 0"


def read_flag_candidates(fetch: Fetch, dialect: Dialect, chunk: int = 2000) -> FlagCandidates:
    """The figures and articles each check can flag, read through ``fetch``."""

    def rows(flt: FigureFilter, among: str) -> list[tuple[Any, ...]]:
        return fetch(*figure_query(flt, dialect, among=among))

    out = FlagCandidates()
    out.same_date = [figure_from_row(r) for r in rows(FigureFilter(), _flagged(SAME_DATE))]
    malformed = rows(FigureFilter(on_topic_only=False), "SELECT id FROM figures WHERE malformed = 1")
    out.malformed = [figure_from_row(r) for r in malformed]
    out.marked = [(figure_from_row(r), r[_FLAGGED]) for r in rows(FigureFilter(), _flagged(HEADLINE | PARTS))]
    heads = f"SELECT article_id FROM figures WHERE flagged & {HEADLINE | PARTS} <> 0 AND flagged & {HEADLINE} <> 0"
    out.articles = [Article(id=i, text=t) for i, t in fetch(f"SELECT id, text FROM articles WHERE id IN ({heads})", [])]

    # Each falling running total, in order, from its index: each figure below the one before it.
    # A flag's place is that of its running total's first figure in the store's order, then its own.
    drops, firsts, prev = [], {}, (None, 0, None)
    rowid = f"f.{dialect.rowid}"
    sql = f"SELECT f.group_key, f.value, {rowid} FROM figures f WHERE {_RUNNING} AND f.flagged & {FALLING} <> 0"
    for key, value, row in fetch(f"{sql} ORDER BY {_RUNNING_ORDER.format(c=dialect.collate)}", []):
        if key != prev[0]:
            firsts[key] = row
        elif value < prev[1]:
            drops.append((key, prev[2], row))
        prev = (key, value, row)
    needed = {i for key, a, b in drops for i in (firsts[key], a, b)}
    select = f"SELECT {FIGURE_ROW}, {rowid} {_FROM.format(index=dialect.articles)}"
    found = {r[-1]: r for r in _by_id(fetch, select, rowid, needed, dialect, chunk)}
    drops.sort(key=lambda d: (_order_key_of(found[firsts[d[0]]]), _order_key_of(found[d[2]])))
    out.drops = [(figure_from_row(found[a]), figure_from_row(found[b])) for _, a, b in drops]
    return out


def _by_id(
    fetch: Fetch, select: str, column: str, ids: Iterable[Any], dialect: Dialect, chunk: int
) -> list[tuple[Any, ...]]:
    """Rows of ``select`` whose ``column`` is one of ``ids``, in chunks of ``chunk`` parameters."""
    ids = sorted(ids)
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        out.extend(fetch(f"{select} WHERE {column} IN ({', '.join([dialect.param] * len(part))})", part))
    return out
