"""`partynet spark run`: the local stages over a corpus on Apache Spark, written as Parquet.

The driver lists the inputs (in the local pipeline's order), Spark runs read → decode → clean →
language → sign → extract → link on the executors with the very functions `partynet ingest` uses
(ingest.pipeline.Preparer and extract.run.ExtractBatch), de-duplicates across the whole corpus
(spark/dedup.py), and writes one Parquet table per record type plus summary.json. `partynet load`
(spark/load.py) stores them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

import pyarrow as pa
from pyspark import StorageLevel
from pyspark.accumulators import Accumulator, AccumulatorParam
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as sf
from pyspark.sql.pandas.types import from_arrow_schema

from partynet import __version__
from partynet.domain import RawDocument, Status
from partynet.extract.run import ExtractBatch
from partynet.extract.versions import CURRENT
from partynet.ingest.pipeline import IngestOptions, Preparer
from partynet.ingest.readers import Input, discover, documents_only, read_data, read_file
from partynet.registry.link import Linker
from partynet.registry.registry import Registry
from partynet.spark.dedup import duplicate_assignments
from partynet.spark.tables import (
    CLAIM,
    DOCUMENT_FIELDS,
    EXCHANGE,
    FORMAT,
    MENTION,
    PROCESSED,
    arrow_field,
    ordinal,
    processed_batch,
)

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from pyspark.broadcast import Broadcast

_INPUTS = pa.schema(
    [
        arrow_field("number", pa.int64()),
        arrow_field("path", pa.string()),
        arrow_field("key", pa.string()),
        arrow_field("content", pa.binary()),
    ]
)


@dataclass(frozen=True, slots=True)
class SparkOptions:
    master: str | None = None  # None: what spark-submit or the environment says, else local[*]
    partitions: int = 0  # 0: one per input file
    shuffle_partitions: int = 16  # grouping and joining steps (dedup, summary); raise on a cluster
    config: dict[str, str] = field(default_factory=dict)  # extra spark.* settings


@dataclass(slots=True)
class RunSummary:
    format: str
    partynet: str
    master: str
    inputs: int
    skipped_files: int
    partitions: int
    read: int
    by_status: dict[str, int]
    languages: dict[str, int]
    removals: dict[str, int]
    exchanges: int
    claims: int
    by_kind: dict[str, int]
    extractor: str
    settings: dict[str, Any]
    seconds: float
    docs_per_second: float
    started: str
    skipped_records: dict[str, int] = field(default_factory=dict)  # archive records that are not documents

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def session(options: SparkOptions, app_name: str = "partynet") -> SparkSession:
    builder = SparkSession.builder.appName(app_name)
    if options.master:
        builder = builder.master(options.master)
    defaults = {
        "spark.sql.execution.arrow.maxRecordsPerBatch": "1000",
        "spark.ui.showConsoleProgress": "false",
        # cached columns are built this many rows at a time: whole news texts, so fewer than Spark's 10,000
        "spark.sql.inMemoryColumnarStorage.batchSize": "1000",
        # Spark's 200 shuffle partitions are tasks of nothing on a laptop; AQE merges small ones anyway
        "spark.sql.shuffle.partitions": str(options.shuffle_partitions),
    }
    if (options.master or "").startswith("local"):
        # in local mode the driver's JVM is the executor: Spark's 1 GB default cannot cache a corpus
        defaults["spark.driver.memory"] = "4g"
        # local workers run this interpreter (its virtualenv holds partynet); on a cluster the
        # executors' Python comes from the cluster's own settings
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # read by the local worker launcher
    for key, value in (defaults | options.config).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run(
    spark: SparkSession,
    paths: list[str],
    out: Path | str,
    ingest: IngestOptions,
    registry: Registry,
    options: SparkOptions,
) -> RunSummary:
    """Process every document under `paths` and write the tables under `out` (replaced if present)."""
    started, clock = datetime.now(UTC), time.perf_counter()
    inputs, count, skipped = _inputs(spark, paths, options.partitions)
    skipped_records = spark.sparkContext.accumulator(Counter[str](), _Counts())
    stage = _Stage(ingest, spark.sparkContext.broadcast(registry), skipped_records)
    # the expensive stage runs once; what follows reads it back: every later step is a broadcast join
    # or a projection, so each partition keeps its rows in ordinal order without a shuffle
    read = inputs.mapInArrow(stage, from_arrow_schema(PROCESSED)).persist(StorageLevel.MEMORY_AND_DISK)
    documents = _with_duplicates(spark, _once_per_id(spark, read), ingest)
    target = str(out)
    _write_tables(documents, target)
    summary = _summary(spark, documents, ingest, count, skipped, inputs.rdd.getNumPartitions(), started)
    summary.skipped_records = dict(sorted(skipped_records.value.items()))
    summary.seconds = round(time.perf_counter() - clock, 2)
    summary.docs_per_second = round(summary.read / summary.seconds, 1) if summary.seconds else 0.0
    _write_summary(spark, target, summary)
    read.unpersist()
    return summary


def _once_per_id(spark: SparkSession, processed: DataFrame) -> DataFrame:
    """The same input given twice in one run is one document, the first read (as in `ingest`). Only
    ids and ordinals are shuffled to find them; the rare repeats come to the driver and are broadcast
    back."""
    repeated = [
        (row.id, row.first)
        for row in processed.groupBy("id")
        .agg(sf.count("*").alias("copies"), sf.min("ordinal").alias("first"))
        .where("copies > 1")
        .toLocalIterator()
    ]
    firsts = spark.createDataFrame(repeated, "id string, first bigint")
    return (
        processed.join(sf.broadcast(firsts), "id", "left")
        .where(sf.col("first").isNull() | (sf.col("ordinal") == sf.col("first")))
        .drop("first")
    )


def _inputs(spark: SparkSession, paths: list[str], partitions: int) -> tuple[DataFrame, int, int]:
    """One row per input file, numbered in the order `partynet ingest` reads them, spread evenly over
    `partitions` (0: one per file); with how many there are and how many files were skipped. Local
    paths are read by the executors (a shared file system on a cluster); URIs (s3a://, hdfs://,
    file://) through Spark's binaryFile source, whole files at a time."""
    local = [p for p in paths if not _is_uri(p)]
    found = discover(local)
    rows = [(n, str(item.path), item.key, None) for n, item in enumerate(found.inputs)]
    schema = from_arrow_schema(_INPUTS)
    slices = partitions or max(1, len(rows))
    frame = spark.createDataFrame(spark.sparkContext.parallelize(rows, slices), schema)
    count = len(rows)
    for uri in (p for p in paths if _is_uri(p)):
        listing = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(uri)
        listed = sorted(row.path for row in listing.select("path").toLocalIterator())
        numbered = [(count + n, path, _key(uri, path)) for n, path in enumerate(listed)]
        count += len(numbered)
        names = spark.createDataFrame(numbered, "number bigint, path string, key string")
        files = names.join(listing.select("path", "content"), "path").select(*schema.fieldNames())
        spread = files.repartitionByRange(partitions or max(1, len(numbered)), "number")
        frame = frame.unionByName(spread.sortWithinPartitions("number"))
    return frame, count, len(found.skipped)


def _is_uri(path: str) -> bool:
    scheme = urlparse(path).scheme
    return len(scheme) > 1  # a Windows drive letter is not a scheme


def _key(root: str, path: str) -> str:
    """A file's name relative to the URI it was found under, as `discover` names local files (Spark
    writes file:/x where the user wrote file:///x, so paths are compared, not strings)."""
    base, found = unquote(urlparse(root).path).rstrip("/") + "/", unquote(urlparse(path).path)
    return found[len(base) :] if found.startswith(base) else PurePosixPath(found).name


class _Counts(AccumulatorParam[Counter[str]]):
    """Counts by name, summed over the tasks (records that are not documents, by media type)."""

    def zero(self, value: Counter[str]) -> Counter[str]:  # noqa: ARG002 - Spark's signature
        return Counter()

    def addInPlace(self, value1: Counter[str], value2: Counter[str]) -> Counter[str]:  # noqa: N802 - Spark's name
        value1.update(value2)
        return value1


class _Stage:
    """The per-partition work, in the executors' Python workers: each input's records cleaned,
    signed, language-detected and extracted in batches, with the local pipeline's own objects.
    Records that are not documents (an archive's images and scripts) are only counted, in
    `skipped`: a task that Spark runs again counts its own twice, its documents are still once."""

    def __init__(
        self, options: IngestOptions, registry: Broadcast[Registry], skipped: Accumulator[Counter[str]]
    ) -> None:
        self.options = options
        self.registry = registry
        self.skipped = skipped
        self.key = uuid.uuid4().hex  # which run's registry a worker's cached linker was built from

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        preparer = _preparer(self.options, self.registry, self.key)
        for batch in batches:
            for row in batch.to_pylist():
                skipped: Counter[str] = Counter()
                records = enumerate(documents_only(_records(row, self.options), skipped))
                while chunk := list(islice(records, self.options.batch_size)):
                    prepared = preparer.prepare([raw for _, raw in chunk])
                    numbers = [ordinal(row["number"], n) for n, _ in chunk]
                    yield processed_batch(zip(numbers, prepared.docs, prepared.annotations, strict=True))
                if skipped:
                    self.skipped.add(skipped)


def _records(row: dict[str, Any], options: IngestOptions) -> Iterator[RawDocument]:
    if row["content"] is None:
        return read_file(Input(Path(row["path"]), row["key"]), options.read)
    return read_data(row["content"], row["path"], row["path"], row["key"], options.read)


# A Python worker builds its language detector and linker once and keeps them for every partition it
# runs (Spark reuses workers): per-process state of an executor, like the local pool's workers.
_PREPARERS: dict[str, Preparer] = {}


def _preparer(options: IngestOptions, registry: Broadcast[Registry], key: str) -> Preparer:
    if key not in _PREPARERS:
        _PREPARERS.clear()
        _PREPARERS[key] = Preparer(options, ExtractBatch(Linker(registry.value)), in_worker=True)
    return _PREPARERS[key]


def _with_duplicates(spark: SparkSession, processed: DataFrame, options: IngestOptions) -> DataFrame:
    kept = processed.where((sf.col("status") == Status.KEPT.value) & sf.col("minhash").isNotNull()).select(
        "id", "content_hash", "minhash", "published", "removed_chars", "chars"
    )
    assigned = duplicate_assignments(spark, kept, options.permutations, options.bands, options.threshold)
    assigned = assigned.select(
        "id", sf.col("duplicate_of").alias("assigned_to"), sf.col("similarity").alias("assigned_similarity")
    )
    # the driver holds every assignment already (spark/dedup.py): broadcasting them keeps the documents
    # where they are, in order
    joined = processed.join(sf.broadcast(assigned), "id", "left")
    is_copy = sf.col("assigned_to").isNotNull()
    return joined.select(
        *[c for c in processed.columns if c not in ("status", "duplicate_of", "similarity")],
        sf.when(is_copy, sf.lit(Status.DUPLICATE.value)).otherwise(sf.col("status")).alias("status"),
        sf.col("assigned_to").alias("duplicate_of"),
        sf.col("assigned_similarity").alias("similarity"),
    )


def _write_tables(documents: DataFrame, out: str) -> None:
    """Write the five tables. The inputs are spread over the partitions in contiguous runs, in order,
    and nothing after the per-partition stage moves a row; every other table is exploded from the
    documents. So part file N of each table covers the same ordinals, in order: a loader merges them
    as streams."""
    documents.select(*[f.name for f in DOCUMENT_FIELDS], "extractor").write.mode("overwrite").parquet(
        f"{out}/documents"
    )
    keys = [sf.col("ordinal"), sf.col("id").alias("document_id")]
    exchanges = documents.select(*keys, sf.posexplode("exchanges").alias("exchange", "x"))
    _flat(exchanges, EXCHANGE, "x", ("exchange",), drop=("participants",)).write.mode("overwrite").parquet(
        f"{out}/exchanges"
    )
    participants = exchanges.select(
        "ordinal", "document_id", "exchange", sf.posexplode("x.participants").alias("position", "p")
    )
    participants.select("ordinal", "document_id", "exchange", "position", "p.*").write.mode(
        "overwrite"
    ).parquet(f"{out}/participants")
    for name, struct in (("claims", CLAIM), ("mentions", MENTION)):
        exploded = documents.select(*keys, sf.posexplode(name).alias("position", "r"))
        _flat(exploded, struct, "r", ("position",)).write.mode("overwrite").parquet(f"{out}/{name}")


def _flat(
    frame: DataFrame,
    struct: pa.StructType,
    column: str,
    position: tuple[str, ...],
    drop: tuple[str, ...] = (),
) -> DataFrame:
    fields = [struct.field(i).name for i in range(struct.num_fields)]
    columns: list[str | Column] = ["ordinal", "document_id", *position]
    columns += [sf.col(f"{column}.{name}").alias(name) for name in fields if name not in drop]
    return frame.select(*columns)


def _summary(
    spark: SparkSession,
    documents: DataFrame,
    ingest: IngestOptions,
    inputs: int,
    skipped: int,
    partitions: int,
    started: datetime,
) -> RunSummary:
    totals = documents.agg(
        sf.count("*").alias("read"),
        sf.sum(sf.size("exchanges")).alias("exchanges"),
        sf.sum(sf.size("claims")).alias("claims"),
    ).first()
    assert totals is not None
    by_status = {r.status: r["count"] for r in documents.groupBy("status").count().collect()}
    kept = documents.where(sf.col("status") == Status.KEPT.value)
    languages = {(r.lang or "unknown"): r["count"] for r in kept.groupBy("lang").count().collect()}
    removals = {
        r.key: r.total
        for r in documents.select(sf.explode("removals"))
        .groupBy("key")
        .agg(sf.sum("value").alias("total"))
        .collect()
    }
    extracted = documents.where(sf.col("status").isin(Status.KEPT.value, Status.DUPLICATE.value))
    by_kind = {
        r.kind: r["count"]
        for r in extracted.select(sf.explode("exchanges.kind").alias("kind"))
        .groupBy("kind")
        .count()
        .collect()
    }
    return RunSummary(
        format=FORMAT,
        partynet=__version__,
        master=str(spark.sparkContext.master),
        inputs=inputs,
        skipped_files=skipped,
        partitions=partitions,
        read=int(totals.read or 0),
        by_status=dict(sorted(by_status.items())),
        languages=dict(sorted(languages.items())),
        removals=dict(sorted(removals.items())),
        exchanges=int(totals.exchanges or 0),
        claims=int(totals.claims or 0),
        by_kind=dict(sorted(by_kind.items())),
        extractor=CURRENT,
        settings={
            "languages": list(ingest.languages),
            "minhash_permutations": ingest.permutations,
            "minhash_bands": ingest.bands,
            "near_duplicate_threshold": ingest.threshold,
            "batch_size": ingest.batch_size,
        },
        seconds=0.0,
        docs_per_second=0.0,
        started=started.isoformat(timespec="seconds"),
    )


def _write_summary(spark: SparkSession, out: str, summary: RunSummary) -> None:
    text = json.dumps(summary.as_dict(), ensure_ascii=False, indent=1)
    if _is_uri(out) and urlparse(out).scheme != "file":
        # a cluster file system, written through Spark: summary.json is then a directory holding one
        # part file, which `partynet load` reads as well
        frame = spark.createDataFrame([(text,)], "value string").coalesce(1)
        frame.write.mode("overwrite").text(f"{out}/summary.json")
        return
    local = Path(unquote(urlparse(out).path)) if _is_uri(out) else Path(out)
    local.joinpath("summary.json").write_text(text + "\n", encoding="utf-8")
