"""Batch ingest on Dask: the same extraction as ``sitrep ingest``, spread over worker processes.

``run_batch`` reads top to bottom:

1. the driver streams raw documents from the inputs (directories, text/HTML files, JSONL and
   gzipped JSONL, WARC files; local paths or fsspec URLs) and cuts them into partitions;
2. each partition goes to a worker, at most two per worker in flight, so memory stays bounded;
3. the worker cleans each document, drops those the topic profile rejects (no parsing),
   skips those already in the store when it can see the store, and runs
   :func:`sitrep.pipeline.process_many` on the rest with its once-loaded spaCy model;
4. the worker returns plain dicts; the driver alone writes them with :meth:`Store.add`;
5. the run's counts (read, skipped as off topic, added, already stored) and every failure line
   are kept in the store's ``batch_runs`` table (``sitrep runs``).

Article ids are content hashes and ``Store.add`` ignores stored articles, so a partition that
is retried after a worker dies, or a whole run repeated, stores nothing twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep import ingest, jobs, nlp, pipeline
from sitrep.errors import ConfigError, InputError
from sitrep.profiles import Profile
from sitrep.records import Article, Event, Extraction, Figure, Quote
from sitrep.settings import Settings, is_url
from sitrep.store import Store
from sitrep.store_pg import open_store

Progress = Callable[[int], None]
# Dask keeps the last `low-level-log-length` messages of every connection for debugging (1,000 by
# default), and a partition of short articles is one message under its 1 MB cut-off: the driver
# kept every partition it had sent (+400 MB for 30,000 JSONL articles). Ten is enough to debug.
DASK_CONFIG = {"distributed.admin.low-level-log-length": 10}
JSONL_GZ = (".jsonl.gz", ".ndjson.gz")
WARC = (".warc", ".warc.gz")
BATCH_SUFFIXES = tuple(sorted(ingest.SUFFIXES)) + JSONL_GZ + WARC


@dataclass
class BatchSummary:
    """What one batch run did: ``read == skipped_by_prefilter + added + unchanged + len(failed)``."""

    read: int = 0
    skipped_by_prefilter: int = 0
    processed: int = 0  # articles parsed by spaCy
    added: int = 0
    unchanged: int = 0  # already stored (before parsing, or found on writing)
    failed: list[str] = field(default_factory=list)  # one line each: "where: reason"

    def run_record(self, started: str, finished: str, inputs: list[str], profile: str) -> dict[str, Any]:
        """The row ``Store.record_run`` keeps (``store.RUN_COLUMNS``)."""
        counts = {k: getattr(self, k) for k in ("read", "skipped_by_prefilter", "processed", "added", "unchanged")}
        return {"id": uuid.uuid4().hex, "started_at": started, "finished_at": finished, "inputs": list(inputs),
                "profile": profile, **counts, "failed": len(self.failed), "failures": list(self.failed)}  # fmt: skip


@dataclass(frozen=True)
class Item:
    """One raw document in a partition, with the dates the driver knows for it."""

    raw: ingest.RawDocument
    published: str | None = None  # forced (published.json beside the inputs, --published)
    fallback_date: str | None = None  # used only when the page gives none (WARC-Date)


# ---------------------------------------------------------------- reading (driver)


def iter_items(inputs: list[str], settings: Settings) -> Iterator[Item | InputError]:
    """Raw documents of every input, streamed; unreadable inputs come back as error values."""
    local_dirs = [p for p in inputs if "://" not in p and Path(p).is_dir()]
    known = jobs.publication_dates(local_dirs, settings.dates_file)
    for name in _expand(inputs):
        if isinstance(name, InputError):
            yield name
            continue
        forced = settings.published or known.get(Path(name).name)
        lower = name.lower()
        try:
            if lower.endswith(WARC):
                yield from _read_warc(name, settings.max_bytes)
            elif lower.endswith(JSONL_GZ) or lower.endswith(tuple(ingest.JSONL_SUFFIXES)):
                yield from (Item(r, forced) if isinstance(r, ingest.RawDocument) else r for r in _read_jsonl(name))
            elif lower.endswith(".gz"):
                yield InputError(name, "only .jsonl.gz and .warc.gz are read compressed; gunzip other files")
            else:
                yield from (
                    Item(r, forced) if isinstance(r, ingest.RawDocument) else r
                    for r in _read_file(name, settings.max_bytes)
                )
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield InputError(name, f"cannot read: {exc}")


def _expand(inputs: list[str]) -> Iterator[str | InputError]:
    import fsspec

    for p in inputs:
        try:
            fs, path = fsspec.core.url_to_fs(p)
            if not fs.exists(path):
                yield InputError(p, "no such file or directory")
            elif fs.isdir(path):
                files = sorted(f for f in fs.find(path) if f.lower().endswith(BATCH_SUFFIXES))
                if not files:
                    yield InputError(p, f"directory has no {', '.join(BATCH_SUFFIXES)} files")
                yield from (fs.unstrip_protocol(f) if "://" in p else f for f in files)
            else:
                yield p
        except (OSError, ValueError, ImportError) as exc:
            yield InputError(p, f"cannot open ({exc}); give a local path or an fsspec URL such as s3://bucket/key")


def _read_file(name: str, max_bytes: int) -> Iterator[ingest.RawDocument | InputError]:
    import fsspec

    with fsspec.open(name, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError(name, f"file is over the {max_bytes:,}-byte limit (--max-bytes)")
        return
    try:
        text, warnings = ingest.decode(data, name)
    except InputError as exc:
        yield exc
        return
    is_html = name.lower().endswith(tuple(ingest.HTML_SUFFIXES)) or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    )
    yield ingest.RawDocument(
        path=name, html=text if is_html else None, text=None if is_html else text, warnings=warnings
    )


def _read_jsonl(name: str) -> Iterator[ingest.RawDocument | InputError]:
    """One line at a time, so a JSONL file of any size streams; each line is read by the ingest rules."""
    import fsspec

    with fsspec.open(name, "rt", compression="infer", encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            for r in ingest._read_jsonl(line, name, ()):
                where = f"{name}:{n}"
                yield (
                    dataclasses.replace(r, path=where)
                    if isinstance(r, ingest.RawDocument)
                    else InputError(where, r.reason)
                )


def _read_warc(name: str, max_bytes: int) -> Iterator[Item | InputError]:
    """HTML responses of a WARC file: the URL from WARC-Target-URI, WARC-Date as a fallback date."""
    import fsspec
    from warcio.archiveiterator import ArchiveIterator

    with fsspec.open(name, "rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if "text/html" not in (record.http_headers.get_header("Content-Type") or "").lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#{url}"
            data = record.content_stream().read(max_bytes + 1)
            if len(data) > max_bytes:
                yield InputError(where, f"response is over the {max_bytes:,}-byte limit (--max-bytes)")
                continue
            try:
                text, warnings = ingest.decode(data, where)
            except InputError as exc:
                yield exc
                continue
            date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            yield Item(ingest.RawDocument(path=where, html=text, url=url, warnings=warnings), fallback_date=date)


def partitions(items: Iterable[Item | InputError], size: int) -> Iterator[tuple[list[Item], list[InputError]]]:
    """Items in lists of ``size``, with the read errors met along the way."""
    chunk: list[Item] = []
    errors: list[InputError] = []
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
        else:
            chunk.append(item)
        if len(chunk) >= size:
            yield chunk, errors
            chunk, errors = [], []
    if chunk or errors:
        yield chunk, errors


# ---------------------------------------------------------------- one partition (worker)


def process_partition(
    items: list[Item], profile: Profile, model: str | None, batch_size: int, db: str | None
) -> dict[str, Any]:
    """Clean, prefilter and extract one partition; plain data back, nothing written.

    ``db`` is the store's path: when the worker can see it, stored articles are skipped
    before parsing (a re-run costs no NLP). A remote worker that cannot see it parses them
    and the driver's ``Store.add`` finds them unchanged.
    """
    out: dict[str, Any] = {"extractions": [], "skipped": 0, "unchanged": 0, "failed": []}
    articles: list[Article] = []
    stored = open_store(db) if db and (is_url(db) or Path(db).exists()) else None
    try:
        seen: set[str] = set()
        for item in items:
            try:
                article = ingest.clean_article(item.raw, item.published)
            except InputError as exc:
                out["failed"].append(str(exc))
                continue
            if article.published is None and item.fallback_date:
                article = dataclasses.replace(article, published=item.fallback_date, published_from="crawl")
            if not profile.matches(f"{article.title or ''}\n{article.text}"):
                out["skipped"] += 1
            elif article.id in seen or (stored is not None and stored.has_article(article.id)):
                out["unchanged"] += 1
            else:
                seen.add(article.id)
                articles.append(article)
    finally:
        if stored is not None:
            stored.close()
    language = nlp.load(model)  # cached: once per worker process
    try:
        out["extractions"] = [e.as_dict() for e in pipeline.process_many(articles, language, batch_size)]
    except Exception:  # one bad article must not sink its partition: redo them one by one
        for article in articles:
            try:
                out["extractions"].append(pipeline.process(article, language).as_dict())
            except Exception as exc:  # recorded, with the article, and the run goes on
                out["failed"].append(f"{article.path}: extraction failed ({type(exc).__name__}: {exc})")
    return out


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    """The inverse of ``Extraction.as_dict()``."""
    return Extraction(
        article=Article.from_dict(data["article"]),
        figures=tuple(Figure.from_dict(f) for f in data["figures"]),
        quotes=tuple(Quote.from_dict(q) for q in data["quotes"]),
        events=tuple(Event.from_dict(e) for e in data["events"]),
    )


# ---------------------------------------------------------------- the run (driver)


def run_batch(
    inputs: list[str],
    db: str | Path,
    profile: Profile,
    scheduler: str = "local",
    workers: int = 2,
    partition_size: int = 200,
    progress: Progress | None = None,
    settings: Settings | None = None,
) -> BatchSummary:
    """Extract and store every on-topic article of ``inputs``.

    ``scheduler`` is ``"local"`` (a LocalCluster of ``workers`` single-threaded processes),
    ``"tcp://HOST:PORT"`` (a running Dask scheduler whose workers have sitrep and its model
    installed) or ``"sync"`` (everything in this process, for debugging).
    ``settings`` gives the model, the byte limit, the spaCy batch size and forced dates.
    """
    if workers < 1 or partition_size < 1:
        raise ConfigError(f"workers and partition size must be positive, got {workers} and {partition_size}")
    if scheduler not in ("local", "sync") and not scheduler.startswith("tcp://"):
        raise ConfigError(f"unknown scheduler {scheduler!r}: choose local, sync or tcp://HOST:PORT")
    settings = settings or Settings(db=Path(db))
    summary = BatchSummary()
    args = (profile, settings.model, settings.batch_size, str(db))
    # 1. stream partitions from the inputs
    parts = partitions(iter_items(inputs, settings), partition_size)
    started = _utc_now()
    with open_store(db) as store:
        if scheduler == "sync":
            for chunk, errors in parts:
                _collect(summary, store, chunk, errors, process_partition(chunk, *args), progress)
        else:
            _run_on_dask(scheduler, workers, settings, parts, args, summary, store, progress)
        # 5. what the run did is kept with the data: `sitrep runs`
        store.record_run(summary.run_record(started, _utc_now(), inputs, profile.name))
    return summary


def _run_on_dask(scheduler, workers, settings, parts, args, summary, store, progress) -> None:  # type: ignore[no-untyped-def]
    import dask
    from dask.distributed import Client

    with dask.config.set(DASK_CONFIG):
        cluster = local_cluster(workers) if scheduler == "local" else None
        try:
            try:
                client = Client(cluster or scheduler, timeout="20s")
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler {scheduler}: {exc}; is it running?") from None
            with client:
                warm_up(client, settings.model)
                slots = max(workers, len(client.nthreads()))
                _run_distributed(client, parts, args, summary, store, progress, slots)
        finally:
            if cluster is not None:
                cluster.close()


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def local_cluster(workers: int):  # type: ignore[no-untyped-def]
    """The cluster of ``scheduler="local"``: ``workers`` single-threaded processes, no dashboard.

    Public so that a benchmark can start it (and load the model) before timing ``run_batch``
    against its address.
    """
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set(DASK_CONFIG):  # for its scheduler and, through the nannies, its workers
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )


def warm_up(client, model: str | None) -> None:  # type: ignore[no-untyped-def]
    """Load the model once on every worker, before the first partition."""
    client.run(_load_model, model)


def _load_model(model: str | None) -> None:
    # Returns nothing: `client.run(nlp.load)` would pickle each worker's pipeline (tens of MB)
    # back to the driver and unpickle it there, ~0.7 s and ~90 MB of driver memory per run.
    nlp.load(model)


def _run_distributed(client, parts, args, summary, store, progress, slots: int) -> None:  # type: ignore[no-untyped-def]
    from dask.distributed import as_completed

    # 2. at most two partitions per worker in flight: the driver reads no further ahead
    running = as_completed()
    by_key: dict[str, tuple[list[Item], list[InputError]]] = {}

    def submit(chunk: list[Item], errors: list[InputError]) -> None:
        future = client.submit(process_partition, chunk, *args, retries=2, pure=False)
        by_key[future.key] = (chunk, errors)
        running.add(future)

    for chunk, errors in parts:
        submit(chunk, errors)
        if len(by_key) >= 2 * slots:
            _drain_one(running, by_key, summary, store, progress)
    while by_key:
        _drain_one(running, by_key, summary, store, progress)


def _drain_one(running, by_key, summary, store, progress) -> None:  # type: ignore[no-untyped-def]
    future = next(running)
    chunk, errors = by_key.pop(future.key)
    try:
        result = future.result()
    except Exception as exc:  # a partition whose worker died past its retries: recorded, the run goes on
        reason = f"partition lost ({type(exc).__name__}: {exc}); run the batch again to retry it"
        result = {"extractions": [], "skipped": 0, "unchanged": 0, "failed": [f"{i.raw.path}: {reason}" for i in chunk]}
    future.release()
    _collect(summary, store, chunk, errors, result, progress)


def _collect(summary: BatchSummary, store: Store, chunk: list[Item], errors: list[InputError],
             result: dict[str, Any], progress: Progress | None) -> None:  # fmt: skip
    # 4. the driver writes; Store.add is idempotent
    summary.read += len(chunk) + len(errors)
    summary.failed.extend(str(e) for e in errors)
    summary.failed.extend(result["failed"])
    summary.skipped_by_prefilter += result["skipped"]
    summary.unchanged += result["unchanged"]
    for data in result["extractions"]:
        summary.processed += 1
        if store.add(extraction_from_dict(data)):
            summary.added += 1
        else:
            summary.unchanged += 1
    if progress:
        progress(len(chunk) + len(errors))
