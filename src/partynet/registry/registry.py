"""The registry as loaded: parties and countries with their lookup tables."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from partynet.registry.fold import Folder
from partynet.registry.model import AnalystChanges, Country, Mechanism, Party


@dataclass(slots=True)
class Registry:
    parties: list[Party]
    countries: list[Country]
    folder: Folder
    mechanisms: list[Mechanism] = field(default_factory=list)
    pairs: dict[str, tuple[str, str]] = field(default_factory=dict)  # 国共 -> the Kuomintang, the CPC
    merged_into: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, Party] = field(init=False)
    country_of: dict[str, Country] = field(init=False)
    _by_country: dict[str | None, list[Party]] = field(init=False)
    _alias_keys: dict[str, frozenset[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.parties}
        self.country_of = {c.iso3: c for c in self.countries}
        self._alias_keys = {}
        self._by_country = {}
        for party in self.parties:
            self._by_country.setdefault(party.country, []).append(party)

    def alias_keys(self, party_id: str) -> frozenset[str]:
        """The folded keys of a party's aliases (computed on first use)."""
        if party_id not in self._alias_keys:
            self._alias_keys[party_id] = frozenset(
                self.folder.key(a.text) for a in self.by_id[party_id].aliases
            )
        return self._alias_keys[party_id]

    def parties_of(self, country: str) -> list[Party]:
        return self._by_country.get(country, [])

    def get(self, party_id: str) -> Party | None:
        return self.by_id.get(party_id)

    def canonical_id(self, party_id: str) -> str:
        """The party an id stands for now: merges followed to their end."""
        seen = {party_id}
        while party_id in self.merged_into and self.merged_into[party_id] not in seen:
            party_id = self.merged_into[party_id]
            seen.add(party_id)
        return party_id

    def with_changes(self, changes: AnalystChanges) -> Registry:
        """This registry with analysts' parties, aliases and merges applied (the shipped one unchanged)."""
        parties = {
            p.id: replace(p, aliases=list(p.aliases), source_ids=dict(p.source_ids)) for p in self.parties
        }
        for party in changes.parties:
            parties.setdefault(party.id, party)
        for party_id, alias in changes.aliases:
            if party_id in parties:
                parties[party_id].add_alias(alias)
        return Registry(
            parties=list(parties.values()),
            countries=self.countries,
            folder=self.folder,
            mechanisms=self.mechanisms,
            pairs=self.pairs,
            merged_into=self.merged_into | dict(changes.merges),
        )

    def bodies_of(self, party_id: str) -> list[Party]:
        return [p for p in self.parties if p.parent == party_id]

    def stats(self) -> dict[str, Any]:
        by_source: Counter[str] = Counter()
        for party in self.parties:
            by_source.update(party.source_ids.keys())
            if party.id.startswith("pn:"):
                by_source["extension"] += 1
        return {
            "parties": len(self.parties),
            "countries": len({p.country for p in self.parties if p.country}),
            "aliases": sum(len(p.aliases) for p in self.parties),
            "chinese_names": sum(1 for p in self.parties if p.name_zh),
            "by_type": dict(Counter(p.type.value for p in self.parties).most_common()),
            "by_source": dict(by_source.most_common()),
            "mechanisms": len(self.mechanisms),
        }
