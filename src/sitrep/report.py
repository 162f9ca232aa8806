"""The situation report: one self-contained HTML page (or a Markdown file) over the store.

``render_report`` reads the store, then renders in this order:

1. the title, when the report was generated and its scope (articles, publication dates, figures);
2. headline numbers: for each indicator, status and measure, each source's latest value and the
   range across sources;
3. a chart for each indicator, status and measure, with one line per source;
4. the timeline of dated events;
5. contradictions and quality flags;
6. quotes grouped by speaker;
7. the sources, which lists every stored article;

and then the evidence. Every number and sentence shown has a footnote to the exact sentence, outlet,
article and publication date it came from.

Article text comes from third parties, so all of it is escaped. Jinja2 autoescapes HTML. For
Markdown, a finalizer escapes every value, because Markdown renderers pass raw HTML through.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlsplit

import matplotlib
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from sitrep import __version__
from sitrep.contradictions import stored_flags
from sitrep.errors import ConfigError
from sitrep.records import Article, Quote
from sitrep.series import Picture, Point, Series, build_series, latest_picture
from sitrep.store import Store

FORMATS = ("html", "md")
QUALIFIER_WORDS = {"min": "over", "approx": "about", "max": "up to", "exact": ""}
INDICATOR_LABELS = {"deported": "Deported", "returned": "Returned", "arrested": "Arrested",
                    "population": "Population", "targeted": "At risk of expulsion",
                    "casualties": "Casualties", "incidents": "Incidents", "other": "Other counts"}  # fmt: skip
STATUS_LABELS = {"undocumented": "undocumented", "acc": "ACC holders", "por": "PoR card holders",
                 "refugee": "refugees", "any": "all statuses"}  # fmt: skip
MEASURE_LABELS = {"cumulative": "running total", "period": "count for a period", "stock": "people present"}
SEVERITY_ORDER = ("high", "medium", "low")
# Normalised names are lower case ("unhcr", "ahmed khan"); these words are shown in capitals.
ACRONYMS = frozenset({"un", "unhcr", "iom", "hrw", "ocha", "unicef", "wfp", "eu", "acc", "por", "pmo", "ngo"})
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "h")


# ----------------------------------------------------------------- what the templates show


@dataclass(frozen=True)
class Note:
    """One footnote: a sentence and where it was published."""

    n: int
    sentence: str
    title: str | None
    outlet: str | None
    published: str | None
    link: str | None  # an http(s) URL, safe to put in href
    where: str | None  # the URL or path as text

    @property
    def quoted(self) -> str:
        """The sentence in quotation marks, unless it opens with a quotation already."""
        return self.sentence if self.sentence[:1] in "\u201c\"'" else f"\u201c{self.sentence}\u201d"


@dataclass(frozen=True)
class Shown:
    """A number as the report shows it ("over 1,100,000"), with its footnote."""

    text: str
    note: int


@dataclass(frozen=True)
class Latest:
    value: Shown
    date: str
    by_publication: bool
    source: str
    outlet: str | None


@dataclass(frozen=True)
class Chart:
    title: str
    slug: str
    sources: int
    points: int
    svg: Markup | None = None  # inline markup (HTML)
    src: str | None = None  # file path or data: URI (Markdown)


@dataclass(frozen=True)
class Headline:
    key: tuple[str, str, str]  # indicator, status, measure
    indicator: str
    qualifiers: str  # "all statuses · running total"
    latest: tuple[Latest, ...]
    low: Shown
    high: Shown
    low_sources: str
    high_sources: str
    chart: Chart | None = None


@dataclass(frozen=True)
class Row:
    """A timeline event, a flag or a quote: text with its footnotes."""

    text: str
    notes: tuple[int, ...]
    date: str = ""
    kind: str = ""
    who: str = ""
    severity: str = ""


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None
    quotes: tuple[Row, ...]


@dataclass(frozen=True)
class Source:
    title: str | None
    outlet: str | None
    published: str | None
    link: str | None
    where: str | None
    figures: int
    quotes: int
    events: int


@dataclass
class Report:
    title: str
    generated: str
    version: str
    articles: int = 0
    first: str | None = None
    last: str | None = None
    undated: int = 0
    figures: int = 0
    headlines: list[Headline] = field(default_factory=list)
    timeline: list[Row] = field(default_factory=list)
    flags: list[Row] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)  # what the charts draw


# ----------------------------------------------------------------- the public function


def render_report(store: Store, fmt: str = "html", title: str | None = None, asset_dir: Path | None = None) -> str:
    """The situation report of everything in ``store`` as one HTML page or one Markdown document.

    1. check the format;
    2. read what the report shows from the store (:func:`build_report`);
    3. draw one chart per headline: inline SVG in HTML; in Markdown, SVG files in ``asset_dir``
       linked as ``<asset_dir name>/<file>`` (so write the Markdown in ``asset_dir``'s parent),
       or ``data:`` URIs when ``asset_dir`` is None;
    4. render the template, escaping every value that comes from an article.
    """
    # 1. check the format
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}: choose {' or '.join(FORMATS)}")
    # 2. read the store
    report = build_report(store, title)
    # 3. charts
    report.headlines = [_with_chart(h, report.series, fmt, asset_dir, n) for n, h in enumerate(report.headlines, 1)]
    # 4. render
    return _environment(fmt).get_template(f"report.{fmt}.j2").render(r=report)


def build_report(store: Store, title: str | None = None) -> Report:
    """Everything the report shows, charts aside, read from ``store``."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = Report(title=title or "Situation report", generated=now, version=__version__)
    articles = {a.id: a for a in store.articles()}
    if not articles:
        return report
    rows = store.figures()
    notes = _Notes(articles)
    dates = sorted(a.published for a in articles.values() if a.published)
    report.articles, report.figures = len(articles), len(rows)
    report.first, report.last = (dates[0], dates[-1]) if dates else (None, None)
    report.undated = len(articles) - len(dates)
    report.series = build_series(rows)
    report.headlines = [_headline(p, notes) for p in latest_picture(report.series)]
    events = store.events()
    report.timeline = [
        Row(e.sentence, (notes.cite(e.article_id, e.sentence),), e.date or "undated", e.type.replace("_", " "),
            ", ".join(display_name(a) for a in e.actors))
        for e in events
    ]  # fmt: skip
    report.flags = [
        Row(f.explanation, tuple(dict.fromkeys(notes.cite(e["article_id"], e["sentence"]) for e in f.figures)),
            kind=f.type.replace("_", " "), severity=f.severity)
        for f in stored_flags(store)
    ]  # fmt: skip
    quotes = [q for q in store.quotes() if q.on_topic]
    report.speakers = _speakers(quotes, notes)
    counts = {
        "figures": Counter(f.article_id for f, _ in rows),
        "quotes": Counter(q.article_id for q in quotes),
        "events": Counter(e.article_id for e in events),
    }
    report.sources = [
        Source(a.title, a.outlet, a.published, safe_link(a.url), a.url or a.path,
               counts["figures"][a.id], counts["quotes"][a.id], counts["events"][a.id])
        for a in articles.values()
    ]  # fmt: skip
    report.notes = notes.all()
    return report


# ----------------------------------------------------------------- sections


class _Notes:
    """Footnote numbers in order of first citation; one note per sentence of an article."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self.articles = articles
        self.numbers: dict[tuple[str | None, str], Note] = {}

    def cite(self, article_id: str | None, sentence: str) -> int:
        key = (article_id, sentence)
        if key not in self.numbers:
            a = self.articles.get(article_id or "")
            self.numbers[key] = Note(
                len(self.numbers) + 1, sentence, a and a.title, a and a.outlet, a and a.published,
                safe_link(a and a.url), a and (a.url or a.path),
            )  # fmt: skip
        return self.numbers[key].n

    def all(self) -> list[Note]:
        return list(self.numbers.values())


def _shown(p: Point, notes: _Notes) -> Shown:
    word = QUALIFIER_WORDS.get(p.qualifier, "")
    return Shown(f"{word} {p.value:,}".strip(), notes.cite(p.article_id, p.sentence))


def _headline(picture: Picture, notes: _Notes) -> Headline:
    latest = tuple(
        Latest(_shown(p, notes), p.date or "undated", p.dated_by_publication, display_name(p.source), p.outlet)
        for p in picture.latest
    )
    low = next(p for p in picture.latest if p.value == picture.low)
    high = next(p for p in picture.latest if p.value == picture.high)
    return Headline(
        (picture.indicator, picture.status, picture.measure),
        INDICATOR_LABELS.get(picture.indicator, picture.indicator),
        f"{STATUS_LABELS.get(picture.status, picture.status)} · {MEASURE_LABELS.get(picture.measure, picture.measure)}",
        latest, _shown(low, notes), _shown(high, notes),
        ", ".join(display_name(s) for s in picture.low_sources),
        ", ".join(display_name(s) for s in picture.high_sources),
    )  # fmt: skip


def _speakers(quotes: list[Quote], notes: _Notes) -> list[Speaker]:
    by_speaker: dict[str | None, list[Quote]] = defaultdict(list)
    for q in quotes:
        by_speaker[q.speaker].append(q)
    out = []
    for name, items in sorted(by_speaker.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), kv[0] or "")):
        roles = Counter(q.speaker_role for q in items if q.speaker_role)
        out.append(
            Speaker(
                display_name(name) if name else "Unattributed",
                roles.most_common(1)[0][0] if roles else None,
                # the quote as shown drops the comma before "said X" that ends it in the text
                tuple(Row(q.quote.rstrip(" ,"), (notes.cite(q.article_id, q.sentence),)) for q in items),
            )
        )
    return out


def display_name(name: str | None) -> str:
    """A normalised name for reading: "unhcr" -> "UNHCR", "ahmed khan" -> "Ahmed Khan"."""
    if not name:
        return "unattributed"
    return " ".join(w.upper() if w in ACRONYMS else w[:1].upper() + w[1:] for w in name.split())


def safe_link(url: str | None) -> str | None:
    """``url`` if it is http(s); a "javascript:" URL from an article must never become a link."""
    if not url or urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        return None
    return quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~")


# ----------------------------------------------------------------- charts


def _with_chart(h: Headline, series: list[Series], fmt: str, asset_dir: Path | None, n: int) -> Headline:
    lines = chart_lines(h.key, series)
    if not lines:
        return h
    title = f"{h.indicator}: {h.qualifiers}"
    slug = f"chart-{n:02d}-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    chart = Chart(title, slug, len(lines), sum(len(pts) for pts in lines.values()))
    if fmt == "html":
        svg = chart_svg(title, lines, text_as_text=True)
        return replace(h, chart=replace(chart, svg=Markup(_inline(svg, slug, title))))
    svg = chart_svg(title, lines, text_as_text=False)
    if asset_dir is None:
        data = base64.b64encode(svg.encode()).decode("ascii")
        return replace(h, chart=replace(chart, src=f"data:image/svg+xml;base64,{data}"))
    asset_dir.mkdir(parents=True, exist_ok=True)
    (asset_dir / f"{slug}.svg").write_text(svg, encoding="utf-8")
    return replace(h, chart=replace(chart, src=f"{quote(asset_dir.name)}/{slug}.svg"))


def chart_lines(key: tuple[str, str, str], series: list[Series]) -> dict[str, list[tuple[dt.date, int]]]:
    """One line per source of an indicator, status and measure (locations merged)."""
    lines: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for s in series:
        if (s.indicator, s.status, s.measure) != key:
            continue
        for p in s.points:
            day = plot_date(p.date)
            if day is not None:
                lines[display_name(s.source)].append((day, p.value))
    return {k: sorted(v) for k, v in sorted(lines.items())}


def plot_date(value: str | None) -> dt.date | None:
    """Where a date of the text's precision sits on a time axis: a month or year at its middle."""
    if not value:
        return None
    try:
        if len(value) == 4:
            return dt.date(int(value), 7, 1)
        if len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 15)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def chart_svg(title: str, lines: dict[str, list[tuple[dt.date, int]]], text_as_text: bool = True) -> str:
    """A line chart as SVG markup: x = date, y = value, one line with markers per source.

    Drawn on a bare ``matplotlib.figure.Figure`` with the Agg canvas: no pyplot state, no GUI,
    no network. ``text_as_text`` keeps labels as <text> (selectable, small) instead of glyph paths.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    rc = {"svg.fonttype": "none" if text_as_text else "path", "svg.hashsalt": "sitrep", "font.size": 10}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(5.0, 3.5), layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        for i, (source, points) in enumerate(lines.items()):
            xs, ys = zip(*points, strict=True)
            ax.plot(xs, ys, marker=MARKERS[i % len(MARKERS)], markersize=6, linewidth=1.8, label=source)
        days = [d for pts in lines.values() for d, _ in pts]
        if (max(days) - min(days)).days < 120:  # one date: give the axis a span of months, not days
            ax.set_xlim(min(days) - dt.timedelta(days=100), max(days) + dt.timedelta(days=100))
        else:
            ax.margins(x=0.06)
        locator = AutoDateLocator(minticks=3, maxticks=6)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.set_ylim(bottom=0, top=max(1, *(v for pts in lines.values() for _, v in pts)) * 1.15)
        ax.set_title(title.replace(": ", "\n", 1), loc="left", fontsize=10.5, fontweight="bold")
        ax.set_xlabel("date of the count")
        ax.set_ylabel("incidents" if title.startswith("Incidents") else "people")
        ax.grid(True, color="#dddddd", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        fig.legend(loc="outside lower center", ncols=min(2, len(lines)), frameon=False, fontsize=9)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _inline(svg: str, prefix: str, label: str) -> str:
    """SVG file markup made fit to inline many times in one page: no prolog or metadata, ids prefixed."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


# ----------------------------------------------------------------- templates


def md_escape(value: object) -> str:
    """Text safe in Markdown, in a table cell too: HTML escaped, markup characters backslashed."""
    text = " ".join(str(value).split())
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]|#~])", r"\\\1", text)


def _md_finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_escape(value)


@cache
def _environment(fmt: str) -> Environment:
    if fmt == "html":
        env = Environment(loader=PackageLoader("sitrep", "templates"), autoescape=True, undefined=StrictUndefined)
    else:
        env = Environment(
            loader=PackageLoader("sitrep", "templates"), autoescape=False, undefined=StrictUndefined,
            finalize=_md_finalize, trim_blocks=True, lstrip_blocks=True,
        )  # fmt: skip
        env.filters["refs"] = lambda notes: Markup("".join(f"[^{int(n)}]" for n in notes))
    return env
