from __future__ import annotations

from dataclasses import replace

import pytest

from partynet.domain import DatePrecision, PartialDate
from partynet.extract.exchanges import DocumentInput, extract
from partynet.extract.model import Kind, Role
from partynet.registry.link import Linker
from partynet.registry.model import Mechanism
from tests.registry.fixtures import small_registry

DATE = PartialDate("2024-06-27", DatePrecision.DAY)


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(small_registry())


def run(linker: Linker, text: str, published: PartialDate | None = DATE):  # type: ignore[no-untyped-def]
    return extract(DocumentInput("d", text, published), linker)


def test_a_meeting_of_two_parties_with_its_date_and_evidence(linker: Linker) -> None:
    text = "HANOI, June 27 -- On Tuesday the Communist Party of Vietnam held talks with the African National Congress."
    (exchange,) = run(linker, text).exchanges
    assert exchange.kind is Kind.MEETING
    assert [p.party_id for p in exchange.participants] == ["pf:9", "pf:1"]
    assert [p.role for p in exchange.participants] == [Role.HOST, Role.GUEST]
    assert exchange.date is not None
    assert exchange.date.value == "2024-06-25"
    assert text[exchange.evidence.start : exchange.evidence.end] == exchange.evidence.text


def test_a_party_body_stands_for_its_party_and_chinese_reports_work(linker: Linker) -> None:
    (exchange,) = run(linker, "6月25日，中联部部长会见越共代表团。").exchanges
    assert {p.party_id for p in exchange.participants} == {"pf:3", "pf:9"}
    assert exchange.date is not None
    assert exchange.date.value == "2024-06-25"


def test_a_message_and_a_gathering_listed_in_the_next_sentence(linker: Linker) -> None:
    text = (
        "The Communist Party of China sent a message of congratulations to the African National Congress. "
        "The Fourth Theoretical Seminar opened in Beijing on Monday. "
        "Among the participants were the Communist Party of Vietnam and Kenya's Jubilee Party."
    )
    kinds = {e.kind: e for e in run(linker, text).exchanges}
    assert [p.role for p in kinds[Kind.MESSAGE].participants] == [Role.SENDER, Role.RECIPIENT]
    gathering = kinds[Kind.CONFERENCE]
    assert {p.party_id for p in gathering.participants} == {"pf:9", "pf:7"}


def test_a_gathering_hosted_by_one_party_is_a_conference(linker: Linker) -> None:
    text = "The International Meeting of Communist and Workers Parties was hosted by the Communist Party of Vietnam."
    (exchange,) = run(linker, text).exchanges
    assert exchange.kind is Kind.CONFERENCE
    assert [p.party_id for p in exchange.participants] == ["pf:9"]


def test_two_sentences_about_one_meeting_make_one_exchange(linker: Linker) -> None:
    text = (
        "The Communist Party of China met the Communist Party of Vietnam on Tuesday. "
        "During the meeting the Communist Party of China and the Communist Party of Vietnam agreed to train cadres."
    )
    assert len(run(linker, text).exchanges) == 1


@pytest.mark.parametrize(
    "text",
    [
        "President Smith held talks with President Jones in Nairobi on Monday.",  # a state visit, no party
        "The Communist Party of China Central Committee held a plenary session in Beijing.",  # domestic
        "The Communist Party of China held a meeting in Beijing to study the plenum.",  # domestic
        "Analysts say the Labour Party and the Socialist Party face hard elections.",  # no exchange word
        "中国经济持续向好，专家认为前景广阔。",
        # a foreign minister is no guest from abroad at his own party's congress
        "Trung, Vietnam's foreign minister, spoke of the 14th National Congress of the Communist Party of Vietnam.",
    ],
)
def test_look_alikes_report_no_exchange(linker: Linker, text: str) -> None:
    assert run(linker, text).exchanges == []


def test_claims_and_mentions_are_kept_with_their_spans(linker: Linker) -> None:
    text = "The Communist Party of China keeps contact with over 700 political parties from more than 170 countries."
    result = run(linker, text)
    (claim,) = result.claims
    assert (claim.parties, claim.countries) == (700, 170)
    assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    assert {m.party_id for m in result.mentions} == {"pf:3"}


