"""sitrep.fetch against HTTP servers started here on 127.0.0.1; no other address is contacted."""

from __future__ import annotations

import gzip
import itertools
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitrep.errors import ConfigError, FetchError
from sitrep.fetch import (
    FetchSettings,
    FetchState,
    check_url,
    fetch,
    fetch_urls,
    parse_interval,
    read_feed,
    watch,
)
from sitrep.jobs import sample_corpus
from sitrep.settings import Settings
from sitrep.store import Store

ARTICLE = (sample_corpus() / "2025-04-18_torkham_phase2.txt").read_bytes()
HTML = (
    b"<html><head><title>Torkham</title></head><body><article>"
    + b"".join(b"<p>" + p + b"</p>" for p in ARTICLE.split(b"\n\n"))
    + b"</article></body></html>"
)
FAST = FetchSettings(min_interval=0, retries=0, backoff=0, allow_private=True, read_timeout=5, connect_timeout=2)

Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Site:
    """A local web site: path -> reply (or a function of the request headers to a reply)."""

    routes: dict[str, Reply | Callable[[dict[str, str]], Reply]] = field(default_factory=dict)
    hits: list[tuple[str, dict[str, str], float]] = field(default_factory=list)
    base: str = ""

    @property
    def port(self) -> str:
        return self.base.rsplit(":", 1)[1]

    def count(self, path: str) -> int:
        return sum(1 for p, _, _ in self.hits if p == path)


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            s.hits.append((self.path, headers, time.monotonic()))
            route = s.routes.get(self.path, (404, {}, b"not found"))
            status, extra, body = route(headers) if callable(route) else route
            self.send_response(status)
            for k, v in extra.items():
                if v:  # an empty Content-Length means "none": the body ends when the connection closes
                    self.send_header(k, v)
            if "Content-Length" not in extra:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield s
    server.shutdown()
    server.server_close()


@pytest.fixture
def state() -> Iterator[FetchState]:
    with FetchState() as st:
        yield st


def article_route(etag: str = '"v1"') -> Callable[[dict[str, str]], Reply]:
    def reply(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "text/html; charset=utf-8", "ETag": etag,
                     "Last-Modified": "Fri, 18 Apr 2025 10:00:00 GMT"}, HTML  # fmt: skip

    return reply


# ---------------------------------------------------------------- fetch and ingest


def test_fetch_ingests_then_conditional_get_costs_nothing(site: Site, tmp_path) -> None:
    site.routes["/a"] = article_route()
    settings = Settings(db=tmp_path / "s.db")
    first = fetch_urls([site.base + "/a"], settings, FAST)
    assert (first.added, first.unchanged, first.errors) == (1, 0, [])
    second = fetch_urls([site.base + "/a"], settings, FAST)
    assert (second.added, second.unchanged, second.errors) == (0, 1, [])
    page_hits = [h for p, h, _ in site.hits if p == "/a"]
    assert "if-none-match" not in page_hits[0]
    assert page_hits[1]["if-none-match"] == '"v1"'
    assert page_hits[1]["if-modified-since"] == "Fri, 18 Apr 2025 10:00:00 GMT"
    assert page_hits[1]["user-agent"].startswith("sitrep/")
    with Store(settings.db) as store:
        [article] = store.articles()
    assert article.url == site.base + "/a"


def test_304_and_same_hash_are_unchanged(site: Site, state: FetchState) -> None:
    site.routes["/a"] = article_route()
    site.routes["/plain"] = (200, {"Content-Type": "text/plain"}, ARTICLE)  # no validators
    assert fetch(site.base + "/a", FAST, state).changed
    again = fetch(site.base + "/a", FAST, state)
    assert (again.status, again.changed, again.body) == (304, False, None)
    assert fetch(site.base + "/plain", FAST, state).changed
    same = fetch(site.base + "/plain", FAST, state)
    assert (same.status, same.changed) == (200, False)


# ---------------------------------------------------------------- limits


def test_size_cap(site: Site, state: FetchState) -> None:
    site.routes["/big"] = (200, {"Content-Type": "text/plain"}, b"x" * 50_000)
    site.routes["/chunked"] = (200, {"Content-Type": "text/plain", "Content-Length": ""}, b"x" * 50_000)
    small = replace(FAST, max_bytes=10_000)
    for path in ("/big", "/chunked"):
        with pytest.raises(FetchError, match="over the 10,000-byte limit"):
            fetch(site.base + path, small, state)


def test_gzip_bomb_refused_but_small_gzip_read(site: Site, state: FetchState) -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)  # ~20 KB on the wire
    site.routes["/bomb"] = (200, {"Content-Type": "text/plain", "Content-Encoding": "gzip"}, bomb)
    site.routes["/ok"] = (200, {"Content-Type": "text/plain", "Content-Encoding": "gzip"}, gzip.compress(ARTICLE))
    small = replace(FAST, max_bytes=1_000_000)
    assert len(bomb) < 1_000_000
    with pytest.raises(FetchError, match="once decompressed"):
        fetch(site.base + "/bomb", small, state)
    assert fetch(site.base + "/ok", small, state).body == ARTICLE


