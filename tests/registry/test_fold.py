from __future__ import annotations

import string

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


# English with a curly quote, a dash or an accent: folded by case and replacements, not by the table
_ASCII = st.text(alphabet=string.printable, min_size=20, max_size=80)
_ODD = st.sampled_from(["’s", "é", "İ", "ß", "中國", "Σ", "\u212a", "－", "«"])
_MOSTLY_ASCII = st.tuples(_ASCII, _ODD, _ASCII).map("".join)


@given(st.one_of(st.text(), _MOSTLY_ASCII))
def test_the_quick_way_folds_as_the_table_does(text: str) -> None:
    assert FOLDER.fold(text) == text.translate(FOLDER.table)


def test_a_table_that_does_not_lower_ascii_letters_is_only_ever_applied() -> None:
    odd = Folder({ord("A"): "b", ord("’"): "'"})  # not a built table: 'A' folds to 'b'
    assert odd.fold("A’a é") == "b'a é"


def test_replacements_that_would_chain_are_left_to_the_table() -> None:
    chain = Folder({**FOLDER.table, ord("-"): "`"})  # '-' to '`', and '`' to "'": one step, not two
    text = "A-B’ and a long run of ASCII after the one curly quote"  # mostly ASCII: the quick way
    assert chain.fold(text) == "a`b' and a long run of ascii after the one curly quote"
