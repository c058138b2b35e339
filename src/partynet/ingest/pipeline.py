"""Ingest: read → clean → language → de-duplicate, in batches, each batch written in one transaction.

The pipeline talks to storage through the small DocumentSink protocol, so the same stages run
against the SQL store, a test double or another driver.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol

from partynet.domain import Document, IngestSummary, RawDocument, Repoint, Status
from partynet.ingest.clean import CleanOptions, clean, document_id
from partynet.ingest.dedup import DedupIndex, Entry, prepare
from partynet.ingest.language import LanguageDetection
from partynet.ingest.readers import ReadOptions, discover, read_inputs
from partynet.settings import Settings

log = logging.getLogger(__name__)
MAX_REPORTED_DUPLICATES = 1000


class StoredState(Protocol):
    entry: Entry
    duplicate_of: str | None
    similarity: float | None


class DocumentSink(Protocol):
    def existing_ids(self, ids: Iterable[str]) -> set[str]: ...
    def dedup_state(self) -> Iterable[StoredState]: ...
    def start_run(self, arguments: dict[str, Any]) -> int: ...
    def write_batch(self, run_id: int, batch: list[Document], repoints: list[Repoint]) -> None: ...
    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None: ...
    def duplicates_among(self, ids: Iterable[str]) -> list[dict[str, Any]]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    read: ReadOptions = ReadOptions()
    clean: CleanOptions = CleanOptions()
    languages: tuple[str, ...] = ("en", "zh")
    permutations: int = 128
    bands: int = 32
    threshold: float = 0.7
    batch_size: int = 200

    @classmethod
    def from_settings(cls, settings: Settings, read: ReadOptions | None = None) -> IngestOptions:
        return cls(
            read=read or ReadOptions(max_document_bytes=settings.max_document_bytes,
                                     max_decompressed_ratio=settings.max_decompressed_ratio),
            clean=CleanOptions(max_document_bytes=settings.max_document_bytes),
            languages=settings.languages, permutations=settings.minhash_permutations,
            bands=settings.minhash_bands, threshold=settings.near_duplicate_threshold,
            batch_size=settings.batch_size,
        )


@dataclass(slots=True)
class _Run:
    """State of one run: the run row (created on the first write), and what this run wrote."""

    sink: DocumentSink
    arguments: dict[str, Any]
    run_id: int | None = None
    status_of: dict[str, Status] = field(default_factory=dict)
    lang_of: dict[str, str | None] = field(default_factory=dict)
    touched_duplicates: list[str] = field(default_factory=list)
    summary: IngestSummary = field(default_factory=IngestSummary)

    def write(self, batch: list[Document], repoints: list[Repoint]) -> None:
        if not batch and not repoints:
            return
        if self.run_id is None:
            self.run_id = self.sink.start_run(self.arguments)
        self.sink.write_batch(self.run_id, batch, repoints)


def ingest(
    paths: Iterable[str],
    sink: DocumentSink,
    options: IngestOptions,
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Ingest every document under `paths` into `sink`; re-running on the same inputs writes nothing."""
    index = DedupIndex(options.permutations, options.bands, options.threshold)
    for state in sink.dedup_state():
        index.load(state.entry, state.duplicate_of, state.similarity)
    detector = LanguageDetection(options.languages)
    run = _Run(sink, {"paths": [str(p) for p in paths]})
    found = discover(paths)
    run.summary.skipped_files = len(found.skipped)
    raws = read_inputs(found.inputs, options.read)
    for batch in _batches(raws, options.batch_size):
        docs = _new_documents(batch, sink, run.summary, options)
        _detect_languages(docs, detector)
        repoints = _deduplicate(docs, index, options.permutations)
        _record(run, docs, repoints)
        run.write(docs, repoints)
        if progress:
            progress(len(batch))
    return _finish(run)


def _batches(raws: Iterator[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    while batch := list(islice(raws, size)):
        yield batch


def _new_documents(
    batch: list[RawDocument], sink: DocumentSink, summary: IngestSummary, options: IngestOptions
) -> list[Document]:
    """Clean the documents of a batch that the store does not hold yet."""
    summary.read += len(batch)
    ids = [document_id(raw) for raw in batch]
    skip = sink.existing_ids(ids)
    docs: list[Document] = []
    for raw, doc_id in zip(batch, ids, strict=True):
        if doc_id in skip:
            summary.unchanged += 1
            continue
        skip.add(doc_id)  # the same input twice in one run is stored once
        docs.append(clean(raw, options.clean))
    return docs


def _detect_languages(docs: list[Document], detector: LanguageDetection) -> None:
    kept = [doc for doc in docs if doc.status is Status.KEPT]
    for doc, lang in zip(kept, detector.detect_many([doc.text for doc in kept]), strict=True):
        doc.lang = lang or doc.lang


def _deduplicate(docs: list[Document], index: DedupIndex, permutations: int) -> list[Repoint]:
    """Assign each kept document to its duplicate group; return re-points of already stored documents."""
    in_batch = {doc.id: doc for doc in docs}
    stored_repoints: dict[str, Repoint] = {}
    for doc in docs:
        prepare(doc, permutations)
        if doc.minhash is None:
            continue
        assignment = index.add(doc)
        if assignment.duplicate_of:
            doc.status, doc.duplicate_of, doc.similarity = Status.DUPLICATE, assignment.duplicate_of, assignment.similarity
        for repoint in assignment.repoints:
            target = in_batch.get(repoint.document_id)
            if target is not None:
                target.status, target.duplicate_of, target.similarity = (
                    Status.DUPLICATE, repoint.duplicate_of, repoint.similarity
                )
            else:
                stored_repoints[repoint.document_id] = repoint
    return list(stored_repoints.values())


def _record(run: _Run, docs: list[Document], repoints: list[Repoint]) -> None:
    for doc in docs:
        run.status_of[doc.id] = doc.status
        run.lang_of[doc.id] = doc.lang
        run.summary.removals.update(doc.removals)
        if doc.status is Status.DUPLICATE:
            run.touched_duplicates.append(doc.id)
    for repoint in repoints:
        run.summary.repointed += 1
        run.touched_duplicates.append(repoint.document_id)
        if repoint.document_id in run.status_of:
            run.status_of[repoint.document_id] = Status.DUPLICATE


def _finish(run: _Run) -> IngestSummary:
    summary = run.summary
    for doc_id in run.touched_duplicates:
        if doc_id in run.status_of:
            run.status_of[doc_id] = Status.DUPLICATE
    summary.by_status.update(status.value for status in run.status_of.values())
    summary.by_lang.update(
        run.lang_of[i] or "unknown" for i, status in run.status_of.items() if status is Status.KEPT
    )
    if run.touched_duplicates:
        wanted = list(dict.fromkeys(run.touched_duplicates))[:MAX_REPORTED_DUPLICATES]
        summary.duplicates = run.sink.duplicates_among(wanted)
    if run.run_id is not None:
        run.sink.finish_run(run.run_id, summary.as_dict() | {"duplicates": len(summary.duplicates)})
    return summary
