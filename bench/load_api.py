"""A bounded load run of the dashboard and API on loopback (issue: API under load).

Starts `sitrep serve` on 127.0.0.1 over a store filled from the bundled sample corpus, then
runs N concurrent clients (asyncio + httpx) for D seconds over a mix of dashboard pages and
API endpoints, and reports requests/s, errors and latency percentiles. Only 127.0.0.1 is ever
contacted. The last line of stdout is a JSON object.

    python bench/load_api.py --clients 50 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PATHS = [
    "/",
    "/figures?indicator=deported",
    "/timeline",
    "/contradictions",
    "/api/v1/status",
    "/api/v1/figures?limit=20",
    "/api/v1/figures?indicator=returned&sort=value",
    "/api/v1/series?indicator=deported",
    "/api/v1/contradictions",
    "/api/v1/events",
    "/api/v1/export/figures.csv",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _client(base: str, until: float, n: int, latencies: list[float], errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        i = n
        while time.perf_counter() < until:
            path = PATHS[i % len(PATHS)]
            i += 1
            start = time.perf_counter()
            try:
                r = await client.get(path)
                if r.status_code >= 400:
                    errors.append(f"{path}: HTTP {r.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"{path}: {type(exc).__name__}")
            latencies.append(time.perf_counter() - start)


async def _run(base: str, clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(*(_client(base, until, n, latencies, errors) for n in range(clients)))
    return latencies, errors, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sitrep-load-"))
    db = work / "sample.db"
    subprocess.run([sys.executable, "-m", "sitrep", "demo", "--db", str(db)], check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(base + "/api/v1/status", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        latencies, errors, elapsed = asyncio.run(_run(base, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    result = {
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "errors": len(errors),
        "p50_ms": round(q[49] * 1000, 1),
        "p90_ms": round(q[89] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else 0.0,
    }
    for e in sorted(set(errors))[:10]:
        print("error:", e)
    print(f"{result['requests']} requests in {result['seconds']} s ({result['requests_per_s']}/s), "
          f"{result['errors']} errors, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms")  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
