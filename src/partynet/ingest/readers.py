"""Inputs to RawDocument: files and directories of plain text, HTML, saved pages (MHTML), JSONL,
RSS/Atom, WARC and ARC, recognised by content, also compressed and inside zip archives.

Readers never raise on bad input: a record that cannot be read comes out as a RawDocument
with `error` set, so the run records it as unreadable and goes on.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from partynet.domain import RawDocument, SourceFormat
from partynet.ingest.archives import arc_records, warc_records
from partynet.ingest.compression import CORRUPT, compression_of, decompressed_head, decompressing
from partynet.ingest.feeds import feed_records
from partynet.ingest.formats import ARC_MAGIC, HEAD, WARC_MAGIC, is_wide, narrow, sniff
from partynet.ingest.jsonfile import ByteSource, is_json_document, json_records
from partynet.ingest.jsonl import jsonl_records, opens_json_lines
from partynet.ingest.mhtml import mhtml_records
from partynet.ingest.zipped import ZipOptions, is_zip, zip_content_size, zip_records

log = logging.getLogger(__name__)
_WEB_ARCHIVES = (SourceFormat.WARC, SourceFormat.ARC)


class ReadError(Exception):
    """A whole input could not be opened; carries the reason into the unreadable record."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    force_format: SourceFormat | None = None
    max_document_bytes: int = 20_000_000
    max_decompressed_ratio: int = 200


@dataclass(frozen=True, slots=True)
class Input:
    """One file to read: its path as given, and the name that identifies it across runs."""

    path: Path
    key: str


# Inside a directory only files with these endings (or none) are documents; notes, data and code
# beside them (README.md, *.csv) are not. A file named on the command line is always read. A `.json` file
# is read, and counted as data if it holds no articles (see jsonfile.py).
DOCUMENT_SUFFIXES = frozenset(
    {
        "",
        ".txt",
        ".text",
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".jsonl",
        ".ndjson",
        ".json",
        ".xml",
        ".rss",
        ".atom",
        ".feed",
        ".warc",
        ".gz",
        ".bz2",
        ".xz",
        ".zst",
        ".lz4",
        ".arc",
        ".zip",
        ".wacz",
        ".mhtml",
        ".mht",
    }
)


@dataclass(slots=True)
class Discovery:
    inputs: list[Input]
    skipped: list[str]


def discover(paths: Iterable[str | Path]) -> Discovery:
    """Expand files and directories: recursively, in a stable order, hidden and non-document files skipped."""
    found = Discovery([], [])
    for given in paths:
        root = Path(given)
        if not root.is_dir():
            found.inputs.append(Input(root, root.name))
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = path.relative_to(root)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if path.suffix.lower() in DOCUMENT_SUFFIXES:
                found.inputs.append(Input(path, relative.as_posix()))
            else:
                found.skipped.append(str(path))
    return found


def read_inputs(inputs: Iterable[Input], options: ReadOptions) -> Iterator[RawDocument]:
    for item in inputs:
        yield from read_file(item, options)


def documents_only(raws: Iterable[RawDocument], skipped: Counter[str]) -> Iterator[RawDocument]:
    """The records that are documents; the others (an archive's images, scripts) are counted in
    `skipped` by media type."""
    for raw in raws:
        if raw.not_document is None:
            yield raw
        else:
            skipped[raw.not_document] += 1


def read_file(item: Input, options: ReadOptions) -> Iterator[RawDocument]:
    source = str(item.path)
    try:
        opened = _open(item.path, options)
    except (OSError, ReadError) as exc:
        yield RawDocument.unreadable(source, item.key, "", SourceFormat.TEXT, f"cannot read: {exc}")
        return
    if opened.streamed is None:
        yield from read_data(opened.data, item.path.name, source, item.key, options)
        return
    # web archives, JSON Lines, JSON and zip archives are streamed record by record, never loaded whole
    if opened.streamed in _WEB_ARCHIVES:
        records = _web_archive_file(item.path, opened.streamed, opened.codec, item.key, options)
    elif opened.streamed is SourceFormat.ZIP:
        records = _zip_file(item.path, item.key, options)
    else:
        records = _json_file(item.path, opened.streamed, opened.codec, item.key, options)
    yield from _guarded(records, opened.streamed, source, item.key)


