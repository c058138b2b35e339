from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from partynet.extract.run import ExtractBatch
from partynet.registry.link import Linker
from partynet.registry.model import Alias, AliasKind, AnalystChanges
from partynet.registry.registry import Registry
from partynet.registry.rules import (
    Context,
    country_context,
    defined_abbreviation,
    exact_alias,
    prominence,
    short_abbreviation,
    short_form_context,
    time_validity,
    title_context,
)
from tests.registry.fixtures import small_registry


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(small_registry())


def linked(linker: Linker, text: str, **kwargs: object) -> dict[str, str | None]:
    return {link.surface: link.party_id for link in linker.link_text(text, **kwargs)}  # type: ignore[arg-type]


# exact_alias --------------------------------------------------------------------------------------
def test_exact_alias_scores_the_partys_own_name_above_a_variant() -> None:
    registry = small_registry()
    anc = registry.by_id["pf:1"]
    own = exact_alias(anc, anc.aliases[0], Context(text=""), registry)
    variant = exact_alias(
        anc, Alias("ANC Alliance", AliasKind.NAME, "en", "clea"), Context(text=""), registry
    )
    assert own is not None
    assert variant is not None
    assert own.score > variant.score
    assert "African National Congress" in own.reason


def test_full_names_link_in_english_and_chinese_traditional_included(linker: Linker) -> None:
    found = linked(linker, "The Communist Party of Vietnam and 中國共產黨 held talks; 越共 thanked the CPC.")
    assert found["Communist Party of Vietnam"] == "pf:9"
    assert found["中國共產黨"] == "pf:3"  # traditional characters fold to simplified
    assert found["越共"] == "pf:9"


def test_a_name_inside_a_longer_word_is_no_mention(linker: Linker) -> None:
    assert "ANC" not in linked(linker, "The ANCESTRAL lands of Kenya were discussed.")
    assert "Unity" not in linked(
        linker, "They spoke of unity and friendship in Riga."
    )  # one-word names as written


# defined_abbreviation -----------------------------------------------------------------------------
def test_an_abbreviation_defined_in_the_text_links_to_the_defined_party(linker: Linker) -> None:
    text = "Kenya's Amani National Congress (ANC) met the Jubilee Party. The ANC said the talks went well."
    links = [link for link in linker.link_text(text) if link.surface == "ANC"]
    assert {link.party_id for link in links} == {"pf:2"}
    assert "defined in the text" in links[-1].reason


def test_defined_abbreviation_does_not_fire_without_a_definition() -> None:
    registry = small_registry()
    anc = registry.by_id["pf:1"]
    assert defined_abbreviation(anc, anc.aliases[1], Context(text="ANC"), registry) is None


# country_context ----------------------------------------------------------------------------------
def test_country_context_picks_the_namesake_of_the_country_named(linker: Linker) -> None:
    assert (
        linked(linker, "In Wellington, New Zealand, the Labour Party hosted the delegation.")["Labour Party"]
        == "pf:6"
    )
    assert linked(linker, "In Britain the Labour Party hosted the delegation.")["Labour Party"] == "pf:5"
    assert linked(linker, "工党代表团访问了新西兰。")["工党"] == "pf:6"


def test_a_possessive_country_before_the_name_decides(linker: Linker) -> None:
    assert linked(linker, "Kenya's ANC sent a delegation.")["ANC"] == "pf:2"


def test_country_context_does_not_fire_for_a_party_of_no_country_or_no_country_named() -> None:
    registry = small_registry()
    anc = registry.by_id["pf:1"]
    assert country_context(anc, anc.aliases[0], Context(text="ANC"), registry) is None


def test_a_shared_name_without_its_country_stays_unlinked_with_candidates(linker: Linker) -> None:
    link = next(
        link
        for link in linker.link_text("The Labour Party sent greetings.")
        if link.surface == "Labour Party"
    )
    assert link.party_id is None
    assert {c.party_id for c in link.candidates} == {"pf:5", "pf:6"}
    assert "ambiguous" in link.reason


