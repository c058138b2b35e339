"""The registry file shipped in the package, and the gates that read the reference data when present."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from partynet.registry.build import BuildInputs, build_registry
from partynet.registry.file import load_registry, packaged_path, write_registry
from partynet.registry.link import Linker
from partynet.registry.model import AliasKind
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_registry())


def test_the_shipped_registry_holds_the_worlds_parties_with_their_sources(linker: Linker) -> None:
    registry = linker.registry
    parties = [p for p in registry.parties if p.id.startswith("pf:")]
    assert len(registry.parties) >= 5800
    assert len({p.country for p in registry.parties if p.country}) >= 200
    assert all(p.source_ids.get("partyfacts") == [p.id[3:]] for p in parties)
    assert all(p.source_ids.get("extension") for p in registry.parties if p.id.startswith("pn:"))


@pytest.mark.parametrize(
    ("party_id", "english", "chinese", "abbreviation"),
    [
        ("pf:1219", "African National Congress", "南非非洲人国民大会", "ANC"),
        ("pf:4898", "Communist Party of Vietnam", "越南共产党", "CPV"),
        ("pf:2256", "United Russia", "统一俄罗斯党", "统俄党"),
        ("pf:5124", "Communist Party of China", "中国共产党", "CPC"),
    ],
)
def test_main_partners_have_english_and_chinese_names_and_abbreviations(
    linker: Linker, party_id: str, english: str, chinese: str, abbreviation: str
) -> None:
    party = linker.registry.by_id[party_id]
    assert party.name == english
    assert party.name_zh == chinese
    assert abbreviation in {
        a.text for a in party.aliases if a.kind in (AliasKind.ABBREVIATION, AliasKind.SHORT_FORM)
    }


def test_labelled_alias_cases_link_right(linker: Linker) -> None:
    with (ROOT / "bench" / "alias_cases.csv").open(encoding="utf-8", newline="") as handle:
        cases = list(csv.DictReader(handle))
    right = sum(
        (
            linker.resolve(c["text"], c["country"] or None, int(c["year"]) if c["year"] else None).party_id
            or ""
        )
        == c["expected"]
        for c in cases
    )
    assert len(cases) >= 400
    assert right / len(cases) >= 0.95


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="the reference data is not beside the checkout")
def test_rebuilding_from_the_reference_data_gives_the_shipped_file(tmp_path: Path) -> None:
    rebuilt = tmp_path / "registry.json.gz"
    extension = Path(str(packaged_path())).parent.parent / "extension"
    write_registry(build_registry(BuildInputs(SHARED / "data", extension)), rebuilt)
    assert rebuilt.read_bytes() == packaged_path().read_bytes(), (
        "run `partynet registry build --from ../shared/data`"
    )


def gold_entry(linker: Linker, name: str, country: str | None) -> str | None:
    """The entry an annotated party links to, if it is of the annotated country and holds the name
    ('Party of the Communists (Mexico)' may be held without its bracketed country)."""
    for variant in dict.fromkeys((name, re.sub(r"\s*\([^)]*\)$", "", name))):
        link = linker.resolve(variant, country)
        found = linker.registry.by_id.get(link.party_id or "")
        key = linker.registry.folder.key(variant)
        if found is not None and found.country == country and key in linker.registry.alias_keys(found.id):
            return found.id
    return None


@pytest.mark.skipif(
    not (SHARED / "corpus" / "dev").is_dir(), reason="the dev corpus is not beside the checkout"
)
def test_gold_parties_of_the_dev_corpus_link_to_the_right_entry(linker: Linker) -> None:
    total = right = 0
    for line in (SHARED / "corpus" / "dev" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        for exchange in json.loads(line).get("exchanges", []):
            for party in exchange["parties"]:
                if party.get("type") == "non-party":
                    continue
                total += 1
                right += gold_entry(linker, party["name"], party.get("country")) is not None
    assert right / total >= 0.95


def test_initials_inside_longer_names_are_those_names(linker: Linker) -> None:
    # "CP" alone is the Communist Party of Sri Lanka where Sri Lanka is named; inside "CP of Argentina"
    # or "Portuguese CP" it is part of another party's name
    text = "The meeting was attended by the CP of Argentina, the CP of Sri Lanka and the Portuguese CP."
    found = {link.surface: link.party_id for link in linker.link_text(text, year=2007)}
    assert found == {"CP of Argentina": "pf:832", "CP of Sri Lanka": "pf:6691", "Portuguese CP": "pf:310"}


def test_a_two_word_name_half_in_lower_case_is_a_phrase(linker: Linker) -> None:
    assert [k.party_id for k in linker.link_text("The party met New Times in Sofia.") if k.party_id]
    assert not [k.party_id for k in linker.link_text("It adapts to the new times ahead.") if k.party_id]
    assert not [k.party_id for k in linker.link_text("Parties face New times ahead.") if k.party_id]
    # the word for what a party is may be written in lower case: "the Congress party" is the name
    found = linker.link_text("In India, the opposition Congress party met the delegation.", year=2018)
    assert [k.party_id for k in found if k.party_id] == ["pf:1297"]


def test_a_variant_naming_another_country_is_no_variant(linker: Linker) -> None:
    wrong = linker.resolve("Communist Party of Russia", country="RUS")
    assert wrong.party_id is None or linker.registry.by_id[wrong.party_id].country == "RUS"
    assert linker.resolve("Communist Party of Veitnam").party_id == "pf:4898"  # a typo is still a variant


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("中共浙江省委书记率中共代表团访问越南。", "中共浙江省委"),
        ("寧夏回族自治區黨委書記率訪問團抵達台灣。", "寧夏回族自治區黨委"),  # traditional characters
        ("重庆市委书记会见了代表团。", "重庆市委"),
        ("Zhejiang Party Secretary Wang met the delegation.", "Zhejiang Party Secretary"),
        ("The CPC Guangdong Provincial Committee hosted the visitors.", "CPC Guangdong Provincial Committee"),
    ],
)
def test_a_provincial_party_committee_is_a_cpc_body(linker: Linker, text: str, surface: str) -> None:
    link = next(link for link in linker.link_text(text) if link.surface == surface)
    assert link.party_id is not None
    assert linker.party_of(link.party_id) == "pf:5124"


def test_a_committee_written_after_another_partys_name_is_that_partys(linker: Linker) -> None:
    links = {link.surface: link for link in linker.link_text("民革北京市委主委会见了代表团。")}
    assert links["民革"].party_id == "pn:revolutionary-committee-of-the-chinese-kuomintang"
    assert links["北京市委"].party_id is None
    assert "民革" in links["北京市委"].reason
    # a body written after its own party's name stays linked
    own = {link.surface: link.party_id for link in linker.link_text("中国共产党中联部部长会见了代表团。")}
    assert own["中联部"] == "pn:idcpc"
    # other provinces' committees (Vietnam's, Cuba's) are not the CPC's
    assert all(link.party_id != "pf:5124" for link in linker.link_text("越共廣寧省委書記會見了代表團。"))


def test_a_forums_name_in_lower_case_is_a_common_noun(linker: Linker) -> None:
    named = linker.mechanisms_in("Delegates gathered for the High-Level Meeting in Beijing.")
    assert [m.id for _, _, m in named] == ["pn:cpc-world-high-level-meeting"]
    assert linker.mechanisms_in("At the high-level meeting between the two parties, both spoke.") == []


def test_the_counterpart_from_a_one_party_state_is_its_ruling_party(linker: Linker) -> None:
    text = "The leader of the Communist Party of Cuba met his Vietnamese counterpart in Hanoi, Vietnam."
    links = {link.surface: link.party_id for link in linker.link_text(text)}
    assert links["Vietnamese counterpart"] == "pf:4898"
    # in a text that does not name the country, the phrase stays unlinked
    elsewhere = {
        link.surface: link.party_id for link in linker.link_text("He met his Vietnamese counterpart.")
    }
    assert elsewhere.get("Vietnamese counterpart") is None


def test_an_abbreviation_the_text_defines_is_the_defined_party_and_so_are_names_built_on_it(
    linker: Linker,
) -> None:
    cuba = (
        "Talks between the Communist Party of Vietnam (CPV) and the Communist Party of Cuba (CPC) were held. "
        "First Secretary of the CPC Central Committee Miguel Diaz-Canel spoke."
    )
    links = {link.surface: link.party_id for link in linker.link_text(cuba)}
    assert links["CPC"] == links["CPC Central Committee"] == "pf:4892"
    china = "Xi Jinping, general secretary of the CPC Central Committee, met the delegation."
    assert {link.surface: link.party_id for link in linker.link_text(china)}[
        "CPC Central Committee"
    ] == "pf:5124"
