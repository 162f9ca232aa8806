"""The inputs of ``bench_batch.py``: on-topic articles made distinct, a mixed corpus, JSONL.gz and WARC.

On-topic articles are read from the repository (and ``../shared/seeds`` when present) at run
time and written only under the benchmark's work directory: their text never enters the
repository. Off-topic articles come from :mod:`newsgen`.
"""

from __future__ import annotations

import dataclasses
import gzip
import html
import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

from newsgen import FIRST, LAST, headlines, off_topic_articles

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
HELDOUT = REPO / "tests" / "data" / "heldout" / "articles"
ON_TOPIC_SHARE = 20  # one article in 20 is on topic: 5%


@dataclass(frozen=True)
class Doc:
    """One article to write into a benchmark input."""

    title: str
    paragraphs: tuple[str, ...]
    published: str | None
    on_topic: bool
    topic: str  # "on-topic" or newsgen's topic


def on_topic_sources() -> tuple[list[Doc], list[str]]:
    """The cleaned on-topic articles, and the directories they came from."""
    from sitrep.errors import InputError
    from sitrep.ingest import clean_article, iter_inputs
    from sitrep.jobs import sample_corpus

    dirs = [HELDOUT, sample_corpus(), *([SEEDS] if SEEDS.is_dir() else [])]
    docs = []
    for item in iter_inputs([str(d) for d in dirs], 10_000_000):
        if isinstance(item, InputError):
            raise SystemExit(f"bench: cannot read an on-topic article: {item}")
        a = clean_article(item)
        docs.append(Doc(a.title or "", tuple(a.text.split("\n\n")), a.published, True, "on-topic"))
    return docs, [str(d) for d in dirs]


def variant(source: Doc, k: int) -> Doc:
    """The k-th distinct copy of an on-topic article: one more paragraph, naming two reporters."""
    a, b = divmod(k, len(FIRST) * len(LAST))
    reporter = f"{FIRST[b % len(FIRST)]} {LAST[b // len(FIRST)]}"
    editor = f"{FIRST[(a * 7 + 3) % len(FIRST)]} {LAST[(a * 11 + 5) % len(LAST)]}"
    credit = f"Additional reporting by {reporter}; editing by {editor}."
    return dataclasses.replace(source, paragraphs=(*source.paragraphs, credit))


