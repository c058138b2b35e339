"""Each extraction rule on sentences written for the tests: cases that fire and cases that must not."""

from __future__ import annotations

import pytest

from partynet.domain import DatePrecision, PartialDate
from partynet.extract.claims import claims_in
from partynet.extract.dates import dates_in, first_day, year_anchor, year_said
from partynet.extract.kinds import kind_of, separately_at
from partynet.extract.model import Kind, Span
from partynet.extract.sentences import sentences

ANCHOR = PartialDate("2024-06-27", DatePrecision.DAY)  # a Thursday


def test_sentences_split_english_and_chinese_and_keep_offsets() -> None:
    text = "Mr. Li met the delegation on Dec. 3 in Hanoi. Both sides agreed to deepen ties.\n双方举行会谈。刘建超表示欢迎！"
    spans = sentences(text)
    assert [s.text for s in spans] == [
        "Mr. Li met the delegation on Dec. 3 in Hanoi.",
        "Both sides agreed to deepen ties.",
        "双方举行会谈。",
        "刘建超表示欢迎！",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On Tuesday the two parties held talks.", "2024-06-25"),
        ("They met on June 18 in Beijing.", "2024-06-18"),
        ("The forum opened on 18 April 2023.", "2023-04-18"),
        ("6月27日，双方举行会谈。", "2024-06-27"),
        ("2023年4月18日，刘建超会见代表团。", "2023-04-18"),
        ("25日，代表团抵达河内。", "2024-06-25"),
        ("The congress was held in May 2019.", "2019-05"),
        ("The delegation arrived yesterday.", "2024-06-26"),
        ("A letter sent on December 28 was read out.", "2023-12-28"),
        ("The Council met on 27-28 May in Luanda.", "2024-05-27"),  # a range starts on its first day
        ("The Council met in Santiago on 6 and 7 November.", "2023-11-06"),
        ("It met from the 9th to the 11th of December 2011 in Athens.", "2011-12-09"),
        ("The dialogue ran from November 30 to December 3, 2017.", "2017-11-30"),  # the year ends the range
        ("The assembly is held during December 1 to 4, 2010.", "2010-12-01"),
        ("It was held from 30 November to 3 December 2017 in Beijing.", "2017-11-30"),
        ("2018年7月17—18日，对话会在达累斯萨拉姆举行。", "2018-07-17"),
        ("7月31日至8月3日，代表团访问南非。", "2024-07-31"),
        ("The visit, from June 17-19, was at the invitation of the party.", "2024-06-17"),
        ("The parties will hold a dialogue Thursday in Hangzhou.", "2024-06-27"),  # announced: the next one
        ("The delegation will arrive on Monday.", "2024-07-01"),
        ("海峡论坛将于30日在厦门举行。", "2024-06-30"),
        ("论坛将于3日开幕。", "2024-07-03"),
        ("Tomorrow, the chairwoman will meet the general secretary.", "2024-06-28"),
        ("明天，双方将举行会谈。", "2024-06-28"),
        ("国民党智库昨（26）日举办论坛。", "2024-06-26"),  # the Taiwanese press's day inside "yesterday"
        ("兩黨今(27)日上午會談。", "2024-06-27"),
        ("代表团本月2日至4日访问越南。", "2024-06-02"),  # 本月: the report's month
        ("论坛本月30日在厦门举行。", "2024-06-30"),  # later in the report's month, not last month's
        ("The first dialogue was held in Beijing in 2017.", "2017"),  # a year alone keeps its precision
        ("As of the end of 2024, the party kept contact with 700 parties.", "2024-12-31"),
        ("去年10月19日，中共总书记致电祝贺。", "2023-10-19"),  # last year's, whatever the month
        ("去年5月，双方举行会谈。", "2023-05"),
        ("明年3月，代表团将访华。", "2025-03"),
        ("今年1月5日，两党举行会谈。", "2024-01-05"),
    ],
)
def test_dates_resolve_against_the_document_date(sentence: str, expected: str) -> None:
    assert dates_in(sentence, ANCHOR)[0].value.value == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a future tense in an earlier sentence, or after the date, says nothing of the date
        ("They will meet again. On Monday the two parties held talks.", "2024-06-24"),
        ("On Monday they agreed that the parties will meet again.", "2024-06-24"),
        ("The 5 to 7 delegates met on June 20.", "2024-06-20"),  # numbers before no month are no range
    ],
)
def test_past_dates_stay_past(sentence: str, expected: str) -> None:
    assert [d.value.value for d in dates_in(sentence, ANCHOR)] == [expected]


