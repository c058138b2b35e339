"""Read queries of the API: filtered, sorted lists with keyset (cursor) pagination, and single records
with everything a reader needs to check them against their source."""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select, tuple_

from partynet.store.repository import Store
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

MAX_LIMIT = 500
SNIPPET = 240  # characters of a document's text shown around a search hit


class QueryError(ValueError):
    """A filter, sort or cursor the API cannot use."""


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int = 50
    cursor: str | None = None
    sort: str = "id"  # "id", or for exchanges "date" / "-date"


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None


def encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error) as exc:
        raise QueryError("the cursor is not one this API gave out") from exc
    if not isinstance(value, list) or len(value) != 2:
        raise QueryError("the cursor is not one this API gave out")
    return value


class Queries:
    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    # exchanges ---------------------------------------------------------------------------------------
    def exchanges(
        self,
        page: PageRequest,
        *,
        kind: str | None = None,
        status: str | None = None,
        party: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> Page:
        conditions: list[ColumnElement[bool]] = []
        if kind:
            conditions.append(exchanges.c.kind == kind)
        if status:
            conditions.append(exchanges.c.status == status)
        if party:
            conditions.append(
                exchanges.c.id.in_(select(participants.c.exchange_id).where(participants.c.party_id == party))
            )
        if year_from is not None:
            conditions.append(exchanges.c.date >= f"{year_from:04d}")
        if year_to is not None:
            conditions.append(exchanges.c.date < f"{year_to + 1:04d}")
        sort_key = func.coalesce(exchanges.c.date, "")
        rows = self._keyset(select(exchanges), exchanges.c.id, sort_key, conditions, page)
        with self.engine.connect() as connection:
            detailed = _with_details(connection, [dict(r) for r in rows.items])
        return Page(detailed, rows.next_cursor)

    def exchange(self, exchange_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            row = (
                connection.execute(select(exchanges).where(exchanges.c.id == exchange_id)).mappings().first()
            )
            return _with_details(connection, [dict(row)])[0] if row else None

    # documents ---------------------------------------------------------------------------------------
    def documents(self, page: PageRequest, *, status: str | None = None, lang: str | None = None) -> Page:
        columns = [c for c in documents.c if c.name not in ("text", "minhash", "removals")]
        conditions: list[ColumnElement[bool]] = []
        if status:
            conditions.append(documents.c.status == status)
        if lang:
            conditions.append(documents.c.lang == lang)
        return self._keyset(select(*columns), documents.c.id, None, conditions, page)

    def document(self, document_id: str) -> dict[str, Any] | None:
        """A document with its text and the spans of its records (evidence and mentions), for showing
        each fact where it stands."""
        with self.engine.connect() as connection:
            row = (
                connection.execute(
                    select(*[c for c in documents.c if c.name != "minhash"]).where(
                        documents.c.id == document_id
                    )
                )
                .mappings()
                .first()
            )
            if row is None:
                return None
            spans = connection.execute(
                select(evidence.c.start, evidence.c.end, evidence.c.exchange_id, evidence.c.claim_id)
                .where(evidence.c.document_id == document_id)
                .order_by(evidence.c.start)
            ).mappings()
            named = connection.execute(
                select(mentions.c.start, mentions.c.end, mentions.c.party_id, mentions.c.mechanism_id)
                .where(mentions.c.document_id == document_id)
                .order_by(mentions.c.start)
            ).mappings()
            return dict(row) | {"evidence": [dict(s) for s in spans], "mentions": [dict(m) for m in named]}

    # parties, claims, mechanisms ----------------------------------------------------------------------
    def parties(self, page: PageRequest, *, country: str | None = None, q: str | None = None) -> Page:
        """Parties the store knows (those some record refers to, and analysts' entries)."""
        conditions: list[ColumnElement[bool]] = []
        if country:
            conditions.append(parties.c.country == country)
        if q:
            pattern = f"%{_escape_like(q)}%"
            conditions.append(
                or_(parties.c.name.ilike(pattern, escape="\\"), parties.c.name_zh.like(pattern, escape="\\"))
            )
        return self._keyset(select(parties), parties.c.id, None, conditions, page)

    def party(self, party_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(parties).where(parties.c.id == party_id)).mappings().first()
            return dict(row) if row else None

    def claims(self, page: PageRequest, *, subject: str | None = None) -> Page:
        conditions = [claims.c.subject_id == subject] if subject else []
        rows = self._keyset(select(claims), claims.c.id, None, conditions, page)
        with self.engine.connect() as connection:
            spans = _evidence_of(connection, evidence.c.claim_id, [r["id"] for r in rows.items])
        return Page([r | {"evidence": spans.get(r["id"], [])} for r in rows.items], rows.next_cursor)

    def mechanisms(self, page: PageRequest) -> Page:
        return self._keyset(select(mechanisms), mechanisms.c.id, None, [], page)

    # search --------------------------------------------------------------------------------------------
    def search_documents(self, q: str, limit: int) -> list[dict[str, Any]]:
        """Kept documents whose title or text holds `q` (any script: a plain substring test), with a
        snippet around the first hit."""
        pattern = f"%{_escape_like(q)}%"
        query = (
            select(
                documents.c.id, documents.c.title, documents.c.url, documents.c.published, documents.c.text
            )
            .where(
                documents.c.status == "kept",
                or_(
                    documents.c.text.like(pattern, escape="\\"), documents.c.title.like(pattern, escape="\\")
                ),
            )
            .order_by(documents.c.published.desc(), documents.c.id)
            .limit(min(limit, MAX_LIMIT))
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [_with_snippet(dict(r), q) for r in rows]

    # paging ----------------------------------------------------------------------------------------------
    def _keyset(
        self,
        query: Any,
        id_column: Any,
        sort_column: Any,
        conditions: list[ColumnElement[bool]],
        page: PageRequest,
    ) -> Page:
        if not 1 <= page.limit <= MAX_LIMIT:
            raise QueryError(f"limit is 1 to {MAX_LIMIT}")
        if page.sort not in ("id", "date", "-date") or (page.sort != "id" and sort_column is None):
            raise QueryError(f"cannot sort by {page.sort!r} here")
        descending = page.sort.startswith("-")
        key = sort_column if page.sort != "id" else id_column
        if page.cursor:
            value, last_id = decode_cursor(page.cursor)
            if page.sort == "id":
                conditions = [*conditions, id_column > last_id]
            elif descending:
                conditions = [*conditions, tuple_(key, id_column) < tuple_(value, last_id)]
            else:
                conditions = [*conditions, tuple_(key, id_column) > tuple_(value, last_id)]
        ordering = [key.desc(), id_column.desc()] if descending else [key, id_column]
        if page.sort == "id":
            ordering = [id_column]
        query = query.where(and_(*conditions)) if conditions else query
        with self.engine.connect() as connection:
            rows = [
                dict(r)
                for r in connection.execute(query.order_by(*ordering).limit(page.limit + 1)).mappings()
            ]
        more = len(rows) > page.limit
        rows = rows[: page.limit]
        cursor = None
        if more:
            last = rows[-1]
            sort_value = last["id"] if page.sort == "id" else (last.get("date") or "")
            cursor = encode_cursor([sort_value, last["id"]])
        return Page(rows, cursor)


def _with_details(connection: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    people: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in connection.execute(
        select(participants, parties.c.name, parties.c.country, parties.c.type)
        .join(parties, parties.c.id == participants.c.party_id, isouter=True)
        .where(participants.c.exchange_id.in_(ids))
        .order_by(participants.c.id)
    ).mappings():
        people[p["exchange_id"]].append(dict(p))
    spans = _evidence_of(connection, evidence.c.exchange_id, ids)
    return [r | {"participants": people.get(r["id"], []), "evidence": spans.get(r["id"], [])} for r in rows]


def _evidence_of(connection: Connection, owner: Any, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in connection.execute(
        select(evidence, owner.label("owner"), documents.c.title, documents.c.url)
        .join(documents, documents.c.id == evidence.c.document_id)
        .where(owner.in_(ids))
        .order_by(evidence.c.id)
    ).mappings():
        found[row["owner"]].append({k: v for k, v in row.items() if k != "owner"})
    return found


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _with_snippet(row: dict[str, Any], q: str) -> dict[str, Any]:
    text = row.pop("text") or ""
    at = text.lower().find(q.lower())
    start = max(0, at - SNIPPET // 2) if at >= 0 else 0
    return row | {
        "snippet": text[start : start + SNIPPET],
        "hit": [at - start, at - start + len(q)] if at >= 0 else None,
    }
