"""`partynet load DIR`: store what a Spark run wrote, as `partynet ingest` would have stored it.

The tables are streamed side by side in `ordinal` order (the order the local pipeline reads), so
memory stays bounded by one batch whatever the corpus size. Documents go through the local pipeline's
second half (ingest.pipeline.store_prepared): duplicates are decided against everything already in
the store, the extractions written with the same code. Loading the same directory twice changes
nothing. Needs pyarrow only, not Spark.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from partynet.domain import IngestSummary, Status
from partynet.extract.run import BatchExtractor, ExtractSummary
from partynet.ingest.pipeline import DocumentSink, IngestOptions, Prepared, Progress, Run, store_prepared
from partynet.registry.link import Linker
from partynet.spark.tables import FORMAT, TABLES, Loaded, document_from_row, extraction_from_rows
from partynet.store.extractions import Extractions
from partynet.store.repository import Store


class LoadError(Exception):
    """The directory is not the output of a Spark run this version can load."""


@dataclass(slots=True)
class LoadSummary:
    ingest: IngestSummary
    extracted: ExtractSummary
    run: dict[str, Any]  # the Spark run's summary.json
    # loaded documents the Spark run found to be copies; the store decides again against what it holds,
    # so `duplicate` differs from this only when the store held documents the Spark run never saw
    spark_duplicates: int = 0

    def as_dict(self) -> dict[str, Any]:
        return self.ingest.as_dict() | {
            "extracted": self.extracted.as_dict(),
            "spark_duplicates": self.spark_duplicates,
            "spark_run": {k: self.run.get(k) for k in ("master", "read", "started", "extractor")},
        }


def read_run_summary(directory: Path) -> dict[str, Any]:
    if not directory.is_dir():
        raise LoadError(f"{directory} is not a directory")
    missing = [name for name in TABLES if not (directory / name).is_dir()]
    summary_file = directory / "summary.json"
    if summary_file.is_dir():  # written through Spark on a cluster file system: one part file
        summary_file = next(iter(sorted(summary_file.glob("part-*"))), summary_file)
    if missing or not summary_file.is_file():
        raise LoadError(
            f"{directory} is not the output of `partynet spark run`: missing "
            + ", ".join([*missing, *([] if summary_file.is_file() else ["summary.json"])])
        )
    try:
        summary: dict[str, Any] = json.loads(summary_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LoadError(f"{summary_file} cannot be read: {exc}") from exc
    if summary.get("format") != FORMAT:
        raise LoadError(f"{directory} holds format {summary.get('format')!r}; this version loads {FORMAT!r}")
    return summary


def load(
    directory: Path,
    store: Store,
    options: IngestOptions,
    linker: Linker,
    progress: Progress | None = None,
) -> LoadSummary:
    summary = read_run_summary(directory)
    extractor = BatchExtractor(Extractions(store), linker)
    run = Run(store, {"load": str(directory), "spark_run": summary.get("started")})
    run.summary.skipped_files = int(summary.get("skipped_files") or 0)
    run.summary.skipped_records.update(summary.get("skipped_records") or {})
    batches = _Batches(store, run.summary, options.batch_size)
    ingested = store_prepared(
        batches.prepared(_loaded(directory)), run, options, progress=progress, after_write=extractor
    )
    return LoadSummary(ingested, extractor.summary, summary, batches.spark_duplicates)


@dataclass(slots=True)
class _Batches:
    """Loaded documents in batches of what the store does not hold yet, shaped as the pipeline's
    prepared batches (documents and their extractions)."""

    sink: DocumentSink
    summary: IngestSummary
    size: int
    spark_duplicates: int = 0

    def prepared(self, loaded: Iterator[Loaded]) -> Iterator[tuple[Prepared, int]]:
        seen: set[str] = set()
        while chunk := list(islice(loaded, self.size)):
            self.summary.read += len(chunk)
            skip = self.sink.existing_ids([item.document.id for item in chunk]) | seen
            fresh = []
            for item in chunk:
                if item.document.id in skip:
                    self.summary.unchanged += 1
                    continue
                seen.add(item.document.id)
                fresh.append(self._undecided(item))
            yield Prepared([i.document for i in fresh], [i.extraction for i in fresh]), len(chunk)

    def _undecided(self, item: Loaded) -> Loaded:
        """The store decides duplicates (it may hold documents the Spark run never saw): a document
        Spark marked as a copy goes in as kept, and is counted to compare."""
        doc = item.document
        if doc.status is Status.DUPLICATE:
            self.spark_duplicates += 1
            doc.status, doc.duplicate_of, doc.similarity = Status.KEPT, None, None
        return item


def _loaded(directory: Path) -> Iterator[Loaded]:
    """Documents with their extractions, merged from the five tables in ordinal order."""
    exchanges = _Groups(_rows(directory / "exchanges"))
    participants = _Groups(_rows(directory / "participants"), ("ordinal", "exchange"))
    claims = _Groups(_rows(directory / "claims"))
    mentions = _Groups(_rows(directory / "mentions"))
    last = -1
    for row in _rows(directory / "documents"):
        number = row["ordinal"]
        if number <= last:
            raise LoadError(f"documents are not in ordinal order at {number}: was the directory edited?")
        last = number
        doc = document_from_row(row)
        found_exchanges = exchanges.take((number,))
        for x in found_exchanges:
            x["participants"] = participants.take((number, x["exchange"]))
        found = extraction_from_rows(
            doc.id, row["extractor"], found_exchanges, claims.take((number,)), mentions.take((number,))
        )
        yield Loaded(number, doc, found, row["duplicate_of"])


def _rows(table: Path) -> Iterator[dict[str, Any]]:
    """Rows of one table's part files, in file name order (Spark numbers them in sort order)."""
    for part in sorted(table.glob("*.parquet")):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=2000):
            yield from batch.to_pylist()


class _Groups:
    """Consecutive rows sharing a key, taken in key order as the documents ask for them."""

    def __init__(self, rows: Iterator[dict[str, Any]], key: tuple[str, ...] = ("ordinal",)) -> None:
        self.rows = rows
        self.key = key
        self.pending: dict[str, Any] | None = next(rows, None)

    def take(self, wanted: tuple[int, ...]) -> list[dict[str, Any]]:
        found = []
        while self.pending is not None:
            key = tuple(self.pending[k] for k in self.key)
            if key > wanted:
                break
            if key < wanted:
                raise LoadError(f"a record of {key} has no document before it: the tables do not match")
            found.append(self.pending)
            self.pending = next(self.rows, None)
        return found