# Compressed text is about a fifth of its size (gzip on news pages and JSON Lines): a compressed
# input's size is taken this many times over when the amount of work is estimated.
COMPRESSED_TEXT_RATIO = 5


def content_size(path: Path) -> int:
    """About how many bytes of documents a file holds, to decide whether a run is worth the worker
    processes: a zip archive's members as it declares them, a compressed file at the usual ratio of
    text, 0 for a file that is not there (its unreadable record costs nothing)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        return 0
    if is_zip(head):
        return zip_content_size(path) or size
    return size * COMPRESSED_TEXT_RATIO if compression_of(head) else size


def read_data(
    data: bytes, name: str, source: str, key: str, options: ReadOptions, *, depth: int = 0
) -> Iterator[RawDocument]:
    """An input's bytes read as `read_file` reads a file (for inputs that arrive as bytes, such as a
    cluster file system's, and for the members of a zip archive, `depth` zips deep): web archives,
    compressed or not, record by record; a zip archive member by member; other compressed input
    unpacked within the ratio limit; the format recognised by content unless forced."""
    if is_zip(data):
        yield from _guarded(
            _zip(io.BytesIO(data), source, key, options, depth), SourceFormat.ZIP, source, key
        )
        return
    codec, plain = _plain_head(io.BytesIO(data), data[:HEAD])
    archive = _web_archive_format(plain, options)
    if archive:
        yield from read_bytes(data, archive, source, key, options)
        return
    if len(data) > options.max_document_bytes * 10:
        reason = f"cannot read: file of {len(data)} bytes is over the limit"
        yield RawDocument.unreadable(source, key, "", SourceFormat.TEXT, reason)
        return
    if codec:
        try:
            data = _unpacked(data, codec, options)
        except ReadError as exc:
            yield RawDocument.unreadable(source, key, "", SourceFormat.TEXT, f"cannot read: {exc}")
            return
        name = _inner_name(name, codec)
    yield from read_bytes(data, options.force_format or sniff(data, name), source, key, options)


def read_bytes(
    data: bytes, fmt: SourceFormat, source: str, key: str, options: ReadOptions
) -> Iterator[RawDocument]:
    """Split one input's bytes into documents according to its format."""
    if fmt is SourceFormat.JSONL:
        records = jsonl_records(io.BytesIO(narrow(data)), source, key, options.max_document_bytes)
    elif fmt is SourceFormat.JSON:
        records = _json_items(io.BytesIO(narrow(data)), source, key, options)
    elif fmt is SourceFormat.FEED:
        records = feed_records(data, source, key)
    elif fmt in _WEB_ARCHIVES:
        records = _web_archive(io.BytesIO(data), fmt, compression_of(data), source, key, options)
    elif fmt is SourceFormat.ZIP:
        records = _zip(io.BytesIO(data), source, key, options, depth=0)
    elif fmt is SourceFormat.MHTML:
        records = mhtml_records(data, source, key)
    else:
        records = iter([RawDocument(source, key, "", fmt, is_html=fmt is SourceFormat.HTML, data=data)])
    yield from _guarded(records, fmt, source, key)


# What a reader passes on: the user's interrupt, an exit, and the closing of the record generator.
_STOPS = (KeyboardInterrupt, SystemExit, GeneratorExit)


def _guarded(
    records: Iterator[RawDocument], fmt: SourceFormat, source: str, key: str
) -> Iterator[RawDocument]:
    """Pass records through; if the reader fails part-way, or finds nothing at all, say so in a record:
    an input never disappears without a trace. A record that counts the whole input as not a document
    (a JSON file of data) is its trace; a crawl of nothing but images still says it held no document."""
    count = 0
    try:
        for record in records:
            count += record.not_document is None or record.source_key == key
            yield record
    except _STOPS:
        raise
    except BaseException as exc:  # noqa: BLE001 - a malformed input must not stop the run; the reason is kept
        # BaseException: a native reader's panic (pyo3's PanicException) is one, and must not end the run
        log.warning("reader failed on %s: %s", source, exc)
        yield RawDocument.unreadable(source, f"{key}#error", "", fmt, f"{fmt.value} reader failed: {exc!r}")
        return
    if count == 0:
        reason = f"no documents found in this {fmt.value} input"
        yield RawDocument.unreadable(source, f"{key}#empty", "", fmt, reason)


