"""Store benchmark: the series and contradictions queries over a million stored figures.

Run from the repository root::

    python bench/bench_store.py [--articles 100000] [--db /tmp/sitrep-bench-store/store.db] [--repeat 5]

The script builds a SQLite store (``sitrep.store.Store``, every migration applied) with
``--articles`` synthetic articles of about ten figures each: a seeded, deterministic mix of
indicators, statuses, qualifiers, ~50 sources, ~50 outlets, locations and dates over
2023-2026, with headlines, "of which" parts, running totals, typos and off-topic appended
stories in about the proportions the extractor gives on the sample corpus and the seeds.
Articles go in through ``Store.add``, one transaction each, as ``sitrep ingest`` writes them.
A store already at ``--db`` with the same parameters is reused (and migrated if the code has
migrations it lacks, which is timed); pass ``--rebuild`` to build it again.

Two queries are then timed end to end, from the store to the records the CLI and the API
print (``sitrep.api.queries.series`` and ``sitrep.api.queries.flags``, which ``sitrep
series`` and ``sitrep contradictions`` share):

* ``series``: ``sitrep series --indicator deported`` (``--indicator`` to change it);
* ``contradictions``: ``sitrep contradictions``.

Each is timed once right after opening the store (``cold``: a new connection, an empty
SQLite page cache, the OS file cache as the previous step left it) and then ``--repeat``
more times on the same connection (``warm``: the median). JSON rendering is not timed.

With ``--verify`` both results are computed again the slow way (every figure and article in
memory, then ``build_series`` and ``find_flags``) and compared.

The last line of stdout is one JSON object with all the numbers.
"""

from __future__ import annotations

import argparse
import collections
import gc
import hashlib
import json
import platform
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from benchlib import git_state

from sitrep.api import queries
from sitrep.api.schemas import SeriesQuery
from sitrep.contradictions import find_flags
from sitrep.records import Article, Extraction, Figure, Segment
from sitrep.series import build_series, latest_picture
from sitrep.store import FigureFilter, Store

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("/tmp/sitrep-bench-store/store.db")
GENERATOR_VERSION = 1  # bump when the generated data changes: a stored copy is rebuilt

# ---------------------------------------------------------------- vocabulary

START, END = date(2023, 9, 1), date(2026, 6, 30)
DAYS = (END - START).days
OUTLETS = [
    "Dawn", "The Express Tribune", "The News International", "Geo News", "ARY News", "Pakistan Today",
    "Business Recorder", "The Nation", "Daily Times", "Samaa", "Tolo News", "Ariana News", "Pajhwok",
    "Khaama Press", "Amu TV", "Afghanistan International", "Hasht-e Subh", "Kabul Now", "Bakhtar",
    "Reuters", "Associated Press", "AFP", "Al Jazeera", "BBC", "The Guardian", "The New York Times",
    "The Washington Post", "Voice of America", "Radio Free Europe", "Deutsche Welle", "France 24",
    "Arab News", "Anadolu", "Xinhua", "The Diplomat", "The New Humanitarian", "ReliefWeb", "Devex",
    "IRNA", "Tehran Times", "Iran International", "Hindustan Times", "The Hindu", "Nikkei Asia",
    "South China Morning Post", "ABC News", "CNN", "NPR", "Bloomberg", "Financial Times",
]  # fmt: skip
SOURCES = [
    ("pakistan interior ministry", 14), ("unhcr", 12), ("pakistan government", 8), ("iom", 7),
    ("khyber pakhtunkhwa government", 6), ("afghan refugee ministry", 5), ("afghan government", 5),
    ("un", 4), ("balochistan government", 3), ("local media", 3), ("amnesty international", 2),
    ("pakistan foreign office", 2), ("afghan embassy", 2), ("human rights watch", 1), ("radio pakistan", 1),
    ("norwegian refugee council", 1), ("iran government", 3), ("iran state media", 1), ("pakistan military", 1),
    ("wfp", 1), ("icrc", 1), ("pakistan un mission", 1), ("sindh government", 1), ("punjab police", 1),
    ("karachi police", 1), ("islamabad police", 1), ("torkham border officials", 2), ("chaman border officials", 1),
    ("nadra", 1), ("ocha", 1), ("unicef", 1), ("who", 1), ("save the children", 1), ("msf", 1),
    ("islamic relief", 1), ("danish refugee council", 1), ("unama", 1), ("world bank", 1),
    ("european union", 1), ("us state department", 1), ("uk home office", 1), ("german foreign office", 1),
    ("herat officials", 1), ("kandahar officials", 1), ("nangarhar officials", 1), ("islam qala officials", 1),
    ("taliban spokesman", 1), ("refugee advocates", 1), ("lawyers", 1), (None, 14),
]  # fmt: skip
INDICATORS = [("returned", 26), ("population", 22), ("deported", 16), ("arrested", 10), ("targeted", 9),
              ("other", 8), ("incidents", 5), ("casualties", 4)]  # fmt: skip
