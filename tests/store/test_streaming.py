"""Reads that walk a whole table stream its rows (on PostgreSQL through a server-side cursor): exporting,
extracting again or backing up a store of a million documents never holds every text in memory at once.
Runs on SQLite, and on PostgreSQL in the PostgreSQL pass."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from partynet.ingest.pipeline import IngestOptions, ingest
from partynet.store.backup import backup
from partynet.store.extractions import Extractions
from partynet.store.repository import Store
from tests.conftest import write
from tests.fixtures import clean_page


def _streamed_statements(store: Store, read: Callable[[], Iterable[Any]]) -> list[str]:
    """The statements `read` ran with their rows streamed, and the rows read in full first."""
    streamed: list[str] = []

    def seen(_conn: Any, cursor: Any, statement: str, _params: Any, context: Any, _many: bool) -> None:
        if context.execution_options.get("stream_results"):
            streamed.append(statement)
            if store.engine.dialect.name == "postgresql":
                assert "Server" in type(cursor).__name__, type(cursor)  # a named, server-side cursor

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        for _ in read():
            pass
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    return streamed


@pytest.mark.parametrize("table", ["documents", "extraction", "exchanges", "mentions", "claims"])
def test_whole_table_reads_stream_their_rows(tmp_path: Path, store_url: str, table: str) -> None:
    store = Store.open(store_url)
    ingest([str(write(tmp_path / "a.txt", clean_page()))], store, IngestOptions())
    extractions = Extractions(store)
    reads: dict[str, Callable[[], Iterable[Any]]] = {
        "documents": store.iter_documents,
        "extraction": extractions.documents,
        "exchanges": extractions.iter_exchanges,
        "mentions": extractions.iter_mentions,
        "claims": extractions.iter_claims,
    }
    assert _streamed_statements(store, reads[table])
    store.close()


def test_a_backup_streams_every_table(tmp_path: Path, store_url: str) -> None:
    store = Store.open(store_url)
    ingest([str(write(tmp_path / "a.txt", clean_page()))], store, IngestOptions())
    streamed = _streamed_statements(store, lambda: [backup(store, tmp_path / "b.jsonl.gz")])
    assert any("FROM documents" in statement for statement in streamed)
    store.close()
