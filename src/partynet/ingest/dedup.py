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
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from rensa import RMinHash

from partynet.domain import Document, Repoint, Status
from partynet.ingest.bands import MERGE_FROM, BandTable, band_keys
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


def rank(published: str | None, removed_chars: int, chars: int, doc_id: str) -> tuple[str, float, int, str]:
    """Which member of a group is the original: earliest published, least boilerplate, longest, then id."""
    total = chars + removed_chars
    boilerplate_share = round(removed_chars / total, 4) if total else 1.0
    return (published or "9999", boilerplate_share, -chars, doc_id)


def rank_key(doc: Document) -> tuple[str, float, int, str]:
    return rank(doc.published.value if doc.published else None, doc.removed_chars, len(doc.text), doc.id)


@dataclass(frozen=True, slots=True)
class StoredDocuments:
    """Stored documents as the index is rebuilt from them, column by column (one chunk of the store)."""

    ids: list[str]
    content_hashes: list[str]
    minhashes: list[bytes]
    published: list[str | None]
    removed_chars: list[int]
    chars: list[int]
    duplicate_of: list[str | None]
    total: int = 0  # rows in the whole stored state, as counted before reading it (a run may add more)
    through: int = 0  # the store's write number (`seq`) up to which this state goes


@dataclass(frozen=True, slots=True)
class Assignment:
    """The outcome for a new document plus the stored documents whose original changed."""

    duplicate_of: str | None
    similarity: float | None
    repoints: list[Repoint]


def _hash_prefix(content_hash: str) -> int:
    """64 bits of the content hash: with an equal signature, enough to tell an exact copy."""
    return int(content_hash[:16], 16)