def test_no_date_is_invented() -> None:
    assert dates_in("On Tuesday the two parties held talks.", None) == []
    assert dates_in("The parties may meet again.", ANCHOR) == []  # 'may' is no month without a day
    assert dates_in("He has 27 years of experience.", ANCHOR) == []
    assert dates_in("Founded in 1951, the department handles party work.", ANCHOR) == []  # history
    assert dates_in("两党坚持1992年共识。", ANCHOR) == []  # a Chinese bare year names things
    assert year_anchor("Founded in 1921, the party...") is None
    anchor = year_anchor("On June 5, 2019 the party congress opened.")
    assert anchor is not None
    assert anchor.value == "2019"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Liu Jianchao met with the delegation of the Workers' Party of Korea.", Kind.MEETING),
        ("刘建超会见越共代表团。", Kind.MEETING),
        ("The two leaders held talks by phone on Monday.", Kind.CALL),
        ("双方举行视频会晤。", Kind.CALL),
        ("The two leaders discussed bilateral cooperation over the phone.", Kind.CALL),
        ("The CPC Central Committee sent a message of congratulations to the SACP.", Kind.MESSAGE),
        ("习近平致贺信。", Kind.MESSAGE),
        ("当天，国民党主席复电表示感谢。", Kind.MESSAGE),
        ("The head of the commission held an online talk with his Cuban counterpart.", Kind.CALL),
        ("The president held a meeting in Beijing with the party chairman.", Kind.MEETING),
        ("The president welcomed the visiting Lao delegation to attend the workshop.", Kind.MEETING),
        ("He hosted a reception in Hanoi for the visiting deputy prime minister.", Kind.MEETING),
        ("The two parties signed a memorandum of understanding.", Kind.AGREEMENT),
        ("The IDCPC held a thematic briefing for foreign diplomats.", Kind.BRIEFING),
        ("The forum was attended by over 300 parties.", Kind.CONFERENCE),
        ("中国共产党与世界政党高层对话会在北京举行。", Kind.CONFERENCE),
        ("A CPV delegation arrived in Phnom Penh.", Kind.VISIT),
        ("On the sidelines of the forum, the two party leaders met.", Kind.MEETING),  # a pair at a forum
        ("The vice-minister held working talks with the delegation.", Kind.MEETING),
        ("The two commissions had a working session in Hanoi.", Kind.MEETING),
    ],
)
def test_kinds_fire(sentence: str, kind: Kind) -> None:
    assert kind_of(sentence) is kind


@pytest.mark.parametrize(
    "sentence",
    [
        "They proposed that the two parties sign a new cooperation agreement.",  # a proposal
        "The agreement signed in 2017 was the basis of the talks.",  # an earlier signing, told as background
        "两党将共同落实好交流合作备忘录。",  # implementing an agreement
    ],
)
def test_an_agreement_needs_its_signing(sentence: str) -> None:
    assert kind_of(sentence) is not Kind.AGREEMENT


def test_kinds_do_not_fire_on_ordinary_sentences() -> None:
    assert kind_of("The economy grew by five percent last year.") is None
    assert kind_of("双方一致认为，两国关系发展良好。") is None


