"""Whole jobs built from the stages, shared by the CLI and (later) the API.

Each job takes plain arguments and a :class:`~sitrep.settings.Settings`, reports progress
through an optional callback and returns plain data; none of them prints.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sitrep import evaluate as ev
from sitrep import ingest, nlp, pipeline
from sitrep.errors import ConfigError, InputError
from sitrep.records import Article, Extraction
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store_pg import open_store

Progress = Callable[[int], None]


@dataclass
class IngestSummary:
    """What one ingest run did."""

    added: int = 0
    unchanged: int = 0
    figures: int = 0
    quotes: int = 0
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def sample_corpus() -> Path:
    """The bundled sample corpus (written by the sitrep team)."""
    return Path(str(resources.files("sitrep").joinpath("sample", "corpus")))


def publication_dates(paths: list[str], dates_file: Path | None) -> dict[str, str]:
    """File name -> publication date, from ``dates_file`` and any ``published.json`` beside the inputs.

    The format is that of the gold's ``published.json``: ``{"a.txt": "2025-04-18"}`` or
    ``{"a.txt": {"published": "2025-04-18", "reason": "..."}}``.
    """
    files = [dates_file] if dates_file else []
    files += [Path(p) / "published.json" for p in paths if p != "-" and Path(p).is_dir()]
    out: dict[str, str] = {}
    for f in files:
        if not f.exists():
            if f == dates_file:
                raise ConfigError(f"{f}: dates file not found")
            continue
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{f}: not a JSON object of file name -> date ({exc})") from None
        for name, entry in data.items():
            date = entry.get("published") if isinstance(entry, dict) else entry
            if isinstance(date, str):
                out.setdefault(name, date)
    return out


def read_articles(paths: list[str], settings: Settings, summary: IngestSummary) -> Iterator[Article]:
    """Articles from ``paths``; inputs that cannot be read are recorded in ``summary.errors``."""
    known = publication_dates(paths, settings.dates_file)
    for item in ingest.iter_inputs(paths, settings.max_bytes):
        if isinstance(item, InputError):
            summary.errors.append(item)
            continue
        summary.warnings.extend(item.warnings)
        published = settings.published or known.get(Path(item.path).name)
        try:
            yield ingest.clean_article(item, published)
        except InputError as exc:
            summary.errors.append(exc)


def extract_paths(paths: list[str], settings: Settings, summary: IngestSummary | None = None) -> Iterator[Extraction]:
    """Stateless extraction: figures and quotes of every article under ``paths``."""
    summary = summary if summary is not None else IngestSummary()
    model = nlp.load(settings.model)
    yield from pipeline.process_many(read_articles(paths, settings, summary), model, settings.batch_size)


def ingest_paths(paths: list[str], settings: Settings, progress: Progress | None = None) -> IngestSummary:
    """Read, extract and store every article under ``paths``; each article is one transaction."""
    summary = IngestSummary()
    with open_store(settings.db) as store:
        fresh = _only_new(read_articles(paths, settings, summary), store, summary)
        store_extractions(fresh, store, settings, summary, progress)
    return summary


def store_extractions(
    articles: Iterable[Article],
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    progress: Progress | None = None,
) -> None:
    """Extract ``articles`` and store each in its own transaction, counting into ``summary``."""
    for extraction in pipeline.process_many(articles, nlp.load(settings.model), settings.batch_size):
        if store.add(extraction):
            summary.added += 1
            summary.figures += len(extraction.figures)
            summary.quotes += len(extraction.quotes)
        else:
            summary.unchanged += 1
        if progress:
            progress(1)


def _only_new(articles: Iterator[Article], store: Store, summary: IngestSummary) -> Iterator[Article]:
    """Skip articles already stored before parsing them: re-ingesting costs no NLP."""
    seen: set[str] = set()
    for article in articles:
        if article.id in seen or store.has_article(article.id):
            summary.unchanged += 1
            continue
        seen.add(article.id)
        yield article


def evaluate_gold(gold_dir: Path, articles_dir: Path, settings: Settings) -> ev.Report:
    """Extract every gold article (with the gold's publication dates) and score it."""
    published, stems = ev.load_gold(gold_dir)
    predictions: dict[str, Extraction] = {}
    model = nlp.load(settings.model)
    raws: list[Article] = []
    names: list[str] = []
    summary = IngestSummary()
    for stem in stems:
        candidates = [articles_dir / f"{stem}{suffix}" for suffix in (".txt", ".html", ".htm")]
        path = next((c for c in candidates if c.exists()), None)
        if path is None:
            continue
        date = settings.published or published.get(path.name) or published.get(stem)
        for article in read_articles([str(path)], Settings(db=settings.db, published=date), summary):
            raws.append(article)
            names.append(stem)
    for stem, extraction in zip(names, pipeline.process_many(raws, model), strict=True):
        predictions[stem] = extraction
    return ev.evaluate(gold_dir, predictions)