STATUSES = [("any", 74), ("por", 10), ("undocumented", 8), ("acc", 7), ("refugee", 1)]
QUALIFIERS = [("min", 37), ("approx", 34), ("exact", 25), ("max", 4)]
LOCATIONS = [("pakistan", 62), ("iran", 12), (None, 8), ("khyber pakhtunkhwa", 4), ("balochistan", 3),
             ("sindh", 2), ("punjab", 2), ("islamabad", 1), ("torkham", 2), ("chaman", 1), ("afghanistan", 2),
             ("herat", 1), ("kabul", 1), ("islam qala", 1), ("nangarhar", 1)]  # fmt: skip
SINCES = ["2023-11-01", "2024-04-01", "2025-04-01", "2026-01"]  # one a year: the drives' phases
COUNTED = {
    "returned": ["afghans", "afghan nationals", "returnees", "people", "afghan refugees", "families"],
    "deported": ["afghans", "undocumented afghans", "afghan nationals", "people", "afghan migrants"],
    "arrested": ["afghans", "people", "undocumented afghans", "suspects", "afghan nationals"],
    "population": ["afghans", "afghan refugees", "por card holders", "acc holders", "refugees"],
    "targeted": ["afghans", "por card holders", "acc holders", "people", "undocumented afghans"],
    "other": ["families", "children", "returnees", "households", "people"],
    "incidents": ["attacks", "suicide bombings", "raids", "incidents"],
    "casualties": ["people", "civilians", "children", "police officers"],
}
VERB = {
    "returned": ["had returned to Afghanistan", "had been repatriated through Torkham", "crossed back into Afghanistan",
                 "went home"],
    "deported": ["had been deported", "had been sent back to Afghanistan", "were expelled", "were forcibly returned"],
    "arrested": ["had been arrested", "were detained", "were taken into custody", "were held in raids"],
    "population": ["live in the country", "were living in Pakistan without legal documents", "hold residence cards",
                   "are registered with the authorities"],
    "targeted": ["face deportation", "are at risk of expulsion", "must leave by the deadline",
                 "will be sent back in the next phase"],
    "other": ["received cash assistance", "were given food packages", "were vaccinated at the border",
              "were housed in transit camps"],
    "incidents": ["were recorded in the province", "took place this year", "were reported near the border"],
    "casualties": ["were killed", "were injured", "died in the attacks"],
}  # fmt: skip
CUMULATIVE = ["so far", "since the drive began", "to date", "in total", "as of the end of last month", "overall"]
PERIOD = ["on Tuesday", "last week", "in the past 24 hours", "on Monday", "over the weekend", "yesterday"]
FILLER = [
    "The decision has drawn criticism from rights groups, who say many of those affected have lived in the country for decades.",
    "Officials said the process would continue in an orderly and dignified manner, with women and children given priority.",
    "Aid agencies at the border crossing reported long queues of trucks carrying families and their belongings.",
    "The government has repeatedly said the measures are aimed at all illegal foreigners, not at any one nationality.",
    "Many returnees arrive with few possessions and no place to stay, according to humanitarian workers in the area.",
    "The ministry did not respond to a request for comment on the figures by the time of publication.",
    "Talks between the two countries on the issue ended without agreement, diplomats familiar with the matter said.",
    "Human rights lawyers said detainees were often held for days without access to legal counsel or their families.",
]  # fmt: skip
OFF_TOPIC = [
    "The home side scored {t} runs in their first innings before the rain stopped play on the second day.",
    "Shares on the local exchange rose after the central bank kept its policy rate unchanged at {t} basis points.",
    "The new metro line is expected to carry some {t} passengers a day once it opens next year.",
]  # fmt: skip
PHASES = ["in the first phase", "in the second phase", "during phase two"]


