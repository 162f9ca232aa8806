"""The store: SQLite behind a narrow interface.

Every ingest of an article is one transaction; article ids are content hashes, so storing
the same article twice is a no-op. Schema changes are named migrations applied in order.
Beside each figure the store keeps its marks (:mod:`sitrep.marks`), which let the series and
the contradictions of a million figures be narrowed in SQL; the SQL both backends share is in
:mod:`sitrep.store_sql`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.marks import figure_marks
from sitrep.records import Article, Event, Extraction, Figure, Quote
from sitrep.store_sql import (
    FIGURE_ID,
    FIGURE_ROW,
    Dialect,
    FigureFilter,
    FlagCandidates,
    Marks,
    SeriesFilter,
    dated,
    event_from_row,
    figure_from_row,
    figure_order_key,
    figure_query,
    mark_groups,
    quote_from_row,
    read_flag_candidates,
    series_query,
)

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
    (
        "0003_marks",
        # store_sql.Marks, and the indexes of store_sql's queries: series points in the store's order
        # (figures_points); the groups of the same-date and running-total checks (figures_same_date,
        # figures_undated, figures_running); the marked figures (flagged & 3: HEADLINE | PARTS,
        # flagged & 4: SAME_DATE); article metadata without reading the article (articles_meta)
        """
        ALTER TABLE figures ADD COLUMN measure TEXT;
        ALTER TABLE figures ADD COLUMN group_key TEXT;
        ALTER TABLE figures ADD COLUMN dated TEXT;
        ALTER TABLE figures ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE figures ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX figures_points ON figures(indicator, dated, value, article_id, start, id, vague, repeats)
            WHERE on_topic = 1 AND malformed = 0;
        CREATE INDEX figures_same_date ON figures(group_key, as_of, qualifier, value)
            WHERE on_topic = 1 AND vague = 0 AND malformed = 0 AND as_of <> '';
        CREATE INDEX figures_undated ON figures(article_id) WHERE dated IS NULL;
        CREATE INDEX figures_running ON figures(group_key, dated, value, article_id, start, id, flagged)
            WHERE measure = 'cumulative' AND on_topic = 1 AND vague = 0 AND malformed = 0 AND source <> ''
            AND dated IS NOT NULL;
        CREATE INDEX figures_malformed ON figures(article_id) WHERE malformed = 1;
        CREATE INDEX figures_in_article ON figures(article_id) WHERE flagged & 3 <> 0;
        CREATE INDEX figures_same_date_flagged ON figures(group_key) WHERE flagged & 4 <> 0;
        CREATE UNIQUE INDEX articles_meta ON articles(id, title, outlet, published, url)
        """,
    ),
    (
        "0004_batch_runs",
        """
        CREATE TABLE batch_runs (
            id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, inputs TEXT NOT NULL,
            profile TEXT NOT NULL, read INTEGER NOT NULL, skipped_by_prefilter INTEGER NOT NULL,
            processed INTEGER NOT NULL, added INTEGER NOT NULL, unchanged INTEGER NOT NULL,
            failed INTEGER NOT NULL, failures TEXT NOT NULL
        )
        """,
    ),
]
# the columns of batch_runs, in order: what one `sitrep batch` did (failures: a JSON list of lines)
RUN_COLUMNS = ("id", "started_at", "finished_at", "inputs", "profile", "read", "skipped_by_prefilter", "processed",
               "added", "unchanged", "failed", "failures")  # fmt: skip
# Migrations after which the marks of every stored figure are computed again: they were added,
# or the rules behind them changed (marks.rules_fingerprint).
REMARK = frozenset({"0003_marks"})

RECORD_COLUMNS = ("value", "text", "qualifier", "counted", "indicator", "status", "as_of", "since", "source",
                  "via", "location", "on_topic", "malformed", "vague", "sentence", "start", "end", "article_id")  # fmt: skip
FIGURE_COLUMNS = (*RECORD_COLUMNS, *Marks._fields)
QUOTE_COLUMNS = ("quote", "speaker", "speaker_role", "sentence", "start", "end", "on_topic", "article_id")


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
                if name in REMARK:
                    self._remark()
                self.db.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self.db.execute("ROLLBACK")
            raise

    def _remark(self) -> None:
        """Compute the marks of every stored figure again, an article at a time."""
        articles = self.db.execute("SELECT id, text, published FROM articles")
        for article_id, text, published in articles:
            rows = self._tuples(f"{REMARK_SELECT} WHERE f.article_id = ?", [article_id])
            article = Article(id=article_id, text=text, published=published)
            self.db.executemany(
                f"UPDATE figures SET {', '.join(f'{c} = ?' for c in Marks._fields)} WHERE id = ?",
                remarked(article, rows),
            )
        for sql, args in mark_groups(Dialect()):
            self.db.execute(sql, args)

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
                    figure_rows(extraction),
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
                for sql, args in mark_groups(Dialect(), a.id):
                    self.db.execute(sql, args)
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
        return [figure_from_row(r) for r in self._tuples(*figure_query(flt or FigureFilter()))]

    def series_values(self, flt: SeriesFilter) -> list[tuple[Any, ...]]:
        """The figures of the points of ``flt``'s series as ``store_sql.SERIES_COLUMNS``
        (:func:`sitrep.series.stored_series`)."""
        sql, args = series_query(flt)
        return self._tuples(sql, args)

    def flag_candidates(self) -> FlagCandidates:
        """The figures a contradiction check can flag (:func:`sitrep.contradictions.stored_flags`)."""
        return read_flag_candidates(self._tuples, Dialect())

    def _tuples(self, sql: str, args: list[Any]) -> list[tuple[Any, ...]]:
        cur = self.db.cursor()
        cur.row_factory = None  # plain tuples: cheaper than sqlite3.Row by the million
        return cur.execute(sql, args).fetchall()

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

    def record_run(self, run: dict[str, Any]) -> None:
        """Keep what one batch run did (``RUN_COLUMNS``; ``inputs`` and ``failures`` are lists)."""
        row = _run_row(run)
        try:
            with self.db:  # one statement, its own transaction
                self.db.execute(f"INSERT INTO batch_runs VALUES ({', '.join('?' * len(row))})", row)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write store {self.path}: {exc}") from None

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest batch runs, newest first."""
        rows = self.db.execute("SELECT * FROM batch_runs ORDER BY started_at DESC, id LIMIT ?", (limit,))
        return [run_from_row(dict(r)) for r in rows]


