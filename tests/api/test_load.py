"""A short, bounded run of the load benchmark (bench/serve.py): reads and review writes mixed against a
real `partynet serve` on loopback, then every acknowledged write found exactly once in the audit log."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "serve.py"


def test_mixed_reads_and_writes_lose_and_double_nothing() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--requests", "400", "--seconds", "60", "--concurrency", "8",
         "--workers", "2", "--write-share", "0.3", "--json"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["requests"] == 400
    assert result["writes"] > 60
    assert result["errors"] == 0
    for failure in ("lost_writes", "doubled_writes", "refused_but_written", "wrong_final_status"):
        assert result[failure] == 0, result
