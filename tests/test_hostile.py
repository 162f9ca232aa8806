"""Hostile input: every nasty file gives a one-line InputError or a correct result, quickly, never a traceback.

The corpus is built here in ``tmp_path``. Reading and cleaning are tested through
``jobs.read_articles`` (no spaCy); the CLI runner covers the end-to-end one-line error.
"""

from __future__ import annotations

import importlib.util
import itertools
import time
from pathlib import Path

import pytest

from sitrep import dates, jobs, numbers
from sitrep.errors import InputError
from sitrep.records import Article
from sitrep.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "QUETTA: Police detained 40 Afghans on Monday, officials said in a statement to reporters."


def _html(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"


HOSTILE: dict[str, tuple[bytes, float]] = {  # name -> (content, seconds allowed)
    "invalid_utf8.txt": (b"QUETTA: Police detained 40 \xff\xfe Afghans on Monday, officials said.\n", 2),
    "nul_bytes.txt": (b"Police detained \x00 40 Afghans.\x00\n", 2),
    "mostly_nul.txt": (b"\x00" * 100 + b"Police", 2),
    "digits_line.txt": (b"1," * 5_000_000, 10),  # one 10 MB line of digits and commas
    "nested.html": (_html("<div>" * 5000 + f"<p>{SENTENCE}</p>" + "</div>" * 5000).encode(), 10),
    "all_script.html": (_html("<script>var x = 1; document.write(x);</script>" * 2000).encode(), 10),
    "tag_bomb.html": (_html(f"<p>{SENTENCE}</p>" + "<b><i><u>x</u></i></b>" * 20000).encode(), 15),
    "rtl.txt": (
        "پولیسو د دوشنبې په ورځ ۴۰ افغانان ونیول. الشرطة اعتقلت 40 أفغانيا يوم الاثنين.\n"
        "Police detained 40 Afghans on Monday, officials said.\n".encode(),
        2,
    ),
    "many_numbers.txt": (("Police detained " + ", ".join(str(i) for i in range(5000)) + " people.\n").encode(), 5),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_an_input_error_or_an_article(tmp_path: Path, name: str) -> None:
    content, allowed = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(content)
    summary = jobs.IngestSummary()
    started = time.perf_counter()
    articles = list(jobs.read_articles([str(path)], Settings(db=tmp_path / "x.db", published="2025-04-18"), summary))
    elapsed = time.perf_counter() - started
    print(
        f"{name}: {len(content):,} bytes in {elapsed:.2f}s, {len(articles)} article(s), {len(summary.errors)} error(s)"
    )
    assert elapsed < allowed
    assert len(articles) + len(summary.errors) == 1
    for e in summary.errors:
        assert isinstance(e, InputError)
        assert "\n" not in str(e) and str(e).startswith(str(path))
    for a in articles:
        assert isinstance(a, Article) and a.text.strip()
        assert "\x00" not in a.text


def test_expected_outcomes(tmp_path: Path) -> None:
    """The outcomes that are decided: which hostile inputs are refused and which read correctly."""
    outcome = {}
    for name, (content, _) in HOSTILE.items():
        (tmp_path / name).write_bytes(content)
        summary = jobs.IngestSummary()
        arts = list(jobs.read_articles([str(tmp_path / name)], Settings(db=tmp_path / "x.db"), summary))
        outcome[name] = arts[0] if arts else type(summary.errors[0]).__name__
    assert outcome["mostly_nul.txt"] == "BinaryInput"
    assert outcome["digits_line.txt"] == "TooLarge"  # a 10 MB paragraph is over spaCy's max_length
    assert outcome["all_script.html"] == "NoArticle"
    assert outcome["nested.html"] in ("NoArticle",) or "detained 40" in outcome["nested.html"].text
    assert "detained 40" in outcome["tag_bomb.html"].text
    assert outcome["nul_bytes.txt"].text == "Police detained 40 Afghans."
    assert "Police detained 40 ÿþ Afghans" in outcome["invalid_utf8.txt"].text  # cp1252 fallback, with a warning
    assert "۴۰" in outcome["rtl.txt"].text


def test_cli_gives_one_line_errors(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitrep.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("mostly_nul.txt", "digits_line.txt", "all_script.html"):
        (folder / name).write_bytes(HOSTILE[name][0])
    (folder / "ok.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["ingest", str(folder), "--db", str(tmp_path / "s.db"), "--published", "2025-04-18"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1  # some inputs failed, the rest was stored
    assert "Traceback" not in result.output
    errors = [ln for ln in result.output.splitlines() if ln.startswith("sitrep: error:")]
    assert len(errors) == 3
    assert "1 article(s) added" in result.output


def _timed(fn, text: str, repeats: int = 2) -> float:
    best = float("inf")
    for _ in range(repeats):
        dates._find_dates.cache_clear()
        started = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - started)
    return best


ADVERSARIAL = ["1,", "12 ", "1.", "1,000.5 ", "January 12 ", "more than 5 ", "two days ago ", "on Monday ", " "]


@pytest.mark.parametrize("unit", ADVERSARIAL)
@pytest.mark.parametrize(
    "fn", [numbers.find_numbers, lambda s: dates.find_dates(s, "2025-04-18")], ids=["find_numbers", "find_dates"]
)
def test_extraction_time_is_linear(fn, unit: str) -> None:
    """time(2x)/time(x) stays near 2: no catastrophic backtracking ("12 12 12 ..." was quadratic)."""
    sizes = (60_000, 120_000, 240_000)  # characters; ~0.06-0.24 MB keeps the whole table fast
    times = [_timed(fn, unit * (n // len(unit))) for n in sizes]
    ratios = [b / max(a, 1e-4) for a, b in itertools.pairwise(times)]
    print(f"{unit!r}: " + " ".join(f"{t * 1e6 / n:.2f}s/MB" for t, n in zip(times, sizes, strict=True)), ratios)
    assert times[-1] < 0.05 or max(ratios) < 3.5


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("fuzz_ingest", ROOT / "fuzz" / "fuzz_ingest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fuzz_target_bounded_run() -> None:
    fuzz = _fuzz_module()
    started = time.perf_counter()
    executions, crashes = fuzz.run_plain(3000, seed=1, save=False)
    print(f"fuzz: {executions} executions, {len(crashes)} crashes in {time.perf_counter() - started:.1f}s")
    assert executions == 3000
    assert crashes == []


def test_fuzz_corpus_replays_clean() -> None:
    """Every kept input (seeds and any crash found earlier) runs without a crash."""
    fuzz = _fuzz_module()
    files = sorted(p for p in (ROOT / "fuzz" / "corpus").iterdir() if p.is_file())
    assert files
    for p in files:
        try:
            fuzz.check(p.read_bytes())
        except fuzz.SitrepError:
            pass