def test_today_after_a_dateline_is_the_datelines_day(linker: Linker) -> None:
    text = (
        "Beijing, May 13th—The Communist Party of China met here today with a delegation of the "
        "African National Congress."
    )
    (exchange,) = run(linker, text, PartialDate("2024-05-15", DatePrecision.DAY)).exchanges
    assert exchange.date is not None
    assert exchange.date.value == "2024-05-13"


def test_a_later_sentence_dates_a_gathering_named_without_its_date(linker: Linker) -> None:
    text = (
        "The Communist Party of Vietnam hosted an international forum of world political parties. "
        "The forum was held in Hanoi on June 6."
    )
    (exchange,) = run(linker, text).exchanges
    assert exchange.kind is Kind.CONFERENCE
    assert exchange.date is not None
    assert exchange.date.value == "2024-06-06"


def test_a_reply_is_a_message_of_its_own(linker: Linker) -> None:
    text = (
        "The Communist Party of China sent a message of congratulations to the African National Congress "
        "on Monday. The same day the African National Congress sent a letter of thanks to the Communist "
        "Party of China."
    )
    messages = run(linker, text).exchanges
    assert [m.kind for m in messages] == [Kind.MESSAGE, Kind.MESSAGE]
    senders = [next(p.party_id for p in m.participants if p.role is Role.SENDER) for m in messages]
    assert senders == ["pf:3", "pf:1"]
    assert all(m.date is not None and m.date.value == "2024-06-24" for m in messages)


def test_a_person_the_report_tied_to_a_party_stands_for_it_later(linker: Linker) -> None:
    text = (
        "Tran Van Minh, general secretary of the Communist Party of Vietnam, spoke at the ceremony. "
        "Later, Minh invited a senior leader of the African National Congress for tea in Hanoi."
    )
    (exchange,) = run(linker, text).exchanges
    assert exchange.kind is Kind.MEETING
    assert {p.party_id for p in exchange.participants} == {"pf:9", "pf:1"}


def test_a_short_name_inside_another_name_is_another_person(linker: Linker) -> None:
    text = (
        "Tran Van Minh, general secretary of the Communist Party of Vietnam, spoke at the ceremony. "
        "Later, Hoang Minh Tuan invited a senior leader of the African National Congress for tea in Hanoi."
    )
    assert run(linker, text).exchanges == []  # the ANC alone, with no counterpart named


def test_a_medal_conferred_on_a_party_leader_is_an_exchange_of_its_own_kind(linker: Linker) -> None:
    text = (
        "The Communist Party of China conferred the Friendship Medal on the chairman of the African "
        "National Congress on Monday."
    )
    (exchange,) = run(linker, text).exchanges
    assert exchange.kind is Kind.OTHER


def test_a_party_leaders_visit_abroad_needs_no_named_host(linker: Linker) -> None:
    text = "Peter Kamau, secretary-general of the Jubilee Party, visited villages in China last week."
    (visit,) = run(linker, text).exchanges
    assert visit.kind is Kind.VISIT
    assert [p.party_id for p in visit.participants] == ["pf:7"]
    assert run(linker, text.replace("China", "Kenya")).exchanges == []  # at home
    assert run(linker, "Jubilee Party delegates have visited villages in China.").exchanges == []  # no leader


def test_it_as_subject_is_the_party_the_sentence_before_named(linker: Linker) -> None:
    text = (
        "The Communist Party of Vietnam worked with parties abroad against the pandemic. "
        "Together with more than 240 political parties from over 110 countries, it issued a joint open letter. "
        "The Communist Party of Vietnam also sent messages to more than 110 political parties from 60 countries."
    )
    messages = run(linker, text).exchanges
    assert [m.kind for m in messages] == [Kind.MESSAGE, Kind.MESSAGE]  # two counts, two events
    assert all([p.party_id for p in m.participants] == ["pf:9"] for m in messages)


