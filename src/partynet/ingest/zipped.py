"""Zip archives, WACZ web archives among them: each member read as a file of a directory is read.

A zip is a directory in one file: a download of a site's press releases, a bundle of saved pages, a
corpus shared by a colleague. A WACZ file, the package of the Webrecorder tools (ArchiveWeb.page,
Browsertrix, pywb), is a zip of WARC files under `archive/`, with indexes and page lists beside them
that repeat what the WARC files hold. Members are read in the archive's order, by content, with the
reader of their kind (`read_member`, given by the caller); each record names its member in its key
and its locator. Nothing is unpacked to disk and nothing is read beyond the limits.

Members that a directory listing would skip (other file types, hidden files, a Mac's `__MACOSX`
folder) are counted as records that are not documents, by media type, never stored. Office documents
and e-books are zips too, of XML parts that are not articles: they are refused with the reason.
"""

from __future__ import annotations

import mimetypes
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO

from partynet.domain import RawDocument, SourceFormat

# A local file header, and the end record that is all an empty archive holds.
_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
MAX_DEPTH = 3  # zips inside zips are read this deep: a zip that holds itself stops here
_WACZ_MANIFEST = "datapackage.json"
_WACZ_DATA = "archive/"
WACZ_METADATA = "wacz metadata"  # how a WACZ file's indexes and page lists are counted
# OOXML (docx, xlsx, pptx) names its parts in [Content_Types].xml; OpenDocument and EPUB open with a
# `mimetype` member.
_PACKAGE_MARKERS = ("[Content_Types].xml", "mimetype")
PACKAGE_REFUSED = (
    "an office document or e-book (a zip of XML parts, not of documents) is not read: "
    "save it as text or HTML first"
)
_ENCRYPTED = 0x1  # the general purpose flag of an encrypted member
# What reading a member may raise: a corrupt or cut archive (BadZipFile, also for a CRC mismatch), an
# encrypted member that hides its flag (RuntimeError), a compression Python lacks (NotImplementedError),
# bad deflate data.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    EOFError,
    OSError,
)

# (stream of a member's bytes, its name in the archive, its key) -> the member's records
ReadMember = Callable[[IO[bytes], str, str], Iterator[RawDocument]]


@dataclass(frozen=True, slots=True)
class ZipOptions:
    document_suffixes: frozenset[str]  # the endings of members that are read, as in a directory
    max_ratio: int  # a member that expands more than this many times is a zip bomb


def is_zip(head: bytes) -> bool:
    return head.startswith(_SIGNATURES)


def zip_content_size(path: Path) -> int:
    """The size of an archive's members once unpacked, as its directory declares them (0 if unread)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except _ZIP_ERRORS:
        return 0


def zip_records(
    file: IO[bytes], source: str, key: str, options: ZipOptions, read_member: ReadMember, *, depth: int = 0
) -> Iterator[RawDocument]:
    """The records of every member of the zip archive in `file` (seekable), in the archive's order."""
    if depth >= MAX_DEPTH:
        yield _unreadable(source, key, "", f"cannot read: zip archives nested more than {MAX_DEPTH} deep")
        return
    try:
        archive = zipfile.ZipFile(file)
    except _ZIP_ERRORS as exc:
        yield _unreadable(source, key, "", f"cannot read: corrupt zip archive: {exc}")
        return
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        names = {info.filename for info in members}
        if any(marker in names for marker in _PACKAGE_MARKERS):
            yield _unreadable(source, key, "", f"cannot read: {PACKAGE_REFUSED}")
            return
        wacz = _WACZ_MANIFEST in names and any(name.startswith(_WACZ_DATA) for name in names)
        for info in members:
            if not _hidden(info.filename):
                yield from _member(archive, info, source, key, options, read_member, wacz=wacz)


def _member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    source: str,
    key: str,
    options: ZipOptions,
    read_member: ReadMember,
    *,
    wacz: bool,
) -> Iterator[RawDocument]:
    name = info.filename
    member_key = f"{key}/{name}"
    skipped = _not_a_document(name, options, wacz=wacz)
    if skipped:
        yield RawDocument.skipped(source, member_key, name, SourceFormat.ZIP, skipped)
        return
    if info.flag_bits & _ENCRYPTED:
        yield _unreadable(source, member_key, name, "cannot read: encrypted member (a password is needed)")
        return
    if info.file_size > max(1 << 20, info.compress_size * options.max_ratio):
        ratio = f"{info.file_size} bytes from {info.compress_size} (ratio limit {options.max_ratio})"
        yield _unreadable(source, member_key, name, f"cannot read: member expands to {ratio}")
        return
    try:
        with archive.open(info) as stream:
            for raw in read_member(stream, name, member_key):
                yield replace(raw, locator=f"{name}, {raw.locator}" if raw.locator else name)
    except _ZIP_ERRORS as exc:
        yield _unreadable(source, f"{member_key}#error", name, f"cannot read member: {exc}")


def _hidden(name: str) -> bool:
    """Hidden files and a Mac's resource forks (`__MACOSX/`): skipped unseen, as in a directory."""
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(name).parts)


def _not_a_document(name: str, options: ZipOptions, *, wacz: bool) -> str | None:
    """What a member that is not read is counted as (its media type), or None for one that is read."""
    if wacz:
        return None if name.startswith(_WACZ_DATA) else WACZ_METADATA
    if PurePosixPath(name).suffix.lower() in options.document_suffixes:
        return None
    return mimetypes.guess_type(name, strict=False)[0] or "unknown"


def _unreadable(source: str, key: str, locator: str, reason: str) -> RawDocument:
    return RawDocument.unreadable(source, key, locator, SourceFormat.ZIP, reason)
