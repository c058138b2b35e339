from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest

from partynet.domain import SourceFormat
from partynet.ingest.formats import sniff
from partynet.ingest.jsonfile import JSON_MEDIA_TYPE, json_records
from partynet.ingest.readers import Input, ReadOptions, discover, read_file, read_inputs
from tests.conftest import write
from tests.fixtures import ARTICLE, HTML_PAGE, OTHER_ARTICLE, THIRD_ARTICLE
from tests.ingest.test_zipped import records


def article(number: int, **fields: Any) -> dict[str, Any]:
    """An article as news-please writes it (one file each, or rows of an export); numbers 1 to 3 have
    texts of their own, others differ from them in one sentence."""
    paragraphs = (ARTICLE, OTHER_ARTICLE, THIRD_ARTICLE)[number % 3]
    return {
        "authors": ["Staff"],
        "date_publish": f"2024-06-{number % 28 + 1:02d} 08:00:00",
        "language": "en",
        "maintext": "\n\n".join(paragraphs) + f" Report {number}.",
        "text": None,
        "title": f"Talks {number}",
        "url": f"https://news.example.org/{number}",
        **fields,
    }


def test_one_article_per_file_is_read_with_its_fields(tmp_path: Path) -> None:
    data = json.dumps(article(1, id="np-1"), indent=4).encode()
    (doc,) = records(tmp_path, "news.example.org/talks.json", data)
    assert (doc.source_format, doc.locator, doc.source_key) == (SourceFormat.JSON, "", "id:np-1")
    assert doc.text == "\n\n".join(OTHER_ARTICLE) + " Report 1."
    assert (doc.title, doc.url, doc.lang_hint) == ("Talks 1", "https://news.example.org/1", "en")
    assert (doc.published, doc.external_id) == ("2024-06-02 08:00:00", "np-1")


def test_an_export_array_gives_one_document_per_item(tmp_path: Path) -> None:
    rows: list[Any] = [article(n) for n in range(3)] + [{"title": "no text"}, "a string"]
    docs = records(tmp_path, "export.json", json.dumps(rows, indent=2).encode())
    assert [d.locator for d in docs] == [f"item {n}" for n in range(1, 6)]
    assert [d.source_key for d in docs[:2]] == ["export.json#item 1", "export.json#item 2"]
    assert [d.title for d in docs[:3]] == ["Talks 0", "Talks 1", "Talks 2"]
    assert (docs[3].error or "").startswith("JSON item has neither 'text' nor 'html'")
    assert docs[4].error == "JSON item is not an object"


def test_html_items_are_read_as_pages(tmp_path: Path) -> None:
    rows = [{"id": "p", "html": HTML_PAGE}, {"id": "q", "raw_text": "<p>a</p>" * 10}]
    page, markup = records(tmp_path, "pages.json", json.dumps(rows).encode())
    assert (page.is_html, page.text) == (True, HTML_PAGE)
    assert markup.is_html  # a text field that is really markup, as in JSON Lines


def test_a_news_api_response_gives_the_articles_it_holds(tmp_path: Path) -> None:
    response = {
        "status": "ok",
        "totalResults": 3,
        "articles": [article(1), article(2)],
        "related": [article(3, id="r3")],
        "sources": [{"id": "xinhua", "name": "Xinhua"}],
    }
    docs = records(tmp_path, "everything.json", json.dumps(response).encode())
    assert [d.locator for d in docs] == ["articles, item 1", "articles, item 2", "related, item 1"]
    assert docs[2].source_key == "id:r3"
    assert all(d.error is None for d in docs)


@pytest.mark.parametrize(
    "data",
    [
        {"name": "partynet", "version": "1.0", "dependencies": {"ijson": ">=3.3"}},
        {"documents": {"000.txt": {"status": "kept"}}},
        {"pages": [{"url": "https://e.org/a", "title": "a"}]},
        ["tag", "other tag"],
        [{"url": "https://e.org/a"}, article(1)],  # the first item decides
        [],
    ],
    ids=["manifest", "annotations", "page list", "strings", "links first", "empty"],
)
def test_a_json_file_of_data_is_counted_not_read(tmp_path: Path, data: Any) -> None:
    (record,) = records(tmp_path, "data.json", json.dumps(data, indent=1).encode())
    assert (record.not_document, record.error, record.source_key) == (JSON_MEDIA_TYPE, None, "data.json")