# time_validity ------------------------------------------------------------------------------------
def test_a_party_dissolved_before_the_document_is_not_linked(linker: Linker) -> None:
    assert linked(linker, "Forza Italia met the delegation.", year=2024)["Forza Italia"] is None
    assert linked(linker, "Forza Italia met the delegation.", year=2005)["Forza Italia"] == "pf:8"


def test_time_validity_does_not_fire_without_a_year() -> None:
    registry = small_registry()
    fi = registry.by_id["pf:8"]
    assert time_validity(fi, fi.aliases[0], Context(text=""), registry) is None


def test_a_former_name_counts_less_after_its_years() -> None:
    registry = small_registry()
    ur = registry.by_id["pf:14"]
    unity = next(a for a in ur.aliases if a.kind is AliasKind.FORMER_NAME)
    later = time_validity(ur, unity, Context(text="", year=2020), registry)
    then = time_validity(ur, unity, Context(text="", year=2000), registry)
    assert later is not None
    assert then is not None
    assert later.score < then.score


# short_abbreviation and short_form_context ---------------------------------------------------------
def test_two_letters_link_only_with_their_country(linker: Linker) -> None:
    assert linked(linker, "The PT said so.")["PT"] is None
    assert linker.resolve("PT", "BRA").party_id == "pf:13"
    registry = small_registry()
    pt = registry.by_id["pf:13"]
    assert short_abbreviation(pt, pt.aliases[1], Context(text="", country_hint="BRA"), registry) is None


def test_a_chinese_short_form_needs_its_country_in_the_text_except_for_chinese_bodies(linker: Linker) -> None:
    registry = small_registry()
    labour = registry.by_id["pf:5"]
    short = next(a for a in labour.aliases if a.kind is AliasKind.SHORT_FORM)
    assert short_form_context(labour, short, Context(text=""), registry) is not None
    assert (
        short_form_context(labour, short, Context(text="", document_countries=frozenset({"GBR"})), registry)
        is None
    )
    assert linked(linker, "中联部部长会见了代表团。")["中联部"] == "pn:idcpc"


def _with_title() -> Linker:
    """The test registry, with the CPV's leader's title as the CPV's own country's media write it."""
    registry = small_registry()
    cpv = registry.by_id["pf:9"]
    title = Alias("Party General Secretary", AliasKind.TITLE, "en", "extension")
    parties = [replace(p, aliases=(*p.aliases, title)) if p is cpv else p for p in registry.parties]
    return Linker(Registry(parties=parties, countries=registry.countries, folder=registry.folder))


def test_an_office_named_without_its_party_is_the_partys_only_in_a_report_on_its_country() -> None:
    linker = _with_title()
    vietnam = "Party General Secretary Nguyen Phu Trong received the delegation in Hanoi, Vietnam."
    elsewhere = "Party General Secretary Mark Smith received the delegation in Nairobi."
    assert linked(linker, vietnam)["Party General Secretary"] == "pf:9"
    assert linked(linker, elsewhere)["Party General Secretary"] is None
    cpv = linker.registry.by_id["pf:9"]
    title = cpv.aliases[-1]
    evidence = title_context(cpv, title, Context(text=""), linker.registry)
    assert evidence is not None
    assert evidence.score < 0
    assert title_context(cpv, title, Context(text="", country_hint="VNM"), linker.registry) is None
    # a party's own name needs no country
    assert title_context(cpv, cpv.aliases[0], Context(text=""), linker.registry) is None
    # after another country's adjective the office is that country's party's, after its own it stays
    kenyan = "Kenyan Party General Secretary Mark Smith received the delegation in Hanoi, Vietnam."
    assert "Party General Secretary" not in linked(linker, kenyan)
    vietnamese = "Vietnamese Party General Secretary Trong received the delegation in Hanoi, Vietnam."
    assert linked(linker, vietnamese)["Party General Secretary"] == "pf:9"


# prominence -----------------------------------------------------------------------------------------
def test_prominence_prefers_the_namesake_that_won_votes(linker: Linker) -> None:
    registry = small_registry()
    big, small = (
        prominence(registry.by_id[i], registry.by_id[i].aliases[0], Context(text=""), registry)
        for i in ("pf:1", "pf:2")
    )
    assert big is not None
    assert small is not None
    assert big.score > small.score
    assert linker.resolve("ANC").party_id == "pf:1"


