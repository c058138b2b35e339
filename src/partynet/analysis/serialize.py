"""The JSON shapes of the analysis, shared by the CLI (`--json`), the report and the API."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from partynet.analysis.coverage import ClaimCheck, Coverage
from partynet.analysis.model import NetworkData, PartyFact
from partynet.analysis.network import NodeMeasures, PeriodChange
from partynet.analysis.relations import (
    MechanismRelation,
    RegularContactRule,
    Relation,
    mechanism_relations,
    relations,
    relations_of,
)


def party_json(party: PartyFact | None) -> dict[str, Any] | None:
    return asdict(party) if party else None


def coverage_json(cov: Coverage, rule: RegularContactRule) -> dict[str, Any]:
    return {
        "party": party_json(cov.party),
        "regular_contact_rule": asdict(rule),
        "totals": {
            "exchanges": cov.exchanges,
            "partners": cov.partners,
            "parties": cov.parties,
            "countries": cov.countries,
            "undated_exchanges": len(cov.undated_exchange_ids),
        },
        "years": [asdict(year) for year in cov.years],
        "undated_exchange_ids": cov.undated_exchange_ids,
        "by_kind": cov.by_kind,
        "by_mechanism": cov.by_mechanism,
        "by_continent": cov.by_continent,
        "by_region": cov.by_region,
        "top_partners": [asdict(p) for p in cov.top_partners],
    }


def relation_json(relation: Relation, data: NetworkData) -> dict[str, Any]:
    return {
        "a": relation.a,
        "a_name": data.name_of(relation.a),
        "b": relation.b,
        "b_name": data.name_of(relation.b),
        "exchanges": relation.exchanges,
        "kinds": dict(relation.kinds.most_common()),
        "years": sorted(relation.years),
        "first": relation.first,
        "last": relation.last,
        "strength": relation.strength,
        "regular": relation.regular,
        "exchange_ids": relation.exchange_ids,
    }


def relations_report(
    data: NetworkData, rule: RegularContactRule, party: str | None = None, *, regular_only: bool = False
) -> dict[str, Any]:
    """Pairs in contact (one party's, strongest first, or all by strength) and each party's named
    platforms: what `partynet relations --json` prints and /api/relations returns."""
    found = relations(data, rule)
    chosen = relations_of(found, party) if party else sorted(found.values(), key=lambda r: -r.strength)
    forums = [m for m in mechanism_relations(data).values() if party is None or m.party_id == party]
    return {
        "party": party,
        "regular_contact_rule": asdict(rule),
        "relations": [relation_json(r, data) for r in chosen if r.regular or not regular_only],
        "mechanisms": [mechanism_relation_json(m, data) for m in forums],
    }


def mechanism_relation_json(relation: MechanismRelation, data: NetworkData) -> dict[str, Any]:
    mechanism = data.mechanisms.get(relation.mechanism_id)
    return {
        "party_id": relation.party_id,
        "party": data.name_of(relation.party_id),
        "mechanism_id": relation.mechanism_id,
        "mechanism": mechanism.name if mechanism else relation.mechanism_id,
        "exchanges": relation.exchanges,
        "first": relation.first,
        "last": relation.last,
        "exchange_ids": relation.exchange_ids,
    }


def claim_check_json(check: ClaimCheck) -> dict[str, Any]:
    claim = check.claim
    return {
        "id": claim.id,
        "subject_id": claim.subject_id,
        "subject": check.subject_name,
        "claimed": {
            "parties": claim.parties,
            "countries": claim.countries,
            "qualifier": claim.qualifier,
            "as_of": claim.as_of,
        },
        "supported": {
            "partners": check.supported_partners,
            "parties": check.supported_parties,
            "countries": check.supported_countries,
        },
        "gap": {"partners": check.partners_gap, "countries": check.countries_gap},
        "status": claim.status,
        "evidence": claim.evidence,
        "document_id": claim.document_id,
        "exchange_ids": check.exchange_ids,
    }


def measures_json(rows: list[NodeMeasures]) -> list[dict[str, Any]]:
    return [asdict(row) for row in rows]


def change_json(found: PeriodChange) -> dict[str, Any]:
    result = asdict(found)
    result["degree_change"] = [
        {"party_id": p, "before": before, "after": after} for p, before, after in found.degree_change
    ]
    return result
