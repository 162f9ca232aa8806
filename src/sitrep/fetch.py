"""Fetch: live articles and feeds over HTTP, politely and safely, into the store.

:func:`fetch` gets one URL:

1. refuse non-http(s) schemes and, unless ``allow_private``, hosts that resolve (any answer)
   to a loopback, private, link-local, multicast, reserved or unspecified address; the
   connection itself is made to an address checked in the same lookup, so a DNS server that
   answers a public address to the check and a private one to the connection gets nowhere;
2. obey robots.txt (fetched once per host and cached);
3. wait out the per-host minimum interval, then send a conditional GET (ETag / Last-Modified
   remembered in the ``fetch_state`` table), retrying 5xx and timeouts with exponential backoff;
4. follow redirects by hand, so every hop goes through steps 1-3 again;
5. stream the body, counting decompressed bytes, and stop at ``max_bytes`` (gzip bombs too);
6. compare the content hash with the last fetch: a 304 or the same hash is ``changed=False``.

:func:`read_feed` turns an RSS/Atom feed into item URLs; :func:`watch` polls feeds and ingests
new items through the same extraction and store as ``sitrep ingest``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import socket
import sqlite3
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from sitrep import __version__, ingest, jobs
from sitrep.errors import ConfigError, FetchError, InputError, SitrepError, StoreError
from sitrep.jobs import IngestSummary
from sitrep.records import Article
from sitrep.settings import DEFAULT_MAX_BYTES, Settings
from sitrep.store import Store

USER_AGENT = f"sitrep/{__version__} (+https://github.com/sitrep-news/sitrep; humanitarian news monitoring)"
ROBOTS_AGENT = "sitrep"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds: a server asking for more is treated as failing

Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (all of getaddrinfo's answers)."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(host, f"cannot resolve host ({exc.strerror}); check the URL") from None
    return sorted({str(a[4][0]) for a in answers})


@dataclass(frozen=True)
class FetchSettings:
    """How to fetch: limits, politeness and safety, validated on construction."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = DEFAULT_MAX_BYTES  # of the decompressed body
    max_redirects: int = 5
    min_interval: float = 2.0  # seconds between two requests to one host
    retries: int = 2  # extra attempts after a 5xx or a timeout
    backoff: float = 1.0  # first retry delay in seconds; doubles at each retry
    allow_private: bool = False  # allow loopback/private addresses (local test servers)
    respect_robots: bool = True
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "max_bytes"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"fetch {name} must be positive, got {getattr(self, name)}")
        for name in ("max_redirects", "min_interval", "retries", "backoff"):
            if getattr(self, name) < 0:
                raise ConfigError(f"fetch {name} must not be negative, got {getattr(self, name)}")