def on_topic_docs(sources: list[Doc], n: int, start: int = 0) -> list[Doc]:
    """``n`` distinct on-topic articles, the sources in turn; ``start`` skips the first copies."""
    return [variant(sources[i % len(sources)], i // len(sources)) for i in range(start, start + n)]


def mixed_corpus(sources: list[Doc], n: int, seed: int, start: int = 0) -> list[Doc]:
    """``n`` articles, exactly one in 20 on topic, in a seeded order."""
    n_on = n // ON_TOPIC_SHARE
    off = [Doc(s.title, s.paragraphs, s.published, False, s.topic) for s in off_topic_articles(n - n_on, seed)]
    on = on_topic_docs(sources, n_on, start)
    rng = random.Random(seed)
    slots = set(rng.sample(range(n), n_on))
    on_iter, off_iter = iter(on), iter(off)
    return [next(on_iter) if i in slots else next(off_iter) for i in range(n)]


def url_of(n: int) -> str:
    return f"https://news{n % 7}.invalid/story/{n:06d}"  # nothing in it says whether it is on topic


def write_jsonl_gz(docs: list[Doc], path: Path) -> dict[str, Doc]:
    """One JSON object a line (title, text, url, published); returns the docs by stored path."""
    by_path = {}
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as f:
        for n, d in enumerate(docs, 1):
            line = {"title": d.title, "text": "\n\n".join(d.paragraphs), "url": url_of(n), "published": d.published}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
            by_path[f"{path}:{n}"] = d
    return by_path


def write_warc(docs: list[Doc], path: Path, seed: int) -> dict[str, Doc]:
    """One HTML page a response record, WARC-Date from the publication date; docs by stored path."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    by_path = {}
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, d in enumerate(docs, 1):
            url = url_of(n)
            body = page(d.title, d.paragraphs, url, d.published or "2025-01-01", rng).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            warc_date = f"{d.published or '2025-01-01'}T12:00:00Z"
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": warc_date},
            )  # fmt: skip
            writer.write_record(record)
            by_path[f"{path}#{url}"] = d
    return by_path


def words(docs: list[Doc]) -> int:
    return sum(len(p.split()) for d in docs for p in d.paragraphs)


# ---------------------------------------------------------------- a web page around a story


SECTIONS = (
    "Home Latest Pakistan World Business Markets Sport Cricket Football Weather Technology Science Health "
    "Opinion Editorial Letters Culture Books Films Music Travel Food Lifestyle Video Podcasts Photos "
    "Newsletters Archive Obituaries Puzzles Weekend Magazine"
).split()
_STYLE = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i * 4099 % 0xFFFFFF:06x}}}" for i in range(120))
_SCRIPT = "".join(f"window.dl=window.dl||[];dl.push({{'e':'v{i}','t':{i * 37 % 1000}}});" for i in range(120))


def page(title: str, paragraphs: tuple[str, ...], url: str, published: str, rng: random.Random) -> str:
    """A news web page around a story: head metadata, navigation, ads, related links, footer.

    About 25-35 KB, a small page by the web's standards: trafilatura's cost grows with size.
    """
    esc = html.escape
    byline = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    side = headlines(rng, 16)
    body = []
    for n, p in enumerate(paragraphs):
        body.append(f"<p>{esc(p)}</p>")
        if n == 2:
            body.append('<div class="ad-slot"><span>Advertisement</span><div id="gpt-ad-1"></div></div>')
        if n == 5:
            body.append(f'<p class="also"><strong>Also read:</strong> <a href="/news/{n}">{esc(side[0])}</a></p>')
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": f"{published}T08:00:00+05:00",
        "author": {"@type": "Person", "name": byline},
        "publisher": {"@type": "Organization", "name": "The Daily Chronicle"},
    }
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    related = "".join(f'<li><a href="/story/{i}">{esc(h)}</a></li>' for i, h in enumerate(side[1:7]))
    most = "".join(f'<li><a href="/popular/{i}">{esc(h)}</a></li>' for i, h in enumerate(side[7:]))
    footer = "".join(f'<a href="/about/{s.lower()}">{s}</a> ' for s in SECTIONS)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)} | The Daily Chronicle</title>'
        f'<meta name="description" content="{esc(paragraphs[0][:150])}">'
        f'<meta property="og:title" content="{esc(title)}"><meta property="og:url" content="{esc(url)}">'
        f'<meta property="article:published_time" content="{published}T08:00:00+05:00">'
        f'<link rel="canonical" href="{esc(url)}"><style>{_STYLE}</style>'
        f'<script type="application/ld+json">{json.dumps(ld)}</script><script>{_SCRIPT}</script></head>'
        f'<body><header><a class="logo" href="/">The Daily Chronicle</a><nav><ul>{nav}</ul></nav>'
        f'<div class="ticker">Breaking: {esc(side[-1])}</div></header>'
        f'<main><article><h1>{esc(title)}</h1><div class="byline">By {esc(byline)}</div>'
        f'<time datetime="{published}">{published}</time>{"".join(body)}'
        f'<div class="share">Share <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a></div></article>'
        f"<aside><h2>Related</h2><ul>{related}</ul><h2>Most read</h2><ol>{most}</ol>"
        '<form class="newsletter"><label>Get the morning briefing</label><input type="email"><button>Sign up</button></form>'
        f"</aside></main><footer><nav>{footer}</nav><p>Copyright 2025 The Daily Chronicle. All rights reserved.</p>"
        "</footer></body></html>"
    )
