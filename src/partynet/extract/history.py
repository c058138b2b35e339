"""The year a report's references to a party's own history place it in, for a report that nothing
else dates: "the 67th founding anniversary of the LPRP" is the year the LPRP was founded plus 67; "after
the 19th Party Congress" is the year the CPC's 19th Congress opened. The founding years and the
congresses come from the registry; a reference whose party the text does not make clear places
nothing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from partynet.domain import DatePrecision, PartialDate
from partynet.extract.numbers import parse_number
from partynet.registry.decision import Link
from partynet.registry.model import Party

_ORDINAL = r"(?P<n>\d{1,3})(?:st|nd|rd|th)"
_ZH_ORDINAL = r"(?P<n>\d{1,3}|[一二三四五六七八九十百]{1,4})"
# the party is the one named right before: "the LPRP's 67th founding anniversary", "its 100th anniversary"
_ANNIVERSARY_AFTER_PARTY = re.compile(
    rf"(?:['’]s|\bits)\s+(?:upcoming\s+|coming\s+)?{_ORDINAL}\s+(?:founding\s+)?anniversary\b", re.IGNORECASE
)
# the party is the one named right after: "the 65th founding anniversary of the LPRP"
_ANNIVERSARY_OF_PARTY = re.compile(
    rf"\b{_ORDINAL}\s+(?:founding\s+anniversary|anniversary\s+of\s+the\s+(?:founding|establishment))"
    r"\s+of\s+(?:the\s+)?",
    re.IGNORECASE,
)
_ANNIVERSARY_ZH = re.compile(rf"(?:在)?(?:成立|建党|建黨){_ZH_ORDINAL}(?:周年|週年)")
_CONGRESS_EN = re.compile(rf"\b{_ORDINAL}\s+(?:National\s+)?(?:Party\s+)?Congress\b")
_CONGRESS_ZH = re.compile(
    rf"第?{_ZH_ORDINAL}(?:次|届|屆)(?:全国|全國)?(?:代表)?(?:大会|大會)"
    # the short form "十九大" is a congress only before what is said of one ("十九大后", "十四大的成果")
    rf"|(?P<short>[一二三四五六七八九十]{{2,3}})大(?=后|後|以来|以來|精神|报告|報告|决议|決議|召开|召開|闭幕"
    r"|閉幕|开幕|開幕|胜利|勝利|成功|期间|期間|代表|取得|确定|確定|成果|选出|選出|的)"
)
# a congress named as the start of a long span or as the goal of preparations dates nothing near it
_SPAN_BEFORE = re.compile(
    r"(?:\bsince|\bpreparations?\s+for|\btowards?|筹备|籌備|迎接)\s*(?:the\s+)?[\w’'\s]{0,40}$", re.IGNORECASE
)
_SPAN_AFTER = re.compile(r"以来|以來")
# cheap looks first: most reports name no anniversary and no congress
_ZH_CONGRESS_HINT = re.compile(r"[一二三四五六七八九十\d](?:次|届|屆|大)")
_OF_THE = re.compile(r"\s*(?:of\s+)?(?:the\s+)?", re.IGNORECASE)
NEAR = 40  # characters between a party's name and its anniversary or congress
LAST_PARTY = 160  # characters back to the party "its" stands for


@dataclass(frozen=True, slots=True)
class _Named:
    start: int
    end: int
    party: Party


def anniversary_year(
    text: str, links: Sequence[Link], party_of: Callable[[str], Party]
) -> PartialDate | None:
    """The year of the latest anniversary of a party's founding the text celebrates, as a year."""
    if "nniversary" not in text and "周年" not in text and "週年" not in text:
        return None
    return _as_year(_anniversary_years(text, _named(links, party_of)))


def congress_year(text: str, links: Sequence[Link], party_of: Callable[[str], Party]) -> PartialDate | None:
    """The year the latest party congress the text names opened, as a year."""
    english = "Congress" in text
    chinese = _ZH_CONGRESS_HINT.search(text) is not None
    if not english and not chinese:
        return None
    return _as_year(_congress_years(text, _named(links, party_of), english=english, chinese=chinese))


def _named(links: Sequence[Link], party_of: Callable[[str], Party]) -> list[_Named]:
    return [_Named(link.start, link.end, party_of(link.party_id)) for link in links if link.party_id]


def _as_year(years: list[int]) -> PartialDate | None:
    return PartialDate(str(max(years)), DatePrecision.YEAR) if years else None


def _anniversary_years(text: str, named: list[_Named]) -> list[int]:
    years = []
    for pattern, where in (
        (_ANNIVERSARY_AFTER_PARTY, _party_before),
        (_ANNIVERSARY_ZH, _party_before),
        (_ANNIVERSARY_OF_PARTY, _party_after),
    ):
        for match in pattern.finditer(text):
            party = where(match, named)
            count = parse_number(match.group("n"))
            if party is not None and party.founded and count:
                years.append(party.founded + count)
    return years


def _congress_years(text: str, named: list[_Named], *, english: bool, chinese: bool) -> list[int]:
    years = []
    matches = [
        *(_CONGRESS_EN.finditer(text) if english else ()),
        *(_CONGRESS_ZH.finditer(text) if chinese else ()),
    ]
    for match in matches:
        if _SPAN_BEFORE.search(text[max(0, match.start() - NEAR) : match.start()]) or _SPAN_AFTER.match(
            text, match.end()
        ):
            continue
        ordinal = parse_number(match.groupdict().get("short") or match.group("n"))
        if ordinal is None:
            continue
        party = _congress_party(match, named, ordinal)
        if party is not None:
            years.append(int(party.congresses[ordinal][:4]))
    return years


def _congress_party(match: re.Match[str], named: list[_Named], ordinal: int) -> Party | None:
    """The party named right before or after the congress; else the one party of the text that held a
    congress of that number (the most named one when several did)."""
    party = _party_before(match, named, within=NEAR // 2) or _party_after(match, named)
    if party is not None:
        return party if ordinal in party.congresses else None
    held = Counter(n.party.id for n in named if ordinal in n.party.congresses)
    if not held:
        return None
    best = held.most_common(1)[0][0]
    return next(n.party for n in named if n.party.id == best)


def _party_before(match: re.Match[str], named: list[_Named], within: int = NEAR) -> Party | None:
    """The party named last before the match: close to it, or further back when the match says "its"."""
    reach = LAST_PARTY if match.group(0).lower().startswith("its") else within
    before = [n for n in named if n.end <= match.start() and match.start() - n.end <= reach]
    return before[-1].party if before else None


def _party_after(match: re.Match[str], named: list[_Named]) -> Party | None:
    """The party named right after the match, "of the" between them allowed."""
    gap = _OF_THE.match(match.string, match.end())
    start = gap.end() if gap else match.end()
    after = [n for n in named if n.start == start]
    return after[0].party if after else None
