"""Web archives: WARC files (read by fastwarc, in C) and the ARC files that came before them (warcio).

Both hold captures: what a crawler fetched from an address, with the HTTP headers it came with. A
capture is read by its media type: pages (HTML, XHTML, plain text) and feeds (which give their entries)
are documents; a page served as XML, as bytes or with no type is recognised by its content; everything
else a crawl holds (style sheets, scripts, images, fonts, JSON, PDFs, sitemaps, robots.txt) is not a
document: counted by media type, never stored, its payload not even read. A document's payload is read
as the server meant it (http.py); a redirect, an error page or a cut record is `unreadable` with why.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO, Any
from urllib.parse import urlsplit

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType
from warcio.archiveiterator import ArchiveIterator as ArcIterator

from partynet.domain import RawDocument, SourceFormat
from partynet.ingest.compression import decompressing
from partynet.ingest.feeds import feed_records
from partynet.ingest.formats import sniff
from partynet.ingest.frames import compressed_whole
from partynet.ingest.http import PayloadError, decoded_payload, status_problem

log = logging.getLogger(__name__)
READ_BY_FASTWARC = (None, "gzip", "zstd", "lz4")  # WARC compressions fastwarc reads itself, in C
# conversion records hold the text extracted from a response (Common Crawl's WET files); a revisit
# record says that a capture's payload is the same as an earlier one's, and holds none of its own
_WARC_RECORDS = (
    WarcRecordType.response | WarcRecordType.resource | WarcRecordType.conversion | WarcRecordType.revisit
)
_WARCIO_RECORDS = frozenset({"response", "resource", "conversion", "revisit"})  # what warcio calls them
# What a capture's media type (Content-Type without its parameters) says of its payload: a page, a
# feed, or to be recognised by its content (no type, XML, generic bytes). Every other capture (images,
# scripts, style sheets, fonts, JSON, PDF) is not a document: counted, as a directory's other files
# are, and not stored.
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "text/markdown"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_SNIFFED_TYPES = frozenset({"", "text/xml", "application/xml", "application/octet-stream"})
_READ_TYPES = _PAGE_TYPES | _FEED_TYPES | _SNIFFED_TYPES
_IDENTIFIED = "WARC-Identified-Payload-Type"
_MEDIA_TYPE = re.compile(r"[a-z0-9][\w.+-]*/[a-z0-9][\w.+-]*")  # type/subtype (RFC 6838 names)
_WEB_SCHEMES = frozenset({"http", "https", "ftp", "file"})
CRAWLER_METADATA = "crawler metadata"


class _ArchiveIterator(ArcIterator):  # type: ignore[misc] # warcio has no type hints
    """warcio's reader, whose warning about a record of the wrong length is logged, not printed (on
    standard error it would cut through the progress bar); `err_count` still counts them."""

    INC_RECORD = ""


@dataclass(frozen=True, slots=True)
class _Capture:
    """One archived fetch, whichever archive holds it."""

    url: str | None
    content_type: str  # the HTTP response's, else the archive record's
    locator: str
    payload: Callable[[], bytes]  # the page as the server meant it; raises PayloadError


def warc_records(
    raw: IO[bytes], codec: str | None, source: str, key: str, limit: int
) -> Iterator[RawDocument]:
    """The documents of a WARC file (`codec` its compression), and a record for each capture that is
    not one; `limit`: the largest payload read, in bytes. Offsets are in the file, unless the file is
    compressed whole: its records have none there (fastwarc would give several the same one), so it is
    decompressed here and offsets are in the decompressed archive."""
    if codec is None or (codec in READ_BY_FASTWARC and not compressed_whole(raw, codec)):
        # fastwarc decompresses the file, in C; warcio, which reads on after a bad record, only gzip
        yield from _fastwarc_records(raw, source, key, limit, warcio_reads=codec in (None, "gzip"))
    elif codec in ("zstd", "lz4"):  # decompressed by a stream fastwarc cannot seek in
        yield from _read_by_warcio(decompressing(raw, codec), source, key, limit, SourceFormat.WARC)
    else:
        yield from _fastwarc_records(decompressing(raw, codec), source, key, limit)


def _fastwarc_records(
    stream: IO[bytes] | io.BufferedIOBase, source: str, key: str, limit: int, *, warcio_reads: bool = True
) -> Iterator[RawDocument]:
    """A record fastwarc cannot step over (most often one whose declared length is wrong) ends its
    reading: warcio, which looks for the next record, reads on from there if it can read the stream
    (`warcio_reads`: not a file of zstd or lz4 frames, whose compressed bytes it would take for records)."""
    done = -1  # where the last record fastwarc read starts
    try:
        for record in ArchiveIterator(stream, record_types=_WARC_RECORDS, parse_http=True, fsspec_args=False):
            done = record.stream_pos
            locator, url = f"offset {done}", record.headers.get("WARC-Target-URI")
            if record.record_type == WarcRecordType.revisit:
                yield RawDocument.skipped(
                    source, f"{key}#{locator}", locator, SourceFormat.WARC, "revisit", url
                )
                continue
            http, headers = record.http_headers, record.headers
            # a response's payload type is the server's, else the archiver's reading of the payload
            # (never the record's own type, application/http); a resource's is the record's own
            if http is not None:
                content_type = http.get("Content-Type") or headers.get(_IDENTIFIED)
            else:
                content_type = headers.get("Content-Type")
            capture = _Capture(url, content_type or "", locator, partial(_warc_payload, record, limit))
            yield from _captured(capture, source, key, SourceFormat.WARC)
    except OSError as exc:
        if not (warcio_reads and stream.seekable()):
            raise
        log.warning("%s: %s after offset %d; read on by warcio", source, exc, done)
        stream.seek(0)
        yield from _read_by_warcio(stream, source, key, limit, SourceFormat.WARC, after=done)


def arc_records(
    raw: IO[bytes], codec: str | None, source: str, key: str, limit: int
) -> Iterator[RawDocument]:
    """The documents of an ARC file (version 1, the Internet Archive's and early Common Crawl's
    format); offsets are in the file when each record is gzipped on its own, as crawlers write them."""
    stream: IO[bytes] | io.BufferedIOBase = raw
    if codec and (codec != "gzip" or compressed_whole(raw, codec)):  # warcio reads gzip members only
        stream = decompressing(raw, codec)
    yield from _read_by_warcio(stream, source, key, limit, SourceFormat.ARC)


def _read_by_warcio(
    stream: IO[bytes] | io.BufferedIOBase,
    source: str,
    key: str,
    limit: int,
    fmt: SourceFormat,
    after: int = -1,
) -> Iterator[RawDocument]:
    """An ARC file, or what follows offset `after` in a WARC file, read by warcio."""
    address = "uri" if fmt is SourceFormat.ARC else "WARC-Target-URI"
    records, errors = _ArchiveIterator(stream, arc2warc=False), 0
    for record in records:
        if records.err_count > errors:
            errors = records.err_count
            log.warning("%s: the record before offset %d is not the length it says", source, records.offset)
        # where this record starts: get_record_offset() would read the record to its end first
        offset = records.offset
        if record.rec_type not in _WARCIO_RECORDS or offset <= after:
            continue  # an ARC file's version block, a WARC file's requests and metadata
        locator, url = f"offset {offset}", record.rec_headers.get_header(address)
        if record.rec_type == "revisit":
            yield RawDocument.skipped(source, f"{key}#{locator}", locator, fmt, "revisit", url)
            continue
        http, headers = record.http_headers, record.rec_headers
        # as for fastwarc's records; an ARC header line's type is the crawler's reading of the payload
        declared = headers.get_header("Content-Type")
        identified = declared if fmt is SourceFormat.ARC else headers.get_header(_IDENTIFIED)
        content_type = declared if http is None else http.get_header("Content-Type") or identified
        capture = _Capture(url, content_type or "", locator, partial(_warcio_payload, record, limit))
        yield from _captured(capture, source, key, fmt)


def _captured(capture: _Capture, source: str, key: str, fmt: SourceFormat) -> Iterator[RawDocument]:
    identity, locator, url = f"{key}#{capture.locator}", capture.locator, capture.url
    media_type = _kind(url) or _media_type(capture.content_type)
    if media_type not in _READ_TYPES and "html" not in media_type:
        # read no further: a crawl's images, scripts and style sheets are most of its bytes
        yield RawDocument.skipped(source, identity, locator, fmt, media_type, url)
        return
    try:
        body = capture.payload()
    except PayloadError as exc:
        yield RawDocument.unreadable(source, identity, locator, fmt, str(exc), url)
        return
    found = _payload_format(media_type, body)
    if found is SourceFormat.FEED:
        entries = list(feed_records(body, source, key, within=locator))
        yield from entries or [RawDocument.skipped(source, identity, locator, fmt, media_type, url)]
    elif found is None:
        yield RawDocument.skipped(source, identity, locator, fmt, media_type, url)
    else:
        html, charset = found is SourceFormat.HTML, _charset(capture.content_type)
        yield RawDocument(source, identity, locator, fmt, html, data=body, url=url, charset_hint=charset)


def _media_type(content_type: str) -> str:
    """ "text/html" of "Text/HTML; charset=utf-8", and of a header sent twice ("text/html, text/html");
    "" for a value that is no media type ("text", or "applicat" where an archive ends in the headers):
    its capture is then judged by its content, as one without a type is."""
    media_type = content_type.partition(";")[0].partition(",")[0].strip().lower()
    return media_type if _MEDIA_TYPE.fullmatch(media_type) else ""


def _kind(url: str | None) -> str | None:
    """What a capture is, whatever its type, when its address says it is no page: a crawler's own
    record (its log, its manifest, a DNS lookup: `metadata://`, `urn:`, `dns:` addresses), or its fetch
    of a site's crawling rules (RFC 9309)."""
    try:
        address = urlsplit(url or "")
    except ValueError:  # an address no parser takes ("http://[::1") is a page's
        return None
    if address.scheme and address.scheme.lower() not in _WEB_SCHEMES:
        return CRAWLER_METADATA
    return "robots.txt" if address.path == "/robots.txt" else None


