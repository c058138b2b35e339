from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partynet.domain import RawDocument, SourceFormat
from partynet.ingest.readers import (
    COMPRESSED_TEXT_RATIO,
    Input,
    ReadOptions,
    content_size,
    discover,
    read_data,
    read_file,
)
from partynet.ingest.zipped import MAX_DEPTH, PACKAGE_REFUSED, WACZ_METADATA
from tests.conftest import write
from tests.fixtures import ARTICLE_TEXT, HTML_PAGE
from tests.ingest.test_readers import warc_record

CRAWL = gzip.compress(
    warc_record("https://e.org/a", HTML_PAGE.encode())
    + warc_record("https://e.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
)


def zipped(members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def records(tmp_path: Path, name: str, data: bytes, options: ReadOptions | None = None) -> list[RawDocument]:
    """The records of a file; reading its bytes (as the Spark job and a zip's members do) gives the same."""
    path = write(tmp_path / name, data)
    from_file = list(read_file(Input(path, name), options or ReadOptions()))
    assert list(read_data(data, name, str(path), name, options or ReadOptions())) == from_file
    return from_file


def test_a_zip_is_read_as_a_directory_is(tmp_path: Path) -> None:
    data = zipped(
        {
            "news/laos.html": HTML_PAGE,
            "news/report.txt": ARTICLE_TEXT,
            "crawl.warc.gz": CRAWL,
            "rows.jsonl": json.dumps({"id": "r1", "text": ARTICLE_TEXT}) + "\n",
            "photo.jpg": b"\xff\xd8\xff\xe0",
            "notes.docx": b"PK\x03\x04",
            ".DS_Store": b"\0\0\0\1Bud1",
            "__MACOSX/news/._laos.html": b"\0\5\26\7",
        }
    )
    found = records(tmp_path, "bundle.zip", data)
    documents = [(r.source_key, r.locator, r.source_format, r.is_html) for r in found if not r.not_document]
    assert documents == [
        ("bundle.zip/news/laos.html", "news/laos.html", SourceFormat.HTML, True),
        ("bundle.zip/news/report.txt", "news/report.txt", SourceFormat.TEXT, False),
        ("bundle.zip/crawl.warc.gz#offset 0", "crawl.warc.gz, offset 0", SourceFormat.WARC, True),
        ("id:r1", "rows.jsonl, line 1", SourceFormat.JSONL, False),
    ]
    assert all(r.error is None and r.source == str(tmp_path / "bundle.zip") for r in found)
    page = next(r for r in found if r.locator == "news/laos.html")
    assert page.data == HTML_PAGE.encode()
    skipped = sorted(r.not_document or "" for r in found if r.not_document)
    # the image inside the WARC file, counted as the WARC reader counts it, and the zip's own
    assert skipped == ["application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       "image/jpeg", "image/png"]  # fmt: skip


def test_a_directory_holding_a_zip_reads_it_and_a_forced_format_reaches_its_members(tmp_path: Path) -> None:
    write(tmp_path / "in" / "pages.zip", zipped({"a.txt": "<p>Talks in Hanoi.</p>"}))
    write(tmp_path / "in" / "web.wacz", zipped({"datapackage.json": "{}", "archive/a.warc.gz": CRAWL}))
    assert [i.key for i in discover([tmp_path / "in"]).inputs] == ["pages.zip", "web.wacz"]
    (member,) = read_file(Input(tmp_path / "in" / "pages.zip", "pages.zip"), ReadOptions())
    assert member.source_format is SourceFormat.HTML  # recognised by content, whatever its name
    forced = ReadOptions(force_format=SourceFormat.TEXT)
    (member,) = read_file(Input(tmp_path / "in" / "pages.zip", "pages.zip"), forced)
    assert (member.source_format, member.is_html) == (SourceFormat.TEXT, False)


def test_a_wacz_file_gives_the_pages_of_its_warc_files_and_only_counts_its_indexes(tmp_path: Path) -> None:
    pages = (
        '{"format": "json-pages-1.0", "id": "pages"}\n{"id": "p1", "url": "https://e.org/a", "text": "x"}\n'
    )
    data = zipped(
        {
            "archive/data.warc.gz": CRAWL,
            "indexes/index.cdx.gz": gzip.compress(b"org,e)/a 20240101000000 {}\n"),
            "pages/pages.jsonl": pages,
            "datapackage.json": json.dumps({"profile": "data-package", "wacz_version": "1.1.1"}),
            "datapackage-digest.json": "{}",
        },
        zipfile.ZIP_STORED,
    )
    found = records(tmp_path, "site.wacz", data)
    (page,) = [r for r in found if not r.not_document]
    assert (page.url, page.locator) == ("https://e.org/a", "archive/data.warc.gz, offset 0")
    assert sorted(r.not_document or "" for r in found if r.not_document) == [
        "image/png",
        *[WACZ_METADATA] * 4,
    ]


def test_a_zip_inside_a_zip_is_read_and_a_zip_that_holds_itself_stops(tmp_path: Path) -> None:
    inner = zipped({"report.txt": ARTICLE_TEXT})
    (doc,) = records(tmp_path, "outer.zip", zipped({"inner.zip": inner}))
    assert (doc.source_key, doc.locator) == ("outer.zip/inner.zip/report.txt", "inner.zip, report.txt")
    nested = inner
    for depth in range(MAX_DEPTH):
        nested = zipped({f"level{depth}.zip": nested})
    (refused,) = records(tmp_path, "deep.zip", nested)
    assert refused.error == f"cannot read: zip archives nested more than {MAX_DEPTH} deep"


def _encrypted_member() -> bytes:
    """A zip whose first member says it is encrypted: Python writes no encrypted zips, so the flag is
    set in its local and its central header."""
    data = bytearray(zipped({"secret.txt": ARTICLE_TEXT, "open.txt": ARTICLE_TEXT}))
    for header, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(header) + flags_at] |= 0x1
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "reasons"),
    [
        (zipped({"a.txt": ARTICLE_TEXT})[:60], ["cannot read: corrupt zip archive: File is not a zip file"]),
        (_encrypted_member(), ["cannot read: encrypted member (a password is needed)", None]),
        (
            zipped({"bomb.txt": b" " * 5_000_000}),
            ["cannot read: member expands to 5000000 bytes from "],
        ),
        (
            zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}),
            [f"cannot read: {PACKAGE_REFUSED}"],
        ),
        (zipped({}), ["no documents found in this zip input"]),
        (zipped({"a.png": b"\x89PNG"}), [None, "no documents found in this zip input"]),
    ],
    ids=["cut", "encrypted", "bomb", "office document", "empty", "no documents"],
)
def test_a_zip_that_cannot_be_read_is_recorded_with_the_reason(
    tmp_path: Path, data: bytes, reasons: list[str | None]
) -> None:
    found = [r.error for r in records(tmp_path, "in.zip", data)]
    assert len(found) == len(reasons)
    for error, reason in zip(found, reasons, strict=True):
        assert error == reason or (error and reason and error.startswith(reason))


