"""Build the registry from the reference data: Party Facts core parties as the backbone, the dataset
crosswalks for ids and name variants, Wikipedia/Wikidata for abbreviations, dates, ideologies and
party internationals, ParlGov for families and former names, then the project's own extension.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from partynet.ingest.chars import ASCII_LETTER, HAN
from partynet.registry import extension, wikitext
from partynet.registry.countries import build_countries, iso3_of
from partynet.registry.fold import Folder, build_table, han_characters
from partynet.registry.model import Alias, AliasKind, Country, Party
from partynet.registry.registry import Registry
from partynet.registry.sources import (
    CROSSWALKS,
    NAME_LISTS,
    Crosswalk,
    NameList,
    core_parties,
    rows,
)
from partynet.registry.states import governments

_NON_LATIN_LETTER = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u10a0-\u10ff]"
)
_LANGUAGE_PREFIX = re.compile(r"^([A-Z][a-z]+(?: [A-Z][a-z]+)?):\s*")
_JOINED = re.compile(r"\s+/\s+")
_DIRECTION_MARKS = re.compile(r"[\u200e\u200f\u202a-\u202e]")
# infobox and Wikidata fields the build reads; everything else (leaders, seats, colours) is left alone
_FOUNDED_FIELDS = ("founded", "foundation", "inception (P571)")
_DISSOLVED_FIELDS = ("dissolved", "dissolution", "dissolved, abolished or demolished date (P576)")
_INTERNATIONAL_FIELDS = ("international", "member of (P463)")


class RegistryInputError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class BuildInputs:
    data_dir: Path  # holds partyfacts/, wikipedia-party-infobox/, parlgov/
    extension_dir: Path

    def check(self) -> None:
        for needed in ("partyfacts/core-parties.csv", "wikipedia-party-infobox/wp-dataset-long.csv"):
            if not (self.data_dir / needed).is_file():
                raise RegistryInputError(f"{self.data_dir} has no {needed}: is it the reference data folder?")


def build_registry(inputs: BuildInputs, to_simplified: dict[str, str] | None = None) -> Registry:
    inputs.check()
    folder = Folder(build_table(to_simplified if to_simplified is not None else _opencc_table()))
    countries = {c.iso3: c for c in build_countries()}
    builder = _Builder(folder, countries)
    builder.add_core(inputs.data_dir / "partyfacts")
    for crosswalk in CROSSWALKS:
        builder.add_crosswalk(inputs.data_dir / "partyfacts" / "imports", crosswalk)
    for name_list in NAME_LISTS:
        builder.add_name_list(inputs.data_dir / "partyfacts" / "imports", name_list)
    builder.add_wikipedia(inputs.data_dir / "wikipedia-party-infobox" / "wp-dataset-long.csv")
    if (inputs.data_dir / "parlgov").is_dir():
        builder.add_parlgov(inputs.data_dir / "parlgov")
    builder.add_transliterations()
    builder.prune_aliases()
    extended = extension.apply(inputs.extension_dir, builder.parties, folder)
    states = governments(countries.values())
    return Registry(
        parties=sorted([*builder.parties.values(), *states], key=_id_order),
        countries=[c for _, c in sorted(countries.items())],
        folder=folder,
        mechanisms=extended.mechanisms,
        pairs=extended.pairs,
    )


def _id_order(party: Party) -> tuple[str, int, str]:
    prefix, _, rest = party.id.partition(":")
    return (prefix, int(rest) if rest.isdigit() else 0, rest)


def _opencc_table() -> dict[str, str]:
    import opencc  # noqa: PLC0415 - build-time dependency

    converter = opencc.OpenCC("t2s")
    chars = list(han_characters())
    # one call per block of characters, one per line: a character converted on its own, not as a phrase
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        raise RegistryInputError("OpenCC changed the number of characters: cannot build the folding table")
    return {t: s for t, s in zip(chars, converted, strict=True) if t != s and len(s) == 1}


class _Builder:
    def __init__(self, folder: Folder, countries: dict[str, Country]) -> None:
        self.folder = folder
        self.countries = countries
        self.parties: dict[str, Party] = {}
        self._country_by_name = {
            folder.key(n): c.iso3 for c in countries.values() for n in (c.name, *c.aliases)
        }
        # (country, folded name) -> Party Facts party: a dataset's name that is another party's own
        # name is a crosswalk slip (a split or an alliance filed under its leading party), not an alias
        self._core_names: dict[tuple[str | None, str], str] = {}

    # Party Facts core -------------------------------------------------------------------------
    def add_core(self, partyfacts: Path) -> None:
        for row in core_parties(partyfacts):
            english = row["name_english"] or row["name"]
            party = Party(
                id=f"pf:{row['partyfacts_id']}",
                name=_JOINED.split(english)[0],
                country=iso3_of(row["country"]),
                native_name=row["name"] if row["name"] != english else None,
                abbreviation=row["name_short"] or None,
                founded=_year(row["year_first"]),
                dissolved=_year(row["year_last"]),
                vote_share=_number(row["share"]),
            )
            party.add_source_id("partyfacts", row["partyfacts_id"])
            if row["country"] != party.country:
                party.notes.append(f"Party Facts country unit {row['country']}")
            for name in _names(english):
                party.add_alias(Alias(name, AliasKind.NAME, "en", "partyfacts"))
            for name in _names(row["name"]):
                party.add_alias(Alias(name, AliasKind.NAME, None, "partyfacts"))
            if row["name_short"]:
                party.add_alias(Alias(row["name_short"], AliasKind.ABBREVIATION, None, "partyfacts"))
            for lang, name in _other_names(row["name_other"]):
                self._add_named(party, name, lang, "partyfacts")
            if row["wikipedia"]:
                party.add_source_id("wikipedia", row["wikipedia"])
            self.parties[party.id] = party
        for party in self.parties.values():
            for alias in party.aliases:
                self._core_names.setdefault((party.country, self.folder.key(alias.text)), party.id)

    def _belongs_elsewhere(self, party: Party, name: str) -> bool:
        owner = self._core_names.get((party.country, self.folder.key(name)))
        return owner is not None and owner != party.id

    def _add_named(self, party: Party, name: str, lang: str | None, source: str) -> None:
        # a Han name is Chinese only for a party of a Chinese-speaking country: elsewhere it is
        # Japanese kanji or Vietnamese chữ Hán; Chinese names of foreign parties come from the extension
        if HAN.search(name) and not party.name_zh and (lang == "zh" or party.country in _CHINESE):
            party.name_zh = name
            party.add_alias(Alias(name, AliasKind.NAME, "zh", source))
            return
        party.add_alias(Alias(name, AliasKind.NAME, lang, source))

    # datasets with Party Facts ids ------------------------------------------------------------
    def add_crosswalk(self, imports: Path, crosswalk: Crosswalk) -> None:
        path = imports / crosswalk.file
        if not path.is_file():
            return
        to_pf = _crosswalk_ids(imports / crosswalk.via, crosswalk.via_id_column) if crosswalk.via else None
        for row in rows(path):
            own_id = row.get(crosswalk.id_column, "")
            pf_ids = to_pf.get(own_id, []) if to_pf is not None else [row.get("partyfacts_id", "")]
            for pf_id in pf_ids:
                party = self.parties.get(f"pf:{pf_id}")
                if party is None:
                    continue
                party.add_source_id(crosswalk.source, own_id)
                self._add_names(party, row, crosswalk.name_columns, crosswalk.short_columns, crosswalk.source)

    def _add_names(
        self, party: Party, row: dict[str, str], names: Iterable[str], shorts: Iterable[str], source: str
    ) -> None:
        for column in names:
            for name in _names(row.get(column, "")):
                if not self._belongs_elsewhere(party, name):
                    self._add_named(party, name, None, source)
        for column in shorts:
            for short in _abbreviations(row.get(column, "")):
                if not self._belongs_elsewhere(party, short):
                    party.add_alias(Alias(short, AliasKind.ABBREVIATION, None, source))

    # datasets joined by country and name ------------------------------------------------------
    def add_name_list(self, imports: Path, name_list: NameList) -> None:
        path = imports / name_list.file
        if not path.is_file():
            return
        index = self._names_by_country()
        for row in rows(path):
            country = self._country(row.get(name_list.country_column, ""), by_name=name_list.country_is_name)
            party = self._match(index, country, row, name_list)
            if party is None:
                continue
            party.add_source_id(name_list.source, row.get(name_list.id_column, ""))
            shorts = (name_list.short_column,) if name_list.short_column else ()
            self._add_names(party, row, name_list.name_columns, shorts, name_list.source)

    def _country(self, value: str, *, by_name: bool) -> str | None:
        if by_name:
            return self._country_by_name.get(self.folder.key(value))
        return iso3_of(value) if value else None

    def _names_by_country(self) -> dict[tuple[str | None, str], set[str]]:
        index: dict[tuple[str | None, str], set[str]] = defaultdict(set)
        for party in self.parties.values():
            for alias in party.aliases:
                if alias.kind is AliasKind.NAME:
                    index[(party.country, self.folder.key(alias.text))].add(party.id)
        return index

    def _match(
        self,
        index: dict[tuple[str | None, str], set[str]],
        country: str | None,
        row: dict[str, str],
        nl: NameList,
    ) -> Party | None:
        """The one registry party of that country with one of the row's names, if exactly one."""
        found: set[str] = set()
        for column in nl.name_columns:
            for name in _names(row.get(column, "")):
                found |= index.get((country, self.folder.key(name)), set())
        return self.parties[next(iter(found))] if len(found) == 1 else None

    # Wikipedia infoboxes and Wikidata claims -------------------------------------------------
    def add_wikipedia(self, path: Path) -> None:
        for row in rows(path):
            party = self.parties.get(f"pf:{row['partyfacts_id']}")
            if party is not None:
                self._add_wikipedia_field(party, row["field"], row["value"])

    def _add_wikipedia_field(self, party: Party, field: str, value: str) -> None:  # noqa: C901 - one branch per field
        if field in ("name", "label", "native_name", "native label (P1705)"):
            for name in wikitext.values(value):
                # a Han name run into its romanisation is template debris, not a name
                if len(name) <= 120 and not (HAN.search(name) and ASCII_LETTER.search(name)):
                    self._add_named(party, name, None, "wikipedia")
        elif field == "abbreviation":
            for short in wikitext.abbreviations(value):
                party.add_alias(Alias(short, AliasKind.ABBREVIATION, None, "wikipedia"))
                party.abbreviation = party.abbreviation or short
        elif field == "short name (P1813)":
            short = value.strip()
            if 1 < len(short) <= 15:
                kind = AliasKind.SHORT_FORM if HAN.search(short) else AliasKind.ABBREVIATION
                party.add_alias(Alias(short, kind, "zh" if HAN.search(short) else None, "wikidata"))
        elif field in _FOUNDED_FIELDS:
            _take_earlier_founding(party, wikitext.first_year(value))
        elif field in _DISSOLVED_FIELDS and party.dissolved is None:
            party.dissolved = wikitext.first_year(value)
        elif field == "political ideology (P1142)":
            _append_once(party.ideologies, wikitext.wikidata_label(value))
        elif field in _INTERNATIONAL_FIELDS:
            labels = [wikitext.wikidata_label(value)] if "(Q" in value else wikitext.values(value)
            for label in labels:
                _append_once(party.internationals, label)

    # ParlGov -------------------------------------------------------------------------------------
    def add_parlgov(self, parlgov: Path) -> None:
        to_pf = _crosswalk_ids(
            parlgov.parent / "partyfacts" / "imports" / "mapp_partyfacts-parlgov.csv", "parlgov_id"
        )
        families = {
            r["id"]: r["name"]
            for r in rows(parlgov / "01__datacore__Code.csv")
            if r["table_variable"] == "party_family"
        }
        for row in rows(parlgov / "21__parties__Party.csv"):
            for party in self._parties_of(to_pf.get(row["id"], [])):
                party.family = party.family or families.get(row["family"])
                party.add_source_id("parlgov", row["id"])
                self._add_names(
                    party, row, ("name_english", "name", "name_nonlatin"), ("name_short",), "parlgov"
                )
        changes: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in rows(parlgov / "23__parties__PartyNameChange.csv"):
            changes[row["party"]].append(row)
        for parlgov_id, history in changes.items():
            history.sort(key=lambda r: r["date"])
            for party in self._parties_of(to_pf.get(parlgov_id, [])):
                _add_former_names(party, history)

    def _parties_of(self, pf_ids: Iterable[str]) -> list[Party]:
        return [self.parties[f"pf:{i}"] for i in pf_ids if f"pf:{i}" in self.parties]

    # non-Latin names in Latin letters ------------------------------------------------------------
    def add_transliterations(self) -> None:
        from anyascii import anyascii  # noqa: PLC0415 - build-time dependency

        for party in self.parties.values():
            for alias in list(party.aliases):
                if alias.kind is not AliasKind.NAME or len(alias.text) < 8:
                    continue
                if _NON_LATIN_LETTER.search(alias.text) and not ASCII_LETTER.search(alias.text):
                    latin = " ".join(anyascii(alias.text).split())
                    if len(latin) > 3:
                        party.add_alias(Alias(latin, AliasKind.TRANSLITERATION, None, alias.source))

    # aliases that would only mislead the linker ---------------------------------------------------
    def prune_aliases(self) -> None:
        from babel import Locale  # noqa: PLC0415 - build-time dependency

        languages = {self.folder.key(n) for n in Locale("en").languages.values()}
        countries = {self.folder.key(n) for c in self.countries.values() for n in (c.name, *c.aliases)}
        for party in self.parties.values():
            party.aliases = [
                a for a in party.aliases if _useful_alias(a, self.folder.key(a.text), languages, countries)
            ]


