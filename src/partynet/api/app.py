"""The REST API: `create_app(settings)` builds it (one router per resource, one error shape, OpenAPI
at /docs); `partynet serve` runs it with uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from partynet import __version__
from partynet.api import errors
from partynet.api.models import ErrorBody
from partynet.api.routes import admin, documents, exchanges, network, search, session
from partynet.api.routes import registry as registry_routes
from partynet.api.state import Services
from partynet.registry.file import load_registry
from partynet.registry.registry import Registry
from partynet.settings import Settings
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
    app.state.services = Services(
        settings=settings,
        store=store,
        registry=(registry or load_registry()).with_changes(RegistryEdits(store).changes()),
        queries=Queries(store),
        review=Review(store),
        users=Users(store),
    )
    errors.install(app)
    for module in (exchanges, documents, registry_routes, network, search, admin, session):
        app.include_router(module.router)
    app.include_router(pages.router)
    app.add_exception_handler(pages.LoginRequiredError, pages.login_redirect)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.middleware("http")(_security_headers)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Scripts only from this server and none inline; no framing; no sniffing of content types."""
    response = await call_next(request)
    if not request.url.path.startswith("/docs") and not request.url.path.startswith("/redoc"):
        response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
