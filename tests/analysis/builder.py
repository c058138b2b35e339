"""Hand-built stores for the analysis tests: parties, exchanges and claims written straight into the
tables, so that every figure the analysis derives is known in advance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from partynet.store.repository import Store
from partynet.store.schema import claims, documents, evidence, exchanges, ingest_runs, participants, parties

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Built:
    """What to write: parties (id, name, country, type, parent, merged_into), exchanges (id, kind, date,
    status, [(party, role)]), claims (id, subject, parties, countries, as_of)."""

    parties: list[tuple[str, str, str | None, str, str | None, str | None]] = field(default_factory=list)
    exchanges: list[tuple[str, str, str | None, str, list[tuple[str, str]]]] = field(default_factory=list)
    claims: list[tuple[str, str | None, int | None, int | None, str | None]] = field(default_factory=list)

    def party(self, pid: str, country: str | None, kind: str = "party", **more: str | None) -> Built:
        self.parties.append((pid, f"Party {pid}", country, kind, more.get("parent"), more.get("merged_into")))
        return self

    def exchange(
        self, eid: str, kind: str, date: str | None, who: list[tuple[str, str]], status: str = "extracted"
    ) -> Built:
        self.exchanges.append((eid, kind, date, status, who))
        return self

    def claim(self, cid: str, subject: str | None, n: int | None, m: int | None, as_of: str | None) -> Built:
        self.claims.append((cid, subject, n, m, as_of))
        return self

    def write(self, url: str) -> Store:
        store = Store.open(url)
        with store.engine.begin() as connection:
            run = connection.execute(
                ingest_runs.insert().values(started_at=NOW, version="test", arguments={})
            ).inserted_primary_key[0]
            connection.execute(documents.insert(), [_document("doc1", run)])
            connection.execute(
                parties.insert(),
                [
                    {"id": p, "name": name, "country": country, "type": kind, "parent_id": parent,
                     "merged_into": merged, "external_ids": {}, "origin": "test", "updated_at": NOW}
                    for p, name, country, kind, parent, merged in self.parties
                ],
            )  # fmt: skip
            for eid, kind, date, status, who in self.exchanges:
                connection.execute(
                    exchanges.insert().values(
                        id=eid, kind=kind, date=date, date_precision=_precision(date), topics=[],
                        status=status, origin="test", created_at=NOW, updated_at=NOW,
                    )
                )  # fmt: skip
                for party_id, role in who:
                    connection.execute(
                        participants.insert().values(exchange_id=eid, party_id=party_id, role=role, people=[])
                    )
                connection.execute(evidence.insert().values(_span(f"{eid} happened", exchange_id=eid)))
            for cid, subject, n, m, as_of in self.claims:
                connection.execute(
                    claims.insert().values(
                        id=cid, subject_id=subject, parties=n, countries=m, as_of=as_of,
                        as_of_precision=_precision(as_of), status="extracted", origin="test", created_at=NOW,
                    )
                )  # fmt: skip
                connection.execute(evidence.insert().values(_span(f"{cid} is claimed", claim_id=cid)))
        return store


def _precision(date: str | None) -> str | None:
    return None if date is None else {4: "year", 7: "month"}.get(len(date), "day")


def _span(text: str, **owner: str) -> dict[str, object]:
    return {
        "document_id": "doc1",
        "start": 0,
        "end": len(text),
        "text": text,
        "extractor_version": "test",
        **owner,
    }


def _document(doc_id: str, run: int) -> dict[str, object]:
    return {
        "id": doc_id, "source": "test.txt", "source_key": "test.txt", "locator": "0", "source_format": "text",
        "url": "https://example.org/report", "title": "A report", "status": "kept", "removals": {},
        "removed_chars": 0, "text": "A report.", "run_id": run, "ingested_at": NOW,
    }  # fmt: skip