@dataclass(frozen=True, slots=True)
class _Opened:
    streamed: SourceFormat | None  # WARC, ARC, JSONL, JSON or ZIP: read record by record from the file
    data: bytes = b""  # the whole file, for every other format
    codec: str | None = None  # the compression of a streamed file


def _open(path: Path, options: ReadOptions) -> _Opened:
    """The file's bytes, or the format in which it is streamed instead. The file is opened once for
    most inputs: on a large corpus of small pages, opening files is a good part of the reading."""
    with path.open("rb") as f:
        raw_head = f.read(HEAD)
        if is_zip(raw_head):  # a container, like a directory: read whatever --format says
            return _Opened(SourceFormat.ZIP)
        codec, head = _plain_head(f, raw_head)
        archive = _web_archive_format(head, options)
        if archive:
            return _Opened(archive, codec=codec)
        json_format = _json_format(path, head, codec, options)
        if json_format:
            return _Opened(json_format, codec=codec)
        size = os.fstat(f.fileno()).st_size
        if size > options.max_document_bytes * 10:
            raise ReadError(f"file of {size} bytes is over the limit")
        return _Opened(None, raw_head + f.read())  # read_data undoes the compression


def _plain_head(stream: IO[bytes], raw_head: bytes) -> tuple[str | None, bytes]:
    """The compression of an input whose first bytes are `raw_head`, and its first bytes decompressed;
    `stream` is left where it was. Decompressed from the stream, not from `raw_head`: a bzip2 block
    gives nothing until it is whole."""
    codec = compression_of(raw_head)
    if codec is None:
        return None, raw_head
    position = stream.tell()
    stream.seek(0)
    head = decompressed_head(stream, codec, HEAD)
    stream.seek(position)
    return codec, head


def _json_format(path: Path, head: bytes, codec: str | None, options: ReadOptions) -> SourceFormat | None:
    """JSON Lines or JSON in a narrow encoding, compressed (by `codec`) or not: forced, or told by the
    first line (formats.sniff does the same on bytes). `head`: the first bytes, decompressed."""
    if is_wide(head) or options.force_format not in (None, SourceFormat.JSONL, SourceFormat.JSON):
        return None  # UTF-16 or UTF-32: decoded whole, where newlines are characters, not bytes
    if options.force_format:
        return options.force_format
    if head.removeprefix(codecs.BOM_UTF8).startswith(b"{"):
        try:
            with _reading(path, codec) as stream:
                first = stream.readline(options.max_document_bytes)
                if opens_json_lines(first, bool(stream.read(HEAD).strip())):
                    return SourceFormat.JSONL
        except CORRUPT:
            return None  # read whole instead, where a corrupt input is recorded with its reason
    return SourceFormat.JSON if is_json_document(head, _inner_name(path.name, codec)) else None


def _inner_name(name: str, codec: str | None) -> str:
    """The name of what a file holds: "page.html" of "page.html.gz", by which a format's tie is broken."""
    return PurePosixPath(name).stem if codec else name


@contextmanager
def _reading(path: Path, codec: str | None) -> Iterator[io.BufferedIOBase]:
    """The file as a stream of its bytes, decompressed when `codec` names its compression."""
    with path.open("rb") as raw:
        yield decompressing(raw, codec) if codec else raw


