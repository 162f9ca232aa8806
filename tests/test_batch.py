"""Batch ingest on Dask: the sample corpus, a gzipped JSONL and a WARC, on a LocalCluster and in-process."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import time
from pathlib import Path

import pytest

from sitrep import ingest, jobs
from sitrep.batch import iter_items, run_batch
from sitrep.errors import ConfigError, InputError
from sitrep.profiles import load_profile
from sitrep.settings import Settings

ON_TOPIC = [
    (
        "Pakistan deports 3,100 Afghans in a week",
        "PESHAWAR: Pakistani authorities deported 3,100 undocumented Afghans through Torkham in the past week, "
        "officials of the provincial home department said on Saturday.\n\nMost of the deportees had been detained "
        "in raids in Peshawar and Nowshera, the officials said. Aid groups at the crossing said returnees needed "
        "shelter and food.",
    ),
    (
        "Iran expels Afghans at Islam Qala",
        "HERAT: More than 12,000 Afghans returned from Iran through Islam Qala on Tuesday, the Taliban's ministry "
        "of refugees and repatriation said.\n\nIOM said most of the returnees had been deported and many were "
        "young men who had worked in Iran without papers.",
    ),
]
OFF_TOPIC = (
    "Afghanistan beat Pakistan in Sharjah",
    "SHARJAH: Afghanistan beat Pakistan by six wickets on Friday to level the series. Rashid Khan took three "
    "for 19 and Gurbaz scored 87. The third match is on Sunday.",
)
PAGES = [
    (
        "https://news.invalid/border/torkham-returns",
        "Returnees crowd Torkham as Pakistan deportations go on",
        "Thousands of Afghans crossed the Torkham border from Pakistan on Monday, as the deportation of "
        "undocumented Afghans continued. Officials said 8,200 returnees were registered at the crossing. "
        "The UN refugee agency said returnees lacked shelter.",
    ),
    (
        "https://news.invalid/west/iran-deportations",
        "Iran deports Afghans through Islam Qala",
        "Iranian authorities deported 5,400 Afghans through Islam Qala in two days, the provincial refugee "
        "department in Herat said. Many of the deportees said they had been detained in Tehran.",
    ),
    (
        "https://news.invalid/sport/cricket",
        "Afghanistan beat Pakistan in Sharjah",
        "Afghanistan beat Pakistan by six wickets on Friday to level the three-match series. Rashid Khan took "
        "three for 19 and Gurbaz scored 87 off 61 balls. The third match is on Sunday in Sharjah.",
    ),
]
WARC_DATE = "2025-05-02T10:00:00Z"


def _html(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{s}.</p>" for s in body.split(". "))
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>{title}</h1>{paras}</article><footer>Copyright</footer></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, str]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    root = tmp_path_factory.mktemp("batch")
    lines = [json.dumps({"title": t, "text": x, "published": "2025-04-20"}) for t, x in [*ON_TOPIC, OFF_TOPIC]]
    lines.insert(2, '{"title": "broken", "text": ')  # line 3: malformed
    gz = root / "feed.jsonl.gz"
    gz.write_bytes(gzip.compress("\n".join(lines).encode()))
    warc = root / "crawl.warc.gz"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, title, body in PAGES:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(_html(title, body)), http_headers=headers,
                    warc_headers_dict={"WARC-Date": WARC_DATE},
                )
            )  # fmt: skip
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record("https://news.invalid/logo.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=image)
        )  # fmt: skip
    return {"sample": str(jobs.sample_corpus()), "gz": str(gz), "warc": str(warc)}


def _expected_ids(inputs: dict[str, str]) -> set[str]:
    """Ids of every on-topic article, computed without Dask or spaCy."""
    profile = load_profile()
    ids = set()
    for item in iter_items(list(inputs.values()), Settings(db=Path(":memory:"))):
        if isinstance(item, InputError):
            continue
        article = ingest.clean_article(item.raw, item.published)
        if profile.matches(f"{article.title or ''}\n{article.text}"):
            ids.add(article.id)
    return ids


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchall()


def test_reading_streams_every_kind_of_input(inputs):
    items = list(iter_items([inputs["gz"], inputs["warc"]], Settings(db=Path(":memory:"))))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if not isinstance(i, InputError)]
    assert [e.path for e in errors] == [f"{inputs['gz']}:3"]
    assert len(docs) == 3 + 3  # JSONL lines and HTML responses; the PNG is not read
    assert [d.raw.path for d in docs[:3]] == [f"{inputs['gz']}:{n}" for n in (1, 2, 4)]
    assert {d.raw.url for d in docs[3:]} == {url for url, _, _ in PAGES}
    assert {d.fallback_date for d in docs[3:]} == {"2025-05-02"}


def test_batch_on_a_local_cluster_is_complete_and_idempotent(inputs, tmp_path):
    db = tmp_path / "batch.db"
    expected = _expected_ids(inputs)
    ticks: list[int] = []
    start = time.perf_counter()
    summary = run_batch(list(inputs.values()), db, load_profile(), "local", workers=2, partition_size=4, progress=ticks.append)  # fmt: skip
    elapsed = time.perf_counter() - start
    print(f"\nbatch (LocalCluster, 2 workers): {summary.read} read, {summary.processed} parsed in {elapsed:.1f} s "
          f"({summary.read / elapsed:.1f} docs/s including cluster start and model load)")  # fmt: skip
    stored = {r[0] for r in _rows(db, "SELECT id FROM articles")}
    assert stored == expected
    assert summary.added == len(expected)
    assert summary.skipped_by_prefilter == 2  # the cricket report, in the JSONL and in the WARC
    assert len(summary.failed) == 1 and summary.failed[0].startswith(f"{inputs['gz']}:3: invalid JSON")
    assert summary.read == summary.skipped_by_prefilter + summary.added + summary.unchanged + len(summary.failed)
    assert sum(ticks) == summary.read
    assert _rows(db, "SELECT count(*) FROM figures")[0][0] > 0
    # the WARC page without a date of its own takes the crawl date
    assert ("2025-05-02", "crawl") in _rows(
        db, "SELECT published, published_from FROM articles WHERE url LIKE '%invalid/%'"
    )

    again = run_batch(list(inputs.values()), db, load_profile(), "local", workers=2, partition_size=4)
    assert again.added == 0
    assert again.processed == 0  # workers see the store: nothing is parsed twice
    assert again.unchanged == summary.added + summary.unchanged
    assert {r[0] for r in _rows(db, "SELECT id FROM articles")} == expected


def test_sync_scheduler_runs_everything_in_process(inputs, tmp_path):
    db = tmp_path / "sync.db"
    summary = run_batch([inputs["gz"], inputs["warc"]], db, load_profile(), "sync", partition_size=2)
    assert summary.added == 4
    assert summary.skipped_by_prefilter == 2
    assert summary.failed == [f"{inputs['gz']}:3: invalid JSON (Expecting value, column 29)"]
    titles = {r[0] for r in _rows(db, "SELECT title FROM articles")}
    assert titles == {t for t, _ in ON_TOPIC} | {t for _, t, _ in PAGES[:2]}
    # a second run adds nothing
    assert run_batch([inputs["gz"]], db, load_profile(), "sync").added == 0


def test_each_run_is_recorded_with_its_counts_and_failures(inputs, tmp_path):
    """`sitrep runs` shows what every batch did: skipped as off topic, added, already stored, failed."""
    from typer.testing import CliRunner

    from sitrep.cli import app
    from sitrep.store import Store

    db = tmp_path / "runs.db"
    run_batch([inputs["gz"], inputs["warc"]], db, load_profile(), "sync", partition_size=2)
    run_batch([inputs["gz"]], db, load_profile(), "sync")
    with Store(db) as store:
        second, first = store.runs()
    assert first["inputs"] == [inputs["gz"], inputs["warc"]]
    assert (first["read"], first["skipped_by_prefilter"], first["added"], first["failed"]) == (7, 2, 4, 1)
    assert first["failures"] == [f"{inputs['gz']}:3: invalid JSON (Expecting value, column 29)"]
    assert first["profile"] == load_profile().name and first["started_at"] <= first["finished_at"]
    assert (second["added"], second["unchanged"]) == (0, 2)
    shown = CliRunner().invoke(app, ["runs", "--db", str(db), "--limit", "1", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert [r["id"] for r in json.loads(shown.output)] == [second["id"]]


def test_a_retried_partition_duplicates_nothing(inputs, tmp_path):
    """A partition's result delivered twice (a retry after a lost worker) is stored once."""
    from sitrep.batch import BatchSummary, _collect, partitions, process_partition
    from sitrep.store import Store

    profile = load_profile()
    chunk, errors = next(partitions(iter_items([inputs["gz"]], Settings(db=Path(":memory:"))), 10))
    result = process_partition(chunk, profile, None, 32, None)
    summary = BatchSummary()
    with Store(tmp_path / "retry.db") as store:
        _collect(summary, store, chunk, errors, result, None)
        _collect(summary, store, chunk, errors, result, None)
    assert summary.added == 2
    assert summary.unchanged == 2
    assert len(_rows(tmp_path / "retry.db", "SELECT id FROM articles")) == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scheduler": "yarn"}, "choose local, sync or tcp://HOST:PORT"),
        ({"workers": 0}, "must be positive"),
        ({"partition_size": 0}, "must be positive"),
    ],
)
def test_bad_options_say_what_to_do(tmp_path, kwargs, message):
    with pytest.raises(ConfigError, match=message.replace("/", ".")):
        run_batch(["x"], tmp_path / "db", load_profile(), **kwargs)