def test_invalid_json_keeps_the_items_before_it_and_says_where_it_stopped(tmp_path: Path) -> None:
    data = json.dumps([article(n) for n in range(3)], indent=2).encode()[:-60]
    *kept, broken = records(tmp_path, "cut.json", data)
    assert [d.title for d in kept] == ["Talks 0", "Talks 1"]
    assert (broken.locator, broken.source_key) == ("item 3", "cut.json#item 3")
    assert broken.error == "invalid JSON after item 2: parse error: premature EOF"
    (whole,) = records(tmp_path, "bad.json", b'{"title": "a", "text": "b",}')
    assert (whole.error or "").startswith("invalid JSON: ")


def test_an_export_is_streamed_not_read_whole() -> None:
    # random digits: the export is far larger than the first chunk the reader takes
    rows = [article(n, maintext=f"Talks, ref {random.Random(n).getrandbits(512):x}.") for n in range(10_000)]
    data = json.dumps(rows).encode()
    stream = _Tracked(data)
    first = next(json_records(stream, "x", "x", limit=10_000))
    assert first.title == "Talks 0"
    assert stream.position < len(data) // 10


def test_an_item_over_the_document_limit_is_unreadable(tmp_path: Path) -> None:
    rows = [{"text": "x" * 500}, {"text": "short enough"}]
    options = ReadOptions(max_document_bytes=200)
    long, short = records(tmp_path, "rows.json", json.dumps(rows).encode(), options)
    assert (long.error, long.locator) == ("item over the size limit", "item 1")
    assert short.text == "short enough"


def test_a_compressed_export_stops_at_the_ratio_limit(tmp_path: Path) -> None:
    varied = f"{random.Random(1).getrandbits(20_000):x}"  # hardly compressible
    rows = [{"text": varied}] + [{"text": "a" * 100_000} for _ in range(20)]
    path = write(tmp_path / "bomb.json.gz", gzip.compress(json.dumps(rows).encode()))
    options = ReadOptions(max_document_bytes=200_000, max_decompressed_ratio=50)
    docs = list(read_file(Input(path, "bomb.json.gz"), options))
    assert docs[0].text == varied
    assert (docs[-1].error or "").startswith("input expands beyond ")
    assert 1 < len(docs) < 20


@pytest.mark.parametrize("encoding", ["utf-16", "gbk", "utf-8-sig"])
def test_json_in_other_encodings_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = "中共中央对外联络部部长在北京会见越南共产党代表团，双方就两党交流合作交换意见。"
    rows = [{"title": "会见", "text": text}]
    (doc,) = records(tmp_path, "zh.json", json.dumps(rows, ensure_ascii=False, indent=1).encode(encoding))
    assert (doc.title, doc.text) == ("会见", text)


def test_json_is_told_from_json_lines_and_from_text() -> None:
    assert sniff(json.dumps(article(1), indent=2).encode()) is SourceFormat.JSON
    assert sniff(b'[\n  {"title": "a"}\n]') is SourceFormat.JSON
    assert sniff(json.dumps(article(1)).encode() + b"\n") is SourceFormat.JSONL  # one object on its line
    assert sniff(b"[Xinhua] Beijing, June 26: the talks opened.") is SourceFormat.TEXT
    assert sniff(b"{Draft} The delegation arrived.") is SourceFormat.TEXT
    assert sniff(b'["a", "b"]', "tags.json") is SourceFormat.JSON  # any JSON in a file named .json
    assert sniff(b'["a", "b"]', "tags.txt") is SourceFormat.TEXT


