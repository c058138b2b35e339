from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from typer.testing import CliRunner

from partynet.cli import app
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


def test_mentions_survive_a_downgrade_to_the_first_schema_and_the_upgrade_back(
    tmp_path: Path, store_url: str
) -> None:
    from alembic import command
    from sqlalchemy import text

    (tmp_path / "a.txt").write_text(
        "The Communist Party of China held talks with the African National Congress in Beijing on Monday.",
        encoding="utf-8",
    )
    assert (
        CliRunner().invoke(app, ["--db", store_url, "ingest", "--quiet", str(tmp_path / "a.txt")]).exit_code
        == 0
    )
    store = Store(store_url)
    count = "SELECT count(*) FROM mentions WHERE party_id IS NOT NULL"
    with store.engine.begin() as connection:
        before = connection.scalar(text(count))
        command.downgrade(store._alembic(connection), "0001")  # the schema an older release left
    store.upgrade()
    with store.engine.connect() as connection:
        after = connection.scalar(text(count))
    current, head = store.schema_revision()
    store.close()
    assert before
    assert after == before
    assert current == head
