"""The project's own registry entries, kept as reviewable CSV files with a source note on every row.

- `entries.csv`: parties Party Facts lacks, party bodies (with their parent party), non-party
  counterparts and party internationals; ids are `pn:<slug>`.
- `aliases.csv`: names for any entry, Party Facts ones included (`pf:<id>`): Chinese names and the
  short forms Chinese reports use, English forms the reference data lacks.
- `canonical.csv`: the English name reports use, where the reference data's is a translation, another
  language or a typo (the old name stays an alias); and the type, where Party Facts files a front
  organisation as a party.
- `mechanisms.csv`: named platforms and forums of party diplomacy.
- `pairs.csv`: short forms that name two parties at once (国共: the Kuomintang and the CPC).
- `congresses.csv`: when a party's numbered congresses opened ("the 19th Party Congress"), so that a
  report without a date can be placed by the congress it names.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from partynet.registry.fold import Folder
from partynet.registry.model import Alias, AliasKind, Mechanism, Party, PartyType

ENTRY_COLUMNS = (
    "id",
    "type",
    "name",
    "name_zh",
    "country",
    "parent",
    "abbreviation",
    "founded",
    "dissolved",
    "source",
)
ALIAS_COLUMNS = ("party", "text", "lang", "kind", "source")
CANONICAL_COLUMNS = ("party", "name", "type", "source")
MECHANISM_COLUMNS = ("id", "name", "name_zh", "kind", "organiser", "aliases", "source")
CONGRESS_COLUMNS = ("party", "ordinal", "opened", "source")
PAIR_COLUMNS = ("text", "first", "second", "source")
_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")


class ExtensionError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Extension:
    """What the extension adds beside parties and their aliases."""

    mechanisms: list[Mechanism]
    pairs: dict[str, tuple[str, str]]  # a short form naming two parties -> their ids


def apply(directory: Path, parties: dict[str, Party], folder: Folder) -> Extension:
    """Add the extension's entries and aliases to `parties`; return its mechanisms and pairs."""
    _add_entries(directory / "entries.csv", parties)
    _set_canonical_names(directory / "canonical.csv", parties)
    _add_aliases(directory / "aliases.csv", parties, folder)
    _add_congresses(directory / "congresses.csv", parties)
    mechanisms = [
        _mechanism(where, row, parties)
        for where, row in _rows(directory / "mechanisms.csv", MECHANISM_COLUMNS)
    ]
    pairs = {
        row["text"]: (_existing(parties, row["first"], where).id, _existing(parties, row["second"], where).id)
        for where, row in _rows(directory / "pairs.csv", PAIR_COLUMNS)
    }
    return Extension(mechanisms, pairs)


def _add_entries(path: Path, parties: dict[str, Party]) -> None:
    for where, row in _rows(path, ENTRY_COLUMNS):
        party = _entry(where, row)
        if party.id in parties:
            raise ExtensionError(f"{where}: {party.id} is already in the registry")
        parties[party.id] = party
    for where, row in _rows(path, ENTRY_COLUMNS):  # parents may come later in the file
        body = parties[row["id"]]
        if body.parent:
            parent = _existing(parties, body.parent, where)
            body.country = body.country or parent.country  # a party body is of its party's country


def _set_canonical_names(path: Path, parties: dict[str, Party]) -> None:
    for where, row in _rows(path, CANONICAL_COLUMNS):
        party = _existing(parties, row["party"], where)
        party.name = row["name"]
        if row["type"]:
            party.type = _type(where, row["type"])
        party.add_alias(Alias(row["name"], AliasKind.NAME, "en", "extension"))
        party.add_source_id("extension", row["source"])


def _add_aliases(path: Path, parties: dict[str, Party], folder: Folder) -> None:
    """The first Chinese translation the extension gives a party becomes its Chinese name, over one
    found in the reference data."""
    named: set[str] = set()
    for where, row in _rows(path, ALIAS_COLUMNS):
        party = _existing(parties, row["party"], where)
        _add_alias(where, party, row, folder)
        if row["lang"] == "zh" and row["kind"] == AliasKind.TRANSLATION.value and party.id not in named:
            party.name_zh = row["text"]
            named.add(party.id)


def _add_congresses(path: Path, parties: dict[str, Party]) -> None:
    for where, row in _rows(path, CONGRESS_COLUMNS):
        party = _existing(parties, row["party"], where)
        if not row["ordinal"].isdigit() or not _MONTH.fullmatch(row["opened"]):
            raise ExtensionError(f"{where}: a congress needs an ordinal and an opening month (yyyy-mm)")
        party.congresses[int(row["ordinal"])] = row["opened"]
        party.add_source_id("extension", row["source"])


def _existing(parties: dict[str, Party], party_id: str, where: str) -> Party:
    party = parties.get(party_id)
    if party is None:
        raise ExtensionError(f"{where}: {party_id} is not in the registry")
    return party


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise ExtensionError(f"{path}: columns must be {', '.join(columns)}")
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            clean = {key: (value or "").strip() for key, value in row.items()}
            if not clean["source"]:
                raise ExtensionError(f"{where}: every row needs a source note")
            yield where, clean


def _entry(where: str, row: dict[str, str]) -> Party:
    if not row["id"].startswith("pn:") or not row["name"]:
        raise ExtensionError(f"{where}: an entry needs an id starting with 'pn:' and a name")
    kind = _type(where, row["type"])
    if row["country"] and (len(row["country"]) != 3 or not row["country"].isupper()):
        raise ExtensionError(f"{where}: country must be an ISO 3166 alpha-3 code, not {row['country']!r}")
    party = Party(
        id=row["id"],
        name=row["name"],
        country=row["country"] or None,
        type=kind,
        name_zh=row["name_zh"] or None,
        abbreviation=row["abbreviation"] or None,
        parent=row["parent"] or None,
        founded=int(row["founded"]) if row["founded"] else None,
        dissolved=int(row["dissolved"]) if row["dissolved"] else None,
    )
    party.add_source_id("extension", row["source"])
    party.add_alias(Alias(party.name, AliasKind.NAME, "en", "extension"))
    if party.name_zh:
        party.add_alias(Alias(party.name_zh, AliasKind.TRANSLATION, "zh", "extension"))
    if party.abbreviation:
        party.add_alias(Alias(party.abbreviation, AliasKind.ABBREVIATION, None, "extension"))
    return party


def _type(where: str, value: str) -> PartyType:
    try:
        return PartyType(value)
    except ValueError:
        raise ExtensionError(f"{where}: unknown type {value!r}") from None


def _add_alias(where: str, party: Party, row: dict[str, str], folder: Folder) -> None:
    try:
        kind = AliasKind(row["kind"])
    except ValueError:
        raise ExtensionError(f"{where}: unknown alias kind {row['kind']!r}") from None
    if not folder.key(row["text"]):
        raise ExtensionError(f"{where}: empty alias")
    lang = row["lang"] or None
    party.add_alias(Alias(row["text"], kind, lang, "extension"))
    party.add_source_id("extension", row["source"])


def _mechanism(where: str, row: dict[str, str], parties: dict[str, Party]) -> Mechanism:
    if row["organiser"] and row["organiser"] not in parties:
        raise ExtensionError(f"{where}: organiser {row['organiser']} is not in the registry")
    aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
    return Mechanism(
        row["id"],
        row["name"],
        row["kind"],
        row["name_zh"] or None,
        row["organiser"] or None,
        aliases,
        row["source"],
    )
