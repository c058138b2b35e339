"""Parties named together by their family and their countries: "the communist parties of Greece,
Turkey and Bangladesh" names the Communist Party of Greece, of Turkey and of Bangladesh.

Each "<Family> Party of <country>" is resolved through the registry with its country; a name that
resolves to a party of another country (a fuzzy match) is left out, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from partynet.registry.decision import Link
from partynet.registry.link import Linker

_COUNTRY = r"(?:the )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}"
_LISTED = re.compile(
    r"\b(?P<family>(?i:communist|socialist|social[- ]democratic|workers'?|labou?r|liberal|green))"
    r"\s+(?i:parties)\s+of\s+"
    rf"(?P<countries>{_COUNTRY}(?:(?:,\s*(?:and\s+)?|\s+and\s+){_COUNTRY})+)"
)
_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
REASON = "one of the parties of a family listed by country"


def listed_parties(text: str, linker: Linker, year: int | None) -> list[Link]:
    """Links, each on its country's name, for "<family> parties of A, B and C"."""
    found: list[Link] = []
    for match in _LISTED.finditer(text):
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
    return None
