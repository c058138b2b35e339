"""Ingest: read → clean → language → de-duplicate, in batches, each batch written in one transaction.

The pipeline talks to storage through the small DocumentSink protocol, so the same stages run
against the SQL store, a test double or another driver.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Protocol, runtime_checkable

from partynet.domain import Document, IngestSummary, RawDocument, Repoint, Status
from partynet.ingest.clean import CleanOptions, clean, document_id
from partynet.ingest.dedup import DedupIndex, StoredDocuments, prepare
from partynet.ingest.language import LanguageDetection
from partynet.ingest.readers import Input, ReadOptions, content_size, discover, documents_only, read_inputs
from partynet.settings import Settings

MAX_REPORTED_DUPLICATES = 1000
_DEFAULTS = Settings()  # one place for default values: the settings


class BatchWrites(Protocol):
    """One batch's transaction, under the store's write lock."""

    last_seq: int  # the store's newest write number, this transaction's writes included

    def existing_ids(self, ids: list[str]) -> set[str]: ...
    def stored_since(self, seq: int, permutations: int) -> Iterable[StoredDocuments]: ...
    def write(self, run_id: int, batch: list[Document], repoints: list[Repoint]) -> set[str]: ...


class DocumentSink(Protocol):
    def existing_ids(self, ids: Iterable[str]) -> set[str]: ...
    def dedup_state(self, permutations: int) -> Iterable[StoredDocuments]: ...
    def start_run(self, arguments: dict[str, Any]) -> int: ...
    def writing(self) -> AbstractContextManager[BatchWrites]: ...
    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None: ...
    def duplicates_among(self, ids: Iterable[str]) -> list[dict[str, Any]]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    read: ReadOptions = field(default_factory=ReadOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    languages: tuple[str, ...] = _DEFAULTS.languages
    permutations: int = _DEFAULTS.minhash_permutations
    bands: int = _DEFAULTS.minhash_bands
    threshold: float = _DEFAULTS.near_duplicate_threshold
    batch_size: int = _DEFAULTS.batch_size
    workers: int = 1  # processes that clean, detect language and sign; 0: all cores once the input is large
    parallel_from_bytes: int = 5_000_000  # with workers=0, inputs smaller than this are processed inline

    @classmethod
    def from_settings(cls, settings: Settings, read: ReadOptions | None = None) -> IngestOptions:
        return cls(
            read=read
            or ReadOptions(
                max_document_bytes=settings.max_document_bytes,
                max_decompressed_ratio=settings.max_decompressed_ratio,
            ),
            clean=CleanOptions(
                max_document_bytes=settings.max_document_bytes,
                time_budget_seconds=settings.time_budget_seconds,
            ),
            languages=settings.languages,
            permutations=settings.minhash_permutations,
            bands=settings.minhash_bands,
            threshold=settings.near_duplicate_threshold,
            batch_size=settings.batch_size,
            workers=settings.workers,
        )


@dataclass(slots=True)
class Preparer:
    """The pure per-document work: clean, detect language, sign, and the caller's annotation of the
    cleaned batch (extraction). Runs inline or in worker processes."""

    options: IngestOptions
    annotate: Annotator | None = None
    in_worker: bool = False
    detector: LanguageDetection = field(init=False)

    def __post_init__(self) -> None:
        self.detector = LanguageDetection(self.options.languages, parallel=not self.in_worker)

    def prepare(self, batch: list[RawDocument]) -> Prepared:
        docs = [clean(raw, self.options.clean) for raw in batch]
        kept = [doc for doc in docs if doc.status is Status.KEPT]
        for doc, lang in zip(kept, self.detector.detect_many([doc.text for doc in kept]), strict=True):
            doc.lang = lang or doc.lang
        for doc in docs:
            prepare(doc, self.options.permutations)
        return Prepared(docs, self.annotate(docs) if self.annotate else [None] * len(docs))


# What a caller computes from each cleaned batch where cleaning runs (in the workers): one value per
# document, handed back with the stored batch. It must be picklable to reach spawned workers.
Annotator = Callable[[list[Document]], list[Any]]


@dataclass(frozen=True, slots=True)
class Prepared:
    docs: list[Document]
    annotations: list[Any]  # one per document, None when there is no annotator


# A worker process holds one Preparer, built once by the pool initialiser (its models load once).
_worker: Preparer | None = None


def _start_worker(options: IngestOptions, annotate: Annotator | None) -> None:
    global _worker  # noqa: PLW0603 - per-process state of a pool worker, set once at its start
    _worker = Preparer(options, annotate, in_worker=True)


def _prepare_in_worker(batch: list[RawDocument]) -> Prepared:
    if _worker is None:
        raise RuntimeError("worker used before its initialiser ran")
    return _worker.prepare(batch)


@dataclass(slots=True)
class Run:
    """State of one run: the run row (created on the first write), and what this run wrote."""

    sink: DocumentSink
    arguments: dict[str, Any]
    run_id: int | None = None
    status_of: dict[str, Status] = field(default_factory=dict)
    lang_of: dict[str, str | None] = field(default_factory=dict)
    touched_duplicates: list[str] = field(default_factory=list)
    summary: IngestSummary = field(default_factory=IngestSummary)

    def started(self) -> int:
        """The run's row, created at its first write."""
        if self.run_id is None:
            self.run_id = self.sink.start_run(self.arguments)
        return self.run_id

    def write(self, writer: BatchWrites, batch: list[Document], repoints: list[Repoint]) -> list[Document]:
        """Store the batch; the documents this run stored (another run may have stored some first)."""
        if not batch and not repoints:
            return []
        inserted = writer.write(self.started(), batch, repoints)
        for doc in batch:
            if doc.id not in inserted:  # written by a concurrent run: it is that run's, unchanged here
                self.status_of.pop(doc.id, None)
                self.lang_of.pop(doc.id, None)
                self.summary.unchanged += 1
        return [doc for doc in batch if doc.id in inserted]


