"""Formats to RawDocument: plain text, HTML, JSONL, RSS/Atom and WARC, recognised by content, also
compressed and inside zip archives.

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
from typing import IO, Any
from urllib.parse import urlsplit

import feedparser
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from partynet.domain import RawDocument, SourceFormat
from partynet.ingest.compression import CORRUPT, compression_of, decompressed_head, decompressing
from partynet.ingest.decode import decode
from partynet.ingest.html import web_address
from partynet.ingest.http import PayloadError, decoded_payload, status_problem
from partynet.ingest.jsonl import is_json_object_line, jsonl_records
from partynet.ingest.zipped import ZipOptions, is_zip, zip_content_size, zip_records

log = logging.getLogger(__name__)

_HTML_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<body",
    b"<head",
    b"<div",
    b"<p>",
    b"<p ",
    b"<article",
    b"<meta",
)
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_WARC = b"WARC/"
# An ARC archive, the Internet Archive's format before WARC, opens with its `filedesc://` version block.
# Read as text it would be one document of every record's headers and bytes, so it is refused with why.
_ARC = b"filedesc://"
ARC_REFUSED = "an ARC archive (the format WARC replaced) is not read: convert it to WARC first"
_READ_BY_FASTWARC = (None, "gzip", "zstd", "lz4")  # WARC compressions fastwarc reads itself, in C
_HEAD = 4096  # the first bytes of an input, by which its format is recognised


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
# beside them (README.md, expected.json, *.csv) are not. A file named on the command line is always read.
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
        yield _unreadable(source, item.key, "", SourceFormat.TEXT, f"cannot read: {exc}")
        return
    if opened.streamed is None:
        yield from read_data(opened.data, item.path.name, source, item.key, options)
        return
    # WARC archives, JSON Lines and zip archives are streamed record by record, never loaded whole
    if opened.streamed is SourceFormat.WARC:
        records = _warc_file(item.path, opened.codec, item.key, options)
    elif opened.streamed is SourceFormat.ZIP:
        records = _zip_file(item.path, item.key, options)
    else:
        records = _jsonl_file(item.path, opened.codec, item.key, options)
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
    cluster file system's, and for the members of a zip archive, `depth` zips deep): WARC, compressed
    or not, record by record; a zip archive member by member; other compressed input unpacked within
    the ratio limit; the format recognised by content unless forced."""
    if is_zip(data):
        yield from _guarded(
            _zip(io.BytesIO(data), source, key, options, depth), SourceFormat.ZIP, source, key
        )
        return
    codec = compression_of(data)
    plain = decompressed_head(io.BytesIO(data), codec, _HEAD) if codec else data[:_HEAD]
    if options.force_format in (None, SourceFormat.WARC) and plain.startswith(_WARC):
        yield from read_bytes(data, SourceFormat.WARC, source, key, options)
        return
    if plain.startswith(_ARC):
        yield _unreadable(source, key, "", SourceFormat.WARC, f"cannot read: {ARC_REFUSED}")
        return
    if len(data) > options.max_document_bytes * 10:
        yield _unreadable(
            source, key, "", SourceFormat.TEXT, f"cannot read: file of {len(data)} bytes is over the limit"
        )
        return
    if codec:
        try:
            data = _unpacked(data, codec, options)
        except ReadError as exc:
            yield _unreadable(source, key, "", SourceFormat.TEXT, f"cannot read: {exc}")
            return
    yield from read_bytes(data, options.force_format or sniff(data, name), source, key, options)


def read_bytes(
    data: bytes, fmt: SourceFormat, source: str, key: str, options: ReadOptions
) -> Iterator[RawDocument]:
    """Split one input's bytes into documents according to its format."""
    if fmt is SourceFormat.JSONL:
        records = jsonl_records(io.BytesIO(_narrow(data)), source, key, options.max_document_bytes)
    elif fmt is SourceFormat.FEED:
        records = _feed(data, source, key)
    elif fmt is SourceFormat.WARC:
        records = _warc(_archive(io.BytesIO(data), compression_of(data)), source, key, options)
    elif fmt is SourceFormat.ZIP:
        records = _zip(io.BytesIO(data), source, key, options, depth=0)
    else:
        records = iter([RawDocument(source, key, "", fmt, is_html=fmt is SourceFormat.HTML, data=data)])
    yield from _guarded(records, fmt, source, key)


