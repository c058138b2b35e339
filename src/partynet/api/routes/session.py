"""/login and /logout for the browser: the user gives their token once, the browser keeps a session
cookie (HttpOnly, Secure, SameSite=Strict). The login form itself is protected by a double-submit
CSRF token (a cookie and a form field that must match)."""

from __future__ import annotations

import secrets
from html import escape
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from partynet.api.auth import CSRF_FIELD, SESSION_COOKIE, client_of
from partynet.api.state import services

router = APIRouter(tags=["session"])
LOGIN_CSRF_COOKIE = "partynet_login_csrf"
_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>partynet: log in</title>
<style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto}}
input{{width:100%;padding:.4rem}}button{{margin-top:.8rem;padding:.4rem 1rem}}.error{{color:#b23a48}}
</style></head><body>
<h1>partynet</h1><p>Log in with the token <code>partynet users add</code> gave you.</p>{error}
<form method="post" action="/login"><input type="hidden" name="{field}" value="{csrf}">
<label for="token">Token</label><input id="token" name="token" type="password" autocomplete="off" autofocus>
<input type="hidden" name="next" value="{next}"><button type="submit">Log in</button></form></body></html>"""


def _cookie_flags() -> dict[str, object]:
    return {"httponly": True, "secure": True, "samesite": "strict", "path": "/"}


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
async def login_page(next: str = "/", error: str | None = None) -> Response:  # noqa: A002 - the usual name
    csrf = secrets.token_urlsafe(32)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    message = f'<p class="error">{escape(error)}</p>' if error else ""
    page = _PAGE.format(error=message, field=CSRF_FIELD, csrf=csrf, next=escape(target, quote=True))
    response = HTMLResponse(page)
    response.set_cookie(LOGIN_CSRF_COOKIE, csrf, max_age=3600, **_cookie_flags())  # type: ignore[arg-type]
    return response


@router.post("/login", include_in_schema=False)
async def login(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=500)] = "/",  # noqa: A002
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not expected or not secrets.compare_digest(expected, csrf_token):
        raise HTTPException(403, "missing or wrong CSRF token")
    found, client = services(request), client_of(request)
    found.failures.check(client)
    user = found.users.by_token(token.strip())
    if user is None:
        found.failures.failed(client)
        return RedirectResponse("/login?error=unknown+token", status_code=303)
    cookie, _ = services(request).users.start_session(user)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, cookie, max_age=12 * 3600, **_cookie_flags())  # type: ignore[arg-type]
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        session = services(request).users.session(cookie)
        sent = request.headers.get("X-CSRF-Token")
        if session is not None and sent != session.csrf:
            raise HTTPException(403, "missing or wrong CSRF token")
        services(request).users.end_session(cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/api/session", tags=["session"])
async def session_info(request: Request) -> dict[str, object]:
    """The logged-in browser session's user and CSRF token (for the dashboard's scripts)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    session = services(request).users.session(cookie) if cookie else None
    if session is None:
        raise HTTPException(401, "not logged in")
    return {"user": {"name": session.user.name, "role": session.user.role.value}, "csrf": session.csrf}
