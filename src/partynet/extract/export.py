"""The export shapes of exchanges, claims and mentions (JSONL and CSV), as tools and the scorer read them."""

from __future__ import annotations

from typing import Any

from partynet.registry.model import PartyType
from partynet.registry.registry import Registry

EXCHANGE_CSV_FIELDS = (
    "id",
    "kind",
    "date",
    "location",
    "participants",
    "documents",
    "evidence",
    "confidence",
    "status",
)
CLAIM_CSV_FIELDS = (
    "id",
    "parties",
    "countries",
    "qualifier",
    "as_of",
    "subject",
    "documents",
    "evidence",
    "status",
)
MENTION_FIELDS = (
    "document_id",
    "document_external_id",
    "document_source",
    "start",
    "end",
    "surface",
    "party_id",
    "party_name",
    "party_country",
    "mechanism_id",
    "mechanism_name",
    "score",
    "reason",
    "linker_version",
)
MAX_ALIASES = 20


def exchange_json(row: dict[str, Any], registry: Registry) -> dict[str, Any]:
    return {
        "id": row["id"],
        "kind": row["kind"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "date_source": row["date_source"],
        "location": row["place"],
        "mechanism": _mechanism(row["mechanism_id"], registry),
        "participants": [_participant(p, registry) for p in row["participants"]],
        "evidence": [_evidence(e) for e in row["evidence"]],
        "confidence": row["confidence"],
        "status": row["status"],
        "origin": row["origin"],
    }


def claim_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "parties": row["parties"],
        "countries": row["countries"],
        "qualifier": row["qualifier"],
        "as_of": row["as_of"],
        "subject": row["subject_id"],
        "evidence": [_evidence(e) for e in row["evidence"]],
        "confidence": row["confidence"],
        "status": row["status"],
        "origin": row["origin"],
    }


def mention_json(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row[key] for key in MENTION_FIELDS}


def exchange_csv(data: dict[str, Any]) -> dict[str, Any]:
    names = [
        f"{p['party']['name']} ({p['party']['country'] or '-'})" for p in data["participants"] if p["party"]
    ]
    return {key: data.get(key) for key in ("id", "kind", "date", "location", "confidence", "status")} | {
        "participants": "; ".join(names),
        "documents": "; ".join(str(e["document_external_id"] or e["document_id"]) for e in data["evidence"]),
        "evidence": " | ".join(e["text"] for e in data["evidence"]),
    }


def claim_csv(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: data.get(key)
        for key in ("id", "parties", "countries", "qualifier", "as_of", "subject", "status")
    } | {
        "documents": "; ".join(str(e["document_external_id"] or e["document_id"]) for e in data["evidence"]),
        "evidence": " | ".join(e["text"] for e in data["evidence"]),
    }


def _mechanism(mechanism_id: str | None, registry: Registry) -> dict[str, Any] | None:
    found = next((m for m in registry.mechanisms if m.id == mechanism_id), None)
    return {"id": found.id, "name": found.name, "name_zh": found.name_zh} if found else None


def _participant(row: dict[str, Any], registry: Registry) -> dict[str, Any]:
    party = registry.get(row["party_id"] or "")
    described = None
    if party is not None:
        names = [a.text for a in party.aliases if a.lang in ("en", None) and a.text != party.name]
        described = {
            "id": party.id,
            "name": party.name,
            "name_zh": party.name_zh,
            "country": party.country,
            "type": "non-party" if party.type is PartyType.NON_PARTY else "party",
            "aliases": names[:MAX_ALIASES],
        }
    return {"party": described, "surface": row["surface"], "role": row["role"], "people": row["people"]}


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "document_id": row["document_id"],
        "document_external_id": row["document_external_id"],
        "document_source": row["document_source"],
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
    }
