"""Aggregate claims: "more than 600 parties and organisations from over 160 countries", "来自120多个国家的
200多个政党". A claim is a count of parties, with the count of countries said next to it when there is
one, their qualifier and the span that states them. Counts of people ("500 representatives of 160
parties") are not counts of parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from partynet.extract.model import Claim, Span
from partynet.extract.numbers import parse_number
from partynet.gate import cues, gated, may_match

QUALIFIERS = r"more than|over|nearly|almost|about|around|some|close to|at least|up to|roughly|approximately"
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|a hundred)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine|hundred))?"
)
_COUNT_EN = rf"(?:(?P<q>{QUALIFIERS})\s*)?(?P<n>\d[\d,]*|{_NUMBER_WORD})(?:-plus)?"
# up to seven words between the number and "parties", none of them a word for people or a new sentence,
# nor "local" (a country's own parties are not its partners abroad)
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_BETWEEN = (
    r"(?:(?!(?:representatives|delegates|people|participants|members|guests|the|to|countries|and \d|\d|local|"
    rf"{_MONTHS})\b)[\w'’,-]+\s+){{0,7}}?"
)
# "parties", not "party": "10,000 party representatives" counts people; "Political Parties Dialogue" is a name
_PARTIES_EN = gated(
    re.compile(
        rf"\b{_COUNT_EN}\s+{_BETWEEN}(?:political\s+)?(?-i:parties)\b"
        r"(?!\s+(?:representatives|delegates|members|officials))",
        re.IGNORECASE,
    )
)
_COUNTRIES_EN = gated(
    re.compile(rf"\b{_COUNT_EN}\s+(?:[\w-]+\s+){{0,2}}?(?:countries|nations|states)\b", re.IGNORECASE)
)
_ZH_NUMBER = r"\d+|[一二两三四五六七八九十百千]+"
_PARTIES_ZH = re.compile(
    rf"(?P<q>近|逾|约)?(?P<n>{_ZH_NUMBER})(?P<more>多|余)?[个個位家][\u4e00-\u9fff]{{0,6}}?(?:政党|政黨)"
)
_COUNTRIES_ZH = re.compile(
    rf"(?P<q>近|逾|约)?(?P<n>{_ZH_NUMBER})(?P<more>多|余)?(?:[个個][\u4e00-\u9fff]{{0,4}}?)?(?:国家|國家|国(?![际際内])|國(?![際内]))"
)
# each pattern's cues ("countries", 政, 国): a sentence without them is not searched for it (an English
# sentence for no Chinese count, a count of parties without countries for no count of countries)
_CUES = {p: cues(p) for p in (_PARTIES_EN, _COUNTRIES_EN, _PARTIES_ZH, _COUNTRIES_ZH)}
_ZH_QUALIFIER = {"近": "nearly", "逾": "over", "约": "about"}
MIN_PARTIES = 3  # "two parties" is a pair, not an aggregate
MIN_ALONE = 10  # a smaller count stands as a claim only with its countries ("17 parties from 16 countries")
PAIRING_WINDOW = 80  # characters between a party count and the country count said with it
_YEARS = range(1800, 2100)


@dataclass(frozen=True, slots=True)
class _Count:
    start: int
    end: int
    value: int
    qualifier: str | None


_MAY_COUNT = re.compile(r"parties|政党|政黨")


def claims_in(sentence: Span) -> list[Claim]:
    text = sentence.text
    if not _MAY_COUNT.search(text):  # most sentences count no parties: one cheap look first
        return []
    party_counts = _counts(text, (_PARTIES_EN, _PARTIES_ZH))
    country_counts = _counts(text, (_COUNTRIES_EN, _COUNTRIES_ZH))
    found: list[Claim] = []
    seen: set[int] = set()
    for count in sorted(party_counts, key=lambda c: _nearest(c, country_counts) is None):  # paired ones first
        if count.value < MIN_PARTIES or count.value in _YEARS or count.value in seen:
            continue
        country = _nearest(count, country_counts)
        if country is None and count.value < MIN_ALONE:
            continue
        seen.add(count.value)
        key = (count.value, country.value if country else None)
        start, end = (
            min(count.start, country.start if country else count.start),
            max(count.end, country.end if country else count.end),
        )
        span = Span(sentence.start + start, sentence.start + end, text[start:end])
        found.append(Claim(parties=count.value, countries=key[1], qualifier=count.qualifier, evidence=span))
    return found


def _counts(text: str, patterns: tuple[re.Pattern[str], ...]) -> list[_Count]:
    counts: list[_Count] = []
    for pattern in patterns:
        if not may_match(_CUES[pattern], text):
            continue
        for match in pattern.finditer(text):
            value = parse_number(match.group("n"))
            if value is None:
                continue
            groups = match.groupdict()
            qualifier = (groups.get("q") or "").lower() or None
            qualifier = _ZH_QUALIFIER.get(qualifier or "", qualifier)
            if groups.get("more"):
                qualifier = qualifier or "more than"
            counts.append(_Count(match.start(), match.end(), value, qualifier))
    return counts


def _nearest(count: _Count, candidates: list[_Count]) -> _Count | None:
    best, best_distance = None, PAIRING_WINDOW + 1
    for candidate in candidates:
        if candidate.start < count.end and count.start < candidate.end:
            continue
        distance = (
            candidate.start - count.end if candidate.start >= count.end else count.start - candidate.end
        )
        if distance < best_distance and candidate.value not in _YEARS:
            best, best_distance = candidate, distance
    return best


def countries_alone(sentence: Span) -> int | None:
    """A count of countries in a sentence that counts no parties ("participants from 33 countries have
    confirmed"): the countries of the party count of the sentence before."""
    if _MAY_COUNT.search(sentence.text) and _counts(sentence.text, (_PARTIES_EN, _PARTIES_ZH)):
        return None
    counts = [c for c in _counts(sentence.text, (_COUNTRIES_EN, _COUNTRIES_ZH)) if c.value not in _YEARS]
    return counts[0].value if len(counts) == 1 and counts[0].value > 1 else None


_SENTENCE_ENDS = re.compile(r"[.!?。！？](?:\s|$)|[。！？]")
NEXT_SENTENCE = 200  # characters from the end of a party count to the sentence that may give its countries


def add_claims(claims: list[Claim], new: list[Claim], sentence: Span, text: str) -> None:
    """The sentence's claims; or, when it has none, the countries it counts for the claim just before
    ('About 100 parties are expected. So far, participants from 33 countries have confirmed')."""
    if new or not claims or claims[-1].countries is not None:
        claims.extend(new)
        return
    last = claims[-1]
    between = text[last.evidence.end : sentence.start]
    next_one = 0 <= len(between) <= NEXT_SENTENCE and len(_SENTENCE_ENDS.findall(between)) <= 1
    countries = countries_alone(sentence) if next_one else None
    if countries is not None:
        claims[-1] = replace(last, countries=countries)


def without_restatements(claims: list[Claim]) -> list[Claim]:
    """A headline's "近300个政党" restates the body's "120多个国家近300个政党": one claim, the fuller."""
    with_countries = {c.parties for c in claims if c.countries is not None}
    return [c for c in claims if c.countries is not None or c.parties not in with_countries]
