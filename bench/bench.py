"""Throughput benchmark of sitrep against a spaCy floor.

Run from the repository root::

    python bench/bench.py [--corpus DIR] [--min-bytes 2000000] [--processes 1]

The corpus is every article of ``../shared/seeds`` (when that directory exists) plus the
bundled sample corpus, cleaned with :func:`sitrep.ingest.clean_article` and repeated until
the cleaned text is at least ``--min-bytes`` UTF-8 bytes. Each copy is a distinct
:class:`~sitrep.records.Article` (its id gets a ``-<copy>`` suffix).

Three timings are taken in the same process, in this order, each after an untimed warm-up:

* ``floor_full``: spaCy's own full pipeline (all components, NER included) through
  ``nlp.pipe`` over the same paragraphs, docs consumed and nothing else;
* ``floor_same``: sitrep's spaCy configuration (:func:`sitrep.nlp.load`) through
  ``nlp.pipe`` over the same paragraphs;
* ``sitrep``: ``list(process_many(articles, model))``, the whole extraction.

With ``--processes N`` (N > 1) the spaCy floor is also run with ``nlp.pipe(n_process=N)``
and sitrep's ``process_many`` across N worker processes (one contiguous chunk each).

The last line of stdout is one JSON object with all the numbers.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import multiprocessing as mp
import platform
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from benchlib import git_state

from sitrep import nlp as nlp_mod
from sitrep.errors import InputError
from sitrep.ingest import clean_article, iter_inputs
from sitrep.jobs import sample_corpus
from sitrep.pipeline import paragraphs, process_many
from sitrep.records import Article, Extraction

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
MAX_BYTES = 10_000_000  # per input file, as the CLI's default order of magnitude


# ---------------------------------------------------------------- corpus


def read_corpus(dirs: list[Path]) -> tuple[list[Article], list[str]]:
    """Cleaned articles of ``dirs``; inputs that cannot be read or cleaned are listed, not fatal."""
    articles: list[Article] = []
    skipped: list[str] = []
    for d in dirs:
        for item in iter_inputs([str(d)], MAX_BYTES):
            if isinstance(item, InputError):
                skipped.append(str(item))
                continue
            try:
                articles.append(clean_article(item))
            except InputError as exc:
                skipped.append(str(exc))
    return articles, skipped


def repeat_to(articles: list[Article], min_bytes: int) -> list[Article]:
    """Copies of ``articles``, each with a distinct id, until the text is ``min_bytes`` long."""
    if not articles:
        raise SystemExit("bench: no articles to benchmark")
    out: list[Article] = []
    total, n = 0, 0
    while total < min_bytes:
        for a in articles:
            out.append(dataclasses.replace(a, id=f"{a.id}-{n}"))
            total += len(a.text.encode("utf-8"))
        n += 1
    return out


def para_texts(articles: list[Article]) -> list[str]:
    """The paragraph texts ``process_many`` hands to ``nlp.pipe``, in the same order."""
    return [text for a in articles for _, text in paragraphs(a.text)]


# ---------------------------------------------------------------- measuring


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    kb = resource.getrusage(who).ru_maxrss  # kilobytes on Linux
    return round(kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024, 1)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()  # start each timing from a clean heap; gc stays enabled during it
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def consume(docs) -> int:
    n = 0
    for _ in docs:
        n += 1
    return n


def count(extractions: list[Extraction]) -> tuple[int, int]:
    return sum(len(e.figures) for e in extractions), sum(len(e.quotes) for e in extractions)


def count_events(extractions: list[Extraction]) -> int | None:
    """Events, when this version of sitrep extracts them."""
    if not extractions or not hasattr(extractions[0], "events"):
        return None
    return sum(len(e.events) for e in extractions)


def _worker_init() -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = nlp_mod.load()


def _worker_run(chunk: list[Article]) -> list[Extraction]:
    return list(process_many(chunk, _WORKER_MODEL))


def chunks(items: list[Article], n: int) -> list[list[Article]]:
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def sitrep_parallel(articles: list[Article], n: int, context: str, warm: list[Article]) -> tuple[float, float, list]:
    """(seconds including pool start-up, seconds of the work alone, extractions)."""
    ctx = mp.get_context(context)
    gc.collect()
    t0 = time.perf_counter()
    with ctx.Pool(n, initializer=_worker_init) as pool:
        # warm every worker (model load under spawn, first-call costs) before timing the work
        pool.map(_worker_run, chunks(warm, n), chunksize=1)
        t1 = time.perf_counter()
        parts = pool.map(_worker_run, chunks(articles, n), chunksize=1)
        t2 = time.perf_counter()
    return t2 - t0, t2 - t1, [e for part in parts for e in part]


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus",
        action="append",
        type=Path,
        help="directory (or file) of articles; repeatable. Default: ../shared/seeds (if present) + the sample corpus",
    )
    ap.add_argument("--min-bytes", type=int, default=2_000_000, help="repeat the corpus to at least this much text")
    ap.add_argument("--processes", type=int, default=1, help="also run N worker processes when N > 1")
    ap.add_argument("--batch-size", type=int, default=64, help="nlp.pipe / process_many batch size (default 64)")
    ap.add_argument("--warmup", type=int, default=20, help="articles run untimed before each timing")
    ap.add_argument("--mp-context", choices=("fork", "spawn", "forkserver"), default="fork")
    args = ap.parse_args(argv)

    # 1. corpus (not timed)
    dirs = args.corpus or [*([SEEDS] if SEEDS.is_dir() else []), sample_corpus()]
    base, skipped = read_corpus(dirs)
    articles = repeat_to(base, args.min_bytes)
    texts = para_texts(articles)
    warm_articles = articles[: args.warmup]
    warm_texts = para_texts(warm_articles)
    n_bytes = sum(len(a.text.encode("utf-8")) for a in articles)
    n_words = sum(len(a.text.split()) for a in articles)
    n_articles = len(articles)
    bs = args.batch_size

    git = git_state()  # before the timings: what code is about to be measured
    full_name = next((c for c in nlp_mod.CANDIDATES if spacy.util.is_package(c)), None)
    if full_name is None:
        raise SystemExit(f"bench: none of {nlp_mod.CANDIDATES} is installed")

    print(f"sitrep benchmark  python {platform.python_version()}  spaCy {spacy.__version__}  model {full_name}")
    print(f"code: commit {git['git_commit']}" + (" + uncommitted changes in src/" if git["src_dirty"] else ""))
    print(f"corpus: {', '.join(str(d) for d in dirs)}")
    print(f"  {len(base)} distinct articles, repeated x{-(-n_articles // len(base))} (distinct ids)")
    for s in skipped:
        print(f"  skipped: {s}")
    print(f"  {n_articles:,} articles  {n_bytes:,} bytes  {n_words:,} words  {len(texts):,} paragraphs")
    print(f"  batch size {bs}, warm-up {len(warm_articles)} articles, gc enabled")
    print()

    results: dict[str, dict[str, float]] = {}
    rss_after: dict[str, float] = {}

    def record(name: str, seconds: float) -> None:
        results[name] = {
            "seconds": round(seconds, 3),
            "articles_per_s": round(n_articles / seconds, 1),
            "words_per_s": round(n_words / seconds, 0),
        }
        rss_after[name] = peak_rss_mb()
        r = results[name]
        print(
            f"{name:<22} {r['seconds']:>8.2f} s  {r['articles_per_s']:>8.1f} articles/s  "
            f"{r['words_per_s']:>9,.0f} words/s   (peak RSS so far {rss_after[name]:,.0f} MB)",
            flush=True,
        )

    # 2a. floor_full: spaCy's full pipeline, NER included
    full = spacy.load(full_name)
    consume(full.pipe(warm_texts, batch_size=bs))
    secs, n_docs = timed(lambda: consume(full.pipe(texts, batch_size=bs)))
    assert n_docs == len(texts)
    record("floor_full", secs)

    # 2b. floor_same: sitrep's spaCy configuration, nothing else
    model = nlp_mod.load()
    consume(model.pipe(warm_texts, batch_size=bs))
    secs, n_docs = timed(lambda: consume(model.pipe(texts, batch_size=bs)))
    assert n_docs == len(texts)
    record("floor_same", secs)

    # 2c. sitrep: the whole extraction
    list(process_many(warm_articles, model, batch_size=bs))
    secs, extractions = timed(lambda: list(process_many(articles, model, batch_size=bs)))
    assert len(extractions) == n_articles, "process_many skipped articles"
    n_figures, n_quotes = count(extractions)
    n_events = count_events(extractions)
    record("sitrep", secs)

    # every copy must give the same records as the first: nothing cached or skipped across copies
    k = len(base)
    first_figs, first_quotes = count(extractions[:k])
    full_copies = n_articles // k
    assert count(extractions[: full_copies * k]) == (first_figs * full_copies, first_quotes * full_copies)
    del extractions

    out: dict[str, object] = {}
    if args.processes > 1:
        n = args.processes
        print()
        # spaCy starts its own processes on every call: start-up is part of its time
        consume(full.pipe(warm_texts, batch_size=bs, n_process=n))
        secs, n_docs = timed(lambda: consume(full.pipe(texts, batch_size=bs, n_process=n)))
        assert n_docs == len(texts)
        record(f"floor_full_x{n}", secs)
        total, work, par = sitrep_parallel(articles, n, args.mp_context, warm_articles)
        assert len(par) == n_articles and count(par) == (n_figures, n_quotes)
        del par
        record(f"sitrep_x{n}", work)
        print(f"{'':<22} ({total:.2f} s including pool start-up and warm-up, context {args.mp_context})")
        out.update(
            {
                "processes": n,
                "ratio_to_floor_parallel": round(
                    results[f"sitrep_x{n}"]["seconds"] / results[f"floor_full_x{n}"]["seconds"], 3
                ),
                "floor_parallel_seconds": results[f"floor_full_x{n}"]["seconds"],
                "floor_parallel_words_per_s": results[f"floor_full_x{n}"]["words_per_s"],
                "ratio_to_floor_parallel_with_startup": round(total / results[f"floor_full_x{n}"]["seconds"], 3),
                "sitrep_parallel_seconds": results[f"sitrep_x{n}"]["seconds"],
                "sitrep_parallel_seconds_with_startup": round(total, 3),
                "sitrep_parallel_words_per_s": results[f"sitrep_x{n}"]["words_per_s"],
                "parallel_speedup": round(results["sitrep"]["seconds"] / results[f"sitrep_x{n}"]["seconds"], 2),
                "peak_rss_children_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
            }
        )

    ratio_full = results["sitrep"]["seconds"] / results["floor_full"]["seconds"]
    ratio_same = results["sitrep"]["seconds"] / results["floor_same"]["seconds"]
    peak = peak_rss_mb()
    print()
    print(f"figures {n_figures:,}  quotes {n_quotes:,}" + (f"  events {n_events:,}" if n_events is not None else ""))
    print(f"sitrep / floor_full  {ratio_full:.2f}x   (spaCy full pipeline incl. NER)")
    print(f"sitrep / floor_same  {ratio_same:.2f}x   (sitrep's spaCy config; the rest is sitrep's own Python)")
    if args.processes > 1:
        print(f"sitrep_x{args.processes} / floor_full_x{args.processes}  {out['ratio_to_floor_parallel']:.2f}x")
    print(f"peak RSS {peak:,.0f} MB (this process)")

    line = {
        "ratio_to_floor": round(ratio_full, 3),
        "ratio_to_same_config": round(ratio_same, 3),
        "articles": n_articles,
        "distinct_articles": len(base),
        "bytes": n_bytes,
        "words": n_words,
        "paragraphs": len(texts),
        "batch_size": bs,
        "floor_seconds": results["floor_full"]["seconds"],
        "floor_same_seconds": results["floor_same"]["seconds"],
        "sitrep_seconds": results["sitrep"]["seconds"],
        "floor_words_per_s": results["floor_full"]["words_per_s"],
        "floor_same_words_per_s": results["floor_same"]["words_per_s"],
        "sitrep_words_per_s": results["sitrep"]["words_per_s"],
        "sitrep_articles_per_s": results["sitrep"]["articles_per_s"],
        "peak_rss_mb": peak,
        "figures": n_figures,
        "quotes": n_quotes,
        **({"events": n_events} if n_events is not None else {}),
        "model": full_name,
        "spacy": spacy.__version__,
        **git,
        **out,
    }
    print(json.dumps(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
