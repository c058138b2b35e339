"""Analysts' decisions on exchanges: accept, reject, edit any field, merge two into one; each one an
audit entry holding the record before and after, and each one reversible from that entry. A decided
record is never touched by a later extraction run (extractions.py clears only status "extracted").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from partynet.store.audit import record as record_audit
from partynet.store.repository import Store
from partynet.store.schema import audit, evidence, exchanges, participants, parties

KINDS = ("meeting", "visit", "conference", "briefing", "message", "call", "agreement", "other")
ROLES = ("host", "guest", "attendee", "sender", "recipient", "delegation")
PRECISIONS = {4: "year", 7: "month", 10: "day"}
ACCEPTED, EDITED, REJECTED, MERGED = "accepted", "edited", "rejected", "merged"
EDITABLE = ("kind", "date", "place", "participants")


class ReviewError(ValueError):
    """A decision that cannot be applied: unknown record, bad value, nothing to revert."""


class NotFoundError(ReviewError):
    pass


@dataclass(frozen=True, slots=True)
class ParticipantEdit:
    party_id: str | None
    role: str
    surface: str | None = None
    people: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ExchangeEdit:
    """The fields an analyst sets; None leaves a field as it is (an empty place clears it)."""

    kind: str | None = None
    date: str | None = None
    place: str | None = None
    participants: list[ParticipantEdit] | None = None


class Review:
    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def accept(self, exchange_id: str, actor: str, note: str | None = None) -> dict[str, Any]:
        return self._set_status(exchange_id, ACCEPTED, "accept", actor, note)

    def reject(self, exchange_id: str, actor: str, note: str | None = None) -> dict[str, Any]:
        return self._set_status(exchange_id, REJECTED, "reject", actor, note)

    def edit(
        self, exchange_id: str, change: ExchangeEdit, actor: str, note: str | None = None
    ) -> dict[str, Any]:
        _check(change)
        with self.engine.begin() as connection:
            before = _snapshot(connection, exchange_id)
            values: dict[str, Any] = {"status": EDITED, "updated_at": datetime.now(UTC)}
            if change.kind is not None:
                values["kind"] = change.kind
            if change.date is not None:
                values["date"] = change.date or None
                values["date_precision"] = PRECISIONS.get(len(change.date)) if change.date else None
                values["date_source"] = "analyst" if change.date else None
            if change.place is not None:
                values["place"] = change.place or None
            connection.execute(update(exchanges).where(exchanges.c.id == exchange_id).values(values))
            if change.participants is not None:
                _check_parties(connection, change.participants)
                connection.execute(delete(participants).where(participants.c.exchange_id == exchange_id))
                rows = [
                    {"exchange_id": exchange_id, "party_id": p.party_id, "mention_id": None,
                     "surface": p.surface, "role": p.role, "people": p.people}
                    for p in change.participants
                ]  # fmt: skip
                if rows:
                    connection.execute(participants.insert(), rows)
            after = _snapshot(connection, exchange_id)
            _audit(connection, actor, "edit", exchange_id, before, after, note)
        return after

    def merge(self, source_id: str, target_id: str, actor: str, note: str | None = None) -> dict[str, Any]:
        """`source` and `target` report one exchange: the target takes the source's evidence and any
        counterpart it lacked; the source stays, marked merged, so that the merge can be undone."""
        if source_id == target_id:
            raise ReviewError("an exchange cannot be merged into itself")
        with self.engine.begin() as connection:
            source, target = _snapshot(connection, source_id), _snapshot(connection, target_id)
            known = {p["party_id"] for p in target["participants"] if p["party_id"]}
            connection.execute(
                update(evidence).where(evidence.c.exchange_id == source_id).values(exchange_id=target_id)
            )
            missing = [p for p in source["participants"] if p["party_id"] and p["party_id"] not in known]
            if missing:
                connection.execute(participants.insert(), [_participant_row(target_id, p) for p in missing])
            connection.execute(
                update(exchanges)
                .where(exchanges.c.id == source_id)
                .values(status=MERGED, updated_at=datetime.now(UTC))
            )
            merged = _snapshot(connection, source_id)
            why = note or f"merged into {target_id}"
            _audit(connection, actor, "merge", source_id, source, merged, why, extra={"target": target})
            return _snapshot(connection, target_id)

    def split(
        self, exchange_id: str, evidence_ids: list[int], actor: str, note: str | None = None
    ) -> dict[str, Any]:
        """Some reports of an exchange tell another event: their evidence moves to a new exchange (a copy
        of this one's fields and participants, for the analyst to correct). Returns the new exchange."""
        with self.engine.begin() as connection:
            before = _snapshot(connection, exchange_id)
            own = {e["id"] for e in before["evidence"]}
            moving = set(evidence_ids)
            if not moving or not moving <= own or moving == own:
                raise ReviewError("name some, not all, of the exchange's evidence ids to split off")
            new_id = hashlib.sha256(f"{exchange_id}:split:{sorted(moving)}".encode()).hexdigest()[:32]
            now = datetime.now(UTC)
            row = connection.execute(select(exchanges).where(exchanges.c.id == exchange_id)).mappings().one()
            connection.execute(
                exchanges.insert(),
                dict(row) | {"id": new_id, "status": EDITED, "created_at": now, "updated_at": now},
            )
            if before["participants"]:
                connection.execute(
                    participants.insert(), [_participant_row(new_id, p) for p in before["participants"]]
                )
            connection.execute(update(evidence).where(evidence.c.id.in_(moving)).values(exchange_id=new_id))
            connection.execute(
                update(exchanges).where(exchanges.c.id == exchange_id).values(status=EDITED, updated_at=now)
            )
            created = _snapshot(connection, new_id)
            why = note or f"split into {new_id}"
            _audit(connection, actor, "split", exchange_id, before, _snapshot(connection, exchange_id), why,
                   extra={"created": new_id})  # fmt: skip
            return created

    def revert(self, audit_id: int, actor: str) -> dict[str, Any]:
        """Undo one decision: the record (and, for a merge, the target) goes back to its state before it."""
        with self.engine.begin() as connection:
            entry = connection.execute(select(audit).where(audit.c.id == audit_id)).mappings().first()
            if entry is None or entry["table_name"] != "exchanges" or not entry["before"]:
                raise NotFoundError(f"no reversible decision {audit_id}")
            before = entry["before"]
            current = _snapshot(connection, entry["record_id"])
            if entry["action"] == "split":
                _undo_split(connection, entry["record_id"], before["_undo"]["created"])
            if entry["action"] == "merge":
                _undo_merge(connection, entry["record_id"], before)
            _restore(connection, before)
            restored = _snapshot(connection, entry["record_id"])
            _audit(
                connection, actor, "revert", entry["record_id"], current, restored, f"revert of {audit_id}"
            )
            return _snapshot(connection, entry["record_id"])

    def entry(self, audit_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(audit).where(audit.c.id == audit_id)).mappings().first()
        return dict(row) if row else None

    def history(self, exchange_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        query = select(audit).order_by(audit.c.id.desc()).limit(limit)
        if exchange_id is not None:
            query = query.where(audit.c.table_name == "exchanges", audit.c.record_id == exchange_id)
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def _set_status(
        self, exchange_id: str, status: str, action: str, actor: str, note: str | None
    ) -> dict[str, Any]:
        with self.engine.begin() as connection:
            before = _snapshot(connection, exchange_id)
            connection.execute(
                update(exchanges)
                .where(exchanges.c.id == exchange_id)
                .values(status=status, updated_at=datetime.now(UTC))
            )
            after = _snapshot(connection, exchange_id)
            _audit(connection, actor, action, exchange_id, before, after, note)
        return after


def _undo_split(connection: Connection, exchange_id: str, created: str) -> None:
    """The evidence split off goes back; the exchange made of it goes."""
    connection.execute(
        update(evidence).where(evidence.c.exchange_id == created).values(exchange_id=exchange_id)
    )
    connection.execute(delete(participants).where(participants.c.exchange_id == created))
    connection.execute(delete(exchanges).where(exchanges.c.id == created))


def _undo_merge(connection: Connection, exchange_id: str, before: dict[str, Any]) -> None:
    """The merged exchange's evidence comes back from the target, which returns to its own state."""
    moved = [e["id"] for e in before["evidence"]]
    connection.execute(update(evidence).where(evidence.c.id.in_(moved)).values(exchange_id=exchange_id))
    _restore(connection, before["_undo"]["target"])


def _check(change: ExchangeEdit) -> None:
    if change.kind is not None and change.kind not in KINDS:
        raise ReviewError(f"kind must be one of {', '.join(KINDS)}, not {change.kind!r}")
    if change.date:
        layout = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}.get(len(change.date), "?")
        try:
            datetime.strptime(change.date, layout).replace(tzinfo=UTC)
        except ValueError as exc:
            raise ReviewError(f"a date is YYYY, YYYY-MM or YYYY-MM-DD, not {change.date!r}") from exc
    for p in change.participants or []:
        if p.role not in ROLES:
            raise ReviewError(f"a role is one of {', '.join(ROLES)}, not {p.role!r}")
        if not p.party_id and not p.surface:
            raise ReviewError("a participant needs a party id or a name")


def _check_parties(connection: Connection, given: list[ParticipantEdit]) -> None:
    wanted = {p.party_id for p in given if p.party_id}
    known = set(connection.scalars(select(parties.c.id).where(parties.c.id.in_(wanted))))
    if wanted - known:
        raise ReviewError(f"unknown party: {', '.join(sorted(wanted - known))}")


def _snapshot(connection: Connection, exchange_id: str) -> dict[str, Any]:
    row = connection.execute(select(exchanges).where(exchanges.c.id == exchange_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"no exchange {exchange_id}")
    taking_part = connection.execute(
        select(participants).where(participants.c.exchange_id == exchange_id).order_by(participants.c.id)
    ).mappings()
    spans = connection.execute(
        select(evidence.c.id, evidence.c.document_id).where(evidence.c.exchange_id == exchange_id)
    ).mappings()
    record = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}
    record["participants"] = [
        {k: v for k, v in p.items() if k not in ("id", "exchange_id")} for p in taking_part
    ]
    record["evidence"] = [dict(e) for e in spans]
    return record


_RESTORED = ("kind", "date", "date_precision", "date_source", "place", "mechanism_id", "topics", "status")


def _restore(connection: Connection, snapshot: dict[str, Any]) -> None:
    exchange_id = snapshot["id"]
    connection.execute(
        update(exchanges)
        .where(exchanges.c.id == exchange_id)
        .values({k: snapshot[k] for k in _RESTORED} | {"updated_at": datetime.now(UTC)})
    )
    connection.execute(delete(participants).where(participants.c.exchange_id == exchange_id))
    if snapshot["participants"]:
        connection.execute(
            participants.insert(), [_participant_row(exchange_id, p) for p in snapshot["participants"]]
        )


def _participant_row(exchange_id: str, p: dict[str, Any]) -> dict[str, Any]:
    return {
        "exchange_id": exchange_id,
        "party_id": p["party_id"],
        "mention_id": p.get("mention_id"),
        "surface": p.get("surface"),
        "role": p["role"],
        "people": p.get("people") or [],
    }


def _audit(
    connection: Connection,
    actor: str,
    action: str,
    exchange_id: str,
    before: dict[str, Any],
    after: dict[str, Any],
    note: str | None,
    extra: dict[str, Any] | None = None,
) -> None:
    # `extra` holds what undoing a merge or a split needs, kept beside the record as it was
    snapshot = before | ({"_undo": extra} if extra else {})
    record_audit(connection, actor, action, "exchanges", exchange_id, snapshot, after, note)