def _json_file(
    path: Path, fmt: SourceFormat, codec: str | None, key: str, options: ReadOptions
) -> Iterator[RawDocument]:
    """A JSON Lines file line by line, a JSON file item by item; a compressed one within the ratio limit
    of compressed inputs."""
    with _reading(path, codec) as stream:
        max_read = path.stat().st_size * options.max_decompressed_ratio if codec else None
        if fmt is SourceFormat.JSONL:
            yield from jsonl_records(stream, str(path), key, options.max_document_bytes, max_read)
        else:
            yield from _json_items(stream, str(path), key, options, max_read)


def _json_items(
    stream: ByteSource, source: str, key: str, options: ReadOptions, max_read: int | None = None
) -> Iterator[RawDocument]:
    """A JSON file's articles; when the user forced the format, every item of an array is read."""
    forced = options.force_format is SourceFormat.JSON
    return json_records(stream, source, key, options.max_document_bytes, max_read, forced=forced)


def _web_archive_format(head: bytes, options: ReadOptions) -> SourceFormat | None:
    """WARC or ARC, if the (decompressed) head opens such an archive and no other format is forced."""
    if options.force_format not in (None, *_WEB_ARCHIVES):
        return None
    if head.startswith(WARC_MAGIC):
        return SourceFormat.WARC
    return SourceFormat.ARC if head.startswith(ARC_MAGIC) else None


def _web_archive_file(
    path: Path, fmt: SourceFormat, codec: str | None, key: str, options: ReadOptions
) -> Iterator[RawDocument]:
    with path.open("rb") as raw:
        yield from _web_archive(raw, fmt, codec, str(path), key, options)


def _web_archive(
    raw: IO[bytes], fmt: SourceFormat, codec: str | None, source: str, key: str, options: ReadOptions
) -> Iterator[RawDocument]:
    """A WARC or ARC file record by record, `codec` its compression."""
    if fmt is SourceFormat.ARC:
        return arc_records(raw, codec, source, key, options.max_document_bytes)
    return warc_records(raw, codec, source, key, options.max_document_bytes)


def _zip_file(path: Path, key: str, options: ReadOptions) -> Iterator[RawDocument]:
    with path.open("rb") as raw:
        yield from _zip(raw, str(path), key, options, depth=0)


def _zip(file: IO[bytes], source: str, key: str, options: ReadOptions, depth: int) -> Iterator[RawDocument]:
    def member(stream: IO[bytes], name: str, member_key: str) -> Iterator[RawDocument]:
        return _zip_member(stream, name, source, member_key, options, depth)

    zipped = ZipOptions(DOCUMENT_SUFFIXES, options.max_decompressed_ratio)
    yield from zip_records(file, source, key, zipped, member, depth=depth)


def _zip_member(
    stream: IO[bytes], name: str, source: str, key: str, options: ReadOptions, depth: int
) -> Iterator[RawDocument]:
    """One member of a zip archive, read as the file it would be once unpacked: a web archive streamed
    record by record (a WACZ file's WARC files are most of its size), any other member whole."""
    codec, head = _plain_head(stream, stream.read(HEAD))
    stream.seek(0)
    archive = _web_archive_format(head, options)
    if archive:
        yield from _guarded(_web_archive(stream, archive, codec, source, key, options), archive, source, key)
        return
    limit = options.max_document_bytes * 10
    data = stream.read(limit + 1)
    if len(data) > limit:
        reason = f"cannot read: member of over {limit} bytes"
        yield RawDocument.unreadable(source, key, "", SourceFormat.TEXT, reason)
        return
    yield from read_data(data, PurePosixPath(name).name, source, key, options, depth=depth + 1)


def _unpacked(data: bytes, codec: str, options: ReadOptions) -> bytes:
    limit = min(options.max_document_bytes * 10, len(data) * options.max_decompressed_ratio)
    out = io.BytesIO()
    try:
        with decompressing(io.BytesIO(data), codec) as f:
            while chunk := f.read(1 << 20):
                out.write(chunk)
                if out.tell() > limit:
                    raise ReadError(
                        f"{codec} expands beyond {limit} bytes (ratio limit {options.max_decompressed_ratio})"
                    )
    except CORRUPT as exc:
        raise ReadError(f"corrupt {codec}: {exc}") from exc
    return out.getvalue()
