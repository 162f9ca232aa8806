"""Crash safety of the store: a killed ingest leaves no half-stored article, and two ingests may share a store.

Each article is one transaction (``Store.add``: BEGIN IMMEDIATE ... COMMIT) in a WAL-mode
SQLite file, so a SIGKILL between or inside transactions must leave a consistent store that a
re-run completes. These tests run the real CLI as subprocesses (about 2 s of model load each).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_ARTICLES = 60
PUBLISHED = "2025-04-18"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _value(n: int) -> int:
    return n * 7 + 3


def _write_corpus(folder: Path, numbers: range) -> list[Path]:
    """One small article per number, each with exactly one figure ("detained 10 Afghans")."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in numbers:
        path = folder / f"article_{n:03d}.txt"
        path.write_text(f"QUETTA: Police detained {_value(n)} Afghans on Monday, officials said.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _ingest_cmd(db: Path, *inputs: Path) -> list[str]:
    return [sys.executable, "-m", "sitrep", "ingest", *map(str, inputs), "--db", str(db), "--published", PUBLISHED]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1"}


def _count(db: Path) -> int:
    """Articles committed so far, read through a separate connection (never blocks the writer in WAL mode)."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0  # not migrated yet


def _check_consistent(db: Path) -> tuple[int, int]:
    """integrity_check is ok and every stored article has its one figure; returns (articles, figures)."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        per_article = con.execute(
            "SELECT a.id, a.text, count(f.id), group_concat(f.value) FROM articles a"
            " LEFT JOIN figures f ON f.article_id = a.id GROUP BY a.id"
        ).fetchall()
        for _, text, n_figures, values in per_article:
            assert n_figures == 1, f"article {text!r} stored with {n_figures} figures"
            assert f"detained {values} Afghans" in text
        dupes = con.execute(
            "SELECT article_id, value, start, count(*) FROM figures GROUP BY article_id, value, start HAVING count(*) > 1"
        ).fetchall()
        assert dupes == []
        n_figures = con.execute("SELECT count(*) FROM figures").fetchone()[0]
        return len(per_article), n_figures
    finally:
        con.close()


def test_sigkill_mid_ingest_leaves_no_half_stored_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, range(N_ARTICLES))
    db = tmp_path / "store.db"

    # kill as soon as some but not all articles are committed; the store is written in chunks
    # (batch_size 32), so a 2 ms poll sees the first chunk before the second is parsed
    killed_at = None
    for _attempt in range(3):
        for leftover in tmp_path.glob("store.db*"):
            leftover.unlink()
        proc = subprocess.Popen(_ingest_cmd(db, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
        deadline = time.monotonic() + 25
        while proc.poll() is None and time.monotonic() < deadline:
            n = _count(db)
            if 0 < n < N_ARTICLES:
                proc.send_signal(signal.SIGKILL)
                killed_at = n
                break
            time.sleep(0.002)
        proc.wait(timeout=10)
        if killed_at is not None:
            break
    assert killed_at is not None, "ingest never observed half-way; could not kill it mid-run"
    assert proc.returncode == -signal.SIGKILL

    stored, figures = _check_consistent(db)
    assert 0 < stored < N_ARTICLES
    assert figures == stored
    print(f"killed after {killed_at} committed articles; store holds {stored} articles, {figures} figures")

    # a re-run completes the store without duplicating anything
    done = subprocess.run(_ingest_cmd(db, corpus), capture_output=True, text=True, env=_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"{N_ARTICLES - stored} article(s) added, {stored} already stored" in done.stdout
    assert _check_consistent(db) == (N_ARTICLES, N_ARTICLES)


def test_two_concurrent_ingests_store_every_article_once(tmp_path: Path) -> None:
    files = _write_corpus(tmp_path / "corpus", range(N_ARTICLES))
    half = N_ARTICLES // 2
    overlap = files[half]  # given to both processes
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for f in files[: half + 1]:
        (first / f.name).write_bytes(f.read_bytes())
    for f in files[half:]:
        (second / f.name).write_bytes(f.read_bytes())
    assert (first / overlap.name).exists() and (second / overlap.name).exists()

    db = tmp_path / "shared.db"  # fresh: both processes also race to create the schema
    procs = [
        subprocess.Popen(_ingest_cmd(db, d), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        for d in (first, second)
    ]
    results = [p.communicate(timeout=60) for p in procs]
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, f"stdout: {out}\nstderr: {err}"
        assert "Traceback" not in err
    added = sum(int(out.split(" article(s) added")[0].split()[-1]) for out, _ in results)
    assert added == N_ARTICLES  # the overlapping file was added by exactly one of them
    assert _check_consistent(db) == (N_ARTICLES, N_ARTICLES)
    con = sqlite3.connect(db)
    try:
        values = sorted(v for (v,) in con.execute("SELECT value FROM figures"))
        assert values == [_value(n) for n in range(N_ARTICLES)]
        migrations = [name for (name,) in con.execute("SELECT name FROM migrations ORDER BY name")]
        assert migrations == ["0001_initial", "0002_events", "0003_marks", "0004_batch_runs"]
    finally:
        con.close()


def _open_store(path: str) -> str:
    from sitrep.errors import StoreError
    from sitrep.store import Store

    try:
        Store(path).close()
    except StoreError as exc:
        return str(exc)
    return "ok"


def test_many_processes_creating_one_new_store_at_once(tmp_path: Path) -> None:
    """Regression: the migration race ("table articles already exists") and the WAL switch ("database is locked")."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    failures = []
    with ctx.Pool(8) as pool:
        for round_ in range(15):
            path = str(tmp_path / f"new_{round_}.db")
            failures += [r for r in pool.map(_open_store, [path] * 8) if r != "ok"]
    assert failures == []
