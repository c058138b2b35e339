"""The REST API: `create_app(settings)` builds it (one router per resource, one error shape, OpenAPI
at /docs); `partynet serve` runs it with uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
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
    return app
