"""JSON files to RawDocument: what crawlers and news APIs write besides JSON Lines.

Three shapes hold articles, each article an object with the fields of a JSON Lines row (jsonl.py):
- one article per file, as news-please writes its output, pretty-printed;
- an array of articles, as Scrapy's and Apify's exports are: streamed item by item (ijson), so an
  export of any size is never held whole;
- an object whose members hold arrays of articles, as the responses of news APIs do
  (`{"status": "ok", "articles": [...]}`): read whole, within the limit of whole inputs.

The first object decides: a file whose first object has no text is data, not articles (a package's
manifest, a list of tags, a page list), and is counted as `application/json` without being read on.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any, Protocol

import ijson

from partynet.domain import RawDocument, SourceFormat
from partynet.ingest.decode import decode
from partynet.ingest.jsonl import has_text, row_record

JSON_MEDIA_TYPE = "application/json"
_OPENING = re.compile(rb"(?:\xef\xbb\xbf)?\s*[\[{]")  # fails at once on a page or a text
# How a JSON file of articles opens: an object with a member, or an array of objects (or an empty one).
_ARTICLES_START = re.compile(rb'(?:\xef\xbb\xbf)?\s*(?:\{\s*"|\[\s*(?:\{|\]|$))')
_CHUNK = 1 << 16
_NOTHING = object()  # what an array without items gives first


class ByteSource(Protocol):
    """A binary stream (a file, a decompressing stream, bytes in memory)."""

    def read(self, size: int = -1, /) -> bytes: ...


def is_json_document(head: bytes, name: str = "") -> bool:
    """Whether the first bytes (past a BOM) open a JSON file that may hold articles; any object or
    array does in a file named `.json`. JSON Lines, whose first line is a whole object, are told
    apart before this."""
    if _OPENING.match(head) is None:
        return False
    return name.lower().endswith(".json") or _ARTICLES_START.match(head) is not None


@dataclass(frozen=True, slots=True)
class _File:
    """The input being read, and how: `limit` on an item's text, `forced` when the user named the format
    (every item of an array is then a record, the first one included)."""

    source: str
    key: str
    limit: int
    forced: bool

    def record(self, row: Any, locator: str) -> RawDocument:
        """An item as a document; one whose text is over the limit is unreadable, as an oversized line is."""
        found = row_record(row, locator, self.source, self.key, SourceFormat.JSON)
        if found.text is None or len(found.text) <= self.limit:
            return found
        return self.unreadable(found.source_key, locator, "item over the size limit")

    def unreadable(self, key: str, locator: str, reason: str) -> RawDocument:
        return RawDocument.unreadable(self.source, key, locator, SourceFormat.JSON, reason)

    def data(self) -> RawDocument:
        """The whole input counted as a JSON file of data, not of articles."""
        return RawDocument.skipped(self.source, self.key, "", SourceFormat.JSON, JSON_MEDIA_TYPE)


def json_records(
    stream: ByteSource,
    source: str,
    key: str,
    limit: int,
    max_read: int | None = None,
    *,
    forced: bool = False,
) -> Iterator[RawDocument]:
    """The articles of a JSON file. An item whose text is over `limit` bytes is unreadable; `max_read`:
    stop, with a record that says so, once more than this was read (a compressed input's ratio limit).
    Invalid JSON ends the file with a record that gives the parser's reason; the items before it are
    kept. `forced`: the user named the format, so the first item does not decide (see the module's note)."""
    file = _File(source, key, limit, forced)
    counted = _Counted(stream, max_read)
    try:
        head = counted.read(_CHUNK).removeprefix(codecs.BOM_UTF8)
        if head.lstrip()[:1] == b"[" and _is_utf8(head):
            yield from _array_items(_Replayed(head, counted), file)
            return
        whole = _whole(head, counted, limit * 10)
    except _TooLargeError as exc:
        whole = str(exc)
    if isinstance(whole, str):
        yield file.unreadable(key, "", whole)
    elif isinstance(whole, list):
        yield from _records(iter(whole), "item", file)
    elif has_text(whole) or (forced and not _article_arrays(whole)):
        yield file.record(whole, "")
    else:
        yield from _member_items(whole, file)


def _array_items(stream: _Replayed, file: _File) -> Iterator[RawDocument]:
    """A top-level array, item by item; what stops the parser is recorded at the item it stopped at."""
    read = 0
    try:
        for record in _records(ijson.items(stream, "item", use_float=True), "item", file):
            read += 1
            yield record
    except (ijson.JSONError, _TooLargeError) as exc:
        where = f"item {read + 1}"
        yield file.unreadable(f"{file.key}#{where}", where, _reason(exc, read))


def _records(items: Iterator[Any], path: str, file: _File) -> Iterator[RawDocument]:
    """The items of one array of articles; if its first item is not an article, or it has none, the
    whole input is counted as data instead, unless the format was forced."""
    first = next(items, _NOTHING)
    if first is _NOTHING or not (file.forced or has_text(first)):
        yield file.data()
        return
    for number, item in enumerate(chain([first], items), start=1):
        yield file.record(item, f"{path} {number}")


def _member_items(whole: Any, file: _File) -> Iterator[RawDocument]:
    """The arrays of articles an object holds, member by member in its order."""
    arrays = _article_arrays(whole)
    if not arrays:
        yield file.data()
    for name, value in arrays:
        yield from _records(iter(value), f"{name}, item", file)


def _article_arrays(whole: Any) -> list[tuple[str, list[Any]]]:
    """The members of an object that are arrays whose first item is an article."""
    members = whole.items() if isinstance(whole, dict) else []
    return [
        (name, value) for name, value in members if isinstance(value, list) and value and has_text(value[0])
    ]


def _whole(head: bytes, stream: _Counted, limit: int) -> Any:
    """The parsed file, read whole within `limit` bytes and decoded as any text is; a string gives
    the reason it could not be."""
    data = head + stream.read(max(0, limit + 1 - len(head)))
    if len(data) > limit:
        return f"cannot read: JSON file over {limit} bytes"
    text = decode(data).text  # UTF-8 first, as every input
    if text is None:
        return "cannot read: undecodable JSON file"
    try:
        return json.loads(text)
    except ValueError as exc:
        return f"invalid JSON: {exc}"


def _is_utf8(data: bytes) -> bool:
    """UTF-8, a character cut at the end of `data` allowed (it is the head of a stream)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _reason(exc: Exception, number: int) -> str:
    if isinstance(exc, _TooLargeError):
        return str(exc)
    first_line = next(iter(str(exc).strip().splitlines()), type(exc).__name__)  # the parser's is several
    return f"invalid JSON after item {number}: {first_line}" if number else f"invalid JSON: {first_line}"


class _TooLargeError(Exception):
    """A compressed input that expands past its ratio limit."""


class _Counted:
    """A stream that stops with an error once more than `max_read` bytes were read from it."""

    def __init__(self, stream: ByteSource, max_read: int | None) -> None:
        self.stream, self.max_read, self.done = stream, max_read, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.done += len(chunk)
        if self.max_read is not None and self.done > self.max_read:
            raise _TooLargeError(f"input expands beyond {self.max_read} bytes")
        return chunk


class _Replayed:
    """The bytes already read from a stream, then the rest of it."""

    def __init__(self, head: bytes, rest: _Counted) -> None:
        self.head, self.rest = head, rest

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.rest.read(size)
        out, self.head = (self.head, b"") if size < 0 else (self.head[:size], self.head[size:])
        return out
