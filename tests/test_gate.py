"""A gated pattern, and the date patterns tried only where a match can start, find exactly what the
plain patterns find."""

from __future__ import annotations

import re
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from partynet.extract import claims, dates, kinds, people
from partynet.extract.coreference import _occurrences
from partynet.extract.kinds import KINDS, kinds_in
from partynet.gate import CueFilter, StartsWithOneOf, cues, gated, lower_case_is_faithful, may_match
from partynet.ingest import dateline, language
from partynet.ingest.chars import HAN
from partynet.registry import names

# pieces of text that the date and trigger patterns start on, end on, or stumble over
_PIECES = [
    "June", "JUNE", "june", "Sept.", "May", "mayor", "Monday", "today", "the end of", "in early", "during",
    "2024", "27", "3rd", "１２", "12", "年", "月", "日", "号", "至", "-", " to ", ", ", ". ", " ", "\n",
    "met", "Met", "MEETING with", "visited", "talks", "congratulated", "signed two agreements", "日元",
    "2024年", "6月27日", "周三", "星期日", "今天", "会见", "x", "_", "Xi", "Xi Jinping", "Jinping",
    # letters a pattern that ignores case reads as ASCII ones, though lower case does not make them so
    "ſeptember", "Frıday", "İN 2020", "\u212a",
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
def test_gated_triggers_and_datelines_find_what_ungated_ones_find(text: str) -> None:
    triggers = [p for trigger in KINDS for p in (trigger.english, trigger.chinese)]
    for pattern in (*triggers, *dateline._PATTERNS):
        if pattern.pattern.startswith("(?="):  # gated
            ungated = re.compile(pattern.pattern.split(")(?:", 1)[-1].removesuffix(")"), pattern.flags)
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in ungated.finditer(text)]


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


# every pattern that is looked for only where its cues are: kinds' triggers, dates, claims, names, people
_CUED = [
    *(p for t in KINDS for p in (t.english, t.chinese)),
    *(p for _, p in dates._EXPRESSIONS),
    claims._PARTIES_EN, claims._COUNTRIES_EN, claims._PARTIES_ZH, claims._COUNTRIES_ZH,
    names._ABBREVIATED_NAME, people._CHINESE,
]  # fmt: skip
_FILTER = CueFilter(_CUED)


@given(texts)
@settings(max_examples=300, deadline=None)
def test_a_pattern_that_matches_a_text_is_one_its_cues_let_through(text: str) -> None:
    possible = _FILTER.possible(text)
    for index, pattern in enumerate(_CUED):
        if pattern.search(text):
            assert index in possible, pattern.pattern
            assert may_match(cues(pattern), text), pattern.pattern


class _NoCues:
    """A filter that lets every trigger through: kinds as found before cues were looked at."""

    def possible(self, _: str) -> frozenset[int]:
        return frozenset(range(2 * len(KINDS)))


@given(texts)
@settings(max_examples=200, deadline=None)
def test_kinds_found_with_cues_are_the_kinds_found_without(text: str) -> None:
    with_cues = kinds_in(text)
    with patch.object(kinds, "_TRIGGER_CUES", _NoCues()):
        assert with_cues == kinds_in(text)


def test_cues_are_read_from_literals_branches_and_repeats() -> None:
    assert cues(re.compile(r"\bvisit\w*")) == cues(re.compile("visit"))
    found = cues(re.compile(r"(?:tele)?phone (?:call|talks)"))
    assert found is not None
    assert found.strings == {"phone "}, "the optional part is no cue"
    found = cues(re.compile("会见|會見|(?:见面)+"))
    assert found is not None
    assert found.strings == {"会见", "會見", "见面"}
    assert cues(re.compile(r"\d+|met")) is None, "an alternative without a literal has no cue"
    found = cues(re.compile(r"\bJune\b", re.IGNORECASE))
    assert found is not None
    assert found.strings == {"june"}
    assert found.ignore_case
    assert cues(re.compile("(?i:june)")) is None, "a part that ignores case inside one that does not"
    assert cues(re.compile("juné", re.IGNORECASE)) is None, "only ASCII is lowered safely"


def test_a_text_with_a_case_trap_lets_every_pattern_that_ignores_case_through() -> None:
    june = re.compile(r"\bjune\b", re.IGNORECASE)
    found = cues(june)
    assert found is not None
    assert not lower_case_is_faithful("ſeptember")
    assert lower_case_is_faithful("September, ﬁnal K")
    assert may_match(found, "on JUNE 3")
    assert not may_match(found, "on July 3")
    trapped = "on June 3 in İzmir"
    assert june.search(trapped)
    assert may_match(found, trapped)
    assert CueFilter([june]).possible("İzmir, July") == {0}


@given(
    st.lists(
        st.sampled_from(["中国", "中國", "美国", "美国国", "共产党", "党", "国", "x", "，"]), max_size=20
    )
)
def test_a_pattern_tried_where_its_literals_start_finds_what_finditer_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    pattern = re.compile("(?:美国国|美国|中国|中國)[\u4e00-\u9fff]{1,3}?党")
    anchored = StartsWithOneOf(["美国国", "美国", "中国", "中國"], pattern)
    assert [m.span() for m in anchored.finditer(text)] == [m.span() for m in pattern.finditer(text)]


# words with their spaces, so that the random texts often hold a definition
_NAME_PIECES = ["Jubilee ", "Party ", "of ", "the ", "(JP) ", "(ANC)", "( ", ") ", "(a) ", ", ", "x", "\n", "Q "]  # fmt: skip


@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=40).map("".join))
@example("The African National Congress (ANC) and the Jubilee Party (JP) met the (ANC)")
@settings(max_examples=300, deadline=None)
def test_definitions_searched_before_each_bracket_are_what_finditer_finds(text: str) -> None:
    found = [m.span() for m in names._definitions(text)]
    assert found == [m.span() for m in names._DEFINITION.finditer(text)]


@given(st.characters())
def test_a_latin_word_character_is_what_backslash_w_matches_outside_han(char: str) -> None:
    expected = re.match(r"\w", char) is not None and HAN.match(char) is None
    assert names._latin_word_char(char) == expected


@given(st.text())
def test_letters_counted_by_removing_the_rest_are_the_letters(text: str) -> None:
    assert len(language._NOT_LETTERS.sub("", text)) == len(re.findall(r"[^\W\d_]", text))
