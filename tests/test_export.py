"""Every export format round-trips; HXL parses with libhxl."""

import json

import pytest

from sitrep import Settings, Store, ingest_paths, sample_corpus
from sitrep import export as exporting
from sitrep.errors import ConfigError
from sitrep.records import SCHEMA_VERSION, Event, Figure, Quote


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("e") / "sample.db"
    ingest_paths([str(sample_corpus())], Settings(db=db))
    with Store(db) as s:
        yield s


RECORD = {"figures": Figure, "events": Event, "quotes": Quote}


@pytest.mark.parametrize("what", ["figures", "events", "quotes", "series"])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "hxl"])
def test_round_trip(store, what, fmt):
    rows = exporting.records(store, what)
    assert rows, what
    text = exporting.render(rows, what, fmt)
    if fmt == "json":
        data = json.loads(text)
        assert data["schema_version"] == SCHEMA_VERSION and data["what"] == what
        back = data["records"]
    elif fmt == "jsonl":
        back = [json.loads(line) for line in text.splitlines()]
        assert all(r.pop("schema_version") == SCHEMA_VERSION for r in back)
    else:
        back = exporting.parse_csv(text, what)
    columns = list(exporting.HXL[what]) if fmt in ("csv", "hxl") else list(rows[0])
    assert [{c: _norm(r.get(c)) for c in columns} for r in back] == [
        {c: _norm(r.get(c)) for c in columns} for r in rows
    ]
    if what in RECORD:
        cls = RECORD[what]
        rebuilt = [cls.from_dict(r) for r in back]
        assert [r.sentence for r in rebuilt] == [r["sentence"] for r in rows]


def _norm(value):
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, bool) or value is None or isinstance(value, int | list):
        return value
    return str(value)


@pytest.mark.parametrize("what", ["figures", "events", "quotes", "series"])
def test_hxl_parses_with_libhxl(store, what, tmp_path):
    hxl = pytest.importorskip("hxl")
    path = tmp_path / f"{what}.csv"
    path.write_text(exporting.render(exporting.records(store, what), what, "hxl"), encoding="utf-8")
    dataset = hxl.data(str(path), hxl.input.InputOptions(allow_local=True))
    tags = [c.display_tag for c in dataset.columns]
    assert tags == list(exporting.HXL[what].values())
    rows = list(dataset)
    assert len(rows) == len(exporting.records(store, what))
    if what == "figures":
        values = [int(r.get("#affected+num")) for r in rows]
        assert 541000 in values and 514000 in values
        assert {r.get("#indicator+code") for r in rows} >= {"deported", "returned", "arrested"}


def test_unknown_format_or_kind_says_what_to_choose(store):
    with pytest.raises(ConfigError, match="choose csv, json, jsonl, hxl"):
        exporting.render([], "figures", "xls")
    with pytest.raises(ConfigError, match="choose figures, events, quotes, series"):
        exporting.records(store, "people")
