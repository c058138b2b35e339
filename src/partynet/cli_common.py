"""What every `partynet` command shares: the settings from the command line, the store, the registry."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from sqlalchemy.engine import make_url

from partynet.registry.file import RegistryFileError, load_registry
from partynet.registry.registry import Registry
from partynet.settings import Settings, settings_from_env
from partynet.store.errors import StoreError
from partynet.store.registry_edits import RegistryEdits
from partynet.store.repository import Store

err = Console(stderr=True)


@dataclass(frozen=True, slots=True)
class Context:
    settings: Settings


def settings_of(ctx: typer.Context) -> Settings:
    state = ctx.find_object(Context)
    return state.settings if state else settings_from_env()


@contextmanager
def open_store(settings: Settings) -> Iterator[Store]:
    try:
        store = Store.open(settings.db_url)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    try:
        yield store
    except StoreError as exc:  # a store this run cannot work with, found while working: no traceback
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()


def load_registry_for(settings: Settings) -> Registry:
    """The shipped registry with what analysts added in the store (when the store exists)."""
    try:
        registry = load_registry()
    except (OSError, RegistryFileError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    url = make_url(settings.db_url)
    if url.get_backend_name() == "sqlite" and not (url.database and Path(url.database).is_file()):
        return registry  # reading the registry should not create a store
    with open_store(settings) as store:
        return registry.with_changes(RegistryEdits(store).changes())
