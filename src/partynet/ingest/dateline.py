"""Publication dates: from metadata strings, URLs and the dateline at the top of a text.

Only explicit dates are read; nothing is guessed. A date keeps the precision its source gives.
"""

from __future__ import annotations

import re
from datetime import date

from partynet.domain import DatePrecision, PartialDate
from partynet.gate import gated

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month_name>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# behind a gate on their first characters (`partynet.gate`): the month names are otherwise tried at
# every character of a page's first lines
_PATTERNS = tuple(
    gated(p)
    for p in (
        re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
        re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*日)?"),
        re.compile(
            _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
        ),
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
    )
)
_YEAR_ONLY = re.compile(r"^(?P<year>(?:19|20)\d\d)(?:-(?P<month>\d{1,2}))?$")
# Forms only a metadata field holds, read there and never in running text: the basic ISO form
# (20240627, 20240627T080000Z) and day and month in figures before the year (27.06.2024, 27/06/2024),
# read only when the order cannot be in doubt: dots put the day first; with slashes, one of the two
# numbers must be over 12 (06/07/2024 is June or July: not read).
_COMPACT = re.compile(r"^(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?:T\d|$)")
_FIGURES_FIRST = re.compile(
    r"^(?P<first>\d{1,2})(?P<sep>[./])(?P<second>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b"
)
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[-/]?(?P<month>[01]\d)[-/]?(?P<day>[0-3]\d)(?:[/_.-]|$)"
    r"|/(?P<year2>(?:19|20)\d\d)/(?P<month2>[01]\d)(?P<day2>[0-3]\d)/"
    # an article id that starts with its timestamp: /n/20240620201000624.shtml
    r"|/(?P<year3>20\d\d)(?P<month3>[01]\d)(?P<day3>[0-3]\d)[0-2]\d[0-5]\d\d*\.s?html?$"
    # the article names of a CMS common on Chinese news and party sites: /202112/t20211217_148093.html
    r"|/t(?P<year4>(?:19|20)\d\d)(?P<month4>[01]\d)(?P<day4>[0-3]\d)_\d+\.s?html?"
    # a month written as a word: /nation/2019/jun/07/story.html
    r"|/(?P<year5>(?:19|20)\d\d)/(?P<month5>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*/"
    r"(?P<day5>[0-3]?\d)/",
    re.IGNORECASE,
)
# a month folder or slug: /2019/10/party-congress/, /2007news/2007-02-wg-press/
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)[-/_](?P<month>[01]\d)(?:[/_-]|$)")
# a year alone in a path segment: a year folder (/2006/) or a slug's year (/councils/santiago-2006/)
_URL_YEAR = re.compile(r"(?<=[/_-])(?P<year>(?:19|20)\d\d)(?=/|$|[-_.][A-Za-z])")
DATELINE_CHARS = 400
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


def parse_date(value: str | None) -> PartialDate | None:
    """Read one date string ('2024-06-27T08:00Z', 'Jan. 13, 2024', '2024年6月27日', '2024-06', '2024')."""
    if not value:
        return None
    value = value.strip()
    short = _YEAR_ONLY.match(value)
    if short:
        month = short.group("month")
        if month:
            return _make(int(short.group("year")), int(month), None)
        return PartialDate(short.group("year"), DatePrecision.YEAR)
    dates = _all_dates(value[:200])
    return dates[0] if dates else _metadata_form(value)


def _metadata_form(value: str) -> PartialDate | None:
    compact = _COMPACT.match(value)
    if compact:
        return _make(int(compact.group("year")), int(compact.group("month")), int(compact.group("day")))
    figures = _FIGURES_FIRST.match(value)
    if not figures:
        return None
    first, second, year = (int(figures.group(k)) for k in ("first", "second", "year"))
    if figures.group("sep") == "." or first > 12:
        return _make(year, second, first)
    return _make(year, first, second) if second > 12 else None


def date_from_url(url: str | None) -> PartialDate | None:
    """Dates that news URLs carry: /2024/0115/, /2024-01-15/, /20240115/, /20240620201000624.shtml;
    a month where the URL gives no day (/2019/10/slug/)."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        folder = _URL_MONTH.search(url)
        return _make(int(folder.group("year")), int(folder.group("month")), None) if folder else None
    year, month, day = (
        next(v for k in (f"{f}", f"{f}2", f"{f}3", f"{f}4", f"{f}5") if (v := match.group(k)))
        for f in ("year", "month", "day")
    )
    return _make(int(year), int(month) if month.isdigit() else MONTHS[month.lower()], int(day))


def year_from_url(url: str | None) -> PartialDate | None:
    """The year a URL's path names alone, for a page nothing else dates (the last one, nearest the page)."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    years = [m.group("year") for m in _URL_YEAR.finditer(path)]
    return PartialDate(years[-1], DatePrecision.YEAR) if years else None


def find_dateline(text: str) -> PartialDate | None:
    """The earliest full date in the first lines: a page's first publication precedes its updates."""
    dates = [d for d in _all_dates(text[:DATELINE_CHARS]) if d.precision is DatePrecision.DAY]
    return min(dates, key=lambda d: d.value) if dates else None


def _all_dates(text: str) -> list[PartialDate]:
    if not _ANY_YEAR.search(text):
        return []
    found: list[tuple[int, PartialDate]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = MONTHS[parts["month_name"].lower()] if parts.get("month_name") else int(parts["month"])
            day = int(parts["day"]) if parts.get("day") else None
            made = _make(int(parts["year"]), month, day)
            if made:
                found.append((match.start(), made))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])]


def _make(year: int, month: int, day: int | None) -> PartialDate | None:
    try:
        if day is None:
            date(year, month, 1)
            return PartialDate(f"{year:04d}-{month:02d}", DatePrecision.MONTH)
        return PartialDate(date(year, month, day).isoformat(), DatePrecision.DAY)
    except ValueError:
        return None
