"""The store: the only place that holds SQL. SQLite by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select, update
from sqlalchemy.engine import make_url

from partynet import __version__
from partynet.domain import Document, Repoint, Status
from partynet.ingest.dedup import StoredDocuments
from partynet.store.batches import BatchWriter, existing_ids, lock_writes, stored_state
from partynet.store.errors import StoreError
from partynet.store.schema import documents, ingest_runs

MIGRATIONS = Path(__file__).parent / "migrations"
EXPORT_FIELDS = (
    "id",
    "external_id",
    "source",
    "url",
    "title",
    "published",
    "lang",
    "status",
    "duplicate_of",
    "text",
)


# Rows fetched at a time by the reads that walk a whole table: with it, PostgreSQL streams them through a
# server-side cursor; without it, psycopg would hold every row (every document's text) in memory at once.
STREAM_ROWS = 1_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers work during a write; busy_timeout makes concurrent writers wait, not fail at once
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # up to 64 MiB of pages per connection (SQLite's default is 2 MiB), taken only as a store grows:
    # writing into a store of some hundred MB otherwise rereads the same index pages from the OS
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True)
        except Exception as exc:
            raise StoreError(
                f"cannot open store {make_url(url).render_as_string(hide_password=True)}: {exc}"
            ) from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)

    @classmethod
    def open(cls, url: str) -> Store:
        """Open a store and bring its schema to the newest migration."""
        store = cls(url)
        store.upgrade()
        return store

    def close(self) -> None:
        self.engine.dispose()

    # -- schema -------------------------------------------------------------------------------------

    def _alembic(self, connection: Connection) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        return config

    def upgrade(self) -> None:
        with self.engine.begin() as connection:
            # Python's sqlite3 opens a transaction only before INSERT, UPDATE or DELETE, so a migration's
            # CREATE TABLEs would each commit on their own and a process killed half-way would leave half
            # a schema: with the write lock taken first (BEGIN IMMEDIATE), the whole upgrade commits or
            # none of it does. On either engine the lock makes a second process that opens a new store
            # wait, then find it made, instead of creating the same tables at the same time.
            lock_writes(connection)
            command.upgrade(self._alembic(connection), "head")

    def schema_revision(self) -> tuple[str | None, str | None]:
        """(current revision of the database, newest revision this version ships)."""
        with self.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            head = ScriptDirectory.from_config(self._alembic(connection)).get_current_head()
        return current, head

    # -- ingest runs --------------------------------------------------------------------------------

    def start_run(self, arguments: dict[str, Any]) -> int:
        with self.engine.begin() as connection:
            result = connection.execute(
                ingest_runs.insert().values(started_at=_now(), version=__version__, arguments=arguments)
            )
            key = result.inserted_primary_key
            if key is None:
                raise StoreError("the store did not return the new run's id")
            return int(key[0])

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(ingest_runs)
                .where(ingest_runs.c.id == run_id)
                .values(finished_at=_now(), summary=summary)
            )

    # -- documents ----------------------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        with self.engine.connect() as connection:
            return existing_ids(connection, list(ids))

    def dedup_state(self, permutations: int) -> Iterator[StoredDocuments]:
        """Every stored text's hash, signature and rank, a chunk at a time: what the duplicate index is
        rebuilt from. Signatures of another length than `permutations` are refused: they were made
        with another setting, and cannot be compared with the new ones."""
        with self.engine.connect() as connection:
            yield from stored_state(connection, permutations)

    @contextmanager
    def writing(self) -> Iterator[BatchWriter]:
        """One batch's transaction under the store's write lock: committed when the block ends."""
        with self.engine.begin() as connection:
            yield BatchWriter(connection)

    def write_batch(self, run_id: int, batch: list[Document], repoints: list[Repoint]) -> set[str]:
        """Insert new documents and move re-pointed ones in one transaction (`BatchWriter.write`)."""
        with self.writing() as writer:
            return writer.write(run_id, batch, repoints)

    def duplicates_among(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """The given documents that are duplicates, each with the source of its original."""
        original = documents.alias("original")
        query = (
            select(
                documents.c.id,
                documents.c.source_key,
                documents.c.duplicate_of,
                documents.c.similarity,
                original.c.source_key.label("original_source"),
            )
            .join(original, original.c.id == documents.c.duplicate_of)
            .where(documents.c.status == Status.DUPLICATE.value)
        )
        wanted = list(ids)
        found: list[dict[str, Any]] = []
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), 500):
                rows = connection.execute(query.where(documents.c.id.in_(wanted[start : start + 500])))
                found.extend(
                    {
                        "document": r.id,
                        "source": r.source_key,
                        "duplicate_of": r.duplicate_of,
                        "duplicate_of_source": r.original_source,
                        "similarity": r.similarity,
                    }
                    for r in rows
                )
        return sorted(found, key=lambda d: (d["source"], d["document"]))

    def iter_documents(self, statuses: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        query = select(*(documents.c[name] for name in EXPORT_FIELDS), documents.c.status_reason)
        if statuses:
            query = query.where(documents.c.status.in_(list(statuses)))
        with self.engine.connect() as connection:
            ordered = query.order_by(documents.c.source, documents.c.locator, documents.c.id)
            for row in connection.execute(ordered.execution_options(yield_per=STREAM_ROWS)):
                yield dict(row._mapping)  # noqa: SLF001 - the documented way to read a Row as a mapping

    def count_documents(self, statuses: Iterable[str] | None = None) -> int:
        """How many documents the store holds, of these statuses (all when none are named)."""
        query = select(func.count()).select_from(documents)
        if statuses:
            query = query.where(documents.c.status.in_(list(statuses)))
        with self.engine.connect() as connection:
            return connection.scalar(query) or 0

    def document_counts(self) -> dict[str, Any]:
        by_status_query = select(documents.c.status, func.count()).group_by(documents.c.status)
        by_lang_query = (
            select(documents.c.lang, func.count())
            .where(documents.c.status == Status.KEPT.value)
            .group_by(documents.c.lang)
        )
        with self.engine.connect() as connection:
            by_status = {str(status): int(count) for status, count in connection.execute(by_status_query)}
            by_lang = {str(lang): int(count) for lang, count in connection.execute(by_lang_query)}
        return {
            "documents": sum(by_status.values()),
            "by_status": dict(sorted(by_status.items())),
            "kept_by_language": dict(sorted(by_lang.items())),
        }


def _now() -> datetime:
    return datetime.now(UTC)
