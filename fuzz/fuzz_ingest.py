"""Fuzz target: bytes -> decode -> clean_text, and numbers/dates extraction (no spaCy: too slow).

With atheris (``pip install atheris``)::

    python fuzz/fuzz_ingest.py -runs=20000 fuzz/corpus

Without it, a plain-Python driver feeds random bytes and mutations of the corpus files::

    python fuzz/fuzz_ingest.py --plain --runs 20000

Only sitrep's own errors (:class:`sitrep.errors.SitrepError`) are expected; anything else is a
crash. The plain driver writes each crashing input to ``fuzz/corpus/crash-<sha1>``.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

from sitrep import dates, ingest, numbers
from sitrep.errors import SitrepError

CORPUS = Path(__file__).resolve().parent / "corpus"


def check(data: bytes) -> None:
    """One execution: must return normally or raise a SitrepError."""
    try:
        text, _ = ingest.decode(data, "<fuzz>")
    except SitrepError:
        return
    cleaned = ingest.clean_text(text)
    for para in cleaned.text.split("\n\n")[:50]:
        for m in numbers.find_numbers(para):
            assert 0 <= m.value < numbers.MAX_VALUE, m
            assert 0 <= m.start <= m.number_start < m.end <= len(para), m
            assert para[m.start : m.end] == m.text, m
        for d in dates.find_dates(para, "2025-04-18"):
            assert para[d.start : d.end] == d.text, d
    for s in cleaned.segments:
        assert 0 <= s.start <= s.end <= len(cleaned.text), s


_TOKENS = [b"1,", b"2,23,637", b"12 ", b"million ", b"over ", b"last year", b"In January", b"on Monday",
           b"\x00", b"\xff", b"\n\n", b"QUETTA: ", b"- ", b"\xd9\xa4", b"<div>", b"2025", b"lakh "]  # fmt: skip


def mutate(seed: bytes, rng: random.Random) -> bytes:
    data = bytearray(seed)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(4)
        pos = rng.randint(0, len(data))
        if op == 0 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op == 1:
            data[pos:pos] = rng.choice(_TOKENS) * rng.randint(1, 20)
        elif op == 2 and data:
            del data[pos : pos + rng.randint(1, 16)]
        else:
            data[pos:pos] = rng.randbytes(rng.randint(1, 16))
    return bytes(data)


def run_plain(runs: int, seed: int = 0, corpus: Path = CORPUS, save: bool = True) -> tuple[int, list[bytes]]:
    """(executions, crashing inputs) of ``runs`` random and mutated inputs."""
    rng = random.Random(seed)
    seeds = [p.read_bytes() for p in sorted(corpus.glob("*")) if p.is_file()] or [b"Police detained 40 Afghans."]
    crashes: list[bytes] = []
    for _ in range(runs):
        data = rng.randbytes(rng.randint(0, 200)) if rng.random() < 0.2 else mutate(rng.choice(seeds), rng)
        try:
            check(data)
        except SitrepError:
            pass
        except Exception:
            crashes.append(data)
            if save:
                (corpus / f"crash-{hashlib.sha1(data).hexdigest()}").write_bytes(data)
    return runs, crashes


def main() -> None:
    if "--plain" in sys.argv:
        parser = argparse.ArgumentParser()
        parser.add_argument("--plain", action="store_true")
        parser.add_argument("--runs", type=int, default=20000)
        parser.add_argument("--seed", type=int, default=0)
        args = parser.parse_args()
        n, crashes = run_plain(args.runs, args.seed)
        print(f"{n} executions, {len(crashes)} crash(es)")
        sys.exit(1 if crashes else 0)
    import atheris

    def one(data: bytes) -> None:
        try:
            check(data)
        except SitrepError:
            pass

    atheris.instrument_func(check)
    atheris.instrument_all()  # sitrep is imported already: instrument it for coverage feedback
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