def test_a_briefing_hosted_by_a_party_body_stays_a_briefing(linker: Linker) -> None:
    text = (
        "Foreign guests attended a thematic briefing hosted by the IDCPC together with the Communist Party of "
        "China's provincial committee. Over 200 party leaders from 40 countries attended the event."
    )
    (briefing,) = run(linker, text).exchanges
    assert briefing.kind is Kind.BRIEFING


def test_a_headline_restating_a_claim_of_the_body_makes_one_claim(linker: Linker) -> None:
    text = "Nearly 300 parties gather in Hanoi\nLeaders of nearly 300 political parties from over 120 countries met."
    assert [(c.parties, c.countries) for c in run(linker, text).claims] == [(300, 120)]


def test_those_who_attended_the_event_join_the_gathering(linker: Linker) -> None:
    text = (
        "The IDCPC held a thematic briefing for foreign diplomats on Monday. "
        "Representatives of the African National Congress and the Communist Party of Vietnam attended the event."
    )
    (briefing,) = run(linker, text).exchanges
    assert briefing.kind is Kind.BRIEFING
    assert {p.party_id for p in briefing.participants} == {"pf:3", "pf:1", "pf:9"}


def test_a_digest_of_messages_gives_each_sender_its_message(linker: Linker) -> None:
    text = (
        "Highlights of foreign congratulatory messages to the Communist Party of China\n"
        "Peter Kamau, secretary-general of the Jubilee Party:\n"
        "I warmly congratulate you on the success of the congress.\n"
        "Mary Roe, general secretary of the African National Congress:\n"
        "We wish the party every success."
    )
    messages = run(linker, text).exchanges
    senders = [next(p.party_id for p in m.participants if p.role is Role.SENDER) for m in messages[1:]]
    assert senders == ["pf:7", "pf:1"]
    assert all(
        {p.party_id for p in m.participants if p.role is Role.RECIPIENT} == {"pf:3"} for m in messages[1:]
    )
    # a speaker's line with no message before it is a quote, not a message
    assert (
        run(linker, "Mary Roe, general secretary of the African National Congress:\nWe met.").exchanges == []
    )


def test_the_party_that_invited_a_visitor_joins_the_meeting_told_just_before(linker: Linker) -> None:
    text = (
        "The chairman of the African National Congress held talks with the President of Kenya on Monday. "
        "He is visiting Kenya at the invitation of the Jubilee Party."
    )
    (meeting,) = run(linker, text).exchanges
    assert {p.party_id for p in meeting.participants} == {"pf:1", "pf:7"}


def test_countries_counted_in_the_next_sentence_complete_a_party_count(linker: Linker) -> None:
    text = (
        "About 100 political parties from across Asia are expected to attend the assembly. "
        "So far, participants from 33 countries have confirmed, bringing together many parties of the region."
    )
    assert [(c.parties, c.countries) for c in run(linker, text).claims] == [(100, 33)]
    apart = text.replace(". So far", ". The venue was chosen in May. The weather was fine. So far")
    assert [(c.parties, c.countries) for c in run(linker, apart).claims] == [(100, None)]


def test_a_report_dated_to_the_month_dates_its_exchanges_to_the_month(linker: Linker) -> None:
    text = "The Communist Party of Vietnam held talks with the African National Congress in Hanoi."
    (exchange,) = run(linker, text, PartialDate("2007-02", DatePrecision.MONTH)).exchanges
    assert exchange.date == PartialDate("2007-02", DatePrecision.MONTH)
    (undated,) = run(linker, text, PartialDate("2007", DatePrecision.YEAR)).exchanges
    assert undated.date is None  # a year alone is too loose to date an exchange by


def test_a_dated_sentence_dates_an_exchange_first_told_with_the_report_date(linker: Linker) -> None:
    # the caption carries only the report's date; the body dates the talks and names one more party
    text = (
        "The Communist Party of Vietnam and the African National Congress at the online talks.\n\n"
        "The Communist Party of Vietnam held online talks with the African National Congress and the "
        "Communist Party of China on June 24."
    )
    (exchange,) = run(linker, text).exchanges
    assert exchange.date is not None
    assert exchange.date.value == "2024-06-24"
    assert len(exchange.participants) == 3


