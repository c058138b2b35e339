"""The state of each country as a counterpart of parties: a delegation that meets a head of state, a
minister or an envoy meets that country's government. One non-party entry per country
(`gov:<ISO3>`, "Government of Vietnam"), built from the country list with the registry."""

from __future__ import annotations

from collections.abc import Iterable

from partynet.registry.model import Alias, AliasKind, Country, Party, PartyType

PREFIX = "gov:"
# names that take "the": the United States, the Philippines, the Dominican Republic, the Solomon Islands
_PLURAL_NAMES = frozenset("Bahamas Comoros Gambia Maldives Netherlands Philippines Seychelles".split())
SOURCE = "countries"


def government_id(iso3: str) -> str:
    return f"{PREFIX}{iso3}"


def is_government(party_id: str | None) -> bool:
    return bool(party_id) and str(party_id).startswith(PREFIX)


def governments(countries: Iterable[Country]) -> list[Party]:
    """One entry per country, named as reports name a government ("Government of China", 中国政府)."""
    entries = []
    for country in countries:
        name_zh = f"{country.name_zh}政府" if country.name_zh and "（" not in country.name_zh else None
        party = Party(
            id=government_id(country.iso3),
            name=f"Government of {_with_article(country.name)}",
            country=country.iso3,
            type=PartyType.NON_PARTY,
            name_zh=name_zh,
        )
        party.add_alias(Alias(party.name, AliasKind.NAME, "en", SOURCE))
        if name_zh:
            party.add_alias(Alias(name_zh, AliasKind.TRANSLATION, "zh", SOURCE))
        party.add_source_id(SOURCE, country.iso3)
        party.notes.append(
            "the state's institutions as one counterpart: head of state or government, ministers, envoys"
        )
        entries.append(party)
    return entries


def _with_article(name: str) -> str:
    takes_it = name.startswith("United ") or name.endswith((" Republic", " Islands")) or name in _PLURAL_NAMES
    return f"the {name}" if takes_it else name