def test_redirects_followed_up_to_the_limit(site: Site, state: FetchState) -> None:
    for i in range(6):
        site.routes[f"/r{i}"] = (302, {"Location": f"/r{i + 1}"}, b"")
    site.routes["/r6"] = (200, {"Content-Type": "text/plain"}, ARTICLE)
    limited = replace(FAST, max_redirects=3)
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(site.base + "/r0", limited, state)
    result = fetch(site.base + "/r3", limited, state)
    assert result.final_url == site.base + "/r6"


def test_robots_txt_disallow_respected(site: Site, state: FetchState) -> None:
    site.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: sitrep\nDisallow: /private/\n")
    site.routes["/private/a"] = (200, {}, ARTICLE)
    site.routes["/public/a"] = (200, {}, ARTICLE)
    polite = replace(FAST, respect_robots=True)
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetch(site.base + "/private/a", polite, state)
    assert fetch(site.base + "/public/a", polite, state).status == 200
    assert site.count("/private/a") == 0
    assert site.count("/robots.txt") == 1  # cached per host


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [
        ((404, {}, b""), True),  # no robots.txt: no rules
        ((200, {}, b"User-agent: *\nDisallow: /\n"), False),
        ((200, {}, b"User-agent: otherbot\nDisallow: /\n"), True),
        ((403, {}, b""), False),  # RFC 9309: unreachable robots.txt means fetch nothing
        ((503, {}, b""), False),
    ],
)
def test_robots_txt_statuses(site: Site, state: FetchState, robots: Reply, allowed: bool) -> None:
    site.routes["/robots.txt"] = robots
    site.routes["/a"] = (200, {}, ARTICLE)
    if allowed:
        assert fetch(site.base + "/a", FAST, state).status == 200
    else:
        with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
            fetch(site.base + "/a", FAST, state)


def test_http_error_names_url_and_status(site: Site, state: FetchState) -> None:
    with pytest.raises(FetchError) as info:
        fetch(site.base + "/missing", FAST, state)
    assert str(info.value) == f"{site.base}/missing: HTTP 404; not an article page (check the URL)"


def test_rate_limit_spaces_requests_to_one_host(site: Site, state: FetchState) -> None:
    for i in range(3):
        site.routes[f"/p{i}"] = (200, {}, ARTICLE + str(i).encode())
    spaced = replace(FAST, min_interval=0.3)
    for i in range(3):
        fetch(f"{site.base}/p{i}", spaced, state)
    times = [t for _, _, t in site.hits]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) == 3  # robots.txt, then three pages
    assert all(g >= 0.28 for g in gaps), gaps


def test_retries_5xx_with_backoff_then_succeeds(site: Site, state: FetchState) -> None:
    answers = iter([(503, {}, b""), (503, {"Retry-After": "0"}, b""), (200, {}, ARTICLE)])
    site.routes["/flaky"] = lambda _h: next(answers)
    site.routes["/down"] = (503, {}, b"")
    sleeps: list[float] = []
    state.sleep = sleeps.append
    retrying = replace(FAST, retries=2, backoff=0.1)
    assert fetch(site.base + "/flaky", retrying, state).body == ARTICLE
    assert sleeps == [0.1, 0.2]
    with pytest.raises(FetchError, match="HTTP 503 after 3 attempts"):
        fetch(site.base + "/down", retrying, state)
    assert site.count("/down") == 3


def test_timeout_is_a_fetch_error(site: Site, state: FetchState) -> None:
    def slow(_h: dict[str, str]) -> Reply:
        time.sleep(1.0)
        return 200, {}, ARTICLE

    site.routes["/slow"] = slow
    hasty = replace(FAST, read_timeout=0.2)
    with pytest.raises(FetchError, match="timed out after 1 attempts"):
        fetch(site.base + "/slow", hasty, state)


# ---------------------------------------------------------------- SSRF and schemes

PUBLIC = "93.184.216.34"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://100.64.0.1/",
    ],
)
def test_private_addresses_refused(url: str) -> None:
    with pytest.raises(FetchError, match="non-public address"):
        check_url(url, FetchSettings(), resolver=lambda h, p: pytest.fail("IP literals need no DNS"))


def test_direct_loopback_refused_without_allow_private(site: Site, state: FetchState) -> None:
    site.routes["/a"] = (200, {}, ARTICLE)
    strict = replace(FAST, allow_private=False)
    with pytest.raises(FetchError, match=r"127\.0\.0\.1.*pass --allow-private"):
        fetch(site.base + "/a", strict, state)
    assert site.hits == []