def test_a_headline_visit_of_one_party_stays_apart_from_a_dated_meeting(linker: Linker) -> None:
    text = (
        "Communist Party of China Delegation Visits South Africa\n\n"
        "The Communist Party of China delegation met the African National Congress on June 24."
    )
    assert len(run(linker, text).exchanges) == 2


def test_a_message_reported_is_not_dated_after_its_report(linker: Linker) -> None:
    text = (
        "The Communist Party of Vietnam congratulated the Communist Party of China on its upcoming "
        "anniversary on July 1."
    )
    (exchange,) = run(linker, text).exchanges
    assert exchange.kind is Kind.MESSAGE
    assert exchange.date == DATE
    # a meeting announced for a later day keeps that day
    (meeting,) = run(
        linker, "The Communist Party of Vietnam will meet the Communist Party of China on July 1."
    ).exchanges
    assert meeting.date is not None
    assert meeting.date.value == "2024-07-01"


def test_the_same_day_is_the_date_of_the_sentence_before(linker: Linker) -> None:
    text = (
        "中国共产党致电祝贺越南共产党。\n"
        "6月20日，越南共产党致电中国共产党表示祝贺。同日，中国共产党复电越南共产党表示感谢。"
    )
    dates = {e.date.value for e in run(linker, text).exchanges if e.date}
    assert "2024-06-20" in dates
    assert "2024-06-27" not in dates  # the headline's report date gave way to the dated reply


def test_an_undated_feature_dates_its_forum_from_a_later_sentence() -> None:
    # the forum is named in the title; a later gathering sentence without a party of another country
    # is dropped, and its date goes to the forum
    text = (
        "Party diplomacy: the World Political Parties High-Level Meeting\n\n"
        "“Dialogue — 2023”, like all previous meetings, discusses the role of the ruling party. "
        "The Communist Party of China has informed the parties about its proposals. "
        "The online forum, held on March 15, 2023, was attended by representatives of 500 parties."
    )
    exchanges = run(_with_forum(), text, published=None).exchanges
    assert [(e.mechanism_id, e.date.value if e.date else None) for e in exchanges] == [
        ("m:hlm", "2023-03-15")
    ]


def _with_forum() -> Linker:
    forum = Mechanism(
        "m:hlm",
        "World Political Parties High-Level Meeting",
        "dialogue",
        name_zh="世界政党高层对话会",
        organiser="pf:3",
    )
    return Linker(replace(small_registry(), mechanisms=[forum]))


def test_a_forum_named_as_the_next_event_is_not_the_sentences_forum() -> None:
    linker = _with_forum()
    ahead = (
        "The Communist Party of China opened a seminar with the African National Congress, held ahead of the "
        "upcoming World Political Parties High-Level Meeting."
    )
    inside = "The Communist Party of China opened the World Political Parties High-Level Meeting with the African National Congress."
    assert [e.mechanism_id for e in run(linker, ahead).exchanges] == [None]
    assert [e.mechanism_id for e in run(linker, inside).exchanges] == ["m:hlm"]
    prelude = "中国共产党与越南共产党举行研讨会，奏响世界政党高层对话会“序曲”。"
    held = "中国共产党与越南共产党出席世界政党高层对话会。"
    assert [e.mechanism_id for e in run(linker, prelude).exchanges] == [None]
    assert [e.mechanism_id for e in run(linker, held).exchanges] == ["m:hlm"]


