"""Offices of a state named with their country: "US Secretary of State Antony Blinken", "the President
of the Philippines", "Italian President Mattarella", 哥伦比亚和阿根廷总统, 美国驻华大使. A party that meets
one meets that country's government: the office is linked to the country's government entry
(`gov:<ISO3>`), a non-party counterpart. Offices named without their country ("President Duterte")
are left alone: which state's they are is not in the words.

The titles are looked for first (they are few in a report), then the country around each."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from os.path import commonprefix

from partynet.gazetteer import Gazetteer
from partynet.registry.decision import Link
from partynet.registry.link import Linker
from partynet.registry.states import government_id

REASON = "an office of the state named with its country"
_TITLES_EN = (
    "Acting Secretary of State",
    "Secretary of State",
    "Deputy Prime Minister",
    "Prime Minister",
    "Vice President",
    "Vice-President",
    "President",
    "Premier",
    "Chancellor",
    "Crown Prince",
    "King",
    "Queen",
    "Emir",
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "External Affairs Minister",
    "Ambassador",
    "Speaker",
)
# simplified and traditional: the titles are found in the text as written
_TITLES_ZH = (
    "国家主席 國家主席 副总统 副總統 总统 總統 副总理 副總理 总理 總理 副首相 首相 国王 國王 女王 "
    "外交部长 外交部長 外长 外長 代理国务卿 代理國務卿 国务卿 國務卿 议长 議長"
).split()
_TITLE_FINDER = Gazetteer(dict.fromkeys((*_TITLES_EN, *_TITLES_ZH, "大使"), None), overlapping=True)
# 美国总统大选, 国王杯: the office's election, cup or prize, not its holder; the Premier League
_NOT_HOLDER_ZH = re.compile(r"大选|大選|选举|選舉|竞选|競選|候选|候選|杯|奖|獎")
_NOT_HOLDER_EN = re.compile(r"\s+League\b")
_ENVOY_ZH = re.compile(r"(?:驻|駐)[\u4e00-\u9fff]{1,6}?$")  # 驻华大使: the envoy's title opens with 驻
_POSSESSIVE = re.compile(r"(?:['’]s)?[ \t]+$")  # "Vietnam's President", "US Secretary of State"
_GOES_ON = re.compile(r"[-–\w]|['’]s\b")
_OF = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")  # "President of the Philippines"
_ADJECTIVE = re.compile(r"[A-Z][a-z]{2,}(?:an|ese|i|ish|ine)")  # "Italian President"
_SHORT = {"US": "USA", "U.S.": "USA", "UK": "GBR", "U.K.": "GBR"}
_JOINED_ZH = "和与與、及"
WINDOW = 40
SHORTEST_STEM = 4


def state_links(text: str, linker: Linker) -> list[Link]:
    """A link to its country's government for each office named with its country."""
    found: list[Link] = []
    for start, end in _titles(text):
        if found and start < found[-1].end:
            continue  # 中国驻老挝大使: the title of China's envoy holds Laos's name
        found.extend(_office(text, start, end, linker))
    return [link for link in found if link.party_id in linker.registry.by_id]


def _titles(text: str) -> list[tuple[int, int]]:
    """Where the text has a title, the longest where titles overlap ("Vice President", 副总统). Found
    in one scan for all of them: a pattern of all titles costs more than the rest."""
    spans = []
    for at, end, title, _ in _TITLE_FINDER.find(text):
        if (title.isascii() and _whole_word(text, at, end) and not _NOT_HOLDER_EN.match(text, end)) or (
            not title.isascii() and not _NOT_HOLDER_ZH.match(text, end)
        ):
            envoy = _ENVOY_ZH.search(text, max(0, at - 7), at) if title == "大使" else None
            spans.append((envoy.start() if envoy else at, end))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or kept[-1][1] <= start:
            kept.append((start, end))
    return kept


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _office(text: str, start: int, end: int, linker: Linker) -> list[Link]:
    """The links of one title: to the country written before it (with those joined to it: 哥伦比亚和
    阿根廷总统), or after it ("of the Philippines")."""
    before = text[max(0, start - WINDOW) : start]
    offset = start - len(before)
    if text[start].isascii():
        word = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
        word_start = offset + len(before.rstrip()) - len(word)
        if word in _SHORT and before[-1:] in (" ", "\t"):
            return [_link(text, word_start, end, _SHORT[word])]
        country = _country_of_adjective(word, linker) if _ADJECTIVE.fullmatch(word) else None
        if country:
            return [_link(text, word_start, end, country)]
        # "Vietnam's President", "US Secretary of State": a capitalised name right before the title
        spoken = _POSSESSIVE.search(before) if word[:1].isupper() else None
        before = before[: spoken.start()] if spoken else ""
    countries = _countries_ending(before, offset, linker) if before else []
    if countries:
        (first, _, iso3), joined = countries[0], countries[1:]
        return [*(_link(text, s, e, c) for s, e, c in reversed(joined)), _link(text, first, end, iso3)]
    of = _OF.match(text, end)
    after = _country_starting(text[of.end() : of.end() + WINDOW], linker) if of else None
    return [_link(text, start, of.end() + after[0], after[1])] if of and after else []


