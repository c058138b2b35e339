from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
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


def test_an_upgrade_that_dies_half_way_leaves_no_half_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `partynet ingest` killed while it creates a new SQLite store must not leave tables behind that
    the next run's migrations would trip over ("table audit already exists")."""
    from alembic import command

    from partynet.store import repository

    real = command.upgrade

    def dies_after_the_ddl(config: Any, revision: str) -> None:
        real(config, revision)
        raise KeyboardInterrupt  # the process stops before the migration's transaction commits

    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setattr(repository.command, "upgrade", dies_after_the_ddl)
    with pytest.raises(KeyboardInterrupt):
        repository.Store.open(url)
    monkeypatch.setattr(repository.command, "upgrade", real)
    with sqlite3.connect(tmp_path / "new.db") as connection:
        assert connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == []
    repository.Store.open(url).close()  # and the next run builds the schema from scratch


def test_documents_stored_before_write_numbers_get_them_in_the_order_they_were_written(
    tmp_path: Path, store_url: str
) -> None:
    """A store made before documents were numbered is numbered by the upgrade, below every later write,
    so that a run catching up on other runs' writes never reads the old documents as new."""
    from alembic import command
    from sqlalchemy import select, text

    from partynet.store.schema import documents

    runner = CliRunner()
    for name in ("a", "b"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"Report {name}: the delegation met the party's leaders in the capital.", "utf-8")
        assert runner.invoke(app, ["--db", store_url, "ingest", "--quiet", str(path)]).exit_code == 0
    store = Store(store_url)
    with store.engine.begin() as connection:
        command.downgrade(store._alembic(connection), "0005")
        assert "seq" not in {c["name"] for c in inspect(connection).get_columns("documents")}
        first_written = connection.scalar(text("SELECT id FROM documents ORDER BY ingested_at LIMIT 1"))
    store.upgrade()
    (tmp_path / "c.txt").write_text("Report c: a seminar on governance opened in the port city.", "utf-8")
    assert (
        runner.invoke(app, ["--db", store_url, "ingest", "--quiet", str(tmp_path / "c.txt")]).exit_code == 0
    )
    with store.engine.connect() as connection:
        numbered = connection.execute(select(documents.c.id, documents.c.seq).order_by(documents.c.seq)).all()
    store.close()
    assert [seq for _, seq in numbered] == sorted({seq for _, seq in numbered})  # distinct
    assert numbered[0] == (first_written, 1)
    assert numbered[-1][1] == 3
