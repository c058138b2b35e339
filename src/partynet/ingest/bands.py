"""The LSH band table of the duplicate index: which indexed signatures share a band with a new one.

A store of a million documents holds 21 million band keys. Kept as Python dicts of byte strings they
cost about 2 kB a document and seconds to build at the start of every run. Here the keys of the
documents loaded from the store are one sorted array of 64-bit numbers (8 bytes a key with its row,
built by one in-place sort), and the keys added during a run go to a dict that is merged into the
array every `MERGE_FROM` rows, so that memory stays compact however long the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier (the golden ratio), spreads every input bit
_SHIFT = np.uint64(29)
# New rows whose keys are merged into the sorted array at once: a dict holds a row's keys in about 1.5 kB,
# so the dict stays under 100 MB, and a merge (a copy of the array) comes at most every 65,536 rows
MERGE_FROM = 65_536
# The sorted array holds one 64-bit number a key: the key's upper 36 bits and the row in the lower 28
# (8 bytes a key, and one in-place sort builds it). 36 bits still leave a false candidate only once in
# thousands of searches of a billion keys, and every candidate is checked on its whole signature.
ROW_BITS = 28
MAX_ROWS = 1 << ROW_BITS
_ROW_MASK = np.uint64(MAX_ROWS - 1)
_KEY_MASK = ~_ROW_MASK


def band_keys(signatures: np.ndarray, bands: int) -> np.ndarray:
    """One key per band of each signature (the upper 36 bits of a 64-bit hash), shape (signatures,
    bands). Equal bands always get equal keys; the band's number is mixed in, so one table holds every
    band. Unequal bands share a
    key by chance only, and every candidate is checked on its whole signature afterwards. Slots past
    bands * rows are left out of the bands (but count for similarity)."""
    count, slots = signatures.shape
    rows = slots // bands
    # each band starts from its own state, different from every other band's in its upper 32 bits: the
    # first slot (32 bits) cannot make two bands meet
    keys = np.broadcast_to(_mixed(np.arange(1, bands + 1, dtype=np.uint64)), (count, bands)).copy()
    for slot in range(rows):
        keys ^= signatures[:, slot : rows * bands : rows]  # this slot of every band; widened in place
        keys = _mixed(keys)
    keys &= _KEY_MASK  # the lower bits hold the row in the sorted array
    return keys


def _mixed(keys: np.ndarray) -> np.ndarray:
    keys *= _MIX  # wraps modulo 2**64, as a hash should
    keys ^= keys >> _SHIFT
    return keys


@dataclass(slots=True)
class BandTable:
    """Band keys -> the rows (signatures) holding them."""

    merge_from: int = MERGE_FROM
    _sorted: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))  # key | row, sorted
    _fresh: dict[int, int | list[int]] = field(default_factory=dict)  # added since the last merge
    _fresh_rows: list[int] = field(default_factory=list)

    def load(self, rows: np.ndarray, signatures: np.ndarray, bands: int) -> None:
        """Index `rows` (row numbers) with the band keys of their `signatures` in the sorted array."""
        if len(rows) and int(rows.max()) >= MAX_ROWS:
            raise ValueError(f"the duplicate index holds at most {MAX_ROWS:,} distinct texts")
        keys = band_keys(signatures, bands)  # its own array, so packed in place: 168 MB at a million rows
        packed = np.bitwise_or(keys, rows.astype(np.uint64)[:, None], out=keys).ravel()
        packed.sort()
        if not len(self._sorted):
            self._sorted = packed
            return
        at = np.searchsorted(self._sorted, packed)  # a merge of two sorted arrays
        self._sorted = np.insert(self._sorted, at, packed)

    def sorted_candidates(self, keys: np.ndarray) -> list[list[int]]:
        """For each signature's keys (shape (signatures, bands)), the rows of the sorted array that share
        one of them: one vectorised search for a whole batch, its keys sorted first (the search then
        walks the array in order, several times faster than in random order on a large array)."""
        flat = keys.ravel()
        order = np.argsort(flat)
        wanted = flat[order]
        found: list[list[int]] = [[] for _ in range(len(keys))]
        if not len(self._sorted):
            return found
        low = np.searchsorted(self._sorted, wanted, side="left")  # a key's rows follow it, row 0 first
        at_low = self._sorted[np.minimum(low, len(self._sorted) - 1)]
        hit = np.flatnonzero((at_low & _KEY_MASK) == wanted)
        if len(hit):
            high = np.searchsorted(self._sorted, wanted[hit] | _ROW_MASK, side="right")
            bands = keys.shape[1]
            for start, end, position in zip(
                low[hit].tolist(), high.tolist(), order[hit].tolist(), strict=True
            ):
                found[position // bands].extend((self._sorted[start:end] & _ROW_MASK).tolist())
        return found

    def fresh_candidates(self, keys: list[int]) -> list[int]:
        found: list[int] = []
        for key in keys:
            held = self._fresh.get(key)
            if isinstance(held, list):
                found.extend(held)
            elif held is not None:
                found.append(held)
        return found

    def add(self, row: int, keys: list[int]) -> None:
        for key in keys:
            held = self._fresh.get(key)
            if held is None:
                self._fresh[key] = row
            elif isinstance(held, list):
                held.append(row)
            else:
                self._fresh[key] = [held, row]
        self._fresh_rows.append(row)

    def settle(self, signatures: np.ndarray, bands: int) -> None:
        """Merge the fresh keys into the sorted array once they are many (between batches only: a batch's
        sorted candidates are searched before its documents are added). `signatures` holds every row."""
        if len(self._fresh_rows) < self.merge_from:
            return
        rows = np.asarray(self._fresh_rows, dtype=np.int32)
        self.load(rows, signatures[rows], bands)
        self._fresh, self._fresh_rows = {}, []
