"""The values that flow between the stages. Plain dataclasses, no I/O."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class SourceFormat(StrEnum):
    # New formats go last: the readers' fuzz corpus picks its routes by position (fuzz/readers.py).
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    FEED = "feed"
    WARC = "warc"
    ARC = "arc"  # the web archive format before WARC
    ZIP = "zip"  # an archive's own records: a corrupt zip, a member it could not read, an image
    MHTML = "mhtml"  # a page saved whole by a browser
    JSON = "json"  # a JSON file of articles: one, an array of them, or an object holding arrays


class Status(StrEnum):
    """What became of a document. Every input ends with exactly one of these."""

    KEPT = "kept"
    DUPLICATE = "duplicate"  # exact or near duplicate of another document: see duplicate_of
    SPAM = "spam"  # cleaning removed everything: the page was nothing but spam or boilerplate
    EMPTY = "empty"  # the input held no text at all, or only the notice of a redirect
    UNREADABLE = "unreadable"  # binary, undecodable, malformed or too large: see status_reason


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to day, month or year: '2024-06-27', '2024-06' or '2024'."""

    value: str
    precision: DatePrecision


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as a reader found it, before decoding and cleaning.

    `data` holds undecoded bytes (files, WARC payloads); `text` holds text that a container
    format already decoded (JSONL, feeds). Exactly one of them is set, unless the reader
    could not read the record at all, in which case `error` says why, or the record is not a document
    at all (an image or a script in a web archive), in which case `not_document` holds its media type:
    such a record is counted, never stored.
    """

    source: str  # the path as given on the command line
    source_key: str  # stable identity: relative path + locator, or external id, or URL
    locator: str  # where inside the source: "" for a whole file, "line 12", "offset 4096", "entry 3"
    source_format: SourceFormat
    is_html: bool
    data: bytes | None = None
    text: str | None = None
    charset_hint: str | None = None  # from HTTP headers or an XML declaration
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as the source gave it, parsed by the cleaner
    lang_hint: str | None = None
    error: str | None = None
    not_document: str | None = None

    @classmethod
    def unreadable(
        cls, source: str, key: str, locator: str, fmt: SourceFormat, reason: str, url: str | None = None
    ) -> RawDocument:
        """A record that could not be read: stored as `unreadable` with the reason, never dropped."""
        return cls(source, key, locator, fmt, is_html=False, error=reason, url=url)

    @classmethod
    def skipped(
        cls, source: str, key: str, locator: str, fmt: SourceFormat, media_type: str, url: str | None = None
    ) -> RawDocument:
        """A record that is not a document (an image, a script): counted by media type, not stored."""
        return cls(source, key, locator, fmt, is_html=False, url=url, not_document=media_type or "unknown")


@dataclass(frozen=True, slots=True)
class Removal:
    """One block the cleaner removed and why (kept for counting and for tests, not stored)."""

    reason: str
    text: str


@dataclass(slots=True)
class Document:
    """A cleaned document, ready for de-duplication and extraction."""

    id: str
    source: str
    source_key: str
    locator: str
    source_format: SourceFormat
    text: str
    status: Status = Status.KEPT
    status_reason: str | None = None
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: PartialDate | None = None
    lang: str | None = None
    encoding: str | None = None
    content_hash: str | None = None
    minhash: bytes | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    removals: Counter[str] = field(default_factory=Counter)
    removed_chars: int = 0

    def as_record(self) -> dict[str, Any]:
        """The document as flat values, as the store's table and the Parquet tables hold it."""
        return {
            "id": self.id,
            "external_id": self.external_id,
            "source": self.source,
            "source_key": self.source_key,
            "locator": self.locator,
            "source_format": self.source_format.value,
            "url": self.url,
            "title": self.title,
            "published": self.published.value if self.published else None,
            "published_precision": self.published.precision.value if self.published else None,
            "lang": self.lang,
            "encoding": self.encoding,
            "status": self.status.value,
            "status_reason": self.status_reason,
            "duplicate_of": self.duplicate_of,
            "similarity": self.similarity,
            "content_hash": self.content_hash,
            "minhash": self.minhash,
            "removals": dict(sorted(self.removals.items())),
            "removed_chars": self.removed_chars,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Repoint:
    """An already stored document whose duplicate status changes because a better original arrived."""

    document_id: str
    duplicate_of: str | None
    similarity: float | None


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did, by outcome and by removal reason."""

    read: int = 0
    skipped_files: int = 0  # files in a directory that are not documents (README.md, data.json, ...)
    # records of an archive that are not documents (images, scripts, style sheets), by media type
    skipped_records: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0  # already in the store from an earlier run: nothing written
    by_status: Counter[str] = field(default_factory=Counter)
    by_lang: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)
    repointed: int = 0
    duplicates: list[dict[str, str | float | None]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "skipped_files": self.skipped_files,
            "skipped_records": dict(sorted(self.skipped_records.items())),
            "unchanged": self.unchanged,
            "kept": self.by_status.get(Status.KEPT, 0),
            "duplicate": self.by_status.get(Status.DUPLICATE, 0),
            "spam": self.by_status.get(Status.SPAM, 0),
            "empty": self.by_status.get(Status.EMPTY, 0),
            "unreadable": self.by_status.get(Status.UNREADABLE, 0),
            "repointed": self.repointed,
            "languages": dict(sorted(self.by_lang.items())),
            "removals": dict(sorted(self.removals.items())),
            "duplicates": self.duplicates,
        }
