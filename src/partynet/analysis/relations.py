"""Relations between parties, derived from the exchanges that evidence them, never typed by hand.

Which pairs an exchange links (the rule every figure of the analysis shares):
- a meeting, visit, call, letter or any exchange of two parties links them;
- a gathering of more than two parties (a conference, a briefing, a dialogue) with a known host links
  the host (or hosts) with each other participant: parties sitting in one hall are not thereby in
  contact with each other; a gathering with no known host links every pair of its participants.

A pair is in **regular contact** (see `RegularContactRule`) when it has at least `min_exchanges`
exchanges in at least `min_years` distinct calendar years, the last of them no more than
`window_years` years before the reference year (by default the latest year of the data).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from partynet.analysis.model import ExchangeFact, NetworkData
from partynet.settings import Settings

GATHERINGS = frozenset(("conference", "briefing"))
HOST_ROLES = frozenset(("host", "sender"))
# How much one exchange of a kind weighs in a relation's strength: a meeting or a visit is a direct
# contact; a letter or a seat in a large forum is a weaker one.
KIND_WEIGHTS = {
    "meeting": 1.0,
    "visit": 1.0,
    "agreement": 1.0,
    "call": 0.8,
    "briefing": 0.6,
    "conference": 0.5,
    "message": 0.4,
    "other": 0.5,
}
DEFAULT_WEIGHT = 0.5
PAIR = 2


@dataclass(frozen=True, slots=True)
class RegularContactRule:
    min_exchanges: int = 2
    min_years: int = 2
    window_years: int = 5

    @classmethod
    def from_settings(cls, settings: Settings) -> RegularContactRule:
        return cls(settings.regular_min_exchanges, settings.regular_min_years, settings.regular_window_years)

    def holds(self, exchanges: int, years: set[int], reference_year: int | None) -> bool:
        if exchanges < self.min_exchanges or len(years) < self.min_years:
            return False
        return reference_year is None or max(years) > reference_year - self.window_years


@dataclass(slots=True)
class Relation:
    a: str  # the two party ids, in sorted order
    b: str
    exchange_ids: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    years: set[int] = field(default_factory=set)
    first: str | None = None  # earliest and latest dated contact
    last: str | None = None
    strength: float = 0.0
    regular: bool = False

    @property
    def exchanges(self) -> int:
        return len(self.exchange_ids)

    def other(self, party_id: str) -> str:
        return self.b if party_id == self.a else self.a

    def add(self, exchange: ExchangeFact) -> None:
        self.exchange_ids.append(exchange.id)
        self.kinds[exchange.kind] += 1
        self.strength = round(self.strength + KIND_WEIGHTS.get(exchange.kind, DEFAULT_WEIGHT), 3)
        if exchange.date:
            self.years.add(int(exchange.date[:4]))
            self.first = min(self.first or exchange.date, exchange.date)
            self.last = max(self.last or exchange.date, exchange.date)


@dataclass(slots=True)
class MechanismRelation:
    party_id: str
    mechanism_id: str
    exchange_ids: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None

    @property
    def exchanges(self) -> int:
        return len(self.exchange_ids)


def linked_pairs(exchange: ExchangeFact) -> list[tuple[str, str]]:
    """The pairs of parties one exchange links, each pair sorted (see the module's rule)."""
    parties = exchange.party_ids
    hosts = {p.party_id for p in exchange.participants if p.role in HOST_ROLES}
    if exchange.kind in GATHERINGS and len(parties) > PAIR and hosts:
        return sorted({_pair(host, other) for host in hosts for other in parties if other != host})
    return [_pair(a, b) for a, b in combinations(parties, 2)]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def relations(
    data: NetworkData, rule: RegularContactRule | None = None, reference_year: int | None = None
) -> dict[tuple[str, str], Relation]:
    """Every pair of parties some exchange links, with its history and whether contact is regular."""
    rule = rule or RegularContactRule()
    found: dict[tuple[str, str], Relation] = {}
    for exchange in data.exchanges:
        for a, b in linked_pairs(exchange):
            found.setdefault((a, b), Relation(a, b)).add(exchange)
    reference = reference_year if reference_year is not None else latest_year(data.exchanges)
    for relation in found.values():
        relation.regular = rule.holds(relation.exchanges, relation.years, reference)
    return found


def mechanism_relations(data: NetworkData) -> dict[tuple[str, str], MechanismRelation]:
    """Each party with each named platform it took part in through an exchange."""
    found: dict[tuple[str, str], MechanismRelation] = {}
    for exchange in data.exchanges:
        if not exchange.mechanism_id:
            continue
        for party_id in exchange.party_ids:
            key = (party_id, exchange.mechanism_id)
            relation = found.setdefault(key, MechanismRelation(party_id, exchange.mechanism_id))
            relation.exchange_ids.append(exchange.id)
            if exchange.date:
                relation.first = min(relation.first or exchange.date, exchange.date)
                relation.last = max(relation.last or exchange.date, exchange.date)
    return found


def partners_in(exchange: ExchangeFact, party_id: str) -> list[str]:
    """The parties an exchange links `party_id` with."""
    return [b if a == party_id else a for a, b in linked_pairs(exchange) if party_id in (a, b)]


def latest_year(exchanges: Iterable[ExchangeFact]) -> int | None:
    return max((e.year for e in exchanges if e.year is not None), default=None)


def most_active(data: NetworkData) -> str | None:
    """The party with the most exchanges: the default focal party."""
    counts: Counter[str] = Counter(p for e in data.exchanges for p in e.party_ids)
    if not counts:
        return None
    return min(counts, key=lambda party: (-counts[party], party))


def relations_of(all_relations: dict[tuple[str, str], Relation], party_id: str) -> list[Relation]:
    """One party's relations, strongest first."""
    mine = [r for r in all_relations.values() if party_id in (r.a, r.b)]
    return sorted(mine, key=lambda r: (-r.strength, -r.exchanges, r.other(party_id)))
