from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import random
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastwarc.stream_io import BrotliWriter, GzipWriter, Lz4Writer, ZstdWriter
from hypothesis import given, settings
from hypothesis import strategies as st

from partynet.domain import RawDocument, SourceFormat
from partynet.ingest.archives import CRAWLER_METADATA
from partynet.ingest.formats import sniff
from partynet.ingest.readers import (
    Input,
    ReadOptions,
    discover,
    read_bytes,
    read_data,
    read_file,
)
from tests.conftest import write
from tests.fixtures import ARTICLE_TEXT, HTML_PAGE

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Party news</title>
<item><title>Talks in Hanoi</title><link>https://example.org/a</link>
<pubDate>Tue, 18 Apr 2023 09:00:00 +0800</pubDate>
<description>&lt;p&gt;The two parties held talks in Hanoi.&lt;/p&gt;</description></item>
<item><title>Letter of congratulations</title><link>https://example.org/b</link>
<description>The party sent a letter of congratulations.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Party news</title>
<entry><title>中越两党会谈</title><link href="https://example.cn/1"/><id>urn:1</id>
<updated>2024-08-19T10:00:00Z</updated><content type="html">&lt;p&gt;中越两党在北京举行会谈。&lt;/p&gt;</content></entry>
<entry><title>No link</title><id>urn:uuid:7</id><summary>The two parties met.</summary></entry>
</feed>"""


def warc_record(
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    *,
    status: str = "200 OK",
    headers: str = "",
) -> bytes:
    """A WARC response record; `headers` are further HTTP header lines, each ending in CRLF."""
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{headers}\r\n".encode() + body
    header = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{zlib.crc32(url.encode())}>\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    )
    return header.encode() + http + b"\r\n\r\n"


def test_sniff_recognises_formats_by_content() -> None:
    assert sniff(b"WARC/1.0\r\n") is SourceFormat.WARC
    assert sniff(b'{"id": "a", "text": "x"}\n{"id": "b"}') is SourceFormat.JSONL
    assert sniff(RSS.encode()) is SourceFormat.FEED
    assert sniff(ATOM.encode()) is SourceFormat.FEED
    assert sniff(HTML_PAGE.encode(), "page.txt") is SourceFormat.HTML
    assert sniff(ARTICLE_TEXT.encode(), "page.html") is SourceFormat.TEXT
    for wide in ("utf-16", "utf-16-le", "utf-32"):  # with a BOM or without one
        assert sniff(HTML_PAGE.encode(wide)) is SourceFormat.HTML
        assert sniff(RSS.encode(wide)) is SourceFormat.FEED
        assert sniff(b'{"id": "a", "text": "x"}\n'.decode().encode(wide)) is SourceFormat.JSONL
        assert sniff(ARTICLE_TEXT.encode(wide)) is SourceFormat.TEXT


def test_directory_discovery_is_recursive_sorted_and_skips_non_documents(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "b")
    write(tmp_path / "sub" / "a.html", "<p>a</p>")
    write(tmp_path / "README.md", "notes")
    write(tmp_path / "gold.csv", "id,label")
    write(tmp_path / "expected.json", "{}")  # read: JSON files may hold articles (test_jsonfile.py)
    write(tmp_path / ".hidden" / "c.txt", "c")
    found = discover([tmp_path])
    assert [i.key for i in found.inputs] == ["b.txt", "expected.json", "sub/a.html"]
    assert sorted(Path(p).name for p in found.skipped) == ["README.md", "gold.csv"]


def test_a_file_named_explicitly_is_always_read(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", "The party congress opened.")
    assert [i.key for i in discover([path]).inputs] == ["notes.md"]


def test_jsonl_keeps_fields_and_records_bad_lines(tmp_path: Path) -> None:
    rows = [
        {
            "id": "d1",
            "url": "https://x.org/1",
            "title": "T",
            "date": "2024-01-02",
            "lang": "en",
            "text": "Hello.",
        },
        {"id": "d2", "html": "<p>Hi there.</p>"},
    ]
    lines = [json.dumps(r) for r in rows] + ["{not json", '["a list"]', json.dumps({"id": "d5"})]
    path = write(tmp_path / "docs.jsonl", "\n".join(lines) + "\n")
    docs = list(read_file(Input(path, "docs.jsonl"), ReadOptions()))
    assert len(docs) == 5
    first, second = docs[0], docs[1]
    assert (first.external_id, first.url, first.title, first.published, first.lang_hint, first.text) == (
        "d1",
        "https://x.org/1",
        "T",
        "2024-01-02",
        "en",
        "Hello.",
    )
    assert first.locator == "line 1"
    assert second.is_html
    assert [d.error is not None for d in docs] == [False, False, True, True, True]
    assert "invalid JSON" in (docs[2].error or "")


def test_jsonl_written_by_other_tools_is_read_under_their_field_names(tmp_path: Path) -> None:
    rows = [  # news-please (and Common Crawl's news sets), then trafilatura's JSON output
        {"url": "https://x.org/1", "title": "Talks", "maintext": "The parties met.", "date_publish": "2024-06-26 10:00:00", "language": "en"},
        {"id": 7, "title": "会谈", "raw_text": "两党举行会谈。", "date": "2024-06-27", "language": "zh"},
        {"url": "https://x.org/3", "description": "Only a summary."},
    ]  # fmt: skip
    path = write(tmp_path / "dump.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    first, second, third = read_file(Input(path, "dump.jsonl"), ReadOptions())
    assert (first.text, first.published, first.lang_hint, first.url) == (
        "The parties met.", "2024-06-26 10:00:00", "en", "https://x.org/1",
    )  # fmt: skip
    assert (second.external_id, second.text, second.published, second.lang_hint) == (
        "7",
        "两党举行会谈。",
        "2024-06-27",
        "zh",
    )
    assert third.error is not None
    assert "maintext" in third.error  # the reason names the fields looked for


def test_a_line_separator_inside_a_jsonl_string_is_text_not_a_line_end(tmp_path: Path) -> None:
    row = json.dumps({"id": "a", "text": "The talks ended.\u2028Both sides\x85 signed."}, ensure_ascii=False)
    path = write(tmp_path / "d.jsonl", row + "\r\n" + json.dumps({"id": "b", "text": "Next."}) + "\n")
    docs = list(read_file(Input(path, "d.jsonl"), ReadOptions()))
    assert [(d.locator, d.external_id, d.text) for d in docs] == [
        ("line 1", "a", "The talks ended.\u2028Both sides\x85 signed."),
        ("line 2", "b", "Next."),
    ]


@pytest.mark.parametrize("codec", [None, "gzip", "bzip2", "xz", "zstd", "lz4"])
def test_jsonl_files_are_streamed_whatever_their_size(tmp_path: Path, codec: str | None) -> None:
    limit = ReadOptions(max_document_bytes=200)  # files over ten times this are refused, unless streamed
    # random digits: compressed, the file still runs far past the first bytes its format is told by
    rows = [
        json.dumps(
            {"id": f"d{i}", "text": f"Report {i} of the talks, ref {random.Random(i).getrandbits(256):x}."}
        )
        for i in range(300)
    ]
    rows[7] = json.dumps({"id": "long", "text": "x" * 500})  # one line over the document limit
    data = ("\n".join(rows) + "\n").encode()
    name = "dump"  # recognised by content, not by name
    path = write(tmp_path / name, packed(codec, data) if codec else data)
    assert len(data) > 10 * 200
    assert len(path.read_bytes()) > 8192
    docs = list(read_file(Input(path, name), limit))
    assert len(docs) == 300
    assert docs[7].error == "line over the size limit"
    assert docs[7].locator == "line 8"
    assert [d.external_id for d in docs[8:10]] == ["d8", "d9"]


def packed(codec: str, data: bytes) -> bytes:
    if codec in ("zstd", "lz4"):
        return _compressed(ZstdWriter if codec == "zstd" else Lz4Writer, data)
    return {"gzip": gzip.compress, "bzip2": bz2.compress, "xz": lzma.compress}[codec](data)


@pytest.mark.parametrize("codec", ["gzip", "bzip2", "xz", "zstd", "lz4"])
def test_compressed_inputs_are_read_whatever_the_codec(tmp_path: Path, codec: str) -> None:
    rows = [json.dumps({"id": f"d{i}", "text": f"Report {i} of the talks."}) for i in range(3)]
    records = [warc_record(f"https://e.org/{i}", HTML_PAGE.encode()) for i in range(2)]
    inputs = {  # named without their endings: recognised by content
        "dump": packed(codec, ("\n".join(rows) + "\n").encode()),
        # gzip, zstd and lz4 archives are compressed record by record, as crawlers write them
        "crawl": b"".join(packed(codec, r) for r in records)
        if codec in ("gzip", "zstd", "lz4")
        else packed(codec, b"".join(records)),
        "page": packed(codec, HTML_PAGE.encode()),
    }
    for name, data in inputs.items():
        write(tmp_path / name, data)
    docs = {name: list(read_file(Input(tmp_path / name, name), ReadOptions())) for name in inputs}
    assert [d.external_id for d in docs["dump"]] == ["d0", "d1", "d2"]
    assert [(d.url, d.data) for d in docs["crawl"]] == [
        (f"https://e.org/{i}", HTML_PAGE.encode()) for i in range(2)
    ]
    assert [(d.source_format, d.data) for d in docs["page"]] == [(SourceFormat.HTML, HTML_PAGE.encode())]
    suffix = {"gzip": ".gz", "bzip2": ".bz2", "xz": ".xz", "zstd": ".zst", "lz4": ".lz4"}[codec]
    write(tmp_path / "more" / f"page.html{suffix}", packed(codec, HTML_PAGE.encode()))
    assert [i.key for i in discover([tmp_path / "more"]).inputs] == [f"page.html{suffix}"]


@pytest.mark.parametrize("codec", ["gzip", "zstd", "lz4"])
def test_a_warc_archive_compressed_whole_gives_every_record_at_its_own_offset(
    tmp_path: Path, codec: str
) -> None:
    records = [warc_record(f"https://e.org/{i}", HTML_PAGE.encode()) for i in range(3)]
    archive = packed(codec, b"".join(records))
    docs = list(read_file(Input(write(tmp_path / "crawl.warc.gz", archive), "crawl.warc.gz"), ReadOptions()))
    assert [(d.url, d.error) for d in docs] == [(f"https://e.org/{i}", None) for i in range(3)]
    # no offset in the file tells the records apart: they are numbered by offset in the archive
    assert [d.locator for d in docs] == [f"offset {sum(map(len, records[:i]))}" for i in range(3)]


def test_a_crawlers_own_records_are_counted_not_read_as_documents() -> None:
    """wget and wpull store their log and manifest as resource records beside the pages they fetched."""
    crawl = warc_record("https://e.org/a", HTML_PAGE.encode()) + b"".join(
        warc_record(url, b"Opening WARC file. Downloaded: 1 files.", "text/plain")
        for url in ("metadata://gnu.org/software/wget/warc/wget.log", "urn:X-wpull:log")
    )
    page, *logs = read_bytes(crawl, SourceFormat.WARC, "crawl.warc", "crawl.warc", ReadOptions())
    assert page.url == "https://e.org/a"
    assert [log.not_document for log in logs] == [CRAWLER_METADATA, CRAWLER_METADATA]


@pytest.mark.parametrize("codec", ["gzip", "zstd", "lz4"])
def test_a_warc_archive_compressed_record_by_record_gives_offsets_in_the_file(
    tmp_path: Path, codec: str
) -> None:
    members = [packed(codec, warc_record(f"https://e.org/{i}", HTML_PAGE.encode())) for i in range(3)]
    path = write(tmp_path / "crawl.warc.x", b"".join(members))
    docs = list(read_file(Input(path, "crawl.warc.x"), ReadOptions()))
    assert [d.locator for d in docs] == [f"offset {sum(map(len, members[:i]))}" for i in range(3)]


@pytest.mark.parametrize("codec", ["gzip", "zstd", "lz4"])
def test_a_compressed_warc_cut_short_still_gives_its_whole_records(tmp_path: Path, codec: str) -> None:
    records = [packed(codec, warc_record(f"https://e.org/{i}", HTML_PAGE.encode())) for i in range(3)]
    whole = len(records[0]) + len(records[1])
    for cut in range(whole + 1, whole + len(records[2]), 9):  # anywhere in the last record's frame
        path = write(tmp_path / "crawl.warc", b"".join(records)[:cut])
        docs = list(read_file(Input(path, "crawl.warc"), ReadOptions()))
        assert [d.url for d in docs[:2]] == ["https://e.org/0", "https://e.org/1"]
        assert all(d.data == HTML_PAGE.encode() for d in docs[:2])
        # the cut record: dropped, recorded with why, or whole (only the compression's trailer cut, which
        # may be reported after it); never compressed bytes or a cut header read as a record
        whole_pages = [d.data == HTML_PAGE.encode() for d in docs[2:]]
        assert all(d.error is not None or whole for d, whole in zip(docs[2:], whole_pages, strict=True))
        assert sum(whole_pages) <= 1


def test_a_gzipped_jsonl_file_cut_short_keeps_what_it_holds_and_says_why(tmp_path: Path) -> None:
    rows = [json.dumps({"id": f"d{i}", "text": f"Report {i} of the talks. " * 40}) for i in range(50)]
    packed = gzip.compress(("\n".join(rows) + "\n").encode())
    path = write(tmp_path / "cut.jsonl.gz", packed[: len(packed) // 2])
    docs = list(read_file(Input(path, "cut.jsonl.gz"), ReadOptions()))
    assert [d.external_id for d in docs[:-1]] == [f"d{i}" for i in range(len(docs) - 1)]
    assert len(docs) > 2
    assert "EOFError" in (docs[-1].error or "")
    path = write(tmp_path / "head.jsonl.gz", packed[:60])  # cut inside the first line
    (doc,) = read_file(Input(path, "head.jsonl.gz"), ReadOptions())
    assert (doc.error or "").startswith("cannot read: corrupt gzip")


def test_a_gzipped_jsonl_stream_stops_at_the_ratio_limit(tmp_path: Path) -> None:
    row = json.dumps({"id": "a", "text": "Talks."}) + "\n"
    path = write(tmp_path / "bomb.jsonl.gz", gzip.compress((row + "\n" * 2_000_000).encode()))
    docs = list(read_file(Input(path, "bomb.jsonl.gz"), ReadOptions()))
    assert docs[0].external_id == "a"
    assert docs[-1].error is not None
    assert docs[-1].error.startswith("input expands beyond")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_jsonl_in_other_encodings_is_read_line_by_line(tmp_path: Path, encoding: str) -> None:
    rows = [
        {"id": f"z{i}", "text": f"中国共产党代表团第{i}次访问越南，双方举行会谈并签署合作文件。"}
        for i in range(3)
    ]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode(encoding)
    docs = list(read_file(Input(write(tmp_path / "zh.jsonl", data), "zh.jsonl"), ReadOptions()))
    assert [(d.external_id, d.text) for d in docs] == [(r["id"], r["text"]) for r in rows]


def test_a_jsonl_file_whose_first_line_is_longer_than_the_head_is_recognised(tmp_path: Path) -> None:
    first = json.dumps({"id": "a", "text": "Talks. " * 2000})
    path = write(tmp_path / "dump", first + "\n" + json.dumps({"id": "b", "text": "More."}) + "\n")
    assert [d.external_id for d in read_file(Input(path, "dump"), ReadOptions())] == ["a", "b"]


@pytest.mark.parametrize(
    ("value", "published"),
    [
        ("18 April 2023", "18 April 2023"),  # strings go to the cleaner as written
        (2023, "2023"),
        (20230418, "20230418"),
        (1681776000, "2023-04-18"),  # Unix time
        (1681776000123, "2023-04-18"),  # in milliseconds
        (1681776000.5, "2023-04-18"),
        (True, "True"),
        (None, None),
    ],
)
def test_jsonl_dates_given_as_numbers_are_read(tmp_path: Path, value: object, published: str | None) -> None:
    path = write(tmp_path / "d.jsonl", json.dumps({"id": "x", "text": "Talks.", "date": value}) + "\n")
    (doc,) = read_file(Input(path, "d.jsonl"), ReadOptions())
    assert doc.published == published


def test_markup_in_a_jsonl_text_field_is_read_as_html(tmp_path: Path) -> None:
    text = "<p>One.</p><p>Two <span>three</span> <b>four</b>.</p><p>Five <i>six</i>.</p>"
    path = write(tmp_path / "d.jsonl", json.dumps({"id": "x", "text": text}) + "\n")
    (doc,) = read_file(Input(path, "d.jsonl"), ReadOptions())
    assert doc.is_html


def test_rss_and_atom_entries_become_documents() -> None:
    rss = list(read_bytes(RSS.encode(), SourceFormat.FEED, "f.xml", "f.xml", ReadOptions()))
    assert [d.url for d in rss] == ["https://example.org/a", "https://example.org/b"]
    assert rss[0].published == "2023-04-18"
    assert rss[0].is_html
    assert rss[0].locator == "entry 1"
    atom = list(read_bytes(ATOM.encode(), SourceFormat.FEED, "a.xml", "a.xml", ReadOptions()))
    assert atom[0].title == "中越两党会谈"
    assert "中越两党" in (atom[0].text or "")
    # an entry without a link keeps its id as its external id, and no made-up address
    assert [(d.url, d.external_id) for d in atom] == [("https://example.cn/1", "urn:1"), (None, "urn:uuid:7")]


def test_a_headline_only_entry_is_read_as_its_headline() -> None:
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>News list</title>
<item><title>Delegation of the CPV &amp; CPC &lt;leaders&gt; meet in Hanoi</title>
<link>https://example.org/h</link><pubDate>Tue, 18 Apr 2023 09:00:00 +0800</pubDate></item>
<item><link>https://example.org/nothing</link></item>
</channel></rss>"""
    headline, nothing = read_bytes(feed.encode(), SourceFormat.FEED, "h.xml", "h.xml", ReadOptions())
    assert headline.text == "Delegation of the CPV & CPC <leaders> meet in Hanoi"
    assert not headline.is_html  # unescaped by the feed parser: read as text, not parsed as markup
    assert (headline.url, headline.published, headline.error) == ("https://example.org/h", "2023-04-18", None)
    assert nothing.error == "feed entry has neither content nor title"
    assert nothing.url == "https://example.org/nothing"


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_records_keep_url_and_offset(tmp_path: Path, compressed: bool) -> None:
    records = [
        warc_record("https://example.org/1", HTML_PAGE.encode()),
        warc_record("https://example.org/2", "中文报道。".encode("gb18030"), "text/html; charset=gbk"),
        warc_record("https://example.org/3.png", b"\x89PNG....", "image/png"),
    ]
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    name = "crawl.warc.gz" if compressed else "crawl.warc"
    path = write(tmp_path / name, data)
    docs = list(read_file(Input(path, name), ReadOptions()))
    assert [d.url for d in docs] == [
        "https://example.org/1",
        "https://example.org/2",
        "https://example.org/3.png",
    ]
    assert docs[0].is_html
    assert docs[1].charset_hint == "gbk"
    assert (docs[2].error, docs[2].not_document) == (None, "image/png")  # counted, never a document
    assert len({d.locator for d in docs}) == 3