def test_a_partys_last_name_word_alone_is_that_party_once_the_report_named_it(linker: Linker) -> None:
    text = (
        "A Communist Party of China delegation on Thursday met Congress President Cyril Moyo. "
        "The African National Congress thanked the delegation."
    )
    (exchange,) = run(linker, text).exchanges
    assert {p.party_id for p in exchange.participants} == {"pf:3", "pf:1"}
    unnamed = "A Communist Party of China delegation on Thursday met Congress President Cyril Moyo."
    assert all(m.surface != "Congress" for m in run(linker, unnamed).mentions)  # no Congress was named
    both = text + " The Amani National Congress stayed away."  # two Congresses: "Congress" is neither
    assert all(m.surface != "Congress" for m in run(linker, both).mentions)
    longer = (
        "The Communist Party of China met the National People's Congress. The African National Congress "
        "sent greetings to the Communist Party of Vietnam."
    )
    assert all(m.surface != "Congress" for m in run(linker, longer).mentions)
    union = "The African National Congress met the Congress of South African Trade Unions in Beijing."
    assert all(m.surface != "Congress" for m in run(linker, union).mentions)


def test_the_report_date_opening_a_sentence_is_its_dateline_not_the_events_date(linker: Linker) -> None:
    text = " date 2024-06-27 Hanoi - The Communist Party of Vietnam and the African National Congress met on Wednesday."
    (exchange,) = run(linker, text).exchanges
    assert exchange.date == PartialDate("2024-06-26", DatePrecision.DAY)


def test_a_paragraph_about_what_happened_during_a_gathering_keeps_its_days(linker: Linker) -> None:
    text = (
        "From July 11 to 15, the Communist Party of Vietnam attended the congress of the African National "
        "Congress in Johannesburg.\n\nThe congress elected a new leadership.\n\n"
        "During the congress, the Communist Party of Vietnam delegation met the African National Congress "
        "leaders."
    )
    exchanges = run(linker, text, published=PartialDate("2012", DatePrecision.YEAR)).exchanges
    assert [e.kind for e in exchanges] == [Kind.CONFERENCE, Kind.MEETING]
    assert [e.date.value if e.date else None for e in exchanges] == ["2012-07-11", "2012-07-11"]
    going_on = text.replace("The congress elected a new leadership.\n\n", "").replace(
        "During the congress, the", "In addition, the"
    )  # the same trip goes on in the next paragraph
    year = PartialDate("2012", DatePrecision.YEAR)
    dates = [e.date.value if e.date else None for e in run(linker, going_on, published=year).exchanges]
    assert dates == ["2012-07-11", "2012-07-11"]
    undated = text.replace("During the congress, the", "Later, the")
    later = run(linker, undated, published=PartialDate("2012", DatePrecision.YEAR)).exchanges
    assert any(e.date is None for e in later)  # another paragraph of an undated report: no date carried


def test_a_chinese_message_is_sent_by_the_party_named_before_its_verb(linker: Linker) -> None:
    (message,) = run(linker, "中国共产党总书记连任，中国国民党主席致电祝贺。").exchanges
    assert [(p.party_id, p.role) for p in message.participants] == [
        ("pf:10", Role.SENDER),
        ("pf:3", Role.RECIPIENT),
    ]
    (to,) = run(linker, "越南共产党向中国共产党致贺电。").exchanges  # 向: the party it is sent to
    assert to.participants[0].party_id == "pf:9"
    (written_order,) = run(linker, "The Communist Party of China sent a message to the Kuomintang.").exchanges
    assert written_order.participants[0].party_id == "pf:3"


def test_a_secretary_of_state_is_a_counterpart_the_registry_need_not_know(linker: Linker) -> None:
    text = "The head of the International Department of the CPC Central Committee met the Secretary of State."
    assert [e.kind for e in run(linker, text.replace("CPC", "Communist Party of China")).exchanges] == [
        Kind.MEETING
    ]


def test_a_page_dated_years_from_the_anniversary_it_celebrates_is_dated_by_the_anniversary(
    linker: Linker,
) -> None:
    text = (
        "The Communist Party of China sent a message to the Communist Party of Vietnam on the occasion of "
        "the 90th founding anniversary of the Communist Party of Vietnam (February 3)."
    )
    (message,) = run(linker, text, published=PartialDate("2010-12-10", DatePrecision.DAY)).exchanges
    assert message.date == PartialDate("2020-02-03", DatePrecision.DAY)
    (near,) = run(linker, text, published=PartialDate("2021-01-10", DatePrecision.DAY)).exchanges
    assert near.date is not None
    assert near.date.value.startswith("2021")  # a year off: the page's date stands


