"""The read endpoints of ``/api/v1``: parse the query, call the library, shape the answer.

Every handler is a plain ``def`` (so it runs in a worker thread) that opens the store, reads,
and closes it before returning: SQLite connections never cross threads.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from sitrep import __version__
from sitrep.api import queries
from sitrep.api.errors import ERROR_RESPONSES
from sitrep.api.schemas import (
    ActorOut,
    ArticleOut,
    ArticleSummary,
    ContradictionsResponse,
    EventOut,
    EventQuery,
    FigureOut,
    FigureQuery,
    LatestResponse,
    Page,
    PageQuery,
    QuoteOut,
    QuoteQuery,
    SeriesQuery,
    SeriesResponse,
    StatusOut,
)
from sitrep.records import SCHEMA_VERSION, Article
from sitrep.store import FigureFilter, Store
from sitrep.store_pg import open_store as open_location

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)


class ExportWhat(StrEnum):
    figures = "figures"
    events = "events"
    quotes = "quotes"
    series = "series"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    hxl = "hxl"


MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "hxl": "text/csv; charset=utf-8",  # HXL is a CSV with a row of hashtags
    "json": "application/json",
    "jsonl": "application/x-ndjson",
}
FILE_SUFFIXES = {"csv": "csv", "hxl": "hxl.csv", "json": "json", "jsonl": "jsonl"}


def open_store(request: Request) -> Store:
    """A fresh connection for this request; close it (``with``) in the thread that opened it."""
    return open_location(request.app.state.db)


def article_summary(a: Article) -> dict[str, Any]:
    data = a.as_dict()
    data["chars"] = len(a.text)
    return data


@router.get("/status", response_model=StatusOut, summary="Version, store counts and whether uploads are enabled")
def status(request: Request) -> dict[str, Any]:
    with open_store(request) as store:
        counts = store.counts()
    return {"version": __version__, "schema_version": SCHEMA_VERSION, "counts": counts,
            "ingest": "enabled" if request.app.state.token else "disabled"}  # fmt: skip


@router.get("/articles", response_model=Page[ArticleSummary], summary="Stored articles, oldest first")
def list_articles(request: Request, q: Annotated[PageQuery, Query()]) -> dict[str, Any]:
    with open_store(request) as store:
        total, items = queries.paged(store.articles(), q.limit, q.offset)
    return {"total": total, "limit": q.limit, "offset": q.offset, "items": [article_summary(a) for a in items]}


@router.get(
    "/articles/{article_id}", response_model=ArticleOut, summary="One article: cleaned text, segments, extractions"
)
def get_article(request: Request, article_id: Annotated[str, Path(description="The article's id.")]) -> dict[str, Any]:
    with open_store(request) as store:
        article = queries.get_article(store, article_id)
        figures = store.figures(FigureFilter(article=article.id, on_topic_only=False))
        quotes = store.quotes(article=article.id)
        events = [e for e in store.events(on_topic_only=False) if e.article_id == article.id]
    return {
        **article_summary(article),
        "figures": [queries.figure_dict(f, m) for f, m in figures],
        "quotes": [x.as_dict() for x in quotes],
        "events": [e.as_dict() for e in events],
    }


@router.get("/figures", response_model=Page[FigureOut], summary="Figures, filtered like `sitrep figures`")
def list_figures(request: Request, q: Annotated[FigureQuery, Query()]) -> dict[str, Any]:
    with open_store(request) as store:
        total, rows = queries.paged(queries.figure_rows(store, q), q.limit, q.offset)
    return {"total": total, "limit": q.limit, "offset": q.offset, "items": [queries.figure_dict(f, m) for f, m in rows]}


@router.get("/quotes", response_model=Page[QuoteOut], summary="Direct quotes with their speakers")
def list_quotes(request: Request, q: Annotated[QuoteQuery, Query()]) -> dict[str, Any]:
    with open_store(request) as store:
        total, items = queries.paged(queries.quotes(store, q), q.limit, q.offset)
    return {"total": total, "limit": q.limit, "offset": q.offset, "items": [x.as_dict() for x in items]}


@router.get("/events", response_model=Page[EventOut], summary="The timeline of dated events")
def list_events(request: Request, q: Annotated[EventQuery, Query()]) -> dict[str, Any]:
    with open_store(request) as store:
        total, items = queries.paged(queries.events(store, q), q.limit, q.offset)
    return {"total": total, "limit": q.limit, "offset": q.offset, "items": [e.as_dict() for e in items]}


@router.get("/actors", response_model=Page[ActorOut], summary="Sources, speakers and event actors, most active first")
def list_actors(request: Request, q: Annotated[PageQuery, Query()]) -> dict[str, Any]:
    with open_store(request) as store:
        total, items = queries.paged(queries.actors(store), q.limit, q.offset)
    return {"total": total, "limit": q.limit, "offset": q.offset, "items": [a.as_dict() for a in items]}


@router.get(
    "/series", response_model=SeriesResponse, summary="Time series per indicator and source, and the latest picture"
)
def get_series(request: Request, q: Annotated[SeriesQuery, Query()]) -> dict[str, Any]:
    with open_store(request) as store:
        lines, pictures = queries.series(store, q)
    return {"schema_version": SCHEMA_VERSION, "series": [s.as_dict() for s in lines],
            "latest": [p.as_dict() for p in pictures]}  # fmt: skip


@router.get(
    "/series/latest", response_model=LatestResponse, summary="Each source's latest value per indicator, and the range"
)
def get_latest(request: Request, q: Annotated[SeriesQuery, Query()]) -> dict[str, Any]:
    with open_store(request) as store:
        _, pictures = queries.series(store, q)
    return {"schema_version": SCHEMA_VERSION, "latest": [p.as_dict() for p in pictures]}


@router.get(
    "/contradictions",
    response_model=ContradictionsResponse,
    summary="Contradictions and quality flags, most severe first",
)
def get_contradictions(request: Request) -> dict[str, Any]:
    with open_store(request) as store:
        found = queries.flags(store)
    return {"schema_version": SCHEMA_VERSION, "flags": [f.as_dict() for f in found]}


@router.get(
    "/export/{what}.{fmt}",
    response_class=Response,
    summary="Download figures, events, quotes or series as CSV, JSON, JSONL or HXL",
    responses={200: {"description": "The export as a file", "content": {
        "text/csv": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "object"}},
        "application/x-ndjson": {"schema": {"type": "string"}},
    }}},
)  # fmt: skip
def get_export(request: Request, what: ExportWhat, fmt: ExportFormat) -> Response:
    with open_store(request) as store:
        text = queries.export_text(store, what.value, fmt.value)
    filename = f"sitrep-{what.value}.{FILE_SUFFIXES[fmt.value]}"
    return Response(
        text.encode("utf-8"),
        media_type=MEDIA_TYPES[fmt.value],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
