"""The registry's JSON shapes, shared by the CLI and (later) the API. Plain dicts, no I/O."""

from __future__ import annotations

import re
from typing import Any

from partynet.registry.decision import Candidate
from partynet.registry.model import Alias, AliasKind, Party, PartyType
from partynet.registry.registry import Registry


def candidate_json(candidate: Candidate, registry: Registry) -> dict[str, Any]:
    party = registry.by_id[candidate.party_id]
    return {
        "id": candidate.party_id,
        "name": candidate.name,
        "name_zh": party.name_zh,
        "country": candidate.country,
        "type": party.type.value,
        "score": candidate.score,
        "reason": candidate.reason,
    }


def party_json(party: Party, registry: Registry) -> dict[str, Any]:
    return {
        "id": party.id,
        "name": party.name,
        "name_zh": party.name_zh,
        "native_name": party.native_name,
        "abbreviation": party.abbreviation,
        "country": party.country,
        "country_name": registry.country_of[party.country].name
        if party.country in registry.country_of
        else None,
        "type": party.type.value,
        "parent": party.parent,
        "bodies": [b.id for b in registry.bodies_of(party.id)],
        "founded": party.founded,
        "dissolved": party.dissolved,
        "family": party.family,
        "ideologies": party.ideologies,
        "internationals": party.internationals,
        "merged_into": registry.merged_into.get(party.id),
        "aliases": [
            {
                "text": a.text,
                "kind": a.kind.value,
                "lang": a.lang,
                "source": a.source,
                "valid_from": a.valid_from,
                "valid_to": a.valid_to,
            }
            for a in party.aliases
        ],
        "sources": party.source_ids,
        "notes": party.notes,
    }


def new_party(
    registry: Registry,
    name: str,
    country: str | None,
    kind: PartyType,
    name_zh: str | None,
    abbreviation: str | None,
    parent: str | None,
    founded: int | None,
    note: str,
) -> Party:
    """An analyst's new entry, with an id made from its name that no entry has yet."""
    base = (
        "pn:"
        + "-".join(re.findall(r"[a-z0-9]+", name.casefold()))
        + (f"-{country.lower()}" if country else "")
    )
    party_id, n = base, 1
    while registry.get(party_id) is not None:
        n += 1
        party_id = f"{base}-{n}"
    party = Party(
        id=party_id,
        name=name,
        country=country,
        type=kind,
        name_zh=name_zh,
        abbreviation=abbreviation,
        parent=parent,
        founded=founded,
    )
    party.add_source_id("analyst", note)
    party.add_alias(Alias(name, AliasKind.NAME, "en", "analyst"))
    if name_zh:
        party.add_alias(Alias(name_zh, AliasKind.TRANSLATION, "zh", "analyst"))
    if abbreviation:
        party.add_alias(Alias(abbreviation, AliasKind.ABBREVIATION, None, "analyst"))
    return party
