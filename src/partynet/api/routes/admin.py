"""/api/audit (the log of analysts' decisions, and their undoing), /api/users (admins), /api/me."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from partynet.api.auth import admin, analyst, viewer
from partynet.api.models import MAX_ID, AuditEntry, Exchange, NewUser, Party, UserIn, UserOut
from partynet.api.state import services
from partynet.store.registry_edits import RegistryEditError, RegistryEdits
from partynet.store.users import Role, User, UserError

router = APIRouter(prefix="/api", tags=["audit and users"])


@router.get("/audit", response_model=list[AuditEntry])
async def audit_log(
    request: Request, _: Annotated[User, Depends(viewer)], limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> Any:
    return services(request).review.history(limit=limit)


@router.post("/audit/{audit_id}/revert", response_model=Exchange | Party)
async def revert(
    request: Request, audit_id: Annotated[int, Path(ge=1, le=MAX_ID)], user: Annotated[User, Depends(analyst)]
) -> Any:
    """Undo one decision: an exchange goes back to what it was before it (answer: the exchange); an
    alias or a merge of parties is taken back (answer: the party; undoing a merge needs an admin)."""
    found = services(request)
    entry = found.review.entry(audit_id)
    if entry is None:
        raise HTTPException(404, f"no decision {audit_id}")
    if entry["table_name"] == "exchanges":
        restored = found.review.revert(audit_id, user.name)
        return found.queries.exchange(restored["id"])
    if entry["table_name"] == "parties" and not user.role.allows(Role.ADMIN):
        raise HTTPException(403, "undoing a merge of parties needs the admin role")
    try:
        party_id = RegistryEdits(found.store).revert(entry, user.name)
    except RegistryEditError as exc:
        raise HTTPException(400, str(exc)) from exc
    found.refresh_registry()
    return found.queries.party(party_id)


@router.get("/me", response_model=UserOut)
async def me(user: Annotated[User, Depends(viewer)]) -> Any:
    return {"id": user.id, "name": user.name, "role": user.role.value}


@router.get("/users", response_model=list[UserOut])
async def list_users(request: Request, _: Annotated[User, Depends(admin)]) -> Any:
    return [{"id": u.id, "name": u.name, "role": u.role.value} for u in services(request).users.list()]


@router.post("/users", response_model=NewUser, status_code=201)
async def add_user(request: Request, body: UserIn, user: Annotated[User, Depends(admin)]) -> Any:
    try:
        role = Role(body.role)
    except ValueError as exc:
        raise UserError(f"a role is one of {', '.join(r.value for r in Role)}") from exc
    token = services(request).users.add(body.name, role, actor=user.name)
    added = next(u for u in services(request).users.list() if u.name == body.name)
    return {"id": added.id, "name": added.name, "role": added.role.value, "token": token}
