"""The store: SQLite behind a narrow interface.

Every ingest of an article is one transaction; article ids are content hashes, so storing
the same article twice is a no-op. Schema changes are named migrations applied in order.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.records import Article, Event, Extraction, Figure, Quote

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY, title TEXT, url TEXT, outlet TEXT, published TEXT,
            published_from TEXT, path TEXT, dateline TEXT, text TEXT NOT NULL,
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE TABLE segments (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            n INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            kind TEXT NOT NULL, title TEXT, PRIMARY KEY (article_id, n)
        );
        CREATE TABLE figures (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            value INTEGER NOT NULL, text TEXT NOT NULL, qualifier TEXT NOT NULL, counted TEXT,
            indicator TEXT NOT NULL, status TEXT NOT NULL, as_of TEXT, since TEXT, source TEXT,
            via TEXT, location TEXT, on_topic INTEGER NOT NULL, malformed INTEGER NOT NULL,
            vague INTEGER NOT NULL, sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX figures_indicator ON figures(indicator, status, as_of);
        CREATE INDEX figures_article ON figures(article_id);
        CREATE TABLE quotes (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            quote TEXT NOT NULL, speaker TEXT, speaker_role TEXT, sentence TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, on_topic INTEGER NOT NULL
        );
        CREATE INDEX quotes_article ON quotes(article_id);
        """,
    ),
    (
        "0002_events",
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            type TEXT NOT NULL, date TEXT, actors TEXT NOT NULL, trigger TEXT NOT NULL, plover TEXT,
            sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, on_topic INTEGER NOT NULL
        );
        CREATE INDEX events_date ON events(date, type);
        """,
    ),
]

FIGURE_COLUMNS = ("value", "text", "qualifier", "counted", "indicator", "status", "as_of", "since", "source",
                  "via", "location", "on_topic", "malformed", "vague", "sentence", "start", "end", "article_id")  # fmt: skip
QUOTE_COLUMNS = ("quote", "speaker", "speaker_role", "sentence", "start", "end", "on_topic", "article_id")


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


def _row_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]


class Store:
    """A sitrep database. ``Store(":memory:")`` for tests, a file path otherwise."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                _enable_wal(self.db)
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}; check the path or pass --db") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _applied(self) -> set[str]:
        try:
            return {r[0] for r in self.db.execute("SELECT name FROM migrations")}
        except sqlite3.OperationalError:
            return set()  # a new store: no migrations table yet

    def _migrate(self) -> None:
        if self._applied() >= {name for name, _ in MIGRATIONS}:
            return  # the common case, without taking the write lock
        # Read what is applied inside the write transaction: two ingests opening a new store
        # at once must not both run 0001 ("table articles already exists").
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
            )
            done = self._applied()
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self.db.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------ writing

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add(self, extraction: Extraction) -> bool:
        """Store one article with its figures and quotes in one transaction; False if already stored."""
        a = extraction.article
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if self.has_article(a.id):
                    self.db.execute("ROLLBACK")
                    return False
                self.db.execute(
                    "INSERT INTO articles(id, title, url, outlet, published, published_from, path, dateline, text)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (a.id, a.title, a.url, a.outlet, a.published, a.published_from, a.path, a.dateline, a.text),
                )
                self.db.executemany(
                    'INSERT INTO segments(article_id, n, start, "end", kind, title) VALUES (?,?,?,?,?,?)',
                    [(a.id, n, s.start, s.end, s.kind, s.title) for n, s in enumerate(a.segments)],
                )
                cols = ", ".join(f'"{c}"' for c in FIGURE_COLUMNS)
                self.db.executemany(
                    f"INSERT OR IGNORE INTO figures(id, {cols}) VALUES ({', '.join('?' * (len(FIGURE_COLUMNS) + 1))})",
                    [
                        (_row_id(a.id, f.start, f.end, f.value, f.qualifier), *_figure_row(f))
                        for f in extraction.figures
                    ],
                )
                qcols = ", ".join(f'"{c}"' for c in QUOTE_COLUMNS)
                self.db.executemany(
                    f"INSERT OR IGNORE INTO quotes(id, {qcols}) VALUES ({', '.join('?' * (len(QUOTE_COLUMNS) + 1))})",
                    [(_row_id(a.id, q.start, q.end), *_quote_row(q)) for q in extraction.quotes],
                )
                self.db.executemany(
                'INSERT OR IGNORE INTO events(id, type, date, actors, trigger, plover, sentence, start, "end", on_topic,'
                " article_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (_row_id(a.id, e.type, e.date, e.start), e.type, e.date, json.dumps(list(e.actors)), e.trigger,
                     e.plover, e.sentence, e.start, e.end, int(e.on_topic), a.id)
                    for e in extraction.events
                ],
            )  # fmt: skip
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from None
        return True

    # ------------------------------------------------------------ reading

    def articles(self) -> list[Article]:
        rows = self.db.execute("SELECT * FROM articles ORDER BY published, id").fetchall()
        out = []
        for r in rows:
            segs = self.db.execute(
                'SELECT start, "end", kind, title FROM segments WHERE article_id = ? ORDER BY n', (r["id"],)
            )
            data = dict(r)
            data["segments"] = [dict(s) for s in segs]
            out.append(Article.from_dict(data))
        return out

    def figures(self, flt: FigureFilter | None = None) -> list[tuple[Figure, dict[str, Any]]]:
        """Figures matching ``flt`` with their article's title, outlet and publication date."""
        sql, args = figure_query(flt or FigureFilter())
        return [figure_from_row(dict(r)) for r in self.db.execute(sql, args)]

    def quotes(self, speaker: str | None = None, article: str | None = None) -> list[Quote]:
        where, args = ["1=1"], []
        if speaker:
            where.append("speaker = ?")
            args.append(speaker)
        if article:
            where.append("article_id LIKE ?")
            args.append(article + "%")
        rows = self.db.execute(f"SELECT * FROM quotes WHERE {' AND '.join(where)} ORDER BY article_id, start", args)
        return [quote_from_row(dict(r)) for r in rows]

    def events(self, type_: str | None = None, on_topic_only: bool = True) -> list[Event]:
        """Stored events in date order."""
        where, args = ["1=1"], []
        if type_:
            where.append("type = ?")
            args.append(type_)
        if on_topic_only:
            where.append("on_topic = 1")
        rows = self.db.execute(f"SELECT * FROM events WHERE {' AND '.join(where)} ORDER BY date, type", args)
        return [event_from_row(dict(r)) for r in rows]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "figures", "quotes", "events")
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _enable_wal(db: sqlite3.Connection, attempts: int = 100) -> None:
    """Switch to WAL, retrying: on a new file the switch does not wait on the busy timeout, so
    two ingests creating the same store at once got "database is locked" straight away."""
    for attempt in range(attempts):
        try:
            if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return  # already WAL (it is persistent): reading the mode takes no lock
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


