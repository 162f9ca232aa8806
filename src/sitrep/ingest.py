"""Ingest: read files, HTML, JSONL and stdin into clean :class:`~sitrep.records.Article` s.

Reading (bytes to text) and cleaning (text to article) are separate steps:

1. ``iter_inputs`` expands paths (directories recursively, ``-`` for stdin) into raw
   documents, or :class:`~sitrep.errors.InputError` values for inputs that cannot be read;
2. ``clean_article`` strips page chrome, drops verbatim-repeated paragraphs, finds the
   publication date and the dateline, and splits the page into its main story and the
   unrelated stories appended after it (related-article bleed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitrep import dates
from sitrep.errors import BinaryInput, EmptyInput, InputError, NoArticle, TooLarge
from sitrep.records import Article, Segment
from sitrep.settings import DEFAULT_MAX_BYTES

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True)
class RawDocument:
    """One article as read, before cleaning."""

    path: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------- reading


def decode(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Bytes to text: UTF-8, else cp1252 with a warning. Binary data raises :class:`BinaryInput`."""
    if not data.strip():
        raise EmptyInput(path, "file is empty")
    if b"\x00" in data[:8192] and data[:8192].count(b"\x00") > 8:
        raise BinaryInput(path, "looks like a binary file, not text, HTML or JSONL")
    try:
        text = data.decode("utf-8-sig")
        warnings: tuple[str, ...] = ()
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings = (f"{path}: not valid UTF-8, decoded as cp1252/latin-1",)
    controls = sum(1 for c in text[:4096] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 20):
        raise BinaryInput(path, "looks like a binary file, not text, HTML or JSONL")
    text = text.replace("\x00", "")
    if not text.strip():
        raise EmptyInput(path, "file is empty")
    return text, warnings


