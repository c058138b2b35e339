"""Folding of names and text for matching: case, accents, quote and dash variants, width, and
traditional Chinese characters to simplified.

Folding maps every character to exactly one character, so an offset in folded text is the same
offset in the original: a match found in folded text is a span of the document as it is.
The table is computed when the registry is built (with unicodedata and OpenCC) and shipped inside
the registry file, so that names and documents are always folded the same way.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Mapping

_PUNCTUATION = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201b": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    # corner brackets are the quotation marks of traditional Chinese: 「統一俄羅斯」黨
    "\u300c": '"',
    "\u300d": '"',
    "\u300e": '"',
    "\u300f": '"',
    # a hyphen or dash joins words as a space does: 'ZANU-PF' and 'Zanu PF' are one name
    "-": " ",
    "\u2010": " ",
    "\u2011": " ",
    "\u2012": " ",
    "\u2013": " ",
    "\u2014": " ",
    "\u2212": " ",
    "\uff0d": " ",
    "\u00a0": " ",
    "\u3000": " ",
    "\t": " ",
    "\n": " ",
    "\r": " ",
}
# Latin, Greek, Cyrillic and general punctuation: what folds by case or decomposition.
_FOLDED_RANGES = ((0x41, 0x5A), (0xC0, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF), (0xFF01, 0xFF5E))
# CJK unified ideographs and compatibility ideographs: traditional forms fold to simplified.
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def build_table(to_simplified: Mapping[str, str]) -> dict[int, str]:
    """The folding table: code point -> its one-character folded form (only characters that change).
    `to_simplified` maps traditional characters to simplified ones (OpenCC's t2s, one by one)."""
    table: dict[int, str] = {}
    for start, end in _FOLDED_RANGES:
        for code in range(start, end + 1):
            # a fullwidth dash or quote folds as the dash or quote it stands for does
            folded = _fold_letter(chr(code))
            folded = _PUNCTUATION.get(folded, folded)
            if folded != chr(code):
                table[code] = folded
    for char, folded in _PUNCTUATION.items():
        table[ord(char)] = folded
    for traditional, simplified in to_simplified.items():
        if len(traditional) == 1 and len(simplified) == 1 and traditional != simplified:
            table[ord(traditional)] = simplified
    return table


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


NOT_ASCII_SHARE = 16  # text with more than one character in this many outside ASCII is folded in one pass


def _one_pass(text: str) -> bool:
    """Whether `str.translate` alone is the faster way: on ASCII text it has a quick way of its own,
    and text mostly outside ASCII has too many runs to fold one by one."""
    ascii_only = len(text.encode("ascii", "ignore"))  # counted in C
    return ascii_only == len(text) or (len(text) - ascii_only) * NOT_ASCII_SHARE > len(text)


def _ascii_changes(table: Mapping[int, str]) -> tuple[tuple[str, str], ...] | None:
    """The table's changes of ASCII characters other than upper to lower case, made one after the
    other with `str.replace`; None when the table does not fold ASCII letters just to lower case, or
    when one change would make what another changes (replacements in a row would chain)."""
    letters = all(table.get(ord(c)) == c.lower() for c in string.ascii_uppercase) and not any(
        code in table for code in map(ord, string.ascii_lowercase)
    )
    changes = tuple(
        (chr(code), table[code]) for code in range(128) if code in table and not chr(code).isupper()
    )
    chained = any(folded in dict(changes) for _, folded in changes)
    return changes if letters and not chained else None


def han_characters() -> Iterable[str]:
    for start, end in _HAN_RANGES:
        for code in range(start, end + 1):
            yield chr(code)


def _fold_letter(char: str) -> str:
    """Lower case without accents, when that is a single character ('É' -> 'e', 'ß' stays)."""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    lowered = (base or char).lower()
    return lowered if len(lowered) == 1 else char


class Folder:
    """Folds text with a table; `fold(text)` has the length of `text`.

    `str.translate` with a dict looks every character up one by one unless the text is all ASCII:
    a news report with a single curly quote takes that slow path through all of its letters. So the
    ASCII characters are folded with `str.lower` and plain replacements, which run in C, and only the
    runs of other characters go through the table (measured: 5 times as fast on English reports).
    The quick way is taken only when the table folds ASCII letters to lower case, as built tables do,
    and only on mostly ASCII text: on Chinese text the runs are many and short, and one pass is faster.
    """

    __slots__ = ("_ascii_changes", "_table")

    def __init__(self, table: Mapping[int, str]) -> None:
        self._table = dict(table)
        self._ascii_changes = _ascii_changes(self._table)

    def fold(self, text: str) -> str:
        if self._ascii_changes is None or _one_pass(text):
            return text.translate(self._table)
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is two characters ('İ')
            return text.translate(self._table)
        for char, folded in self._ascii_changes:
            lowered = lowered.replace(char, folded)
        pieces: list[str] = []
        end = 0
        for run in _NOT_ASCII.finditer(text):
            pieces += (lowered[end : run.start()], run.group().translate(self._table))
            end = run.end()
        pieces.append(lowered[end:])
        return "".join(pieces)

    def key(self, name: str) -> str:
        """A name's matching key: folded, spaces collapsed."""
        return " ".join(self.fold(name).split())

    @property
    def table(self) -> dict[int, str]:
        return dict(self._table)
