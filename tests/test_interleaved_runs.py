"""Runs that write the same store at once decide duplicates as if they had taken turns: each batch is
de-duplicated and written under the store's write lock, after catching up on what other runs stored
or re-pointed since. Driven batch by batch here, so every interleaving is reproducible, on each engine."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from partynet.ingest.pipeline import IngestOptions, Prepared, Preparer, Run, ingest, store_prepared
from partynet.ingest.readers import discover, read_inputs
from partynet.store.repository import Store
from tests.conftest import empty, write
from tests.test_pipeline import snapshot

OPTIONS = IngestOptions(batch_size=2)


def _corpus(root: Path) -> list[Path]:
    """A chain of texts that each match only their neighbours (a window sliding over one word list), so
    that which group a text joins depends on what is stored, and texts of their own."""
    words = [f"word{i}" for i in range(220)]
    chain = [write(root / f"chain-{k}.txt", " ".join(words[9 * k : 9 * k + 110 - k]) + ".") for k in range(6)]
    rnd = random.Random(5)
    alone = [
        write(root / f"alone-{k}.txt", " ".join(rnd.choice(words) for _ in range(90)) + ".") for k in range(4)
    ]
    return chain + alone


def _prepared(paths: list[Path]) -> tuple[Prepared, int]:
    raws = list(read_inputs(discover([str(p) for p in paths]).inputs, OPTIONS.read))
    return Preparer(OPTIONS).prepare(raws), len(raws)


def _interleaved(url: str, first: list[Path], second: list[Path], rnd: random.Random) -> None:
    """One long run over `first`, batch by batch; between its batches (after its first, so that it has
    loaded the store, and before its last, so that it decides last), whole runs over parts of `second`,
    as another process would write them."""
    batches = [first[i : i + 2] for i in range(0, len(first), 2)]
    between: list[list[list[Path]]] = [[] for _ in batches]
    for i in range(0, len(second), 2):
        between[rnd.randrange(1, len(batches))].append(second[i : i + 2])

    def long_run() -> Iterator[tuple[Prepared, int]]:
        for batch, others in zip(batches, between, strict=True):
            for part in others:
                store = Store.open(url)
                ingest([str(p) for p in part], store, OPTIONS)
                store.close()
            yield _prepared(batch)

    store = Store.open(url)
    store_prepared(long_run(), Run(store, {"paths": "long"}), OPTIONS)
    store.close()


@pytest.mark.parametrize("seed", range(12))
def test_runs_interleaved_batch_by_batch_store_what_one_run_stores(
    tmp_path: Path, store_url: str, seed: int
) -> None:
    paths = _corpus(tmp_path / "in")
    rnd = random.Random(seed)
    rnd.shuffle(paths)
    store = Store.open(store_url)
    ingest([str(p) for p in paths], store, OPTIONS)
    store.close()
    expected = snapshot(store_url)
    empty(store_url)
    # a few inputs go to both runs: the one that comes second finds them stored
    cut = len(paths) // 2
    _interleaved(store_url, paths[: cut + 2], paths[cut:], rnd)
    assert snapshot(store_url) == expected
    assert sum(row["status"] == "duplicate" for row in expected) >= 4
