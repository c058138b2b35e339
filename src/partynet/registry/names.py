"""The shapes party names take in running text, apart from any registry: whole words, acronyms
written as words, abbreviations a text defines, names that look like a party's, and the 'CP'/'WP'
short forms of communist and workers' parties' own releases."""

from __future__ import annotations

import re
from collections.abc import Iterator

from partynet.gate import StartsWithOneOf, cues, gated, may_match
from partynet.ingest.chars import HAN

# names that look like a party's but are in no alias: proposed as new registry entries
_PARTY_LIKE_EN = gated(
    re.compile(
        r"\b(?!(?:The|A|An|In|On|At|By|For|From|With|And|Both|Its|Their|His|Her)\s)(?:[A-Z][\w'’-]+\s+){1,6}(?:Party|Front|Movement|Congress|League|Alliance|Organi[sz]ation)"
        r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,4})?"
    )
)
# 'CP of Argentina', 'Lebanese CP', 'WP of Belgium': how communist parties' own releases shorten names
ABBREVIATED_WORDS = {"CP": "Communist Party", "WP": "Workers' Party"}
_ABBREVIATED_NAME = gated(
    re.compile(
        r"\b(?:(?:[A-Z][\w'’-]+\s+){0,2}(?:CP|WP)\s+of\s+(?:the\s+)?[A-Z][\w'’-]+(?:[\s-][A-Z][\w'’-]+){0,2}"
        r"|(?:[A-Z][\w'’-]+\s+){1,2}(?:CP|WP))\b"
    )
)
_ABBREVIATED_CUES = cues(_ABBREVIATED_NAME)
_ABBREVIATION_IN_BRACKETS = r"\(([A-Z][A-Za-z-]{1,10})\)"  # "(JP)"
_DEFINITION = re.compile(
    rf"([A-Z][\w'’.-]*(?:\s+(?:of|for|and|the|[A-Z][\w'’.-]*)){{1,10}})\s*{_ABBREVIATION_IN_BRACKETS}"
)
_DEFINED = re.compile(_ABBREVIATION_IN_BRACKETS)


# a news agency's credit, not a party: "(Photo | PTI)", "NEW DELHI (PTI) --", "BEIJING, Oct 28 (APP):"
_PHOTO_CREDIT = re.compile(r"\((?:file )?(?:photo|image|pic|picture|video)s?\s*[|:/]\s*$", re.IGNORECASE)
_DATELINE_CREDIT = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\($"
)
_CREDIT_END = re.compile(r"\s*\)")
_DATELINE_END = re.compile(r"\)\s*(?::|--|—|–|-)")
CREDIT_WINDOW = 50  # characters before a credit's name searched for the photo or dateline that opens it


def is_credit(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] credits a news agency (a photo's or a dateline's source)."""
    if _CREDIT_END.match(text, end) is None:
        return False
    before = text[max(0, start - CREDIT_WINDOW) : start]
    return _PHOTO_CREDIT.search(before) is not None or (
        _DATELINE_CREDIT.search(before) is not None and _DATELINE_END.match(text, end) is not None
    )


def same_word(alias: str, surface: str) -> bool:
    """As written, or an acronym written as a word ('FRELIMO' as 'Frelimo')."""
    return alias == surface or (
        len(alias) >= 4 and alias.isupper() and surface.istitle() and surface.upper() == alias
    )


def is_word(folded: str, start: int, end: int, key: str) -> bool:
    """Latin names match whole words; Chinese has no spaces to respect."""
    if start > 0 and _latin_word_char(key[0]):
        before = folded[start - 1]
        if before.isalnum() and not HAN.match(before):
            return False
    if end < len(folded) and _latin_word_char(key[-1]):
        after = folded[end]
        if after.isalnum() and not HAN.match(after):
            return False
    return True


def _latin_word_char(char: str) -> bool:
    """A character of a word that spaces delimit: what `\\w` matches (letters, digits, the underscore),
    outside Han. String methods: this runs for both ends of every name found."""
    return (char.isalnum() or char == "_") and not HAN.match(char)


def definitions(text: str) -> dict[str, str]:
    """'the Jubilee Party (JP)' -> {'JP': 'Jubilee Party'}, when the letters fit the words."""
    found: dict[str, str] = {}
    for match in _definitions(text):
        words, short = match.group(1).split(), match.group(2)
        for first in range(len(words)):
            name = " ".join(words[first:])
            initials = "".join(w[0] for w in words[first:] if w[0].isupper())
            if initials.upper() == short.upper().replace("-", ""):
                found[short] = name
                break
    return found


def _definitions(text: str) -> Iterator[re.Match[str]]:
    """What `_DEFINITION.finditer` finds, searched for only before each bracketed abbreviation: a
    definition's words hold no bracket, so one ending at a bracket starts after the bracket before it.
    The pattern is not tried at every capital letter of the text, and a text without a bracketed
    abbreviation (most reports) is not searched at all."""
    end = 0
    for bracket in _DEFINED.finditer(text):
        start = max(end, text.rfind("(", 0, bracket.start()) + 1)
        match = _DEFINITION.search(text, start, bracket.end())
        if match:
            yield match
            end = match.end()


def expanded(surface: str) -> str:
    """'CP of Argentina' -> 'Communist Party of Argentina'."""
    return re.sub(r"\b(CP|WP)\b", lambda m: ABBREVIATED_WORDS[m.group(1)], surface)


def party_like(text: str, chinese: StartsWithOneOf) -> list[tuple[re.Match[str], str]]:
    found = [(m, "en") for m in _PARTY_LIKE_EN.finditer(text)]
    if may_match(_ABBREVIATED_CUES, text):
        found += [(m, "en") for m in _ABBREVIATED_NAME.finditer(text)]
    if HAN.search(text):  # most English reports have a curly quote: a cheaper look than the names'
        found += [(m, "zh") for m in chinese.finditer(text)]
    found.sort(key=lambda pair: (pair[0].start(), -pair[0].end()))
    kept: list[tuple[re.Match[str], str]] = []
    for m, lang in found:  # overlapping candidates: the first, longest one
        if not kept or m.start() >= kept[-1][0].end():
            kept.append((m, lang))
    return kept
