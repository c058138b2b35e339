"""Duplicate-index benchmark: what a run pays for a large store, beside rensa's own LSH index.

    python bench/dedup.py [--stored 200000] [--new 10000] [--json]

Every `ingest` that has new text rebuilds the duplicate index from the store (ingest/dedup.py): the
hash, signature and rank of every stored document. This generates --stored documents (80 words each
from a 5,000-word vocabulary, one in twenty a near copy of an earlier one) into a new SQLite store,
then, each in a fresh process so that its time and memory are its own:

- partynet: the index loaded from the store (seconds, memory it adds), then --new documents added
  batch by batch as `ingest` adds them (microseconds a document);
- rensa (the baseline): `RMinHashLSH.insert_many` of the same signatures (16 bands of 8 rows: it
  needs bands that divide the signature; fewer keys than partynet's 21 bands of 6), then `query_all`
  of the new ones. It only finds candidates: no check on the whole signature, no groups, nothing read
  from a store.

Memory is the growth of the resident set over the step (peak, and what stays afterwards).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from partynet.domain import DatePrecision, Document, PartialDate, SourceFormat
from partynet.ingest.dedup import DedupIndex, prepare, shingles
from partynet.ingest.pipeline import deduplicate
from partynet.settings import Settings
from partynet.store.repository import Store

VOCABULARY = 5_000
WORDS = 80
SEED = 20240627


def _texts(count: int, offset: int = 0) -> Iterator[str]:
    """Deterministic documents number offset, offset + 1, ...; one in twenty copies an earlier one with
    two words changed (a near duplicate)."""
    rng = np.random.default_rng(SEED)
    words = rng.integers(0, VOCABULARY, size=(offset + count, WORDS))
    for number in range(offset, offset + count):
        row = words[number]
        if number % 20 == 19:
            row = words[number // 40 * 20].copy()  # an earlier document that is no copy itself
            row[rng.integers(0, WORDS, size=2)] = rng.integers(0, VOCABULARY, size=2)
        yield " ".join(f"w{word}" for word in row.tolist())


def _documents(count: int, offset: int = 0) -> Iterator[Document]:
    settings = Settings()
    for number, text in enumerate(_texts(count, offset), start=offset):
        doc = Document(
            id=f"doc{number:09d}",
            source=f"bench/{number}",
            source_key=f"bench/{number}",
            locator="",
            source_format=SourceFormat.TEXT,
            text=text,
            published=PartialDate(
                f"20{10 + number % 15}-0{1 + number % 9}-1{number % 10}", DatePrecision.DAY
            ),
        )
        prepare(doc, settings.minhash_permutations)
        yield doc


def _rss_mb() -> float:
    resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    return resident_pages * resource.getpagesize() / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_fill(store_path: str, stored: int, _new: int) -> dict[str, Any]:
    """The store the measurements read: --stored documents, de-duplicated as `ingest` would."""
    settings = Settings()
    store = Store.open(f"sqlite:///{store_path}")
    index = DedupIndex(
        settings.minhash_permutations, settings.minhash_bands, settings.near_duplicate_threshold
    )
    run_id = store.start_run({"bench": "dedup"})
    batch: list[Document] = []
    for doc in _documents(stored):
        batch.append(doc)
        if len(batch) == 2_000:
            _write(store, run_id, index, batch)
            batch = []
    _write(store, run_id, index, batch)
    store.close()
    return {"documents": stored}


def _write(store: Store, run_id: int, index: DedupIndex, batch: list[Document]) -> None:
    store.write_batch(run_id, batch, deduplicate(batch, index))


def step_partynet(store_path: str, stored: int, new: int) -> dict[str, Any]:
    settings = Settings()
    store = Store.open(f"sqlite:///{store_path}")
    fresh = list(_documents(new, offset=stored))
    before = _rss_mb()
    start = time.perf_counter()
    index = DedupIndex(
        settings.minhash_permutations, settings.minhash_bands, settings.near_duplicate_threshold
    )
    index.load(store.dedup_state(settings.minhash_permutations))
    load_seconds = time.perf_counter() - start
    figures = {"load_s": load_seconds, "peak_mb": _peak_mb() - before, "kept_mb": _rss_mb() - before}
    start = time.perf_counter()
    grouped = 0
    for first in range(0, len(fresh), settings.batch_size):
        assignments = index.add_many(fresh[first : first + settings.batch_size])
        grouped += sum(bool(a.duplicate_of or a.repoints) for a in assignments)
    add_seconds = time.perf_counter() - start
    start = time.perf_counter()
    read = sum(len(chunk.ids) for chunk in store.dedup_state(settings.minhash_permutations))
    fetch_seconds = time.perf_counter() - start
    return figures | {
        "indexed": len(index) - new,
        "store_read_s": fetch_seconds,
        "add_us_per_doc": add_seconds / new * 1e6,
        "new_in_a_group": grouped,
        "read": read,
    }


def step_rensa(_store_path: str, stored: int, new: int) -> dict[str, Any]:
    from rensa import RMinHash, RMinHashLSH  # the baseline only

    settings = Settings()

    def minhashes(count: int, offset: int) -> list[RMinHash]:
        out = []
        for text in _texts(count, offset):
            minhash = RMinHash(num_perm=settings.minhash_permutations, seed=1)
            minhash.update(shingles(text))
            out.append(minhash)
        return out

    stored_hashes, fresh = minhashes(stored, 0), minhashes(new, stored)
    before = _rss_mb()
    start = time.perf_counter()
    threshold = settings.near_duplicate_threshold
    # rensa needs bands that divide the signature: 16 bands of 8 rows, fewer keys than partynet's 21 of 6
    lsh = RMinHashLSH(threshold=threshold, num_perm=settings.minhash_permutations, num_bands=16)
    lsh.insert_many(stored_hashes)
    load_seconds = time.perf_counter() - start
    figures = {"load_s": load_seconds, "peak_mb": _peak_mb() - before, "kept_mb": _rss_mb() - before}
    start = time.perf_counter()
    found = lsh.query_all(fresh)
    query_seconds = time.perf_counter() - start
    return figures | {
        "indexed": stored,
        "add_us_per_doc": query_seconds / new * 1e6,
        "new_with_candidates": sum(1 for candidates in found if candidates),
    }


STEPS = {"fill": step_fill, "partynet": step_partynet, "rensa": step_rensa}


def _in_child(step: str, store_path: str, stored: int, new: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--step", step, "--store", store_path]
    out = subprocess.run(
        [*command, "--stored", str(stored), "--new", str(new)], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stored", type=int, default=200_000, help="documents in the store")
    parser.add_argument("--new", type=int, default=10_000, help="new documents to add to the index")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)  # one measurement
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(STEPS[args.step](args.store, args.stored, args.new)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        store_path = str(Path(tmp) / "bench.db")
        start = time.perf_counter()
        _in_child("fill", store_path, args.stored, args.new)
        fill_seconds = time.perf_counter() - start
        report = {
            "stored": args.stored,
            "new": args.new,
            "fill_s": round(fill_seconds, 1),
            "partynet": _in_child("partynet", store_path, args.stored, args.new),
            "rensa": _in_child("rensa", store_path, args.stored, args.new),
        }
    if args.json:
        print(json.dumps(report, indent=1))
        return
    _print(report)


def _print(report: dict[str, Any]) -> None:
    print(
        f"{report['stored']:,} stored documents (store filled in {report['fill_s']} s), {report['new']:,} new"
    )
    for name in ("partynet", "rensa"):
        f = report[name]
        print(
            f"  {name:9s} load {f['load_s']:6.2f} s  memory +{f['peak_mb']:6.0f} MB at peak, "
            f"+{f['kept_mb']:6.0f} MB kept  ({f['kept_mb'] * 2**20 / f['indexed']:,.0f} bytes a document)  "
            f"new documents {f['add_us_per_doc']:6.1f} us each"
        )
    print(f"  partynet reading the store alone: {report['partynet']['store_read_s']:.2f} s")


if __name__ == "__main__":
    main()
