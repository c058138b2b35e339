"""The registry's values: countries, parties and their aliases. Plain dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class PartyType(StrEnum):
    PARTY = "party"
    INTERNATIONAL = "international"  # a federation of parties: Socialist International, ICAPP, PES
    PARTY_BODY = "party_body"  # an organ of a party: international department, youth wing, party school
    NON_PARTY = "non_party"  # government body, parliament, think tank, foundation, media


class AliasKind(StrEnum):
    NAME = "name"  # the party's name in one language
    ABBREVIATION = "abbreviation"
    TRANSLATION = "translation"  # a name in another language than the party's own (Chinese names)
    SHORT_FORM = "short_form"  # a clipped form used in reports: 越共, 非国大, the Kuomintang
    FORMER_NAME = "former_name"
    TRANSLITERATION = "transliteration"  # a non-Latin name written in Latin letters
    PERSON = (
        "person"  # an official who acts only for this body (a head of a party's international department)
    )
    # an office written without the party's name, as the party's own country's media write it ("Party
    # General Secretary" in Vietnamese media): it names the party only in a text that names the country
    TITLE = "title"


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    kind: AliasKind
    lang: str | None = None
    source: str = ""  # which source gave it: partyfacts, wikipedia, parlgov, extension, ...
    valid_from: int | None = None  # years a former name was in use
    valid_to: int | None = None


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    name_zh: str | None
    name_zh_hant: str | None
    continent: str | None
    region: str | None
    aliases: tuple[str, ...] = ()  # other names a text may use: official names, Chinese short names


@dataclass(slots=True)
class Party:
    id: str  # "pf:1219" for a Party Facts party, "pn:<slug>" for the project's own entries
    name: str  # canonical English name
    country: str | None  # ISO 3166-1 alpha-3; None for international federations
    type: PartyType = PartyType.PARTY
    name_zh: str | None = None
    native_name: str | None = None
    abbreviation: str | None = None
    parent: str | None = None  # the party a party body belongs to
    founded: int | None = None
    dissolved: int | None = None
    vote_share: float | None = None  # best national vote share: a prior between namesakes
    family: str | None = None  # ParlGov party family
    ideologies: list[str] = field(default_factory=list)
    internationals: list[str] = field(default_factory=list)
    source_ids: dict[str, list[str]] = field(default_factory=dict)  # source -> its ids of this party
    aliases: list[Alias] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    congresses: dict[int, str] = field(default_factory=dict)  # a congress's ordinal -> its opening, yyyy-mm

    def add_alias(self, alias: Alias) -> None:
        """Add an alias unless the same text of the same kind is already there."""
        if not alias.text or any(a.text == alias.text and a.kind == alias.kind for a in self.aliases):
            return
        self.aliases.append(alias)

    def add_source_id(self, source: str, value: str) -> None:
        ids = self.source_ids.setdefault(source, [])
        if value and value not in ids:
            ids.append(value)

    def active_in(self, year: int) -> bool:
        return (self.founded is None or self.founded <= year) and (
            self.dissolved is None or year <= self.dissolved
        )


@dataclass(frozen=True, slots=True)
class Mechanism:
    """A named platform or recurring forum of party diplomacy."""

    id: str
    name: str
    kind: str  # dialogue | forum | conference | summit | seminar | alliance | platform
    name_zh: str | None = None
    organiser: str | None = None  # a party id
    aliases: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class AnalystChanges:
    """What analysts added on top of the shipped registry, as the store holds it."""

    parties: tuple[Party, ...] = ()
    aliases: tuple[tuple[str, Alias], ...] = ()  # (party id, alias)
    merges: tuple[tuple[str, str], ...] = ()  # (merged party id, party it was merged into)