SITEMAP = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.org/a</loc></url></urlset>'


def test_a_crawl_gives_its_pages_and_feeds_and_only_counts_the_rest(tmp_path: Path) -> None:
    """A site crawl holds every file a browser fetched: its style sheets, scripts, images, fonts, data
    and robots.txt are not documents, whatever their status; a page served as XML, as bytes or as plain
    text is one, and a feed gives its entries."""
    records = [
        warc_record("https://e.org/a", HTML_PAGE.encode()),
        warc_record("http://[e.org/robots.txt", HTML_PAGE.encode()),  # an address urlsplit refuses
        warc_record("https://e.org/s.css", b"body { margin: 0 }", "text/css"),
        warc_record("https://e.org/app.js", b"var x = 1;", "text/javascript; charset=utf-8"),
        warc_record("https://e.org/api", b'{"items": []}', "application/json"),
        warc_record("https://e.org/gone.png", b"Not found", "image/png", status="404 Not Found"),
        warc_record("https://e.org/robots.txt", b"User-agent: *\nDisallow: /admin/\n", "text/plain"),
        warc_record("https://e.org/sitemap.xml", SITEMAP, "application/xml"),
        warc_record("https://e.org/x", HTML_PAGE.encode(), "application/xml"),
        warc_record("https://e.org/bytes", HTML_PAGE.encode(), "application/octet-stream"),
        warc_record("https://e.org/twice", HTML_PAGE.encode(), "text/html, text/html"),
        warc_record("https://e.org/odd", HTML_PAGE.encode(), "Text/X-HTML;charset=UTF-8"),
        warc_record("https://e.org/mislabelled", HTML_PAGE.encode(), "text/plain"),
        warc_record("https://e.org/note.txt", ARTICLE_TEXT.encode(), "text/plain"),
        warc_record("https://e.org/rss", RSS.encode(), "application/rss+xml"),
        warc_record("https://e.org/atom", ATOM.encode(), "text/xml"),
        warc_record(
            "https://e.org/empty.rss",
            b'<?xml version="1.0"?><rss><channel></channel></rss>',
            "application/rss+xml",
        ),
    ]
    path = write(tmp_path / "site.warc", b"".join(records))
    docs = list(read_file(Input(path, "site.warc"), ReadOptions()))
    skipped = [(d.url, d.not_document) for d in docs if d.not_document]
    assert skipped == [
        ("https://e.org/s.css", "text/css"),
        ("https://e.org/app.js", "text/javascript"),
        ("https://e.org/api", "application/json"),
        ("https://e.org/gone.png", "image/png"),
        ("https://e.org/robots.txt", "robots.txt"),
        ("https://e.org/sitemap.xml", "application/xml"),
        ("https://e.org/empty.rss", "application/rss+xml"),  # a feed without entries says nothing
    ]
    read = [d for d in docs if not d.not_document]
    assert all(d.error is None for d in read)
    assert [(d.url, d.source_format.value, d.is_html) for d in read] == [
        ("https://e.org/a", "warc", True),
        ("http://[e.org/robots.txt", "warc", True),
        ("https://e.org/x", "warc", True),
        ("https://e.org/bytes", "warc", True),
        ("https://e.org/twice", "warc", True),
        ("https://e.org/odd", "warc", True),
        ("https://e.org/mislabelled", "warc", True),
        ("https://e.org/note.txt", "warc", False),
        ("https://example.org/a", "feed", True),
        ("https://example.org/b", "feed", True),
        ("https://example.cn/1", "feed", True),
        (None, "feed", True),
    ]
    rss_offset = docs[14].locator.removesuffix(", entry 1")
    assert rss_offset.startswith("offset ")
    assert docs[15].locator == f"{rss_offset}, entry 2"
    assert (read[-1].external_id, read[-1].source) == ("urn:uuid:7", str(path))


