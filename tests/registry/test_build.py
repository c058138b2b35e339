"""The registry build on a small reference-data folder written here, shaped like the real one."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from partynet.registry.build import BuildInputs, RegistryInputError, build_registry
from partynet.registry.extension import ExtensionError
from partynet.registry.file import RegistryFileError, load_registry, write_registry
from partynet.registry.model import AliasKind, PartyType

CORE = ["country", "partyfacts_id", "technical", "name_short", "name", "name_english", "name_other",
        "year_first", "year_last", "share", "share_year", "new", "wikipedia", "description", "comment",
        "created", "modified"]  # fmt: skip


def write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def core_row(pid: int, country: str, short: str, name: str, english: str, other: str = "", first: str = "",
             last: str = "", share: str = "") -> list[object]:  # fmt: skip
    return [country, pid, "", short, name, english, other, first, last, share, "", "", "", "", "", "", ""]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    write(root / "partyfacts" / "core-parties.csv", CORE, [
        core_row(1219, "ZAF", "ANC", "African National Congress", "African National Congress", first="1912", share="69.7"),
        core_row(5124, "CHN", "CPC", "Zhongguo Gongchandang", "Communist Party of China", "中国共产党", "1921", share="100"),
        core_row(2331, "NAM", "SWAPO", "South West Africa People's Organization", "Suidwes-Afrikaanse Volks Organisasie"),
        core_row(8001, "ZAF", "COPE", "Congress of the People", "Congress of the People", first="2008"),
        core_row(8002, "ZZB", "CCM", "Chama Cha Mapinduzi", "Party of the Revolution"),
        core_row(8003, "AUS", "CP", "Australian Country Party / National Party of Australia", "Country Party / National Party"),
        [*core_row(9999, "ZAF", "unknown", "unknown", "unknown", first="1750")[:2], "10", *core_row(0, "", "unknown", "unknown", "unknown")[3:]],
    ])  # fmt: skip
    imports = root / "partyfacts" / "imports"
    write(imports / "wikipedia_wikidata.csv", ["country", "partyfacts_id", "wikidata_id", "name", "name_short", "name_native"],
          [["ZAF", 1219, "Q83162", "African National Congress", "ANC", ""]])  # fmt: skip
    # a crosswalk slip: another party's own name filed under the ANC must not become an ANC alias
    write(imports / "clea_clea.csv", ["party_id", "name", "name_english", "name_short"],
          [[1, "Congress of the People", "Congress of the People", "COPE"], [2, "ANC", "A.N.C. of South Africa", "ANC"]])  # fmt: skip
    write(imports / "clea_partyfacts-clea.csv", ["dataset_party_id", "partyfacts_id"], [[1, 1219], [2, 1219]])
    write(imports / "dpi_dpi.csv", ["country", "party_id", "name", "name_short"],
          [["ZAF", "dpi-7", "African National Congress", "ANC"], ["ZAF", "dpi-8", "Nobody Party", "NP"]])  # fmt: skip
    write(root / "wikipedia-party-infobox" / "wp-dataset-long.csv", ["partyfacts_id", "source", "field", "value"], [
        [5124, "infobox", "abbreviation", "{{ubl|CCP (common)|CPC (official)}}"],
        [5124, "wikidata", "short name (P1813)", "中共"],
        [5124, "wikidata", "member of (P463)", "International Meeting of Communist and Workers' Parties (Q1)"],
        [1219, "infobox", "international", "[[Socialist International]]"],
        [2331, "infobox", "founded", "{{start date|1960|4|19}}"],
        [1219, "wikidata", "inception (P571)", "+1923-01-08T00:00:00Z"],  # later than the infobox's 1912
        [5124, "infobox", "founded", "{{start date and age|1921|7|23}}"],
        [2331, "infobox", "name", "English<br>South West Africa People's Organisation"],
    ])  # fmt: skip
    return root


@pytest.fixture
def extension(tmp_path: Path) -> Path:
    ext = tmp_path / "extension"
    write(ext / "entries.csv", ["id", "type", "name", "name_zh", "country", "parent", "abbreviation", "founded", "dissolved", "source"],
          [["pn:idcpc", "party_body", "International Department of the CPC Central Committee", "中共中央对外联络部", "", "pf:5124", "IDCPC", "1951", "", "idcpc.org.cn"]])  # fmt: skip
    write(ext / "aliases.csv", ["party", "text", "lang", "kind", "source"],
          [["pf:1219", "南非非洲人国民大会", "zh", "translation", "seen in a report"], ["pf:1219", "非国大", "zh", "short_form", "seen in a report"]])  # fmt: skip
    write(ext / "canonical.csv", ["party", "name", "type", "source"],
          [["pf:2331", "South West Africa People's Organisation", "", "the party's English name"]])  # fmt: skip
    write(ext / "mechanisms.csv", ["id", "name", "name_zh", "kind", "organiser", "aliases", "source"],
          [["pn:hlm", "CPC and World Political Parties High-Level Meeting", "中国共产党与世界政党高层对话会", "dialogue", "pf:5124", "High-Level Meeting", "idcpc.org.cn"]])  # fmt: skip
    write(
        ext / "pairs.csv",
        ["text", "first", "second", "source"],
        [["非共", "pf:1219", "pf:5124", "a test pair"]],
    )
    write(ext / "congresses.csv", ["party", "ordinal", "opened", "source"],
          [["pf:5124", "19", "2017-10", "Wikipedia"], ["pf:5124", "20", "2022-10", "Wikipedia"]])  # fmt: skip
    return ext


def test_core_parties_become_entries_and_placeholders_do_not(data: Path, extension: Path) -> None:
    registry = build_registry(BuildInputs(data, extension))
    ids = {p.id for p in registry.parties}
    assert {"pf:1219", "pf:5124", "pf:2331", "pf:8001", "pf:8002", "pf:8003", "pn:idcpc"} <= ids
    assert "pf:9999" not in ids


def test_sources_add_ids_abbreviations_dates_and_internationals(data: Path, extension: Path) -> None:
    registry = build_registry(BuildInputs(data, extension))
    anc, cpc = registry.by_id["pf:1219"], registry.by_id["pf:5124"]
    assert anc.source_ids["wikidata"] == ["Q83162"]
    assert anc.source_ids["dpi"] == ["dpi-7"]  # joined by country and name
    assert anc.internationals == ["Socialist International"]
    assert cpc.name_zh == "中国共产党"
    assert {"CCP", "CPC"} <= {a.text for a in cpc.aliases if a.kind is AliasKind.ABBREVIATION}
    assert "中共" in {a.text for a in cpc.aliases}
    assert registry.by_id["pf:2331"].founded == 1960
    assert cpc.founded == 1921
    assert cpc.congresses == {19: "2017-10", 20: "2022-10"}


def test_a_party_is_founded_in_the_earliest_year_a_source_gives(data: Path, extension: Path) -> None:
    core = data / "partyfacts" / "core-parties.csv"
    core.write_text(core.read_text(encoding="utf-8").replace(",1921,", ",1990,"), encoding="utf-8")
    cpc = build_registry(BuildInputs(data, extension)).by_id["pf:5124"]
    assert cpc.founded == 1921  # Party Facts' 1990 is the first year its data cover, not the founding
    assert build_registry(BuildInputs(data, extension)).by_id["pf:1219"].founded == 1912


def test_another_partys_name_is_not_made_an_alias(data: Path, extension: Path) -> None:
    anc = build_registry(BuildInputs(data, extension)).by_id["pf:1219"]
    assert "Congress of the People" not in {a.text for a in anc.aliases}
    assert "A.N.C. of South Africa" in {a.text for a in anc.aliases}


def test_joined_names_are_split_and_historical_units_mapped(data: Path, extension: Path) -> None:
    registry = build_registry(BuildInputs(data, extension))
    country_party = registry.by_id["pf:8003"]
    assert {"Country Party", "National Party"} <= {a.text for a in country_party.aliases}
    zanzibar = registry.by_id["pf:8002"]
    assert zanzibar.country == "TZA"
    assert any("ZZB" in note for note in zanzibar.notes)


def test_the_extension_adds_bodies_chinese_names_canonical_names_and_mechanisms(
    data: Path, extension: Path
) -> None:
    registry = build_registry(BuildInputs(data, extension))
    body = registry.by_id["pn:idcpc"]
    assert body.type is PartyType.PARTY_BODY
    assert body.parent == "pf:5124"
    assert body.country == "CHN"  # a body is of its party's country
    anc = registry.by_id["pf:1219"]
    assert anc.name_zh == "南非非洲人国民大会"
    swapo = registry.by_id["pf:2331"]
    assert swapo.name == "South West Africa People's Organisation"
    assert "Suidwes-Afrikaanse Volks Organisasie" in {a.text for a in swapo.aliases}
    assert registry.mechanisms[0].organiser == "pf:5124"


def test_countries_carry_chinese_names_and_regions(data: Path, extension: Path) -> None:
    registry = build_registry(BuildInputs(data, extension))
    south_africa = registry.country_of["ZAF"]
    assert south_africa.name_zh == "南非"
    assert south_africa.continent == "Africa"
    assert len(registry.countries) >= 240


def test_every_country_has_its_government_as_a_non_party_entry(data: Path, extension: Path) -> None:
    registry = build_registry(BuildInputs(data, extension))
    governments = [p for p in registry.parties if p.id.startswith("gov:")]
    assert len(governments) == len(registry.countries)
    vietnam = registry.by_id["gov:VNM"]
    assert (vietnam.name, vietnam.name_zh, vietnam.country) == ("Government of Vietnam", "越南政府", "VNM")
    assert vietnam.type is PartyType.NON_PARTY
    assert registry.by_id["gov:USA"].name == "Government of the United States"
    # a Chinese name with its bracketed part (刚果（金）) makes no name of a government
    assert registry.by_id["gov:COD"].name_zh is None


def test_the_file_round_trips_and_is_written_byte_for_byte_the_same(
    data: Path, extension: Path, tmp_path: Path
) -> None:
    registry = build_registry(BuildInputs(data, extension))
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    write_registry(registry, first)
    write_registry(build_registry(BuildInputs(data, extension)), second)
    assert first.read_bytes() == second.read_bytes()
    loaded = load_registry(first)
    assert loaded.stats() == registry.stats()
    assert loaded.by_id["pf:1219"].aliases == registry.by_id["pf:1219"].aliases
    assert loaded.by_id["pf:5124"].congresses == {19: "2017-10", 20: "2022-10"}
    assert loaded.pairs == {"非共": ("pf:1219", "pf:5124")}
    assert loaded.folder.key("中國") == "中国"


def test_bad_inputs_are_refused_with_the_place_of_the_error(
    data: Path, extension: Path, tmp_path: Path
) -> None:
    with pytest.raises(RegistryInputError, match=r"core-parties\.csv"):
        build_registry(BuildInputs(tmp_path / "nothing", extension))
    (extension / "aliases.csv").write_text(
        "party,text,lang,kind,source\npf:404,X,,name,somewhere\n", encoding="utf-8"
    )
    with pytest.raises(ExtensionError, match=r"aliases\.csv:2: pf:404"):
        build_registry(BuildInputs(data, extension))
    (extension / "aliases.csv").write_text(
        "party,text,lang,kind,source\npf:1219,X,,name,\n", encoding="utf-8"
    )
    with pytest.raises(ExtensionError, match="source note"):
        build_registry(BuildInputs(data, extension))
    (extension / "aliases.csv").write_text("party,text,lang,kind,source\n", encoding="utf-8")
    (extension / "congresses.csv").write_text(
        "party,ordinal,opened,source\npf:5124,19th,2017,Wikipedia\n", encoding="utf-8"
    )
    with pytest.raises(ExtensionError, match=r"congresses\.csv:2: .*opening month"):
        build_registry(BuildInputs(data, extension))
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(RegistryFileError):
        load_registry(broken)
