"""Exact and near duplicates across everything ever ingested.

Exact: a hash of the text with whitespace and Unicode-normalisation noise taken out.
Near: MinHash signatures (rensa) of word 3-shingles (Han characters count as words) in an LSH index.

Duplicates form groups (connected components of the "near duplicate" relation). Each group has one
original, the member that ranks first by `rank_key` (earliest publication, cleanest, longest), and
every other member points to it. Because groups and their ranking do not depend on the order
documents arrive in, a run split into batches, killed and resumed, or spread over several runs ends
with the same assignment as one uninterrupted run.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from collections import defaultdict
from dataclasses import dataclass, field

from rensa import RMinHash

from partynet.domain import Document, Repoint, Status

_WHITESPACE = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TOKENS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
SHINGLE = 3
SEED = 1


def normalise(text: str) -> str:
    """The text that the content hash sees: NFKC, no invisible characters, no whitespace at all."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text).translate(_INVISIBLE))


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8", "surrogatepass")).hexdigest()


def shingles(text: str) -> list[str]:
    tokens = _TOKENS.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(tokens) < SHINGLE:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]


def signature(text: str, permutations: int) -> bytes:
    minhash = RMinHash(num_perm=permutations, seed=SEED)
    minhash.update(shingles(text) or [""])
    return array("I", minhash.digest()).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity: the share of equal signature slots."""
    left, right = array("I", a), array("I", b)
    return sum(1 for x, y in zip(left, right, strict=True) if x == y) / len(left)


@dataclass(frozen=True, slots=True)
class Entry:
    """What the index keeps of a document."""

    id: str
    content_hash: str
    minhash: bytes
    rank: tuple[str, float, int, str]


def rank(published: str | None, removed_chars: int, chars: int, doc_id: str) -> tuple[str, float, int, str]:
    """Which member of a group is the original: earliest published, least boilerplate, longest, then id."""
    total = chars + removed_chars
    boilerplate_share = round(removed_chars / total, 4) if total else 1.0
    return (published or "9999", boilerplate_share, -chars, doc_id)


def rank_key(doc: Document) -> tuple[str, float, int, str]:
    return rank(doc.published.value if doc.published else None, doc.removed_chars, len(doc.text), doc.id)


@dataclass(frozen=True, slots=True)
class Assignment:
    """The outcome for a new document plus the stored documents whose original changed."""

    duplicate_of: str | None
    similarity: float | None
    repoints: list[Repoint]


@dataclass(slots=True)
class DedupIndex:
    permutations: int = 128
    bands: int = 32
    threshold: float = 0.7
    _entries: dict[str, Entry] = field(default_factory=dict)
    _by_hash: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _buckets: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    _original: dict[str, str] = field(default_factory=dict)  # member id -> its group's original
    _members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # original -> members
    _best_similarity: dict[str, float | None] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._entries)

    def load(self, entry: Entry, duplicate_of: str | None, sim: float | None) -> None:
        """Add a stored document with the assignment the store already holds."""
        self._insert(entry)
        original = duplicate_of or entry.id
        self._original[entry.id] = original
        self._members[original].append(entry.id)
        self._best_similarity[entry.id] = sim

    def add(self, doc: Document) -> Assignment:
        """Index a new kept document and decide its group; returns its assignment and any re-points."""
        if doc.content_hash is None or doc.minhash is None:
            raise ValueError("document has no content hash or signature: run it through prepare() first")
        entry = Entry(doc.id, doc.content_hash, doc.minhash, rank_key(doc))
        matches = self._matches(entry)
        self._insert(entry)
        groups = {self._original[m] for m in matches}
        candidates = [entry.id, *groups]
        original = min(candidates, key=lambda i: self._entries[i].rank)
        repoints: list[Repoint] = []
        for old in groups:
            if old != original:
                repoints.extend(self._move_group(old, original))
        self._original[entry.id] = original
        self._members[original].append(entry.id)
        sim = None if original == entry.id else round(similarity(entry.minhash, self._entries[original].minhash), 4)
        self._best_similarity[entry.id] = sim
        return Assignment(None if original == entry.id else original, sim, repoints)

    def _move_group(self, old: str, new: str) -> list[Repoint]:
        moved = []
        for member in self._members.pop(old):
            self._original[member] = new
            self._members[new].append(member)
            sim = similarity(self._entries[member].minhash, self._entries[new].minhash)
            moved.append(Repoint(member, new, round(sim, 4)))
        return moved

    def _matches(self, entry: Entry) -> set[str]:
        found = set(self._by_hash.get(entry.content_hash, ()))
        candidates: set[str] = set()
        for key in self._band_keys(entry.minhash):
            candidates.update(self._buckets.get(key, ()))
        for candidate in candidates - found:
            if similarity(entry.minhash, self._entries[candidate].minhash) >= self.threshold:
                found.add(candidate)
        return found

    def _insert(self, entry: Entry) -> None:
        self._entries[entry.id] = entry
        self._by_hash[entry.content_hash].append(entry.id)
        for key in self._band_keys(entry.minhash):
            self._buckets[key].append(entry.id)

    def _band_keys(self, minhash: bytes) -> list[int]:
        width = len(minhash) // self.bands
        return [hash((band, minhash[band * width : (band + 1) * width])) for band in range(self.bands)]


def prepare(doc: Document, permutations: int) -> None:
    """Give a kept document its content hash and MinHash signature."""
    if doc.status is Status.KEPT and doc.text:
        doc.content_hash = content_hash(doc.text)
        doc.minhash = signature(doc.text, permutations)