class Progress(Protocol):
    """Where a run reports how far it is: called with the inputs each batch covered."""

    def __call__(self, count: int) -> None: ...


@runtime_checkable
class LoadingProgress(Progress, Protocol):
    """A report that also shows the stored duplicate index being read (rows read, rows in all):
    on a large store that takes seconds before the first batch is written."""

    def loading(self, done: int, total: int) -> None: ...


def ingest(
    paths: Iterable[str],
    sink: DocumentSink,
    options: IngestOptions,
    progress: Progress | None = None,
    annotate: Annotator | None = None,
    after_write: Callable[[list[Document], list[Any]], None] | None = None,
) -> IngestSummary:
    """Ingest every document under `paths` into `sink`; re-running on the same inputs writes nothing.
    `annotate` runs on each cleaned batch where cleaning runs (worker processes); `after_write` sees each
    batch with its annotations once the documents are stored (extractions are written there)."""
    paths = [str(p) for p in paths]
    run = Run(sink, {"paths": paths})
    found = discover(paths)
    run.summary.skipped_files = len(found.skipped)
    raws = documents_only(read_inputs(found.inputs, options.read), run.summary.skipped_records)
    pending = _pending(raws, sink, run.summary, options.batch_size)
    with _prepared(pending, options, _workers(found.inputs, options), annotate) as prepared:
        return store_prepared(prepared, run, options, progress, after_write)


def store_prepared(
    prepared: Iterable[tuple[Prepared, int]],
    run: Run,
    options: IngestOptions,
    progress: Progress | None = None,
    after_write: Callable[[list[Document], list[Any]], None] | None = None,
) -> IngestSummary:
    """De-duplicate prepared batches against everything stored and write them, batch by batch: the
    second half of `ingest`, also used by drivers that prepared documents elsewhere (Spark)."""
    index = DedupIndex(options.permutations, options.bands, options.threshold)
    loaded = False
    for batch, read in prepared:
        docs = batch.docs
        if not loaded and any(doc.minhash is not None for doc in docs):
            # the stored state is read only once there is a text to compare with it: a run that finds
            # nothing new does not pay for loading a large store
            index.load(_reported(run.sink.dedup_state(options.permutations), progress))
            loaded = True
        stored = _store_batch(run, index if loaded else None, docs, options.permutations)
        if after_write and stored:
            kept = {doc.id for doc in stored}
            after_write(stored, [a for doc, a in zip(docs, batch.annotations, strict=True) if doc.id in kept])
        if progress:
            progress(read)
    return _finish(run)


def _reported(chunks: Iterable[StoredDocuments], progress: Progress | None) -> Iterator[StoredDocuments]:
    """The stored state, chunk by chunk, each reported once the index has taken it in."""
    loading = progress.loading if isinstance(progress, LoadingProgress) else None
    done = total = 0
    for chunk in chunks:
        yield chunk
        done, total = done + len(chunk.ids), max(total, chunk.total)
        if loading:
            loading(done, total)
    if loading:
        loading(done, done)  # all read: more rows than counted first if another run wrote meanwhile


