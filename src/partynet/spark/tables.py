"""The Parquet tables a Spark run writes and `partynet load` reads: their Arrow schemas and the exact
conversion between them and the stages' dataclasses (Document, Extraction), both ways.

Every table carries `ordinal` (the input's number in discovery order, shifted left 32 bits, plus the
record's number inside the input): the order the local pipeline reads documents in. The tables are
written sorted by it, so a loader streams them side by side and stores documents in that same order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from partynet.domain import DatePrecision, Document, PartialDate, SourceFormat, Status
from partynet.extract.model import Claim, Exchange, Extraction, Kind, Mention, Participant, Person, Role, Span

TABLES = ("documents", "exchanges", "participants", "claims", "mentions")  # one directory each
FORMAT = "partynet-spark/1"  # written to summary.json; a loader refuses another format
RECORD_BITS = 32  # ordinal = input number << RECORD_BITS | record number inside the input


def arrow_field(name: str, kind: pa.DataType) -> pa.Field[Any]:
    return pa.field(name, kind)


_PERSON = pa.struct([arrow_field("name", pa.string()), arrow_field("title", pa.string())])
_PARTICIPANT = pa.struct(
    [
        arrow_field("party_id", pa.string()),
        arrow_field("surface", pa.string()),
        arrow_field("role", pa.string()),
        arrow_field("non_party", pa.bool_()),
        arrow_field("people", pa.list_(_PERSON)),
    ]
)
_SPAN = [
    arrow_field("evidence_start", pa.int32()),
    arrow_field("evidence_end", pa.int32()),
    arrow_field("evidence_text", pa.string()),
]
EXCHANGE = pa.struct(
    [
        arrow_field("kind", pa.string()),
        *_SPAN,
        arrow_field("date", pa.string()),
        arrow_field("date_precision", pa.string()),
        arrow_field("date_from_text", pa.bool_()),
        arrow_field("place", pa.string()),
        arrow_field("mechanism_id", pa.string()),
        arrow_field("topics", pa.list_(pa.string())),
        arrow_field("confidence", pa.float64()),
        arrow_field("participants", pa.list_(_PARTICIPANT)),
    ]
)
CLAIM = pa.struct(
    [
        arrow_field("parties", pa.int64()),
        arrow_field("countries", pa.int64()),
        arrow_field("qualifier", pa.string()),
        *_SPAN,
        arrow_field("subject_id", pa.string()),
        arrow_field("as_of", pa.string()),
        arrow_field("as_of_precision", pa.string()),
        arrow_field("confidence", pa.float64()),
    ]
)
MENTION = pa.struct(
    [
        arrow_field("start", pa.int32()),
        arrow_field("end", pa.int32()),
        arrow_field("surface", pa.string()),
        arrow_field("party_id", pa.string()),
        arrow_field("score", pa.float64()),
        arrow_field("reason", pa.string()),
        arrow_field("mechanism_id", pa.string()),
    ]
)
DOCUMENT_FIELDS: list[pa.Field[Any]] = [
    arrow_field("ordinal", pa.int64()),
    arrow_field("id", pa.string()),
    arrow_field("source", pa.string()),
    arrow_field("source_key", pa.string()),
    arrow_field("locator", pa.string()),
    arrow_field("source_format", pa.string()),
    arrow_field("status", pa.string()),
    arrow_field("status_reason", pa.string()),
    arrow_field("external_id", pa.string()),
    arrow_field("url", pa.string()),
    arrow_field("title", pa.string()),
    arrow_field("published", pa.string()),
    arrow_field("published_precision", pa.string()),
    arrow_field("lang", pa.string()),
    arrow_field("encoding", pa.string()),
    arrow_field("content_hash", pa.string()),
    arrow_field("minhash", pa.binary()),
    arrow_field("duplicate_of", pa.string()),
    arrow_field("similarity", pa.float64()),
    arrow_field("removals", pa.map_(pa.string(), pa.int64())),
    arrow_field("removed_chars", pa.int64()),
    arrow_field(
        "chars", pa.int64()
    ),  # len(text): one of the keys that rank duplicates, known without the text
    arrow_field("text", pa.string()),
]
# One row per document as the per-partition stage emits it: the document and what was extracted from it.
PROCESSED = pa.schema(
    [
        *DOCUMENT_FIELDS,
        arrow_field("extractor", pa.string()),
        arrow_field("exchanges", pa.list_(EXCHANGE)),
        arrow_field("claims", pa.list_(CLAIM)),
        arrow_field("mentions", pa.list_(MENTION)),
    ]
)


def ordinal(input_number: int, record_number: int) -> int:
    return (input_number << RECORD_BITS) | record_number


def processed_batch(rows: Iterable[tuple[int, Document, Extraction | None]]) -> pa.RecordBatch:
    """Documents with their extractions as one Arrow batch of the PROCESSED schema."""
    return pa.RecordBatch.from_pylist(
        [_document_row(number, doc) | _extraction_row(found) for number, doc, found in rows], PROCESSED
    )


def _document_row(number: int, doc: Document) -> dict[str, Any]:
    # `chars` is len(text): one of the keys that rank duplicates, read without reading the text
    return doc.as_record() | {"ordinal": number, "chars": len(doc.text)}


def _extraction_row(found: Extraction | None) -> dict[str, Any]:
    if found is None:
        return {"extractor": None, "exchanges": [], "claims": [], "mentions": []}
    return {
        "extractor": found.extractor,
        "exchanges": [_exchange_row(x) for x in found.exchanges],
        "claims": [_claim_row(c) for c in found.claims],
        "mentions": [_mention_row(m) for m in found.mentions],
    }


def _span_row(span: Span) -> dict[str, Any]:
    return {"evidence_start": span.start, "evidence_end": span.end, "evidence_text": span.text}


def _exchange_row(x: Exchange) -> dict[str, Any]:
    return _span_row(x.evidence) | {
        "kind": x.kind.value,
        "date": x.date.value if x.date else None,
        "date_precision": x.date.precision.value if x.date else None,
        "date_from_text": x.date_from_text,
        "place": x.place,
        "mechanism_id": x.mechanism_id,
        "topics": list(x.topics),
        "confidence": x.confidence,
        "participants": [
            {
                "party_id": p.party_id,
                "surface": p.surface,
                "role": p.role.value,
                "non_party": p.non_party,
                "people": [{"name": person.name, "title": person.title} for person in p.people],
            }
            for p in x.participants
        ],
    }


def _claim_row(c: Claim) -> dict[str, Any]:
    return _span_row(c.evidence) | {
        "parties": c.parties,
        "countries": c.countries,
        "qualifier": c.qualifier,
        "subject_id": c.subject_id,
        "as_of": c.as_of.value if c.as_of else None,
        "as_of_precision": c.as_of.precision.value if c.as_of else None,
        "confidence": c.confidence,
    }


def _mention_row(m: Mention) -> dict[str, Any]:
    return {
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "party_id": m.party_id,
        "score": m.score,
        "reason": m.reason,
        "mechanism_id": m.mechanism_id,
    }


# ---- back from rows -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loaded:
    """One document read back from the tables, with its extraction (None when it had no text)."""

    ordinal: int
    document: Document
    extraction: Extraction | None
    duplicate_of: str | None  # the Spark run's corpus-wide assignment


def document_from_row(row: dict[str, Any]) -> Document:
    return Document(
        id=row["id"],
        source=row["source"],
        source_key=row["source_key"],
        locator=row["locator"],
        source_format=SourceFormat(row["source_format"]),
        text=row["text"],
        status=Status(row["status"]),
        status_reason=row["status_reason"],
        external_id=row["external_id"],
        url=row["url"],
        title=row["title"],
        published=_date(row["published"], row["published_precision"]),
        lang=row["lang"],
        encoding=row["encoding"],
        content_hash=row["content_hash"],
        minhash=row["minhash"],
        duplicate_of=row["duplicate_of"],
        similarity=row["similarity"],
        removals=Counter(dict(row["removals"] or [])),
        removed_chars=row["removed_chars"],
    )


def extraction_from_rows(
    document_id: str,
    extractor: str | None,
    exchange_rows: list[dict[str, Any]],
    claim_rows: list[dict[str, Any]],
    mention_rows: list[dict[str, Any]],
) -> Extraction | None:
    if extractor is None:
        return None
    return Extraction(
        document_id,
        extractor,
        exchanges=[exchange_from_row(r) for r in exchange_rows],
        claims=[claim_from_row(r) for r in claim_rows],
        mentions=[mention_from_row(r) for r in mention_rows],
    )


def exchange_from_row(row: dict[str, Any]) -> Exchange:
    return Exchange(
        kind=Kind(row["kind"]),
        participants=tuple(
            Participant(
                party_id=p["party_id"],
                surface=p["surface"],
                role=Role(p["role"]),
                non_party=p["non_party"],
                people=tuple(Person(person["name"], person["title"]) for person in p["people"] or ()),
            )
            for p in row["participants"] or ()
        ),
        evidence=_span(row),
        date=_date(row["date"], row["date_precision"]),
        date_from_text=row["date_from_text"],
        place=row["place"],
        mechanism_id=row["mechanism_id"],
        topics=tuple(row["topics"] or ()),
        confidence=row["confidence"],
    )


def claim_from_row(row: dict[str, Any]) -> Claim:
    return Claim(
        parties=row["parties"],
        countries=row["countries"],
        qualifier=row["qualifier"],
        evidence=_span(row),
        subject_id=row["subject_id"],
        as_of=_date(row["as_of"], row["as_of_precision"]),
        confidence=row["confidence"],
    )


def mention_from_row(row: dict[str, Any]) -> Mention:
    return Mention(
        start=row["start"],
        end=row["end"],
        surface=row["surface"],
        party_id=row["party_id"],
        score=row["score"],
        reason=row["reason"],
        mechanism_id=row["mechanism_id"],
    )


def _span(row: dict[str, Any]) -> Span:
    return Span(row["evidence_start"], row["evidence_end"], row["evidence_text"])


def _date(value: str | None, precision: str | None) -> PartialDate | None:
    return PartialDate(value, DatePrecision(precision)) if value and precision else None


def processed_rows(batch: pa.RecordBatch) -> Iterator[Loaded]:
    """Rows of the PROCESSED schema back as documents and extractions (a round trip, for tests and for
    readers of the nested form)."""
    for row in batch.to_pylist():
        doc = document_from_row(row)
        found = extraction_from_rows(
            doc.id, row["extractor"], row["exchanges"], row["claims"], row["mentions"]
        )
        yield Loaded(row["ordinal"], doc, found, row["duplicate_of"])
