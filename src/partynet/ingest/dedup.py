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
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from rensa import RMinHash

from partynet.domain import Document, Repoint, Status
from partynet.ingest.chars import HAN, HAN_RANGES, INVISIBLE

_TOKENS = re.compile(f"[{HAN_RANGES}]|[^\\W_]+")
SHINGLE = 3
SEED = 1


def normalise(text: str, *, nfkc_done: bool = False) -> str:
    """The text that the content hash sees: NFKC, no invisible characters, no whitespace at all."""
    text = text if nfkc_done else unicodedata.normalize("NFKC", text)
    return "".join(INVISIBLE.sub("", text).split())


def content_hash(text: str, *, nfkc_done: bool = False) -> str:
    return hashlib.sha256(normalise(text, nfkc_done=nfkc_done).encode("utf-8", "surrogatepass")).hexdigest()


def shingles(text: str, *, nfkc_done: bool = False) -> list[str]:
    """Word 3-shingles; without Han characters, words are what whitespace separates (fast, in C)."""
    folded = (text if nfkc_done else unicodedata.normalize("NFKC", text)).casefold()
    tokens = _TOKENS.findall(folded) if HAN.search(folded) else folded.split()
    if len(tokens) < SHINGLE:
        return [" ".join(tokens)] if tokens else []
    return list(map(" ".join, zip(tokens, tokens[1:], tokens[2:], strict=False)))


def signature(text: str, permutations: int, *, nfkc_done: bool = False) -> bytes:
    minhash = RMinHash(num_perm=permutations, seed=SEED)
    minhash.update(shingles(text, nfkc_done=nfkc_done) or [""])
    return np.asarray(minhash.digest(), dtype="<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity: the share of equal signature slots."""
    left, right = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(left == right)) / len(left)


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
    permutations: int
    bands: int
    threshold: float
    _entries: dict[str, Entry] = field(default_factory=dict)
    _by_hash: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # one dict per band: band slice -> a row number, or a list of them once a second row shares it
    _buckets: list[dict[bytes, int | list[int]]] = field(default_factory=list)
    _ids: list[str] = field(default_factory=list)  # row number -> document id
    _matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype="<u4"))
    _original: dict[str, str] = field(default_factory=dict)  # member id -> its group's original
    _members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # original -> members

    def __post_init__(self) -> None:
        self._buckets = [{} for _ in range(self.bands)]

    def __len__(self) -> int:
        return len(self._entries)

    def load(self, entry: Entry, duplicate_of: str | None) -> None:
        """Add a stored document with the assignment the store already holds."""
        self._insert(entry)
        original = duplicate_of or entry.id
        self._original[entry.id] = original
        self._members[original].append(entry.id)

    def add(self, doc: Document) -> Assignment:
        """Index a new kept document and decide its group; returns its assignment and any re-points."""
        if doc.content_hash is None or doc.minhash is None:
            raise ValueError("document has no content hash or signature: run it through prepare() first")
        entry = Entry(doc.id, doc.content_hash, doc.minhash, rank_key(doc))
        keys = self._band_keys(entry.minhash)
        matches = self._matches(entry, keys)
        self._insert(entry, keys)
        groups = {self._original[m] for m in matches}
        candidates = [entry.id, *groups]
        original = min(candidates, key=lambda i: self._entries[i].rank)
        repoints: list[Repoint] = []
        for old in groups:
            if old != original:
                repoints.extend(self._move_group(old, original))
        self._original[entry.id] = original
        self._members[original].append(entry.id)
        sim = (
            None
            if original == entry.id
            else round(similarity(entry.minhash, self._entries[original].minhash), 4)
        )
        return Assignment(None if original == entry.id else original, sim, repoints)

    def _move_group(self, old: str, new: str) -> list[Repoint]:
        moved = []
        for member in self._members.pop(old):
            self._original[member] = new
            self._members[new].append(member)
            sim = similarity(self._entries[member].minhash, self._entries[new].minhash)
            moved.append(Repoint(member, new, round(sim, 4)))
        return moved

    def _matches(self, entry: Entry, keys: list[bytes]) -> set[str]:
        found = set(self._by_hash.get(entry.content_hash, ()))
        rows: list[int] = []
        for bucket, key in zip(self._buckets, keys, strict=True):
            held = bucket.get(key)
            if isinstance(held, list):
                rows.extend(held)
            elif held is not None:
                rows.append(held)
        if rows:
            candidates = np.unique(np.array(rows, dtype=np.int64))
            signature = np.frombuffer(entry.minhash, dtype="<u4")
            agreement = np.count_nonzero(self._matrix[candidates] == signature, axis=1) / len(signature)
            found.update(self._ids[row] for row in candidates[agreement >= self.threshold].tolist())
        return found

    def _insert(self, entry: Entry, keys: list[bytes] | None = None) -> None:
        self._entries[entry.id] = entry
        exact_copy = entry.content_hash in self._by_hash
        self._by_hash[entry.content_hash].append(entry.id)
        if exact_copy:
            return  # an identical text is already in the buckets: it would only make them longer
        row = len(self._ids)
        self._ids.append(entry.id)
        self._store_row(row, np.frombuffer(entry.minhash, dtype="<u4"))
        for bucket, key in zip(
            self._buckets, keys if keys is not None else self._band_keys(entry.minhash), strict=True
        ):
            held = bucket.get(key)
            if held is None:
                bucket[key] = row
            elif isinstance(held, list):
                held.append(row)
            else:
                bucket[key] = [held, row]

    def _store_row(self, row: int, signature: np.ndarray) -> None:
        if row >= self._matrix.shape[0]:
            grown = np.zeros((max(1024, 2 * self._matrix.shape[0]), len(signature)), dtype="<u4")
            if self._matrix.size:
                grown[: self._matrix.shape[0]] = self._matrix
            self._matrix = grown
        self._matrix[row] = signature

    def _band_keys(self, minhash: bytes) -> list[bytes]:
        # 4 bytes a slot; the slots past bands * rows are left out of the bands (but count for similarity)
        width = (len(minhash) // 4 // self.bands) * 4
        return [minhash[start : start + width] for start in range(0, width * self.bands, width)]


def prepare(doc: Document, permutations: int) -> None:
    """Give a kept document its content hash and MinHash signature."""
    if doc.status is Status.KEPT and doc.text:
        normal = unicodedata.normalize("NFKC", doc.text)
        doc.content_hash = content_hash(normal, nfkc_done=True)
        doc.minhash = signature(normal, permutations, nfkc_done=True)