def test_a_crawl_of_nothing_but_assets_says_it_held_no_document(tmp_path: Path) -> None:
    path = write(tmp_path / "assets.warc", warc_record("https://e.org/s.css", b"p {}", "text/css"))
    css, empty = read_file(Input(path, "assets.warc"), ReadOptions())
    assert css.not_document == "text/css"
    assert empty.error == "no documents found in this warc input"


def _compressed(writer: type[GzipWriter | BrotliWriter | ZstdWriter | Lz4Writer], data: bytes) -> bytes:
    out = io.BytesIO()
    stream = writer(out, fsspec_args=False)
    stream.write(data)
    stream.close()
    return out.getvalue()


def _chunked(data: bytes, size: int = 100) -> bytes:
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


def test_warc_responses_are_read_as_the_server_meant_them(tmp_path: Path) -> None:
    page = HTML_PAGE.encode()
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    encoded = {
        "chunked": (_chunked(page), "Transfer-Encoding: chunked\r\n"),
        "gzip": (_compressed(GzipWriter, page), "Content-Encoding: gzip\r\n"),
        "br": (_compressed(BrotliWriter, page), "Content-Encoding: br\r\n"),
        "zstd": (_compressed(ZstdWriter, page), "Content-Encoding: zstd\r\n"),
        "raw deflate": (raw_deflate.compress(page) + raw_deflate.flush(), "Content-Encoding: deflate\r\n"),
        "gzip, chunked": (
            _chunked(_compressed(GzipWriter, page)),
            "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
        ),
        "stored decoded": (page, "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"),
    }
    archive = b"".join(
        warc_record(f"https://e.org/{name}", body, headers=h) for name, (body, h) in encoded.items()
    )
    docs = list(read_file(Input(write(tmp_path / "crawl.warc", archive), "crawl.warc"), ReadOptions()))
    assert {d.url: d.data for d in docs} == {f"https://e.org/{name}": page for name in encoded}


