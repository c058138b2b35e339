"""/api/exchanges: the exchanges with their participants and evidence; analysts' decisions on them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from partynet.api.auth import analyst, viewer
from partynet.api.models import (
    AuditEntry,
    Decision,
    Exchange,
    ExchangeEditIn,
    ExchangePage,
    MergeIn,
    SplitIn,
)
from partynet.api.state import page_json, services
from partynet.store.queries import PageRequest
from partynet.store.review import ExchangeEdit, ParticipantEdit
from partynet.store.users import User

router = APIRouter(prefix="/api/exchanges", tags=["exchanges"])
Limit = Annotated[int, Query(ge=1, le=500)]
Analyst = Annotated[User, Depends(analyst)]


@router.get("", response_model=ExchangePage)
async def list_exchanges(
    request: Request,
    _: Annotated[User, Depends(viewer)],
    kind: str | None = None,
    status: str | None = None,
    party: str | None = None,
    year_from: Annotated[int | None, Query(alias="from", ge=1900, le=2100)] = None,
    year_to: Annotated[int | None, Query(alias="to", ge=1900, le=2100)] = None,
    sort: Annotated[str, Query(pattern="^(id|date|-date)$")] = "-date",
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> Any:
    page = services(request).queries.exchanges(
        PageRequest(limit, cursor, sort), kind=kind, status=status, party=party, year_from=year_from,
        year_to=year_to,
    )  # fmt: skip
    return page_json(page)


@router.get("/{exchange_id}", response_model=Exchange)
async def get_exchange(request: Request, exchange_id: str, _: Annotated[User, Depends(viewer)]) -> Any:
    found = services(request).queries.exchange(exchange_id)
    if found is None:
        raise HTTPException(404, f"no exchange {exchange_id}")
    return found


@router.get("/{exchange_id}/history", response_model=list[AuditEntry])
async def history(request: Request, exchange_id: str, _: Annotated[User, Depends(viewer)]) -> Any:
    return services(request).review.history(exchange_id)


@router.post("/{exchange_id}/accept", response_model=Exchange)
async def accept(request: Request, exchange_id: str, body: Decision, user: Analyst) -> Any:
    return _decide(request, exchange_id, services(request).review.accept, user, body)


@router.post("/{exchange_id}/reject", response_model=Exchange)
async def reject(request: Request, exchange_id: str, body: Decision, user: Analyst) -> Any:
    return _decide(request, exchange_id, services(request).review.reject, user, body)


def _decide(request: Request, exchange_id: str, decision: Any, user: User, body: Decision) -> Any:
    decision(exchange_id, user.name, body.note)
    return services(request).queries.exchange(exchange_id)


@router.patch("/{exchange_id}", response_model=Exchange)
async def edit(request: Request, exchange_id: str, body: ExchangeEditIn, user: Analyst) -> Any:
    change = ExchangeEdit(
        kind=body.kind,
        date=body.date,
        place=body.place,
        participants=None
        if body.participants is None
        else [ParticipantEdit(p.party_id, p.role, p.surface, p.people) for p in body.participants],
    )
    services(request).review.edit(exchange_id, change, user.name, body.note)
    return services(request).queries.exchange(exchange_id)


@router.post("/{exchange_id}/merge", response_model=Exchange)
async def merge(request: Request, exchange_id: str, body: MergeIn, user: Analyst) -> Any:
    """This exchange and `into` report one event: `into` takes this one's evidence and counterparts."""
    services(request).review.merge(exchange_id, body.into, user.name, body.note)
    return services(request).queries.exchange(body.into)


@router.post("/{exchange_id}/split", response_model=Exchange, status_code=201)
async def split(request: Request, exchange_id: str, body: SplitIn, user: Analyst) -> Any:
    """Some of this exchange's reports tell another event: their evidence becomes a new exchange."""
    created = services(request).review.split(exchange_id, body.evidence, user.name, body.note)
    return services(request).queries.exchange(created["id"])