def _store_batch(
    run: Run, index: DedupIndex | None, docs: list[Document], permutations: int
) -> list[Document]:
    """De-duplicate a batch and write it in one transaction under the store's write lock, after taking
    in what other runs stored since the index last looked: concurrent runs decide as if they had
    taken turns, and a near duplicate split between two of them is still found."""
    if not docs:
        return []
    run.started()  # the run's row first, in its own transaction: under SQLite's lock it would wait on itself
    with run.sink.writing() as writer:
        stored_meanwhile = writer.existing_ids([doc.id for doc in docs])
        if stored_meanwhile:  # by another run since this batch was read: that run's, unchanged here
            run.summary.unchanged += len(stored_meanwhile)
            docs = [doc for doc in docs if doc.id not in stored_meanwhile]
        if index is not None:
            index.catch_up(writer.stored_since(index.synced_to, permutations))
        repoints = deduplicate(docs, index) if index is not None else []
        _record(run, docs, repoints)
        stored = run.write(writer, docs, repoints)
        if index is not None:
            index.synced_to = writer.last_seq
    return stored


def _workers(inputs: list[Input], options: IngestOptions) -> int:
    if options.workers:
        return options.workers
    size = 0
    for item in inputs:
        size += content_size(item.path)
        if size >= options.parallel_from_bytes:
            return multiprocessing.cpu_count() or 1
    return 1


def _pending(
    raws: Iterator[RawDocument], sink: DocumentSink, summary: IngestSummary, size: int
) -> Iterator[tuple[list[RawDocument], int]]:
    """Batches of the documents the store does not hold yet, each with how many inputs it covers."""
    seen: set[str] = set()
    while batch := list(islice(raws, size)):
        summary.read += len(batch)
        ids = [document_id(raw) for raw in batch]
        skip = sink.existing_ids(ids) | seen
        new = []
        for raw, doc_id in zip(batch, ids, strict=True):
            if doc_id in skip:
                summary.unchanged += 1
                continue
            skip.add(doc_id)  # the same input twice in one run is stored once
            new.append(raw)
        seen.update(ids)
        yield new, len(batch)


@contextmanager
def _prepared(
    pending: Iterator[tuple[list[RawDocument], int]],
    options: IngestOptions,
    workers: int,
    annotate: Annotator | None,
) -> Iterator[Iterator[tuple[Prepared, int]]]:
    """Prepared batches in input order: from this process, or from a pool of workers."""
    if workers <= 1:
        preparer = Preparer(options, annotate)
        yield ((preparer.prepare(batch), read) for batch, read in pending)
        return
    pool = _context().Pool(workers, initializer=_start_worker, initargs=(options, annotate))
    try:
        yield _ordered(pool, pending, window=2 * workers)
    finally:
        pool.terminate()
        pool.join()


def _context() -> multiprocessing.context.BaseContext:
    """fork where the platform has it: workers start at once instead of importing everything again.
    It is safe here because the pool starts before this process has run any model or thread of its own;
    a worker only cleans, detects and signs, and never touches the store, the console or logging."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _ordered(
    pool: Pool, pending: Iterator[tuple[list[RawDocument], int]], window: int
) -> Iterator[tuple[Prepared, int]]:
    """Keep at most `window` batches in flight, so memory stays bounded whatever the input size."""
    in_flight: deque[tuple[AsyncResult[Prepared], int]] = deque()
    for batch, read in pending:
        in_flight.append((pool.apply_async(_prepare_in_worker, (batch,)), read))
        if len(in_flight) > window:
            result, count = in_flight.popleft()
            yield result.get(), count
    while in_flight:
        result, count = in_flight.popleft()
        yield result.get(), count


def deduplicate(docs: list[Document], index: DedupIndex) -> list[Repoint]:
    """Assign each kept document to its duplicate group; return re-points of already stored documents."""
    in_batch = {doc.id: doc for doc in docs}
    stored_repoints: dict[str, Repoint] = {}
    signed = [doc for doc in docs if doc.minhash is not None]
    for doc, assignment in zip(signed, index.add_many(signed), strict=True):
        if assignment.duplicate_of:
            doc.status, doc.duplicate_of, doc.similarity = (
                Status.DUPLICATE,
                assignment.duplicate_of,
                assignment.similarity,
            )
        for repoint in assignment.repoints:
            target = in_batch.get(repoint.document_id)
            if target is not None:
                target.status, target.duplicate_of, target.similarity = (
                    Status.DUPLICATE,
                    repoint.duplicate_of,
                    repoint.similarity,
                )
            else:
                stored_repoints[repoint.document_id] = repoint
    return list(stored_repoints.values())


def _record(run: Run, docs: list[Document], repoints: list[Repoint]) -> None:
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


def _finish(run: Run) -> IngestSummary:
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