def _weighted(pairs: list[tuple[object, int]]) -> tuple[list[object], list[int]]:
    values, weights = zip(*pairs, strict=True)
    return list(values), list(weights)


def _fmt(value: int, qualifier: str, rng: random.Random) -> str:
    """The figure as an article writes it: "541,000", "about 1.3 million", "more than 25,000"."""
    if value >= 1_000_000 and rng.random() < 0.6:
        number = f"{value / 1_000_000:.1f} million".replace(".0 ", " ")
    else:
        number = f"{value:,}"
    prefix = {"approx": ["about", "around", "some", "nearly", "roughly"], "min": ["more than", "over", "at least"],
              "max": ["up to", "fewer than", "as many as"], "exact": [""]}[qualifier]  # fmt: skip
    word = rng.choice(prefix)
    return f"{word} {number}" if word else number


class Truth:
    """What the sources "really" said: one value per stream and date, so articles agree unless a
    figure is planted wrong (a typo, an older total, a rounded restatement)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def _h(self, *key: object) -> float:
        digest = hashlib.blake2b(repr((self.seed, *key)).encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") / 2**64

    def value(self, indicator: str, measure: str, stream: tuple[object, ...], day: int) -> int:
        scale = 0.3 + 1.7 * self._h("scale", indicator, stream[:-1])
        if measure == "stock":
            base = [600_000, 840_000, 1_300_000, 1_700_000, 3_000_000, 4_000_000][int(self._h("stock", stream) * 6)]
            return int(base * (0.9 + 0.2 * self._h("drift", stream, day // 90)))
        if measure == "cumulative":
            per_day = {"returned": 2400, "deported": 900, "arrested": 120, "targeted": 800}.get(indicator, 60)
            since_day = (date.fromisoformat(f"{stream[-1]}-01"[:10]) - START).days if stream[-1] else -20
            return max(1, int(per_day * scale * (day - since_day)))
        per_day = {"returned": 1500, "deported": 400, "arrested": 60, "casualties": 3, "incidents": 2}.get(
            indicator, 80
        )
        return max(1, int(per_day * scale * (0.2 + 1.6 * self._h("day", stream, day))))


def _round(value: int, qualifier: str) -> int:
    """What a reporter writes: exact digits, or three significant ones (down for "more than", up for "up to")."""
    if qualifier == "exact":
        return value
    step = 10 ** max(0, len(str(value)) - 3)
    if qualifier == "min":
        return max(step, value // step * step)
    if qualifier == "max":
        return -(-value // step) * step
    return max(step, (value + step // 2) // step * step)


@dataclass(frozen=True)
class Fact:
    """One thing an article reports: what is counted, by whom, where, over what span, as of when."""

    indicator: str
    status: str
    source: str | None
    location: str | None
    since: str | None
    measure: str
    as_of_day: int | None
    value: int
    share: float | None  # of the value: the PoR card holders among them, when a sentence says so


class Generator:
    """Seeded synthetic articles: each reports a few facts and restates them in its figures."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.truth = Truth(seed)
        self.sources = _weighted(SOURCES)  # type: ignore[arg-type]
        self.indicators = _weighted(INDICATORS)  # type: ignore[arg-type]
        self.statuses = _weighted(STATUSES)  # type: ignore[arg-type]
        self.qualifiers = _weighted(QUALIFIERS)  # type: ignore[arg-type]
        self.locations = _weighted(LOCATIONS)  # type: ignore[arg-type]

    def pick(self, table: tuple[list[object], list[int]]) -> object:
        return self.rng.choices(*table)[0]

    def fact(self, day: int) -> Fact:
        rng = self.rng
        indicator = str(self.pick(self.indicators))
        sinces = [x for x in SINCES if x <= (START + timedelta(days=day)).isoformat()]
        since = rng.choice(sinces) if sinces and rng.random() < 0.22 else None
        if indicator == "population":
            measure, since = "stock", None
        elif since or rng.random() < 0.35:
            measure = "cumulative"
        else:
            measure = "period"
        as_of_day = max(0, day - rng.choice([0, 0, 1, 2, 3, 7, 14, 30])) if rng.random() < 0.38 else None
        source, status, location = self.pick(self.sources), self.pick(self.statuses), self.pick(self.locations)
        stream = (source, status, location, since)
        value = self.truth.value(indicator, measure, stream, day if as_of_day is None else as_of_day)
        r = rng.random()
        if r < 0.004:  # a typo: one digit off
            value += rng.choice([-1, 1]) * 10 ** rng.randrange(max(1, len(str(value)) - 1))
        elif r < 0.008 and measure == "cumulative":  # an older total restated as new
            value = self.truth.value(indicator, measure, stream, max(0, day - 60))
        share = None
        if status == "any" and value > 20 and rng.random() < 0.15:
            share = rng.choice([0.25, 0.3, 0.4, 0.5]) if rng.random() > 0.03 else 1.2
        return Fact(indicator, status, source, location, since, measure, as_of_day, max(1, value), share)  # type: ignore[arg-type]

    def mention(self, fact: Fact) -> list[object]:
        """A sentence stating ``fact``: the figure's columns from value to sentence, as the store has them."""
        rng = self.rng
        qualifier = str(self.pick(self.qualifiers))
        value = _round(fact.value, qualifier)
        vague = rng.random() < 0.04
        malformed = not vague and value >= 10_000 and rng.random() < 0.003
        if vague:
            text, value = rng.choice([("thousands", 1000), ("hundreds of thousands", 100_000), ("millions", 1_000_000)])
            qualifier = "approx"
        elif malformed:  # "600,00": the digits as written
            text = f"{value // 1000:,},{value % 1000:03d}"[:-1]
            value = int(text.replace(",", ""))
        else:
            text = _fmt(value, qualifier, rng)
        counted = rng.choice(COUNTED[fact.indicator])
        if fact.measure == "stock":
            when = rng.choice(["according to government estimates", "the agency says", "officials said"])
        elif fact.since:
            when = f"since {date.fromisoformat(fact.since + '-01' if len(fact.since) == 7 else fact.since):%B %-d, %Y}"
        else:
            when = rng.choice(CUMULATIVE if fact.measure == "cumulative" else PERIOD)
        if rng.random() < 0.03:
            when += " " + rng.choice(PHASES)
        who = f"{fact.source.title()} figures show that" if fact.source else "Reports said"
        sentence = f"{who} {text} {counted} {rng.choice(VERB[fact.indicator])} {when}."
        as_of = None if fact.as_of_day is None else (START + timedelta(days=fact.as_of_day)).isoformat()
        via = "amnesty international" if fact.source and rng.random() < 0.03 else None
        return [value, text, qualifier, counted, fact.indicator, fact.status, as_of, fact.since, fact.source, via,
                fact.location, 1, int(malformed), int(vague), sentence]  # fmt: skip

    def article(self, n: int) -> Extraction:
        """The ``n``-th article and its figures, as the pipeline would hand them to the store."""
        rng = self.rng
        day = rng.randrange(DAYS)
        published = None if rng.random() < 0.04 else (START + timedelta(days=day)).isoformat()
        facts = [self.fact(day) for _ in range(rng.choice([2, 3, 3, 4, 4, 5, 6]))]
        n_figs = rng.choice([4, 6, 7, 8, 9, 10, 10, 11, 12, 13, 14, 16])
        paragraphs: list[list[tuple[str, list[list[object]]]]] = []  # paragraph -> (sentence, its figures)
        count = 0
        while count < n_figs:
            fact = rng.choices(facts, [2**-i for i in range(len(facts))])[0]
            row = self.mention(fact)
            figs = [row]
            if fact.status == "any" and fact.share and not row[13]:
                # "X ..., of which Y were PoR card holders"; now and then the part is larger than the whole
                part = int(fact.value * fact.share)
                row[14] = f"{str(row[14])[:-1]}, of which {part:,} were PoR card holders."
                figs.append([part, f"{part:,}", "exact", "por card holders", row[4], "por", *row[6:14], row[14]])
            if paragraphs and rng.random() < 0.4:
                paragraphs[-1].append((str(row[14]), figs))
            else:
                paragraphs.append([(str(row[14]), figs)])
            if rng.random() < 0.5:
                paragraphs[-1].append((rng.choice(FILLER), []))
            count += len(figs)

        # the text: a headline, a dateline paragraph, the body, sometimes an appended story
        placed: list[tuple[list[object], int]] = []  # figure columns, start offset in the text
        lead = facts[0]
        if rng.random() < 0.35 and lead.measure != "stock":
            value = _round(lead.value, "approx")
            if rng.random() < 0.02:  # a headline that says something else than its body
                value += value // rng.choice([3, 5])
            head = _fmt(value, "approx", rng)
            title = f"{lead.indicator.capitalize()} {rng.choice(COUNTED[lead.indicator])}: {head}"
            row = self.mention(lead)
            row[:3] = [value, head, "approx"]
            row[12:15] = [0, 0, title]
            placed.append((row, title.index(head)))
        else:
            title = rng.choice(["Pakistan presses on with expulsions", "Returnees strain border towns",
                                "Deadline nears for Afghan card holders", "Rights groups decry mass detentions"])  # fmt: skip
        chunks = [title, f"{rng.choice(['ISLAMABAD', 'PESHAWAR', 'KABUL', 'QUETTA', 'KARACHI'])}: {FILLER[n % 8]}"]
        offset = len(title) + 2 + len(chunks[1]) + 2
        for para in paragraphs:
            for sentence, figs in para:
                at = 0
                for fig in figs:
                    at = sentence.index(str(fig[1]), at)
                    placed.append((fig, offset + at))
                    at += len(str(fig[1]))
                offset += len(sentence) + 1
            chunks.append(" ".join(sentence for sentence, _ in para))
            offset += 1
        main_end = offset - 2
        segments = [(0, main_end, "main", title)]
        if rng.random() < 0.1:
            other = "Weather and sport in brief"
            chunks.append(other)
            offset += len(other) + 2
            t = rng.randrange(100, 5000)
            sentence = rng.choice(OFF_TOPIC).format(t=f"{t:,}")
            chunks.append(sentence)
            off = [t, f"{t:,}", "exact", None, "other", "any", None, None, None, None, None, 0, 0, 0, sentence]
            placed.append((off, offset + sentence.index(f"{t:,}")))
            segments.append((main_end + 2, offset + len(sentence), "appended", other))
        text = "\n\n".join(chunks)
        article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
        article = Article(id=article_id, text=text, title=title, url=f"https://news.example/{n}",
                          outlet=rng.choice(OUTLETS), published=published,
                          published_from="metadata" if published else None,
                          segments=tuple(Segment(start, end, kind, head) for start, end, kind, head in segments))  # type: ignore[arg-type]  # fmt: skip
        figures = []
        for fig, start in placed:
            assert text[start : start + len(str(fig[1]))] == fig[1], (text, fig)
            values = [bool(v) if i in (11, 12, 13) else v for i, v in enumerate(fig)]
            figures.append(Figure(*values, start, start + len(str(fig[1])), article_id))  # type: ignore[arg-type]
        return Extraction(article, tuple(figures))


