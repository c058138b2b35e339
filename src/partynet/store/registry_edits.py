"""Analysts' additions to the registry: parties, aliases and merges, each written with its audit entry.

The shipped registry file is never changed; the store holds what analysts add on top of it, and
`Registry.with_changes` applies it. A registry party that an analyst touches gets a row in `parties`
(origin "registry") so that aliases and merges can refer to it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from partynet.registry.model import Alias, AliasKind, AnalystChanges, Party, PartyType
from partynet.store.audit import record as record_audit
from partynet.store.repository import Store
from partynet.store.schema import aliases, parties

REGISTRY_ORIGIN = "registry"


class RegistryEditError(ValueError):
    pass


class RegistryEdits:
    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def changes(self) -> AnalystChanges:
        with self.engine.connect() as connection:
            rows = list(connection.execute(select(parties)).mappings())
            alias_rows = list(connection.execute(select(aliases).order_by(aliases.c.id)).mappings())
        return AnalystChanges(
            parties=tuple(_party(row) for row in rows if row["origin"] != REGISTRY_ORIGIN),
            aliases=tuple((row["party_id"], _alias(row)) for row in alias_rows),
            merges=tuple((row["id"], row["merged_into"]) for row in rows if row["merged_into"]),
        )

    def add_party(self, party: Party, actor: str, note: str | None = None) -> None:
        with self.engine.begin() as connection:
            if connection.scalar(select(parties.c.id).where(parties.c.id == party.id)):
                raise RegistryEditError(f"{party.id} already exists")
            row = party_row(party, origin=actor)
            connection.execute(parties.insert().values(row))
            for alias in party.aliases:
                connection.execute(aliases.insert().values(_alias_row(party.id, alias)))
            record_audit(connection, actor, "add", "parties", party.id, None, _jsonable(row), note)

    def add_alias(self, party: Party, alias: Alias, actor: str, note: str | None = None) -> None:
        with self.engine.begin() as connection:
            _ensure_row(connection, party)
            exists = connection.scalar(
                select(aliases.c.id).where(
                    aliases.c.party_id == party.id,
                    aliases.c.text == alias.text,
                    aliases.c.kind == alias.kind.value,
                )
            )
            if exists:
                raise RegistryEditError(f"{party.id} already has the {alias.kind.value} '{alias.text}'")
            row = _alias_row(party.id, alias)
            connection.execute(aliases.insert().values(row))
            record_audit(connection, actor, "alias", "aliases", party.id, None, row, note)

    def merge(self, merged: Party, into: Party, actor: str, note: str | None = None) -> None:
        """Record that `merged` is the same party as `into`: links to it go to `into` from now on."""
        if merged.id == into.id:
            raise RegistryEditError("a party cannot be merged into itself")
        with self.engine.begin() as connection:
            _ensure_row(connection, merged)
            _ensure_row(connection, into)
            target = connection.scalar(select(parties.c.merged_into).where(parties.c.id == into.id))
            if target == merged.id:
                raise RegistryEditError(f"{into.id} is already merged into {merged.id}")
            before = connection.scalar(select(parties.c.merged_into).where(parties.c.id == merged.id))
            connection.execute(
                update(parties)
                .where(parties.c.id == merged.id)
                .values(merged_into=into.id, updated_at=_now())
            )
            record_audit(
                connection,
                actor,
                "merge",
                "parties",
                merged.id,
                {"merged_into": before},
                {"merged_into": into.id},
                note,
            )

    def revert(self, entry: dict[str, Any], actor: str) -> str:
        """Undo an analyst's merge or alias (an audit entry of `parties` or `aliases`); returns the party."""
        party_id = str(entry["record_id"])
        with self.engine.begin() as connection:
            if entry["table_name"] == "parties" and entry["action"] == "merge":
                restored = (entry["before"] or {}).get("merged_into")
                connection.execute(
                    update(parties)
                    .where(parties.c.id == party_id)
                    .values(merged_into=restored, updated_at=_now())
                )
            elif entry["table_name"] == "aliases" and entry["action"] == "alias":
                added = entry["after"] or {}
                connection.execute(
                    delete(aliases).where(
                        aliases.c.party_id == party_id,
                        aliases.c.text == added.get("text"),
                        aliases.c.kind == added.get("kind"),
                    )
                )
            else:
                raise RegistryEditError(f"decision {entry['id']} ({entry['action']}) cannot be undone here")
            why = f"revert of {entry['id']}"
            record_audit(
                connection,
                actor,
                "revert",
                entry["table_name"],
                party_id,
                entry["after"],
                entry["before"],
                why,
            )
        return party_id


def _ensure_row(connection: Connection, party: Party) -> None:
    if not connection.scalar(select(parties.c.id).where(parties.c.id == party.id)):
        connection.execute(
            parties.insert().values(party_row(party, origin=REGISTRY_ORIGIN, with_parent=False))
        )


def party_row(
    party: Party, *, origin: str, with_parent: bool = True, now: datetime | None = None
) -> dict[str, Any]:
    """The `parties` row of a registry entry; without its parent where that may have no row yet."""
    return {
        "id": party.id,
        "name": party.name,
        "name_zh": party.name_zh,
        "native_name": party.native_name,
        "country": party.country,
        "type": party.type.value,
        "parent_id": party.parent if with_parent else None,
        "founded": str(party.founded) if party.founded else None,
        "dissolved": str(party.dissolved) if party.dissolved else None,
        "external_ids": party.source_ids,
        "origin": origin,
        "updated_at": now or _now(),
    }


def _alias_row(party_id: str, alias: Alias) -> dict[str, Any]:
    return {
        "party_id": party_id,
        "text": alias.text,
        "lang": alias.lang,
        "kind": alias.kind.value,
        "valid_from": str(alias.valid_from) if alias.valid_from else None,
        "valid_to": str(alias.valid_to) if alias.valid_to else None,
        "source": alias.source,
    }


def _party(row: Any) -> Party:
    return Party(
        id=row["id"],
        name=row["name"],
        country=row["country"],
        type=PartyType(row["type"]),
        name_zh=row["name_zh"],
        native_name=row["native_name"],
        parent=row["parent_id"],
        founded=int(row["founded"]) if row["founded"] else None,
        dissolved=int(row["dissolved"]) if row["dissolved"] else None,
        source_ids=dict(row["external_ids"] or {}),
    )


def _alias(row: Any) -> Alias:
    return Alias(
        row["text"],
        AliasKind(row["kind"]),
        row["lang"],
        row["source"] or "",
        int(row["valid_from"]) if row["valid_from"] else None,
        int(row["valid_to"]) if row["valid_to"] else None,
    )


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}


def _now() -> datetime:
    return datetime.now(UTC)
