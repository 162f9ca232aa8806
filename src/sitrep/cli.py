"""The ``sitrep`` command: a thin Typer + Rich layer over :mod:`sitrep.jobs` and the store.

Every command parses options, builds one :class:`~sitrep.settings.Settings` in
``_settings``, calls the library and formats the result. Errors from the library become
one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep import export as exporting
from sitrep import jobs
from sitrep.actors import build_actors
from sitrep.contradictions import stored_flags
from sitrep.errors import SitrepError
from sitrep.evaluate import FIELDS
from sitrep.records import SCHEMA_VERSION, Figure
from sitrep.report import render_report
from sitrep.series import latest_picture, stored_series
from sitrep.settings import DEFAULT_MAX_BYTES, Settings, as_store_location
from sitrep.store import FigureFilter, Store
from sitrep.store_pg import open_store

app = typer.Typer(
    help="sitrep: turn news articles about a displacement crisis into a sourced situation picture.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store: a SQLite file or postgresql://… (default: $SITREP_DB or the user data dir)."),
]
IndicatorOption = Annotated[str | None, typer.Option(help="deported, returned, arrested, population, ...")]
StatusOption = Annotated[str | None, typer.Option(help="undocumented, acc, por, refugee or any.")]
SourceOption = Annotated[str | None, typer.Option(help="Normalised source name, e.g. unhcr.")]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for every input (wins over clues).")
]


def _settings(
    db: str | Path | None = None,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    dates: Path | None = None,
) -> Settings:
    """The one place the CLI builds settings."""
    kwargs: dict[str, Any] = {"published": published, "max_bytes": max_bytes, "dates_file": dates}
    if db is not None:
        kwargs["db"] = as_store_location(str(db)) if not isinstance(db, Path) else db
    return Settings(**kwargs)


def _friendly(fn: F) -> F:
    """Turn sitrep errors into one line on stderr and exit code 2."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SitrepError as exc:
            err.print(f"sitrep: error: {exc}", markup=False)
            raise typer.Exit(2) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def _run_ingest(paths: list[str], settings: Settings, quiet: bool = False) -> jobs.IngestSummary:
    with Progress(
        TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=quiet or not err.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task("ingest", total=None)
        summary = jobs.ingest_paths(paths, settings, progress=lambda n: bar.advance(task, n))
    for warning in summary.warnings:
        err.print(f"sitrep: warning: {warning}", markup=False)
    for e in summary.errors:
        err.print(f"sitrep: error: {e}", markup=False)
    return summary


@app.command()
@_friendly
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl), directories, or - for stdin.")],
    published: PublishedOption = None,
    db: DbOption = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    dates: Annotated[
        Path | None, typer.Option("--dates", help="JSON of file name -> publication date (published.json is read too).")
    ] = None,
) -> None:
    """Ingest articles into the store; the same article twice changes nothing.

    Example: sitrep ingest news/ --db crisis.db --dates news/published.json
    """
    settings = _settings(db, published, max_bytes, dates)
    _finish(_run_ingest(paths, settings), settings, "already stored")


def _finish(summary: jobs.IngestSummary, settings: Settings, unchanged: str) -> None:
    """The one-line result of an ingest or fetch; exit 1 if any input failed."""
    out.print(
        f"{summary.added} article(s) added, {summary.unchanged} {unchanged}, {summary.figures} figures, "
        f"{summary.quotes} quotes, {len(summary.errors)} error(s) → {settings.db}"
    )
    if summary.errors:
        raise typer.Exit(1)


