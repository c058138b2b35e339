"""A real `partynet ingest` process killed with SIGKILL, then run again, ends as an uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import empty, write
from tests.fixtures import ARTICLE
from tests.test_pipeline import snapshot

WORDS = [
    "party",
    "delegation",
    "talks",
    "cooperation",
    "congress",
    "secretary",
    "committee",
    "exchange",
    "visit",
    "seminar",
    "governance",
    "youth",
    "forum",
    "letter",
    "minister",
    "province",
    "friendship",
    "development",
    "socialism",
    "workers",
    "union",
]
ROUNDS = int(os.environ.get("PARTYNET_KILL_ROUNDS", "3"))


def corpus(root: Path, count: int = 1500) -> Path:
    rnd = random.Random(7)
    rows = []
    for i in range(count):
        text = " ".join(rnd.choice(WORDS) for _ in range(60)) + "."
        if i % 10 == 9:  # every tenth document repeats an earlier one with a line of boilerplate
            text = rows[i - 5]["text"] + "\nShare this article"
        rows.append({"id": f"g{i}", "text": text})
    write(root / "generated.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    write(root / "article.txt", "\n\n".join(ARTICLE))
    return root


def ingest(url: str, data: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {"PARTYNET_BATCH_SIZE": "25"}
    return subprocess.Popen(
        [sys.executable, "-m", "partynet", "--db", url, "ingest", "--quiet", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def completed(url: str, data: Path) -> None:
    process = ingest(url, data)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_and_resumed_ingest_equals_a_clean_one(tmp_path: Path, store_url: str) -> None:
    """On each engine: a process killed while it holds the store's write lock leaves it to the next."""
    data = corpus(tmp_path / "in")
    started = time.monotonic()
    completed(store_url, data)
    duration = time.monotonic() - started
    expected = snapshot(store_url)
    assert len(expected) == 1501
    rnd = random.Random(11)
    for round_number in range(ROUNDS):
        empty(store_url)
        process = ingest(store_url, data)
        time.sleep(rnd.uniform(0.2, duration * 0.9))
        process.send_signal(signal.SIGKILL)
        process.wait()
        completed(store_url, data)
        assert snapshot(store_url) == expected, f"round {round_number} differs from the clean run"