def test_a_member_with_a_broken_checksum_keeps_the_records_before_it(tmp_path: Path) -> None:
    data = bytearray(zipped({"a.txt": ARTICLE_TEXT, "b.txt": "The second report."}, zipfile.ZIP_STORED))
    data[data.index(b"The second") + 4] ^= 0xFF  # one byte of b.txt changed: its CRC no longer holds
    found = records(tmp_path, "in.zip", bytes(data))
    assert [(r.locator, r.error) for r in found] == [
        ("a.txt", None),
        ("b.txt", "cannot read member: Bad CRC-32 for file 'b.txt'"),
    ]


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_a_damaged_zip_never_raises(data: st.DataObject) -> None:
    archive = bytearray(zipped({"a.html": HTML_PAGE, "b.warc.gz": CRAWL, "c.zip": zipped({"d.txt": "x"})}))
    for _ in range(data.draw(st.integers(1, 8))):
        archive[data.draw(st.integers(0, len(archive) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(4, len(archive)))
    for record in read_data(bytes(archive[:cut]), "z.zip", "z.zip", "z.zip", ReadOptions()):
        assert record.error or record.not_document or record.data is not None or record.text is not None


def test_the_work_a_file_holds_is_estimated_by_its_content_not_its_packed_size(tmp_path: Path) -> None:
    text = (ARTICLE_TEXT + "\n\n") * 200
    plain = write(tmp_path / "a.txt", text)
    packed = write(tmp_path / "a.zip", zipped({"a.txt": text, "b.txt": text}))
    gzipped = write(tmp_path / "a.txt.gz", gzip.compress(text.encode()))
    assert content_size(plain) == len(text.encode())
    assert content_size(packed) == 2 * len(text.encode()) > 20 * packed.stat().st_size
    assert content_size(gzipped) == COMPRESSED_TEXT_RATIO * gzipped.stat().st_size
    assert content_size(write(tmp_path / "cut.zip", zipped({"a.txt": text})[:40])) == 40
    assert content_size(tmp_path / "missing.txt") == 0


def test_an_arc_file_inside_a_zip_is_read_record_by_record(tmp_path: Path) -> None:
    from tests.ingest.test_readers import ARC_CRAWL, arc_file

    blocks = [gzip.compress(block) for block in arc_file(ARC_CRAWL[:2])]
    found = records(tmp_path, "old.zip", zipped({"crawl.arc.gz": b"".join(blocks)}))
    assert [(r.locator, r.source_format, r.not_document) for r in found] == [
        (f"crawl.arc.gz, offset {len(blocks[0])}", SourceFormat.ARC, None),
        (f"crawl.arc.gz, offset {len(blocks[0]) + len(blocks[1])}", SourceFormat.ARC, "image/png"),
    ]