def _run_row(run: dict[str, Any]) -> tuple[object, ...]:
    data = {**run, "inputs": json.dumps(list(run["inputs"])), "failures": json.dumps(list(run["failures"]))}
    return tuple(data[c] for c in RUN_COLUMNS)


def run_from_row(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "inputs": json.loads(data["inputs"]), "failures": json.loads(data["failures"])}


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


def figure_rows(extraction: Extraction) -> list[tuple[object, ...]]:
    """Rows of ``INSERT INTO figures(id, *FIGURE_COLUMNS)`` for the figures of ``extraction``."""
    a = extraction.article
    stored: dict[str, Figure] = {}  # by id; the first of two with one id is stored (INSERT OR IGNORE)
    for f in extraction.figures:
        stored.setdefault(_row_id(a.id, f.start, f.end, f.value, f.qualifier), f)
    marks = _marks(a, stored)
    return [
        (fid, *(int(v) if isinstance(v, bool) else v for v in (getattr(f, c) for c in RECORD_COLUMNS)), *marks[fid])
        for fid, f in stored.items()
    ]


# The rows remarked() takes: every figure of an article (WHERE f.article_id = ...)
REMARK_SELECT = f"SELECT {FIGURE_ROW} FROM figures f JOIN articles a ON a.id = f.article_id"


def remarked(article: Article, rows: list[tuple[Any, ...]]) -> list[tuple[object, ...]]:
    """``(*marks, id)`` of stored figure rows (REMARK_SELECT), every one of ``article``'s, for an UPDATE."""
    marks = _marks(article, {r[FIGURE_ID]: figure_from_row(r)[0] for r in rows})
    return [(*m, fid) for fid, m in marks.items()]


def _marks(article: Article, figures: dict[str, Figure]) -> dict[str, Marks]:
    """The marks of an article's figures by id; computed in the store's order, which they can depend on."""
    order = sorted(figures, key=lambda i: figure_order_key(figures[i], dated(figures[i], article.published), i))
    return dict(zip(order, figure_marks(article, [figures[i] for i in order]), strict=True))


def _quote_row(q: Quote) -> tuple[object, ...]:
    d = q.as_dict()
    return tuple(int(d[c]) if isinstance(d[c], bool) else d[c] for c in QUOTE_COLUMNS)


def dumps(records: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
