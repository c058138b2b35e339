"""A portable dump of the whole store, and its restoration into an empty store of either engine.

The dump is gzip-compressed JSON Lines: a header line (format, schema revision, row counts), then one
line per row, table by table in foreign-key order. Timestamps are ISO 8601 strings, bytes base64; JSON
columns stay JSON. Nothing in it depends on SQLite or PostgreSQL.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, DateTime, Integer, LargeBinary, Table, func, select, text, update

from partynet.store.repository import STREAM_ROWS, Store
from partynet.store.schema import metadata

FORMAT = "partynet-backup"
VERSION = 1
BATCH = 1000


class BackupError(ValueError):
    """A file that is no backup of this program, or a store a backup cannot be restored into."""


def tables() -> list[Table]:
    return list(metadata.sorted_tables)


def backup(store: Store, out: Path) -> dict[str, int]:
    """Write every row of the store to `out`; returns the row count per table."""
    revision, _ = store.schema_revision()
    with store.engine.connect() as connection:
        counts = {t.name: connection.scalar(select(func.count()).select_from(t)) or 0 for t in tables()}
        with gzip.open(out, "wt", encoding="utf-8") as stream:
            header = {"format": FORMAT, "version": VERSION, "schema": revision, "counts": counts}
            stream.write(json.dumps(header) + "\n")
            for table in tables():
                key = list(table.primary_key.columns)
                ordered = select(table).order_by(*key).execution_options(yield_per=STREAM_ROWS)
                for row in connection.execute(ordered).mappings():
                    record = {k: _portable(table, k, v) for k, v in row.items()}
                    stream.write(json.dumps({"table": table.name, "row": record}, ensure_ascii=False) + "\n")
    return counts


def restore(store: Store, source: Path) -> dict[str, int]:
    """Load a backup into `store`, which must hold no rows yet; returns the rows restored per table.
    One transaction: a file that turns out short or broken leaves the store as empty as it was."""
    lines = _lines(source)
    header = next(lines, None)
    if not header or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise BackupError(f"{source} is not a {FORMAT} file of version {VERSION}")
    with store.engine.begin() as connection:
        occupied = [t.name for t in tables() if connection.scalar(select(func.count()).select_from(t))]
        if occupied:
            raise BackupError(f"restore needs an empty store; this one has rows in {', '.join(occupied)}")
        restored = _load(connection, lines, source)
        expected = header.get("counts", {})
        short = {name: (n, restored.get(name)) for name, n in expected.items() if restored.get(name) != n}
        if short:
            raise BackupError(f"{source} is incomplete: rows per table expected/read {short}")
        _advance_sequences(connection)
    return restored


def _load(connection: Connection, lines: Iterator[dict[str, Any]], source: Path) -> dict[str, int]:
    known = {t.name: t for t in tables()}
    restored = dict.fromkeys(known, 0)
    pending: list[dict[str, Any]] = []
    current: Table | None = None
    later: list[tuple[Table, Any, str, Any]] = []  # self-references, set once every row exists
    for line in lines:
        table = known.get(line.get("table", ""))
        if table is None:
            raise BackupError(f"{source}: unknown table {line.get('table')!r}")
        if current is not None and table is not current:
            _flush(connection, current, pending)
        current = table
        row = {k: _native(table, k, v) for k, v in line["row"].items() if k in table.c}
        for column in _self_references(table):
            if row.get(column) is not None:
                later.append((table, _key(table, row), column, row[column]))
                row[column] = None
        pending.append(row)
        restored[table.name] += 1
        if len(pending) >= BATCH:
            _flush(connection, table, pending)
    if current is not None:
        _flush(connection, current, pending)
    for table, key, column, value in later:
        (key_name,) = table.primary_key.columns.keys()
        connection.execute(update(table).where(table.c[key_name] == key).values({column: value}))
    return restored


def _lines(source: Path) -> Iterator[dict[str, Any]]:
    try:
        with gzip.open(source, "rt", encoding="utf-8") as stream:
            for line in stream:
                if line.strip():
                    yield json.loads(line)
    except (OSError, json.JSONDecodeError, EOFError) as exc:
        raise BackupError(f"{source} cannot be read as a backup: {exc}") from exc


def _flush(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(table.insert(), rows)
        rows.clear()


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _key(table: Table, row: dict[str, Any]) -> Any:
    (name,) = table.primary_key.columns.keys()
    return row[name]


def _portable(table: Table, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = table.c[column].type
    if isinstance(kind, DateTime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.isoformat()
    if isinstance(kind, LargeBinary):
        return base64.b64encode(value).decode()
    return value


def _native(table: Table, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = table.c[column].type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    return value


def _advance_sequences(connection: Connection) -> None:
    """PostgreSQL hands out ids from sequences, which an insert of explicit ids does not move."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables():
        for column in table.primary_key.columns:
            if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "  # noqa: S608 - names from the schema
                        f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                    )
                )