def _guarded(
    records: Iterator[RawDocument], fmt: SourceFormat, source: str, key: str
) -> Iterator[RawDocument]:
    """Pass records through; if the reader fails part-way, or finds nothing at all, say so in a record:
    an input never disappears without a trace."""
    count = 0
    try:
        for record in records:
            count += record.not_document is None
            yield record
    except Exception as exc:  # noqa: BLE001 - a malformed input must not stop the run; the reason is kept
        log.warning("reader failed on %s: %s", source, exc)
        yield _unreadable(source, f"{key}#error", "", fmt, f"{fmt.value} reader failed: {exc!r}")
        return
    if count == 0:
        yield _unreadable(source, f"{key}#empty", "", fmt, f"no documents found in this {fmt.value} input")


def sniff(data: bytes, name: str = "") -> SourceFormat:
    """Recognise a format from the first bytes; the file name only breaks ties for plain text."""
    if _is_wide(data[:_HEAD]):  # UTF-16 or UTF-32: recognised by its text
        data = _narrow(data[:_HEAD])
    head = data[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = head.lower()
    if head.startswith(b"WARC/"):
        return SourceFormat.WARC
    if head.startswith(b"{") and is_json_object_line(data.split(b"\n", 1)[0]):
        return SourceFormat.JSONL
    if any(m in lower for m in _FEED_MARKERS) and (
        lower.startswith(b"<?xml") or any(m in lower[:1024] for m in _FEED_MARKERS)
    ):
        return SourceFormat.FEED
    if any(m in lower for m in _HTML_MARKERS):
        return SourceFormat.HTML
    if name.lower().endswith((".html", ".htm")) and b"<" in head:
        return SourceFormat.HTML
    return SourceFormat.TEXT


@dataclass(frozen=True, slots=True)
class _Opened:
    streamed: SourceFormat | None  # WARC or JSONL: read record by record from the file
    data: bytes = b""  # the whole file, for every other format
    codec: str | None = None  # the compression of a streamed file


def _open(path: Path, options: ReadOptions) -> _Opened:
    """The file's bytes, or the format in which it is streamed instead. The file is opened once for
    most inputs: on a large corpus of small pages, opening files is a good part of the reading."""
    with path.open("rb") as f:
        raw_head = f.read(_HEAD)
        if is_zip(raw_head):  # a container, like a directory: read whatever --format says
            return _Opened(SourceFormat.ZIP)
        codec = compression_of(raw_head)
        head = raw_head
        if codec:  # from the file, not from raw_head: a bzip2 block gives nothing until it is whole
            f.seek(0)
            head = decompressed_head(f, codec, _HEAD)
            f.seek(len(raw_head))
        if options.force_format in (None, SourceFormat.WARC) and head.startswith(_WARC):
            return _Opened(SourceFormat.WARC, codec=codec)
        if head.startswith(_ARC):
            raise ReadError(ARC_REFUSED)
        if options.force_format in (None, SourceFormat.JSONL) and _is_json_lines(path, head, codec, options):
            return _Opened(SourceFormat.JSONL, codec=codec)
        size = os.fstat(f.fileno()).st_size
        if size > options.max_document_bytes * 10:
            raise ReadError(f"file of {size} bytes is over the limit")
        return _Opened(None, raw_head + f.read())  # read_data undoes the compression


def _is_json_lines(path: Path, head: bytes, codec: str | None, options: ReadOptions) -> bool:
    """JSON Lines in a narrow encoding, compressed (by `codec`) or not: forced, or a first line that is
    a JSON object. `head`: the first bytes, decompressed."""
    if _is_wide(head):
        return False  # UTF-16 or UTF-32: decoded whole, where newlines are characters, not bytes
    if options.force_format is SourceFormat.JSONL:
        return True
    if not head.removeprefix(codecs.BOM_UTF8).startswith(b"{"):
        return False
    try:
        with _reading(path, codec) as stream:
            return is_json_object_line(stream.readline(options.max_document_bytes))
    except CORRUPT:
        return False  # read whole instead, where a corrupt input is recorded with its reason


@contextmanager
def _reading(path: Path, codec: str | None) -> Iterator[io.BufferedIOBase]:
    """The file as a stream of its bytes, decompressed when `codec` names its compression."""
    with path.open("rb") as raw:
        yield decompressing(raw, codec) if codec else raw


def _jsonl_file(path: Path, codec: str | None, key: str, options: ReadOptions) -> Iterator[RawDocument]:
    """A JSON Lines file line by line; a compressed one within the ratio limit of compressed inputs."""
    with _reading(path, codec) as stream:
        max_read = path.stat().st_size * options.max_decompressed_ratio if codec else None
        yield from jsonl_records(stream, str(path), key, options.max_document_bytes, max_read)


def _warc_file(path: Path, codec: str | None, key: str, options: ReadOptions) -> Iterator[RawDocument]:
    with path.open("rb") as raw:
        yield from _warc(_archive(raw, codec), str(path), key, options)


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
    """One member of a zip archive, read as the file it would be once unpacked: a WARC file streamed
    record by record (a WACZ file's WARC files are most of its size), any other member whole."""
    head = stream.read(_HEAD)
    codec = compression_of(head)
    if codec:
        stream.seek(0)
        head = decompressed_head(stream, codec, _HEAD)
    stream.seek(0)
    if options.force_format in (None, SourceFormat.WARC) and head.startswith(_WARC):
        records = _warc(_archive(stream, codec), source, key, options)
        yield from _guarded(records, SourceFormat.WARC, source, key)
        return
    limit = options.max_document_bytes * 10
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield _unreadable(source, key, "", SourceFormat.TEXT, f"cannot read: member of over {limit} bytes")
        return
    yield from read_data(data, PurePosixPath(name).name, source, key, options, depth=depth + 1)


def _archive(raw: IO[bytes], codec: str | None) -> IO[bytes] | io.BufferedIOBase:
    """What fastwarc is given to read: a file, which it recognises by content (a path it would
    recognise by its name), decompressed here unless fastwarc undoes the compression itself, in C,
    keeping each record's offset in the file."""
    return decompressing(raw, codec) if codec and codec not in _READ_BY_FASTWARC else raw


def _is_wide(head: bytes) -> bool:
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in head[:64]


def _narrow(data: bytes) -> bytes:
    """JSON Lines bytes whose newlines are single bytes: UTF-16 or UTF-32 input re-encoded as UTF-8."""
    if not _is_wide(data[:_HEAD]):
        return data
    text = decode(data).text
    return text.encode("utf-8", "surrogatepass") if text is not None else data


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


def _unreadable(
    source: str, key: str, locator: str, fmt: SourceFormat, reason: str, url: str | None = None
) -> RawDocument:
    return RawDocument(source, key, locator, fmt, is_html=False, error=reason, url=url)


def _feed(data: bytes, source: str, key: str, within: str = "") -> Iterator[RawDocument]:
    """A feed's entries; `within`: where the feed is in its input (a WARC record's offset), or ""."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries and parsed.get("bozo"):
        reason = f"malformed feed: {parsed.get('bozo_exception')!r}"
        yield _unreadable(source, f"{key}#{within}" if within else key, within, SourceFormat.FEED, reason)
        return
    for number, entry in enumerate(entries, start=1):
        yield _feed_entry(entry, f"{within}, entry {number}" if within else f"entry {number}", source, key)


def _feed_entry(entry: Any, locator: str, source: str, key: str) -> RawDocument:
    content = entry.get("content") or []
    body = content[0].get("value") if content else entry.get("summary")
    link = entry.get("link")
    identity = f"url:{link}" if link else f"{key}#{locator}"
    # feedparser gives an entry without a link its id as one ("urn:uuid:...", a bare RSS guid)
    url = web_address(link)
    # a list of headlines (a news list, an aggregator): the headline is all the entry says, and it
    # often names who met whom; feedparser has unescaped it already, so it is plain text
    headline = " ".join(str(entry.get("title") or "").split())
    if not body and not headline:
        reason = "feed entry has neither content nor title"
        return _unreadable(source, identity, locator, SourceFormat.FEED, reason, url)
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    return RawDocument(
        source,
        identity,
        locator,
        SourceFormat.FEED,
        is_html=bool(body),
        text=str(body or headline),
        url=url,
        title=entry.get("title"),
        external_id=entry.get("id"),
        published=f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
        if published
        else None,
    )


def _warc(
    stream: IO[bytes] | io.BufferedIOBase, source: str, key: str, options: ReadOptions
) -> Iterator[RawDocument]:
    # conversion records hold the text extracted from a response (Common Crawl's WET files); a revisit
    # record says that a capture's payload is the same as an earlier one's, and holds none of its own
    wanted = (
        WarcRecordType.response | WarcRecordType.resource | WarcRecordType.conversion | WarcRecordType.revisit
    )
    for record in ArchiveIterator(stream, record_types=wanted, parse_http=True, fsspec_args=False):
        locator = f"offset {record.stream_pos}"
        url = record.headers.get("WARC-Target-URI")
        identity = f"{key}#{locator}"
        if record.record_type == WarcRecordType.revisit:
            yield _not_a_document(source, identity, locator, "revisit", url)
            continue
        http = record.http_headers
        content_type = (http.get("Content-Type") if http else None) or (
            record.headers.get("Content-Type") or ""
        )
        media_type = _media_type(content_type)
        if _is_robots_file(url):
            media_type = "robots.txt"  # a crawler's own fetch of a site's crawling rules (RFC 9309)
        if media_type not in _READ_TYPES and "html" not in media_type:
            # read no further: a crawl's images, scripts and style sheets are most of its bytes
            yield _not_a_document(source, identity, locator, media_type, url)
            continue
        try:
            body = _warc_payload(record, options.max_document_bytes)
        except PayloadError as exc:
            yield _unreadable(source, identity, locator, SourceFormat.WARC, str(exc), url)
            continue
        fmt = _record_format(media_type, body)
        if fmt is SourceFormat.FEED:
            entries = list(_feed(body, source, key, within=locator))
            yield from entries or [_not_a_document(source, identity, locator, media_type, url)]
        elif fmt is None:
            yield _not_a_document(source, identity, locator, media_type, url)
        else:
            html = fmt is SourceFormat.HTML
            charset = _charset(content_type)
            yield RawDocument(
                source, identity, locator, SourceFormat.WARC, html, data=body, url=url, charset_hint=charset
            )


# What a WARC record's media type (Content-Type without its parameters) says of its payload: a page,
# a feed, or to be recognised by its content (no type, XML, generic bytes). Every other record (images,
# scripts, style sheets, fonts, JSON, PDF) is not a document: counted, as a directory's other files
# are, and not stored.
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "text/markdown"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_SNIFFED_TYPES = frozenset({"", "text/xml", "application/xml", "application/octet-stream"})
_READ_TYPES = _PAGE_TYPES | _FEED_TYPES | _SNIFFED_TYPES


def _media_type(content_type: str) -> str:
    """ "text/html" of "Text/HTML; charset=utf-8", and of a header sent twice ("text/html, text/html")."""
    return content_type.partition(";")[0].partition(",")[0].strip().lower()


def _is_robots_file(url: str | None) -> bool:
    try:
        return urlsplit(url or "").path == "/robots.txt"
    except ValueError:  # an address no parser takes ("http://[::1") is a page's, not a robots.txt
        return False


def _record_format(media_type: str, body: bytes) -> SourceFormat | None:
    """How a WARC record's payload is read (HTML, TEXT or FEED), or None if it is not a document."""
    if media_type in _FEED_TYPES:
        return SourceFormat.FEED
    if "html" in media_type:
        return SourceFormat.HTML
    found = sniff(body)
    if media_type in _PAGE_TYPES:  # plain text, or a page that its server calls plain text
        return SourceFormat.HTML if found is SourceFormat.HTML else SourceFormat.TEXT
    if found in (SourceFormat.HTML, SourceFormat.FEED):
        return found  # a page or a feed served as XML, as bytes or with no type
    return SourceFormat.TEXT if media_type == "" else None  # no type: text, or unreadable once decoded


def _not_a_document(source: str, key: str, locator: str, media_type: str, url: str | None) -> RawDocument:
    return RawDocument(
        source, key, locator, SourceFormat.WARC, is_html=False, url=url, not_document=media_type or "unknown"
    )


def _warc_payload(record: WarcRecord, limit: int) -> bytes:
    """The page a record holds, decoded as its HTTP headers say; PayloadError says why there is none."""
    body = record.reader.read(limit + 1)
    if len(body) > limit:
        raise PayloadError("record over the size limit")
    if len(body) < record.content_length:  # the archive ends inside this record
        raise PayloadError(f"truncated record: {len(body)} of {record.content_length} bytes")
    http = record.http_headers
    problem = status_problem(http.status_code) if http is not None else None
    if problem:
        raise PayloadError(problem)
    if http is not None:
        body = decoded_payload(
            body, http.get("Transfer-Encoding") or "", http.get("Content-Encoding") or "", limit
        )
        if len(body) > limit:
            raise PayloadError("record over the size limit once decoded")
    return bytes(body)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
