"""`partynet registry ...`: build, search and show the party registry, and analysts' audited edits."""

from __future__ import annotations

import getpass
import json
import os
import time
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from partynet.cli_common import err, load_registry_for, open_store, settings_of
from partynet.registry.build import BuildInputs, RegistryInputError, build_registry
from partynet.registry.countries import CountryDataMissingError
from partynet.registry.extension import ExtensionError
from partynet.registry.file import packaged_path, write_registry
from partynet.registry.link import Linker
from partynet.registry.model import Alias, AliasKind, Party, PartyType
from partynet.registry.present import candidate_json, new_party, party_json
from partynet.registry.registry import Registry
from partynet.store.registry_edits import RegistryEditError, RegistryEdits

registry_app = typer.Typer(
    help="The party registry: build, search, show, and analysts' edits.", no_args_is_help=True
)


@registry_app.command("build")
def registry_build(
    source: Annotated[
        Path, typer.Option("--from", help="reference data folder (partyfacts/, parlgov/, ...)")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="registry file to write (default: the shipped one)")
    ] = None,
    extension_dir: Annotated[
        Path | None,
        typer.Option("--extension", help="folder of the project's own entries (default: shipped)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the registry's figures as JSON")] = False,
) -> None:
    """Build the registry file from the reference data and the project's extension."""
    start = time.perf_counter()
    inputs = BuildInputs(source, extension_dir or Path(str(files("partynet.registry") / "extension")))
    try:
        registry = build_registry(inputs)
    except (RegistryInputError, ExtensionError, CountryDataMissingError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    target = out or packaged_path()
    write_registry(registry, target)
    figures = registry.stats() | {"file": str(target), "seconds": round(time.perf_counter() - start, 2)}
    typer.echo(json.dumps(figures, ensure_ascii=False, indent=1) if as_json else _figures_text(figures))


def _figures_text(figures: dict[str, Any]) -> str:
    return "\n".join(f"{key}: {value}" for key, value in figures.items())


@registry_app.command("search")
def registry_search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="a name, abbreviation or Chinese name")],
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-3 code to prefer")] = None,
    limit: Annotated[int, typer.Option("--limit", help="candidates to show")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="print candidates as JSON")] = False,
) -> None:
    """Ranked candidates for a name: id, name, country, score and the reason for the score."""
    registry = load_registry_for(settings_of(ctx))
    found = [candidate_json(c, registry) for c in Linker(registry).search(text, country, limit)]
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    table = Table("id", "name", "country", "score", "reason", title=f"registry search: {text}")
    for row in found:
        table.add_row(row["id"], row["name"], row["country"] or "-", f"{row['score']:.2f}", row["reason"])
    Console().print(table)


@registry_app.command("show")
def registry_show(
    ctx: typer.Context,
    party_id: Annotated[str, typer.Argument(help="registry id, e.g. pf:1219")],
    as_json: Annotated[bool, typer.Option("--json", help="print the entry as JSON")] = False,
) -> None:
    """One registry entry: names, aliases, country, dates, bodies and the sources that hold it."""
    registry = load_registry_for(settings_of(ctx))
    party = registry.get(party_id)
    if party is None:
        err.print(f"[red]error:[/red] no registry entry {party_id}; try `partynet registry search`")
        raise typer.Exit(1)
    data = party_json(party, registry)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    table = Table(show_header=False, title=f"{party.id} {party.name}")
    for key, value in data.items():
        shown = (
            "; ".join(f"{a['text']} ({a['kind']}, {a['source']})" for a in value)
            if key == "aliases"
            else value
        )
        table.add_row(key, str(shown) if shown not in (None, [], {}, "") else "-")
    Console().print(table)


@registry_app.command("stats")
def registry_stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="print the figures as JSON")] = False,
) -> None:
    """How many parties, countries and aliases the registry holds, by source."""
    figures = load_registry_for(settings_of(ctx)).stats()
    typer.echo(json.dumps(figures, ensure_ascii=False, indent=1) if as_json else _figures_text(figures))


