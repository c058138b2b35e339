from __future__ import annotations

import io
import struct

import pytest

from partynet.ingest.frames import compressed_whole
from tests.ingest.test_readers import packed

RECORDS = [b"WARC/1.0\r\n" + bytes(range(256)) * (n + 20) for n in range(3)]
# a dictionary, as the WARC zstd format stores it: in a skippable frame before the records
SKIPPABLE = b"\x5d\x2a\x4d\x18" + struct.pack("<I", 6) + b"dictio"


@pytest.mark.parametrize("codec", ["gzip", "zstd", "lz4"])
def test_a_file_compressed_record_by_record_is_told_from_one_compressed_whole(codec: str) -> None:
    by_record = io.BytesIO(b"".join(packed(codec, r) for r in RECORDS))
    by_record.seek(3)
    assert not compressed_whole(by_record, codec)
    assert by_record.tell() == 3  # left where it was
    assert compressed_whole(io.BytesIO(packed(codec, b"".join(RECORDS))), codec)


@pytest.mark.parametrize("codec", ["zstd", "lz4"])
def test_skippable_frames_before_the_records_are_passed_over(codec: str) -> None:
    frames = [packed(codec, r) for r in RECORDS]
    assert not compressed_whole(io.BytesIO(SKIPPABLE + b"".join(frames)), codec)
    assert compressed_whole(io.BytesIO(SKIPPABLE + packed(codec, b"".join(RECORDS))), codec)


@pytest.mark.parametrize("codec", ["gzip", "zstd", "lz4"])
@pytest.mark.parametrize("cut", [1, 5, 9, 30])
def test_a_damaged_or_cut_head_is_left_to_the_reader(codec: str, cut: int) -> None:
    data = b"".join(packed(codec, r) for r in RECORDS)
    # cut inside the first member or frame: whatever the answer, nothing raises
    assert compressed_whole(io.BytesIO(data[:cut]), codec) in (True, False)
    # a damaged header is no member or frame at all: the file is read as it comes, and the reader
    # records what is wrong with it
    assert not compressed_whole(io.BytesIO(b"\x00" * 4 + data), codec)