def test_a_sentence_about_a_forum_told_of_before_makes_it_the_one_the_next_sentences_list() -> None:
    seminar = Mechanism("m:seminar", "Theoretical Seminar", "seminar", organiser="pf:3")
    hlm = Mechanism("m:hlm", "World Political Parties High-Level Meeting", "dialogue", organiser="pf:3")
    linker = Linker(replace(small_registry(), mechanisms=[seminar, hlm]))
    text = (
        "The Communist Party of China opens the Theoretical Seminar\n"
        "The World Political Parties High-Level Meeting will be held in Beijing on June 30.\n"
        "The Theoretical Seminar opened today in Beijing.\n"
        "Among the speakers were the Communist Party of Vietnam and the African National Congress."
    )
    by_forum = {e.mechanism_id: e for e in run(linker, text).exchanges}
    assert {"pf:9", "pf:1"} <= {p.party_id for p in by_forum["m:seminar"].participants}
    assert by_forum["m:seminar"].date == DATE


def test_a_gathering_takes_the_date_of_its_own_clause(linker: Linker) -> None:
    text = "国民党代表团本月2日至4日访问大陆，昨（3）日与中国共产党举办论坛。"
    (forum,) = run(linker, text, published=PartialDate("2024-06-04", DatePrecision.DAY)).exchanges
    assert forum.kind is Kind.CONFERENCE
    assert forum.date == PartialDate("2024-06-03", DatePrecision.DAY)
    dateline = (
        "BEIJING, June 27 (Xinhua) -- The forum of the Communist Party of China and the Communist Party of "
        "Vietnam, held on Tuesday, closed."
    )
    (held,) = run(linker, dateline).exchanges
    assert held.date == PartialDate("2024-06-25", DatePrecision.DAY)  # not the dateline's day


def test_counterparts_met_separately_give_one_meeting_each(linker: Linker) -> None:
    english = (
        "On Tuesday the Communist Party of Vietnam met separately with the African National Congress, "
        "Kenya's Jubilee Party and the Kuomintang."
    )
    chinese = "6月25日，越共代表团分别同南非非洲人国民大会、中国国民党会见交流。"
    for text, counterparts in ((english, {"pf:1", "pf:7", "pf:10"}), (chinese, {"pf:1", "pf:10"})):
        found = run(linker, text).exchanges
        assert [e.kind for e in found] == [Kind.MEETING] * len(counterparts)
        assert [e.participants[0].party_id for e in found] == ["pf:9"] * len(counterparts)
        assert {e.participants[1].party_id for e in found} == counterparts
        assert all(len(e.participants) == 2 for e in found)


def test_the_subject_is_the_party_named_last_before_it_met_them_separately(linker: Linker) -> None:
    text = (
        "At the invitation of the ANC, the Kuomintang delegation respectively met the CPV and Jubilee Party."
    )
    pairs = [[p.party_id for p in e.participants] for e in run(linker, text).exchanges]
    assert pairs == [["pf:10", "pf:1"], ["pf:10", "pf:9"], ["pf:10", "pf:7"]]


def test_counterparts_met_together_stay_one_meeting(linker: Linker) -> None:
    text = "On Tuesday the Communist Party of Vietnam met the African National Congress and the Kuomintang."
    (exchange,) = run(linker, text).exchanges
    assert {p.party_id for p in exchange.participants} == {"pf:9", "pf:1", "pf:10"}
    # one counterpart met "separately" (from others not named) is simply a meeting of two
    (single,) = run(linker, "On Tuesday the CPV met separately with the African National Congress.").exchanges
    assert {p.party_id for p in single.participants} == {"pf:9", "pf:1"}


def test_a_visit_whose_meeting_a_later_sentence_tells_is_a_meeting(linker: Linker) -> None:
    visit = (
        "A delegation of the Communist Party of Vietnam visited China from June 20 to 24 at the invitation "
        "of the Communist Party of China."
    )
    (trip,) = run(linker, visit).exchanges
    assert trip.kind is Kind.VISIT  # a trip with no meeting told
    met = (
        visit
        + " During the visit, the Communist Party of Vietnam delegation held talks with the Communist Party of China."
    )
    (exchange,) = run(linker, met).exchanges
    assert exchange.kind is Kind.MEETING
    assert {p.party_id for p in exchange.participants} == {"pf:9", "pf:3"}


