"""What every request reads from the application: the store's services, the registry, the settings,
held in one typed value on `app.state`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from sqlalchemy import func, select

from partynet.analysis.model import NetworkData
from partynet.analysis.relations import RegularContactRule
from partynet.api.limits import FailureLimiter
from partynet.registry.link import Linker
from partynet.registry.present import candidate_json
from partynet.registry.registry import Registry
from partynet.settings import Settings
from partynet.store.network import load_network
from partynet.store.queries import Page, Queries
from partynet.store.registry_edits import RegistryEdits
from partynet.store.repository import Store
from partynet.store.review import Review
from partynet.store.schema import audit, exchanges, participants, parties
from partynet.store.users import Users

SEARCH_CACHE = 512  # registry searches kept in memory


@dataclass(slots=True)
class Services:
    settings: Settings
    store: Store
    registry: Registry
    queries: Queries
    review: Review
    users: Users
    shipped: Registry  # the registry file; `registry` is it with the analysts' changes in the store
    failures: FailureLimiter
    _linker: Linker | None = field(default=None, repr=False)
    _network: tuple[tuple[Any, ...], NetworkData] | None = field(default=None, repr=False)
    _searches: dict[tuple[str, int], list[dict[str, Any]]] = field(default_factory=dict, repr=False)

    def network(self) -> tuple[NetworkData, RegularContactRule]:
        """The counted network of the store and the regular-contact rule, as the settings say. Kept
        while the store's generation (see `generation`) stays the same: reads do not rebuild it."""
        given = self.settings
        rule = RegularContactRule.from_settings(given)
        now = generation(self.store)
        if self._network is None or self._network[0] != now:
            self._network = (now, load_network(self.store, given.relation_statuses, self.registry))
        return self._network[1], rule

    def refresh_registry(self) -> None:
        """After an analyst's merge, alias or their undoing: the registry with the store's changes."""
        self.registry = self.shipped.with_changes(RegistryEdits(self.store).changes())
        self._linker = None
        self._searches.clear()
        self._network = None

    def search_parties(self, q: str, limit: int) -> list[dict[str, Any]]:
        """Registry candidates for a name; the registry does not change under a running server, so a
        name asked again is answered from memory."""
        key = (q, limit)
        if key not in self._searches:
            if len(self._searches) >= SEARCH_CACHE:
                self._searches.pop(next(iter(self._searches)))
            self._searches[key] = [
                candidate_json(c, self.registry) for c in self.linker.search(q, None, limit)
            ]
        return self._searches[key]

    @property
    def linker(self) -> Linker:
        """The registry's linker, built on the first search (its automata take a second to build)."""
        if self._linker is None:
            self._linker = Linker(self.registry)
        return self._linker


def generation(store: Store) -> tuple[Any, ...]:
    """What changes whenever the counted network may: exchanges written or decided (their count and
    last update), participants, parties merged, audit entries. One small query."""
    with store.engine.connect() as connection:
        return tuple(
            connection.execute(
                select(
                    select(func.count()).select_from(exchanges).scalar_subquery(),
                    select(func.max(exchanges.c.updated_at)).scalar_subquery(),
                    select(func.count()).select_from(participants).scalar_subquery(),
                    select(func.count(parties.c.merged_into)).scalar_subquery(),
                    select(func.max(audit.c.id)).scalar_subquery(),
                )
            ).one()
        )


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def page_json(page: Page) -> dict[str, Any]:
    return {"items": page.items, "next_cursor": page.next_cursor}
