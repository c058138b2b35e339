"""Whether a compressed web archive is compressed record by record or whole.

Crawlers compress a WARC or ARC file one gzip member (zstd or lz4 frame) per record, so that each
record can be read from its offset in the file; `gzip crawl.warc` compresses it whole, and then its
records have no offset in the file: a reader that reports the compressed stream's position gives
several records the same one. Only the first member or frame is looked at: the whole file is one unit
if nothing follows it. gzip is inflated in bounded steps (a member's end is known only by inflating
it); zstd and lz4 frames are walked by their block headers, without decompressing anything.
"""

from __future__ import annotations

import struct
import zlib
from typing import IO

_GZIP_INPUT = 1 << 20  # a first record compressed larger than this is taken for a whole file
_INFLATE_STEP = 1 << 20  # decompressed bytes looked at per step
_INFLATE_STEPS = 64
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_LZ4_MAGIC = b"\x04\x22\x4d\x18"
_MAX_BLOCKS = 1 << 16  # a frame walked further than this is taken for a whole file


def compressed_whole(raw: IO[bytes], codec: str) -> bool:
    """Whether `raw` (a seekable file, left where it was) is one gzip member, zstd or lz4 frame."""
    start = raw.tell()
    try:
        if codec == "gzip":
            return not _gzip_member_followed(raw)
        if codec not in ("zstd", "lz4"):
            return False
        end = _frame_end(raw, codec)
        if end is None:
            return True
        raw.seek(end)
        return raw.read(1) == b""  # nothing follows the first frame
    except (OSError, struct.error, ValueError):
        return False  # a damaged header: read as it comes, the reader says what is wrong
    finally:
        raw.seek(start)


def _gzip_member_followed(raw: IO[bytes]) -> bool:
    pending = raw.read(_GZIP_INPUT)
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        for _ in range(_INFLATE_STEPS):  # in bounded steps: a gzip bomb expands a thousandfold
            inflater.decompress(pending, _INFLATE_STEP)
            pending = inflater.unconsumed_tail
            if inflater.eof or not pending:
                break
    except zlib.error:
        return True  # corrupt: the reader says where, with the offsets of the records before
    return inflater.eof and bool(inflater.unused_data)


def _frame_end(raw: IO[bytes], codec: str) -> int | None:
    """Where the first frame ends, skippable frames (a zstd dictionary) passed over; None if it runs
    past `_MAX_BLOCKS` blocks."""
    while (magic := raw.read(4))[1:] == b"\x2a\x4d\x18" and magic[0] & 0xF0 == 0x50:  # skippable frame
        (size,) = struct.unpack("<I", raw.read(4))
        raw.seek(size, 1)
    if magic != (_ZSTD_MAGIC if codec == "zstd" else _LZ4_MAGIC):
        raise ValueError("not a frame")
    return _zstd_frame_end(raw) if codec == "zstd" else _lz4_frame_end(raw)


def _zstd_frame_end(raw: IO[bytes]) -> int | None:
    (descriptor,) = raw.read(1)
    single_segment, checksum = descriptor & 0x20, descriptor & 0x04
    content_size = (1 if single_segment else 0, 2, 4, 8)[descriptor >> 6]
    raw.seek((0 if single_segment else 1) + (0, 1, 2, 4)[descriptor & 0x03] + content_size, 1)
    for _ in range(_MAX_BLOCKS):
        header = int.from_bytes(raw.read(3), "little")
        last, kind, size = header & 1, (header >> 1) & 3, header >> 3
        raw.seek(1 if kind == 1 else size, 1)  # an RLE block holds the one byte it repeats
        if last:
            return raw.tell() + (4 if checksum else 0)
    return None


def _lz4_frame_end(raw: IO[bytes]) -> int | None:
    flags, _ = raw.read(2)
    raw.seek((8 if flags & 0x08 else 0) + (4 if flags & 0x01 else 0) + 1, 1)  # sizes, dictionary, check
    block_checksum = 4 if flags & 0x10 else 0
    for _ in range(_MAX_BLOCKS):
        (size,) = struct.unpack("<I", raw.read(4))
        if size == 0:  # the end mark
            return raw.tell() + (4 if flags & 0x04 else 0)
        raw.seek((size & 0x7FFFFFFF) + block_checksum, 1)
    return None