@pytest.mark.parametrize(
    ("sentence", "parties", "countries", "qualifier"),
    [
        (
            "The CPC keeps contact with over 700 political parties and organizations from more than 170 countries.",
            700,
            170,
            "over",
        ),
        ("It brought together 46 political parties from 22 countries in Asia.", 46, 22, None),
        ("Some hundred parties and organisations attended.", 100, None, "some"),
        ("来自120多个国家近300个政党和政治组织的领导人参加。", 300, 120, "nearly"),
        ("中国共产党与非洲40多个国家的70余个政党建立了联系。", 70, 40, "more than"),
        ("来自一百六十多个国家的五百多位政党领导人出席。", 500, 160, "more than"),
    ],
)
def test_claims_fire(sentence: str, parties: int, countries: int | None, qualifier: str | None) -> None:
    claim = claims_in(Span(0, len(sentence), sentence))[0]
    assert (claim.parties, claim.countries, claim.qualifier) == (parties, countries, qualifier)


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 500 party representatives attended the ceremony.",  # people, not parties
        "Over 60 representatives of political parties from some 20 countries attended.",
        "The party was founded in 1976 by Christian democratic parties.",  # a year
        "The 14 China-Arab States Political Parties Dialogue opened.",  # a name
        "The two parties agreed to deepen cooperation.",  # a pair
        "Party members from 20 countries joined the online course.",
        "The province has 20 local parties and two national ones.",  # a country's own parties
    ],
)
def test_claims_do_not_fire_on_counts_of_people_years_names_or_pairs(sentence: str) -> None:
    assert [(c.parties, c.countries) for c in claims_in(Span(0, len(sentence), sentence)) if c.parties] == []


def test_an_announced_date_early_in_the_year_is_next_years() -> None:
    december = PartialDate("2024-12-20", DatePrecision.DAY)
    assert dates_in("The congress will open on February 5.", december)[0].value.value == "2025-02-05"
    assert dates_in("The congress opened on February 5.", december)[0].value.value == "2024-02-05"


def test_the_host_of_a_gathering_does_not_make_it_a_meeting() -> None:
    council = "The Socialist International held its Council meeting in Luanda, hosted by the MPLA."
    assert kind_of(council, 2) is Kind.CONFERENCE
    sideline = "On the sidelines of the forum, the CPC met the MPLA."
    assert kind_of(sideline, 2) is Kind.MEETING


def test_meetings_held_one_by_one_with_many_are_meetings_not_a_gathering() -> None:
    separately = "代表团访问新西兰，分别同国家党领袖、工党议员、优先党领袖深入交流，并出席揭幕仪式。"
    assert kind_of(separately, 4) is Kind.MEETING
    english = "At the forum the delegation met respectively with the leaders of four parties."
    assert kind_of(english, 5) is Kind.MEETING
    # many counterparts at one gathering, with no word that they were met one by one
    together = "代表团出席论坛，同国家党领袖、工党议员、优先党领袖交流。"
    assert kind_of(together, 4) is Kind.CONFERENCE


def test_greetings_conveyed_in_person_are_no_message_but_a_letter_conveying_them_is() -> None:
    assert kind_of("He conveyed warm greetings from the general secretary to the host.") is None
    assert kind_of("刘建超转达了习近平总书记的亲切问候。") is None
    assert kind_of("He met the chairman and conveyed greetings from the party leaders.") is Kind.MEETING
    assert kind_of("In a letter, he conveyed greetings from the party to the congress.") is Kind.MESSAGE
    assert kind_of("刘建超转达了习近平致大会的贺信。") is Kind.MESSAGE


def test_an_undated_report_takes_its_year_from_a_gathering_named_with_it() -> None:
    anchor = year_anchor("The 2025 Liberation Movements Summit provided insights. Leaders met on 25 July.")
    assert anchor is not None
    assert anchor.value == "2025"
    assert year_anchor("The 2030 Agenda for Sustainable Development was discussed.") is None  # no gathering
    assert year_anchor("In 2025 the party grew.") is None  # a bare year dates no report