def build(path: Path, n_articles: int, seed: int) -> dict[str, object]:
    """A fresh store at ``path`` holding the generated articles, written through ``Store.add``
    (an article a transaction, as ``sitrep ingest`` writes them); the seconds it took."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    gen = Generator(seed)
    with Store(path) as store:  # the schema exactly as the store creates it, every migration applied
        for n in range(n_articles):
            store.add(gen.article(n))
        store.db.execute("CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value TEXT)")
        store.db.execute("INSERT INTO bench_meta VALUES ('params', ?)", (_params(n_articles, seed),))
    return {"build_seconds": round(time.perf_counter() - t0, 1)}


def _params(n_articles: int, seed: int) -> str:
    return json.dumps({"articles": n_articles, "seed": seed, "generator": GENERATOR_VERSION})


def applied_migrations(path: Path) -> set[str]:
    try:
        with sqlite3.connect(path) as db:
            return {name for (name,) in db.execute("SELECT name FROM migrations")}
    except sqlite3.Error:
        return set()


def reusable(path: Path, n_articles: int, seed: int) -> bool:
    """Whether ``path`` already holds the store these parameters build."""
    if not path.exists():
        return False
    try:
        with sqlite3.connect(path) as db:
            row = db.execute("SELECT value FROM bench_meta WHERE key = 'params'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == _params(n_articles, seed)


# ---------------------------------------------------------------- measuring


def store_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()  # start each timing from a clean heap; gc stays enabled during it
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def measure(path: Path, fn: Callable[[Store], object], repeat: int) -> tuple[float, list[float], object]:
    """One call right after opening the store, then ``repeat`` more on the same connection."""
    with Store(path) as store:
        cold, result = timed(lambda: fn(store))
        warm = [timed(lambda: fn(store))[0] for _ in range(repeat)]
    return cold, warm, result


def slow_series(store: Store, indicator: str) -> object:
    """``sitrep series --indicator`` the way it was done before ``stored_series``."""
    lines = build_series(store.figures(), indicator)
    return lines, latest_picture(lines)


def describe(name: str, result: object) -> tuple[dict[str, int], object]:
    """The shape of a query's result (counts) and its JSON-able data."""
    if name == "series":
        lines, pictures = result  # type: ignore[misc]
        data = {"series": [s.as_dict() for s in lines], "latest": [p.as_dict() for p in pictures]}
        return {"series": len(lines), "points": sum(len(s.points) for s in lines), "pictures": len(pictures)}, data
    flags = [f.as_dict() for f in result]  # type: ignore[attr-defined]
    return {"flags": len(flags), **collections.Counter(f["type"] for f in flags)}, flags


