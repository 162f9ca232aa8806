"""The store on PostgreSQL: the same interface and behaviour as :class:`sitrep.store.Store`.

``open_store("postgresql://user@host/db")`` returns a :class:`PgStore`, anything else a SQLite
``Store``. The schema is ``store.MIGRATIONS`` translated to PostgreSQL by :func:`_pg_sql`, under
the same names, so the two backends cannot drift apart. Every ingest of an article is one
transaction; article ids are content hashes, so storing the same article twice is a no-op.

Needs psycopg 3: ``pip install 'sitrep[postgres]'``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.records import Article, Event, Extraction, Figure, Quote
from sitrep.store import (
    FIGURE_COLUMNS,
    MIGRATIONS,
    QUOTE_COLUMNS,
    REMARK,
    REMARK_SELECT,
    Store,
    _quote_row,
    _row_id,
    _run_row,
    figure_rows,
    remarked,
    run_from_row,
)
from sitrep.store_sql import (
    Dialect,
    FigureFilter,
    FlagCandidates,
    Marks,
    SeriesFilter,
    event_from_row,
    figure_from_row,
    figure_query,
    mark_groups,
    quote_from_row,
    read_flag_candidates,
    series_query,
)

try:
    import psycopg
    from psycopg.rows import dict_row, tuple_row
except ImportError:  # an optional extra: the SQLite store works without it
    psycopg = None  # type: ignore[assignment]

URL_PREFIXES = ("postgresql://", "postgres://")

# SQLite's dialect -> PostgreSQL's, for the few spots of MIGRATIONS that differ. Figures can be
# national totals ("2.3 billion dollars"), beyond PostgreSQL's 32-bit INTEGER.
_DIALECT = (
    ("DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
     "DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"),
    ("value INTEGER NOT NULL", "value BIGINT NOT NULL"),
)  # fmt: skip
# Any collation but "C" would order and compare dates and names unlike SQLite's byte order.
_C = 'COLLATE "C"'
_QUERY_DIALECT = Dialect(
    param="%s", like="ILIKE", collate=f" {_C}", nulls_first=" NULLS FIRST", true="true", articles="", rowid="id"
)
# Advisory lock key taken while migrating: two processes opening a new database at once must
# not both run 0001 ("relation articles already exists").
_MIGRATION_LOCK = 0x5173_7265_70
# Advisory lock key taken by an ingest to mark the groups its figures join (store_sql.mark_groups):
# one at a time, each seeing the figures of those before it, as SQLite's writers do.
_MARK_LOCK = 0x5173_7265_71


def _pg_sql(sql: str) -> str:
    for sqlite, pg in _DIALECT:
        sql = sql.replace(sqlite, pg)
    return sql


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"^(\w+://[^:/@]+):[^@]*@", r"\1:***@", url)


def _one_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def is_postgres_url(db: str | Path) -> bool:
    return isinstance(db, str) and db.startswith(URL_PREFIXES)


def open_store(db: str | Path) -> Store | PgStore:
    """A :class:`PgStore` for a ``postgresql://`` URL, a SQLite :class:`Store` otherwise.

    Pass URLs as ``str``: ``Path("postgresql://h/db")`` collapses the ``//``.
    """
    if is_postgres_url(db):
        return PgStore(str(db))
    if re.match(r"postgres(ql)?:/", str(db)):
        # Path() merged the URL's "//": without this check it would become a SQLite file
        # in a directory named "postgresql:".
        raise StoreError(f"cannot open store {_redact(str(db))}: a database URL must be passed as str, not Path")
    return Store(db)


class PgStore:
    """A sitrep database on a PostgreSQL server, named by a ``postgresql://`` URL."""

    def __init__(self, url: str) -> None:
        self.path = _redact(url)  # the name used in messages, as Store.path
        if psycopg is None:
            raise StoreError(
                f"cannot open store {self.path}: psycopg is not installed; run `pip install 'sitrep[postgres]'`"
            )
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=10, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot open store {self.path}: {_one_line(exc)}; check the URL and that the server is running"
            ) from None
        try:
            self._migrate()
        except psycopg.Error as exc:
            self.db.close()
            raise StoreError(
                f"cannot open store {self.path}: {_one_line(exc)}; check the database and its permissions"
            ) from None

    def __enter__(self) -> PgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _applied(self) -> set[str]:
        if self.db.execute("SELECT to_regclass('migrations') AS t").fetchone()["t"] is None:  # type: ignore[index]
            return set()  # a new store: no migrations table yet
        return {r["name"] for r in self.db.execute("SELECT name FROM migrations")}  # type: ignore[call-overload]

    def _migrate(self) -> None:
        if self._applied() >= {name for name, _ in MIGRATIONS}:
            return  # the common case, without taking the lock
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            done = self._applied()
            for name, sql in MIGRATIONS:
                if name not in done:
                    self.db.execute(_pg_sql(sql))  # type: ignore[arg-type]  # several statements, no parameters
                    if name in REMARK:
                        self._remark()
                    self.db.execute("INSERT INTO migrations(name) VALUES (%s)", (name,))

    def _remark(self) -> None:
        """Compute the marks of every stored figure again, an article at a time (see Store._remark)."""
        update = f"UPDATE figures SET {', '.join(f'{c} = %s' for c in Marks._fields)} WHERE id = %s"
        with self.db.cursor(name="sitrep_remark") as articles:  # server-side: the texts stay on the server
            articles.execute("SELECT id, text, published FROM articles")
            for a in articles:
                rows = self._tuples(f"{REMARK_SELECT} WHERE f.article_id = %s", [a["id"]])
                article = Article(id=a["id"], text=a["text"], published=a["published"])
                with self.db.cursor() as cur:
                    cur.executemany(update, remarked(article, rows))  # type: ignore[arg-type]
        for sql, args in mark_groups(_QUERY_DIALECT):
            self.db.execute(sql, args)  # type: ignore[arg-type]

    # ------------------------------------------------------------ writing

    def has_article(self, article_id: str) -> bool:
        try:
            return self.db.execute("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone() is not None
        except psycopg.Error as exc:
            raise StoreError(f"cannot read store {self.path}: {_one_line(exc)}") from None

    def add(self, extraction: Extraction) -> bool:
        """Store one article with its figures and quotes in one transaction; False if already stored."""
        a = extraction.article
        try:
            with self.db.transaction() as tx:
                # ON CONFLICT instead of a lookup first: two writers adding one article cannot both win.
                new = self.db.execute(
                    "INSERT INTO articles(id, title, url, outlet, published, published_from, path, dateline, text)"
                    " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO NOTHING RETURNING id",
                    (a.id, a.title, a.url, a.outlet, a.published, a.published_from, a.path, a.dateline, a.text),
                ).fetchone()
                if new is None:
                    raise psycopg.Rollback(tx)
                with self.db.cursor() as cur:
                    cur.executemany(
                        'INSERT INTO segments(article_id, n, start, "end", kind, title) VALUES (%s,%s,%s,%s,%s,%s)',
                        [(a.id, n, s.start, s.end, s.kind, s.title) for n, s in enumerate(a.segments)],
                    )
                    cur.executemany(_insert("figures", FIGURE_COLUMNS), figure_rows(extraction))
                    cur.executemany(
                        _insert("quotes", QUOTE_COLUMNS),
                        [(_row_id(a.id, q.start, q.end), *_quote_row(q)) for q in extraction.quotes],
                    )
                    cur.executemany(
                        _insert("events", _EVENT_COLUMNS),
                        [
                            (_row_id(a.id, e.type, e.date, e.start), e.type, e.date, json.dumps(list(e.actors)),
                             e.trigger, e.plover, e.sentence, e.start, e.end, int(e.on_topic), a.id)
                            for e in extraction.events
                        ],
                    )  # fmt: skip
                self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_MARK_LOCK,))  # held until commit
                for sql, args in mark_groups(_QUERY_DIALECT, a.id):
                    self.db.execute(sql, args)  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise StoreError(f"cannot write to store {self.path}: {_one_line(exc)}") from None
        return new is not None

    # ------------------------------------------------------------ reading

    def _rows(self, sql: str, args: list[object] | tuple[object, ...] = ()) -> list[dict[str, Any]]:
        try:
            return self.db.execute(sql, args).fetchall()  # type: ignore[arg-type, return-value]
        except psycopg.Error as exc:
            raise StoreError(f"cannot read store {self.path}: {_one_line(exc)}") from None

    def articles(self) -> list[Article]:
        out = []
        for data in self._rows(f"SELECT * FROM articles ORDER BY published {_C} NULLS FIRST, id {_C}"):
            segs = self._rows(
                'SELECT start, "end", kind, title FROM segments WHERE article_id = %s ORDER BY n', (data["id"],)
            )
            data["segments"] = segs
            out.append(Article.from_dict(data))
        return out

    def figures(self, flt: FigureFilter | None = None) -> list[tuple[Figure, dict[str, Any]]]:
        """Figures matching ``flt`` with their article's title, outlet and publication date."""
        flt = flt or FigureFilter()
        prefix = _like_prefix(flt.article) if flt.article else None
        sql, args = figure_query(flt, _QUERY_DIALECT, prefix)  # ILIKE: SQLite's LIKE ignores ASCII case
        return [figure_from_row(row) for row in self._tuples(sql, args)]

    def series_values(self, flt: SeriesFilter) -> list[tuple[Any, ...]]:
        """The figures of the points of ``flt``'s series (see Store.series_values)."""
        return self._tuples(*series_query(flt, _QUERY_DIALECT))

    def flag_candidates(self) -> FlagCandidates:
        """The figures a contradiction check can flag (see Store.flag_candidates)."""
        return read_flag_candidates(self._tuples, _QUERY_DIALECT)

    def _tuples(self, sql: str, args: list[Any]) -> list[tuple[Any, ...]]:
        try:
            with self.db.cursor(row_factory=tuple_row) as cur:
                return cur.execute(sql, args).fetchall()  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise StoreError(f"cannot read store {self.path}: {_one_line(exc)}") from None

    def quotes(self, speaker: str | None = None, article: str | None = None) -> list[Quote]:
        where, args = ["true"], []
        if speaker:
            where.append("speaker = %s")
            args.append(speaker)
        if article:
            where.append("article_id ILIKE %s")
            args.append(_like_prefix(article))
        sql = f"SELECT * FROM quotes WHERE {' AND '.join(where)} ORDER BY article_id {_C}, start"
        return [quote_from_row(data) for data in self._rows(sql, args)]

    def events(self, type_: str | None = None, on_topic_only: bool = True) -> list[Event]:
        """Stored events in date order."""
        where, args = ["true"], []
        if type_:
            where.append("type = %s")
            args.append(type_)
        if on_topic_only:
            where.append("on_topic = 1")
        sql = f"SELECT * FROM events WHERE {' AND '.join(where)} ORDER BY date {_C} NULLS FIRST, type {_C}"
        return [event_from_row(data) for data in self._rows(sql, args)]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "figures", "quotes", "events")
        return {t: self._rows(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in tables}

    def record_run(self, run: dict[str, Any]) -> None:
        """Keep what one batch run did (``RUN_COLUMNS``; ``inputs`` and ``failures`` are lists)."""
        row = _run_row(run)
        try:
            with self.db.transaction():
                self.db.execute(f"INSERT INTO batch_runs VALUES ({', '.join(['%s'] * len(row))})", row)
        except psycopg.Error as exc:
            raise StoreError(f"cannot write store {self.path}: {_one_line(exc)}") from None

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest batch runs, newest first."""
        rows = self._rows(f"SELECT * FROM batch_runs ORDER BY started_at {_C} DESC, id {_C} LIMIT %s", (limit,))
        return [run_from_row(r) for r in rows]


_EVENT_COLUMNS = ("type", "date", "actors", "trigger", "plover", "sentence", "start", "end", "on_topic", "article_id")


def _insert(table: str, columns: tuple[str, ...]) -> str:
    """``INSERT ... ON CONFLICT DO NOTHING`` of an ``id`` plus ``columns``: SQLite's INSERT OR IGNORE."""
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(["%s"] * (len(columns) + 1))
    return f"INSERT INTO {table}(id, {cols}) VALUES ({marks}) ON CONFLICT (id) DO NOTHING"


def _like_prefix(prefix: str) -> str:
    # PostgreSQL's LIKE treats backslash as an escape, SQLite's does not; % and _ pass through in both.
    return prefix.replace("\\", "\\\\") + "%"
