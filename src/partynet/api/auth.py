"""Who is asking: a bearer token (scripts) or a session cookie (the browser), and what their role lets
them do. A write made with a cookie must carry the session's CSRF token (header or form field): a
page of another site can make the browser send the cookie, never the token."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request

from partynet.api.state import services
from partynet.store.users import Role, User

SESSION_COOKIE = "partynet_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset(("GET", "HEAD", "OPTIONS"))


@dataclass(frozen=True, slots=True)
class Principal:
    user: User
    csrf: str | None  # the session's CSRF token; None for a bearer token


async def principal(request: Request) -> Principal | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        found, client = services(request), client_of(request)
        found.failures.check(client)
        user = found.users.by_token(header[7:].strip())
        if user is None:
            found.failures.failed(client)
            raise HTTPException(401, "unknown or disabled token", headers={"WWW-Authenticate": "Bearer"})
        return Principal(user, None)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        session = services(request).users.session(cookie)
        if session is not None:
            return Principal(session.user, session.csrf)
    return None


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def require(role: Role) -> Callable[..., object]:
    """A dependency: the caller's user, refused with 401 when anonymous and 403 when the role is short;
    a cookie-authenticated write without the session's CSRF token is refused with 403."""

    async def check(request: Request, who: Principal | None = Depends(principal)) -> User:
        if who is None:
            raise HTTPException(401, "log in or send a bearer token", headers={"WWW-Authenticate": "Bearer"})
        if not who.user.role.allows(role):
            raise HTTPException(
                403, f"this needs the {role.value} role; {who.user.name} is {who.user.role.value}"
            )
        if who.csrf is not None and request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER)
            if sent is None and request.headers.get("content-type", "").startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")
            ):
                sent = str((await request.form()).get(CSRF_FIELD, ""))
            if sent != who.csrf:
                raise HTTPException(403, "missing or wrong CSRF token")
        return who.user

    return check


viewer = require(Role.VIEWER)
analyst = require(Role.ANALYST)
admin = require(Role.ADMIN)
