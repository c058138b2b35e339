"""Which date the exchange a sentence reports takes: the date its own dates resolve against, the
sentence's date of the event (not its dateline), the clause's date for a gathering in a sentence of
several dates, a gathering's first day, and what a new paragraph of an undated report carries over."""

from __future__ import annotations

import re
from dataclasses import replace

from partynet.domain import DatePrecision, PartialDate
from partynet.extract.dates import FoundDate, dates_in, first_day, year_anchor, year_said
from partynet.extract.history import anniversary_year, congress_year
from partynet.extract.kinds import gathering_word
from partynet.extract.model import GATHERINGS, Exchange, Span
from partynet.registry.decision import Link
from partynet.registry.link import Linker

MISDATED_YEARS = 5  # a page date this far from the year of the anniversary its text celebrates is not its own
DATELINE = 30  # characters: a date this close to the start of a sentence with another date is its dateline
_DATELINE_MARK = re.compile(r"电|電|讯|訊|--|—|\(|（")
_CLAUSE_MARK = re.compile(r"[，,;；]")


def anchored(
    text: str, published: PartialDate | None, links: list[Link], linker: Linker
) -> tuple[PartialDate | None, PartialDate | None]:
    """The report's own date as it stands, and the date its text's dates resolve against (for dates
    only: linking needs a sure year): its own date, else a full date of its text, else the year its
    parties' history gives, else a year it says in passing. A page dated years away from the
    anniversary its text celebrates carries a mirror's or a scraper's date, not the report's ("the 65th
    founding anniversary of the LPRP" on a page of 2010): the anniversary dates it, and its own date
    is dropped."""
    anniversary = anniversary_year(text, links, linker.party_entry)
    anchor = published or year_anchor(text)
    if anchor and anniversary and abs(int(anchor.value[:4]) - int(anniversary.value)) >= MISDATED_YEARS:
        return None, anniversary
    if anchor:
        return published, anchor
    return published, anniversary or congress_year(text, links, linker.party_entry) or year_said(text)


def from_first_day(exchange: Exchange, text: str) -> Exchange:
    """A gathering the text dates by its close starts on its first day (`dates.first_day`)."""
    if exchange.kind not in GATHERINGS or exchange.date is None or not exchange.date_from_text:
        return exchange
    evidence = exchange.evidence
    return replace(exchange, date=first_day(exchange.date, evidence.text, text, evidence.start))


def event_date(found: list[FoundDate], text: str, published: PartialDate | None) -> PartialDate | None:
    """The sentence's date of the event: 'HANOI, June 27 -- On Tuesday they met' is Tuesday's, the
    Tuesday before June 27 ('Beijing, May 13th—X met here today' is May 13th). A dateline is marked
    so, or is the report's own date opening the sentence."""
    if len(found) > 1 and opens_with_dateline(found, text, published):
        dateline = found[0].value
        if dateline.precision is DatePrecision.DAY:
            again = dates_in(text[found[1].start : found[1].end], dateline)
            return again[0].value if again else found[1].value
        return found[1].value
    return found[0].value if found else None


def opens_with_dateline(found: list[FoundDate], text: str, published: PartialDate | None) -> bool:
    first = found[0]
    return first.start < DATELINE and (
        _DATELINE_MARK.search(text[first.end : first.end + 16]) is not None or first.value == published
    )


def is_dateline(found: FoundDate, sentence: Span, published: PartialDate | None) -> bool:
    """The publication date printed at the top of a report dates the report, not the event in it."""
    return sentence.start + found.start < DATELINE and found.value == published


def date_of_clause(found: list[FoundDate], sentence: Span, date: PartialDate | None) -> PartialDate | None:
    """The date written in the clause that names the gathering, when one is; else `date`."""
    at = gathering_word(sentence.text)
    if at is None:
        return date
    marks = [m.start() for m in _CLAUSE_MARK.finditer(sentence.text)]
    start = max((m for m in marks if m < at), default=-1)
    end = min((m for m in marks if m > at), default=len(sentence.text))
    inside = [d.value for d in found if start < d.start and d.end <= end]
    return inside[0] if len(inside) == 1 else date


# "the same day", "同日": the date of the sentence before, given by the text
SAME_DAY = re.compile(
    r"\b(?:the same day|that same day|on that day|later that day)\b|同日|同一天|当天|當天|当日|當日",
    re.IGNORECASE,
)
# a paragraph that goes on with the same trip, and one about what happened during a gathering
GOES_ON = re.compile(r"\s*(?:(?:In addition|Besides|Also|Meanwhile)\b|另外|此外|同时|同時)")
DURING = re.compile(r"\b(?:[Dd]uring|on the (?:sidelines|margins) of)\b|期间|期間|间隙|間隙")


def opens_paragraph(text: str, start: int) -> bool:
    return text[:start].rstrip(" \t").endswith("\n")
