"""The dashboard: server-rendered pages over the same store and the same queries as the API.

Pages: ``/`` (latest picture and charts), ``/figures`` (filterable table), ``/timeline``,
``/contradictions``, ``/actors``, ``/articles`` and ``/articles/{id}?highlight=START-END``
(the cleaned text with one range marked), and ``/exports``. No JavaScript: filters are GET
forms, so every view is a link. Article text is third-party input: the templates autoescape it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from sitrep.api import queries, views
from sitrep.api.errors import ApiError
from sitrep.api.schemas import EventQuery, FigureQuery, QuoteQuery, SeriesQuery
from sitrep.api.v1 import FILE_SUFFIXES, ExportFormat, ExportWhat, open_store
from sitrep.records import EVENT_TYPES, INDICATORS, STATUSES, Article, Figure
from sitrep.report import display_name, safe_link
from sitrep.store import FigureFilter

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

NAV = (
    ("/", "Overview"),
    ("/figures", "Figures"),
    ("/timeline", "Timeline"),
    ("/contradictions", "Contradictions"),
    ("/actors", "Actors"),
    ("/articles", "Articles"),
    ("/exports", "Downloads"),
    ("/api/docs", "API"),
)


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def exports() -> list[dict[str, Any]]:
    """Every export as (what, [(format label, href, file name)])."""
    labels = {"csv": "CSV", "json": "JSON", "jsonl": "JSONL", "hxl": "HXL"}
    return [
        {"what": w.value, "links": [(labels[f.value], f"/api/v1/export/{w.value}.{f.value}",
                                     f"sitrep-{w.value}.{FILE_SUFFIXES[f.value]}") for f in ExportFormat]}
        for w in ExportWhat
    ]  # fmt: skip


# ------------------------------------------------------------------ overview


@router.api_route("/", methods=["GET", "HEAD"])
def overview(request: Request) -> HTMLResponse:
    with open_store(request) as store:
        counts = store.counts()
        articles = {a.id: a for a in store.articles()}
        lines, pictures = queries.series(store, SeriesQuery())
        flags = queries.flags(store)
    dates = sorted(a.published for a in articles.values() if a.published)
    return render(request, "overview.html", {
        "counts": counts, "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
        "undated": len(articles) - len(dates), "headlines": views.headlines(pictures, lines, articles),
        "flags": len(flags), "high_flags": sum(1 for f in flags if f.severity == "high"),
    })  # fmt: skip


# ------------------------------------------------------------------ figures


@dataclass(frozen=True)
class FigureRow:
    fig: Figure
    meta: dict[str, Any]
    href: str
    before: str  # the sentence cut around the number, to show the number in bold
    number: str
    after: str

    @property
    def sentence(self) -> str:
        return self.before + self.number + self.after


def figure_row(fig: Figure, meta: dict[str, Any], article: Article | None) -> FigureRow:
    span = views.sentence_span(article.text, fig.sentence, fig.start, fig.end) if article else (fig.start, fig.end)
    href = views.evidence_href(fig.article_id, span)
    at = fig.start - span[0]
    if not (0 <= at and fig.sentence[at : at + len(fig.text)] == fig.text):
        at = fig.sentence.find(fig.text)
    if at < 0:
        return FigureRow(fig, meta, href, fig.sentence, "", "")
    n = len(fig.text)
    return FigureRow(fig, meta, href, fig.sentence[:at], fig.sentence[at : at + n], fig.sentence[at + n :])


@router.api_route("/figures", methods=["GET", "HEAD"])
def figures_page(request: Request, q: Annotated[FigureQuery, Query()]) -> HTMLResponse:
    with open_store(request) as store:
        total, rows = queries.paged(queries.figure_rows(store, q), q.limit, q.offset)
        articles = {a.id: a for a in store.articles()}
        sources = sorted({f.source for f, _ in store.figures(FigureFilter(on_topic_only=False)) if f.source})
    url = request.url
    pages = {
        "prev": str(url.include_query_params(offset=max(0, q.offset - q.limit))) if q.offset else None,
        "next": str(url.include_query_params(offset=q.offset + q.limit)) if q.offset + q.limit < total else None,
    }
    filtered = any((q.indicator, q.status, q.source, q.since, q.until, q.article, q.all))
    return render(request, "figures.html", {
        "q": q, "total": total, "pages": pages, "filtered": filtered,
        "rows": [figure_row(f, m, articles.get(f.article_id or "")) for f, m in rows],
        "indicators": INDICATORS, "statuses": STATUSES, "sources": sources,
        "sorts": [("indicator", "indicator"), ("-date", "newest first"), ("date", "oldest first"),
                  ("-value", "largest first"), ("value", "smallest first"), ("source", "source")],
    })  # fmt: skip


# ------------------------------------------------------------------ articles


@router.api_route("/articles", methods=["GET", "HEAD"])
def articles_page(request: Request) -> HTMLResponse:
    with open_store(request) as store:
        articles = store.articles()
        per_article = views.group_by([f for f, _ in store.figures()], lambda f: f.article_id)
    return render(
        request, "articles.html", {"articles": articles, "figures": {k: len(v) for k, v in per_article.items()}}
    )


@router.api_route("/articles/{article_id}", methods=["GET", "HEAD"])
def article_page(
    request: Request,
    article_id: str,
    highlight: Annotated[str | None, Query(max_length=40, description="START-END: character range to mark.")] = None,
) -> HTMLResponse:
    with open_store(request) as store:
        article = queries.get_article(store, article_id)
        figures = store.figures(FigureFilter(article=article.id, on_topic_only=False))
        quotes = queries.quotes(store, QuoteQuery(article=article.id, all=True))
        events = queries.events(store, EventQuery(article=article.id, all=True))
    try:
        span = views.parse_highlight(highlight, len(article.text))
    except ValueError as exc:
        raise ApiError(422, str(exc)) from None
    return render(request, "article.html", {
        "a": article, "link": safe_link(article.url), "segments": views.article_runs(article, span),
        "highlighted": span is not None,
        "figures": sorted((figure_row(f, m, article) for f, m in figures), key=lambda r: r.fig.start),
        "quotes": [(x, views.evidence_href(article.id, (x.start, x.end))) for x in quotes],
        "events": [(e, views.evidence_href(article.id, (e.start, e.end))) for e in events],
    })  # fmt: skip


# ------------------------------------------------------------------ timeline, contradictions, actors


@router.api_route("/timeline", methods=["GET", "HEAD"])
def timeline_page(request: Request, q: Annotated[EventQuery, Query()]) -> HTMLResponse:
    with open_store(request) as store:
        found = queries.events(store, q)
        articles = {a.id: a for a in store.articles()}
    found.sort(key=lambda e: (e.date is None, e.date or ""))  # undated events last
    items = [
        {"e": e, "href": views.evidence_href(e.article_id, (e.start, e.end)), "article": articles.get(e.article_id or ""),
         "actors": ", ".join(display_name(x) for x in e.actors)}
        for e in found
    ]  # fmt: skip
    return render(request, "timeline.html", {
        "q": q, "items": items, "types": EVENT_TYPES,
        "years": views.group_by(items, lambda i: i["e"].date[:4] if i["e"].date else "undated"),
    })  # fmt: skip


@router.api_route("/contradictions", methods=["GET", "HEAD"])
def contradictions_page(request: Request) -> HTMLResponse:
    with open_store(request) as store:
        flags = queries.flags(store)
        articles = {a.id: a for a in store.articles()}
    shown = []
    for flag in flags:
        evidence = []
        for ev in flag.figures:
            article = articles.get(ev.get("article_id") or "")
            span = views.sentence_span(article.text, ev["sentence"], ev["start"], ev["end"]) if article else None
            evidence.append({**ev, "source_name": display_name(ev.get("source")), "title": article and article.title,
                             "href": views.evidence_href(ev["article_id"], span) if span else None})  # fmt: skip
        shown.append({"flag": flag, "kind": flag.type.replace("_", " "), "evidence": evidence})
    return render(request, "contradictions.html", {"flags": shown})


@router.api_route("/actors", methods=["GET", "HEAD"])
def actors_page(request: Request) -> HTMLResponse:
    with open_store(request) as store:
        table = queries.actors(store)
        quotes = queries.quotes(store, QuoteQuery())
        articles = {a.id: a for a in store.articles()}
    by_speaker = views.group_by(quotes, lambda x: x.speaker)

    def quoted(items: list[Any]) -> list[dict[str, Any]]:
        return [{"q": x, "href": views.evidence_href(x.article_id, (x.start, x.end)),
                 "article": articles.get(x.article_id or "")} for x in items]  # fmt: skip

    actors = [{"a": a, "name": display_name(a.name), "anchor": f"actor-{n}", "quotes": quoted(by_speaker.get(a.name, []))}
              for n, a in enumerate(table, 1)]  # fmt: skip
    return render(request, "actors.html", {"actors": actors, "unattributed": quoted(by_speaker.get(None, []))})


@router.api_route("/exports", methods=["GET", "HEAD"])
def exports_page(request: Request) -> HTMLResponse:
    with open_store(request) as store:
        counts = store.counts()
    return render(request, "exports.html", {"counts": counts})


def template_globals() -> dict[str, Any]:
    """Names every template can use."""
    return {
        "nav": NAV, "exports": exports(), "shown": views.shown, "display_name": display_name,
        "indicator_label": views.indicator_label, "status_label": views.status_label,
        "measure_label": views.measure_label,
    }  # fmt: skip
