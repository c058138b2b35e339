"""API load benchmark: a read-heavy mix, with review writes mixed in, against `partynet serve` on
loopback, bounded in requests and time, printing throughput, latency percentiles and errors, and
checking afterwards that no write was lost or doubled.

    python bench/serve.py [--requests 6000] [--seconds 60] [--concurrency 16] [--write-share 0.2] [--json]

Builds the demo store in a temporary directory, adds a viewer and an analyst, starts the server in its
own process (as users run it), then sends the mix from an asyncio client in this process. Both share
the machine's cores, as a colleague's browser and the server would not: the figures are a floor.

Writes are analysts' decisions (accept or reject an exchange), each with a note naming it. After the
run the store's audit log must hold exactly one entry for every write the server acknowledged and none
for any it refused, and each exchange must carry the decision of its last entry.
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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import httpx
from sqlalchemy import select

from partynet.store.repository import Store
from partynet.store.schema import audit, exchanges
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


def _demo_store(root: Path) -> tuple[str, str, str]:
    url = f"sqlite:///{root / 'demo.db'}"
    subprocess.run(
        [sys.executable, "-m", "partynet", "--db", url, "demo", "--json", "--report", str(root / "report")],
        check=True, capture_output=True, cwd=root,
    )  # fmt: skip
    store = Store.open(url)
    token = Users(store).add("bench", Role.VIEWER)
    analyst = Users(store).add("bench-analyst", Role.ANALYST)
    store.close()
    return url, token, analyst


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


@dataclass(frozen=True, slots=True)
class Call:
    path: str
    write: str | None = None  # "accept" or "reject": a decision with this call's note


@dataclass(slots=True)
class Outcome:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    acknowledged: dict[str, str] = field(default_factory=dict)  # note -> exchange, for 2xx writes
    refused: list[str] = field(default_factory=list)  # notes of writes answered with an error


def _calls(
    rng: random.Random, total: int, exchanges: list[str], documents: list[str], write_share: float
) -> list[Call]:
    calls = []
    for number in range(total):
        if rng.random() < write_share:
            exchange = rng.choice(exchanges)
            calls.append(
                Call(f"/api/exchanges/{exchange}/{rng.choice(('accept', 'reject'))}", f"load write {number}")
            )
            continue
        path = rng.choices([p for _, p in MIX], weights=[w for w, _ in MIX])[0]
        calls.append(Call(path.format(exchange=rng.choice(exchanges), document=rng.choice(documents))))
    return calls


async def _run(
    base: str, tokens: tuple[str, str], total: int, seconds: float, concurrency: int, write_share: float
) -> tuple[dict[str, Any], Outcome]:
    # aiohttp as the client: it spends a third of httpx's CPU per request, and the client shares the
    # machine with the server
    viewer = {"Authorization": f"Bearer {tokens[0]}"}
    analyst = {"Authorization": f"Bearer {tokens[1]}"}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(base, headers=viewer, connector=connector) as client:
        async with client.get("/api/exchanges?limit=200") as first:
            ids = (await first.json())["items"]
        exchanges = [e["id"] for e in ids]
        documents = [e["evidence"][0]["document_id"] for e in ids if e["evidence"]]
        queue: asyncio.Queue[Call] = asyncio.Queue()
        for call in _calls(random.Random(7), total, exchanges, documents, write_share):
            queue.put_nowait(call)
        outcome = Outcome()
        stop = time.monotonic() + seconds

        async def send(call: Call) -> int:
            if call.write is None:
                async with client.get(call.path) as response:
                    await response.read()
                    return response.status
            async with client.post(call.path, json={"note": call.write}, headers=analyst) as response:
                await response.read()
                if response.status < 300:
                    outcome.acknowledged[call.write] = call.path.split("/")[3]
                else:
                    outcome.refused.append(call.write)
                return response.status

        async def worker() -> None:
            while not queue.empty() and time.monotonic() < stop:
                call = queue.get_nowait()
                started = time.perf_counter()
                status = await send(call)
                outcome.latencies.append(time.perf_counter() - started)
                outcome.errors += status >= 400

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(outcome.latencies, n=100)
    return {
        "workers": 0,
        "requests": len(outcome.latencies),
        "writes": len(outcome.acknowledged) + len(outcome.refused),
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(outcome.latencies) / elapsed, 1),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "max_ms": round(max(outcome.latencies) * 1000, 1),
        "errors": outcome.errors,
        "concurrency": concurrency,
    }, outcome


def check_writes(url: str, outcome: Outcome) -> dict[str, int]:
    """Every acknowledged write once in the audit log, no refused one, each exchange as its last entry
    says: the counts of what is not."""
    store = Store.open(url)
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(audit.c.id, audit.c.note, audit.c.record_id, audit.c.action).where(
                audit.c.note.like("load write %")
            )
        ).all()
        status = dict(connection.execute(select(exchanges.c.id, exchanges.c.status)).all())
    store.close()
    entries = Counter(row.note for row in rows)
    last: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r.id):
        last[row.record_id] = row.action
    decided = {"accept": "accepted", "reject": "rejected"}
    return {
        "lost_writes": sum(1 for note in outcome.acknowledged if entries[note] == 0),
        "doubled_writes": sum(1 for note in outcome.acknowledged if entries[note] > 1),
        "refused_but_written": sum(1 for note in outcome.refused if entries[note]),
        "wrong_final_status": sum(
            1 for record, action in last.items() if status.get(record) != decided[action]
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    parser.add_argument(
        "--write-share", type=float, default=0.2, help="share of requests that are review writes"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, viewer, analyst = _demo_store(Path(tmp))
        port = _free_port()
        server = _start(url, port, args.workers)
        try:
            time.sleep(2)  # every worker up before the clock starts
            result, outcome = asyncio.run(
                _run(
                    f"http://127.0.0.1:{port}", (viewer, analyst), args.requests, args.seconds,
                    args.concurrency, args.write_share,
                )
            )  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=10)
        result |= check_writes(url, outcome)
    result["workers"] = args.workers
    print(json.dumps(result) if args.json else "  ".join(f"{k} {v}" for k, v in result.items()))
    if any(result[k] for k in ("lost_writes", "doubled_writes", "refused_but_written", "wrong_final_status")):
        sys.exit("writes were lost, doubled or misapplied")


if __name__ == "__main__":
    main()
