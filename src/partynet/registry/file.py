"""The registry file: gzip-compressed JSON, written byte-for-byte reproducibly, shipped in the package."""

from __future__ import annotations

import gzip
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from partynet.registry.fold import Folder
from partynet.registry.model import Alias, AliasKind, Country, Mechanism, Party, PartyType
from partynet.registry.registry import Registry
from partynet.registry.sources import SOURCE_CREDITS

FORMAT = 1
PACKAGED = "registry.json.gz"


class RegistryFileError(ValueError):
    pass


def packaged_path() -> Path:
    return Path(str(files("partynet.registry") / "data" / PACKAGED))


def write_registry(registry: Registry, path: Path) -> None:
    payload = {
        "format": FORMAT,
        "sources": SOURCE_CREDITS,
        "fold": {str(code): char for code, char in sorted(registry.folder.table.items())},
        "countries": [_country_row(c) for c in registry.countries],
        "parties": [_party_row(p) for p in registry.parties],
        "mechanisms": [_mechanism_row(m) for m in registry.mechanisms],
        "pairs": {text: list(ids) for text, ids in sorted(registry.pairs.items())},
    }
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same registry gives the same bytes, so a rebuild shows as no change in git
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def load_registry(path: Path | None = None) -> Registry:
    path = path or packaged_path()
    try:
        payload = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, EOFError, json.JSONDecodeError) as error:
        raise RegistryFileError(f"{path} is not a registry file: {error}") from error
    if payload.get("format") != FORMAT:
        raise RegistryFileError(f"{path} has registry format {payload.get('format')}, expected {FORMAT}")
    return Registry(
        parties=[_party(row) for row in payload["parties"]],
        countries=[_country(row) for row in payload["countries"]],
        folder=Folder({int(code): char for code, char in payload["fold"].items()}),
        mechanisms=[_mechanism(row) for row in payload.get("mechanisms", [])],
        pairs={text: (first, second) for text, (first, second) in payload.get("pairs", {}).items()},
    )


def _country_row(c: Country) -> list[Any]:
    return [c.iso3, c.name, c.name_zh, c.name_zh_hant, c.continent, c.region, list(c.aliases)]


def _country(row: list[Any]) -> Country:
    iso3, name, zh, zh_hant, continent, region, aliases = row
    return Country(iso3, name, zh, zh_hant, continent, region, tuple(aliases))


_OPTIONAL = (
    "name_zh",
    "native_name",
    "abbreviation",
    "parent",
    "founded",
    "dissolved",
    "vote_share",
    "family",
)


def _party_row(p: Party) -> dict[str, Any]:
    row: dict[str, Any] = {"id": p.id, "name": p.name, "country": p.country, "type": p.type.value}
    row |= {key: getattr(p, key) for key in _OPTIONAL if getattr(p, key) is not None}
    row |= {
        key: value
        for key, value in (
            ("ideologies", p.ideologies),
            ("internationals", p.internationals),
            ("ids", p.source_ids),
            ("notes", p.notes),
            ("congresses", {str(n): opened for n, opened in sorted(p.congresses.items())}),
        )
        if value
    }
    row["aliases"] = [[a.text, a.kind.value, a.lang, a.source, a.valid_from, a.valid_to] for a in p.aliases]
    return row


def _party(row: dict[str, Any]) -> Party:
    party = Party(
        id=row["id"],
        name=row["name"],
        country=row["country"],
        type=PartyType(row["type"]),
        ideologies=row.get("ideologies", []),
        internationals=row.get("internationals", []),
        source_ids=row.get("ids", {}),
        notes=row.get("notes", []),
        congresses={int(n): opened for n, opened in row.get("congresses", {}).items()},
        aliases=[
            Alias(t, AliasKind(k), lang, src, start, end) for t, k, lang, src, start, end in row["aliases"]
        ],
    )
    for key in _OPTIONAL:
        if key in row:
            setattr(party, key, row[key])
    return party


def _mechanism_row(m: Mechanism) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "kind": m.kind,
        "name_zh": m.name_zh,
        "organiser": m.organiser,
        "aliases": list(m.aliases),
        "source": m.source,
    }


def _mechanism(row: dict[str, Any]) -> Mechanism:
    return Mechanism(
        row["id"],
        row["name"],
        row["kind"],
        row["name_zh"],
        row["organiser"],
        tuple(row["aliases"]),
        row["source"],
    )