def _useful_alias(alias: Alias, key: str, languages: set[str], countries: set[str]) -> bool:
    """Not a language or country name, not a nationality word, not a two-letter scrap of a name."""
    if key in languages or key in countries or key in _TEMPLATE_DEBRIS or _only_generic_words(key):
        return False
    if HAN.search(alias.text):
        return True
    if alias.kind is AliasKind.ABBREVIATION:
        # two letters identify a party only as its own abbreviation in Party Facts ('PT'), not as a
        # scrap of a longer one a dataset split off ('PF' of ZANU-PF)
        if len(key) <= 2 and alias.source != "partyfacts":
            return False
        return sum(c.isupper() or c.isdigit() for c in alias.text) >= 2
    if len(key) <= 3 or key in _ADJECTIVES or (alias.text.islower() and " " in alias.text):
        return False  # ordinary words, and lower-case phrases ("other left"): residual categories, not names
    # 'Vietnamese', 'Latvian': the adjective of a country is no party's name
    return " " in key or not any(key[:5] == c[:5] and len(key) > len(c) for c in countries if " " not in c)


def _only_generic_words(key: str) -> bool:
    """'The Party', 'Front': any party's words; 'of Socialists', 'Party of': a name cut in two."""
    words = key.replace("'", " ").split()
    return set(words) <= _GENERIC_WORDS or words[0] in _FUNCTION_WORDS[1:] or words[-1] in _FUNCTION_WORDS


