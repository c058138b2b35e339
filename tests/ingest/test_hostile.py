"""Hostile input the fuzzer cannot reach by mutation alone (too large) or that deserves a named
outcome: giant lines, deep nesting, zero bytes, truncated archives, bombs. Each gets a clear status."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from partynet.domain import Document, SourceFormat, Status
from partynet.ingest.clean import CleanOptions, clean
from partynet.ingest.readers import Input, ReadOptions, read_bytes, read_file
from tests.conftest import write
from tests.fixtures import ARTICLE_TEXT

SENTENCE = "The delegation of the party held talks with its hosts in the capital on Tuesday. "


def cleaned(data: bytes, fmt: SourceFormat) -> list[Document]:
    return [clean(raw, CleanOptions()) for raw in read_bytes(data, fmt, "x", "x", ReadOptions())]


def test_a_giant_single_line_is_read_and_collapsed() -> None:
    line = (SENTENCE * 60_000).encode()  # ~5 MB without a line break
    (doc,) = cleaned(line, SourceFormat.TEXT)
    assert doc.status is Status.KEPT
    assert doc.text.count("held talks") == 1  # the repeats collapse to one sentence
    assert doc.removals["repeated"] == 59_999  # every dropped repeat is counted, none silently


def test_a_giant_jsonl_line_is_one_document() -> None:
    row = json.dumps({"id": "big", "text": SENTENCE * 40_000}).encode()
    (doc,) = cleaned(row + b"\n", SourceFormat.JSONL)
    assert doc.external_id == "big"
    assert doc.status is Status.KEPT


def test_deeply_nested_markup_keeps_its_text() -> None:
    depth = 50_000
    page = ("<div>" * depth + f"<p>{ARTICLE_TEXT}</p>" + "</div>" * depth).encode()
    (doc,) = cleaned(page, SourceFormat.HTML)
    assert doc.status is Status.KEPT
    assert "Workers' Party of Korea" in doc.text


def test_zero_bytes_in_text_are_not_kept() -> None:
    (doc,) = cleaned(ARTICLE_TEXT.encode().replace(b"\n\n", b"\n\n\0\0"), SourceFormat.TEXT)
    assert "\0" not in doc.text


def test_binary_is_unreadable_with_a_reason() -> None:
    (doc,) = cleaned(bytes(range(256)) * 64, SourceFormat.TEXT)
    assert doc.status is Status.UNREADABLE
    assert doc.status_reason


def test_a_document_over_the_size_limit_is_unreadable() -> None:
    small = CleanOptions(max_document_bytes=10_000)
    (raw,) = read_bytes(SENTENCE.encode() * 1000, SourceFormat.TEXT, "x", "x", ReadOptions())
    doc = clean(raw, small)
    assert doc.status is Status.UNREADABLE
    assert "over the limit" in (doc.status_reason or "")


def test_a_gzip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"\0" * 5_000_000))
    (raw,) = read_file(Input(path, "bomb.txt.gz"), ReadOptions(max_decompressed_ratio=100))
    assert raw.error is not None
    assert "ratio limit 100" in raw.error


def test_a_truncated_gzip_is_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path / "cut.txt.gz", gzip.compress(ARTICLE_TEXT.encode() * 50)[:80])
    (raw,) = read_file(Input(path, "cut.txt.gz"), ReadOptions())
    assert raw.error is not None
    assert "corrupt gzip" in raw.error


def test_a_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    def record(uri: str, body: str) -> bytes:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + body.encode()
        return (
            (
                f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
            ).encode()
            + http
            + b"\r\n\r\n"
        )

    whole = gzip.compress(record("http://a.example/1", ARTICLE_TEXT)) + gzip.compress(
        record("http://a.example/2", ARTICLE_TEXT + " More.")
    )
    path = write(tmp_path / "cut.warc.gz", whole[: len(whole) - 40])
    docs = list(read_file(Input(path, "cut.warc.gz"), ReadOptions()))
    assert docs[0].url == "http://a.example/1"
    assert docs[0].error is None
    (cut,) = docs[1:]  # the record the archive ends inside is recorded with the reason, not half-read
    assert cut.error is not None
    assert cut.error.startswith("truncated record")
