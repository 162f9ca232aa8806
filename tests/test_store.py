import sqlite3

import pytest

from conftest import extract_text
from sitrep.errors import StoreError
from sitrep.store import FigureFilter, Store

TEXT = (
    "PESHAWAR: The provincial home department said on Monday that 24,000 Afghans had returned through Torkham "
    "since November, and police arrested 350 people in Peshawar."
)


def test_add_is_idempotent_and_queryable(nlp):
    ex = extract_text(nlp, TEXT, "2024-01-15")
    with Store(":memory:") as store:
        assert store.add(ex) is True
        assert store.add(ex) is False
        assert store.counts()["articles"] == 1
        rows = store.figures(FigureFilter(indicator="returned"))
        assert [f.value for f, _ in rows] == [24000]
        fig, meta = rows[0]
        assert meta["published"] == "2024-01-15"
        assert fig.article_id == ex.article.id
        assert fig == next(f for f in ex.figures if f.value == 24000)
        assert [f.value for f, _ in store.figures(FigureFilter(until="2023"))] == []
        assert store.articles()[0].segments == ex.article.segments
        assert store.events() == sorted((e for e in ex.events if e.on_topic), key=lambda e: (e.date, e.type))
        assert ("statement", "2024-01-15") in [(e.type, e.date) for e in store.events()]


def test_failed_write_leaves_nothing_half_stored(nlp, tmp_path):
    ex = extract_text(nlp, TEXT, "2024-01-15")
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.db.execute("CREATE TRIGGER boom BEFORE INSERT ON quotes BEGIN SELECT RAISE(ABORT, 'boom'); END")
        store.db.execute("CREATE TRIGGER boom2 BEFORE INSERT ON figures BEGIN SELECT RAISE(ABORT, 'boom'); END")
        with pytest.raises(StoreError):
            store.add(ex)
        assert store.counts() == {"articles": 0, "figures": 0, "quotes": 0, "events": 0}
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "m.db"
    Store(path).close()
    with Store(path) as store:
        names = [r[0] for r in store.db.execute("SELECT name FROM migrations")]
    assert names == ["0001_initial", "0002_events", "0003_marks", "0004_batch_runs"]


def test_unopenable_store_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(tmp_path / "file" / "inside.db")
