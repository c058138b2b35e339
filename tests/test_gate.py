"""A gated pattern, and the date patterns tried only where a match can start, find exactly what the
plain patterns find."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from partynet.extract import dates
from partynet.extract.coreference import _occurrences
from partynet.extract.kinds import KINDS
from partynet.gate import gated

# pieces of text that the date and trigger patterns start on, end on, or stumble over
_PIECES = [
    "June", "JUNE", "june", "Sept.", "May", "mayor", "Monday", "today", "the end of", "in early", "during",
    "2024", "27", "3rd", "１２", "12", "年", "月", "日", "号", "至", "-", " to ", ", ", ". ", " ", "\n",
    "met", "Met", "MEETING with", "visited", "talks", "congratulated", "signed two agreements", "日元",
    "2024年", "6月27日", "周三", "星期日", "今天", "会见", "x", "_", "Xi", "Xi Jinping", "Jinping",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@given(texts)
@settings(max_examples=300, deadline=None)
def test_dates_found_at_candidate_starts_equal_a_full_search(text: str) -> None:
    for (_, pattern), start_kind in zip(dates._EXPRESSIONS, dates._STARTS_AT, strict=True):
        plain = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in dates._matches(pattern, text, {}, start_kind)] == plain


@given(texts)
@settings(max_examples=300, deadline=None)
def test_gated_triggers_find_what_ungated_ones_find(text: str) -> None:
    for trigger in KINDS:
        for pattern in (trigger.english, trigger.chinese):
            ungated = re.compile(pattern.pattern.split(")(?:", 1)[-1].removesuffix(")"), pattern.flags)
            if ungated.pattern != pattern.pattern:
                assert [m.span() for m in pattern.finditer(text)] == [
                    m.span() for m in ungated.finditer(text)
                ]


def test_gate_lists_first_characters_and_keeps_case_and_script_rules() -> None:
    months = gated(re.compile(r"\b(?:june|july)\b", re.IGNORECASE))
    assert months.pattern.startswith("(?=[j])")
    assert months.search("in JUNE")
    assert months.search("in July")
    digits = gated(re.compile(r"(?<!\d)\d{1,2}日"))
    assert digits.pattern.startswith(r"(?=[\d])")
    assert digits.search("１２日"), "a gate of \\d lets digits of other scripts through, as \\d does"
    assert not digits.search("112日")


def test_patterns_that_gain_nothing_or_cannot_be_gated_are_left_alone() -> None:
    literal = re.compile("会见|會見")  # re skips ahead on its first characters itself
    assert gated(literal) is literal
    anything = re.compile(r"\b.+", re.IGNORECASE)
    assert gated(anything) is anything
    optional = re.compile(r"\b(?:ab)?", re.IGNORECASE)  # can match nothing: may start anywhere
    assert gated(optional) is optional


@given(texts)
@example("_Xi said, Xi Jinping2 and 习近平Xi")
@settings(max_examples=300, deadline=None)
def test_names_found_by_string_search_equal_a_regex_of_whole_words(text: str) -> None:
    forms = ["Xi Jinping", "Xi", "Jinping", "习近平"]
    regex = re.compile(
        "|".join(
            rf"\b{re.escape(f)}\b" if f.isascii() else re.escape(f) for f in sorted(forms, key=len)[::-1]
        )
    )
    assert _occurrences(text, forms) == [(m.start(), m.group(0)) for m in regex.finditer(text)]