def test_missing_inputs_are_recorded_not_raised(tmp_path):
    summary = run_batch([str(tmp_path / "nope"), str(tmp_path)], tmp_path / "x.db", load_profile(), "sync")
    assert summary.added == 0
    assert summary.failed[0] == f"{tmp_path / 'nope'}: no such file or directory"
    assert summary.failed[1].startswith(f"{tmp_path}: directory has no .htm, .html, .jsonl")


def _figures(db: Path) -> set[tuple]:
    rows = _rows(db, "SELECT article_id, value, indicator, status, source, as_of, since, sentence FROM figures")
    return {tuple(r) for r in rows}


@pytest.mark.parametrize("scheduler", ["sync", "local"])
def test_batch_gives_the_same_figures_as_ingest(inputs, tmp_path, scheduler):
    """The same articles through `sitrep ingest` (plain JSONL and HTML files) and through batch (JSONL.gz, WARC)."""
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "feed.jsonl").write_text(
        "\n".join(json.dumps({"title": t, "text": x, "published": "2025-04-20"}) for t, x in ON_TOPIC) + "\n"
    )
    for n, (_, title, body) in enumerate(PAGES[:2]):
        (plain / f"page{n}.html").write_bytes(_html(title, body))
    ingested = tmp_path / "ingest.db"
    jobs.ingest_paths([str(plain)], Settings(db=ingested, published="2025-05-02"))
    batched = tmp_path / "batch.db"
    settings = Settings(db=batched, published="2025-05-02")
    run_batch(
        [inputs["gz"], inputs["warc"]], batched, load_profile(), scheduler=scheduler, workers=2, settings=settings
    )
    assert _figures(ingested) and _figures(batched) == _figures(ingested)


