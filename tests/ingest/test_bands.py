from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partynet.ingest.bands import MAX_ROWS, BandTable, band_keys

BANDS, ROWS = 4, 3


def _signatures(rows: list[list[int]]) -> np.ndarray:
    return np.asarray(rows, dtype="<u4")


@given(st.lists(st.integers(0, 2**32 - 1), min_size=BANDS * ROWS + 2, max_size=BANDS * ROWS + 2), st.data())
def test_a_change_in_any_slot_of_a_band_changes_that_band_key_only(
    slots: list[int], data: st.DataObject
) -> None:
    slot = data.draw(st.integers(0, BANDS * ROWS - 1))
    changed = slots[:]
    changed[slot] = (changed[slot] + data.draw(st.integers(1, 2**32 - 1))) % 2**32
    before, after = band_keys(_signatures([slots, changed]), BANDS)
    differs = [i for i in range(BANDS) if before[i] != after[i]]
    assert differs == [slot // ROWS]


def test_equal_bands_in_different_positions_get_different_keys() -> None:
    keys = band_keys(_signatures([[7] * (BANDS * ROWS)]), BANDS)[0]
    assert len(set(keys.tolist())) == BANDS


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(0, 3), min_size=BANDS * ROWS, max_size=BANDS * ROWS), min_size=1, max_size=30
    )
)
def test_candidates_are_the_rows_sharing_a_band_wherever_the_keys_are_held(rows: list[list[int]]) -> None:
    """Rows loaded, added since the last merge, or merged: each is found by every row sharing a band."""
    signatures = _signatures(rows)
    keys = band_keys(signatures, BANDS)
    half = len(rows) // 2
    table = BandTable(merge_from=1)
    table.load(np.arange(half, dtype=np.int32), signatures[:half], BANDS)
    for row in range(half, len(rows)):
        table.add(row, keys[row].tolist())
        if row % 3 == 0:
            table.settle(signatures, BANDS)
    for row in range(len(rows)):
        found = set(table.sorted_candidates(keys[row : row + 1])[0]) | set(
            table.fresh_candidates(keys[row].tolist())
        )
        sharing = {
            other
            for other in range(len(rows))
            if any(
                rows[row][b * ROWS : (b + 1) * ROWS] == rows[other][b * ROWS : (b + 1) * ROWS]
                for b in range(BANDS)
            )
        }
        assert found == sharing


def test_no_two_bands_share_a_key_over_a_small_alphabet() -> None:
    """Every (band, slots) pair over slots 0-3 gets its own key: bands of small values do not collide."""
    grid = np.array(np.meshgrid(*[range(4)] * ROWS, indexing="ij")).reshape(ROWS, -1).T
    signatures = np.tile(grid, BANDS).astype("<u4")
    keys = band_keys(signatures, BANDS)
    assert len(set(keys.ravel().tolist())) == keys.size


def test_more_rows_than_the_packed_numbers_hold_are_refused() -> None:
    signatures = _signatures([[1] * (BANDS * ROWS)])
    with pytest.raises(ValueError, match="at most"):
        BandTable().load(np.array([MAX_ROWS], dtype=np.int64), signatures, BANDS)