def test_json_files_in_a_directory_are_read_and_data_beside_them_counted(tmp_path: Path) -> None:
    write(tmp_path / "2024" / "a.json", json.dumps(article(1), indent=2))
    write(tmp_path / "2024" / "b.json", json.dumps(article(2), indent=2))
    write(tmp_path / "crawl-state.json", json.dumps({"queue": [], "done": 2}))
    found = discover([tmp_path])
    assert [i.key for i in found.inputs] == ["2024/a.json", "2024/b.json", "crawl-state.json"]
    docs = list(read_inputs(found.inputs, ReadOptions()))
    assert [d.title for d in docs[:2]] == ["Talks 1", "Talks 2"]
    assert docs[2].not_document == JSON_MEDIA_TYPE


def test_json_can_be_forced(tmp_path: Path) -> None:
    data = b"  \n" + json.dumps({"rows": [article(1)]}).encode()
    path = write(tmp_path / "rows.txt", b"garbage first " + data)
    (forced,) = read_file(Input(path, "rows.txt"), ReadOptions(force_format=SourceFormat.JSON))
    assert (forced.error or "").startswith("invalid JSON")
    path = write(tmp_path / "rows.txt", data)
    (doc,) = read_file(Input(path, "rows.txt"), ReadOptions(force_format=SourceFormat.JSON))
    assert (doc.locator, doc.title) == ("rows, item 1", "Talks 1")


class _Tracked(io.RawIOBase):
    """Bytes in memory that remember how far they were read."""

    def __init__(self, data: bytes) -> None:
        self.data, self.position = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.position + size
        chunk, self.position = self.data[self.position : end], min(end, len(self.data))
        return chunk


def test_json_feeds_and_news_api_responses_are_read_under_their_field_names(tmp_path: Path) -> None:
    text = "\n\n".join(THIRD_ARTICLE)
    feed = {  # JSON Feed 1.1 (jsonfeed.org)
        "version": "https://jsonfeed.org/version/1.1",
        "title": "International Department news",
        "items": [
            {
                "id": "https://news.example.org/1",
                "url": "https://news.example.org/1",
                "title": "Talks in Hanoi",
                "content_html": f"<p>{text}</p>",
                "date_published": "2024-06-27T08:00:00+08:00",
            }
        ],
    }
    (item,) = records(tmp_path, "feed.json", json.dumps(feed).encode())
    assert (item.locator, item.is_html, item.text) == ("items, item 1", True, f"<p>{text}</p>")
    assert (item.title, item.published) == ("Talks in Hanoi", "2024-06-27T08:00:00+08:00")
    api = {  # a news API's response: the source is an object, the text under `content`
        "status": "ok",
        "articles": [
            {
                "source": {"id": None, "name": "Example News"},
                "title": "Talks in Hanoi",
                "url": "https://news.example.org/2",
                "publishedAt": "2024-06-27T00:00:00Z",
                "content": text,
            }
        ],
    }
    (article_,) = records(tmp_path, "api.json", json.dumps(api).encode())
    assert (article_.url, article_.published, article_.text) == (
        "https://news.example.org/2",
        "2024-06-27T00:00:00Z",
        text,
    )


@pytest.mark.parametrize(
    ("source", "url"),
    [("https://news.example.org/3", "https://news.example.org/3"), ("Example News", None)],
)
def test_an_address_under_another_name_is_taken_only_when_it_is_one(
    tmp_path: Path, source: str, url: str | None
) -> None:
    """trafilatura's JSON gives a page's address as `source`; other tools put a site's name there."""
    row = {"title": "Talks", "raw_text": "\n\n".join(THIRD_ARTICLE), "source": source, "language": "en"}
    (doc,) = records(tmp_path, "page.json", json.dumps(row, indent=1).encode())
    assert doc.url == url


@pytest.mark.parametrize("name", ["tags.json.gz", "tags.json"])
def test_a_compressed_json_file_is_known_by_the_name_under_its_compression(tmp_path: Path, name: str) -> None:
    data = json.dumps(["party building", "cadre training"]).encode()
    (record,) = records(tmp_path, name, gzip.compress(data) if name.endswith(".gz") else data)
    assert record.not_document == JSON_MEDIA_TYPE
