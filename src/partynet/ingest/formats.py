"""What format an input's bytes are in, recognised by content: the file name only breaks ties."""

from __future__ import annotations

import codecs
import re

from partynet.domain import SourceFormat
from partynet.ingest.decode import decode
from partynet.ingest.jsonfile import is_json_document
from partynet.ingest.jsonl import opens_json_lines

HEAD = 4096  # the first bytes of an input, by which its format is recognised
WARC_MAGIC = b"WARC/"
# An ARC archive, the Internet Archive's format before WARC, opens with its `filedesc://` version block.
ARC_MAGIC = b"filedesc://"
_HTML_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<body",
    b"<head",
    b"<div",
    b"<p>",
    b"<p ",
    b"<article",
    b"<meta",
)
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
# A page saved by a browser as one file (MHTML) opens with the headers of a MIME message of related parts.
_MIME_HEADERS_END = re.compile(rb"\r?\n\r?\n")
_HEADER_LINE = re.compile(rb"[a-z][a-z0-9-]*:")
_MHTML_MARKERS = (b"mime-version:", b"multipart/related")


def sniff(data: bytes, name: str = "") -> SourceFormat:
    """Recognise a format from the first bytes; the file name only breaks ties for plain text."""
    if is_wide(data[:HEAD]):  # UTF-16 or UTF-32: recognised by its text
        data = narrow(data[:HEAD])
    head = data[:HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = head.lower()
    if head.startswith(WARC_MAGIC):
        return SourceFormat.WARC
    if is_mhtml(head):  # before HTML: its first part is the page's markup
        return SourceFormat.MHTML
    if head.startswith(b"{") and _opens_json_lines(data):
        return SourceFormat.JSONL
    if is_json_document(head, name):
        return SourceFormat.JSON
    if any(m in lower for m in _FEED_MARKERS) and (
        lower.startswith(b"<?xml") or any(m in lower[:1024] for m in _FEED_MARKERS)
    ):
        return SourceFormat.FEED
    named_html = name.lower().endswith((".html", ".htm")) and b"<" in head
    return SourceFormat.HTML if named_html or any(m in lower for m in _HTML_MARKERS) else SourceFormat.TEXT


def _opens_json_lines(data: bytes) -> bool:
    end = data.find(b"\n")
    first = data if end < 0 else data[:end]
    return opens_json_lines(first, end >= 0 and bool(data[end + 1 : end + 1 + HEAD].strip()))


def is_mhtml(head: bytes) -> bool:
    """Headers first, and among them those of a MIME message of related parts."""
    if _HEADER_LINE.match(head[:64].lower()) is None:  # a page, a feed, JSON, text: at once
        return False
    headers = _MIME_HEADERS_END.split(head[:HEAD], maxsplit=1)[0].lower()
    return all(m in headers for m in _MHTML_MARKERS)


def is_wide(head: bytes) -> bool:
    """UTF-16 or UTF-32, whose newlines are not single bytes."""
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in head[:64]


def narrow(data: bytes) -> bytes:
    """JSON Lines bytes whose newlines are single bytes: UTF-16 or UTF-32 input re-encoded as UTF-8."""
    if not is_wide(data[:HEAD]):
        return data
    text = decode(data).text
    return text.encode("utf-8", "surrogatepass") if text is not None else data
