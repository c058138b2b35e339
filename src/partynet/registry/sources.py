"""What each reference dataset contributes, described as data: which file, which columns.

The build reads these with `csv` only; see build.py for how rows become parties and aliases.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PLACEHOLDER_SHORT_NAMES = frozenset(("ally", "tech", "1-perc", "unknown", "indep", "etc"))


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """A dataset whose rows carry a Party Facts id, directly or through a crosswalk file."""

    source: str  # the key of its ids in Party.source_ids
    file: str
    id_column: str
    name_columns: tuple[str, ...] = ()  # names worth keeping as aliases
    short_columns: tuple[str, ...] = ()
    via: str | None = None  # crosswalk file: dataset_party_id -> partyfacts_id
    via_id_column: str = "dataset_party_id"


@dataclass(frozen=True, slots=True)
class NameList:
    """A dataset without Party Facts ids: joined to the registry by country and name."""

    source: str
    file: str
    id_column: str
    country_column: str
    name_columns: tuple[str, ...]
    short_column: str | None
    country_is_name: bool = False  # the column holds "Algeria", not "DZA"


CROSSWALKS = (
    Crosswalk("wikidata", "wikipedia_wikidata.csv", "wikidata_id", ("name", "name_native"), ("name_short",)),
    Crosswalk("wikipedia", "wikipedia_wikipedia.csv", "url", ("name", "name_native"), ("name_short",)),
    Crosswalk("vparty", "vparty_vparty.csv", "party_id", ("name_english",), ("name_short",)),
    Crosswalk("whogov", "whogov_whogov.csv", "party_id", ("name_english", "name"), ("name_short",)),
    Crosswalk("ches", "ches_ches.csv", "party_id", (), ("party",)),
    Crosswalk(
        "manifesto",
        "manifesto_manifesto.csv",
        "party",
        ("partyname", "orig_name"),
        ("abbrev",),
        via="pip_pf-manifesto-ids.csv",
    ),
    Crosswalk(
        "parlgov",
        "parlgov_parlgov.csv",
        "party_id",
        ("party_name_english", "party_name"),
        ("party_name_short",),
        via="mapp_partyfacts-parlgov.csv",
        via_id_column="parlgov_id",
    ),
    Crosswalk(
        "clea",
        "clea_clea.csv",
        "party_id",
        ("name_english", "name"),
        ("name_short",),
        via="clea_partyfacts-clea.csv",
    ),
)

NAME_LISTS = (
    NameList("dpi", "dpi_dpi.csv", "party_id", "country", ("name",), "name_short"),
    NameList("gps", "gps_gps.csv", "party_id", "country", ("name_english",), "name_short"),
    NameList("afrelec", "afrelec_afrelec.csv", "party_id", "country", ("name",), "name_short"),
    NameList(
        "afrobarometer",
        "afro_afrobarometer.csv",
        "party_id",
        "country",
        ("name_english", "name"),
        "name_short",
        country_is_name=True,
    ),
    NameList(
        "laeda", "laeda_laeda_parties.csv", "party_id", "country_short", ("party_name",), "party_name_short"
    ),
    NameList("latinobarometro", "latino_latino-parties.csv", "party_id", "country", ("name",), "name_short"),
    NameList("arpd", "arpd_arpd.csv", "party_id", "country", ("name_english",), "name_short"),
)

SOURCE_CREDITS = {
    "partyfacts": "Party Facts (Döring and Regel 2019), MIT; partyfacts.herokuapp.com",
    "wikipedia": "English Wikipedia infoboxes (CC BY-SA 4.0) via Herrmann and Döring 2023, MIT",
    "wikidata": "Wikidata (CC0) via Party Facts and Herrmann and Döring 2023",
    "parlgov": "ParlGov (Döring and Manow 2024), CC0",
    "vparty": "V-Party (V-Dem Institute), CC BY-SA 4.0, via Party Facts",
    "whogov": "WhoGov (Nyrup and Bramwell), via Party Facts",
    "ches": "Chapel Hill Expert Survey, via Party Facts",
    "manifesto": "Manifesto Project (WZB), via Party Facts",
    "clea": "Constituency-Level Elections Archive, via Party Facts",
    "dpi": "Database of Political Institutions (IDB), via Party Facts",
    "gps": "Global Party Survey 2019 (Norris), via Party Facts",
    "afrelec": "African Elections Database, via Party Facts",
    "afrobarometer": "Afrobarometer round 6, via Party Facts",
    "laeda": "Latin American Electoral Data Archive, via Party Facts",
    "latinobarometro": "Latinobarómetro, via Party Facts",
    "arpd": "Autocratic Ruling Parties Dataset, via Party Facts",
    "countries": "pycountry (ISO 3166), babel (Unicode CLDR), country-converter",
    "extension": "partynet's own entries, each with its source note",
}


def rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key: (value or "").strip() for key, value in row.items() if key is not None}


def core_parties(partyfacts: Path) -> Iterator[dict[str, str]]:
    """Party Facts core parties without its placeholder rows (six per country, year 1750)."""
    for row in rows(partyfacts / "core-parties.csv"):
        if row["technical"] or row["name_short"] in PLACEHOLDER_SHORT_NAMES:
            continue
        yield row
