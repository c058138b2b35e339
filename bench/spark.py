"""Spark scaling benchmark: the same generated corpus through `partynet spark run` on local[1] and
local[2], and through the local driver (`partynet ingest`, all cores, into SQLite), in one run; then
`partynet load` of the Spark output. Each command runs as its own process, as a user runs it.

    python bench/spark.py --docs 200000            # about 40 minutes on 2 cores
    python bench/spark.py --docs 5000 --shards 8   # a quick look
    python bench/spark.py --pin --spark-only       # local[1] held to one CPU, local[2] to two (taskset)

`local[N]` is N task slots, not N cores: the JVM's own threads (Arrow conversion, caching, Parquet,
garbage collection) run beside them, so unpinned local[1] also uses part of a second core. `--pin`
measures what one core and two cores do.

The reports are generated (bench/corpus.py: English and Chinese news reports of ~1,500 characters
naming registry parties) and split into JSONL shards, the unit Spark spreads over its cores (a
news archive comes as many WARC or JSONL files). Spark's figures are the job itself (`seconds` in
its summary: read to Parquet) and the wall time with the JVM start.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

PARTYNET = [sys.executable, "-m", "partynet"]


def shards(out: Path, docs: int, count: int) -> Path:
    """The generated reports split into `count` JSONL files of consecutive lines."""
    lines = generate(out, docs, pages=False)["text"][0].read_text(encoding="utf-8").splitlines()
    folder = out / "shards"
    folder.mkdir()
    size = -(-len(lines) // count)
    for number, start in enumerate(range(0, len(lines), size)):
        chunk = lines[start : start + size]
        (folder / f"part-{number:04d}.jsonl").write_text("\n".join(chunk) + "\n", encoding="utf-8")
    return folder


def timed(command: list[str]) -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-5000:]}")
    wall = time.perf_counter() - started
    return json.loads(done.stdout), wall


def into_store(what: str, command: list[str]) -> dict[str, Any]:
    """A command that stores documents (`ingest`, `load`), timed from outside."""
    summary, wall = timed(command)
    return {
        "what": what,
        "docs": summary["read"],
        "seconds": round(wall, 1),
        "docs_per_s": round(summary["read"] / wall, 1),
        "exchanges": summary["extracted"]["exchanges"],
    }


def spark(corpus: Path, out: Path, master: str, cpus: str | None = None) -> dict[str, Any]:
    pin = ["taskset", "-c", cpus] if cpus else []
    command = [*pin, *PARTYNET, "spark", "run", str(corpus), "--out", str(out), "--master", master, "--json"]
    summary, wall = timed(command)
    return {
        "what": f"partynet spark run --master {master} (to Parquet)" + (f", CPUs {cpus}" if cpus else ""),
        "docs": summary["read"],
        "seconds": summary["seconds"],
        "docs_per_s": summary["docs_per_second"],
        "wall_seconds": round(wall, 1),
        "exchanges": summary["exchanges"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=200_000, help="reports to generate")
    parser.add_argument("--shards", type=int, default=32, help="JSONL files the reports are split into")
    parser.add_argument("--pin", action="store_true", help="hold local[1] to one CPU and local[2] to two")
    parser.add_argument("--spark-only", action="store_true", help="leave out the local driver and the load")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        corpus = shards(tmp / "corpus", args.docs, args.shards)
        rows = [
            spark(corpus, tmp / "one", "local[1]", "0" if args.pin else None),
            spark(corpus, tmp / "two", "local[2]", "0,1" if args.pin else None),
        ]
        if not args.spark_only:
            rows += [
                into_store(
                    "partynet ingest (local driver, all cores, store included)",
                    [*PARTYNET, "--db", f"sqlite:///{tmp}/local.db", "ingest", str(corpus), "--json"],
                ),
                into_store(
                    "partynet load (Parquet to SQLite)",
                    [*PARTYNET, "--db", f"sqlite:///{tmp}/spark.db", "load", str(tmp / "two"), "--json"],
                ),
            ]
    result = {
        "docs": args.docs,
        "shards": args.shards,
        "runs": rows,
        "local2_over_local1": round(rows[1]["docs_per_s"] / rows[0]["docs_per_s"], 2),
        "peak_child_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return
    for row in rows:
        print(f"{row['what']:<58} {row['docs']:>8} docs {row['seconds']:>8} s {row['docs_per_s']:>9} docs/s")
    print(
        f"local[2] / local[1]: {result['local2_over_local1']}x   peak memory of one process: {result['peak_child_mb']} MB"
    )


if __name__ == "__main__":
    main()
