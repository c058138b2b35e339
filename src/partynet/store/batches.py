"""Ingest batches in the store: the stored state the duplicate index is built from, and each batch's
write, taken under the store's write lock.

Every document row carries `seq`, the order in which the store took its duplicate state (inserted or
re-pointed). Numbers are handed out under the lock, so they follow the order of commits: a run that has
seen the store up to number N finds everything other runs stored since with `seq > N`, and decides its
next batch against the whole store, as if the runs had taken turns.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from partynet.domain import Document, Repoint, Status
from partynet.ingest.dedup import StoredDocuments
from partynet.store.errors import StoreError
from partynet.store.schema import documents

# PostgreSQL advisory lock that every batch write holds until it commits ("party" in ASCII); on
# SQLite, BEGIN IMMEDIATE takes the database's own write lock instead.
WRITE_LOCK = 0x7061727479
CHUNK = 20_000


def lock_writes(connection: Connection) -> None:
    """Take the store's write lock for the rest of this transaction (other dialects: no lock)."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        # pysqlite has not begun a transaction yet: BEGIN IMMEDIATE begins it holding the write lock
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})


def existing_ids(connection: Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(connection.scalars(select(documents.c.id).where(documents.c.id.in_(chunk))))
    return found


def last_seq(connection: Connection) -> int:
    return int(connection.scalar(select(func.max(documents.c.seq))) or 0)


def _signed() -> ColumnElement[bool]:
    return documents.c.minhash.is_not(None)


def _state_query() -> Select[Any]:
    return select(
        documents.c.id,
        documents.c.content_hash,
        documents.c.minhash,
        documents.c.published,
        documents.c.removed_chars,
        func.length(documents.c.text).label("chars"),
        documents.c.duplicate_of,
    ).where(_signed())


def stored_state(connection: Connection, permutations: int) -> Iterator[StoredDocuments]:
    """Every stored text's hash, signature, rank and group, a chunk at a time, up to the write number
    read first (what is written meanwhile is a later catch-up's)."""
    through = last_seq(connection)
    taken = documents.c.seq <= through
    total = connection.scalar(select(func.count()).select_from(documents).where(_signed(), taken)) or 0
    yield from _chunks(connection, _state_query().where(taken), permutations, total, through)


def _chunks(
    connection: Connection, query: Select[Any], permutations: int, total: int, through: int
) -> Iterator[StoredDocuments]:
    for rows in connection.execute(query.execution_options(yield_per=CHUNK)).partitions():
        ids, hashes, minhashes, published, removed, chars, duplicate_of = (
            list(column) for column in zip(*rows, strict=True)
        )
        minhashes = [bytes(minhash) for minhash in minhashes]  # a memoryview on PostgreSQL
        _check_signatures(minhashes, permutations)
        yield StoredDocuments(ids, hashes, minhashes, published, removed, chars, duplicate_of, total, through)


def _check_signatures(minhashes: list[bytes], permutations: int) -> None:
    other = next((len(m) // 4 for m in minhashes if len(m) != 4 * permutations), None)
    if other is not None:
        raise StoreError(
            f"this store's signatures have {other} slots and minhash_permutations is {permutations}: "
            f"ingest into it with PARTYNET_MINHASH_PERMUTATIONS={other}, or into a new database"
        )


class BatchWriter:
    """One batch's transaction, holding the store's write lock from its start to its commit."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        lock_writes(connection)
        self.last_seq = last_seq(connection)  # the newest write number, this batch's own included

    def existing_ids(self, ids: list[str]) -> set[str]:
        """Which of these documents the store holds (another run may have written them meanwhile)."""
        return existing_ids(self.connection, ids)

    def stored_since(self, seq: int, permutations: int) -> Iterator[StoredDocuments]:
        """What other runs stored or re-pointed after write number `seq`: nothing, without a query,
        when no run wrote since."""
        if seq >= self.last_seq:
            return iter(())
        query = _state_query().where(documents.c.seq > seq).order_by(documents.c.seq)
        return _chunks(self.connection, query, permutations, 0, self.last_seq)

    def write(self, run_id: int, batch: list[Document], repoints: list[Repoint]) -> set[str]:
        """Insert new documents and move re-pointed ones: all of it or nothing, at commit. Returns the
        ids this call inserted: a document another process stored meanwhile (two ingests of
        overlapping inputs) is left as that process wrote it, not stored twice and not an error."""
        now = datetime.now(UTC)
        # originals before their duplicates, so every duplicate_of points at a row that exists
        ordered = sorted(batch, key=lambda doc: doc.duplicate_of is not None)
        rows = [
            doc.as_record() | {"run_id": run_id, "ingested_at": now, "seq": self._next()} for doc in ordered
        ]
        inserted = self._insert_new(rows) if rows else set()
        if repoints:
            # one statement, many parameter sets: a batch can move whole groups of duplicates
            statement = (
                update(documents)
                .where(documents.c.id == bindparam("target"))
                .values(
                    duplicate_of=bindparam("original"),
                    similarity=bindparam("sim"),
                    status=bindparam("st"),
                    seq=bindparam("number"),
                )
            )
            self.connection.execute(statement, [self._repoint_row(repoint) for repoint in repoints])
        return inserted

    def _next(self) -> int:
        self.last_seq += 1
        return self.last_seq

    def _insert_new(self, rows: list[dict[str, Any]]) -> set[str]:
        dialect = self.connection.dialect.name
        if dialect not in ("sqlite", "postgresql"):
            self.connection.execute(documents.insert(), rows)
            return {row["id"] for row in rows}
        insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
        statement = insert(documents).on_conflict_do_nothing(index_elements=["id"]).returning(documents.c.id)
        return set(self.connection.scalars(statement, rows))

    def _repoint_row(self, repoint: Repoint) -> dict[str, Any]:
        status = Status.KEPT if repoint.duplicate_of is None else Status.DUPLICATE
        return {
            "target": repoint.document_id,
            "original": repoint.duplicate_of,
            "sim": repoint.similarity,
            "st": status.value,
            "number": self._next(),
        }
