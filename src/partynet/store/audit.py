"""The audit log: one entry per change an analyst or an admin makes (who, when, what, before, after)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from partynet.store.schema import audit

if TYPE_CHECKING:
    from sqlalchemy import Connection


def record(
    connection: Connection,
    actor: str,
    action: str,
    table: str,
    record_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    note: str | None = None,
) -> None:
    """Write one audit entry in the caller's transaction: the change and its entry land together."""
    connection.execute(
        audit.insert(),
        {
            "at": datetime.now(UTC),
            "actor": actor,
            "action": action,
            "table_name": table,
            "record_id": record_id,
            "before": before,
            "after": after,
            "note": note,
        },
    )
