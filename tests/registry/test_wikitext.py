from __future__ import annotations

from partynet.registry import wikitext


def test_list_templates_give_their_items() -> None:
    assert wikitext.abbreviations("{{ubl|CCP (common)|CPC (official)}}") == ["CCP", "CPC"]
    assert wikitext.abbreviations("PDSH or PD") == ["PDSH", "PD"]


def test_language_templates_give_their_text_and_named_arguments_are_dropped() -> None:
    assert wikitext.values("{{lang|zh-Hans|中国共产党}}") == ["中国共产党"]
    assert wikitext.abbreviations("SRSP (English)<br /> {{lang|so|XHKS|italics|=|no}} (Somali)") == [
        "SRSP",
        "XHKS",
    ]


def test_links_references_and_emphasis_are_removed() -> None:
    assert wikitext.values(
        "'''[[Socialist International|SI]]'''<ref>cite</ref><br>[[Progressive Alliance]]"
    ) == [
        "SI",
        "Progressive Alliance",
    ]


def test_a_line_break_inside_a_long_name_is_joined() -> None:
    assert wikitext.values("Progressive Alliance<br>of Socialists and Democrats") == [
        "Progressive Alliance of Socialists and Democrats"
    ]


def test_years_and_wikidata_labels() -> None:
    assert wikitext.first_year("{{start date and age|1912|01|08|df=y}}") == 1912
    assert wikitext.first_year("unknown") is None
    assert wikitext.wikidata_label("Socialist International (Q159454)") == "Socialist International"
