"""API load benchmark: a read-heavy mix against `partynet serve` on loopback, bounded in requests and
time, printing throughput, latency percentiles and errors.

    python bench/serve.py [--requests 6000] [--seconds 60] [--concurrency 16] [--json]

Builds the demo store in a temporary directory, adds a viewer, starts the server in its own process
(as users run it), then sends the mix from an asyncio client in this process. Both share the machine's
cores, as a colleague's browser and the server would not: the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from partynet.store.repository import Store
from partynet.store.users import Role, Users

# (weight, path): listing and reading records dominate, as in a review session
MIX = (
    (30, "/api/exchanges?limit=20&sort=-date"),
    (25, "/api/exchanges/{exchange}"),
    (15, "/api/documents/{document}"),
    (10, "/api/parties?limit=50"),
    (8, "/api/search?q=Party"),
    (6, "/api/statistics"),
    (4, "/api/coverage"),
    (2, "/api/relations"),
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _demo_store(root: Path) -> tuple[str, str]:
    url = f"sqlite:///{root / 'demo.db'}"
    subprocess.run(
        [sys.executable, "-m", "partynet", "--db", url, "demo", "--json", "--report", str(root / "report")],
        check=True, capture_output=True, cwd=root,
    )  # fmt: skip
    store = Store.open(url)
    token = Users(store).add("bench", Role.VIEWER)
    store.close()
    return url, token


def _start(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "partynet", "--db", url, "serve", "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
        except httpx.TransportError:
            time.sleep(0.1)
        else:
            return server
    server.kill()
    raise RuntimeError("the server did not start")


async def _run(base: str, token: str, total: int, seconds: float, concurrency: int) -> dict[str, Any]:
    # aiohttp as the client: it spends a third of httpx's CPU per request, and the client shares the
    # machine with the server
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(base, headers=headers, connector=connector) as client:
        async with client.get("/api/exchanges?limit=200") as first:
            ids = (await first.json())["items"]
        exchanges = [e["id"] for e in ids]
        documents = [e["evidence"][0]["document_id"] for e in ids if e["evidence"]]
        rng = random.Random(7)
        queue: asyncio.Queue[str] = asyncio.Queue()
        for _ in range(total):
            path = rng.choices([p for _, p in MIX], weights=[w for w, _ in MIX])[0]
            queue.put_nowait(path.format(exchange=rng.choice(exchanges), document=rng.choice(documents)))
        latencies: list[float] = []
        errors = 0
        stop = time.monotonic() + seconds

        async def worker() -> None:
            nonlocal errors
            while not queue.empty() and time.monotonic() < stop:
                path = queue.get_nowait()
                started = time.perf_counter()
                async with client.get(path) as response:
                    await response.read()
                latencies.append(time.perf_counter() - started)
                errors += response.status >= 400

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "workers": 0,
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "errors": errors,
        "concurrency": concurrency,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, token = _demo_store(Path(tmp))
        port = _free_port()
        server = _start(url, port, args.workers)
        try:
            time.sleep(2)  # every worker up before the clock starts
            result = asyncio.run(
                _run(f"http://127.0.0.1:{port}", token, args.requests, args.seconds, args.concurrency)
            )
        finally:
            server.terminate()
            server.wait(timeout=10)
    result["workers"] = args.workers
    print(json.dumps(result) if args.json else "  ".join(f"{k} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