def test_leaders_gathered_is_a_gathering_but_information_gathered_is_not() -> None:
    assert kind_of("From 25-28 July, leaders gathered in Johannesburg for solidarity.") is Kind.CONFERENCE
    assert kind_of("Information gathered by the commission was published.") is None


def test_a_video_message_to_a_gathering_is_taking_part_in_it_but_a_letter_is_a_message() -> None:
    assert kind_of("Party leaders contributed video messages to the inter-party forum.") is Kind.CONFERENCE
    assert kind_of("The party sent a message to the inter-party forum.") is Kind.MESSAGE


def test_congratulations_said_at_a_meeting_are_the_meeting_but_a_letter_stays_a_message() -> None:
    assert kind_of(
        "The president met the visiting delegation and congratulated the party on its congress."
    ) is (Kind.MEETING)
    assert kind_of("The message was sent out when the chairman met the visiting delegation.") is Kind.MEETING
    assert kind_of("He sent a letter to the chairman, whom he met last year.") is Kind.MESSAGE
    assert kind_of("刘建超会见代表团时转交了习近平的贺信。") is Kind.MESSAGE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The three-day forum closed on Friday.", "2024-06-26"),
        ("The forum closed on Friday. It was a three-day event.", "2024-06-26"),
        ("为期四天的大会闭幕。大会12月3日在北京落下帷幕。", "2024-06-25"),
        ("The forum closed on Friday.", "2024-06-28"),  # no length: the day it says
        ("The three-day forum opened on Friday.", "2024-06-28"),  # an opening is the first day
        ("The three-day forum opened on Wednesday and closed on Friday.", "2024-06-28"),
    ],
)
def test_a_gathering_dated_by_its_close_starts_as_many_days_before_as_it_lasted(
    text: str, expected: str
) -> None:
    friday = PartialDate("2024-06-28", DatePrecision.DAY)
    sentence = text.rsplit("。", 2)[-2] + "。" if "。" in text else text.split(". ", maxsplit=1)[0]
    assert first_day(friday, sentence, text, text.index(sentence)).value == expected


def test_a_year_said_in_passing_dates_a_report_nothing_else_dates() -> None:
    found = year_said("BEIJING, Oct 28 -- The secretary-general said in 2020, the organisation had grown.")
    assert found is not None
    assert found.value == "2020"
    assert year_said("Cambodia will successfully hold the election in 2023, he said.") is None  # a plan
    assert year_said("Founded in 1951, the party grew.") is None  # history
    assert year_said("The party met on Monday.") is None


def test_talks_that_may_happen_are_no_meeting_but_planned_ones_are() -> None:
    assert kind_of("国民党代表团出席海峡论坛，届时可与全国政协主席会谈。") is Kind.CONFERENCE
    assert kind_of("The chairman may meet the general secretary during the trip.") is None
    assert kind_of("The chairman will meet the general secretary on Tuesday.") is Kind.MEETING
    assert kind_of("国民党主席将与中共中央总书记会谈。") is Kind.MEETING
    assert kind_of("代表团分别与两国共产党代表团会面。") is Kind.MEETING


@pytest.mark.parametrize(
    "sentence",
    [
        "Liu met separately with the leaders of the two parties.",
        "The delegation held talks respectively with the ANC and the SACP.",
        "The delegation separately met the ANC and the SACP.",
        "代表团分别同国家党、工党领导人会见。",
        "王勇分别與越共中央书记会见会谈。",
    ],
)
def test_meetings_one_by_one_are_found(sentence: str) -> None:
    assert separately_at(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "The two parties will hold their congresses separately next year.",
        "Liu met the leaders of the ANC and the SACP, respectively its chairman and its general secretary.",
        "两党代表团人数分别为12人和8人。",
        "双方会见了南非非国大和南非共产党代表团。",
    ],
)
def test_meetings_together_are_not_taken_for_meetings_one_by_one(sentence: str) -> None:
    assert separately_at(sentence) is None
