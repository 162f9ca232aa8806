"""What the API and the dashboard read: one library call each, then filtering by the query, sorting and paging.

Each function takes an open :class:`~sitrep.store.Store` and a query model from
:mod:`sitrep.api.schemas`, and returns library records. No SQL and no extraction here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sitrep import export
from sitrep.actors import Actor, build_actors
from sitrep.api.errors import ApiError
from sitrep.api.schemas import EventQuery, FigureQuery, QuoteQuery, SeriesQuery
from sitrep.contradictions import Flag, stored_flags
from sitrep.records import Article, Event, Figure, Quote
from sitrep.series import Picture, Series, latest_picture, stored_series
from sitrep.store import FigureFilter, Store

Row = tuple[Figure, dict[str, Any]]
T = TypeVar("T")

_FIGURE_ORDER: dict[str, Callable[[Row], Any]] = {
    "date": lambda r: (r[0].as_of or r[1].get("published") or "", r[0].value),
    "value": lambda r: (r[0].value, r[0].as_of or r[1].get("published") or ""),
    "source": lambda r: (r[0].source or "\uffff", r[0].indicator, r[0].value),
    "published": lambda r: (r[1].get("published") or "", r[0].start),
}


def paged(items: Sequence[T], limit: int, offset: int) -> tuple[int, list[T]]:
    return len(items), list(items[offset : offset + limit])


def figure_rows(store: Store, q: FigureQuery) -> list[Row]:
    """Every figure matching the filters of ``q``, in the order ``q.sort`` asks for."""
    flt = FigureFilter(q.indicator, q.source, q.status, q.since, q.until, q.article, on_topic_only=not q.all)
    rows = store.figures(flt)
    key = q.sort.lstrip("-")
    if key in _FIGURE_ORDER:  # "indicator" is the store's own order
        rows.sort(key=_FIGURE_ORDER[key], reverse=q.sort.startswith("-"))
    return rows


def figure_dict(fig: Figure, meta: dict[str, Any]) -> dict[str, Any]:
    return {**fig.as_dict(), "article_title": meta.get("article_title"), "outlet": meta.get("outlet"),
            "published": meta.get("published"), "url": meta.get("url")}  # fmt: skip


def get_article(store: Store, article_id: str) -> Article:
    """The article with exactly this id, or a 404 that says where the ids are."""
    for article in store.articles():
        if article.id == article_id:
            return article
    raise ApiError(404, f"no article with id '{article_id}': list the stored articles at /api/v1/articles")


def quotes(store: Store, q: QuoteQuery) -> list[Quote]:
    return [x for x in store.quotes(q.speaker, q.article) if q.all or x.on_topic]


def events(store: Store, q: EventQuery) -> list[Event]:
    found = store.events(q.type, on_topic_only=not q.all)
    if q.article:
        found = [e for e in found if (e.article_id or "").startswith(q.article)]
    return found


def actors(store: Store) -> list[Actor]:
    """The actor table as ``sitrep actors`` builds it."""
    return build_actors([f for f, _ in store.figures()], store.quotes(), store.events())


def series(store: Store, q: SeriesQuery) -> tuple[list[Series], list[Picture]]:
    lines = stored_series(store, q.indicator, q.status, q.source, q.location, q.vague)
    return lines, latest_picture(lines)


def flags(store: Store) -> list[Flag]:
    return stored_flags(store)


def export_text(store: Store, what: str, fmt: str) -> str:
    return export.render(export.records(store, what), what, fmt)
