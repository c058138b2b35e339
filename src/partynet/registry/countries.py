"""Countries for the registry build: ISO codes and names from pycountry, English and Chinese names
from babel (CLDR), continents and UN regions from country-converter's data table.

Used only when the registry is built; the result is stored in the registry file.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from partynet.registry.model import Country

# Party Facts codes for units that are not ISO 3166 countries, mapped to the country that
# continues them (as the annotation guidelines do: GDR -> DEU). EUN (European Union) is no country:
# European party federations get none.
HISTORICAL_UNITS = {
    "DDR": "DEU",
    "NFL": "CAN",
    "PSG": "PSE",
    "SML": "SOM",
    "PMR": "MDA",
    "VNR": "VNM",
    "YMD": "YEM",
    "ZZB": "TZA",
    "EUN": None,
}
# Not in ISO 3166 but in CLDR and in Party Facts.
_USER_ASSIGNED = {"XKX": "XK"}


class CountryDataMissingError(RuntimeError):
    pass


def iso3_of(code: str) -> str | None:
    """The ISO 3166 alpha-3 code for a Party Facts country code."""
    return HISTORICAL_UNITS.get(code, code) if code in HISTORICAL_UNITS else code


def build_countries() -> list[Country]:
    import pycountry  # noqa: PLC0415 - build-time dependencies, not needed to use the registry
    from babel import Locale  # noqa: PLC0415

    english, hans, hant = Locale("en"), Locale.parse("zh_Hans"), Locale.parse("zh_Hant")
    regions = _regions()
    countries: list[Country] = []
    codes = [(c.alpha_3, c.alpha_2) for c in pycountry.countries] + list(_USER_ASSIGNED.items())
    for iso3, iso2 in sorted(codes):
        record = pycountry.countries.get(alpha_3=iso3)
        names = [getattr(record, attribute, None) for attribute in ("common_name", "name", "official_name")]
        cldr = english.territories.get(iso2)
        continent, region, coco_names = regions.get(iso3, (None, None, []))
        # CLDR's short English name unless it is a disambiguated one ('Congo - Kinshasa')
        preferred = [n for n in (cldr, *coco_names[:1], *names) if n and " - " not in n]
        name = preferred[0] if preferred else iso3
        zh, zh_hant = hans.territories.get(iso2), hant.territories.get(iso2)
        aliases = {n for n in [*names, cldr, *coco_names] if n and n != name and " - " not in n}
        aliases |= {_short_chinese(n) for n in (zh, zh_hant) if n} - {zh, zh_hant}
        countries.append(
            Country(iso3, name, zh, zh_hant, continent, region, tuple(sorted(a for a in aliases if a)))
        )
    return countries


def _short_chinese(name: str) -> str:
    """A bracketed note after a Chinese country name is not part of the name a report would use
    (the Congos keep theirs: without it the name is ambiguous)."""
    return name.split("（", maxsplit=1)[0] if name.endswith("）") and not name.startswith("刚果") else name


def _regions() -> dict[str, tuple[str | None, str | None, list[str]]]:
    """iso3 -> (continent, UN region, names) from country-converter's table, read as a file:
    importing the package would import pandas, which the table does not need."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        raise CountryDataMissingError(
            "country-converter is not installed: pip install 'partynet[build]' to build the registry"
        )
    table = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    result: dict[str, tuple[str | None, str | None, list[str]]] = {}
    with table.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            names = [n for n in (row["name_short"], row["name_official"]) if n]
            result[row["ISO3"]] = (row["continent"] or None, row["UNregion"] or None, names)
    return result
