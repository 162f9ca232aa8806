"""Series, latest picture and contradictions over the bundled sample corpus."""

import json

import pytest

from sitrep import Settings, Store, ingest_paths, sample_corpus
from sitrep.contradictions import find_flags
from sitrep.records import Figure
from sitrep.series import build_series, latest_picture, measure_of


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("s") / "sample.db"
    ingest_paths([str(sample_corpus())], Settings(db=db))
    with Store(db) as s:
        yield s


def test_series_points_carry_their_evidence(store):
    lines = build_series(store.figures(), indicator="deported")
    assert lines and all(s.indicator == "deported" for s in lines)
    articles = {p.article_id for s in lines for p in s.points}
    assert len(articles) >= 3
    published = {a.id: a.published for a in store.articles()}
    fallback = 0
    for s in lines:
        dates = [p.date or "" for p in s.points]
        assert dates == sorted(dates)
        for p in s.points:
            assert p.sentence and p.article_id and p.date
            if p.dated_by_publication:
                fallback += 1
                assert p.date == published[p.article_id]
    assert fallback >= 1


def test_latest_picture_gives_the_range_and_who_is_behind_it(store):
    pictures = {(p.indicator, p.status, p.measure): p for p in latest_picture(build_series(store.figures()))}
    deported = pictures[("deported", "any", "cumulative")]
    assert deported.low <= deported.high
    assert deported.low_sources and deported.high_sources
    assert {p.value for p in deported.latest} >= {deported.low, deported.high}


@pytest.mark.parametrize(
    ("sentence", "indicator", "since", "measure"),
    [("So far 500 were deported.", "deported", None, "cumulative"),
     ("Police deported 500 on Tuesday.", "deported", None, "period"),
     ("500 were deported.", "deported", "2023", "cumulative"),
     ("Pakistan hosts 3 million Afghans.", "population", None, "stock")],
)  # fmt: skip
def test_measure(sentence, indicator, since, measure):
    assert measure_of(Figure(value=500, text="500", indicator=indicator, since=since, sentence=sentence)) == measure


def test_contradictions_of_the_sample(store):
    flags = find_flags(store.figures(), store.articles())
    kinds = {f.type for f in flags}
    assert {"same_date_conflict", "cumulative_decrease", "malformed_number"} <= kinds
    conflict = next(f for f in flags if f.type == "same_date_conflict")
    assert {e["value"] for e in conflict.figures} == {541000, 514000}
    assert "541,000" in conflict.explanation and "514,000" in conflict.explanation
    fall = next(f for f in flags if f.type == "cumulative_decrease")
    assert [e["value"] for e in fall.figures] == [886000, 874000]
    for f in flags:
        assert f.severity in ("high", "medium", "low")
        assert all(e["sentence"] and e["article_id"] for e in f.figures)


def _fig(value, qualifier="exact", **kw):
    base = {"text": str(value), "indicator": "deported", "source": "x", "as_of": "2025-01-01", "sentence": f"{value}."}
    return Figure(value=value, qualifier=qualifier, **{**base, **kw})


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [(_fig(907391), _fig(907351), True), (_fig(800000, "min"), _fig(907391), False),
     (_fig(1000, "approx"), _fig(1050), False), (_fig(3000, "max"), _fig(2500), False),
     (_fig(10, source="y"), _fig(12), False)],
)  # fmt: skip
def test_same_date_conflicts_respect_qualifiers_and_sources(a, b, conflict):
    rows = [(a, {"published": "2025-01-02"}), (b, {"published": "2025-01-02"})]
    flags = [f for f in find_flags(rows, []) if f.type == "same_date_conflict"]
    assert bool(flags) == conflict


def test_parts_that_exceed_their_total():
    s = "Some 8,000 were sent back, of which 9,000 were ACC holders."
    total = _fig(8000, sentence=s, text="8,000", start=5)
    part = _fig(9000, sentence=s, text="9,000", status="acc", start=30)
    (flag,) = [f for f in find_flags([(total, {}), (part, {})], []) if f.type == "parts_exceed_total"]
    assert "9,000" in flag.explanation and flag.severity == "high"


def test_the_seeds_conflict_and_series(shared, tmp_path):
    """Done-when of the situation picture on the shared seeds: the 907,391 / 907,351 conflict,
    the malformed "600,00", and deported points from at least three articles."""
    from typer.testing import CliRunner

    from sitrep.cli import app

    runner = CliRunner()
    db = str(tmp_path / "seeds.db")
    assert runner.invoke(app, ["ingest", str(shared / "seeds"), "--db", db]).exit_code == 0
    flags = json.loads(runner.invoke(app, ["contradictions", "--db", db, "--format", "json"]).stdout)["flags"]
    conflicts = [{e["value"] for e in f["figures"]} for f in flags if f["type"] == "same_date_conflict"]
    assert {907391, 907351} in conflicts
    assert any(f["type"] == "malformed_number" and "600,00" in f["explanation"] for f in flags)
    dated = str(tmp_path / "dated.db")
    args = ["ingest", str(shared / "seeds"), "--db", dated, "--dates", str(shared / "gold" / "published.json")]
    assert runner.invoke(app, args).exit_code == 0
    data = json.loads(
        runner.invoke(app, ["series", "--db", dated, "--indicator", "deported", "--format", "json"]).stdout
    )
    points = [p for s in data["series"] for p in s["points"]]
    assert len({p["article_id"] for p in points}) >= 3
    assert all(p["date"] and p["sentence"] for p in points)
    assert {"pakistan interior ministry"} <= {p["source"] for p in points}