@dataclass(frozen=True)
class Dialect:
    """What differs between the SQL of the two backends."""

    param: str = "?"
    like: str = "LIKE"
    collate: str = ""  # appended to text comparisons
    nulls_first: str = ""  # SQLite sorts NULL first already
    true: str = "1=1"


def figure_query(flt: FigureFilter, dialect: Dialect = Dialect(), prefix: str | None = None) -> tuple[str, list[Any]]:
    """The SELECT of :meth:`Store.figures` for ``flt`` and its arguments, in ``dialect``."""
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
    sql = (
        "SELECT f.*, a.title AS article_title, a.outlet AS outlet, a.published AS published, a.url AS url "
        f"FROM figures f JOIN articles a ON a.id = f.article_id WHERE {' AND '.join(where)} "
        f"ORDER BY f.indicator{c}, COALESCE(f.as_of, a.published){c}{dialect.nulls_first}, f.value"
    )
    return sql, args


def figure_from_row(data: dict[str, Any]) -> tuple[Figure, dict[str, Any]]:
    """A stored figure row (joined with its article's metadata) as a record and its metadata."""
    meta = {k: data.pop(k) for k in ("article_title", "outlet", "published", "url")}
    data.pop("id")
    for flag in ("on_topic", "malformed", "vague"):
        data[flag] = bool(data[flag])
    return Figure.from_dict(data), meta


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


def _figure_row(f: Figure) -> tuple[object, ...]:
    d = f.as_dict()
    return tuple(int(d[c]) if isinstance(d[c], bool) else d[c] for c in FIGURE_COLUMNS)


def _quote_row(q: Quote) -> tuple[object, ...]:
    d = q.as_dict()
    return tuple(int(d[c]) if isinstance(d[c], bool) else d[c] for c in QUOTE_COLUMNS)


def dumps(records: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