@dataclass(frozen=True)
class FetchResult:
    """One fetched URL. ``body`` is ``None`` when the server answered 304 Not Modified."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    changed: bool  # False after a 304 or when the body hashes as last time
    body: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD


@dataclass(frozen=True)
class Feed:
    url: str
    changed: bool
    items: tuple[FeedItem, ...] = ()


@dataclass
class WatchRound:
    """What one polling round did."""

    n: int
    feeds_changed: int = 0
    feeds_unchanged: int = 0
    items_new: int = 0
    ingest: IngestSummary = field(default_factory=IngestSummary)
    errors: list[SitrepError] = field(default_factory=list)


_STATE_SCHEMA = """
CREATE TABLE IF NOT EXISTS fetch_state (
    url TEXT PRIMARY KEY, final_url TEXT NOT NULL, status INTEGER NOT NULL,
    etag TEXT, last_modified TEXT, sha256 TEXT, fetched_at TEXT NOT NULL
)
"""


class FetchState:
    """What fetching remembers: validators per URL (SQLite), robots.txt and last request per host.

    ``db`` is usually the store file (the ``fetch_state`` table lives beside the articles);
    ``resolver``, ``clock`` and ``sleep`` are injectable so tests need no DNS and no waiting.
    """

    def __init__(
        self,
        db: str | Path = ":memory:",
        *,
        resolver: Resolver = system_resolver,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        try:
            if str(db) != ":memory:":
                Path(db).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(db), timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute(_STATE_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open fetch state in {db}: {exc}; check the path or pass --db") from None
        self.resolver = resolver
        self.clock = clock
        self.sleep = sleep
        self.robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self.last_request: dict[str, float] = {}
        self._clients: dict[bool, httpx.Client] = {}

    def client(self, allow_private: bool) -> httpx.Client:
        """The HTTP client whose connections go only to addresses it has checked."""
        if allow_private not in self._clients:
            transport = _CheckedTransport(_CheckedBackend(self.resolver, allow_private))
            self._clients[allow_private] = httpx.Client(transport=transport, follow_redirects=False, trust_env=False)
        return self._clients[allow_private]

    def __enter__(self) -> FetchState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self.db.close()

    def known(self, url: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM fetch_state WHERE url = ?", (url,)).fetchone()

    def remember(self, result: FetchResult) -> None:
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.db.execute(
            "INSERT INTO fetch_state VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "final_url=excluded.final_url, status=excluded.status, etag=excluded.etag, "
            "last_modified=excluded.last_modified, sha256=excluded.sha256, fetched_at=excluded.fetched_at",
            (result.url, result.final_url, result.status, result.etag, result.last_modified, result.sha256, now),
        )


# ---------------------------------------------------------------- one URL


def fetch(url: str, settings: FetchSettings, state: FetchState) -> FetchResult:
    """Fetch ``url`` (steps 1-6 of the module docstring); raises :class:`FetchError`."""
    known = state.known(url)
    conditional: dict[str, str] = {}
    if known is not None and known["etag"]:
        conditional["If-None-Match"] = known["etag"]
    if known is not None and known["last_modified"]:
        conditional["If-Modified-Since"] = known["last_modified"]
    current = url
    for _hop in range(settings.max_redirects + 1):
        check_url(current, settings, state.resolver)  # 1.
        if settings.respect_robots and not _robots_allow(current, settings, state):  # 2.
            raise FetchError(current, f"disallowed by robots.txt for user agent {ROBOTS_AGENT!r}; not fetched")
        status, headers, body = _request(current, conditional, settings, state, read_body=True)  # 3. 5.
        if status in REDIRECTS and headers.get("location"):
            current = urljoin(current, headers["location"])  # 4.
            continue
        break
    else:
        raise FetchError(url, f"more than {settings.max_redirects} redirects; last hop was {current}")
    if status == 304 and known is not None:
        return FetchResult(url, current, 304, False, None, None, known["etag"], known["last_modified"], known["sha256"])
    if status in RETRY_STATUSES:
        raise FetchError(current, f"HTTP {status} after {settings.retries + 1} attempts; try again later")
    if status != 200:
        raise FetchError(current, f"HTTP {status}; not an article page (check the URL)")
    digest = hashlib.sha256(body).hexdigest()
    result = FetchResult(
        url=url,
        final_url=current,
        status=200,
        changed=known is None or known["sha256"] != digest,  # 6.
        body=body,
        content_type=headers.get("content-type"),
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        sha256=digest,
    )
    state.remember(result)
    return result


def check_url(url: str, settings: FetchSettings, resolver: Resolver = system_resolver) -> None:
    """Raise :class:`FetchError` for a URL sitrep must not fetch (scheme, private address)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"scheme {parts.scheme or '(none)'!r} is not fetched; use an http(s) URL")
    if not parts.hostname:
        raise FetchError(url, "URL has no host")
    if settings.allow_private:
        return
    try:
        addresses = _addresses(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), resolver)
    except FetchError as exc:
        raise FetchError(url, exc.reason) from None
    _refuse_private(url, parts.hostname, addresses)


class NonPublicAddress(FetchError):
    """A host that resolves to an address sitrep does not fetch from without ``allow_private``."""


def _addresses(host: str, port: int, resolver: Resolver) -> list[str]:
    """An IP literal as itself, a name as every address ``resolver`` gives for it."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        return resolver(host, port)


def _refuse_private(url: str, host: str, addresses: list[str]) -> None:
    for address in addresses:
        if not _is_public(address):
            raise NonPublicAddress(
                url, f"host {host} resolves to non-public address {address}; pass --allow-private to fetch it"
            )


class _CheckedBackend(httpcore.SyncBackend):
    """Resolves, checks and dials in one step: the connection goes to an address just checked.

    httpx on its own resolves the host again after :func:`check_url`, so a DNS server answering
    a public address to the check and 127.0.0.1 to the connection (DNS rebinding) would get
    through. TLS still verifies the certificate against the host name (httpcore sends it as SNI).
    """

    def __init__(self, resolver: Resolver, allow_private: bool) -> None:
        self.resolver = resolver
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _addresses(host, port, self.resolver)
        if not self.allow_private:
            _refuse_private(host, host, addresses)
        failure: httpcore.ConnectError | None = None
        for address in addresses:  # like socket.create_connection: the first that answers
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"{host} resolves to no address")


class _CheckedTransport(httpx.HTTPTransport):
    """httpx's own transport (no proxy: ``trust_env`` is off) over a :class:`_CheckedBackend`."""

    def __init__(self, backend: _CheckedBackend) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=backend
        )


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback
    bad = (ip.is_loopback, ip.is_private, ip.is_link_local, ip.is_multicast, ip.is_reserved, ip.is_unspecified)
    return ip.is_global and not any(bad)