def iter_inputs(paths: list[str], max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Expand ``paths`` into raw documents; unreadable inputs come back as error values."""
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read()
            yield from _read_bytes(data, "<stdin>", ".txt", max_bytes)
            continue
        path = Path(p)
        if not path.exists():
            yield InputError(p, "no such file or directory")
            continue
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not files:
                yield InputError(p, f"directory has no {', '.join(sorted(SUFFIXES))} files")
            for f in files:
                yield from _read_file(f, max_bytes)
        else:
            yield from _read_file(path, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | InputError]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield TooLarge(name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    if suffix == ".gz":
        yield InputError(name, "compressed input is read by `sitrep batch`; gunzip it first")
        return
    yield from _read_bytes(data, name, suffix, max_bytes)


def _read_bytes(data: bytes, name: str, suffix: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    if len(data) > max_bytes:
        yield TooLarge(name, f"input is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
        return
    try:
        text, warnings = decode(data, name)
    except InputError as exc:
        yield exc
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(text, name, warnings)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        yield RawDocument(path=name, html=text, warnings=warnings)
    elif _looks_like_html(text):
        yield RawDocument(path=name, html=text, warnings=warnings)
    else:
        yield RawDocument(path=name, text=text, warnings=warnings)


def raw_from_bytes(
    data: bytes, name: str, content_type: str | None, url: str | None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[RawDocument | InputError]:
    """Raw documents of fetched bytes; ``content_type`` (an HTTP header) picks the format."""
    mime = (content_type or "").split(";")[0].strip().lower()
    suffix = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}.get(mime, "")
    return [
        item if isinstance(item, InputError) or item.url else replace(item, url=url)
        for item in _read_bytes(data, name, suffix, max_bytes)
    ]


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _read_jsonl(text: str, name: str, warnings: tuple[str, ...]) -> Iterator[RawDocument | InputError]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(obj, dict) or not (obj.get("text") or obj.get("html")):
            yield InputError(where, "JSONL line needs a 'text' or 'html' field")
            continue
        yield RawDocument(
            path=where,
            text=obj.get("text"),
            html=obj.get("html"),
            url=obj.get("url"),
            title=obj.get("title"),
            published=obj.get("published") or obj.get("date"),
            outlet=obj.get("outlet") or obj.get("source"),
            warnings=warnings,
        )


# ---------------------------------------------------------------- cleaning

_CHROME = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^short\s*url$",
        r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$",  # a table's rule line as trafilatura writes it: |---|---|
        r"^https?://\S+$",
        r"^(?:www\.)?[\w-]+\.[a-z]{2,}/\S*$",
        r"^follow(?: us)?(?: on .*)?$",
        r"^updated\b.{0,40}\bago$",
        r"^(?:updated|published|posted|last updated)\s*:?\s*.{0,60}\d{4}.{0,20}$",
        r"^(?:also read|read more|read also|related|recommended|see also|more from)\s*:.*$",
        r"^(?:advertisement|share|share this|subscribe|sign up|comments?|print|email|whatsapp|facebook|twitter|x)$",
        r"^(?:copyright|©).{0,120}$",
        r"^\d+\s+(?:min|minute)s?\s+read$",
    )
]
_BULLET = re.compile(r"^\s*(?:[-•*–·▪●]|\d+\.)\s+")
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][\w.]+(?:\s+\d{1,2})?)?"
    r"(?:\s*\((?:[A-Za-z ]+)\))?\s*(?:[:—–]|-(?=\s))\s*|^(?P<city2>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})\s+-\s+"
)
_RULE = re.compile(r"^\s*(?:[-_=~*•·]\s*){3,}$")  # a separator line between stories
_BYLINE = re.compile(r"^(?:by|photo|photos|credit|image|reporting by|edited by|written by)\b", re.IGNORECASE)
MAX_PARAGRAPH_CHARS = 1_000_000  # spaCy's default nlp.max_length
MIN_MAIN_CHARS = 250  # an appended story follows a main story of some length
_STOP = frozenset(
    "the a an and or of to in on for with by from at as is are was were be been has have had its their "
    "his her that this which who what says said over into after amid about than more".split()
)


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}


def _is_headline(line: str) -> bool:
    if _BULLET.match(line) or _BYLINE.match(line) or "|" in line or is_list_item(line):
        return False  # "Unaccompanied and separated children: 6,115" is a list line
    if _DATELINE.match(line) and line.rstrip()[-1:] in '.!?"”’':
        return False  # "ISLAMABAD: Police detained ...": a story's first sentence; "WHO: Measles campaign ..." is a headline
    words = line.split()
    if not 3 <= len(words) <= 25 or len(line) > 220:
        return False  # checked first: a 10 MB line must not go through find_dates
    if len(words) <= 5 and re.search(r"\d{4}", line) and dates.find_dates(line, None):
        return False  # "June 27, 2025"
    end = line.rstrip()
    if end[-1] in ".!?)];,:" or (end[-1] in "”\"’'" and end[-2:-1] in (".", ",", "!", "?")):
        return False
    return line[0].isupper() or line[0] in "“\"‘'"


def _paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: one per line, unless the text is hard-wrapped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [ln.rstrip() for ln in text.split("\n")]
    nonempty = [ln for ln in lines if ln.strip()]
    joins = sum(
        1
        for a, b in itertools.pairwise(lines)
        if a.strip() and b.strip() and a.rstrip()[-1:] not in '.!?:”"' and b.lstrip()[:1].islower()
    )
    if nonempty and joins / len(nonempty) > 0.2:
        blocks = re.split(r"\n\s*\n", text)
        paras = []
        for block in blocks:
            for part in re.split(r"\n(?=\s*[-•*]\s)", block):
                joined = " ".join(part.split())
                if joined:
                    paras.append(joined)
        return paras
    return [" ".join(ln.split()) if not _BULLET.match(ln) else ln.strip() for ln in nonempty]


@dataclass(frozen=True)
class Cleaned:
    text: str
    segments: tuple[Segment, ...]
    title: str | None
    published: str | None
    dateline: str | None


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Strip chrome, drop repeats and split main story from appended stories."""
    published: str | None = None
    kept: list[str] = []
    seen: set[str] = set()
    for para in _paragraphs(text):
        low = para.lower().strip()
        if any(p.match(low) for p in _CHROME):
            if published is None and low.startswith(("updated", "published", "posted", "last updated")):
                published = dates.parse_date(re.sub(r"(?i)^(?:last\s+)?(?:updated|published|posted)\s*:?\s*", "", para))
            continue
        key = re.sub(r"\W+", " ", low).strip()
        if key in seen:
            continue  # verbatim repeat (a paragraph or headline printed twice)
        seen.add(key)
        kept.append(para)
    if not kept:
        return Cleaned("", (), title, published, None)

    # 1. find story boundaries: a headline after body text that shares little with the main story
    main_words: set[str] = set()
    kinds: list[str] = []
    titles: list[str | None] = []
    body_chars = 0
    current = "main"
    current_title: str | None = title
    for i, para in enumerate(kept):
        if _is_headline(para) and body_chars >= MIN_MAIN_CHARS:
            # a new story: a headline that shares little with the main story, opening a deck or a
            # dateline, and followed by text on another subject (a live blog's sections are not)
            if (
                current == "main"
                and _overlap(para, main_words) < 0.5
                and (_starts_story(kept, i) or (i > 0 and _RULE.match(kept[i - 1])))  # "-----" then a headline
                and _followup_overlap(kept, i, main_words) < 0.45
            ):
                current, current_title = "appended", para
            elif current == "appended":
                current_title = para
        elif not _is_headline(para) and not _BULLET.match(para):
            body_chars += len(para)
        if current == "main":
            main_words |= _stems(para)
            if current_title is None and _is_headline(para):
                current_title = para
        kinds.append(current)
        titles.append(current_title)
    # a trailing list of other stories' headlines ("Most read", related links) is not the story
    tail = len(kept)
    while tail > 0 and kinds[tail - 1] == "main" and _is_headline(kept[tail - 1]) and not _BULLET.match(kept[tail - 1]):
        tail -= 1
    if len(kept) - tail >= 2 and body_chars >= MIN_MAIN_CHARS:
        for j in range(tail, len(kept)):
            kinds[j], titles[j] = "appended", kept[j]

    # 2. assemble the cleaned text and the segments
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for para, kind, seg_title in zip(kept, kinds, titles, strict=True):
        start = offset
        parts.append(para)
        offset += len(para) + 2
        if segments and segments[-1].kind == kind and segments[-1].title == seg_title:
            last = segments[-1]
            segments[-1] = Segment(last.start, start + len(para), kind, last.title)  # type: ignore[arg-type]
        else:
            segments.append(Segment(start, start + len(para), kind, seg_title))  # type: ignore[arg-type]
    cleaned = "\n\n".join(parts)
    dateline = None
    for para in kept:
        m = _DATELINE.match(para)
        if m:
            dateline = (m.group("city") or m.group("city2")).title()
            break
    first_title = next((s.title for s in segments if s.kind == "main" and s.title), title)
    return Cleaned(cleaned, tuple(segments), first_title, published, dateline)


_LIST_ITEM = re.compile(
    r"^\s*(?:[-•*▪●–]\s*)?(?:[^:|\d]{1,60}|(?:19|20)\d\d)(?::|\s[-–—]|\s*\|)\s*(?:about\s+|some\s+|over\s+)?[\d.,]+\+?"
    r"(?:\s*\([^)]*\))?(?:\s*\|\s*[\d.,]+\+?)*\s*\|?\s*$"
)
# a row of labelled values: "Punjab: repatriated 2,71,389; PoR card holders 96,515", "Multan: apprehended 6,118, deported 5,893"
_LABELLED_ROW = re.compile(
    r"^\s*(?:[-•*▪●–]\s*)?[^:|\d]{1,60}:\s*[A-Za-z][\w ()'-]{0,40}?\s+[\d.,]+\+?"
    r"(?:\s*[;,]\s*[A-Za-z][\w ()'-]{0,40}?\s+[\d.,]+\+?)+\s*\.?\s*$"
)
_TABLE_HEADER = re.compile(r"^[^|\n]{1,60}(?:\|[^|\n]{1,60}){2,}$")


def is_list_item(paragraph: str) -> bool:
    """A line of a list or table: "Peshawar: 612", "- Islam Qala (Herat): 1,021,400", "Punjab - 2,480",
    "Pakistan | 31,284 | 14,902 | 612,540", "Punjab: repatriated 2,71,389; PoR card holders 96,515"."""
    row = _table_row(paragraph)
    return bool(_LIST_ITEM.match(row) or _LABELLED_ROW.match(row))


def is_table_header(paragraph: str) -> bool:
    """The header row of a table written with pipes: "Origin | This week | Previous week | Since Jan 1"."""
    return bool(_TABLE_HEADER.match(_table_row(paragraph))) and not is_list_item(paragraph)


def _table_row(paragraph: str) -> str:
    """A row as trafilatura writes tables ("| 2023 | 497,400 | 648,200 |"), without its outer pipes."""
    text = paragraph.strip()
    return text.strip("|").strip() if text.startswith("|") else text


def is_heading(paragraph: str) -> bool:
    """Headlines, bullet decks and captions-as-titles: lines that are not paragraphs of the story."""
    t = paragraph.strip()
    return bool(t) and (t[:1] in "-•*▪●" or (len(t.split()) < 25 and t[-1:] not in '.”"'))


def _followup_overlap(paras: list[str], i: int, words: set[str]) -> float:
    """Share of the vocabulary of the next body paragraphs already used by the main story."""
    stems: set[str] = set()
    taken = 0
    for p in paras[i + 1 : i + 13]:  # bounded: a page of headlines must not make cleaning quadratic
        if _is_headline(p) or _BULLET.match(p):
            continue
        stems |= _stems(p)
        taken += 1
        if taken == 3:
            break
    return len(stems & words) / len(stems) if stems else 1.0


def _overlap(headline: str, words: set[str]) -> float:
    stems = _stems(headline)
    return len(stems & words) / len(stems) if stems else 1.0


def _starts_story(paras: list[str], i: int) -> bool:
    """A headline opens a new story when a bullet deck or a dateline follows it, or a deck precedes it.

    An inline link to a related article sits between two body paragraphs and opens nothing.
    """
    after = paras[i + 1 : i + 4]
    before = paras[i - 1] if i else ""
    opens = any(_BULLET.match(p) or _DATELINE.match(p) for p in after) or bool(_BULLET.match(before))
    return opens and any(not _is_headline(p) and len(p) > 80 for p in paras[i + 1 : i + 8])


def article_id(text: str) -> str:
    """Content hash of the normalised cleaned text: same article, same id."""
    norm = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def clean_article(raw: RawDocument, published: str | None = None) -> Article:
    """A raw document to an :class:`Article`; ``published`` (from the CLI) wins over any clue."""
    title = raw.title
    meta_date = raw.published
    text = raw.text or ""
    if raw.html is not None:
        text, html_title, html_date = _from_html(raw.html, raw.path)
        title = title or html_title
        meta_date = meta_date or html_date
    cleaned = clean_text(text, title)
    if not cleaned.text.strip():
        raise NoArticle(raw.path, "no article text found after removing page chrome")
    longest = max(len(p) for p in cleaned.text.split("\n\n"))
    if longest > MAX_PARAGRAPH_CHARS:
        # spaCy parses one paragraph at a time and refuses texts over nlp.max_length (E088)
        raise TooLarge(
            raw.path,
            f"a paragraph of {longest:,} characters is over the {MAX_PARAGRAPH_CHARS:,}-character limit "
            "of the parser; split the text into paragraphs",
        )
    if published:
        when, source = published, "cli"
    elif meta_date and dates.parse_date(meta_date):
        when, source = dates.parse_date(meta_date), "metadata"
    elif cleaned.published:
        when, source = cleaned.published, "text"
    else:
        when, source = None, None
    return Article(
        id=article_id(cleaned.text),
        text=cleaned.text,
        title=cleaned.title,
        url=raw.url,
        outlet=raw.outlet or _outlet(raw.url),
        published=when,
        published_from=source,
        path=raw.path,
        dateline=cleaned.dateline,
        segments=cleaned.segments,
    )


def _outlet(url: str | None) -> str | None:
    if not url:
        return None
    m = re.match(r"https?://(?:www\.)?([^/:]+)", url)
    return m.group(1) if m else None


def _from_html(html: str, path: str) -> tuple[str, str | None, str | None]:
    import trafilatura
    from htmldate import find_date

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True)
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura raises many lxml errors on broken pages
        raise NoArticle(path, f"HTML could not be parsed ({type(exc).__name__})") from None
    if not text or len(text.strip()) < 40:
        raise NoArticle(path, "HTML page has no article text (only navigation or scripts?)")
    title = meta.title if meta else None
    try:
        found = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate is best effort; a page with no usable date is common
        found = None
    date = dates.parse_date(found) if found else None
    if date and date > dt.date.today().isoformat():
        date = None
    return text, title, date
