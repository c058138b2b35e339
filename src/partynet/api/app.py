"""The REST API: `create_app(settings)` builds it (one router per resource, one error shape, OpenAPI
at /docs); `partynet serve` runs it with uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from partynet import __version__
from partynet.api import errors
from partynet.api.limits import BodyLimit, FailureLimiter
from partynet.api.models import ErrorBody
from partynet.api.routes import admin, documents, exchanges, imports, network, search, session
from partynet.api.routes import registry as registry_routes
from partynet.api.state import Services
from partynet.registry.file import load_registry
from partynet.registry.registry import Registry
from partynet.settings import Settings, settings_from_env
from partynet.store.queries import Queries
from partynet.store.registry_edits import RegistryEdits
from partynet.store.repository import Store
from partynet.store.review import Review
from partynet.store.users import Users
from partynet.web import pages

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]
HEADERS_WITH_CSP = [*HEADERS, (b"content-security-policy", CSP.encode())]
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 422, 500)
}


def create_app(settings: Settings, registry: Registry | None = None) -> FastAPI:
    store = Store.open(settings.db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPIOffline(
        lifespan=lifespan,
        title="partynet",
        version=__version__,
        description="Party-to-party diplomacy from the news: exchanges, parties, claims and the network, "
        "every fact with the evidence it rests on.",
        responses=ERROR_RESPONSES,
    )
    shipped = registry or load_registry()
    app.state.services = Services(
        settings=settings,
        store=store,
        shipped=shipped,
        failures=FailureLimiter(settings.auth_failures_per_minute),
        registry=shipped.with_changes(RegistryEdits(store).changes()),
        queries=Queries(store),
        review=Review(store),
        users=Users(store),
    )
    errors.install(app)
    for module in (exchanges, documents, registry_routes, network, search, admin, session, imports):
        app.include_router(module.router)
    app.include_router(pages.router)
    app.add_exception_handler(pages.LoginRequiredError, pages.login_redirect)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit, max_bytes=settings.max_request_bytes, max_import_bytes=settings.max_import_bytes
    )
    return app


def app_from_environment() -> FastAPI:
    """The app as `partynet serve --workers N` starts it in each worker: settings from PARTYNET_*."""
    return create_app(settings_from_env())


class SecurityHeaders:
    """Scripts only from this server and none inline; no framing; no sniffing of content types. A plain
    ASGI middleware: the request-object kind costs a millisecond a request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        extra = HEADERS if path.startswith(("/docs", "/redoc")) else HEADERS_WITH_CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
