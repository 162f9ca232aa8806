"""Benchmarks of ``sitrep batch`` on Dask (issue #5): (b) scaling, (c) a mixed corpus, (d) memory.

Run from the repository root, on a machine that is otherwise idle::

    python bench/bench_batch.py                    # about 6 minutes on 2 cores
    python bench/bench_batch.py --articles 4000 --skip-floor --repeat 1     # quicker

Options: ``--articles`` (c's corpus, a multiple of 20; default 10,000), ``--workers`` and
``--partition-size`` (c's cluster; default 2 and 200, as the CLI), ``--scaling-articles`` and
``--scaling-partition-size`` (b's input; default 600 and 10), ``--repeat`` (b's runs and
spaCy floors per configuration, the fastest counts; default 2), ``--seed``, ``--work`` (where
inputs and stores are written; default ``/tmp/sitrep-bench-batch``, emptied first) and
``--skip-scaling``, ``--skip-floor``, ``--skip-startup``, ``--skip-mixed``, ``--skip-warc``.

**On-topic articles** are those of ``tests/data/heldout/articles``, the bundled sample corpus and
``../shared/seeds`` (when that directory exists), cleaned once. Article ids are content hashes,
so the k-th copy of a source gets one more paragraph naming a distinct pair of reporters
("Additional reporting by ..."): every article is distinct. **Off-topic articles** come from
``newsgen.py``: seeded, 300-900 words of cricket, football, markets, oil, weather, earthquakes,
technology, elections and health, some of them in Pakistan, Iran or Afghanistan.
``batch_corpus.py`` mixes them, renders HTML pages and writes the JSONL.gz and WARC inputs.

Each measured ``run_batch`` runs in a fresh process (the *driver*), so that its peak memory is
its own. Unless a run is marked *with start-up*, the driver first starts the cluster of
``scheduler="local"`` (:func:`sitrep.batch.local_cluster`, with ``batch.DASK_CONFIG``), loads
the model on every worker, runs a small untimed warm-up batch, and only then times
``run_batch`` against the cluster's address: the code path of ``scheduler="local"`` after its
start-up.

* (b) scaling: on-topic articles only, as one JSONL.gz; ``run_batch`` with 1 and with 2 workers,
  partitions of 10 (the parsing in one 200-article partition of a 5% corpus). Efficiency =
  throughput(2) / (2 x throughput(1)). spaCy's own efficiency is measured on the same
  paragraphs, each way from a freshly loaded, warmed model: ``nlp.pipe`` in one process, with
  ``n_process=2`` (the issue's floor), and as two forked processes each piping half (no Doc
  goes back: the machine's floor), for spaCy's full pipeline and for sitrep's configuration.
* (c) a mixed corpus, exactly 5% on topic, as one JSONL.gz and as one WARC of HTML pages:
  articles/s of the whole batch (reading, cleaning, prefilter, extraction, storing to SQLite),
  and the projected time for 140,000 articles (start-up + 140,000 / rate). The store is read
  back to count the prefilter's decisions: on-topic articles kept, off-topic let through.
* (d) peak RSS (VmHWM) of every worker process, read on the worker at the end of its run (so
  it covers start-up, warm-up and the run), and of each driver process.

Every run also reports the CPU seconds of the driver, of each worker and of *other processes*
(from /proc/stat): when others took more than 5% of the machine, the line says "noisy".

The last line of stdout is one JSON object with all the numbers.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import multiprocessing as mp
import os
import platform
import resource
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from batch_corpus import (
    ON_TOPIC_SHARE,
    Doc,
    mixed_corpus,
    on_topic_docs,
    on_topic_sources,
    words,
    write_jsonl_gz,
    write_warc,
)
from benchlib import git_state

PROJECT_TO = 140_000
SEED = 20251125


# ---------------------------------------------------------------- one run, in its own driver process


@dataclass(frozen=True)
class Run:
    """One measured ``run_batch``. Empty ``warm``: ``scheduler="local"``, start-up included in the time."""

    name: str
    inputs: tuple[str, ...]
    db: str
    workers: int
    partition_size: int
    warm: tuple[str, ...] = ()
    warm_partition_size: int = 5


def peak_rss_mb() -> float:
    """This process's peak RSS: VmHWM, not ru_maxrss, which keeps the parent's peak across fork + exec."""
    try:
        with open("/proc/self/status") as f:
            for row in f:
                if row.startswith("VmHWM:"):
                    return round(int(row.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # kB on Linux


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def own_cpu_s() -> float:
    """CPU of this process and of its children that have ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def machine_busy_s() -> float:
    """CPU seconds every process on the machine has used since boot (all CPUs, /proc/stat)."""
    try:
        with open("/proc/stat") as f:
            user, nice, system, _idle, _iowait, irq, softirq = map(int, f.readline().split()[1:8])
    except (OSError, ValueError):
        return float("nan")
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def quiet_share(seconds: float = 2.0) -> float:
    """Share of the machine's CPUs busy while this benchmark sleeps: others' load (0 = quiet)."""
    b0, t0 = machine_busy_s(), time.perf_counter()
    time.sleep(seconds)
    return round((machine_busy_s() - b0) / ((time.perf_counter() - t0) * (os.cpu_count() or 1)), 3)