def _figure_rows(rows: list[tuple[Figure, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [{**f.as_dict(), "outlet": meta.get("outlet"), "published": meta.get("published")} for f, meta in rows]


def _emit(records: list[dict[str, Any]], fmt: Format, columns: list[str], title: str) -> None:
    if fmt is Format.json:
        out.print(json.dumps(records, ensure_ascii=False, indent=2), markup=False)
    elif fmt is Format.jsonl:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        records = [
            {k: "; ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in r.items()} for r in records
        ]
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(records[0]) if records else columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)
        sys.stdout.write(buf.getvalue())
    else:
        table = Table(title=title, show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold", justify="right" if c == "value" else "left")
        for r in records:
            table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
        out.print(table)


FIGURE_COLUMNS = ["value", "qualifier", "indicator", "status", "as_of", "since", "source", "outlet", "counted"]


@app.command()
@_friendly
def figures(
    indicator: IndicatorOption = None,
    source: SourceOption = None,
    status: StatusOption = None,
    since: Annotated[str | None, typer.Option(help="As-of date on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="As-of date on or before.")] = None,
    article: Annotated[str | None, typer.Option(help="Article id (or its prefix).")] = None,
    all_segments: Annotated[bool, typer.Option("--all", help="Include figures of appended unrelated stories.")] = False,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
) -> None:
    """List stored figures.

    Example: sitrep figures --indicator deported --format csv
    """
    flt = FigureFilter(indicator, source, status, since, until, article, not all_segments)
    with open_store(_settings(db).db) as store:
        rows = _figure_rows(store.figures(flt))
    _emit(rows, fmt, FIGURE_COLUMNS, "Figures")


@app.command()
@_friendly
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Normalised speaker name.")] = None,
    article: Annotated[str | None, typer.Option(help="Article id (or its prefix).")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
) -> None:
    """List stored direct quotes with their speakers.

    Example: sitrep quotes --speaker unhcr
    """
    with open_store(_settings(db).db) as store:
        rows = [q.as_dict() for q in store.quotes(speaker, article)]
    _emit(rows, fmt, ["speaker", "speaker_role", "quote"], "Quotes")


class What(StrEnum):
    figures = "figures"
    quotes = "quotes"
    events = "events"


@app.command()
@_friendly
def extract(
    file: Annotated[str, typer.Argument(help="A .txt, .html or .jsonl file, or - for stdin.")],
    published: PublishedOption = None,
    what: Annotated[What, typer.Option("--what", help="figures, quotes or events.")] = What.figures,
    fmt: Annotated[Format, typer.Option("--format")] = Format.jsonl,
) -> None:
    """Extract without a store: one JSON object per figure (or quote) on stdout.

    Example: sitrep extract article.txt --published 2025-04-18 --format jsonl
    """
    settings = _settings(published=published)
    summary = jobs.IngestSummary()
    records: list[dict[str, Any]] = []
    for extraction in jobs.extract_paths([file], settings, summary):
        items = {What.figures: extraction.figures, What.quotes: extraction.quotes, What.events: extraction.events}[what]
        records.extend(item.as_dict() for item in items)
    for e in summary.errors:
        err.print(f"sitrep: error: {e}", markup=False)
    columns = {
        What.figures: FIGURE_COLUMNS,
        What.quotes: ["speaker", "speaker_role", "quote"],
        What.events: ["date", "type", "actors", "plover", "sentence"],
    }[what]
    _emit(records, fmt, columns, what.value.title())
    if summary.errors:
        raise typer.Exit(1)


@app.command(name="eval")
@_friendly
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of gold .jsonl files with published.json.")],
    articles: Annotated[Path, typer.Option("--articles", help="Directory of the annotated articles.")],
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    details: Annotated[bool, typer.Option("--details", help="List every mismatch.")] = False,
) -> None:
    """Score extraction against gold annotations (precision, recall, F1, field accuracy).

    Example: sitrep eval ../shared/gold --articles ../shared/seeds
    """
    if not gold_dir.is_dir():
        raise SitrepError(f"{gold_dir}: gold directory not found")
    if not articles.is_dir():
        raise SitrepError(f"{articles}: articles directory not found")
    report = jobs.evaluate_gold(gold_dir, articles, _settings())
    if fmt == "json":
        data = report.as_dict()
        if details:
            data["mismatches"] = report.mismatches
        out.print(json.dumps(data, indent=2), markup=False)
        return
    table = Table(title="Figures (on-topic; vague and malformed left out)")
    for c in ("measure", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(c, justify="left" if c == "measure" else "right")
    for name, c in (
        ("value+indicator", report.value_indicator),
        ("value only", report.value_only),
        ("quotes", report.quotes),
        ("events (type+date)", report.events),
    ):
        if c.tp + c.fp + c.fn == 0:
            table.add_row(name, "n/a", "n/a", "n/a", "0", "0", "0")  # not annotated in this gold
            continue
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp), str(c.fp), str(c.fn))
    out.print(table)
    acc = Table(title=f"Field accuracy over {report.matched} matched figures")
    acc.add_column("field")
    acc.add_column("accuracy", justify="right")
    for name in FIELDS:
        acc.add_row(name, f"{report.accuracy(name):.3f}")
    acc.add_row("quote speaker", f"{report.speaker_accuracy:.3f}")
    out.print(acc)
    per = Table(title="Per article (value+indicator)")
    for c in ("article", "P", "R", "F1"):
        per.add_column(c)
    for name, d in report.per_article.items():
        per.add_row(name, f"{d['precision']:.2f}", f"{d['recall']:.2f}", f"{d['f1']:.2f}")
    out.print(per)
    if details:
        for m in report.mismatches:
            out.print(json.dumps(m, ensure_ascii=False), markup=False)


@app.command()
@_friendly
def demo(
    db: Annotated[Path | None, typer.Option("--db", help="Store to fill (default: a fresh temporary file).")] = None,
) -> None:
    """Ingest the bundled sample corpus into a fresh store and print its figures by indicator.

    Example: sitrep demo
    """
    target = db or Path(tempfile.mkdtemp(prefix="sitrep-demo-")) / "demo.db"
    settings = _settings(target)
    corpus = jobs.sample_corpus()
    err.print(f"Ingesting the sample corpus ({corpus}) into {target} ...", markup=False)
    summary = _run_ingest([str(corpus)], settings)
    with open_store(settings.db) as store:
        rows = _figure_rows(store.figures())
    by_indicator: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_indicator.setdefault(r["indicator"], []).append(r)
    for indicator, items in sorted(by_indicator.items()):
        _emit(
            items,
            Format.table,
            ["value", "qualifier", "status", "as_of", "source", "outlet"],
            f"{indicator} ({len(items)})",
        )
    out.print(
        f"{summary.added} articles, {summary.figures} figures, {summary.quotes} quotes stored in {target}. "
        f"Next: sitrep figures --db {target} --indicator deported"
    )


def main() -> None:  # pragma: no cover - console script entry
    app()


def _store(db: Path | None) -> Store:
    return open_store(_settings(db).db)


@app.command()
@_friendly
def series(
    indicator: IndicatorOption = None,
    status: StatusOption = None,
    source: SourceOption = None,
    location: Annotated[str | None, typer.Option(help="Place the figures are about.")] = None,
    vague: Annotated[bool, typer.Option("--vague", help="Include vague magnitudes ('millions').")] = False,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
) -> None:
    """Time series per indicator, one line per source, with the latest picture across sources.

    Example: sitrep series --indicator deported --format json
    """
    with _store(db) as store:
        lines = stored_series(store, indicator, status, source, location, vague)
    pictures = latest_picture(lines)
    if fmt is Format.json:
        data = {"schema_version": SCHEMA_VERSION, "series": [s.as_dict() for s in lines],
                "latest": [p.as_dict() for p in pictures]}  # fmt: skip
        out.print(json.dumps(data, ensure_ascii=False, indent=2), markup=False)
        return
    rows = [
        {"indicator": s.indicator, "status": s.status, "measure": s.measure, "source": s.source, **p.as_dict(),
         "date": (p.date or "") + ("*" if p.dated_by_publication else "")}
        for s in lines
        for p in s.points
    ]  # fmt: skip
    columns = ["indicator", "status", "measure", "source", "date", "value", "qualifier", "outlet"]
    _emit(rows, fmt, columns, "Series (* = dated by publication)")
    if fmt is Format.table:
        for p in pictures:
            out.print(
                f"[bold]{p.indicator}[/bold] ({p.status}, {p.measure}): {p.low:,} ({', '.join(p.low_sources)}) "
                f"to {p.high:,} ({', '.join(p.high_sources)}) across {len(p.latest)} source(s)"
            )


@app.command()
@_friendly
def contradictions(
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
) -> None:
    """Conflicting figures, falling running totals, malformed numbers, headline/body mismatches.

    Example: sitrep contradictions --format json
    """
    with _store(db) as store:
        flags = stored_flags(store)
    if fmt is Format.json:
        data = {"schema_version": SCHEMA_VERSION, "flags": [f.as_dict() for f in flags]}
        out.print(json.dumps(data, ensure_ascii=False, indent=2), markup=False)
        return
    rows = [{"severity": f.severity, "type": f.type, "explanation": f.explanation} for f in flags]
    _emit(rows, fmt, ["severity", "type", "explanation"], f"{len(flags)} flag(s)")


@app.command()
@_friendly
def events(
    type_: Annotated[str | None, typer.Option("--type", help="policy_announced, deadline, meeting, ...")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
) -> None:
    """The timeline of dated events of the stored stories.

    Example: sitrep events --type deadline
    """
    with _store(db) as store:
        rows = [e.as_dict() for e in store.events(type_)]
    _emit(rows, fmt, ["date", "type", "actors", "plover", "sentence"], "Events")


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    hxl = "hxl"


class ExportWhat(StrEnum):
    figures = "figures"
    events = "events"
    quotes = "quotes"
    series = "series"


@app.command()
@_friendly
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="csv, json, jsonl or hxl (HXL-tagged CSV).")],
    what: Annotated[ExportWhat, typer.Option("--what")] = ExportWhat.figures,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    db: DbOption = None,
) -> None:
    """Export figures, events, quotes or series for other tools (HXL for HDX).

    Example: sitrep export --format hxl --what figures --out figures.hxl.csv
    """
    with _store(db) as store:
        text = exporting.render(exporting.records(store, what.value), what.value, fmt.value)
    if out_file:
        out_file.write_text(text, encoding="utf-8")
        err.print(f"wrote {out_file}", markup=False)
    else:
        sys.stdout.write(text)


@app.command()
@_friendly
def actors(
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
) -> None:
    """Everyone the stored stories quote or cite: kind, country, roles and activity.

    Example: sitrep actors --format json
    """
    with _store(db) as store:
        figs = [f for f, _ in store.figures()]
        table = build_actors(figs, store.quotes(), store.events())
    _emit([a.as_dict() for a in table], fmt, ["name", "kind", "country", "roles", "institution", "figures", "quotes",
                                              "events"], "Actors")  # fmt: skip


class ReportFormat(StrEnum):
    html = "html"
    md = "md"


@app.command()
@_friendly
def report(
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="html (one self-contained file) or md.")
    ] = ReportFormat.md,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write to this file (charts of md go beside it).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Report title.")] = None,
    db: DbOption = None,
) -> None:
    """A situation report: headline numbers, charts, timeline, flags, quotes and sources, all footnoted.

    Example: sitrep report --format html --out sitrep.html
    """
    assets = None
    if out_file is not None and fmt is ReportFormat.md:
        assets = out_file.parent / f"{out_file.stem}_charts"
    with _store(db) as store:
        text = render_report(store, fmt.value, title, assets)
    if out_file:
        out_file.write_text(text, encoding="utf-8")
        err.print(f"wrote {out_file}", markup=False)
    else:
        sys.stdout.write(text)