def _actor(by: str | None) -> str:
    return by or os.environ.get("PARTYNET_USER") or getpass.getuser()


@registry_app.command("add")
def registry_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="the party's English name")],
    country: Annotated[
        str | None, typer.Option("--country", help="ISO 3166 alpha-3; none for internationals")
    ] = None,
    kind: Annotated[
        PartyType, typer.Option("--type", help="party, international, party_body or non_party")
    ] = PartyType.PARTY,
    name_zh: Annotated[str | None, typer.Option("--zh", help="Chinese name")] = None,
    abbreviation: Annotated[str | None, typer.Option("--abbreviation", help="abbreviation")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="the party a party body belongs to")] = None,
    founded: Annotated[int | None, typer.Option("--founded", help="year founded")] = None,
    note: Annotated[str, typer.Option("--note", help="the source: where this party is documented")] = "",
    by: Annotated[str | None, typer.Option("--by", help="who makes the change (env PARTYNET_USER)")] = None,
) -> None:
    """Add a party the registry lacks (audited)."""
    settings = settings_of(ctx)
    registry = load_registry_for(settings)
    if not note:
        err.print("[red]error:[/red] --note is required: say where this party is documented")
        raise typer.Exit(2)
    if parent and registry.get(parent) is None:
        err.print(f"[red]error:[/red] no registry entry {parent}")
        raise typer.Exit(1)
    party = new_party(registry, name, country, kind, name_zh, abbreviation, parent, founded, note)
    with open_store(settings) as store:
        _edit(lambda: RegistryEdits(store).add_party(party, _actor(by), note))
    typer.echo(party.id)


@registry_app.command("alias")
def registry_alias(
    ctx: typer.Context,
    party_id: Annotated[str, typer.Argument(help="registry id")],
    text: Annotated[str, typer.Argument(help="the alias")],
    kind: Annotated[
        AliasKind, typer.Option("--kind", help="name, abbreviation, translation, short_form, ...")
    ] = AliasKind.NAME,
    lang: Annotated[str | None, typer.Option("--lang", help="language code, e.g. zh")] = None,
    note: Annotated[str | None, typer.Option("--note", help="where this form is used")] = None,
    by: Annotated[str | None, typer.Option("--by", help="who makes the change (env PARTYNET_USER)")] = None,
) -> None:
    """Give a party another name, abbreviation or short form (audited)."""
    settings = settings_of(ctx)
    party = _existing(load_registry_for(settings), party_id)
    with open_store(settings) as store:
        _edit(
            lambda: RegistryEdits(store).add_alias(
                party, Alias(text, kind, lang, _actor(by)), _actor(by), note
            )
        )
    typer.echo(f"{party.id}: {kind.value} '{text}'")


@registry_app.command("merge")
def registry_merge(
    ctx: typer.Context,
    merged_id: Annotated[str, typer.Argument(help="the entry that duplicates another")],
    into_id: Annotated[str, typer.Argument(help="the entry to keep")],
    note: Annotated[str | None, typer.Option("--note", help="why they are the same party")] = None,
    by: Annotated[str | None, typer.Option("--by", help="who makes the change (env PARTYNET_USER)")] = None,
) -> None:
    """Record that two entries are one party: mentions of the first link to the second (audited)."""
    settings = settings_of(ctx)
    registry = load_registry_for(settings)
    merged, into = _existing(registry, merged_id), _existing(registry, into_id)
    with open_store(settings) as store:
        _edit(lambda: RegistryEdits(store).merge(merged, into, _actor(by), note))
    typer.echo(f"{merged.id} -> {into.id}")


def _existing(registry: Registry, party_id: str) -> Party:
    party = registry.get(party_id)
    if party is None:
        err.print(f"[red]error:[/red] no registry entry {party_id}")
        raise typer.Exit(1)
    return party


def _edit(change: Callable[[], None]) -> None:
    try:
        change()
    except RegistryEditError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
