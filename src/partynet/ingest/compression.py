"""Compressed inputs: gzip, bzip2, xz, zstd and lz4, recognised by their first bytes and read as streams.

Corpus dumps and web archives come compressed (`.jsonl.gz`, `.jsonl.zst`, `.warc.gz`, `.warc.zst`,
`.warc.lz4`, `.xml.bz2`); whatever the codec, a reader sees the same readable, line-by-line stream.
gzip, bzip2 and xz come with Python; zstd and lz4 are read by fastwarc, which partynet has for WARC
already.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from typing import IO

from fastwarc.stream_io import Lz4Reader, ZstdReader

_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x04\x22\x4d\x18", "lz4"),  # the lz4 frame format, as `lz4` and fastwarc write it
)
SMALL_READ = 512  # bytes
SMALL_READS_UNTIL = 65_536  # bytes into the stream
# what a codec raises on a corrupt or cut stream
CORRUPT = (OSError, EOFError, zlib.error, lzma.LZMAError)


def compression_of(head: bytes) -> str | None:
    """The codec whose magic bytes open `head`, or None for an uncompressed input."""
    return next((name for magic, name in _MAGIC if head.startswith(magic)), None)


def decompressing(raw: IO[bytes], codec: str) -> io.BufferedIOBase:
    """A buffered stream of the decompressed bytes of `raw` (which it does not close)."""
    if codec == "gzip":
        return gzip.GzipFile(fileobj=raw)
    if codec == "bzip2":
        return bz2.BZ2File(raw)
    if codec == "xz":
        return lzma.LZMAFile(raw)
    reader = (Lz4Reader if codec == "lz4" else ZstdReader)(raw, fsspec_args=False)
    return io.BufferedReader(_FastwarcStream(reader))


def decompressed_head(raw: IO[bytes], codec: str, size: int) -> bytes:
    """Up to `size` first decompressed bytes of `raw`: as many as decompress before any corruption
    (a cut archive still shows what it is)."""
    stream = decompressing(raw, codec)
    head = bytearray()
    try:
        while len(head) < size and (chunk := stream.read1(size - len(head))):
            head += chunk
    except CORRUPT:
        pass
    return bytes(head)


class _FastwarcStream(io.RawIOBase):
    """fastwarc's zstd or lz4 reader as a raw stream, which io.BufferedReader turns into a file."""

    def __init__(self, reader: ZstdReader | Lz4Reader) -> None:
        super().__init__()
        self._reader = reader
        self._given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        # fastwarc's readers fail a read that runs into a cut frame and give none of it: the first reads
        # are small, so that the head of a cut input still shows what it is (a WARC's first records)
        size = len(buffer) if self._given >= SMALL_READS_UNTIL else min(len(buffer), SMALL_READ)
        data = self._reader.read(size)
        buffer[: len(data)] = data
        self._given += len(data)
        return len(data)
