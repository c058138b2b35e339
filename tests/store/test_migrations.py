from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from partynet.store.repository import Store
from partynet.store.schema import metadata

DOMAIN_TABLES = {
    "documents",
    "parties",
    "aliases",
    "mentions",
    "exchanges",
    "participants",
    "claims",
    "mechanisms",
    "audit",
    "evidence",
    "ingest_runs",
}


def test_migrations_build_exactly_the_declared_schema(store_url: str) -> None:
    store = Store.open(store_url)
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
        tables = set(inspect(connection).get_table_names())
    store.close()
    assert diff == []
    assert tables >= DOMAIN_TABLES


def test_upgrade_twice_is_harmless_and_revision_is_current(store_url: str) -> None:
    store = Store.open(store_url)
    store.upgrade()
    current, head = store.schema_revision()
    store.close()
    assert current == head
    assert head is not None
