from __future__ import annotations

from partynet.extract.listed import listed_parties
from partynet.registry.link import Linker
from tests.registry.fixtures import small_registry


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
