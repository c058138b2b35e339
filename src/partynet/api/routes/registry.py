"""/api/parties, /api/mechanisms, /api/claims: the registry entries the store refers to, named
platforms, stated claims; analysts alias parties, admins merge them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from partynet.api.auth import admin, analyst, viewer
from partynet.api.models import ClaimPage, MechanismPage, Party, PartyPage
from partynet.api.state import page_json, services
from partynet.registry.model import Alias, AliasKind
from partynet.store.queries import PageRequest
from partynet.store.registry_edits import RegistryEditError, RegistryEdits
from partynet.store.users import User

router = APIRouter(prefix="/api", tags=["registry"])
Limit = Annotated[int, Query(ge=1, le=500)]
Cursor = Annotated[str | None, Query(max_length=400)]


class AliasIn(BaseModel):
    text: str = Field(min_length=1, max_length=300)
    kind: str = "name"
    lang: str | None = Field(default=None, max_length=8)
    note: str | None = Field(default=None, max_length=2000)


class PartyMergeIn(BaseModel):
    into: str = Field(max_length=64)
    note: str | None = Field(default=None, max_length=2000)


@router.get("/parties", response_model=PartyPage)
async def list_parties(
    request: Request,
    _: Annotated[User, Depends(viewer)],
    country: Annotated[str | None, Query(max_length=3)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Any:
    page = services(request).queries.parties(PageRequest(limit, cursor), country=country, q=q)
    return page_json(page)


@router.get("/parties/{party_id}", response_model=Party)
async def get_party(request: Request, party_id: str, _: Annotated[User, Depends(viewer)]) -> Any:
    found = services(request).queries.party(party_id)
    if found is None:
        entry = services(request).registry.get(party_id)
        if entry is None:
            raise HTTPException(404, f"no party {party_id}")
        return {
            "id": entry.id, "name": entry.name, "name_zh": entry.name_zh, "native_name": entry.native_name,
            "country": entry.country, "type": entry.type.value, "parent_id": entry.parent,
        }  # fmt: skip
    return found


@router.post("/parties/{party_id}/aliases", response_model=Party, status_code=201)
async def add_alias(
    request: Request, party_id: str, body: AliasIn, user: Annotated[User, Depends(analyst)]
) -> Any:
    party = _entry(request, party_id)
    try:
        kind = AliasKind(body.kind)
    except ValueError as exc:
        raise HTTPException(400, f"an alias kind is one of {', '.join(k.value for k in AliasKind)}") from exc
    _edit(request, lambda: RegistryEdits(services(request).store).add_alias(
        party, Alias(body.text, kind, body.lang, user.name), user.name, body.note))  # fmt: skip
    return await get_party(request, party_id, user)


@router.post("/parties/{party_id}/merge", response_model=Party)
async def merge_party(
    request: Request, party_id: str, body: PartyMergeIn, user: Annotated[User, Depends(admin)]
) -> Any:
    merged, into = _entry(request, party_id), _entry(request, body.into)
    _edit(request, lambda: RegistryEdits(services(request).store).merge(merged, into, user.name, body.note))
    return await get_party(request, party_id, user)


def _entry(request: Request, party_id: str) -> Any:
    entry = services(request).registry.get(party_id)
    if entry is None:
        raise HTTPException(404, f"no party {party_id}")
    return entry


def _edit(request: Request, action: Any) -> None:
    try:
        action()
    except RegistryEditError as exc:
        raise HTTPException(409, str(exc)) from exc
    services(request).refresh_registry()


@router.get("/mechanisms", response_model=MechanismPage)
async def list_mechanisms(
    request: Request, _: Annotated[User, Depends(viewer)], limit: Limit = 50, cursor: Cursor = None
) -> Any:
    page = services(request).queries.mechanisms(PageRequest(limit, cursor))
    return page_json(page)


@router.get("/claims", response_model=ClaimPage)
async def list_claims(
    request: Request,
    _: Annotated[User, Depends(viewer)],
    subject: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Any:
    page = services(request).queries.claims(PageRequest(limit, cursor), subject=subject)
    return page_json(page)
