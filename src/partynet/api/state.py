"""What every request reads from the application: the store's services, the registry, the settings,
held in one typed value on `app.state`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from partynet.analysis.model import NetworkData
from partynet.analysis.relations import RegularContactRule
from partynet.registry.link import Linker
from partynet.registry.registry import Registry
from partynet.settings import Settings
from partynet.store.network import load_network
from partynet.store.queries import Page, Queries
from partynet.store.repository import Store
from partynet.store.review import Review
from partynet.store.users import Users


@dataclass(slots=True)
class Services:
    settings: Settings
    store: Store
    registry: Registry
    queries: Queries
    review: Review
    users: Users
    _linker: Linker | None = field(default=None, repr=False)

    def network(self) -> tuple[NetworkData, RegularContactRule]:
        """The counted network of the store and the regular-contact rule, as the settings say."""
        data = load_network(self.store, self.settings.relation_statuses, self.registry)
        rule = RegularContactRule(
            self.settings.regular_min_exchanges,
            self.settings.regular_min_years,
            self.settings.regular_window_years,
        )
        return data, rule

    @property
    def linker(self) -> Linker:
        """The registry's linker, built on the first search (its automata take a second to build)."""
        if self._linker is None:
            self._linker = Linker(self.registry)
        return self._linker


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def page_json(page: Page) -> dict[str, Any]:
    return {"items": page.items, "next_cursor": page.next_cursor}
