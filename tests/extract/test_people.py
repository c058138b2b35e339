from __future__ import annotations

from partynet.domain import DatePrecision, PartialDate
from partynet.extract.exchanges import DocumentInput, extract
from partynet.extract.model import Person
from partynet.extract.people import people_in
from partynet.registry.link import Linker
from tests.registry.fixtures import small_registry


def test_names_with_titles_in_english_and_chinese() -> None:
    text = "Wang Wu, head of the International Department, met a delegation led by Mary Roe, general secretary of the ANC."
    found = {p.person.name: p.person.title for p in people_in(text)}
    assert found == {
        "Wang Wu": "head of the International Department",
        "Mary Roe": "general secretary of the ANC",
    }
    (former,) = people_in("Ana Lima, former general secretary of the party, toured the region.")
    assert former.person == Person("Ana Lima", "former general secretary of the party")
    (chinese,) = people_in("6月25日，中联部部长刘建超会见越共代表团。")
    assert chinese.person == Person("刘建超", "中联部部长")


def test_no_person_without_a_title_or_a_capitalised_name() -> None:
    assert people_in("The talks, held in a friendly atmosphere, went well.") == []
    assert people_in("a delegation led by party officials, general secretary of none") == []


def test_a_person_joins_the_participant_their_title_names() -> None:
    text = "Wang Wu, head of the International Department of the CPC Central Committee, met the African National Congress."
    published = PartialDate("2024-06-27", DatePrecision.DAY)
    (exchange,) = extract(DocumentInput("d", text, published), Linker(small_registry())).exchanges
    people = {p.party_id: p.people for p in exchange.participants}
    assert people["pf:3"] == (
        Person("Wang Wu", "head of the International Department of the CPC Central Committee"),
    )
    assert people["pf:1"] == ()