def test_warm_up_loads_the_model_and_sends_nothing_back():
    """`client.run` returns what the function returns: a pipeline would be pickled to the driver."""
    from sitrep import nlp
    from sitrep.batch import warm_up

    class Client:  # what warm_up needs of a dask Client: run(fn, *args) on every worker
        def __init__(self) -> None:
            self.returned: list[object] = []

        def run(self, fn, *args):
            self.returned.append(fn(*args))
            return {"tcp://worker": self.returned[-1]}

    client = Client()
    warm_up(client, None)
    assert client.returned == [None]
    assert nlp.load.cache_info().currsize >= 1  # the model is loaded, here as on a worker


def test_the_driver_does_not_keep_partitions_it_has_sent(tmp_path):
    """Dask logs each connection's recent messages, and a partition is one: the log must stay short.

    With Dask's default (1,000 messages) the driver held every partition of a run, ~13 MB per
    1,000 short articles.
    """
    import gc

    from sitrep.batch import Item

    feed = tmp_path / "scores.jsonl"
    feed.write_text(
        "\n".join(
            json.dumps({"title": f"Match {n}", "text": f"Team {n} won by {n} runs on day {n % 5}."}) for n in range(60)
        )
    )
    alive: list[int] = []

    def count_items(_: int) -> None:
        if len(alive) % 10 == 0 or len(alive) >= 55:
            gc.collect()
            alive.append(sum(isinstance(o, Item) for o in gc.get_objects()))
        else:
            alive.append(0)

    summary = run_batch([str(feed)], tmp_path / "x.db", load_profile(), "local", workers=1, partition_size=1, progress=count_items)  # fmt: skip
    assert summary.skipped_by_prefilter == 60
    assert max(alive) < 30  # a few in flight and the last messages logged, not all 60
