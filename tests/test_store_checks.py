"""The store's narrowed series and contradictions give exactly what the pure functions give over
every figure in memory: stored_series == build_series(store.figures()), stored_flags ==
find_flags(every figure, every article), order included."""

import random
import sqlite3

import pytest

from conftest import synthetic_extractions
from sitrep.contradictions import find_flags, stored_flags
from sitrep.marks import rules_fingerprint
from sitrep.records import Article, Extraction, Figure
from sitrep.series import build_series, stored_series
from sitrep.store import MIGRATIONS, RECORD_COLUMNS, FigureFilter, Store, _row_id

SERIES_FILTERS = [
    {},
    {"include_vague": True},
    {"indicator": "deported"},
    {"indicator": "returned", "status": "por"},
    {"source": "unhcr", "location": "pakistan"},
    {"indicator": "population", "include_vague": True, "location": "pakistan"},
    {"indicator": "", "source": ""},  # blank means any, as in build_series
]


def in_memory_flags(store: Store):
    return find_flags(store.figures(FigureFilter(on_topic_only=False)), store.articles())


@pytest.fixture(scope="module")
def synthetic():
    """A store of a few thousand figures with every kind of flag planted, added in a shuffled order."""
    extractions = synthetic_extractions(600, seed=3)
    random.Random(3).shuffle(extractions)
    with Store(":memory:") as store:
        for ex in extractions:
            store.add(ex)
        yield store


def test_the_synthetic_store_has_every_kind_of_flag(synthetic):
    kinds = {f.type for f in stored_flags(synthetic)}
    assert kinds == {"same_date_conflict", "cumulative_decrease", "malformed_number", "headline_body_mismatch",
                     "parts_exceed_total"}  # fmt: skip
    assert synthetic.counts()["figures"] > 3000


def test_stored_flags_are_the_flags_of_every_figure_in_memory(synthetic):
    assert stored_flags(synthetic) == in_memory_flags(synthetic)


@pytest.mark.parametrize("flt", SERIES_FILTERS)
def test_stored_series_are_the_series_of_every_figure_in_memory(synthetic, flt):
    series = stored_series(synthetic, **flt)
    assert series and series == build_series(synthetic.figures(), **flt)


@pytest.mark.parametrize("seed", range(6))
def test_the_order_articles_come_in_changes_nothing(seed):
    """Marks of groups across articles are kept up to date as each article comes in."""
    extractions = synthetic_extractions(150, seed)
    shuffled = random.Random(seed).sample(extractions, len(extractions))
    with Store(":memory:") as a, Store(":memory:") as b:
        for ex in extractions:
            a.add(ex)
        for ex in shuffled:
            b.add(ex)
        assert a.figures(FigureFilter(on_topic_only=False)) == b.figures(FigureFilter(on_topic_only=False))
        assert stored_flags(a) == stored_flags(b) == in_memory_flags(a)
        assert stored_series(a, include_vague=True) == stored_series(b, include_vague=True)


def _store_before_the_marks(path, extractions) -> None:
    """A store as sitrep wrote it before migration 0003: no marks, no indexes for them."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")
    for name, sql in MIGRATIONS[:2]:
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
    cols = ", ".join(f'"{c}"' for c in RECORD_COLUMNS)
    for ex in extractions:
        a = ex.article
        db.execute(
            "INSERT INTO articles(id, title, outlet, published, text) VALUES (?,?,?,?,?)",
            (a.id, a.title, a.outlet, a.published, a.text),
        )
        db.executemany(
            f"INSERT OR IGNORE INTO figures(id, {cols}) VALUES ({', '.join('?' * (len(RECORD_COLUMNS) + 1))})",
            [(_row_id(a.id, f.start, f.end, f.value, f.qualifier), *(getattr(f, c) for c in RECORD_COLUMNS))
             for f in ex.figures],
        )  # fmt: skip
    db.commit()
    db.close()


def test_a_store_from_before_the_marks_gets_them_when_opened(tmp_path):
    extractions = synthetic_extractions(200, seed=11)
    _store_before_the_marks(tmp_path / "old.db", extractions)
    with Store(tmp_path / "old.db") as old, Store(":memory:") as new:
        for ex in extractions:
            new.add(ex)
        assert stored_flags(old) == stored_flags(new) == in_memory_flags(old)
        assert stored_series(old) == stored_series(new) == build_series(old.figures())
        assert old.figures(FigureFilter(on_topic_only=False)) == new.figures(FigureFilter(on_topic_only=False))


def test_a_body_figure_of_zero_is_stored_and_flags_nothing():
    """ "Deported: 500" over "0 people were deported on Monday": no ratio, no crash when stored."""
    text = "Afghans deported: 500 on Monday\n\nPolice said 0 people were deported on Monday."
    figures = []
    for value, sentence in (
        (500, "Afghans deported: 500 on Monday"),
        (0, "Police said 0 people were deported on Monday."),
    ):
        start = text.index(sentence) + sentence.index(str(value))
        figures.append(Figure(value=value, text=str(value), indicator="deported", source="police", sentence=sentence,
                              start=start, end=start + len(str(value)), article_id="z"))  # fmt: skip
    with Store(":memory:") as store:
        assert store.add(Extraction(Article(id="z", text=text, published="2024-01-15"), tuple(figures)))
        assert stored_flags(store) == in_memory_flags(store) == []


def test_the_rules_behind_the_marks_are_pinned():
    """The store keeps what these rules computed when each figure was stored (sitrep.marks). If
    this fails, a rule changed: add a migration that computes the marks again (its name in
    store.MIGRATIONS and store.REMARK), check that store_sql's queries still find every figure
    a check can flag (this file), then pin the new fingerprint here."""
    assert rules_fingerprint() == "1d7a17104fe7774b"