def _robots_allow(url: str, settings: FetchSettings, state: FetchState) -> bool:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    parser = state.robots.get(origin)
    if parser is None:
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            status, _, body = _request(origin + "/robots.txt", {}, settings, state, read_body=True)
        except NonPublicAddress:
            raise
        except FetchError:
            status, body = 503, b""
        if status == 200:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        elif status in (401, 403) or status >= 500:
            parser.disallow_all = True  # RFC 9309: an unreachable robots.txt means "fetch nothing"
        else:
            parser.allow_all = True  # 404 and other 4xx: no rules
        state.robots[origin] = parser
    return parser.can_fetch(ROBOTS_AGENT, url)


def _request(
    url: str, extra: dict[str, str], settings: FetchSettings, state: FetchState, *, read_body: bool
) -> tuple[int, dict[str, str], bytes]:
    """One GET with per-host spacing and bounded retries; the body is read under the size cap."""
    host = urlsplit(url).netloc
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate", **extra}
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    client = state.client(settings.allow_private)  # made before the clock starts: the spacing is between sends
    for attempt in range(settings.retries + 1):
        last = state.last_request.get(host)
        if last is not None:
            wait = last + settings.min_interval - state.clock()
            if wait > 0:
                state.sleep(wait)
        state.last_request[host] = state.clock()
        delay = settings.backoff * 2**attempt
        try:
            with client.stream("GET", url, headers=headers, timeout=timeout) as response:
                status = response.status_code
                if status in RETRY_STATUSES and attempt < settings.retries:
                    delay = max(delay, _retry_after(response.headers.get("retry-after")))
                    state.sleep(delay)
                    continue
                body = _read_capped(response, url, settings.max_bytes) if read_body and status == 200 else b""
                return status, {k.lower(): v for k, v in response.headers.items()}, body
        except NonPublicAddress as exc:  # found at connection time: name the URL, do not retry
            raise NonPublicAddress(url, exc.reason) from None
        except httpx.TimeoutException:
            if attempt == settings.retries:
                raise FetchError(url, f"timed out after {settings.retries + 1} attempts; try again later") from None
        except httpx.TransportError as exc:
            if attempt == settings.retries:
                raise FetchError(url, f"cannot connect ({exc}); check the URL or try again later") from None
        state.sleep(delay)
    raise AssertionError("unreachable")  # the loop returns or raises on its last attempt


