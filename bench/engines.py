"""Bulk ingest into each engine: the same generated reports ingested into a new SQLite file and into
a PostgreSQL database, docs/s side by side, in one run.

    python bench/engines.py --docs 100000 [--postgres postgresql+psycopg://user@host:port/db]
    scripts/with-postgres sh -c '.venv/bin/python bench/engines.py --postgres "$PARTYNET_TEST_DB"'
                                              # the same, with a throw-away PostgreSQL cluster

Ingestion as `partynet ingest` runs it (read, clean, language, de-duplicate, store; all cores), without
the extraction stage, so that the figures compare the stores rather than the extractor
(`bench/extract.py` measures that). The PostgreSQL database must be empty: its schema is dropped first.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import create_engine, func, select, text

from corpus import generate
from partynet.ingest.pipeline import IngestOptions, ingest
from partynet.settings import settings_from_env
from partynet.store.repository import Store
from partynet.store.schema import documents


def run(url: str, paths: list[str]) -> dict[str, Any]:
    store = Store.open(url)
    options = IngestOptions.from_settings(settings_from_env())
    started = time.perf_counter()
    summary = ingest(paths, store, options)
    seconds = time.perf_counter() - started
    with store.engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(documents))
    store.close()
    return {
        "engine": url.split(":", 1)[0],
        "docs": summary.read,
        "stored": stored,
        "seconds": round(seconds, 1),
        "docs_per_s": round(summary.read / seconds, 1),
    }


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--postgres", help="URL of an empty PostgreSQL database")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(Path(tmp), args.docs, pages=False)
        paths = [str(p) for p in corpus["text"]]
        results.append(run(f"sqlite:///{tmp}/bench.db", paths))
        if args.postgres:
            reset_postgres(args.postgres)
            results.append(run(args.postgres, paths))
        else:
            print("no --postgres URL: PostgreSQL not measured", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=1))
        return
    for result in results:
        print("  ".join(f"{k} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
