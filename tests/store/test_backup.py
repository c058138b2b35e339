"""`partynet db backup` writes every row to a portable file; `db restore` loads it into an empty store
of either engine (the target is `store_url`: SQLite, or PostgreSQL in the PostgreSQL pass) with every
row equal, and refuses a store that holds rows or a file that is short."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from typer.testing import CliRunner

from partynet.cli import app
from partynet.store.backup import tables
from partynet.store.repository import Store
from partynet.store.review import ExchangeEdit, Review
from partynet.store.users import Role, Users
from tests.analysis.test_network_figures import scenario

runner = CliRunner()


def _rows(url: str) -> dict[str, list[dict[str, Any]]]:
    store = Store.open(url)
    with store.engine.connect() as connection:
        found = {
            t.name: [
                {k: _comparable(v) for k, v in row.items()}
                for row in connection.execute(select(t).order_by(*t.primary_key.columns)).mappings()
            ]
            for t in tables()
        }
    store.close()
    return found


def _comparable(value: Any) -> Any:
    """SQLite gives back naive UTC timestamps, PostgreSQL aware ones: compare them as UTC."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    return value


def test_a_backup_restores_every_row_into_an_empty_store(tmp_path: Path, store_url: str) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    store = scenario().write(source)
    Users(store).add("ana", Role.ANALYST)
    Review(store).edit("e1", ExchangeEdit(kind="visit"), "ana", "a visit")  # an audit entry with JSON
    store.close()
    dump = tmp_path / "store.jsonl.gz"
    assert runner.invoke(app, ["--db", source, "db", "backup", str(dump)]).exit_code == 0
    restored = runner.invoke(app, ["--db", store_url, "db", "restore", str(dump)])
    assert restored.exit_code == 0, restored.output
    before, after = _rows(source), _rows(store_url)
    assert {name: len(rows) for name, rows in after.items()} == {
        name: len(rows) for name, rows in before.items()
    }
    for name in before:
        assert after[name] == before[name], name
    store = Store.open(store_url)
    token = Users(store).add("next", Role.VIEWER)  # ids go on after the restored ones
    assert Users(store).by_token(token) is not None
    store.close()
    again = runner.invoke(app, ["--db", store_url, "db", "restore", str(dump)])
    assert again.exit_code == 2
    assert "needs an empty store" in again.output


def test_a_short_or_foreign_file_is_refused_and_changes_nothing(tmp_path: Path, store_url: str) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    scenario().write(source).close()
    dump = tmp_path / "store.jsonl.gz"
    runner.invoke(app, ["--db", source, "db", "backup", str(dump)])
    lines = gzip.decompress(dump.read_bytes()).decode().splitlines()
    short = tmp_path / "short.jsonl.gz"
    short.write_bytes(gzip.compress("\n".join(lines[:-3]).encode()))
    refused = runner.invoke(app, ["--db", store_url, "db", "restore", str(short)])
    assert refused.exit_code == 2
    assert "incomplete" in refused.output
    assert all(not rows for rows in _rows(store_url).values()), "nothing half-restored"
    foreign = tmp_path / "foreign.jsonl.gz"
    foreign.write_bytes(b"not a backup")
    assert runner.invoke(app, ["--db", store_url, "db", "restore", str(foreign)]).exit_code == 2
