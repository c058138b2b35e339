from __future__ import annotations

from dataclasses import replace

import pytest

from partynet.extract.model import Role
from partynet.extract.states import of_office_country, state_links
from partynet.registry.link import Linker
from partynet.registry.states import governments
from tests.extract.test_exchanges import run
from tests.registry.fixtures import party, small_registry


@pytest.fixture(scope="module")
def linker() -> Linker:
    registry = small_registry()
    # a third Labour Party, beside Britain's and New Zealand's
    kenyan_labour = party("pf:90", "Labour Party", "KEN", vote_share=1.0)
    # and one registered only with its country in its name
    latvian_labour = party("pf:91", "Labour Party of Latvia", "LVA", vote_share=1.0)
    parties = [*registry.parties, kenyan_labour, latvian_labour, *governments(registry.countries)]
    return Linker(replace(registry, parties=parties))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Liu met Italian President Sergio Mattarella in Rome.", [("Italian President", "gov:ITA")]),
        ("He was received by the President of Vietnam.", [("President of Vietnam", "gov:VNM")]),
        ("Vietnam's Prime Minister attended.", [("Vietnam's Prime Minister", "gov:VNM")]),
        ("He met Kenyan Foreign Minister Musalia Mudavadi.", [("Kenyan Foreign Minister", "gov:KEN")]),
        ("刘建超会见英国首相。", [("英国首相", "gov:GBR")]),
        ("會見越南國家主席。", [("越南國家主席", "gov:VNM")]),
        ("中国驻越南大使出席。", [("中国驻越南大使", "gov:CHN")]),
        ("会见了新西兰和英国总理。", [("新西兰", "gov:NZL"), ("英国总理", "gov:GBR")]),
    ],
)
def test_an_office_named_with_its_country_links_to_its_government(
    linker: Linker, text: str, found: list[tuple[str, str]]
) -> None:
    assert [(link.surface, link.party_id) for link in state_links(text, linker)] == found


@pytest.mark.parametrize(
    "text",
    [
        "ANC President Cyril Ramaphosa spoke.",  # a party's president
        "Congress President Rahul Gandhi met them.",  # "Congress" is no country's adjective
        "President Duterte received the delegation.",  # whose president is not in the words
        "The vice president of the Communist Party of Vietnam spoke.",
        "He met the president of the party in Italy.",
        "越共中央总书记会见英国工党领袖。",
        "He is President of the Vietnam-Kenya Friendship Society.",  # the country goes on into a name
        "Mary Roe, President of Kenya's Jubilee Party, spoke.",  # the office is the party's
        "英国首相选举结果揭晓。",  # the election of the office, not its holder
        "意大利国王杯决赛。",
        "He follows the Kenyan Premier League.",
        "He met the US President's envoy.",  # the United States is not in this registry: no entry to link
    ],
)
def test_titles_without_their_country_link_to_no_government(linker: Linker, text: str) -> None:
    assert state_links(text, linker) == []


def test_a_party_meeting_a_head_of_state_has_the_state_as_its_counterpart(linker: Linker) -> None:
    text = "On Tuesday a delegation of the Communist Party of Vietnam met Kenyan President William Ruto."
    (exchange,) = run(linker, text).exchanges
    assert [(p.party_id, p.non_party) for p in exchange.participants] == [("pf:9", False), ("gov:KEN", True)]


def test_a_government_takes_no_part_beside_a_party_of_its_own_country(linker: Linker) -> None:
    text = (
        "On Tuesday Vietnam's President and Communist Party of Vietnam leader To Lam met a delegation "
        "of the African National Congress."
    )
    (exchange,) = run(linker, text).exchanges
    assert {p.party_id for p in exchange.participants} == {"pf:9", "pf:1"}


def test_in_a_digest_of_messages_a_head_of_state_writes_for_the_state_unless_a_party_is_named(
    linker: Linker,
) -> None:
    text = (
        "Highlights of foreign congratulatory messages to the Communist Party of China\n"
        "Kenyan President William Ruto:\n"
        "I warmly congratulate you on the success of the congress.\n"
        "Kenyan Deputy President Mary Wanjiru, leader of the Jubilee Party:\n"
        "We wish the party every success."
    )
    messages = run(linker, text).exchanges
    senders = [[p.party_id for p in m.participants if p.role is Role.SENDER] for m in messages[1:]]
    assert senders == [["gov:KEN"], ["pf:7"]]
    assert all(
        {p.party_id for p in m.participants if p.role is Role.RECIPIENT} == {"pf:3"} for m in messages[1:]
    )
    # the recipients' own head of state writes no message to them
    own = "Highlights of congratulatory messages to the Communist Party of China\nChinese President Li Ming:\nThanks."
    assert len(run(linker, own).exchanges) == 1


def test_a_country_that_ends_a_line_names_no_office_on_the_next(linker: Linker) -> None:
    assert state_links("A roundtable in Kenya\n\nPrime Minister Mitchell spoke.", linker) == []
    assert state_links("He met the President of\nKenya's party.", linker) == []


def test_a_party_name_countries_share_is_the_party_of_the_office_before_it(linker: Linker) -> None:
    def linked(text: str) -> list[tuple[str, str | None]]:
        found = of_office_country(linker.link_text(text, year=2024), state_links(text, linker), text, linker)
        return [(link.surface, link.party_id) for link in found]

    # three Labour Parties, and no country named but in the office's adjective: the office says which
    assert linked("Kenyan President Mary Roe, leader of the Labour Party:") == [("Labour Party", "pf:90")]
    assert linked("Italian President Mario Rossi, leader of the Labour Party:") == [("Labour Party", None)]
    assert linked("Latvian President Anna Berzina, leader of the Labour Party:") == [
        ("Labour Party", "pf:91")
    ]
    # on another line, the office says nothing of the party
    assert linked("Kenyan President Mary Roe spoke.\nThe Labour Party met.") == [("Labour Party", None)]