def _retry_after(value: str | None) -> float:
    try:
        seconds = float(value) if value else 0.0
    except ValueError:
        return 0.0  # an HTTP date: fall back to our own backoff
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """The body, decompressed here so that every decompressed byte counts against ``max_bytes``."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"response is {int(declared):,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding in ("", "identity"):
        decoder = None
    else:
        raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
    out = bytearray()
    too_big = FetchError(url, f"response is over the {max_bytes:,}-byte limit once decompressed (--max-bytes)")
    try:
        for chunk in response.iter_raw():
            if decoder is None:
                out += chunk
            else:
                # max_length bounds each step: a 10 KB chunk of a gzip bomb never expands in memory
                out += decoder.decompress(chunk, max_bytes + 1 - len(out))
                while decoder.unconsumed_tail and len(out) <= max_bytes:
                    out += decoder.decompress(decoder.unconsumed_tail, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise too_big
    except zlib.error as exc:
        raise FetchError(url, f"corrupt {encoding} body ({exc})") from None
    return bytes(out)


# ---------------------------------------------------------------- feeds and ingest

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """``"90"``, ``"90s"``, ``"15m"``, ``"2h"``, ``"1d"`` to seconds (for ``--every``)."""
    value = text.strip().lower()
    unit = value[-1:] if value[-1:] in _UNITS else "s"
    number = value[:-1] if value[-1:] in _UNITS else value
    try:
        seconds = float(number) * _UNITS[unit]
    except ValueError:
        raise ConfigError(f"interval {text!r} is not a duration: write it like 90s, 15m, 2h or 1d") from None
    if seconds <= 0:
        raise ConfigError(f"interval {text!r} must be positive: write it like 90s, 15m, 2h or 1d")
    return seconds


def read_feed(url: str, settings: FetchSettings, state: FetchState) -> Feed:
    """The item URLs (and publication dates) of an RSS or Atom feed; unchanged feeds have none."""
    import feedparser

    result = fetch(url, settings, state)
    if result.body is None:
        return Feed(url, changed=False)
    parsed = feedparser.parse(result.body, response_headers={"content-location": result.final_url})
    if parsed.bozo and not parsed.entries:
        raise FetchError(url, "not an RSS or Atom feed (no entries could be parsed); check the URL")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link or urlsplit(link).scheme not in ("http", "https"):
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*when[:3]).isoformat() if when else None
        items.append(FeedItem(urljoin(result.final_url, link), entry.get("title"), published))
    return Feed(url, changed=result.changed, items=tuple(items))


def ingest_results(
    results: Iterable[tuple[FetchResult, str | None]], settings: Settings, store: Store
) -> IngestSummary:
    """Clean, extract and store fetched pages (with an optional feed date each), as ingest_paths does."""
    summary = IngestSummary()
    articles: list[Article] = []
    seen: set[str] = set()
    for result, published in results:
        if result.body is None or not result.changed:
            summary.unchanged += 1
            continue
        for item in ingest.raw_from_bytes(
            result.body, result.final_url, result.content_type, result.final_url, settings.max_bytes
        ):
            if isinstance(item, InputError):
                summary.errors.append(item)
                continue
            summary.warnings.extend(item.warnings)
            try:
                article = ingest.clean_article(replace(item, published=item.published or published), settings.published)
            except InputError as exc:
                summary.errors.append(exc)
                continue
            if article.id in seen or store.has_article(article.id):
                summary.unchanged += 1  # same text under another URL: no NLP
                continue
            seen.add(article.id)
            articles.append(article)
    if articles:  # the model loads only when there is something new to parse
        jobs.store_extractions(articles, store, settings, summary)
    return summary


def fetch_urls(
    urls: list[str], settings: Settings, fetch_settings: FetchSettings, state: FetchState | None = None
) -> IngestSummary:
    """``sitrep fetch``: fetch each URL and ingest what changed; failures go to ``summary.errors``."""
    fetched: list[tuple[FetchResult, str | None]] = []
    errors: list[FetchError] = []
    own = state is None
    state = state or FetchState(settings.db)
    try:
        for url in urls:
            try:
                fetched.append((fetch(url, fetch_settings, state), None))
            except FetchError as exc:
                errors.append(exc)
        with Store(settings.db) as store:
            summary = ingest_results(fetched, settings, store)
    finally:
        if own:
            state.close()
    summary.errors.extend(InputError(e.url, e.reason) for e in errors)
    return summary


def watch(
    feeds: list[str],
    every_seconds: float,
    iterations: int | None = None,
    *,
    settings: Settings,
    fetch_settings: FetchSettings,
    state: FetchState | None = None,
) -> Iterator[WatchRound]:
    """Poll ``feeds`` every ``every_seconds``; ingest items never fetched before. One round per yield.

    Runs forever when ``iterations`` is None. Items already in ``fetch_state`` are not fetched
    again, and an unchanged feed (304 or same hash) yields no items: a quiet round costs one
    conditional GET per feed and no NLP.
    """
    if every_seconds < 0:
        raise ConfigError(f"watch interval must not be negative, got {every_seconds}")
    own = state is None
    state = state or FetchState(settings.db)
    try:
        n = 0
        while iterations is None or n < iterations:
            n += 1
            if n > 1:
                state.sleep(every_seconds)
            yield _poll(n, feeds, settings, fetch_settings, state)
    finally:
        if own:
            state.close()


def _poll(n: int, feeds: list[str], settings: Settings, fetch_settings: FetchSettings, state: FetchState) -> WatchRound:
    done = WatchRound(n)
    fetched: list[tuple[FetchResult, str | None]] = []
    for feed_url in feeds:
        try:
            feed = read_feed(feed_url, fetch_settings, state)
        except FetchError as exc:
            done.errors.append(exc)
            continue
        done.feeds_changed += feed.changed
        done.feeds_unchanged += not feed.changed
        for item in feed.items:
            if state.known(item.url) is not None:
                continue
            done.items_new += 1
            try:
                fetched.append((fetch(item.url, fetch_settings, state), item.published))
            except FetchError as exc:
                done.errors.append(exc)
    with Store(settings.db) as store:
        done.ingest = ingest_results(fetched, settings, store)
    return done
