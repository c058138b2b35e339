"""Exact and near duplicates across a whole Spark corpus, with the local rule's outcome.

The local index (ingest/dedup.py) makes groups the connected components of "same content hash, or
sharing an LSH band and estimated Jaccard >= threshold", and each group's original is the member
with the smallest `rank`. Those groups do not depend on the order documents arrive in, so they can
be computed in parallel:

1. exact copies: members of one content hash are linked to one of them (the smallest id);
2. one document per content hash enters the LSH bands; every bucket holding two or more is checked
   pair by pair on the executors (numpy over the signatures), keeping pairs at or over the threshold;
3. the links (duplicates only, a few per cent of the corpus) are collected on the driver with the
   rank and signature of each document they name, joined into groups with a union-find; each group's
   original is its smallest rank, and each member's similarity to it is computed there. The result is
   small: it goes back to the executors as a broadcast.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as sf
from pyspark.sql.pandas.types import from_arrow_schema

from partynet.ingest.dedup import rank, similarity
from partynet.spark.tables import arrow_field

_EDGE = pa.schema([arrow_field("a", pa.string()), arrow_field("b", pa.string())])
_ASSIGNED = pa.schema(
    [
        arrow_field("id", pa.string()),
        arrow_field("duplicate_of", pa.string()),
        arrow_field("similarity", pa.float64()),
    ]
)


def duplicate_assignments(
    spark: SparkSession, kept: DataFrame, permutations: int, bands: int, threshold: float
) -> DataFrame:
    """(id, duplicate_of, similarity) for every kept document that is not its group's original, as a
    small DataFrame held by the driver. `kept` has id, content_hash, minhash, published, removed_chars
    and chars."""
    links = _exact_links(kept).unionByName(_near_links(kept, permutations, bands, threshold))
    pairs = [(row.a, row.b) for row in links.distinct().toLocalIterator()]
    members = spark.createDataFrame([(m,) for m in sorted({d for pair in pairs for d in pair})], "id string")
    # the members of duplicate groups, with what ranks them and their signatures: a few per cent of all
    found = {
        row.id: (rank(row.published, row.removed_chars, row.chars, row.id), bytes(row.minhash))
        for row in kept.join(members, "id").toLocalIterator()
    }
    originals = _originals(pairs, {doc: value[0] for doc, value in found.items()})
    rows = [
        (member, original, round(similarity(found[member][1], found[original][1]), 4))
        for member, original in sorted(originals.items())
        if member != original
    ]
    return spark.createDataFrame(rows, from_arrow_schema(_ASSIGNED))


def _exact_links(kept: DataFrame) -> DataFrame:
    first = sf.min("id").over(Window.partitionBy("content_hash"))
    return (
        kept.select("id", first.alias("first"))
        .where(sf.col("id") != sf.col("first"))
        .select(sf.col("id").alias("a"), sf.col("first").alias("b"))
    )


def _near_links(kept: DataFrame, permutations: int, bands: int, threshold: float) -> DataFrame:
    # one signature per content hash, as the local index keeps exact copies out of the buckets
    one_per_hash = kept.withColumn(
        "n", sf.row_number().over(Window.partitionBy("content_hash").orderBy("id"))
    ).where("n = 1")
    width = (permutations // bands) * 4  # bytes of one band: the local index's slices
    bucket = sf.explode(
        sf.array(*[sf.struct(sf.lit(b), sf.substring("minhash", b * width + 1, width)) for b in range(bands)])
    )
    # only ids travel through the band shuffle; signatures join the few candidate pairs afterwards
    buckets = (
        one_per_hash.select("id", bucket.alias("bucket"))
        .groupBy("bucket")
        .agg(sf.collect_list("id").alias("ids"))
        .where(sf.size("ids") > 1)
    )
    # a plain row UDF (buckets with two or more members are few); the lambda hides the type hints
    # that PySpark would otherwise read as a pandas UDF's
    pairs_of = sf.udf(lambda ids: _pairs_of(ids), "array<struct<a: string, b: string>>")  # noqa: PLW0108
    pairs = buckets.select(sf.explode(pairs_of("ids")).alias("pair"))
    candidates = pairs.select("pair.a", "pair.b").distinct()
    signatures = one_per_hash.select("id", "minhash")
    both = candidates.join(signatures.toDF("a", "left"), "a").join(signatures.toDF("b", "right"), "b")
    return both.mapInArrow(_Verifier(threshold), from_arrow_schema(_EDGE))


def _pairs_of(ids: list[str]) -> list[tuple[str, str]]:
    ordered = sorted(ids)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


def _agreement(batch: pa.RecordBatch, left: str, right: str) -> np.ndarray:
    """Per row, the share of equal slots between two signature columns (ingest.dedup.similarity)."""
    rows = batch.num_rows
    a = np.frombuffer(_joined(batch.column(left)), dtype="<u4").reshape(rows, -1)
    b = np.frombuffer(_joined(batch.column(right)), dtype="<u4").reshape(rows, -1)
    result: np.ndarray = np.count_nonzero(a == b, axis=1) / a.shape[1] if rows else np.zeros(0)
    return result


def _joined(signatures: pa.Array[Any]) -> bytes:
    return b"".join(value.as_py() for value in signatures)


class _Verifier:
    """Keeps the candidate pairs whose signatures agree at or over the threshold."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            close = pa.array(_agreement(batch, "left", "right") >= self.threshold, pa.bool_())
            yield pa.RecordBatch.from_arrays(
                [batch.column("a").filter(close), batch.column("b").filter(close)], schema=_EDGE
            )


def _originals(pairs: list[tuple[str, str]], ranks: dict[str, Any]) -> dict[str, str]:
    """member -> its group's original, the member with the smallest rank (union-find over the links)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving keeps the trees flat
            node = parent[node]
        return node

    for left, right in pairs:
        a, b = root(left), root(right)
        if a != b:
            parent[max(a, b, key=ranks.__getitem__)] = min(a, b, key=ranks.__getitem__)
    return {node: root(node) for node in list(parent)}
