"""The stored network as plain values for the analysis: exchanges of the counted review statuses with
their participants resolved to the parties they stand for, parties, mechanisms, claims and countries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from partynet.analysis.model import (
    ClaimFact,
    CountryFact,
    ExchangeFact,
    MechanismFact,
    NetworkData,
    Participation,
    PartyFact,
    Source,
)
from partynet.registry.registry import Registry
from partynet.store.repository import Store
from partynet.store.schema import (
    claims,
    documents,
    evidence,
    exchanges,
    mechanisms,
    participants,
    parties,
)

MAX_MERGE_CHAIN = 32  # merges never loop, but a hand-edited store might: stop there


def load_network(store: Store, statuses: Iterable[str], registry: Registry | None = None) -> NetworkData:
    """Exchanges whose review status is one of `statuses`, each participant standing for its party: a
    merged entry for the one it was merged into, a party body (an international department) for its
    party. Participants linked to no registry entry are left out: they are nobody's partner."""
    wanted = list(statuses)
    with store.engine.connect() as connection:
        party_rows = {row["id"]: dict(row) for row in connection.execute(select(parties)).mappings()}
        resolve = _Resolver(party_rows, registry)
        taking_part: dict[str, list[Participation]] = defaultdict(list)
        query = (
            select(participants.c.exchange_id, participants.c.party_id, participants.c.role)
            .join(exchanges, exchanges.c.id == participants.c.exchange_id)
            .where(exchanges.c.status.in_(wanted), participants.c.party_id.is_not(None))
            .order_by(participants.c.id)
        )
        for exchange_id, party_id, role in connection.execute(query):
            taking_part[exchange_id].append(Participation(resolve(party_id), role))
        sources = _sources(connection, wanted)
        facts = [
            ExchangeFact(
                id=row["id"],
                kind=row["kind"],
                date=row["date"],
                status=row["status"],
                mechanism_id=row["mechanism_id"],
                participants=tuple(taking_part.get(row["id"], ())),
                sources=tuple(sources.get(row["id"], ())),
            )
            for row in connection.execute(
                select(exchanges).where(exchanges.c.status.in_(wanted)).order_by(exchanges.c.id)
            ).mappings()
        ]
        stated = _claims(connection, wanted, resolve)
        forums = {
            row["id"]: MechanismFact(row["id"], row["name"], row["type"])
            for row in connection.execute(select(mechanisms)).mappings()
        }
    return NetworkData(
        exchanges=facts,
        parties=resolve.parties(),
        mechanisms=forums,
        claims=stated,
        countries=_countries(registry),
    )


class _Resolver:
    """The party a stored participant stands for, and the facts of every party met on the way."""

    def __init__(self, rows: dict[str, dict[str, Any]], registry: Registry | None) -> None:
        self._rows = rows
        self._registry = registry
        self._seen: dict[str, PartyFact] = {}

    def __call__(self, party_id: str) -> str:
        current = self._merged(party_id)
        parent = self._parent(current)
        if parent:
            current = self._merged(parent)
        self._seen.setdefault(current, self._fact(current))
        return current

    def parties(self) -> dict[str, PartyFact]:
        return dict(self._seen)

    def _merged(self, party_id: str) -> str:
        for _ in range(MAX_MERGE_CHAIN):
            row = self._rows.get(party_id)
            target = row["merged_into"] if row else None
            if not target:
                break
            party_id = target
        return party_id

    def _parent(self, party_id: str) -> str | None:
        row = self._rows.get(party_id)
        if row and row["type"] != "party_body":
            return None
        if row and row["parent_id"]:
            return str(row["parent_id"])
        entry = self._registry.by_id.get(party_id) if self._registry else None
        return entry.parent if entry and entry.parent else None

    def _fact(self, party_id: str) -> PartyFact:
        row = self._rows.get(party_id)
        if row:
            return PartyFact(party_id, row["name"], row["country"], row["type"])
        entry = self._registry.by_id.get(party_id) if self._registry else None
        if entry:
            return PartyFact(party_id, entry.name, entry.country, entry.type.value)
        return PartyFact(party_id, party_id, None, "party")


def _sources(connection: Any, statuses: list[str]) -> dict[str, list[Source]]:
    query = (
        select(
            evidence.c.exchange_id,
            evidence.c.document_id,
            evidence.c.text,
            documents.c.title,
            documents.c.url,
            documents.c.source,
        )
        .join(documents, documents.c.id == evidence.c.document_id)
        .join(exchanges, exchanges.c.id == evidence.c.exchange_id)
        .where(exchanges.c.status.in_(statuses))
        .order_by(evidence.c.id)
    )
    found: dict[str, list[Source]] = defaultdict(list)
    for exchange_id, document_id, text, title, url, source in connection.execute(query):
        found[exchange_id].append(Source(document_id, title, url or source, text))
    return found


def _claims(connection: Any, statuses: list[str], resolve: _Resolver) -> list[ClaimFact]:
    first_span: dict[str, tuple[str, str]] = {}
    for claim_id, text, document_id in connection.execute(
        select(evidence.c.claim_id, evidence.c.text, evidence.c.document_id)
        .where(evidence.c.claim_id.is_not(None))
        .order_by(evidence.c.id)
    ):
        first_span.setdefault(claim_id, (text, document_id))
    return [
        ClaimFact(
            id=row["id"],
            subject_id=resolve(row["subject_id"]) if row["subject_id"] else None,
            parties=row["parties"],
            countries=row["countries"],
            qualifier=row["qualifier"],
            as_of=row["as_of"],
            status=row["status"],
            evidence=first_span.get(row["id"], ("", ""))[0],
            document_id=first_span.get(row["id"], ("", None))[1],
        )
        for row in connection.execute(
            select(claims).where(claims.c.status.in_(statuses)).order_by(claims.c.id)
        ).mappings()
    ]


def _countries(registry: Registry | None) -> dict[str, CountryFact]:
    if registry is None:
        return {}
    return {c.iso3: CountryFact(c.iso3, c.name, c.continent, c.region) for c in registry.countries}