def test_dns_answer_with_one_private_address_refused() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return [PUBLIC, "10.0.0.5"]

    with pytest.raises(FetchError, match=r"10\.0\.0\.5"):
        check_url("https://news.example/story", FetchSettings(), resolver)
    check_url("https://news.example/story", FetchSettings(), lambda h, p: [PUBLIC])


@pytest.fixture
def public_route(monkeypatch: pytest.MonkeyPatch) -> None:
    """The network, played here: connections to the public address PUBLIC reach 127.0.0.1."""
    connect = socket.create_connection

    def create_connection(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        host, port = address
        return connect(("127.0.0.1" if host == PUBLIC else host, port), *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)


def test_a_public_host_is_fetched_at_the_address_it_was_checked_at(site: Site, public_route: None) -> None:
    site.routes["/a"] = (200, {}, ARTICLE)
    strict = replace(FAST, allow_private=False)
    with FetchState(resolver=lambda h, p: [PUBLIC] if h == "news.test" else pytest.fail(h)) as st:
        assert fetch(f"http://news.test:{site.port}/a", strict, st).body == ARTICLE
    assert [h["host"] for _, h, _ in site.hits] == [f"news.test:{site.port}"] * 2  # robots.txt, the page


def test_redirect_to_private_address_refused(site: Site, public_route: None) -> None:
    # news.test is public; the redirect's target 127.0.0.1 is checked and refused
    site.routes["/go"] = (302, {"Location": f"http://127.0.0.1:{site.port}/internal"}, b"")
    site.routes["/internal"] = (200, {}, b"secret")
    strict = replace(FAST, allow_private=False)
    with FetchState(resolver=lambda h, p: [PUBLIC] if h == "news.test" else pytest.fail(h)) as st:
        with pytest.raises(FetchError, match=r"127\.0\.0\.1.*non-public"):
            fetch(f"http://news.test:{site.port}/go", strict, st)
    assert site.count("/go") == 1
    assert site.count("/internal") == 0


def test_dns_rebinding_between_check_and_connection_refused(site: Site) -> None:
    # a DNS server that answers a public address to the check, then loopback to the connection
    site.routes["/a"] = (200, {}, b"secret")
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
    strict = replace(FAST, allow_private=False)
    with FetchState(resolver=lambda h, p: next(answers)) as st:
        with pytest.raises(FetchError, match=r"localhost.*non-public address 127\.0\.0\.1"):
            fetch(f"http://localhost:{site.port}/a", strict, st)
    assert site.hits == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "gopher://x/", "example.org/a"])
def test_non_http_schemes_refused(url: str, state: FetchState) -> None:
    with pytest.raises(FetchError, match="is not fetched; use an http"):
        fetch(url, FetchSettings(), state)


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("90s", 90), ("15m", 900), ("2h", 7200), ("1d", 86400), ("0.5m", 30)]
)
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15x", "-1m", "0"])
def test_parse_interval_refuses(text: str) -> None:
    with pytest.raises(ConfigError, match="write it like 90s"):
        parse_interval(text)


def test_settings_validated() -> None:
    with pytest.raises(ConfigError, match="max_bytes"):
        FetchSettings(max_bytes=0)
    with pytest.raises(ConfigError, match="retries"):
        FetchSettings(retries=-1)


# ---------------------------------------------------------------- feeds


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {p}</title><link>{base}{p}</link><pubDate>Fri, 18 Apr 2025 10:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


def test_read_feed_lists_items(site: Site, state: FetchState) -> None:
    site.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss(site.base, ["/a", "/b"]))
    feed = read_feed(site.base + "/feed", FAST, state)
    assert [(i.url, i.published) for i in feed.items] == [
        (site.base + "/a", "2025-04-18"),
        (site.base + "/b", "2025-04-18"),
    ]


def test_watch_ingests_new_items_once(site: Site, tmp_path) -> None:
    site.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss(site.base, ["/a", "/b"]))
    site.routes["/a"] = article_route()
    site.routes["/b"] = (
        200,
        {"Content-Type": "text/plain"},
        (sample_corpus() / "2025-09-10_chaman_por.txt").read_bytes(),
    )
    settings = Settings(db=tmp_path / "s.db")
    slept: list[float] = []
    with FetchState(settings.db, sleep=slept.append) as st:
        rounds = list(watch([site.base + "/feed"], 900, iterations=2, settings=settings, fetch_settings=FAST, state=st))
    first, second = rounds
    assert (first.items_new, first.ingest.added, first.errors, first.ingest.errors) == (2, 2, [], [])
    assert (second.items_new, second.ingest.added, second.feeds_unchanged) == (0, 0, 1)
    assert slept == [900]
    assert site.count("/a") == site.count("/b") == 1
    with Store(settings.db) as store:
        articles = store.articles()
    assert sorted(a.url for a in articles) == [site.base + "/a", site.base + "/b"]
    assert {a.published for a in articles} == {"2025-04-18"}  # the feed's date, as metadata
