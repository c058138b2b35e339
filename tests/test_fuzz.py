"""The short version of the readers' fuzzing (fuzz/readers.py): the saved corpus replayed, then a few
thousand mutations of it, under libFuzzer's timeout and memory limit. The long run is documented in
README.md (make reliability)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris is not installed")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fuzz" / "corpus" / "readers"


def test_the_saved_corpus_and_its_mutations_never_crash(tmp_path: Path) -> None:
    saved = len(list(CORPUS.iterdir()))
    assert saved >= 29  # the seeds at least: every kind of dirt, in every route
    done = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "readers.py"), str(tmp_path), str(CORPUS),
         "-runs=3000", "-max_len=65536", "-timeout=20", "-rss_limit_mb=3000", "-seed=1"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done 3000 runs" in done.stderr
