"""Extracted exchanges, claims and mentions: written per document batch in one transaction, read back
for export. A re-run of extraction replaces what an extractor wrote for a document and never touches a
record an analyst accepted, edited or rejected.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, or_, select, update

from partynet.domain import DatePrecision, PartialDate, Status
from partynet.extract.model import Claim, Exchange, Extraction, Kind, Mention, Span
from partynet.extract.same_event import EventKey, date_window, same_event
from partynet.registry.registry import Registry
from partynet.store.batches import lock_writes
from partynet.store.registry_edits import REGISTRY_ORIGIN, party_row
from partynet.store.repository import STREAM_ROWS, Store
from partynet.store.schema import (
    claims,
    documents,
    evidence,
    exchanges,
    mechanisms,
    mentions,
    participants,
    parties,
)

EXTRACTED = "extracted"
EXTRACTABLE = (Status.KEPT.value, Status.DUPLICATE.value)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: str
    external_id: str | None
    text: str
    published: PartialDate | None


class Extractions:
    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[StoredDocument]:
        """Documents to extract from: kept ones and duplicates (each report stays traceable)."""
        query = select(
            documents.c.id,
            documents.c.external_id,
            documents.c.text,
            documents.c.published,
            documents.c.published_precision,
        ).where(documents.c.status.in_(EXTRACTABLE))
        if ids is not None:
            query = query.where(documents.c.id.in_(list(ids)))
        with self.engine.connect() as connection:
            for row in connection.execute(
                query.order_by(documents.c.id).execution_options(yield_per=STREAM_ROWS)
            ):
                published = (
                    PartialDate(row.published, DatePrecision(row.published_precision))
                    if row.published
                    else None
                )
                yield StoredDocument(row.id, row.external_id, row.text, published)

    def write(self, batch: list[Extraction], registry: Registry) -> None:
        """Replace what extractors wrote for these documents with `batch`, in one transaction."""
        now = datetime.now(UTC)
        with self.engine.begin() as connection:
            # one writer at a time, as for documents: two runs adding the same party, or reports of one
            # event, must each see what the other wrote
            lock_writes(connection)
            _clear(connection, [e.document_id for e in batch])
            referenced = {m.party_id for e in batch for m in e.mentions if m.party_id}
            referenced |= {
                p.party_id for e in batch for x in e.exchanges for p in x.participants if p.party_id
            }
            _ensure_parties(connection, referenced, registry, now)
            named = {x.mechanism_id for e in batch for x in e.exchanges if x.mechanism_id}
            named |= {m.mechanism_id for e in batch for m in e.mentions if m.mechanism_id}
            _ensure_mechanisms(connection, named, registry)
            copies = _copies_by_document(
                connection, [e.document_id for e in batch if e.exchanges or e.claims]
            )
            kept = _kept_records(connection, batch)
            for extraction in batch:
                _write_one(connection, extraction, now, copies.get(extraction.document_id, []), kept)

    def iter_exchanges(self) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as connection:
            people = _grouped(
                connection,
                select(participants, parties.c.name, parties.c.country, parties.c.type)
                .join(parties, parties.c.id == participants.c.party_id, isouter=True)
                .order_by(participants.c.id),
                "exchange_id",
            )
            spans = _grouped(
                connection, _evidence_query().where(evidence.c.exchange_id.is_not(None)), "exchange_id"
            )
            ordered = select(exchanges).order_by(exchanges.c.id).execution_options(yield_per=STREAM_ROWS)
            for row in connection.execute(ordered).mappings():
                yield dict(row) | {
                    "participants": people.get(row["id"], []),
                    "evidence": spans.get(row["id"], []),
                }

    def iter_mentions(self) -> Iterator[dict[str, Any]]:
        """Every named party and mechanism of the stored documents, with what it was linked to and why."""
        query = (
            select(
                mentions,
                documents.c.external_id.label("document_external_id"),
                documents.c.source_key.label("document_source"),
                parties.c.name.label("party_name"),
                parties.c.country.label("party_country"),
                mechanisms.c.name.label("mechanism_name"),
            )
            .join(documents, documents.c.id == mentions.c.document_id)
            .join(parties, parties.c.id == mentions.c.party_id, isouter=True)
            .join(mechanisms, mechanisms.c.id == mentions.c.mechanism_id, isouter=True)
            .order_by(mentions.c.document_id, mentions.c.start)
        )
        with self.engine.connect() as connection:
            for row in connection.execute(query.execution_options(yield_per=STREAM_ROWS)).mappings():
                yield dict(row)

    def iter_claims(self) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as connection:
            spans = _grouped(
                connection, _evidence_query().where(evidence.c.claim_id.is_not(None)), "claim_id"
            )
            ordered = select(claims).order_by(claims.c.id).execution_options(yield_per=STREAM_ROWS)
            for row in connection.execute(ordered).mappings():
                yield dict(row) | {"evidence": spans.get(row["id"], [])}


def _clear(connection: Connection, document_ids: list[str]) -> None:
    """Remove extractor-made records of these documents (analysts' records stay). An exchange or claim
    other reports also state keeps their evidence and lives on; one left without evidence goes."""
    owned_exchanges = select(evidence.c.exchange_id).where(evidence.c.document_id.in_(document_ids))
    owned_claims = select(evidence.c.claim_id).where(evidence.c.document_id.in_(document_ids))
    machine_exchanges = select(exchanges.c.id).where(
        exchanges.c.id.in_(owned_exchanges), exchanges.c.status == EXTRACTED
    )
    machine_claims = select(claims.c.id).where(claims.c.id.in_(owned_claims), claims.c.status == EXTRACTED)
    exchange_ids = list(connection.scalars(machine_exchanges))
    claim_ids = list(connection.scalars(machine_claims))
    connection.execute(
        delete(evidence).where(
            evidence.c.exchange_id.in_(exchange_ids), evidence.c.document_id.in_(document_ids)
        )
    )
    connection.execute(
        delete(evidence).where(evidence.c.claim_id.in_(claim_ids), evidence.c.document_id.in_(document_ids))
    )
    still_stated = set(
        connection.scalars(select(evidence.c.exchange_id).where(evidence.c.exchange_id.in_(exchange_ids)))
    )
    gone = [i for i in exchange_ids if i not in still_stated]
    connection.execute(delete(participants).where(participants.c.exchange_id.in_(gone)))
    connection.execute(delete(exchanges).where(exchanges.c.id.in_(gone)))
    still_claimed = set(
        connection.scalars(select(evidence.c.claim_id).where(evidence.c.claim_id.in_(claim_ids)))
    )
    connection.execute(
        delete(claims).where(claims.c.id.in_([i for i in claim_ids if i not in still_claimed]))
    )
    connection.execute(delete(mentions).where(mentions.c.document_id.in_(document_ids)))


def _ensure_parties(connection: Connection, ids: set[str], registry: Registry, now: datetime) -> None:
    """Registry entries the records refer to get a row in `parties` (the foreign keys need one)."""
    present = set(connection.scalars(select(parties.c.id).where(parties.c.id.in_(list(ids)))))
    rows = [
        party_row(registry.by_id[party_id], origin=REGISTRY_ORIGIN, with_parent=False, now=now)
        for party_id in sorted(ids - present)
    ]
    if rows:
        connection.execute(parties.insert(), rows)


def _ensure_mechanisms(connection: Connection, ids: set[str], registry: Registry) -> None:
    present = set(connection.scalars(select(mechanisms.c.id).where(mechanisms.c.id.in_(list(ids)))))
    known = {m.id: m for m in registry.mechanisms}
    rows = [
        {
            "id": m.id,
            "name": m.name,
            "name_zh": m.name_zh,
            "type": m.kind,
            "organiser_id": m.organiser,
            "notes": m.source,
        }
        for m in (known[i] for i in sorted(ids - present) if i in known)
    ]
    if rows:
        _ensure_parties(
            connection, {r["organiser_id"] for r in rows if r["organiser_id"]}, registry, datetime.now(UTC)
        )
        connection.execute(mechanisms.insert(), rows)


def _write_one(
    connection: Connection, extraction: Extraction, now: datetime, copies: list[str], kept: set[str]
) -> None:
    """`kept`: ids of the records already in the store (an analyst's, or written earlier in the batch)."""
    doc, version = extraction.document_id, extraction.extractor
    if extraction.mentions:
        connection.execute(mentions.insert(), [_mention_row(doc, m, version) for m in extraction.mentions])
    for exchange, exchange_id in zip(extraction.exchanges, exchange_ids(extraction), strict=True):
        _write_exchange(connection, doc, exchange, exchange_id, version, now, copies, kept)
    for claim, claim_id in zip(extraction.claims, claim_ids(extraction), strict=True):
        _write_claim(connection, doc, claim, claim_id, version, now, copies, kept)


def _kept_records(connection: Connection, batch: list[Extraction]) -> set[str]:
    """The ids the batch's records would take that some record already has: one query, not one each."""
    wanted = [exchange_id for e in batch for exchange_id in exchange_ids(e)]
    claimed = [claim_id for e in batch for claim_id in claim_ids(e)]
    found = (
        set(connection.scalars(select(exchanges.c.id).where(exchanges.c.id.in_(wanted)))) if wanted else set()
    )
    if claimed:
        found |= set(connection.scalars(select(claims.c.id).where(claims.c.id.in_(claimed))))
    return found


def _mention_row(doc: str, mention: Mention, version: str) -> dict[str, Any]:
    return {
        "document_id": doc,
        "start": mention.start,
        "end": mention.end,
        "surface": mention.surface,
        "party_id": mention.party_id,
        "mechanism_id": mention.mechanism_id,
        "score": mention.score,
        "reason": mention.reason,
        "linker_version": version,
    }


def _write_exchange(
    connection: Connection,
    doc: str,
    exchange: Exchange,
    exchange_id: str,
    version: str,
    now: datetime,
    copies: list[str],
    kept: set[str],
) -> None:
    if exchange_id in kept:
        return  # an analyst's record of the same span stays as the analyst left it
    kept.add(exchange_id)
    # plain insert statements with their values as parameters: compiled once, not once per row
    connection.execute(
        exchanges.insert(),
        {
            "id": exchange_id,
            "kind": exchange.kind.value,
            "date": exchange.date.value if exchange.date else None,
            "date_precision": exchange.date.precision.value if exchange.date else None,
            "date_source": _date_source(exchange),
            "place": exchange.place,
            "mechanism_id": exchange.mechanism_id,
            "topics": list(exchange.topics),
            "attendance": None,
            "confidence": exchange.confidence,
            "status": EXTRACTED,
            "origin": version,
            "created_at": now,
            "updated_at": now,
        },
    )
    connection.execute(
        participants.insert(),
        [
            {
                "exchange_id": exchange_id,
                "party_id": p.party_id,
                "mention_id": None,
                "surface": p.surface,
                "role": p.role.value,
                "people": [{"name": x.name, "title": x.title} for x in p.people],
            }
            for p in exchange.participants
        ],
    )
    connection.execute(evidence.insert(), _span(doc, exchange.evidence, version, exchange_id=exchange_id))
    _merge_with_reported(connection, copies, exchange_id, exchange)


def _write_claim(
    connection: Connection,
    doc: str,
    claim: Claim,
    claim_id: str,
    version: str,
    now: datetime,
    copies: list[str],
    kept: set[str],
) -> None:
    if claim_id in kept:
        return
    copied = _stated_in_copies(connection, copies, claim.evidence.text, evidence.c.claim_id)
    if copied:  # a copy of this report states the same claim: one claim, the evidence of both
        connection.execute(evidence.insert(), _span(doc, claim.evidence, version, claim_id=copied))
        return
    kept.add(claim_id)
    connection.execute(
        claims.insert(),
        {
            "id": claim_id,
            "subject_id": claim.subject_id,
            "parties": claim.parties,
            "countries": claim.countries,
            "qualifier": claim.qualifier,
            "as_of": claim.as_of.value if claim.as_of else None,
            "as_of_precision": claim.as_of.precision.value if claim.as_of else None,
            "confidence": claim.confidence,
            "status": EXTRACTED,
            "origin": version,
            "created_at": now,
        },
    )
    connection.execute(evidence.insert(), _span(doc, claim.evidence, version, claim_id=claim_id))


def _merge_with_reported(
    connection: Connection, copies: list[str], exchange_id: str, exchange: Exchange
) -> None:
    """When another report already stated this exchange, the new record joins it: its evidence and any
    counterpart the other report lacked move over, and the new row goes."""
    copied = _stated_in_copies(
        connection,
        copies,
        exchange.evidence.text,
        evidence.c.exchange_id,
        exchanges.c.kind == exchange.kind.value,
    )
    parties_of = frozenset(p.party_id for p in exchange.participants if p.party_id)
    copied = copied or _same_counterparts_in_copies(
        connection, copies, exchange_id, exchange.kind.value, parties_of
    )
    if copied:  # a copy of this report (a near duplicate) states the same exchange
        _move_into(connection, exchange_id, copied)
        return
    if exchange.date is None:
        return
    key = EventKey(
        exchange.kind.value,
        exchange.date,
        parties_of,
        exchange.mechanism_id,
        stated=exchange.date_from_text,
    )
    for stored_id, stored in _stored_events_in_window(connection, exchange_id, exchange.date, parties_of):
        if same_event(key, stored):
            _move_into(connection, exchange_id, stored_id)
            return


def _stored_events_in_window(
    connection: Connection, exchange_id: str, date: PartialDate, parties: frozenset[str]
) -> list[tuple[str, EventKey]]:
    """The stored exchanges that may be the same event, oldest first: of the same date precision, in
    the date window, with a counterpart in common (`same_event` asks for all three). Read through the
    date index, so that writing a report costs about the same however large the store grows."""
    if not parties:
        return []
    low, high = date_window(date)
    # EXISTS, not IN: the planner then walks the date index and looks each candidate's parties up
    sharing = (
        select(participants.c.id)
        .where(participants.c.exchange_id == exchanges.c.id, participants.c.party_id.in_(parties))
        .exists()
    )
    candidates = connection.execute(
        select(
            exchanges.c.id,
            exchanges.c.kind,
            exchanges.c.date,
            exchanges.c.date_precision,
            exchanges.c.mechanism_id,
            exchanges.c.date_source,
        )
        .where(
            exchanges.c.id != exchange_id,
            exchanges.c.date >= low,
            exchanges.c.date <= high,
            exchanges.c.date_precision == date.precision.value,
            sharing,
        )
        .order_by(exchanges.c.created_at, exchanges.c.id)
    ).all()
    taking_part: dict[str, set[str]] = {row.id: set() for row in candidates}
    if candidates:  # the candidates' participants in one query
        for exchange_of, party_id in connection.execute(
            select(participants.c.exchange_id, participants.c.party_id).where(
                participants.c.exchange_id.in_(list(taking_part)), participants.c.party_id.is_not(None)
            )
        ):
            taking_part[exchange_of].add(party_id)
    return [
        (
            row.id,
            EventKey(
                row.kind,
                PartialDate(row.date, DatePrecision(row.date_precision)),
                frozenset(taking_part[row.id]),
                row.mechanism_id,
                stated=row.date_source == "text",
            ),
        )
        for row in candidates
    ]


def _date_source(exchange: Exchange) -> str | None:
    if exchange.date is None:
        return None
    return "text" if exchange.date_from_text else "report"


def _move_into(connection: Connection, exchange_id: str, target: str) -> None:
    """The new record joins `target`: its evidence, any counterpart `target` lacked and, when `target`
    has none, its date and where that date comes from (an undated mirror of a dated report gets the
    report's date); a date its text states also replaces one `target` took from its report's own date.
    A visit joined by a meeting the text dates becomes that meeting: a delegation's visit is reported
    through its meetings, and the meeting's day is the sharper date."""
    dated = connection.execute(
        select(exchanges.c.kind, exchanges.c.date, exchanges.c.date_precision, exchanges.c.date_source).where(
            exchanges.c.id == exchange_id
        )
    ).first()
    if dated is not None and dated.date is not None:
        new_date = {
            "date": dated.date,
            "date_precision": dated.date_precision,
            "date_source": dated.date_source,
        }
        editable = (exchanges.c.id == target) & (exchanges.c.status == EXTRACTED)
        weaker: ColumnElement[bool] = exchanges.c.date.is_(None)
        if dated.date_source == "text":
            weaker = or_(weaker, exchanges.c.date_source == "report")
        connection.execute(update(exchanges).where(editable, weaker).values(**new_date))
        if dated.kind == Kind.MEETING.value and dated.date_source == "text":
            connection.execute(
                update(exchanges)
                .where(editable, exchanges.c.kind == Kind.VISIT.value)
                .values(kind=Kind.MEETING.value, **new_date)
            )
    known = select(participants.c.party_id).where(
        participants.c.exchange_id == target, participants.c.party_id.is_not(None)
    )
    connection.execute(
        update(evidence).where(evidence.c.exchange_id == exchange_id).values(exchange_id=target)
    )
    connection.execute(
        update(participants)
        .where(participants.c.exchange_id == exchange_id, participants.c.party_id.not_in(known))
        .values(exchange_id=target)
    )
    connection.execute(delete(participants).where(participants.c.exchange_id == exchange_id))
    connection.execute(delete(exchanges).where(exchanges.c.id == exchange_id))


def _same_counterparts_in_copies(
    connection: Connection, copies: list[str], exchange_id: str, kind: str, parties_of: frozenset[str]
) -> str | None:
    """An exchange of the same kind between the same counterparts in a copy of this report: a repost
    that reworded the sentence ("BEIJING, May 31 (Party World Daily) -- ...") or lost the date."""
    if not copies or not parties_of:
        return None
    candidates = connection.scalars(
        select(exchanges.c.id)
        .join(evidence, evidence.c.exchange_id == exchanges.c.id)
        .where(evidence.c.document_id.in_(copies), exchanges.c.kind == kind, exchanges.c.id != exchange_id)
        .distinct()
    )
    for candidate in candidates:
        found = connection.scalars(
            select(participants.c.party_id).where(participants.c.exchange_id == candidate)
        )
        if frozenset(found) - {None} == parties_of:
            return str(candidate)
    return None


def _copies_by_document(connection: Connection, docs: list[str]) -> dict[str, list[str]]:
    """For each document, the other documents of its duplicate group: its original and the original's
    copies. Two queries for a whole batch."""
    if not docs:
        return {}
    root_of = {
        doc: original or doc
        for doc, original in connection.execute(
            select(documents.c.id, documents.c.duplicate_of).where(documents.c.id.in_(docs))
        )
    }
    members: dict[str, list[str]] = {}
    roots = sorted(set(root_of.values()))
    for doc, original in connection.execute(
        select(documents.c.id, documents.c.duplicate_of)
        .where(or_(documents.c.id.in_(roots), documents.c.duplicate_of.in_(roots)))
        .order_by(documents.c.id)
    ):
        members.setdefault(original or doc, []).append(doc)
    return {doc: [m for m in members.get(root, []) if m != doc] for doc, root in root_of.items()}


def _stated_in_copies(
    connection: Connection, copies: list[str], sentence: str, owner: Any, *conditions: Any
) -> str | None:
    """The record (exchange or claim, by `owner` column) that the same sentence states in a copy of
    the report (a document of its duplicate group)."""
    if not copies:
        return None
    query = select(owner).where(
        evidence.c.document_id.in_(copies), evidence.c.text == sentence, owner.is_not(None), *conditions
    )
    if conditions:
        query = query.join(exchanges, exchanges.c.id == evidence.c.exchange_id)
    return connection.scalar(query.limit(1))


def _span(doc: str, span: Any, version: str, **owner: str) -> dict[str, Any]:
    return {
        "document_id": doc,
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "extractor_version": version,
        "exchange_id": None,
        "claim_id": None,
    } | owner


def exchange_ids(extraction: Extraction) -> list[str]:
    """The stored ids of a document's exchanges, in order: one per exchange, stable across re-runs."""
    return _record_ids(
        extraction.document_id,
        [
            (x.evidence, x.kind.value, "+".join(sorted(p.party_id or p.surface for p in x.participants)))
            for x in extraction.exchanges
        ],
    )


def claim_ids(extraction: Extraction) -> list[str]:
    figures = [(c.evidence, "claim", f"{c.parties}/{c.countries}") for c in extraction.claims]
    return _record_ids(extraction.document_id, figures)


def _record_ids(document_id: str, records: list[tuple[Span, str, str]]) -> list[str]:
    """A record is known by its document, span and kind, so that an analyst's edit of it survives a new
    extraction. Records that share all three (a meeting with each counterpart a sentence names) are
    known by what they hold as well (`records`' last field: their participants, a claim's figures), so
    that a counterpart added or lost in a new extraction hands no record's id to another."""
    shared = Counter((span.start, span.end, kind) for span, kind, _ in records)
    seen: set[tuple[int, int, str]] = set()
    ids = []
    for span, kind, content in records:
        label = kind if shared[span.start, span.end, kind] == 1 else f"{kind}#{content}"
        while (span.start, span.end, label) in seen:  # the same content twice: its order tells them apart
            label += "#"
        seen.add((span.start, span.end, label))
        ids.append(_record_id(document_id, span.start, span.end, label))
    return ids


def _record_id(document_id: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha256(f"{document_id}:{start}:{end}:{kind}".encode()).hexdigest()[:32]


def _evidence_query() -> Any:
    return (
        select(
            evidence,
            documents.c.external_id.label("document_external_id"),
            documents.c.source_key.label("document_source"),
        )
        .join(documents, documents.c.id == evidence.c.document_id)
        .order_by(evidence.c.id)
    )


def _grouped(connection: Connection, query: Any, key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in connection.execute(query).mappings():
        grouped.setdefault(row[key], []).append(dict(row))
    return grouped