def _countries_ending(window: str, offset: int, linker: Linker) -> list[tuple[int, int, str]]:
    """The country whose name ends the window, then those joined to it before (和, 、), nearest
    first, each as (start, end, ISO3) in the text; none when a name is two countries' (剛果)."""
    spans = _unique(linker.country_spans(window))
    found: list[tuple[int, int, str]] = []
    end = len(window)
    while True:
        last = next(((s, e, c) for s, e, c in spans if e == end), None)
        if last is None:
            return found
        found.append((offset + last[0], offset + last[1], last[2]))
        if last[0] == 0 or window[last[0] - 1] not in _JOINED_ZH:
            return found
        end = last[0] - 1


def _country_starting(window: str, linker: Linker) -> tuple[int, str] | None:
    """(end, ISO3) of the country whose name opens the window, if one does and ends there: not one
    that goes on into another name ("of the Vietnam-Japan Friendship Alliance") or owns what follows
    ("President of India's Bharatiya Janata Party")."""
    spans = [(e, c) for s, e, c in _unique(linker.country_spans(window)) if s == 0]
    if not spans:
        return None
    end, country = max(spans)
    return None if _GOES_ON.match(window, end) else (end, country)


def _unique(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans of one country each (a name listed twice for it counts once)."""
    distinct = set(spans)
    countries = Counter((start, end) for start, end, _ in distinct)
    return sorted(s for s in distinct if countries[s[0], s[1]] == 1)


def _country_of_adjective(adjective: str, linker: Linker) -> str | None:
    """The country whose name the adjective continues ("Italian": Italy, "Austrian": Austria and not
    Australia), when exactly one shares the most of it and that is all of its name but a letter."""
    word = adjective.lower()
    # the letters the adjective shares with each name: commonprefix compares characters, not paths
    scored = sorted(
        (
            (len(commonprefix([word, c.name.lower()])), c.iso3, len(c.name))  # noqa: RUF071
            for c in linker.registry.countries
            if c.name[:SHORTEST_STEM].lower() == word[:SHORTEST_STEM]
        ),
        reverse=True,
    )
    if not scored:
        return None
    best, country, length = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0
    return country if best > second and best >= length - 1 else None


def _link(text: str, start: int, end: int, country: str) -> Link:
    return Link(start, end, text[start:end], government_id(country), 1.0, REASON)


OFFICE_WINDOW = 120  # characters from an office to the party name its holder leads
_PARTY_WORD = re.compile(r"\b(?:Party|Front|Movement|Congress|Union|League|Alliance)\b|党|黨")


def of_office_country(links: list[Link], offices: list[Link], text: str, linker: Linker) -> list[Link]:
    """A party's name several countries share, after an office of one of them on the same line, is that
    country's party: "Malawian President Peter Mutharika, president of the Democratic Progressive
    Party" (Malawi's, not Taiwan's). Only a name that says it is a party's: "in Washington" is none."""
    return [
        _of_country_before(link, offices, text, linker)
        if not link.party_id and _PARTY_WORD.search(link.surface)
        else link
        for link in links
    ]


def _of_country_before(link: Link, offices: list[Link], text: str, linker: Linker) -> Link:
    office = next(
        (
            o
            for o in reversed(offices)
            if o.end <= link.start <= o.end + OFFICE_WINDOW and "\n" not in text[o.end : link.start]
        ),
        None,
    )
    if office is None:
        return link
    country = linker.registry.by_id[office.party_id or ""].country
    of_country = [(c.party_id, c.score, c.reason) for c in link.candidates if c.country == country]
    if not of_country and country in linker.registry.country_of:
        # a name written without the country its entry holds: "the Social Democratic Party" of Austria
        named = linker.resolve(f"{link.surface} of {linker.registry.country_of[country].name}", country)
        if named.party_id and linker.registry.by_id[named.party_id].country == country:
            of_country = [(named.party_id, named.score, named.reason)]
    if len(of_country) != 1:
        return link
    ((party_id, score, why),) = of_country
    reason = f"{why}; its country named by the office before it ({office.surface})"
    return replace(link, party_id=party_id, score=score, reason=reason)