def _with_meeting_of_parties() -> Linker:
    meeting = Mechanism(
        "m:imcwp",
        "International Meeting of Communist and Workers' Parties",
        "conference",
        aliases=("IMCWP",),
    )
    return Linker(replace(small_registry(), mechanisms=[meeting]))


def test_a_forum_hosted_by_a_party_and_named_by_its_short_name_is_that_gathering() -> None:
    linker = _with_meeting_of_parties()
    text = "The 23rd meeting of the IMCWP was held in October 2023 in Hanoi and was hosted by the CPV."
    (exchange,) = run(linker, text).exchanges
    assert exchange.kind is Kind.CONFERENCE
    assert exchange.mechanism_id == "m:imcwp"
    assert [p.party_id for p in exchange.participants] == ["pf:9"]
    assert exchange.date == PartialDate("2023-10", DatePrecision.MONTH)
    # hosting a meeting with a named counterpart is still a meeting of the two
    (talks,) = run(linker, "The CPV hosted the African National Congress in Hanoi.").exchanges
    assert talks.kind is Kind.MEETING
    # a short name is matched as written, as a whole word only
    assert run(linker, "The imcwp was hosted by the CPV, and so was the IMCWPS.").exchanges == []


def test_a_sentence_dated_in_another_year_tells_of_another_gathering_not_its_participants() -> None:
    linker = _with_meeting_of_parties()
    text = (
        "The Communist Party of China and the African National Congress held a conference in 1998.[1] "
        "The Communist Party of Vietnam hosted a meeting in October 2023 in Hanoi.[2]"
    )
    (gathering,) = run(linker, text).exchanges
    assert gathering.date == PartialDate("1998", DatePrecision.YEAR)
    assert {p.party_id for p in gathering.participants} == {"pf:3", "pf:1"}
    # a later sentence of the gathering's own year, or undated, still lists its participants
    same_year = text.replace("October 2023", "October 1998")
    assert "pf:9" in {p.party_id for p in run(linker, same_year).exchanges[0].participants}
    undated = text.replace(" in October 2023", "")
    assert "pf:9" in {p.party_id for p in run(linker, undated).exchanges[0].participants}


def test_the_two_parties_that_sign_are_the_two_of_the_exchange_before(linker: Linker) -> None:
    text = "6月25日，中联部部长会见越共代表团。会后,双方签署了合作协议。"
    meeting, agreement = run(linker, text).exchanges
    assert (meeting.kind, agreement.kind) == (Kind.MEETING, Kind.AGREEMENT)
    assert {p.party_id for p in agreement.participants} == {"pf:3", "pf:9"}
    assert agreement.evidence.text == "会后,双方签署了合作协议。"
    english = (
        "The Communist Party of China held talks with the CPV in Hanoi. "
        "The two parties signed a memorandum of understanding."
    )
    assert [e.kind for e in run(linker, english).exchanges] == [Kind.MEETING, Kind.AGREEMENT]


def test_the_two_parties_are_nobody_after_a_gathering_of_more_or_as_an_object(linker: Linker) -> None:
    gathering = (
        "The Communist Party of China, the CPV and the African National Congress attended a forum in "
        "Beijing. The two parties signed a memorandum of understanding."
    )
    assert [e.kind for e in run(linker, gathering).exchanges] == [Kind.CONFERENCE]
    relations = (
        "The Communist Party of China held talks with the CPV in Hanoi. "
        "Relations between the two parties signed off well."
    )
    assert [e.kind for e in run(linker, relations).exchanges] == [Kind.MEETING]
    talks_about = "6月25日，中联部部长会见越共代表团。双方就两党关系交换意见。"
    assert [e.kind for e in run(linker, talks_about).exchanges] == [Kind.MEETING]