@app.command()
@_friendly
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="SITREP_TOKEN", help="Enables uploads (POST /api/v1/ingest) with this bearer token."),
    ] = None,
) -> None:
    """Serve the REST API (/api/v1, docs at /api/docs) and the web dashboard (/).

    Example: sitrep serve --db crisis.db --port 8000
    """
    try:
        from sitrep.api import serve as run
    except ImportError:
        raise SitrepError("the API needs its extra: pip install -e '.[api]' (fastapi, uvicorn)") from None
    settings = _settings(db)
    err.print(f"sitrep: serving {settings.db} on http://{host}:{port}/ (API docs at /api/docs)", markup=False)
    run(settings.db, host=host, port=port, token=token)


@app.command()
@_friendly
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Directories, .jsonl(.gz), .warc(.gz) files; local or fsspec URLs.")
    ],
    scheduler: Annotated[
        str, typer.Option(help="local (a LocalCluster), sync (in process) or tcp://HOST:PORT.")
    ] = "local",
    workers: Annotated[int, typer.Option(help="Worker processes of the local cluster.")] = 2,
    partition_size: Annotated[int, typer.Option(help="Articles per task.")] = 200,
    profile: Annotated[Path | None, typer.Option(help="Topic profile TOML (default: Afghan returns).")] = None,
    published: PublishedOption = None,
    db: DbOption = None,
) -> None:
    """Process many articles on Dask: prefilter by topic, extract, store; failures are recorded, not fatal.

    Example: sitrep batch news.jsonl.gz crawl.warc.gz --workers 2 --db crisis.db
    """
    try:
        from sitrep.batch import run_batch
        from sitrep.profiles import load_profile
    except ImportError:
        raise SitrepError("batch needs its extra: pip install -e '.[batch]' (dask, fsspec, warcio)") from None
    settings = _settings(db, published)
    with Progress(
        TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task("batch", total=None)
        summary = run_batch(
            inputs, settings.db, load_profile(profile), scheduler, workers, partition_size,
            progress=lambda n: bar.advance(task, n), settings=settings,
        )  # fmt: skip
    for line in summary.failed:
        err.print(f"sitrep: error: {line}", markup=False)
    out.print(
        f"{summary.read} read, {summary.skipped_by_prefilter} off-topic skipped, {summary.added} added, "
        f"{summary.unchanged} already stored, {len(summary.failed)} failed → {settings.db}"
    )
    if summary.failed:
        raise typer.Exit(1)


@app.command()
@_friendly
def runs(
    limit: Annotated[int, typer.Option(help="How many of the latest runs.")] = 20,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
) -> None:
    """The latest `sitrep batch` runs: inputs, profile, counts; failure lines in json/jsonl/csv.

    Example: sitrep runs --limit 1 --format json
    """
    with _store(db) as store:
        records = store.runs(limit)
    _emit(records, fmt, ["started_at", "finished_at", "inputs", "profile", "read", "skipped_by_prefilter", "added",
                         "unchanged", "failed"], "Batch runs")  # fmt: skip


@app.command()
@_friendly
def fetch(
    urls: Annotated[list[str], typer.Argument(help="Article URLs (http/https).")],
    db: DbOption = None,
    published: PublishedOption = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow loopback/private addresses.")] = False,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse responses larger than this (decompressed).")
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """Fetch article pages and ingest them; an unchanged page costs one conditional GET.

    Example: sitrep fetch https://example.org/news/story --db crisis.db
    """
    from sitrep import fetch as fetching

    settings = _settings(db, published, max_bytes)
    summary = fetching.fetch_urls(
        urls, settings, fetching.FetchSettings(allow_private=allow_private, max_bytes=max_bytes)
    )
    for e in summary.errors:
        err.print(f"sitrep: error: {e}", markup=False)
    _finish(summary, settings, "unchanged")


@app.command()
@_friendly
def watch(
    feed: Annotated[list[str], typer.Option("--feed", help="RSS/Atom feed URL (repeatable).")],
    every: Annotated[str, typer.Option(help="Polling interval: 90s, 15m, 2h.")] = "15m",
    iterations: Annotated[int | None, typer.Option(help="Stop after N rounds (default: run until stopped).")] = None,
    db: DbOption = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow loopback/private addresses.")] = False,
) -> None:
    """Poll RSS/Atom feeds and ingest new items; seen URLs and unchanged feeds cost nothing.

    Example: sitrep watch --feed https://example.org/rss --every 15m --db crisis.db
    """
    from sitrep import fetch as fetching

    settings = _settings(db)
    rounds = fetching.watch(
        feed, fetching.parse_interval(every), iterations, settings=settings,
        fetch_settings=fetching.FetchSettings(allow_private=allow_private),
    )  # fmt: skip
    for r in rounds:
        for e in [*r.errors, *r.ingest.errors]:
            err.print(f"sitrep: error: {e}", markup=False)
        out.print(
            f"round {r.n}: {r.items_new} new item(s), {r.ingest.added} added, {r.feeds_unchanged} feed(s) unchanged"
        )
