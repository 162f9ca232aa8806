"""The behaviours of tests/test_store.py on both backends: SQLite always, PostgreSQL when
$SITREP_TEST_PG names a server (start one with `eval "$(.ci/postgres.sh start)"`).

Each PostgreSQL test gets a fresh schema, selected through the URL's search_path.
"""

import os
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import extract_text
from sitrep.errors import StoreError
from sitrep.store import MIGRATIONS, FigureFilter, Store
from sitrep.store_pg import PgStore, _pg_sql, _redact, is_postgres_url, open_store

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'sitrep[postgres]'")

PG_URL = os.environ.get("SITREP_TEST_PG")
TEXT = (
    "PESHAWAR: The provincial home department said on Monday that 24,000 Afghans had returned through Torkham "
    "since November, and police arrested 350 people in Peshawar."
)
QUOTED = 'PESHAWAR: Police arrested 350 people on Monday. "We will not let them stay," said Ali Khan, the police chief.'
NEEDS_PG = pytest.mark.skipif(not PG_URL, reason="set SITREP_TEST_PG to a postgresql:// URL (see .ci/postgres.sh)")
BACKENDS = ["sqlite", pytest.param("postgres", marks=NEEDS_PG)]

# Makes the next insert into quotes and figures fail, mid-transaction, after the article went in.
SABOTAGE = {
    "sqlite": [
        "CREATE TRIGGER boom BEFORE INSERT ON quotes BEGIN SELECT RAISE(ABORT, 'boom'); END",
        "CREATE TRIGGER boom2 BEFORE INSERT ON figures BEGIN SELECT RAISE(ABORT, 'boom'); END",
    ],
    "postgres": [
        "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$",
        "CREATE TRIGGER boom BEFORE INSERT ON quotes FOR EACH ROW EXECUTE FUNCTION boom()",
        "CREATE TRIGGER boom2 BEFORE INSERT ON figures FOR EACH ROW EXECUTE FUNCTION boom()",
    ],
}


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    """A new, empty database of each backend: a SQLite file or a PostgreSQL URL with its own schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "s.db")
        return
    schema = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            sep = "&" if "?" in PG_URL else "?"
            yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def _backend(db: str) -> str:
    return "postgres" if is_postgres_url(db) else "sqlite"


def test_add_is_idempotent_and_queryable(nlp, db):
    ex = extract_text(nlp, TEXT, "2024-01-15")
    with open_store(db) as store:
        assert store.add(ex) is True
        assert store.add(ex) is False
        assert store.has_article(ex.article.id)
        assert not store.has_article("0" * 20)
        assert store.counts()["articles"] == 1
        rows = store.figures(FigureFilter(indicator="returned"))
        assert [f.value for f, _ in rows] == [24000]
        fig, meta = rows[0]
        assert meta["published"] == "2024-01-15"
        assert fig.article_id == ex.article.id
        assert fig == next(f for f in ex.figures if f.value == 24000)
        assert [f.value for f, _ in store.figures(FigureFilter(until="2023"))] == []
        assert store.articles()[0].segments == ex.article.segments
        assert store.articles()[0].text == ex.article.text
        assert store.events() == sorted((e for e in ex.events if e.on_topic), key=lambda e: (e.date, e.type))
        assert ("statement", "2024-01-15") in [(e.type, e.date) for e in store.events()]


@pytest.mark.parametrize(
    ("flt", "values"),
    [
        (FigureFilter(), [24000, 350]),
        (FigureFilter(indicator="returned"), [24000]),
        (FigureFilter(indicator="arrested"), [350]),
        (FigureFilter(indicator="killed"), []),
        (FigureFilter(since="2024-01-15"), [24000, 350]),
        (FigureFilter(since="2024-01-16"), []),
        (FigureFilter(until="2024"), [24000, 350]),
        (FigureFilter(until="2024-01-14"), []),
        (FigureFilter(article="0000"), []),
    ],
)
def test_figure_filters_agree(nlp, db, flt, values):
    ex = extract_text(nlp, TEXT, "2024-01-15")
    with open_store(db) as store:
        store.add(ex)
        got = [f.value for f, _ in store.figures(flt)]
    assert sorted(got) == sorted(values)


def test_both_backends_return_the_same_records(nlp, db, tmp_path):
    """The PostgreSQL store reads back exactly what the SQLite store does (order included)."""
    ex, quoted = extract_text(nlp, TEXT, "2024-01-15"), extract_text(nlp, QUOTED, None)
    assert quoted.quotes
    with Store(tmp_path / "ref.db") as ref, open_store(db) as store:
        for extraction in (ex, quoted):
            assert ref.add(extraction) is store.add(extraction) is True
        assert store.figures(FigureFilter(on_topic_only=False)) == ref.figures(FigureFilter(on_topic_only=False))
        assert store.figures(FigureFilter(article=ex.article.id[:6].upper())) == ref.figures(
            FigureFilter(article=ex.article.id[:6].upper())
        )
        assert store.quotes() == ref.quotes() != []
        assert store.quotes(speaker="ali khan") == ref.quotes(speaker="ali khan") != []
        assert store.quotes(article=ex.article.id[:8]) == ref.quotes(article=ex.article.id[:8])
        assert store.events(on_topic_only=False) == ref.events(on_topic_only=False)
        assert store.articles() == ref.articles()
        assert store.counts() == ref.counts()


def test_failed_write_leaves_nothing_half_stored(nlp, db):
    ex = extract_text(nlp, QUOTED, "2024-01-15")
    assert ex.figures and ex.quotes  # the sabotage must hit something
    with open_store(db) as store:
        for sql in SABOTAGE[_backend(db)]:
            store.db.execute(sql)
        with pytest.raises(StoreError, match=r"^cannot write to store [^\n]*boom[^\n]*$"):
            store.add(ex)
        assert store.counts() == {"articles": 0, "figures": 0, "quotes": 0, "events": 0}
        assert not store.has_article(ex.article.id)


def test_migrations_are_recorded_once(db):
    open_store(db).close()
    with open_store(db) as store:
        names = [r[0] if isinstance(r, tuple) else r["name"] for r in store.db.execute("SELECT name FROM migrations")]
    assert (
        sorted(names)
        == [name for name, _ in MIGRATIONS]
        == ["0001_initial", "0002_events", "0003_marks", "0004_batch_runs"]
    )


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_unopenable_store_is_a_clear_error(tmp_path, backend):
    (tmp_path / "file").write_text("x")
    # Port 1 on localhost: nothing listens there, so the connection is refused at once.
    target = str(tmp_path / "file" / "inside.db") if backend == "sqlite" else "postgresql://u:secret@127.0.0.1:1/x"
    with pytest.raises(StoreError, match="cannot open store") as err:
        open_store(target)
    assert "\n" not in str(err.value)
    assert "secret" not in str(err.value)


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("postgresql://u@h/db", PgStore),
        ("postgres://u@h/db", PgStore),
        ("crisis.db", Store),
        (":memory:", Store),
    ],
)
def test_open_store_picks_the_backend_by_url(monkeypatch, target, kind):
    monkeypatch.setattr(PgStore, "__init__", lambda self, url: None)
    assert type(open_store(target)) is kind


def test_a_url_mangled_by_path_is_an_error_not_a_sqlite_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="must be passed as str"):
        open_store(Path("postgresql://u@h/db"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:pw@h:5432/db", "postgresql://u:***@h:5432/db"),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
        ("postgresql://h/db", "postgresql://h/db"),
    ],
)
def test_messages_never_show_the_password(url, shown):
    assert _redact(url) == shown


def test_concurrent_opens_of_a_new_store_migrate_once(db):
    """Two ingests starting on an empty database at once must not both run 0001."""
    from concurrent.futures import ThreadPoolExecutor

    def open_close(_: int) -> None:
        open_store(db).close()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(open_close, range(4)))
    with open_store(db) as store:
        names = [r[0] if isinstance(r, tuple) else r["name"] for r in store.db.execute("SELECT name FROM migrations")]
    assert sorted(names) == [name for name, _ in MIGRATIONS]


def test_migrations_translate_to_postgresql():
    """store.MIGRATIONS is the one schema: if its SQLite-only spots change, _DIALECT must follow."""
    sql = "\n".join(_pg_sql(s) for _, s in MIGRATIONS)
    assert "strftime" not in sql
    assert "value BIGINT NOT NULL" in sql


def test_cli_ingest_and_query_on_postgresql(tmp_path):
    """`sitrep ingest --db postgresql://...` stores what the SQLite store would, and queries agree."""
    import json
    import os

    from typer.testing import CliRunner

    from sitrep import sample_corpus
    from sitrep.cli import app

    url = os.environ.get("SITREP_TEST_PG")
    if not url:
        pytest.skip("set SITREP_TEST_PG to a postgresql:// URL (see .ci/postgres.sh)")
    from sitrep.store_pg import open_store

    with open_store(url) as store:  # start from an empty database
        for table in ("events", "quotes", "figures", "segments", "articles"):
            store.db.execute(f"DELETE FROM {table}")
        store.db.commit()
    runner = CliRunner()
    sqlite = str(tmp_path / "s.db")
    for db in (url, sqlite):
        assert runner.invoke(app, ["ingest", str(sample_corpus()), "--db", db]).exit_code == 0
    rows = {
        db: json.loads(runner.invoke(app, ["figures", "--db", db, "--format", "json"]).stdout) for db in (url, sqlite)
    }
    assert rows[url] == rows[sqlite] and len(rows[url]) > 40
    again = runner.invoke(app, ["ingest", str(sample_corpus()), "--db", url])
    assert "0 article(s) added" in again.stdout


def test_narrowed_series_and_flags_agree_on_both_backends(db, tmp_path):
    """stored_series and stored_flags read the same figures from PostgreSQL as from SQLite, and
    give what the pure functions give over every figure in memory."""
    from conftest import synthetic_extractions
    from sitrep.contradictions import find_flags, stored_flags
    from sitrep.series import stored_series

    extractions = synthetic_extractions(150, seed=5)
    with Store(tmp_path / "ref.db") as ref, open_store(db) as store:
        for ex in extractions:
            assert ref.add(ex) is store.add(ex) is True
        every = store.figures(FigureFilter(on_topic_only=False))
        assert every == ref.figures(FigureFilter(on_topic_only=False))
        assert stored_flags(store) == stored_flags(ref) == find_flags(every, store.articles())
        for flt in ({}, {"include_vague": True}, {"indicator": "deported", "source": "unhcr"}):
            assert stored_series(store, **flt) == stored_series(ref, **flt)


def test_a_postgresql_store_from_before_the_marks_gets_them_when_opened(db, tmp_path):
    if _backend(db) == "sqlite":
        pytest.skip("SQLite: tests/test_store_checks.py")
    from conftest import synthetic_extractions
    from sitrep.contradictions import stored_flags
    from sitrep.series import stored_series
    from sitrep.store import RECORD_COLUMNS, _row_id

    extractions = synthetic_extractions(120, seed=9)
    with psycopg.connect(db, autocommit=True) as con:  # the store as sitrep wrote it before migration 0003
        con.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
        for name, sql in MIGRATIONS[:2]:
            con.execute(_pg_sql(sql))
            con.execute("INSERT INTO migrations(name) VALUES (%s)", (name,))
        cols = ", ".join(f'"{c}"' for c in RECORD_COLUMNS)
        for ex in extractions:
            a = ex.article
            con.execute(
                "INSERT INTO articles(id, title, outlet, published, text) VALUES (%s,%s,%s,%s,%s)",
                (a.id, a.title, a.outlet, a.published, a.text),
            )
            with con.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO figures(id, {cols}) VALUES ({', '.join(['%s'] * (len(RECORD_COLUMNS) + 1))})"
                    " ON CONFLICT (id) DO NOTHING",
                    [(_row_id(a.id, f.start, f.end, f.value, f.qualifier),
                      *(int(v) if isinstance(v, bool) else v for v in (getattr(f, c) for c in RECORD_COLUMNS)))
                     for f in ex.figures],
                )  # fmt: skip
    with open_store(db) as old, Store(tmp_path / "new.db") as new:
        for ex in extractions:
            new.add(ex)
        assert stored_flags(old) == stored_flags(new)
        assert stored_series(old, include_vague=True) == stored_series(new, include_vague=True)


def test_batch_runs_are_kept_newest_first(db):
    run = {"read": 7, "skipped_by_prefilter": 2, "processed": 5, "added": 4, "unchanged": 1, "failed": 1}
    older = {"id": "a1", "started_at": "2026-11-25T10:00:00.000001Z", "finished_at": "2026-11-25T10:05:00.000000Z",
             "inputs": ["news.jsonl.gz", "s3://crawl/x.warc.gz"], "profile": "afghan-returns", **run,
             "failures": ["news.jsonl.gz:3: invalid JSON (Expecting value, column 29)"]}  # fmt: skip
    newer = {**older, "id": "b2", "started_at": "2026-11-25T11:00:00.000000Z", "failures": [], "failed": 0}
    with open_store(db) as store:
        store.record_run(older)
        store.record_run(newer)
        assert store.runs() == [newer, older]
        assert store.runs(limit=1) == [newer]
