"""A short run of the duplicate-index benchmark (bench/dedup.py): the index it loads from a real store
holds every stored document, and the near copies among the new documents join groups."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "dedup.py"


def test_the_index_loaded_from_the_store_finds_the_new_near_copies() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--stored", "3000", "--new", "400", "--json"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    ours = result["partynet"]
    assert ours["read"] == ours["indexed"] == 3000
    # one new document in twenty copies a stored one with two words changed (20 of 400)
    assert 15 <= ours["new_in_a_group"] <= 25, ours
    assert result["rensa"]["new_with_candidates"] >= 15
