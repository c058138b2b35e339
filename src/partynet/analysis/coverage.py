"""One party's network over time, and the network-size claims set beside what the evidence supports.

A partner of the focal party is any registry entry an exchange links it with (relations.py states the
rule): a party, or an organisation that is not a party (a government body, a think tank, media). Both
are counted as partners, as the parties' own claims count "parties and organisations"; `parties`
counts the parties alone. A country is in contact when some partner belongs to it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from partynet.analysis.model import ClaimFact, ExchangeFact, NetworkData, PartyFact
from partynet.analysis.relations import Relation, partners_in, relations_of

PARTY_TYPES = frozenset(("party", "party_body"))
UNKNOWN = "unknown"


@dataclass(slots=True)
class YearCoverage:
    year: int
    exchanges: int
    partners: int
    parties: int
    countries: int
    cumulative_partners: int
    cumulative_parties: int
    cumulative_countries: int
    new_partners: list[str]
    kinds: dict[str, int]
    continents: dict[str, int]  # distinct countries in contact this year, per continent
    exchange_ids: list[str]


@dataclass(slots=True)
class Partner:
    party_id: str
    name: str
    country: str | None
    exchanges: int
    strength: float
    first: str | None
    last: str | None
    regular: bool
    exchange_ids: list[str]


@dataclass(slots=True)
class Coverage:
    party: PartyFact
    years: list[YearCoverage]
    undated_exchange_ids: list[str]
    exchanges: int
    partners: int
    parties: int
    countries: int
    by_kind: dict[str, int]
    by_mechanism: dict[str, int]
    by_continent: dict[str, int]  # distinct countries in contact, all years
    by_region: dict[str, int]
    top_partners: list[Partner] = field(default_factory=list)


def coverage(
    data: NetworkData, party_id: str, all_relations: dict[tuple[str, str], Relation], top: int = 20
) -> Coverage:
    """The focal party's contacts per year and in all, by kind, mechanism, continent and region."""
    mine = [e for e in data.exchanges if party_id in e.party_ids]
    partners_of = {e.id: partners_in(e, party_id) for e in mine}
    every = {p for partners in partners_of.values() for p in partners}
    countries = {c for c in map(data.country_of, every) if c}
    party = data.parties.get(party_id) or PartyFact(party_id, party_id, None, "party")
    return Coverage(
        party=party,
        years=_years(data, mine, partners_of),
        undated_exchange_ids=[e.id for e in mine if e.year is None],
        exchanges=len(mine),
        partners=len(every),
        parties=len(_parties_only(data, every)),
        countries=len(countries),
        by_kind=dict(Counter(e.kind for e in mine).most_common()),
        by_mechanism=dict(Counter(e.mechanism_id for e in mine if e.mechanism_id).most_common()),
        by_continent=_count_by(data, countries, "continent"),
        by_region=_count_by(data, countries, "region"),
        top_partners=[_partner(data, r, party_id) for r in relations_of(all_relations, party_id)[:top]],
    )


def _years(
    data: NetworkData, mine: list[ExchangeFact], partners_of: dict[str, list[str]]
) -> list[YearCoverage]:
    by_year: dict[int, list[ExchangeFact]] = defaultdict(list)
    for exchange in mine:
        if exchange.year is not None:
            by_year[exchange.year].append(exchange)
    seen: set[str] = set()
    seen_countries: set[str] = set()
    rows = []
    for year in sorted(by_year):
        partners = {p for e in by_year[year] for p in partners_of[e.id]}
        countries = {c for c in map(data.country_of, partners) if c}
        new = sorted(partners - seen)
        seen |= partners
        seen_countries |= countries
        rows.append(
            YearCoverage(
                year=year,
                exchanges=len(by_year[year]),
                partners=len(partners),
                parties=len(_parties_only(data, partners)),
                countries=len(countries),
                cumulative_partners=len(seen),
                cumulative_parties=len(_parties_only(data, seen)),
                cumulative_countries=len(seen_countries),
                new_partners=new,
                kinds=dict(Counter(e.kind for e in by_year[year]).most_common()),
                continents=_count_by(data, countries, "continent"),
                exchange_ids=[e.id for e in by_year[year]],
            )
        )
    return rows


def _parties_only(data: NetworkData, ids: set[str]) -> set[str]:
    return {i for i in ids if (p := data.parties.get(i)) is None or p.type in PARTY_TYPES}


def _count_by(data: NetworkData, countries: set[str], attribute: str) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for iso3 in countries:
        country = data.countries.get(iso3)
        counts[(getattr(country, attribute) if country else None) or UNKNOWN] += 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _partner(data: NetworkData, relation: Relation, party_id: str) -> Partner:
    other = relation.other(party_id)
    return Partner(
        party_id=other,
        name=data.name_of(other),
        country=data.country_of(other),
        exchanges=relation.exchanges,
        strength=relation.strength,
        first=relation.first,
        last=relation.last,
        regular=relation.regular,
        exchange_ids=list(relation.exchange_ids),
    )


@dataclass(slots=True)
class ClaimCheck:
    claim: ClaimFact
    subject_name: str | None
    supported_partners: int | None  # partners the stored evidence shows up to the claim's date
    supported_parties: int | None
    supported_countries: int | None
    partners_gap: int | None  # claimed minus supported: what the evidence does not (yet) show
    countries_gap: int | None
    exchange_ids: list[str]


def check_claims(data: NetworkData) -> list[ClaimCheck]:
    """Every stated claim beside the partners and countries its subject's exchanges show by its date."""
    return [_check(data, claim) for claim in data.claims]


def _check(data: NetworkData, claim: ClaimFact) -> ClaimCheck:
    if claim.subject_id is None:
        return ClaimCheck(claim, None, None, None, None, None, None, [])
    subject = claim.subject_id
    counted = [e for e in data.exchanges if subject in e.party_ids and _by(e, claim.as_of)]
    partners = {p for e in counted for p in partners_in(e, subject)}
    countries = {c for c in map(data.country_of, partners) if c}
    return ClaimCheck(
        claim=claim,
        subject_name=data.name_of(subject),
        supported_partners=len(partners),
        supported_parties=len(_parties_only(data, partners)),
        supported_countries=len(countries),
        partners_gap=claim.parties - len(partners) if claim.parties is not None else None,
        countries_gap=claim.countries - len(countries) if claim.countries is not None else None,
        exchange_ids=[e.id for e in counted],
    )


def _by(exchange: ExchangeFact, as_of: str | None) -> bool:
    """Whether an exchange happened by a date. An undated exchange counts only for an undated claim;
    a date of lower precision is compared at its own precision ("2024-06" is by "2024-06-30")."""
    if as_of is None:
        return True
    if exchange.date is None:
        return False
    return exchange.date <= as_of[: len(exchange.date)]