# names in no alias ----------------------------------------------------------------------------------
def test_an_unknown_party_is_proposed_not_guessed(linker: Linker) -> None:
    link = next(
        link
        for link in linker.link_text("The Workers Party of Wonderland sent a letter.")
        if "Wonderland" in link.surface
    )
    assert link.party_id is None
    assert link.proposal is not None
    assert link.proposal.name == "Workers Party of Wonderland"


def test_a_country_after_of_keeps_the_link(linker: Linker) -> None:
    found = linked(linker, "The Communist Party of China of China?")
    assert found.get("Communist Party of China") == "pf:3"


def test_a_misspelt_name_links_by_fuzzy_match_and_says_so(linker: Linker) -> None:
    link = linker.resolve("Communist Party of Veitnam")
    assert link.party_id == "pf:9"
    assert "like" in link.reason


def test_a_merged_entry_links_to_the_entry_it_was_merged_into() -> None:
    registry = small_registry().with_changes(AnalystChanges(merges=(("pf:8", "pf:12"),)))
    assert Linker(registry).resolve("Forza Italia").party_id == "pf:12"


def test_search_ranks_exact_aliases_before_variants(linker: Linker) -> None:
    found = linker.search("Communist Party of Vietnam")
    assert found[0].party_id == "pf:9"
    assert all(c.evidence[0].rule == "fuzzy" for c in found[1:])


def test_prominence_does_not_fire_for_a_dissolved_party_that_won_no_votes() -> None:
    registry = small_registry()
    nobody = registry.by_id["pf:8"]
    nobody.vote_share = None
    assert prominence(nobody, nobody.aliases[0], Context(text=""), registry) is None


def test_a_name_of_a_country_ends_with_the_country(linker: Linker) -> None:
    (link,) = [
        k
        for k in linker.link_text("The Green Party of Kenya Mwangi said the talks went well.")
        if "Green" in k.surface
    ]
    assert link.surface == "Green Party of Kenya"
    assert link.proposal is not None
    assert link.proposal.name == "Green Party of Kenya"


def test_a_news_agency_credited_for_a_photo_or_a_dateline_is_no_mention() -> None:
    linker = Linker(small_registry())
    credited = [
        "The two parties met in Pretoria. (Photo | ANC)",
        "The two parties met in Pretoria (Photo: ANC)",
        "PRETORIA (ANC) -- The two parties met.",
        "PRETORIA, Jun 27 (ANC): The two parties met.",
    ]
    for text in credited:
        assert [k.surface for k in linker.link_text(text) if k.party_id] == [], text
    named = [
        "The ANC met the party (ANC)",
        "Cyril Moyo (ANC) met the delegation.",
        "The ANC's leader met them.",
    ]
    for text in named:
        assert "ANC" in [k.surface for k in linker.link_text(text, country_hint="ZAF")], text


def test_a_chinese_name_quoted_before_the_word_for_party_links(linker: Linker) -> None:
    assert linked(linker, "中联部部长会见“越南共产”党代表团。") == {
        "中联部": "pn:idcpc",
        "越南共产”党": "pf:9",
    }
    assert linked(linker, "会见「中國國民」黨代表团") == {"中國國民」黨": "pf:10"}
    # one character in quotes before 党 is no party's name: 工党 is the Labour Parties' short form
    assert not {"pf:5", "pf:6"} & set(linked(linker, "新西兰“工”党").values())


def test_a_linker_pickled_for_a_spawned_worker_links_as_the_original(linker: Linker) -> None:
    text = "The ANC met the 中國共產黨 and the African National Congress (ANC) in Pretoria."
    copy = pickle.loads(pickle.dumps(ExtractBatch(linker))).linker  # noqa: S301 - as multiprocessing does
    assert [(k.start, k.party_id) for k in copy.link_text(text)] == [
        (k.start, k.party_id) for k in linker.link_text(text)
    ]
    assert copy.link_text(text), "the copy finds names: its automata were built again"
    assert copy.mechanisms_in(text) == linker.mechanisms_in(text)
