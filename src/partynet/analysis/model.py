"""What the analysis reads (the stored network, as plain values) and what it derives from it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PartyFact:
    id: str
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    type: str  # party | party_body | non_party


@dataclass(frozen=True, slots=True)
class Participation:
    party_id: str  # the party itself: a party body stands for its party, a merged entry for its target
    role: str


@dataclass(frozen=True, slots=True)
class Source:
    """A report an exchange rests on, and the sentence of it that states the exchange."""

    document_id: str
    title: str | None
    url: str | None  # the web address, or the file the report was read from
    text: str


@dataclass(frozen=True, slots=True)
class ExchangeFact:
    id: str
    kind: str
    date: str | None  # ISO date cut to its precision: "2024", "2024-06", "2024-06-27"
    status: str
    mechanism_id: str | None
    participants: tuple[Participation, ...]
    sources: tuple[Source, ...] = ()

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def party_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.party_id for p in self.participants))


@dataclass(frozen=True, slots=True)
class ClaimFact:
    id: str
    subject_id: str | None
    parties: int | None
    countries: int | None
    qualifier: str | None
    as_of: str | None
    status: str
    evidence: str  # the sentence that states it
    document_id: str | None


@dataclass(frozen=True, slots=True)
class MechanismFact:
    id: str
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class CountryFact:
    iso3: str
    name: str
    continent: str | None
    region: str | None


@dataclass(slots=True)
class NetworkData:
    """The stored network an analysis starts from: exchanges of the counted review statuses only."""

    exchanges: list[ExchangeFact]
    parties: dict[str, PartyFact]
    mechanisms: dict[str, MechanismFact] = field(default_factory=dict)
    claims: list[ClaimFact] = field(default_factory=list)
    countries: dict[str, CountryFact] = field(default_factory=dict)

    def country_of(self, party_id: str) -> str | None:
        party = self.parties.get(party_id)
        return party.country if party else None

    def name_of(self, party_id: str) -> str:
        party = self.parties.get(party_id)
        return party.name if party else party_id