def _driver(run: Run) -> dict[str, Any]:
    """Runs in a fresh process: the batch's driver (and, with a local cluster, its scheduler)."""
    import dask
    from dask.distributed import Client

    from sitrep import batch
    from sitrep.profiles import load_profile
    from sitrep.store import Store

    profile = load_profile()
    out: dict[str, Any] = {"name": run.name, "workers": run.workers, "partition_size": run.partition_size}
    gc.collect()
    if not run.warm:
        t0, c0, o0, m0 = time.perf_counter(), cpu_seconds(), own_cpu_s(), machine_busy_s()
        summary = batch.run_batch(list(run.inputs), run.db, profile, "local", run.workers, run.partition_size)
        out["seconds"] = time.perf_counter() - t0
        out["driver_cpu_s"] = cpu_seconds() - c0
        # the cluster's workers were this process's children and have ended: own_cpu_s counts them
        out["others_cpu_s"] = round(machine_busy_s() - m0 - (own_cpu_s() - o0), 2)
    else:
        t0 = time.perf_counter()
        # the cluster and the client of run_batch(scheduler="local"), started before the clock
        with dask.config.set(batch.DASK_CONFIG), batch.local_cluster(run.workers) as cluster, Client(cluster) as client:
            batch.warm_up(client, None)
            out["startup_s"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            warm = batch.run_batch(
                list(run.warm), f"{run.db}.warm", profile, cluster.scheduler_address, run.workers,
                run.warm_partition_size,
            )  # fmt: skip
            out["warmup_s"] = time.perf_counter() - t1
            out["warmup_articles"] = warm.read
            before = client.run(cpu_seconds)
            gc.collect()
            t2, c2, m2 = time.perf_counter(), cpu_seconds(), machine_busy_s()
            summary = batch.run_batch(
                list(run.inputs), run.db, profile, cluster.scheduler_address, run.workers, run.partition_size
            )
            out["seconds"] = time.perf_counter() - t2
            out["driver_cpu_s"] = cpu_seconds() - c2
            busy = machine_busy_s() - m2
            after = client.run(cpu_seconds)
            out["worker_cpu_s"] = sorted(round(after[w] - before[w], 2) for w in after)
            # CPU used by processes that are not this batch's, during the run: the noise
            out["others_cpu_s"] = round(busy - out["driver_cpu_s"] - sum(out["worker_cpu_s"]), 2)
            out["worker_peak_rss_mb"] = sorted(client.run(peak_rss_mb).values())
    out["driver_peak_rss_mb"] = peak_rss_mb()
    out["summary"] = {
        **{k: v for k, v in dataclasses.asdict(summary).items() if k != "failed"},
        "failed": len(summary.failed),
        "failed_first": summary.failed[:5],
    }
    with Store(run.db) as store:
        out["stored_paths"] = [a.path for a in store.articles()]
        out["counts"] = store.counts()
    return out


def measure(run: Run) -> dict[str, Any]:
    """``run`` in a fresh, spawned driver process."""
    for p in (Path(run.db), Path(f"{run.db}.warm")):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{p}{suffix}").unlink(missing_ok=True)
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(_driver, run).result()


# ---------------------------------------------------------------- the spaCy floor


_FLOOR_MODEL = None


def _pipe_count(texts: list[str]) -> int:
    return sum(1 for _ in _FLOOR_MODEL.pipe(texts, batch_size=64))  # type: ignore[attr-defined]


def halves(texts: list[str]) -> list[list[str]]:
    """Two contiguous halves with about the same number of words."""
    total, run = sum(len(t.split()) for t in texts), 0
    for i, t in enumerate(texts):
        run += len(t.split())
        if run >= total / 2:
            return [texts[: i + 1], texts[i + 1 :]]
    return [texts, []]


def spacy_floor(model_name: str | None, texts: list[str], warm: list[str]) -> dict[str, float]:
    """Seconds of ``nlp.pipe`` over ``texts``: one process, ``n_process=2``, two forked processes.

    Each of the three starts from a freshly loaded model warmed on ``warm`` (other texts), so
    that no timing profits from caches (tokenizer, attribute rules) filled by an earlier one.
    ``others_cpu_s``: CPU that other processes used meanwhile (the noise).
    """
    global _FLOOR_MODEL
    import spacy

    from sitrep import nlp

    out: dict[str, float] = {}
    others = 0.0
    for mode in ("one_process_s", "n_process_2_s", "two_processes_s"):
        nlp.load.cache_clear()
        _FLOOR_MODEL = spacy.load(model_name) if model_name else nlp.load()
        _pipe_count(warm)  # the processes below are forked from this warm state
        gc.collect()
        if mode == "two_processes_s":  # each process parses half and sends back a count, not Docs
            with mp.get_context("fork").Pool(2) as pool:
                pool.map(len, [[1], [2]], chunksize=1)  # both processes up
                c0, b0, t0 = own_cpu_s(), machine_busy_s(), time.perf_counter()
                assert sum(pool.map(_pipe_count, halves(texts), chunksize=1)) == len(texts)
                out[mode], busy = time.perf_counter() - t0, machine_busy_s() - b0
            others += busy - (own_cpu_s() - c0)  # the pool's processes have ended: counted
            continue
        c0, b0, t0 = own_cpu_s(), machine_busy_s(), time.perf_counter()
        if mode == "one_process_s":
            assert _pipe_count(texts) == len(texts)
        else:  # spaCy starts its processes on every call: their start-up is timed, as in the issue
            assert sum(1 for _ in _FLOOR_MODEL.pipe(texts, batch_size=64, n_process=2)) == len(texts)
        out[mode], busy = time.perf_counter() - t0, machine_busy_s() - b0
        others += busy - (own_cpu_s() - c0)
    out["others_cpu_s"] = max(others, 0.0)
    _FLOOR_MODEL = None
    nlp.load.cache_clear()
    return out


# ---------------------------------------------------------------- report


def machine() -> dict[str, object]:
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        mem = 0
    return {
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "ram_gb": round(mem / 2**30, 1),
        "python": platform.python_version(),
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def decisions(result: dict[str, Any], by_path: dict[str, Doc]) -> dict[str, Any]:
    """What the prefilter kept, from the store: on-topic articles kept, off-topic let through (by topic)."""
    stored = [by_path[p] for p in result["stored_paths"] if p in by_path]
    on_total = sum(1 for d in by_path.values() if d.on_topic)
    let_through = Counter(d.topic for d in stored if not d.on_topic)
    return {
        "on_topic": on_total,
        "on_topic_kept": sum(1 for d in stored if d.on_topic),
        "off_topic": len(by_path) - on_total,
        "off_topic_let_through": sum(let_through.values()),
        "let_through_by_topic": dict(sorted(let_through.items())),
    }


def r(x: float, n: int = 3) -> float:
    return round(x, n)


def noisy(res: dict[str, Any], cpus: int) -> str:
    share = res.get("others_cpu_s", 0) / (cpus * res["seconds"])
    return f"  <-- other processes took {share:.0%} of the machine: noisy" if share > 0.05 else ""


def cpu_line(res: dict[str, Any]) -> str:
    return (
        f"CPU in the run: driver {res['driver_cpu_s']:.2f} s, workers {res['worker_cpu_s']} s, "
        f"other processes {res['others_cpu_s']:.2f} s"
    )


def scaling_section(
    args: argparse.Namespace, sources: list[Doc], work: Path, results: dict[str, Any]
) -> dict[str, Any]:
    """(b): the same on-topic JSONL.gz with 1 and 2 workers, then spaCy alone on its paragraphs."""
    from newsgen import off_topic_articles

    from sitrep import nlp
    from sitrep.pipeline import paragraphs

    cpus = os.cpu_count() or 1
    docs = on_topic_docs(sources, args.scaling_articles)
    gz, warm = work / "on_topic.jsonl.gz", work / "warm_on_topic.jsonl.gz"
    write_jsonl_gz(docs, gz)
    write_jsonl_gz(on_topic_docs(sources, 20, start=args.scaling_articles), warm)
    n, n_words = len(docs), words(docs)
    size = args.scaling_partition_size
    print(f"\n(b) scaling: {n} on-topic articles, {n_words:,} words, one JSONL.gz, partitions of {size}")
    runs = [Run(f"b_{w}w_{k}", (str(gz),), str(work / f"b{w}.db"), w, size, (str(warm),))
            for k in range(1, args.repeat + 1) for w in (1, 2)]  # fmt: skip
    if not args.skip_startup:
        runs += [Run(f"b_{w}w_startup", (str(gz),), str(work / f"b{w}s.db"), w, size) for w in (1, 2)]
    for run in runs:
        res = results[run.name] = measure(run)
        assert res["summary"]["added"] == n and res["summary"]["failed"] == 0, f"{run.name}: {res['summary']}"
        extra = (f"+ start-up {res['startup_s']:.1f} s, warm-up {res['warmup_s']:.1f} s" if "startup_s" in res
                 else "cluster start-up and model load included")  # fmt: skip
        print(f"  {run.name:<12} {res['seconds']:>7.2f} s {n / res['seconds']:>6.1f} articles/s "
              f"{n_words / res['seconds']:>7,.0f} words/s  ({extra})", flush=True)  # fmt: skip
        if "worker_cpu_s" in res:
            print(f"  {'':<12} {cpu_line(res)}{noisy(res, cpus)}")
        elif noisy(res, cpus):
            print(f"  {'':<12} other processes {res['others_cpu_s']:.2f} s{noisy(res, cpus)}")
    best = {
        w: min((results[f"b_{w}w_{k}"] for k in range(1, args.repeat + 1)), key=lambda x: x["seconds"]) for w in (1, 2)
    }
    eff = best[1]["seconds"] / (2 * best[2]["seconds"])
    inflation = sum(best[2]["worker_cpu_s"]) / sum(best[1]["worker_cpu_s"])
    out: dict[str, Any] = {
        "articles": n,
        "words": n_words,
        "partition_size": size,
        "repeat": args.repeat,
        "seconds_1w": r(best[1]["seconds"]),
        "seconds_2w": r(best[2]["seconds"]),
        "all_seconds_1w": [r(results[f"b_1w_{k}"]["seconds"]) for k in range(1, args.repeat + 1)],
        "all_seconds_2w": [r(results[f"b_2w_{k}"]["seconds"]) for k in range(1, args.repeat + 1)],
        "words_per_s_1w": round(n_words / best[1]["seconds"]),
        "words_per_s_2w": round(n_words / best[2]["seconds"]),
        "efficiency": r(eff),
        "startup_s_1w": r(best[1]["startup_s"], 2),
        "startup_s_2w": r(best[2]["startup_s"], 2),
        "worker_cpu_s_1w": best[1]["worker_cpu_s"],
        "worker_cpu_s_2w": best[2]["worker_cpu_s"],
        "driver_cpu_s_1w": r(best[1]["driver_cpu_s"], 2),
        "driver_cpu_s_2w": r(best[2]["driver_cpu_s"], 2),
        "others_cpu_s_1w": best[1]["others_cpu_s"],
        "others_cpu_s_2w": best[2]["others_cpu_s"],
        "worker_cpu_inflation_2w": r(inflation),
    }
    print(f"  efficiency (2 workers vs 1, start-up excluded, best of {args.repeat}): {eff:.3f}   (target >= 0.85)")
    print(f"  workers' CPU with 2 workers / with 1: {inflation:.3f} (work that got slower, not idle time)")
    if not args.skip_startup:
        one, two = results["b_1w_startup"]["seconds"], results["b_2w_startup"]["seconds"]
        out |= {
            "seconds_1w_with_startup": r(one),
            "seconds_2w_with_startup": r(two),
            "efficiency_with_startup": r(one / (2 * two)),
        }
        print(f"  efficiency with cluster start-up and model load: {one / (2 * two):.3f}")
    if args.skip_floor:
        return out
    texts = [t for d in docs for _, t in paragraphs("\n\n".join(d.paragraphs))]
    warm = [p for s in off_topic_articles(20, args.seed + 2) for p in s.paragraphs]
    print(f"  spaCy alone on the same {len(texts):,} paragraphs (nlp.pipe, batch 64):")
    full_name = next((c for c in nlp.CANDIDATES if is_package(c)), None)
    for label, name in (("full", full_name), ("same", None)):
        tries = [spacy_floor(name, texts, warm) for _ in range(args.repeat)]
        floor = {k: min(t[k] for t in tries) for k in ("one_process_s", "n_process_2_s", "two_processes_s")}
        floor["others_cpu_s"] = sum(t["others_cpu_s"] for t in tries)
        share = floor["others_cpu_s"] / (cpus * sum(t[k] for t in tries for k in floor if k != "others_cpu_s"))
        one = floor["one_process_s"]
        fl: dict[str, Any] = {k: r(v) for k, v in floor.items()}
        for k in ("n_process_2", "two_processes"):
            fl[f"words_per_s_{k}"] = round(n_words / floor[f"{k}_s"])
            fl[f"efficiency_{k}"] = r(one / (2 * floor[f"{k}_s"]))
            out[f"relative_to_{label}_{k}"] = r(eff / fl[f"efficiency_{k}"])
        fl["words_per_s_1"] = round(n_words / one)
        out[f"floor_{label}"] = fl
        what = f"{name}, all components" if name else "sitrep's configuration, nlp.load()"
        print(f"    {what}: 1 process {fl['words_per_s_1']:,} words/s; n_process=2 {fl['words_per_s_n_process_2']:,} "
              f"(efficiency {fl['efficiency_n_process_2']:.3f}); two processes {fl['words_per_s_two_processes']:,} "
              f"(efficiency {fl['efficiency_two_processes']:.3f})"
              + (f"  <-- other processes took {share:.0%} of the machine: noisy" if share > 0.05 else ""), flush=True)  # fmt: skip
    print(f"  sitrep's efficiency / spaCy's: {out['relative_to_full_n_process_2']:.3f} (vs {full_name}, n_process=2, "
          f"as in the issue); {out['relative_to_same_two_processes']:.3f} (vs the same configuration, two processes)")  # fmt: skip
    return out


def mixed_section(args: argparse.Namespace, sources: list[Doc], work: Path, results: dict[str, Any]) -> dict[str, Any]:
    """(c): the 5%-on-topic corpus through the whole batch, as JSONL.gz and as a WARC."""
    cpus = os.cpu_count() or 1
    t0 = time.perf_counter()
    corpus = mixed_corpus(sources, args.articles, args.seed)
    warm_corpus = mixed_corpus(sources, 40, args.seed + 1, start=args.articles)
    n_on = sum(d.on_topic for d in corpus)
    out: dict[str, Any] = {"articles": len(corpus), "on_topic": n_on, "words": words(corpus), "partition_size": args.partition_size, "workers": args.workers}  # fmt: skip
    print(f"\n(c) mixed corpus: {len(corpus):,} articles, {n_on} on topic ({n_on / len(corpus):.0%}), {out['words']:,} words; "
          f"{args.workers} workers, partitions of {args.partition_size}")  # fmt: skip
    formats = [("jsonl", ".jsonl.gz")] + ([] if args.skip_warc else [("warc", ".warc.gz")])
    for fmt, suffix in formats:
        path, warm = work / f"mixed{suffix}", work / f"warm{suffix}"
        if fmt == "jsonl":
            by_path = write_jsonl_gz(corpus, path)
            write_jsonl_gz(warm_corpus, warm)
        else:
            by_path = write_warc(corpus, path, args.seed)
            write_warc(warm_corpus, warm, args.seed + 1)
        mb = path.stat().st_size / 2**20
        print(f"  {fmt}: {mb:.1f} MB, generated and written in {time.perf_counter() - t0:.1f} s (not timed)")
        run = Run(f"c_{fmt}", (str(path),), str(work / f"c_{fmt}.db"), args.workers, args.partition_size, (str(warm),))
        res = results[run.name] = measure(run)
        s, dec = res["summary"], decisions(res, by_path)
        rate = len(corpus) / res["seconds"]
        projected = res["startup_s"] + PROJECT_TO / rate
        out[fmt] = {
            "input_mb": r(mb, 1),
            "seconds": r(res["seconds"]),
            "articles_per_s": r(rate, 1),
            "startup_s": r(res["startup_s"], 2),
            "warmup_s": r(res["warmup_s"], 2),
            "projected_140k_s": round(projected),
            "projected_140k_h": r(projected / 3600, 2),
            **{k: s[k] for k in ("read", "skipped_by_prefilter", "processed", "added", "unchanged", "failed")},
            **dec,
            "figures": res["counts"].get("figures"),
            "driver_cpu_s": r(res["driver_cpu_s"], 2),
            "worker_cpu_s": res["worker_cpu_s"],
            "others_cpu_s": res["others_cpu_s"],
        }
        print(f"  {fmt:<6} {res['seconds']:7.2f} s  {rate:7.1f} articles/s  (+ start-up {res['startup_s']:.1f} s)  "
              f"-> {PROJECT_TO:,} articles in {projected / 60:.1f} min (target < 180 min)", flush=True)  # fmt: skip
        print(f"         read {s['read']}, prefilter skipped {s['skipped_by_prefilter']}, parsed {s['processed']}, "
              f"added {s['added']}, unchanged {s['unchanged']}, failed {s['failed']}; figures {res['counts'].get('figures')}")  # fmt: skip
        missed = "" if dec["on_topic_kept"] == dec["on_topic"] else "  <-- ON-TOPIC ARTICLES MISSED"
        print(f"         prefilter: on topic kept {dec['on_topic_kept']} of {dec['on_topic']}{missed}; off topic let "
              f"through {dec['off_topic_let_through']} of {dec['off_topic']} {dec['let_through_by_topic']}")  # fmt: skip
        print(f"         {cpu_line(res)}{noisy(res, cpus)}")
        for fail in s["failed_first"]:
            print(f"         failed: {fail}")
        t0 = time.perf_counter()
    return out


def memory_section(results: dict[str, Any]) -> dict[str, Any]:
    """(d): every run's peak RSS per worker and of its driver."""
    runs = {
        name: {"worker_peak_rss_mb": res.get("worker_peak_rss_mb"), "driver_peak_rss_mb": res["driver_peak_rss_mb"]}
        for name, res in results.items()
    }
    worst = max((m for res in results.values() for m in res.get("worker_peak_rss_mb", [])), default=None)
    driver = max((res["driver_peak_rss_mb"] for res in results.values()), default=None)
    print("\n(d) peak RSS (VmHWM) per process, MB:")
    for name, m in runs.items():
        workers = m["worker_peak_rss_mb"] or "(not read: the cluster lives inside run_batch)"
        print(f"  {name:<12} workers {workers}  driver {m['driver_peak_rss_mb']}")
    print(f"  largest worker {worst} MB (target <= 1024 MB); largest driver {driver} MB")
    return {"largest_worker_peak_rss_mb": worst, "largest_driver_peak_rss_mb": driver, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="(c) articles in the mixed corpus, a multiple of 20")
    ap.add_argument("--workers", type=int, default=2, help="(c) workers of the local cluster (default 2)")
    ap.add_argument("--partition-size", type=int, default=200, help="(c) articles per task (default 200, as the CLI)")
    ap.add_argument("--scaling-articles", type=int, default=600, help="(b) on-topic articles (default 600)")
    ap.add_argument("--scaling-partition-size", type=int, default=10, help="(b) articles per task (default 10)")
    ap.add_argument("--repeat", type=int, default=2, help="(b) runs of each worker count; the fastest counts")
    ap.add_argument("--seed", type=int, default=SEED, help="seed of the off-topic articles and their order")
    ap.add_argument("--work", type=Path, default=Path("/tmp/sitrep-bench-batch"), help="where inputs and stores go")
    ap.add_argument("--skip-scaling", action="store_true", help="skip (b)")
    ap.add_argument("--skip-floor", action="store_true", help="skip spaCy's own scaling in (b)")
    ap.add_argument("--skip-startup", action="store_true", help="skip (b)'s runs that include cluster start-up")
    ap.add_argument("--skip-mixed", action="store_true", help="skip (c)")
    ap.add_argument("--skip-warc", action="store_true", help="skip (c) on the WARC")
    args = ap.parse_args(argv)
    if args.articles < ON_TOPIC_SHARE or args.articles % ON_TOPIC_SHARE:
        ap.error(f"--articles must be a positive multiple of {ON_TOPIC_SHARE} (5% on topic), got {args.articles}")
    if min(args.workers, args.partition_size, args.scaling_articles, args.scaling_partition_size, args.repeat) < 1:
        ap.error(
            "--workers, --partition-size, --scaling-articles, --scaling-partition-size and --repeat must be positive"
        )

    import spacy

    from sitrep import nlp

    git, host = git_state(), machine()
    host["others_share_at_start"] = quiet_share()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    model = next((c for c in nlp.CANDIDATES if is_package(c)), None)
    dirty = f" + uncommitted changes in {', '.join(git['src_dirty_files'] or [])}" if git["src_dirty"] else ""  # type: ignore[arg-type]
    print(f"sitrep batch benchmark  python {host['python']}  spaCy {spacy.__version__}  model {model}")
    print(f"machine: {host['cpus']} CPUs ({host['cpus_usable']} usable), {host['ram_gb']} GB RAM; load average "
          f"{host['load_avg_at_start']}, {host['others_share_at_start']:.0%} busy before the benchmark")  # fmt: skip
    print(f"code: commit {git['git_commit']}{dirty}")

    # 1. on-topic sources (not timed)
    sources, dirs = on_topic_sources()
    print(f"on-topic sources: {len(sources)} articles from {', '.join(dirs)}")
    line: dict[str, Any] = {**host, **git, "model": model, "spacy": spacy.__version__, "seed": args.seed}
    results: dict[str, Any] = {}
    # 2. (b) scaling; 3. (c) the mixed corpus; 4. (d) memory of every run
    if not args.skip_scaling:
        line["scaling"] = scaling_section(args, sources, args.work, results)
    if not args.skip_mixed:
        line["mixed"] = mixed_section(args, sources, args.work, results)
    line["memory"] = memory_section(results)
    line["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(line))
    return 0


def is_package(name: str) -> bool:
    import spacy

    return bool(spacy.util.is_package(name))


if __name__ == "__main__":
    sys.exit(main())
