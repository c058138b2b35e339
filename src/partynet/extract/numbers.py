"""Numbers as reports write them: digits, English words, Chinese numerals."""

from __future__ import annotations

_WORDS = dict(
    zip(
        "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty "
        "seventy eighty ninety hundred".split(),
        (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30, 40, 50, 60, 70, 80, 90, 100),
        strict=True,
    )
) | {"a hundred": 100}
_ZH_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_number(value: str | None) -> int | None:
    """ "600", "1,200", "twenty-five", "a hundred", "一百二十": the number, or None."""
    if not value:
        return None
    value = value.strip().lower().replace(",", "")
    if value.isdigit():
        return int(value)
    if value in _WORDS:
        return _WORDS[value]
    words = value.replace("-", " ").split()
    if words and all(w in _WORDS for w in words):
        return sum(_WORDS[w] for w in words) if "hundred" not in words[1:] else _WORDS[words[0]] * 100
    return chinese_number(value)


def chinese_number(value: str) -> int | None:
    """ "十九" -> 19, "一百二十" -> 120, "20" is not Chinese: None."""
    total, digit = 0, 0
    for char in value:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            total += (digit or 1) * _ZH_UNITS[char]
            digit = 0
        else:
            return None
    return total + digit or None
