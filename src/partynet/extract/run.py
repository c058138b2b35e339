"""Extraction over stored documents, in batches: each batch's records written in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from partynet.domain import Document, IngestSummary, Status
from partynet.extract.exchanges import DocumentInput, extract
from partynet.extract.model import Extraction
from partynet.ingest.pipeline import IngestOptions, Progress, ingest
from partynet.registry.link import Linker
from partynet.store.extractions import Extractions, StoredDocument
from partynet.store.repository import Store

BATCH = 200


@dataclass(slots=True)
class ExtractSummary:
    documents: int = 0
    exchanges: int = 0
    claims: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "exchanges": self.exchanges,
            "claims": self.claims,
            "by_kind": self.by_kind,
        }


@dataclass(frozen=True, slots=True)
class ExtractBatch:
    """The ingest annotator: extracts every cleaned document that has text, in the worker that cleaned
    it (picklable: a spawned worker gets its own copy of the linker)."""

    linker: Linker

    def __call__(self, docs: list[Document]) -> list[Extraction | None]:
        return [_extract_one(d, self.linker) if d.text else None for d in docs]


@dataclass(slots=True)
class BatchExtractor:
    """Writes the extractions of each batch an ingest run stores (kept documents and duplicates alike),
    extracting here the documents the workers did not."""

    extractions: Extractions
    linker: Linker
    summary: ExtractSummary = field(default_factory=ExtractSummary)

    def __call__(self, docs: list[Document], annotations: list[Any] | None = None) -> None:
        done = annotations or [None] * len(docs)
        results = [
            found if isinstance(found, Extraction) else _extract_one(d, self.linker)
            for d, found in zip(docs, done, strict=True)
            if d.status in (Status.KEPT, Status.DUPLICATE)
        ]
        if results:
            self.extractions.write(results, self.linker.registry)
        _add(self.summary, results)


def _extract_one(doc: Document | StoredDocument, linker: Linker) -> Extraction:
    return extract(DocumentInput(doc.id, doc.text, doc.published), linker)


def _add(summary: ExtractSummary, results: list[Extraction]) -> None:
    summary.documents += len(results)
    for result in results:
        summary.exchanges += len(result.exchanges)
        summary.claims += len(result.claims)
        for exchange in result.exchanges:
            summary.by_kind[exchange.kind.value] = summary.by_kind.get(exchange.kind.value, 0) + 1


def extract_stored(
    extractions: Extractions,
    linker: Linker,
    ids: Iterable[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExtractSummary:
    summary = ExtractSummary()
    stored = iter(extractions.documents(ids))
    while batch := list(islice(stored, BATCH)):
        results = [_extract_one(d, linker) for d in batch]
        extractions.write(results, linker.registry)
        _add(summary, results)
        if progress:
            progress(len(batch))
    return summary


def ingest_with_extraction(
    paths: list[str],
    store: Store,
    options: IngestOptions,
    linker: Linker,
    progress: Progress | None = None,
) -> tuple[IngestSummary, ExtractSummary]:
    """`partynet ingest` as the CLI and the API's imports run it: documents stored, then their
    exchanges, claims and mentions, batch by batch."""
    extractor = BatchExtractor(Extractions(store), linker)
    summary = ingest(
        paths, store, options, progress=progress, annotate=ExtractBatch(linker), after_write=extractor
    )
    return summary, extractor.summary