def digest(data: object) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"store to build or reuse (default {DEFAULT_DB})")
    ap.add_argument("--articles", type=int, default=100_000, help="articles to generate (~10 figures each)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the generator (default 0)")
    ap.add_argument("--rebuild", action="store_true", help="build the store even if --db already holds it")
    ap.add_argument("--repeat", type=int, default=5, help="warm calls after the first (median reported)")
    ap.add_argument("--indicator", default="deported", help="indicator of the series query (default deported)")
    ap.add_argument(
        "--verify",
        action="store_true",
        help="also compute both results the slow way (every figure in memory) and check they are the same",
    )
    args = ap.parse_args(argv)

    git = git_state()  # before the timings: what code is about to be measured
    print(f"sitrep store benchmark  python {platform.python_version()}  SQLite {sqlite3.sqlite_version}")
    print(f"code: commit {git['git_commit']}" + (" + uncommitted changes in src/" if git["src_dirty"] else ""))

    # 1. the store (timed, but not one of the measured queries)
    built: dict[str, object] = {"build_seconds": None}
    if args.rebuild or not reusable(args.db, args.articles, args.seed):
        print(f"building {args.db} from {args.articles:,} articles (seed {args.seed}) ...", flush=True)
        built = build(args.db, args.articles, args.seed)
        print(f"  built in {built['build_seconds']:.1f} s")
    else:
        print(f"reusing {args.db} ({args.articles:,} articles, seed {args.seed}); --rebuild to build it again")
    before = applied_migrations(args.db)
    t0 = time.perf_counter()
    with Store(args.db) as store:  # opening applies any migration the code has that the file lacks
        migrated = {"migrated": sorted(applied_migrations(args.db) - before), "migrate_seconds": None}
        if migrated["migrated"]:
            migrated["migrate_seconds"] = round(time.perf_counter() - t0, 1)
            print(f"  migrated ({', '.join(migrated['migrated'])}) in {migrated['migrate_seconds']:.1f} s")
        counts = store.counts()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the size of the store, not of its write-ahead log
        by_indicator = dict(store.db.execute("SELECT indicator, count(*) FROM figures GROUP BY 1").fetchall())
    size = store_size(args.db)
    print(f"  {counts['figures']:,} figures  {counts['articles']:,} articles  {size / 2**20:,.0f} MiB on disk")
    print(f"  figures per indicator: {', '.join(f'{k} {v:,}' for k, v in sorted(by_indicator.items()))}")
    print()

    # 2. the two queries
    def series(store: Store) -> object:
        return queries.series(store, SeriesQuery(indicator=args.indicator))

    def flags(store: Store) -> object:
        return queries.flags(store)

    results: dict[str, dict[str, object]] = {}
    for name, fn in (("series", series), ("contradictions", flags)):
        cold, warm, result = measure(args.db, fn, args.repeat)
        results[name] = {"cold_seconds": round(cold, 3), "warm_median_seconds": round(statistics.median(warm), 3),
                         "warm_seconds": [round(w, 3) for w in warm]}  # fmt: skip
        shape, data = describe(name, result)
        results[name].update({"result": shape, "result_digest": digest(data)})
        r = results[name]
        print(
            f"{name:<15} cold {r['cold_seconds']:>7.3f} s   warm median {r['warm_median_seconds']:>7.3f} s"
            f"   ({', '.join(f'{k} {v:,}' for k, v in shape.items())})",
            flush=True,
        )

    # 3. the same results the slow way: every figure and article in memory, then the pure functions
    if args.verify:
        print()
        with Store(args.db) as store:
            slow = {
                "series": timed(lambda: slow_series(store, args.indicator)),
                "contradictions": timed(
                    lambda: find_flags(store.figures(FigureFilter(on_topic_only=False)), store.articles())
                ),
            }
        for name, (seconds, result) in slow.items():
            same = digest(describe(name, result)[1]) == results[name]["result_digest"]
            results[name].update({"in_memory_seconds": round(seconds, 3), "same_as_in_memory": same})
            print(f"{name:<15} in memory {seconds:>7.3f} s   same result: {'yes' if same else 'NO'}", flush=True)

    line = {
        "figures": counts["figures"],
        "articles": counts["articles"],
        "store_bytes": size,
        **built,
        **migrated,
        "indicator": args.indicator,
        **{f"{name}_{k}": v for name, r in results.items() for k, v in r.items()},
        "repeat": args.repeat,
        "seed": args.seed,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        **git,
    }
    print()
    print(json.dumps(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