def test_a_wet_file_is_read_as_the_text_its_conversion_records_hold(tmp_path: Path) -> None:
    text = ARTICLE_TEXT.encode()
    info = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:0>\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
    conversion = (
        "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://e.org/talks\r\n"
        f"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: text/plain\r\nContent-Length: {len(text)}\r\n\r\n"
    ).encode()
    path = write(
        tmp_path / "crawl.warc.wet.gz", gzip.compress(info) + gzip.compress(conversion + text + b"\r\n\r\n")
    )
    (doc,) = read_file(Input(path, "crawl.warc.wet.gz"), ReadOptions())
    assert (doc.url, doc.data, doc.is_html, doc.source_format) == (
        "https://e.org/talks",
        text,
        False,
        SourceFormat.WARC,
    )


def test_warc_responses_without_a_page_are_recorded_with_the_reason(tmp_path: Path) -> None:
    page = HTML_PAGE.encode()
    records = [
        warc_record("https://e.org/moved", b"<p>Moved</p>", status="301 Moved Permanently"),
        warc_record("https://e.org/gone", b"<p>Not found</p>", status="404 Not Found"),
        warc_record("https://e.org/broken", b"\x1f\x8bnot gzip", headers="Content-Encoding: gzip\r\n"),
        warc_record("https://e.org/lzw", page, headers="Content-Encoding: compress\r\n"),
        warc_record(
            "https://e.org/bomb", _compressed(GzipWriter, b" " * 5000), headers="Content-Encoding: gzip\r\n"
        ),
    ]
    path = write(tmp_path / "crawl.warc", b"".join(records))
    docs = list(read_file(Input(path, "crawl.warc"), ReadOptions(max_document_bytes=4000)))
    assert [d.error for d in docs] == [
        "HTTP status 301: no page content",
        "HTTP status 404: no page content",
        "corrupt gzip: Gzip decompression error: data error",
        "unsupported content encoding: compress",
        "record over the size limit once decoded",
    ]
    assert all(d.data is None and d.url for d in docs)


