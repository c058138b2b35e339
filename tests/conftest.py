"""Shared fixtures. Pull in the smallest data that has what a test needs: build it inline.

`store_url` is a fresh, empty store: SQLite in the test's temporary directory, or, when
PARTYNET_TEST_DB names a server URL (the PostgreSQL run of the suite), a clean schema on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def store_url(tmp_path: Path) -> Iterator[str]:
    server = os.environ.get("PARTYNET_TEST_DB")
    if not server:
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    empty(server)
    yield server


def empty(url: str) -> None:
    """Make the store at `url` empty: its SQLite file removed, or its PostgreSQL schema dropped."""
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):  # a write-ahead log left beside a new file would be replayed
            Path(path + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL pass runs the tests that use a store (`store_url`, directly or through another
    fixture): the others never reach the engine, and the SQLite pass has run them already."""
    if not os.environ.get("PARTYNET_TEST_DB"):
        return
    with_store = {id(item) for item in items if "store_url" in getattr(item, "fixturenames", ())}
    engine_free = [item for item in items if id(item) not in with_store]
    if engine_free:
        config.hook.pytest_deselected(items=engine_free)
        items[:] = [item for item in items if id(item) in with_store]