_GENERIC_WORDS = frozenset(
    "the party parties front movement union league alliance congress organisation organization council "
    "group coalition bloc list".split()
)
# one-word aliases that are ordinary words in any report ('National', 'Unity', 'Forward')
_ADJECTIVES = frozenset(
    "national democratic democrats liberal liberals socialist socialists communist communists conservative "
    "conservatives progressive progressives republican republicans popular independent independents unity "
    "forward together centre center right left renewal reform justice freedom liberty solidarity change hope "
    "future people patriots motherland fatherland homeland heritage dawn voice focus revival opposition red "
    "green greens labour labor workers alternative action development community democracy agreement union "
    "republic movement front alliance coalition progress initiative platform independence peace order law "
    "citizens nation rebirth victory strength power agreement dialogue summit forum congress council "
    "assembly convention league respect dignity truth".split()
)
_FUNCTION_WORDS = ("the", "of", "for", "and", "de", "du", "des", "la", "del", "y", "et", "und", "i")
_TEMPLATE_DEBRIS = frozenset(("lang", "nihongo", "nihongo2", "nihongo3", "nobold", "ubl", "small"))
_CHINESE = frozenset(("CHN", "TWN", "HKG", "MAC", "SGP"))


def _add_former_names(party: Party, history: list[dict[str, str]]) -> None:
    """ParlGov name changes: from its date the party bore that name, until the next change."""
    for i, change in enumerate(history):
        start = _year(change["date"][:4])
        end = _year(history[i + 1]["date"][:4]) if i + 1 < len(history) else None
        kind = AliasKind.FORMER_NAME if end is not None else AliasKind.NAME
        for column in ("name_english", "name"):
            for name in _names(change[column]):
                party.add_alias(
                    Alias(name, kind, "en" if column == "name_english" else None, "parlgov", start, end)
                )


