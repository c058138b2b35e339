"""Aggregate claims: "more than 600 parties and organisations from over 160 countries", "来自120多个国家的
200多个政党". The numbers, their qualifier and the span that states them."""

from __future__ import annotations

import re

from partynet.extract.model import Claim, Span

_QUALIFIER = r"(?P<{name}>more than|over|nearly|almost|about|around|some|close to|at least|up to|roughly)?\s*"
_NUMBER = r"(?P<{name}>\d[\d,]*|[a-z]+(?:[ -][a-z]+)?)"
_PARTIES = r"(?:[\w-]+\s+){{0,4}}?(?:political\s+)?parties"
_EN = re.compile(
    _QUALIFIER.format(name="pq")
    + _NUMBER.format(name="parties")
    + r"\s+(?:\w+\s+){0,4}?(?:political\s+)?(?:parties|party)\b[^.;]{0,80}?\b(?:from|in|of|across|representing)\s+"
    + _QUALIFIER.format(name="cq")
    + r"(?P<countries>\d[\d,]*|[a-z]+(?:[ -][a-z]+)?)(?:-plus)?\s+(?:\w+\s+)?(?:countries|nations)",
    re.IGNORECASE,
)
_EN_PARTIES_ONLY = re.compile(
    _QUALIFIER.format(name="pq")
    + _NUMBER.format(name="parties")
    + r"\s+(?:\w+\s+){0,3}?(?:political\s+)?parties\b",
    re.IGNORECASE,
)
_ZH_NUMBER = r"\d+|[一二两三四五六七八九十百千]+"
_ZH = re.compile(
    rf"(?P<countries>{_ZH_NUMBER})(?P<cmore>多|余)?个国家(?:和地区)?(?:的)?(?P<parties>{_ZH_NUMBER})(?P<pmore>多|余)?个(?:政党|政黨)"
)
_ZH_PARTIES_ONLY = re.compile(rf"(?P<parties>{_ZH_NUMBER})(?P<pmore>多|余)?个(?:政党|政黨)")
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "dozens": None,
}  # fmt: skip
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
MIN_PARTIES = 2  # "two parties" is a pair, not an aggregate claim


def claims_in(sentence: Span) -> list[Claim]:
    text = sentence.text
    found: list[Claim] = []
    for match in (*_EN.finditer(text), *_ZH.finditer(text)):
        claim = _claim(sentence, match, countries=True)
        if claim:
            found.append(claim)
    if not found:
        for match in (*_EN_PARTIES_ONLY.finditer(text), *_ZH_PARTIES_ONLY.finditer(text)):
            claim = _claim(sentence, match, countries=False)
            if claim:
                found.append(claim)
    return found


def _claim(sentence: Span, match: re.Match[str], *, countries: bool) -> Claim | None:
    groups = match.groupdict()
    parties = _number(groups.get("parties"))
    if parties is None or parties < MIN_PARTIES:
        return None
    qualifier = groups.get("pq") or ("more than" if groups.get("pmore") else None)
    span = Span(sentence.start + match.start(), sentence.start + match.end(), match.group(0))
    count = _number(groups.get("countries")) if countries else None
    return Claim(
        parties=parties, countries=count, qualifier=(qualifier or None) and qualifier.lower(), evidence=span
    )


def _number(value: str | None) -> int | None:
    if not value:
        return None
    value = value.strip().lower().replace(",", "")
    if value.isdigit():
        return int(value)
    if value in _WORDS:
        return _WORDS[value]
    words = value.replace("-", " ").split()
    if all(w in _WORDS and _WORDS[w] is not None for w in words):
        return sum(_WORDS[w] or 0 for w in words)
    return _chinese_number(value)


def _chinese_number(value: str) -> int | None:
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
