"""The page inside an archived HTTP response, as the server meant it.

Web archives store a response as it came over the wire: chunked framing and a compressed body
(gzip, deflate, br, zstd) included. Both are undone here, with fastwarc's own stream readers, and
never beyond the size a document may have. Some archivers store the decoded body but keep the
original headers; a body that does not carry the framing or the gzip header its headers announce is
taken as it is.
"""

from __future__ import annotations

import io
import re
import zlib

from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader, ZstdReader

from partynet.ingest.compression import compression_of

_CHUNK_HEADER = re.compile(rb"[0-9a-fA-F]{1,16}[ \t]*(?:;[^\r\n]*)?\r\n")
_IDENTITY = ("", "identity", "none")
_Reader = GzipReader | ChunkedReader | BrotliReader | ZstdReader
_READERS: dict[str, type[_Reader]] = {
    "gzip": GzipReader,
    "x-gzip": GzipReader,
    "br": BrotliReader,
    "zstd": ZstdReader,
}


class PayloadError(Exception):
    """The body cannot be decoded as its headers say; the reason goes into the unreadable record."""


def status_problem(status: int | None) -> str | None:
    """Why a response holds no page (a redirect, an error page), or None for a successful one."""
    if status is None or 200 <= status < 300:
        return None
    return f"HTTP status {status}: no page content"


def decoded_payload(body: bytes, transfer_encoding: str, content_encoding: str, limit: int) -> bytes:
    """The body with chunked framing and content encodings undone, at most `limit` + 1 bytes (the
    caller tells an over-size body by its length)."""
    if "chunked" in transfer_encoding.lower() and _CHUNK_HEADER.match(body):
        body = _read(ChunkedReader, body, limit, "chunked framing")
    # encodings are listed in the order they were applied, so they are undone from the last
    for coding in reversed([c.strip().lower() for c in content_encoding.split(",")]):
        body = _decoded(body, coding, limit)
    return body


def _decoded(body: bytes, coding: str, limit: int) -> bytes:
    if coding in _IDENTITY or (coding in ("gzip", "x-gzip") and compression_of(body) != "gzip"):
        return body  # a gzip body without its header was stored decoded under the original header
    if coding == "deflate":
        return _inflated(body, limit)
    if coding not in _READERS:
        raise PayloadError(f"unsupported content encoding: {coding}")
    return _read(_READERS[coding], body, limit, coding)


def _inflated(body: bytes, limit: int) -> bytes:
    """deflate as the standard says (zlib-wrapped), or raw, as some servers send it."""
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
        try:
            return zlib.decompressobj(wbits).decompress(body, limit + 1)
        except zlib.error:
            continue
    raise PayloadError("corrupt deflate content encoding")


def _read(reader: type[_Reader], body: bytes, limit: int, what: str) -> bytes:
    try:
        return bytes(reader(io.BytesIO(body), fsspec_args=False).read(limit + 1))
    except OSError as exc:
        raise PayloadError(f"corrupt {what}: {exc}") from exc