def _crosswalk_ids(path: Path, own_column: str) -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = defaultdict(list)
    if path.is_file():
        for row in rows(path):
            if row.get(own_column) and row.get("partyfacts_id"):
                mapping[row[own_column]].append(row["partyfacts_id"])
    return mapping


def _names(value: str) -> list[str]:
    """Names in a field, joined names ('Free Trade Party / Anti-Socialist Party') split apart."""
    value = " ".join(_DIRECTION_MARKS.sub("", value).split()).strip(" '\"")
    return [n for n in _JOINED.split(value) if len(n) > 1] if value else []


def _other_names(value: str) -> list[tuple[str | None, str]]:
    """'Ukrainian: Комуністична Партія України; Russian: Коммунистическая ...' -> (lang, name) pairs."""
    found: list[tuple[str | None, str]] = []
    for segment in value.split(";"):
        match = _LANGUAGE_PREFIX.match(segment.strip())
        language = match.group(1).lower() if match else None
        text = segment.strip()[match.end() :] if match else segment
        lang = "zh" if language == "chinese" else language
        for name in text.split(", "):
            found.extend((lang, part) for part in _names(name))
    return found


def _abbreviations(value: str) -> list[str]:
    """'CPC/official' -> ['CPC']: parts without a capital letter are notes, not abbreviations."""
    parts = [p.strip() for p in value.split("/")] if "/" in value else [value.strip()]
    return [p for p in parts if 1 < len(p) <= 15 and any(c.isupper() for c in p)]


def _append_once(values: list[str], value: str) -> None:
    if value and value not in values:
        values.append(value)


def _year(value: str) -> int | None:
    value = value.strip()
    return int(value[:4]) if value[:4].isdigit() and 1000 < int(value[:4]) < 2100 else None


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _take_earlier_founding(party: Party, year: int | None) -> None:
    """Party Facts' first year is often the first year its datasets cover (the SACP's 1990, when it was
    unbanned): a party's anniversaries count from the earliest founding year a source gives."""
    if year and (party.founded is None or year < party.founded):
        party.founded = year