def test_file_size_limit_spares_warc_archives_and_keeps_whole_files_whole(tmp_path: Path) -> None:
    limit = ReadOptions(max_document_bytes=100)  # files of over ten times this are refused
    big = write(tmp_path / "big.txt", "x" * 1001)
    (refused,) = read_file(Input(big, "big.txt"), limit)
    assert refused.error is not None
    assert "1001 bytes is over the limit" in refused.error
    archive = write(
        tmp_path / "crawl.warc", b"".join(warc_record(f"https://e.org/{i}", b"<p>a</p>") for i in range(9))
    )
    assert archive.stat().st_size > 1000
    assert len(list(read_file(Input(archive, "crawl.warc"), limit))) == 9  # streamed, not loaded
    page = HTML_PAGE.encode() * (5000 // len(HTML_PAGE) + 1)  # longer than the head read first
    (doc,) = read_file(Input(write(tmp_path / "page.html", page), "page.html"), ReadOptions())
    assert doc.data == page


def test_gzipped_text_is_decompressed(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt.gz", gzip.compress(ARTICLE_TEXT.encode()))
    (doc,) = read_file(Input(path, "a.txt.gz"), ReadOptions())
    assert doc.data == ARTICLE_TEXT.encode()


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.gz", gzip.compress(b"\0" * 5_000_000))
    (doc,) = read_file(Input(path, "bomb.gz"), ReadOptions(max_decompressed_ratio=50))
    assert doc.error is not None
    assert "ratio" in doc.error


def test_missing_file_is_unreadable_not_an_exception(tmp_path: Path) -> None:
    (doc,) = read_file(Input(tmp_path / "gone.txt", "gone.txt"), ReadOptions())
    assert doc.error is not None
    assert "cannot read" in doc.error


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(list(SourceFormat)))
def test_readers_never_raise_on_random_bytes(data: bytes, fmt: SourceFormat) -> None:
    for doc in read_bytes(data, fmt, "x", "x", ReadOptions()):
        has_content = doc.data is not None or doc.text is not None
        assert doc.error is not None or has_content or doc.not_document is not None


@given(
    body=st.binary(max_size=600) | st.sampled_from([b"\x1f\x8b\x08\x00", b"5\r\nabc", b"ffffffff\r\n"]),
    transfer=st.sampled_from(["", "chunked"]),
    coding=st.sampled_from(["", "gzip", "deflate", "br", "zstd", "gzip, br", "x-unknown"]),
)
def test_warc_payloads_never_raise_whatever_their_encoding(body: bytes, transfer: str, coding: str) -> None:
    headers = f"Transfer-Encoding: {transfer}\r\nContent-Encoding: {coding}\r\n"
    for doc in read_bytes(
        warc_record("https://e.org/", body, headers=headers), SourceFormat.WARC, "x", "x", ReadOptions()
    ):
        assert doc.error is not None or doc.data is not None


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=2000))
def test_sniffed_random_files_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f"
    path.write_bytes(data)
    list(read_file(Input(path, "f"), ReadOptions()))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("broken.warc", b"WARC/1.0\r\nWARC-Type: response\r\n \x96\xf3\x9a\xcd\xe8c?"),
        ("empty.jsonl", b"\n\n"),
        ("empty.xml", b"<?xml version='1.0'?><rss><channel><title>t</title></channel></rss>"),
    ],
)
def test_an_input_that_yields_nothing_is_recorded(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path / name, data)
    docs = list(
        read_file(
            Input(path, name), ReadOptions(force_format=SourceFormat.JSONL if "jsonl" in name else None)
        )
    )
    assert len(docs) == 1
    assert docs[0].error is not None
    assert "no documents" in docs[0].error or "failed" in docs[0].error


