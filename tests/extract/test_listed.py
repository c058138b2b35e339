from __future__ import annotations

from partynet.extract.listed import listed_parties, pair_links
from partynet.registry.link import Linker
from partynet.registry.registry import Registry
from tests.registry.fixtures import party, small_registry


def test_a_family_of_parties_listed_by_country() -> None:
    linker = Linker(small_registry())
    text = "Delegates of the labour parties of Britain and New Zealand arrived on Monday."
    found = {(link.surface, link.party_id) for link in listed_parties(text, linker, 2024)}
    assert found == {("Britain", "pf:5"), ("New Zealand", "pf:6")}
    assert all(text[link.start : link.end] == link.surface for link in listed_parties(text, linker, 2024))


def test_a_country_whose_party_the_registry_lacks_is_left_out() -> None:
    linker = Linker(small_registry())
    # the Socialist Party of Portugal is known; a "Socialist Party of Latvia" must not become Portugal's
    found = listed_parties("The socialist parties of Portugal and Latvia met.", linker, 2024)
    assert [(link.surface, link.party_id) for link in found] == [("Portugal", "pf:11")]
    assert listed_parties("The party of Portugal and Latvia met.", linker, 2024) == []


def test_a_chinese_list_of_countries_before_a_family_names_each_countrys_one_party_of_it() -> None:
    linker = Linker(small_registry())
    text = "代表团分别与英国和新西兰等国家工党代表团会面。"
    found = {(link.surface, link.party_id) for link in listed_parties(text, linker, 2024)}
    assert found == {("英国", "pf:5"), ("新西兰", "pf:6")}
    assert all(text[link.start : link.end] == link.surface for link in listed_parties(text, linker, 2024))
    # a piece that is more than a country's name, and a country with no such party, name nobody
    assert listed_parties("英国工党与葡萄牙和拉脱维亚共产党会面。", linker, 2024) == []


def test_a_country_with_two_parties_of_the_family_is_left_out_of_a_chinese_list() -> None:
    registry = small_registry()
    registry.parties.append(party("pf:99", "Independent Labour Party", "GBR", vote_share=1.0))
    linker = Linker(Registry(registry.parties, registry.countries, registry.folder))
    found = listed_parties("代表团分别与英国和新西兰等国家工党代表团会面。", linker, 2024)
    assert [(link.surface, link.party_id) for link in found] == [("新西兰", "pf:6")]


def test_a_short_form_naming_two_parties_names_both() -> None:
    registry = small_registry()
    registry.pairs = {"国共": ("pf:10", "pf:3")}
    linker = Linker(registry)
    found = pair_links("国共两党智库论坛昨日举办。", linker)
    assert [(link.surface, link.party_id) for link in found] == [("国共", "pf:10"), ("国共", "pf:3")]
    assert pair_links("中国共产党与法国共产党会谈。", linker) == []  # 国共 inside a communist party's name
    assert pair_links("The two parties met.", linker) == []
