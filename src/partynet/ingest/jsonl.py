"""JSON Lines to RawDocument, read as a stream: a corpus dump of any size is never held whole.

A record ends at a newline and nowhere else: a U+2028 or a NEL inside a string is text. Each line
is decoded on its own (UTF-8, else the encoding found for the lines before it, else detected), so
one bad line is one unreadable record with its reason and the rest of the file is read.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, Protocol

from partynet.domain import RawDocument, SourceFormat
from partynet.ingest.decode import Decoded, decode
from partynet.ingest.html import web_address

_TAG = re.compile(r"</?(?:p|div|span|br|a|li|ul|table|tr|td|h[1-6]|img|strong|em|b|i)\b[^>]*>", re.IGNORECASE)
_SKIP_CHUNK = 1 << 20
# Each field and the names other tools write it under, tried in this order: the project's own names
# first, then those of news-please and Common Crawl's news sets (maintext, date_publish, language),
# trafilatura's JSON (raw_text), newspaper (publish_date), schema.org (headline, datePublished), JSON
# Feed (content_html, content_text, date_published), news APIs (publishedAt, content) and scrapers'
# exports (content, body, published_at, pubDate).
_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "url": ("url",),
    "title": ("title", "headline"),
    "date": (
        "date",
        "date_publish",
        "publish_date",
        "published",
        "datePublished",
        "date_published",
        "publishedAt",
        "published_at",
        "pubDate",
    ),
    "lang": ("lang", "language"),
    "text": ("text", "maintext", "raw_text", "articleBody", "content_text", "content", "body"),
    "html": ("html", "raw_html", "content_html"),
}
# Names that hold a page's address in some tools and something else in others (`source` is the URL in
# trafilatura's JSON, a site's name or an object in news APIs'): taken only when they hold a web address.
_OTHER_ADDRESS_NAMES = ("link", "source")
_OTHER_TEXT_NAMES = ", ".join(repr(k) for k in (*_FIELDS["text"][1:], *_FIELDS["html"][1:]))
_NO_TEXT = f"has neither 'text' nor 'html' (nor {_OTHER_TEXT_NAMES})"


class LineSource(Protocol):
    """A binary stream read line by line (a file, a gzip stream, bytes in memory)."""

    def readline(self, size: int = -1, /) -> bytes: ...


def opens_json_lines(first_line: bytes, more: bool) -> bool:
    """Whether an input is JSON Lines: its first line is a JSON object, and either more lines follow
    (`more`) or that object is an article. A lone object without text is a JSON file (jsonfile.py): a
    news API's response, whose articles are in its arrays, or data beside the articles."""
    text = _decoded(first_line.removeprefix(codecs.BOM_UTF8), None).text
    try:
        row = json.loads(text) if text is not None else None
    except ValueError:
        return False
    return isinstance(row, dict) and (more or has_text(row))


def jsonl_records(
    stream: LineSource, source: str, key: str, limit: int, max_read: int | None = None
) -> Iterator[RawDocument]:
    """One record per non-blank line; a line over `limit` bytes is recorded as unreadable. `max_read`:
    stop, with a record that says so, once more than this was read (a gzip input's ratio limit)."""
    hint: str | None = None
    read = 0
    for number, line in enumerate(_lines(stream, limit), start=1):
        locator = f"line {number}"
        if line is None:
            yield _unreadable(source, f"{key}#{locator}", locator, "line over the size limit")
            continue
        read += len(line) + 1
        if max_read is not None and read > max_read:
            yield _unreadable(source, f"{key}#{locator}", locator, f"input expands beyond {max_read} bytes")
            return
        if not line.strip():
            continue
        decoded = _decoded(line.removeprefix(codecs.BOM_UTF8) if number == 1 else line, hint)
        if decoded.encoding and decoded.encoding != "utf-8":
            hint = decoded.encoding  # a file is written in one encoding: the next lines are tried in it
        if decoded.text is None:
            yield _unreadable(source, f"{key}#{locator}", locator, decoded.error or "undecodable")
            continue
        yield _record(decoded.text, locator, source, key)


def _lines(stream: LineSource, limit: int) -> Iterator[bytes | None]:
    """The lines of a stream without their ends; None for a line over `limit` bytes, whose rest is
    skipped without being held."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line.rstrip(b"\r\n")


def _decoded(line: bytes, hint: str | None) -> Decoded:
    try:
        return Decoded(line.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return decode(line, hint)


def _record(line: str, locator: str, source: str, key: str) -> RawDocument:
    try:
        row = json.loads(line)
    except ValueError as exc:
        return _unreadable(source, f"{key}#{locator}", locator, f"invalid JSON: {exc}")
    return row_record(row, locator, source, key, SourceFormat.JSONL)


def has_text(row: Any) -> bool:
    """Whether a JSON value is an object with a text or an HTML field, under any of their names."""
    return isinstance(row, dict) and (_field(row, "html") is not None or _field(row, "text") is not None)


def row_record(row: Any, locator: str, source: str, key: str, fmt: SourceFormat) -> RawDocument:
    """One JSON object (a JSON Lines row, an item of a JSON file) as a document; its key is its `id`
    when it has one, else where it is (the input's key alone for an object that is the whole input)."""
    what = "JSON line" if fmt is SourceFormat.JSONL else "JSON item"
    here = f"{key}#{locator}" if locator else key
    if not isinstance(row, dict):
        return RawDocument.unreadable(source, here, locator, fmt, f"{what} is not an object")
    external_id = _field(row, "id")
    html = _field(row, "html")
    text = html if html is not None else _field(row, "text")
    is_html = html is not None or (text is not None and looks_like_markup(text))
    identity = f"id:{external_id}" if external_id else here
    if text is None:
        return RawDocument.unreadable(source, identity, locator, fmt, f"{what} {_NO_TEXT}")
    return RawDocument(
        source,
        identity,
        locator,
        fmt,
        is_html=is_html,
        text=text,
        external_id=external_id,
        url=_address(row),
        title=_field(row, "title"),
        published=_date_field(
            next((row[k] for k in _FIELDS["date"] if k in row and row[k] is not None), None)
        ),
        lang_hint=_field(row, "lang"),
    )


def _address(row: dict[str, Any]) -> str | None:
    """The row's `url`, else the first of its other address fields that holds a web address."""
    return _field(row, "url") or next(
        (found for key in _OTHER_ADDRESS_NAMES if (found := web_address(_str_or_none(row.get(key))))), None
    )


def _field(row: dict[str, Any], name: str) -> str | None:
    """The first of a field's names that the row gives a value, as text."""
    for key in _FIELDS[name]:
        if key in row and (value := _str_or_none(row[key])) is not None:
            return value
    return None


def _unreadable(source: str, key: str, locator: str, reason: str) -> RawDocument:
    return RawDocument.unreadable(source, key, locator, SourceFormat.JSONL, reason)


def looks_like_markup(text: str) -> bool:
    """A 'text' field that is really HTML (scrapers often store markup there)."""
    tags = len(_TAG.findall(text[:20_000]))
    return tags >= 5 and tags * 8 > len(text[:20_000].split())


def _date_field(value: Any) -> str | None:
    """A JSON date as the cleaner reads it: a string as written; a number as a year (2024), a basic ISO
    day (20240627) or Unix time, in seconds (9-10 digits) or milliseconds (12-13), as its UTC day."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        return _str_or_none(value)
    digits = len(str(int(value)))
    if digits in (9, 10, 12, 13):
        seconds = value / 1000 if digits > 10 else value
        return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
    return str(int(value))


def _str_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None
