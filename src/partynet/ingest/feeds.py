"""RSS and Atom feeds: one document per entry, with its link, title, id and date (feedparser)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from partynet.domain import RawDocument, SourceFormat
from partynet.ingest.html import web_address


def feed_records(data: bytes, source: str, key: str, within: str = "") -> Iterator[RawDocument]:
    """A feed's entries; `within`: where the feed is in its input (a WARC record's offset), or ""."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries and parsed.get("bozo"):
        reason = f"malformed feed: {parsed.get('bozo_exception')!r}"
        identity = f"{key}#{within}" if within else key
        yield RawDocument.unreadable(source, identity, within, SourceFormat.FEED, reason)
        return
    for number, entry in enumerate(entries, start=1):
        yield _entry(entry, f"{within}, entry {number}" if within else f"entry {number}", source, key)


def _entry(entry: Any, locator: str, source: str, key: str) -> RawDocument:
    content = entry.get("content") or []
    body = content[0].get("value") if content else entry.get("summary")
    link = entry.get("link")
    identity = f"url:{link}" if link else f"{key}#{locator}"
    # feedparser gives an entry without a link its id as one ("urn:uuid:...", a bare RSS guid)
    url = web_address(link)
    # a list of headlines (a news list, an aggregator): the headline is all the entry says, and it
    # often names who met whom; feedparser has unescaped it already, so it is plain text
    headline = " ".join(str(entry.get("title") or "").split())
    if not body and not headline:
        reason = "feed entry has neither content nor title"
        return RawDocument.unreadable(source, identity, locator, SourceFormat.FEED, reason, url)
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    return RawDocument(
        source,
        identity,
        locator,
        SourceFormat.FEED,
        is_html=bool(body),
        text=str(body or headline),
        url=url,
        title=entry.get("title"),
        external_id=entry.get("id"),
        published=f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
        if published
        else None,
    )
