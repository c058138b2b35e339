"""Character classes every text stage shares, defined once."""

from __future__ import annotations

import re

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs: extension A, unified, compatibility
HAN = re.compile(f"[{HAN_RANGES}]")
ASCII_LETTER = re.compile("[A-Za-z]")
# Zero-width characters, the word joiner, the BOM and the soft hyphen: invisible, and noise in any comparison.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands alone as a regular expression's `\\b` sees it: no letter, digit or
    underscore touches it on either side."""
    return not (start > 0 and _word_char(text[start - 1])) and not (end < len(text) and _word_char(text[end]))


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
