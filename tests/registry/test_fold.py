from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from partynet.registry.fold import Folder, build_table
from tests.registry.fixtures import TRADITIONAL

FOLDER = Folder(build_table(TRADITIONAL))


@given(st.text())
def test_folding_keeps_every_offset(text: str) -> None:
    assert len(FOLDER.fold(text)) == len(text)


def test_case_accents_quotes_dashes_and_traditional_characters_fold() -> None:
    assert FOLDER.key("Partido Comunista Português") == "partido comunista portugues"
    assert FOLDER.key("Cambodian People’s Party") == FOLDER.key("Cambodian People's Party")
    assert FOLDER.key("ZANU–PF") == FOLDER.key("Zanu PF") == "zanu pf"
    assert FOLDER.key("中國共產黨") == "中国共产党"
    assert FOLDER.key("  Labour \n Party ") == "labour party"
    # fullwidth forms fold as what they stand for, a fullwidth dash as dashes do
    assert FOLDER.key("格鲁吉亚梦想－民主格鲁吉亚") == FOLDER.key("格鲁吉亚梦想—民主格鲁吉亚")
    assert FOLDER.fold("＂ＡＮＣ＂") == FOLDER.fold("“ANC”") == '"anc"'
    assert FOLDER.fold("「國民」") == '"国民"'


def test_letters_that_fold_to_two_stay_as_they_are() -> None:
    assert FOLDER.fold("Straße") == "straße"


# English with a curly quote, a dash or an accent is folded by case and replacements, not by the table
_MOSTLY_ASCII = st.lists(
    st.sampled_from(["Party", " ", "ANC", "-", "’s", "é", "İ", "ß", "\n", "`", "中國", "Σ", "K", "x"]),
    max_size=40,
).map("".join)


@given(st.one_of(st.text(), _MOSTLY_ASCII))
def test_the_quick_way_folds_as_the_table_does(text: str) -> None:
    assert FOLDER.fold(text) == text.translate(FOLDER.table)


def test_a_table_that_does_not_lower_ascii_letters_is_only_ever_applied() -> None:
    odd = Folder({ord("A"): "b", ord("’"): "'"})  # not a built table: 'A' folds to 'b'
    assert odd.fold("A’a é") == "b'a é"