def _payload_format(media_type: str, body: bytes) -> SourceFormat | None:
    """How a capture's payload is read (HTML, TEXT or FEED), or None if it is not a document."""
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


def _warc_payload(record: WarcRecord, limit: int) -> bytes:
    """The page a WARC record holds, decoded as its HTTP headers say."""
    if record.headers.get("Content-Length") is None:  # every WARC record has one
        raise PayloadError("truncated record: the archive ends in its headers")
    body = record.reader.read(limit + 1)
    if len(body) > limit:
        raise PayloadError("record over the size limit")
    if len(body) < record.content_length:  # the archive ends inside this record
        raise PayloadError(f"truncated record: {len(body)} of {record.content_length} bytes")
    http = record.http_headers
    if http is None:
        return bytes(body)
    encodings = (http.get("Transfer-Encoding") or "", http.get("Content-Encoding") or "")
    return _as_served(bytes(body), http.status_code, *encodings, limit)


def _warcio_payload(record: Any, limit: int) -> bytes:
    """The page a record read by warcio holds, decoded as its HTTP headers say (warcio is untyped)."""
    body = record.raw_stream.read(limit + 1)
    if len(body) > limit:
        raise PayloadError("record over the size limit")
    if record.raw_stream.limit > 0:  # bytes the record announced and the file does not hold
        raise PayloadError(f"truncated record: {len(body)} bytes, {record.raw_stream.limit} missing")
    http = record.http_headers
    if http is None:
        return bytes(body)
    code = http.get_statuscode()
    encodings = (http.get_header("Transfer-Encoding") or "", http.get_header("Content-Encoding") or "")
    return _as_served(bytes(body), int(code) if code and code.isdigit() else None, *encodings, limit)


def _as_served(body: bytes, status: int | None, transfer: str, content_encoding: str, limit: int) -> bytes:
    problem = status_problem(status)
    if problem:
        raise PayloadError(problem)
    body = decoded_payload(body, transfer, content_encoding, limit)
    if len(body) > limit:
        raise PayloadError("record over the size limit once decoded")
    return body


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
