"""Parties named together by their family and their countries: "the communist parties of Greece,
Turkey and Bangladesh" names the Communist Party of Greece, of Turkey and of Bangladesh.

Each "<Family> Party of <country>" is resolved through the registry with its country, else the one
party of the family the country has; a name that resolves to a party of another country (a fuzzy match)
is left out, never guessed. Chinese writes the countries before the family ("古巴、英国和法国等国家共产党"):
there only a country with one party of the family names it.

Also here: short forms that name two parties at once (国共两党, the registry's `pairs`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from partynet.ingest.chars import HAN
from partynet.registry.decision import Link
from partynet.registry.link import Linker
from partynet.registry.model import PartyType

_COUNTRY = r"(?:the )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}"
_LISTED = re.compile(
    r"\b(?P<family>(?i:communist|socialist|social[- ]democratic|workers'?|labou?r|liberal|green))"
    r"\s+(?i:parties)\s+of\s+"
    rf"(?P<countries>{_COUNTRY}(?:(?:,\s*(?:and\s+)?|\s+and\s+){_COUNTRY})+)"
)
# what every list has, looked for first: most reports list none, and the families cost a look at every word
_MAY_LIST = re.compile(r"parties\s+of\s", re.IGNORECASE)
_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
# "古巴、印度、英国和法国等国家共产党": the same in Chinese, the family after the countries
_FAMILIES_ZH = {
    "共产党": "Communist", "共產黨": "Communist", "工人党": "Workers", "工人黨": "Workers",
    "社会党": "Socialist", "社會黨": "Socialist", "工党": "Labour", "工黨": "Labour",
}  # fmt: skip
_FAMILY_ZH = re.compile("|".join(_FAMILIES_ZH))
# the countries written right before the family word, looked for only in a short window before it
_COUNTRIES_ZH = re.compile(
    r"(?P<countries>(?:[\u4e00-\u9fff]{2,8}[、和及与與])+[\u4e00-\u9fff]{2,8}?)(?:等)?(?:国家|國家)?(?:的)?$"
)
LIST_WINDOW = 60  # characters before a family word searched for the countries listed
_SEPARATOR_ZH = re.compile(r"[、和及与與]")
REASON = "one of the parties of a family listed by country"


def listed_parties(text: str, linker: Linker, year: int | None) -> list[Link]:
    """Links, each on its country's name, for "<family> parties of A, B and C" and "A、B和C等国家共产党"."""
    found = _listed_zh(text, linker, year) if HAN.search(text) else []
    for match in _LISTED.finditer(text) if _MAY_LIST.search(text) else ():
        family = match.group("family").capitalize().replace("'", "")
        start = match.start("countries")
        for piece in _SEPARATOR.split(match.group("countries")):
            at = text.index(piece, start)
            start = at + len(piece)
            link = _resolved(family, piece, linker, year)
            if link is not None:
                found.append(replace(link, start=at, end=at + len(piece), surface=piece))
    return found


def _resolved(family: str, country_name: str, linker: Linker, year: int | None) -> Link | None:
    countries = linker.countries_in(country_name)
    if len(countries) != 1:
        return None
    (country,) = countries
    for name in (f"{family} Party of {country_name.removeprefix('the ')}", f"{family} Party"):
        link = linker.resolve(name, country=country, year=year)
        party = linker.registry.by_id.get(link.party_id or "")
        if party is not None and party.country == country:
            return replace(link, reason=f"{REASON}: {link.reason}")
    return _only_of_family(family, country, linker, year)


def _only_of_family(family: str, country: str, linker: Linker, year: int | None) -> Link | None:
    """The one party of the country whose name has the family's word ("French Communist Party" for
    the communist party of France), when it is the only one active in the year (or, the year unknown,
    the only one not dissolved): where two are (India's CPI and CPI(M)), the list names neither."""
    of_family = [
        p
        for p in linker.registry.parties_of(country)
        if p.type is PartyType.PARTY
        and family in p.name
        and (p.dissolved is None if year is None else p.active_in(year))
    ]
    if len(of_family) != 1:
        return None
    (party,) = of_family
    return Link(0, 0, party.name, party.id, 1.0, f"{REASON}: the only {family.lower()} party of {country}")


def _listed_zh(text: str, linker: Linker, year: int | None) -> list[Link]:
    """Each piece of the list that is a country's whole name, linked to the one party of the family the
    country has. The piece before the first separator may carry words of the sentence ("代表团分别与古巴"),
    and is then no country."""
    found: list[Link] = []
    for family_word in _FAMILY_ZH.finditer(text):
        window_start = max(0, family_word.start() - LIST_WINDOW)
        window = text[window_start : family_word.start()]
        match = _COUNTRIES_ZH.search(window) if _SEPARATOR_ZH.search(window) else None
        if match is None:
            continue
        family = _FAMILIES_ZH[family_word.group(0)]
        at = window_start + match.start("countries")
        for piece in _SEPARATOR_ZH.split(match.group("countries")):
            start, at = at, at + len(piece) + 1
            country = linker.country_named(piece)
            link = _only_of_family(family, country, linker, year) if country else None
            if link is not None:
                found.append(replace(link, start=start, end=start + len(piece), surface=piece))
    return found


PAIR_REASON = "one of the two parties a short form names together"


def pair_links(text: str, linker: Linker) -> list[Link]:
    """Two links, one per party, for each short form naming two parties at once ("国共两党": the
    Kuomintang and the CPC). Not inside a country's communist party: 法国共产党 holds 国共."""
    if text.isascii():
        return []
    found: list[Link] = []
    for short, parties in linker.registry.pairs.items():
        start = text.find(short)
        while start >= 0:
            end = start + len(short)
            if text[end : end + 1] not in ("产", "產"):
                found.extend(
                    Link(start, end, short, party, 1.0, f"{PAIR_REASON}: {short}") for party in parties
                )
            start = text.find(short, end)
    return found
