"""Years from a report's references to a party's history: anniversaries of its founding, its congresses."""

from __future__ import annotations

import pytest

from partynet.domain import PartialDate
from partynet.extract.history import anniversary_year, congress_year
from partynet.registry.link import Linker
from tests.registry.fixtures import small_registry


@pytest.fixture(scope="module")
def linker() -> Linker:
    registry = small_registry()
    registry.by_id["pf:3"].congresses = {18: "2012-11", 19: "2017-10", 20: "2022-10"}
    registry.by_id["pf:9"].congresses = {13: "2021-01", 14: "2026-01"}
    return Linker(registry)


def years(linker: Linker, text: str) -> tuple[int | None, int | None]:
    """The anniversary's year and the congress's year the text gives."""
    links = linker.link_text(text)
    found: tuple[PartialDate | None, ...] = (
        anniversary_year(text, links, linker.party_entry),
        congress_year(text, links, linker.party_entry),
    )
    return tuple(int(y.value) if y else None for y in found)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "The CPV sent greetings to the Communist Party of China on the occasion of its 100th founding anniversary.",
            2021,
        ),
        (
            "He congratulated the Communist Party of China on its upcoming 100th founding anniversary on July 1.",
            2021,
        ),
        ("Messages marked the 90th founding anniversary of the Communist Party of Vietnam.", 2020),
        ("It celebrated the 95th anniversary of the founding of the CPV.", 2025),
        ("此次会议是中共在成立100周年之际举办的重要多边活动。", 2021),
        ("庆祝越南共产党成立95周年。", 2025),
    ],
)
def test_an_anniversary_of_a_partys_founding_is_its_founding_year_plus_the_count(
    linker: Linker, text: str, year: int
) -> None:
    assert years(linker, text)[0] == year


@pytest.mark.parametrize(
    "text",
    [
        "This year marks the 75th anniversary of diplomatic relations between the two countries.",
        "The CPC marked the 70th anniversary of the founding of the People's Republic.",
        "It was the 100th anniversary of the October Revolution.",
        "The party has 100 branches in 95 provinces.",
    ],
)
def test_anniversaries_of_other_things_give_no_year(linker: Linker, text: str) -> None:
    assert years(linker, text)[0] is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The envoy briefed the CPC on the results of the CPV's 14th National Congress.", 2026),
        ("中联部表示，对话会是十九大后我国举办的首场主场多边外交活动。", 2017),
        ("越共中央总书记介绍了越共十四大的重要成果。", 2026),
        ("支持中国共产党第二十届全国代表大会的路线。", 2022),
        ("Delegates came to the 19th National Congress of the Communist Party of China.", 2017),
        # two congresses: the latest places the report
        (
            "The Communist Party of China's 18th National Congress and its 20th National Congress set the course.",
            2022,
        ),
    ],
)
def test_a_party_congress_named_is_the_year_it_opened(linker: Linker, text: str, year: int) -> None:
    assert years(linker, text)[1] == year


@pytest.mark.parametrize(
    "text",
    [
        "这是党的十八大以来首次向外国政党宣讲。",  # "since": a long span, not the report's time
        "The CPV is steadily promoting the preparations for the 14th National Congress.",
        "双方打出中阿务实合作八大共同行动。",  # eight major actions, no congress
        "全球政党大会留下五大收获。",
        "The ANC held its 54th National Conference.",  # no congress of the ANC is known
        "He addressed the 12th National Congress of the CPV.",  # a congress the registry does not date
    ],
)
def test_spans_preparations_and_unknown_congresses_give_no_year(linker: Linker, text: str) -> None:
    assert years(linker, text)[1] is None


def test_a_text_may_give_both_an_anniversary_and_a_congress(linker: Linker) -> None:
    text = "On the CPV's 95th founding anniversary it recalled the 13th National Congress."
    assert years(linker, text) == (2025, 2021)