def test_a_revisit_record_is_counted_as_a_capture_without_a_payload_of_its_own(tmp_path: Path) -> None:
    from fastwarc.warc import WarcRecord, WarcRecordType

    revisit = WarcRecord()
    revisit.init_headers(WarcRecordType.revisit)
    revisit.headers["WARC-Target-URI"] = "https://e.org/a"
    revisit.headers["WARC-Profile"] = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    revisit.headers["Content-Type"] = "application/http; msgtype=response"
    revisit.set_bytes_content(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
    out = io.BytesIO()
    revisit.write(out)
    path = write(
        tmp_path / "recrawl.warc", warc_record("https://e.org/a", HTML_PAGE.encode()) + out.getvalue()
    )
    page, again = read_file(Input(path, "recrawl.warc"), ReadOptions())
    assert (page.not_document, page.is_html) == (None, True)
    assert (again.not_document, again.url, again.data) == ("revisit", "https://e.org/a", None)


def arc_file(records: list[tuple[str, str, bytes]]) -> list[bytes]:
    """An ARC file (version 1) of captures (url, ARC content type, what was fetched): its version
    block first, then one record each, as a list to gzip record by record or whole."""
    version = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    blocks = [b"filedesc://crawl.arc 0.0.0.0 20080101000000 text/plain %d\n%s\n" % (len(version), version)]
    for url, content_type, body in records:
        header = f"{url} 192.0.2.1 20080101000000 {content_type} {len(body)}\n".encode()
        blocks.append(header + body + b"\n")
    return blocks


def _response(status: str, content_type: str, body: bytes, headers: str = "") -> bytes:
    return f"HTTP/1.0 {status}\r\nContent-Type: {content_type}\r\n{headers}\r\n".encode() + body


ARC_CRAWL = [
    (
        "http://e.org/laos",
        "text/html",
        _response("200 OK", "text/html; charset=gbk", gzip.compress(HTML_PAGE.encode("gbk")), "Content-Encoding: gzip\r\n"),
    ),
    ("http://e.org/logo.png", "image/png", _response("200 OK", "image/png", b"\x89PNG\r\n\x1a\n")),
    ("http://e.org/gone", "text/html", _response("404 Not Found", "text/html", b"<p>Not found</p>")),
    ("dns:e.org", "text/dns", b"20080101000000\ne.org. 300 IN A 192.0.2.1\n"),
]  # fmt: skip


@pytest.mark.parametrize("packing", ["plain", "gzip per record", "gzip whole"])
def test_an_arc_archive_is_read_as_a_warc_archive_is(tmp_path: Path, packing: str) -> None:
    blocks = arc_file(ARC_CRAWL)
    if packing == "gzip per record":
        blocks = [gzip.compress(block) for block in blocks]
    data = gzip.compress(b"".join(blocks)) if packing == "gzip whole" else b"".join(blocks)
    path = write(tmp_path / "crawl.arc.gz", data)
    found = list(read_file(Input(path, "crawl.arc.gz"), ReadOptions()))
    assert list(read_data(data, "crawl.arc.gz", str(path), "crawl.arc.gz", ReadOptions())) == found
    page, image, gone, dns = found
    assert (page.source_format, page.url, page.is_html, page.charset_hint) == (
        SourceFormat.ARC, "http://e.org/laos", True, "gbk",
    )  # fmt: skip
    assert page.data == HTML_PAGE.encode("gbk")  # the content encoding undone
    assert (image.not_document, dns.not_document) == ("image/png", CRAWLER_METADATA)
    assert (gone.error, gone.url) == ("HTTP status 404: no page content", "http://e.org/gone")
    offsets = [int(r.locator.removeprefix("offset ")) for r in found]
    assert [r.source_key for r in found] == [f"crawl.arc.gz#offset {n}" for n in offsets]
    if packing != "gzip whole":  # where each record starts in the file, as an index of the archive says
        assert offsets == [sum(len(block) for block in blocks[:n]) for n in range(1, len(blocks))]


def test_an_arc_archive_cut_inside_a_record_keeps_the_records_before_it(tmp_path: Path) -> None:
    data = b"".join(
        arc_file(
            [
                ARC_CRAWL[0],
                ("http://e.org/b", "text/html", _response("200 OK", "text/html", HTML_PAGE.encode())),
            ]
        )
    )
    path = write(tmp_path / "cut.arc", data[:-200])
    page, cut = read_file(Input(path, "cut.arc"), ReadOptions())
    assert (page.error, page.url) == (None, "http://e.org/laos")
    assert str(cut.error).startswith("truncated record")


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_warc_record_with_a_wrong_length_does_not_end_the_archive(
    tmp_path: Path, gzipped: bool, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    pages = [HTML_PAGE.replace("Laos", country).encode() for country in ("Laos", "Peru", "Chad")]
    records = [warc_record(f"https://e.org/{n}", page) for n, page in enumerate(pages)]
    # the second record says it is 3 bytes shorter than it is, as some archivers wrote it
    length = records[1].split(b"Content-Length: ")[1].split(b"\r\n")[0]
    records[1] = records[1].replace(
        b"Content-Length: " + length, b"Content-Length: %d" % (int(length) - 3), 1
    )
    blocks = [gzip.compress(r) for r in records] if gzipped else records
    path = write(tmp_path / "odd.warc", b"".join(blocks))
    found = list(read_file(Input(path, "odd.warc"), ReadOptions()))
    assert [(r.url, r.error) for r in found] == [(f"https://e.org/{n}", None) for n in range(3)]
    assert [r.locator for r in found] == [f"offset {sum(map(len, blocks[:n]))}" for n in range(3)]
    assert found[2].data == pages[2]
    assert capsys.readouterr().err == ""  # said in the log, not across a progress bar
    assert "not the length it says" in caplog.text


@pytest.mark.parametrize(
    ("identified", "expected"),
    [("text/html", (None, True)), ("", (None, True)), ("image/jpeg", ("image/jpeg", False))],
)
def test_a_response_without_a_content_type_is_judged_by_what_the_archiver_found(
    identified: str, expected: tuple[str | None, bool]
) -> None:
    """A server that sends no Content-Type: the record's own type (application/http) says nothing of
    the page; the archiver's reading of the payload does, and failing that, the payload itself."""
    http = b"HTTP/1.1 200 OK\r\nServer: old\r\n\r\n" + HTML_PAGE.encode()
    found = f"WARC-Identified-Payload-Type: {identified}\r\n" if identified else ""
    record = (
        (
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.org/a\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n{found}"
            f"Content-Length: {len(http)}\r\n\r\n"
        ).encode()
        + http
        + b"\r\n\r\n"
    )
    first = next(iter(read_bytes(record, SourceFormat.WARC, "x.warc", "x.warc", ReadOptions())))
    assert (first.not_document, first.is_html) == expected


@pytest.mark.parametrize("content_type", ["text", "html", "applicat", "text/"])
def test_a_response_whose_type_is_no_media_type_is_judged_by_its_content(content_type: str) -> None:
    record = warc_record("https://e.org/a", HTML_PAGE.encode(), content_type)
    (page,) = read_bytes(record, SourceFormat.WARC, "x.warc", "x.warc", ReadOptions())
    assert (page.not_document, page.is_html, page.data) == (None, True, HTML_PAGE.encode())


@pytest.mark.parametrize("codec", ["zstd", "lz4"])
def test_a_bad_record_in_a_zstd_or_lz4_warc_ends_it_with_the_reason(tmp_path: Path, codec: str) -> None:
    """warcio, which reads on after a bad record in a plain or gzipped WARC, cannot read zstd or lz4
    frames: handed them, it would take compressed bytes for records (a garbage media type counted)."""
    records = [warc_record(f"https://e.org/{i}", HTML_PAGE.encode()) for i in range(3)]
    length = int(records[1].split(b"Content-Length: ")[1].split(b"\r")[0])
    records[1] = records[1].replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 300))
    path = write(tmp_path / "bad.warc", b"".join(packed(codec, r) for r in records))
    *pages, last = read_file(Input(path, "bad.warc"), ReadOptions())
    assert [p.url for p in pages] == ["https://e.org/0", "https://e.org/1"]
    assert (last.source_key, last.error) == (
        "bad.warc#error",
        "warc reader failed: OSError('Invalid WARC header')",
    )


class PanicException(BaseException):
    """What a Rust reader (fastwarc's pyo3 bindings) raises when it panics: not an Exception."""


def test_a_reader_that_panics_is_recorded_and_an_interrupt_still_stops_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from partynet.ingest import readers

    def panicking(_: bytes, source: str, key: str) -> Iterator[RawDocument]:
        yield RawDocument(source, f"{key}#entry 1", "entry 1", SourceFormat.FEED, is_html=False, text="a")
        raise PanicException("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(readers, "feed_records", panicking)
    first, failed = read_bytes(RSS.encode(), SourceFormat.FEED, "f.xml", "f.xml", ReadOptions())
    assert first.text == "a"
    assert (failed.source_key, failed.error) == (
        "f.xml#error",
        "feed reader failed: PanicException('called `Option::unwrap()` on a `None` value')",
    )

    def interrupted(*_: str | bytes) -> Iterator[RawDocument]:
        raise KeyboardInterrupt
        yield  # a generator, as the readers are

    monkeypatch.setattr(readers, "feed_records", interrupted)
    with pytest.raises(KeyboardInterrupt):
        list(read_bytes(RSS.encode(), SourceFormat.FEED, "f.xml", "f.xml", ReadOptions()))
