"""Every record of a store, as comparable values: what two stores must agree on to be "the same"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import DateTime, Table, select

from partynet.store.repository import Store
from partynet.store.schema import (
    aliases,
    claims,
    documents,
    evidence,
    exchanges,
    mechanisms,
    mentions,
    participants,
    parties,
)

COMPARED = (documents, parties, aliases, mechanisms, mentions, exchanges, participants, claims, evidence)
# which run wrote a row, and surrogate row numbers, say how a row got there, not what it records
NOT_RECORDS = {"run_id"}


def store_records(url: str) -> dict[str, list[dict[str, Any]]]:
    store = Store.open(url)
    try:
        with store.engine.connect() as connection:
            return {table.name: _rows(connection, table) for table in COMPARED}
    finally:
        store.close()


def _rows(connection: Any, table: Table) -> list[dict[str, Any]]:
    skipped = NOT_RECORDS | {c.name for c in table.columns if isinstance(c.type, DateTime)}
    if table.c.id.autoincrement is True:
        skipped.add("id")
    rows = [
        {k: v for k, v in row._mapping.items() if k not in skipped}
        for row in connection.execute(select(table))
    ]
    return sorted(rows, key=repr)