def _room(matrix: np.ndarray | None, used: int, needed: int, width: int) -> np.ndarray:
    """`matrix` with room for `needed` rows and a quarter more (untouched memory costs nothing until rows
    are written), its first `used` rows kept."""
    if matrix is not None and needed <= len(matrix):
        return matrix
    grown = np.empty((needed + max(1024, needed // 4), width), dtype="<u4")
    if matrix is not None and used:
        grown[:used] = matrix[:used]
    return grown


@dataclass(slots=True)
class DedupIndex:
    """Every indexed document (a number, in the order indexed) and every distinct text (a row: its
    signature). Exact copies share their first copy's row, so they do not lengthen the band table.
    Columns are arrays, not objects, so that a store of a million documents fits in well under a
    gigabyte and loads in seconds."""

    permutations: int
    bands: int
    threshold: float
    merge_from: int = MERGE_FROM
    # per document
    _ids: list[str] = field(default_factory=list)
    _row: array[int] = field(default_factory=lambda: array("i"))
    _original: array[int] = field(default_factory=lambda: array("i"))  # the document its group ranks first
    _members: dict[int, list[int]] = field(default_factory=dict)  # original -> members, groups of 2 or more
    _published: list[str] = field(default_factory=list)  # the rank of each document, column by column
    _share: array[float] = field(default_factory=lambda: array("d"))
    _chars: array[int] = field(default_factory=lambda: array("q"))
    # per row
    _matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype="<u4"))
    _rows: int = 0
    _hash: array[int] = field(default_factory=lambda: array("Q"))  # 64 bits of each row's content hash
    _first: array[int] = field(default_factory=lambda: array("i"))  # the document a row was made for
    _copies: dict[int, list[int]] = field(default_factory=dict)  # row -> its other documents
    _bands: BandTable = field(init=False)
    _dates: dict[str, str] = field(default_factory=dict)  # one string object per publication date
    _number: dict[str, int] | None = None  # id -> document, built the first time another run's work is read
    synced_to: int = 0  # the store's write number up to which the index holds what was stored

    def __post_init__(self) -> None:
        self._bands = BandTable(self.merge_from)

    def __len__(self) -> int:
        return len(self._ids)

    def load(self, stored: Iterable[StoredDocuments]) -> None:
        """Index the stored documents with the assignment the store already holds. Before any `add`."""
        if self._ids:
            raise RuntimeError("the index is loaded once, before any document is added")
        matrix: np.ndarray | None = None
        prefixes, duplicate_of = [], []
        for chunk in stored:
            # each chunk's signatures go straight into one matrix sized from the count, so that the
            # chunks are never all held at once
            block = self._signatures(chunk.minhashes)
            used = len(self._ids)
            matrix = _room(matrix, used, max(chunk.total, used + len(block)), self.permutations)
            matrix[used : used + len(block)] = block
            prefixes.append(np.fromiter(map(_hash_prefix, chunk.content_hashes), np.uint64))
            duplicate_of.extend(chunk.duplicate_of)
            self.synced_to = max(self.synced_to, chunk.through)
            for doc_id, published, removed, chars in zip(
                chunk.ids, chunk.published, chunk.removed_chars, chunk.chars, strict=True
            ):
                self._append_document(doc_id, rank(published, removed, chars, doc_id))
        if matrix is not None and self._ids:
            self._load_rows(matrix, np.concatenate(prefixes))
            self._load_groups(duplicate_of)

    def add(self, doc: Document) -> Assignment:
        """Index a new kept document and decide its group; returns its assignment and any re-points."""
        return self.add_many([doc])[0]

    def add_many(self, docs: list[Document]) -> list[Assignment]:
        """`add` each document in turn; the band table is searched for the whole batch at once."""
        for doc in docs:
            if doc.content_hash is None or doc.minhash is None:
                raise ValueError("document has no content hash or signature: run it through prepare() first")
        if not docs:
            return []
        signatures = self._signatures([doc.minhash or b"" for doc in docs])
        keys = band_keys(signatures, self.bands)
        in_sorted = self._bands.sorted_candidates(keys)
        assignments = [
            self._add(doc, signatures[i], keys[i].tolist(), in_sorted[i]) for i, doc in enumerate(docs)
        ]
        self._bands.settle(self._matrix[: self._rows], self.bands)
        return assignments

    def _add(self, doc: Document, signature: np.ndarray, keys: list[int], rows: list[int]) -> Assignment:
        new = self._append_document(doc.id, rank_key(doc))
        matches = self._index_text(new, signature, _hash_prefix(doc.content_hash or ""), keys, rows)
        groups = {self._original[m] for m in matches}
        original = min([new, *groups], key=self._rank)
        repoints: list[Repoint] = []
        for old in sorted(groups, key=self._rank):
            if old != original:
                repoints.extend(self._move_group(old, original))
        self._original.append(original)
        if original != new:
            self._members.setdefault(original, [original]).append(new)
            similarity_ = round(self._similarity(new, original), 4)
            return Assignment(self._ids[original], similarity_, repoints)
        return Assignment(None, None, repoints)

    def _index_text(
        self, doc: int, signature: np.ndarray, prefix: int, keys: list[int], rows: list[int]
    ) -> set[int]:
        """Give a new document its row (an exact copy shares its first copy's); returns the documents
        it is a near duplicate of."""
        matches, exact_row = self._matches(signature, prefix, rows + self._bands.fresh_candidates(keys))
        if exact_row is None:
            self._append_row(doc, signature, prefix)
            self._bands.add(self._row[doc], keys)
        else:
            self._row.append(exact_row)
            self._copies.setdefault(exact_row, []).append(doc)
        return matches

    def catch_up(self, stored: Iterable[StoredDocuments]) -> None:
        """Take in what other runs stored or re-pointed since this index last saw the store, grouped as
        they stored it: they decided against everything stored then, this run's documents included."""
        groups: list[tuple[str, str | None]] = []
        number: dict[str, int] = {}
        for chunk in stored:
            number = self._numbers()  # built only once another run has written: it costs memory
            signatures = self._signatures(chunk.minhashes)
            keys = band_keys(signatures, self.bands)
            in_sorted = self._bands.sorted_candidates(keys)
            for i, doc_id in enumerate(chunk.ids):
                if doc_id not in number:
                    order = rank(chunk.published[i], chunk.removed_chars[i], chunk.chars[i], doc_id)
                    new = self._append_document(doc_id, order)
                    self._original.append(new)
                    prefix = _hash_prefix(chunk.content_hashes[i])
                    self._index_text(new, signatures[i], prefix, keys[i].tolist(), in_sorted[i])
            self._bands.settle(self._matrix[: self._rows], self.bands)
            groups.extend(zip(chunk.ids, chunk.duplicate_of, strict=True))
            self.synced_to = max(self.synced_to, chunk.through)
        for doc_id, original in groups:  # once every document is in: an original may come after its copy
            doc = number[doc_id]
            self._regroup(doc, number.get(original, doc) if original else doc)

    def _regroup(self, doc: int, original: int) -> None:
        """Move one document to another group, as another run stored it (that run moves the rest)."""
        old = self._original[doc]
        if old == original:
            return
        group = self._members.get(old)
        if group is not None:
            group.remove(doc)
            if not group or group == [old]:
                del self._members[old]
        self._original[doc] = original
        if original != doc:
            self._members.setdefault(original, [original]).append(doc)

    def _numbers(self) -> dict[str, int]:
        if self._number is None:
            self._number = {doc_id: doc for doc, doc_id in enumerate(self._ids)}
        return self._number

    def _matches(self, signature: np.ndarray, prefix: int, rows: list[int]) -> tuple[set[int], int | None]:
        """The documents a new signature is a near duplicate of, and the row of its exact copy if any."""
        if not rows:
            return set(), None
        candidates = np.unique(np.asarray(rows, dtype=np.int64))
        agreement = np.count_nonzero(self._matrix[candidates] == signature, axis=1)
        found: set[int] = set()
        exact_row = None
        for row, agreeing in zip(candidates.tolist(), agreement.tolist(), strict=True):
            if agreeing / len(signature) < self.threshold:  # the estimated Jaccard, as `similarity` gives it
                continue
            found.add(self._first[row])
            if agreeing == len(signature) and self._hash[row] == prefix:
                exact_row = row
                found.update(self._copies.get(row, ()))
        return found, exact_row

    def _move_group(self, old: int, new: int) -> list[Repoint]:
        moved = []
        members = self._members.setdefault(new, [new])
        for member in self._members.pop(old, [old]):
            self._original[member] = new
            members.append(member)
            moved.append(Repoint(self._ids[member], self._ids[new], round(self._similarity(member, new), 4)))
        return moved

    def _rank(self, doc: int) -> tuple[str, float, int, str]:
        return (self._published[doc], self._share[doc], -self._chars[doc], self._ids[doc])

    def _similarity(self, a: int, b: int) -> float:
        left, right = self._matrix[self._row[a]], self._matrix[self._row[b]]
        return float(np.count_nonzero(left == right)) / len(left)

    def _signatures(self, minhashes: list[bytes]) -> np.ndarray:
        joined = b"".join(minhashes)
        if len(joined) != 4 * self.permutations * len(minhashes):
            raise ValueError(
                f"signatures of another length than {self.permutations} slots: a store filled with another"
                " minhash_permutations setting is read with that setting (or ingest into a new database)"
            )
        return np.frombuffer(joined, dtype="<u4").reshape(len(minhashes), self.permutations)

    def _append_document(self, doc_id: str, order: tuple[str, float, int, str]) -> int:
        published, share, negative_chars, _ = order
        self._ids.append(doc_id)
        self._published.append(self._dates.setdefault(published, published))
        self._share.append(share)
        self._chars.append(-negative_chars)
        if self._number is not None:
            self._number[doc_id] = len(self._ids) - 1
        return len(self._ids) - 1

    def _append_row(self, doc: int, signature: np.ndarray, prefix: int) -> None:
        # a quarter more, not twice as much: a store's matrix can be large, and grows by a run's worth
        self._matrix = _room(self._matrix, self._rows, self._rows + 1, self.permutations)
        self._matrix[self._rows] = signature
        self._row.append(self._rows)
        self._hash.append(prefix)
        self._first.append(doc)
        self._rows += 1

    def _load_rows(self, matrix: np.ndarray, prefixes: np.ndarray) -> None:
        """One row per distinct text, kept in `matrix` (the loaded signatures, in document order, then
        room to grow): a document whose hash and signature equal an earlier one's is its exact copy
        and shares its row."""
        count = len(prefixes)
        signatures = matrix[:count]
        _, first_index, inverse = np.unique(prefixes, return_index=True, return_inverse=True)
        first = first_index[inverse.ravel()]
        own = first == np.arange(count)
        copies = np.flatnonzero(~own)
        # a hash prefix shared by different texts: not a copy
        own[copies] = ~(signatures[copies] == signatures[first[copies]]).all(axis=1)
        owners = np.flatnonzero(own)
        row_of = np.empty(count, dtype=np.int32)
        row_of[owners] = np.arange(len(owners), dtype=np.int32)
        for doc in np.flatnonzero(~own).tolist():
            row_of[doc] = row_of[first[doc]]
            self._copies.setdefault(int(row_of[doc]), []).append(doc)
        for start in range(0, len(owners), 65_536):  # rows move up, never down: in place, a slice at a time
            moved = owners[start : start + 65_536]
            matrix[start : start + len(moved)] = matrix[moved]
        self._matrix, self._rows = matrix, len(owners)
        self._row = array("i", row_of.tobytes())
        self._hash = array("Q", prefixes[owners].tobytes())
        self._first = array("i", owners.astype(np.int32).tobytes())
        self._bands.load(np.arange(len(owners), dtype=np.int32), matrix[: len(owners)], self.bands)

    def _load_groups(self, duplicate_of: list[str | None]) -> None:
        """Groups as stored: a document whose original is not indexed (it has no text now) stands alone."""
        wanted = {original for original in duplicate_of if original is not None}
        number = {doc_id: doc for doc, doc_id in enumerate(self._ids) if doc_id in wanted}
        originals = [doc if o is None else number.get(o, doc) for doc, o in enumerate(duplicate_of)]
        self._original = array("i", originals)
        grouped = {original for doc, original in enumerate(originals) if original != doc}
        for doc, original in enumerate(originals):
            if original in grouped:
                self._members.setdefault(original, []).append(doc)


def prepare(doc: Document, permutations: int) -> None:
    """Give a kept document its content hash and MinHash signature."""
    if doc.status is Status.KEPT and doc.text:
        normal = unicodedata.normalize("NFKC", doc.text)
        doc.content_hash = content_hash(normal, nfkc_done=True)
        doc.minhash = signature(normal, permutations, nfkc_done=True)
