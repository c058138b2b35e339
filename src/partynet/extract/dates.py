"""The date of an exchange: from the date expressions of its sentence, resolved against the document's
date ("on Tuesday", "April 18", "27日", "2024年6月27日"). A date keeps the precision the text gives;
when the text gives none that can be resolved, there is no date — never an invented one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from partynet.domain import DatePrecision, PartialDate
from partynet.extract.numbers import parse_number
from partynet.gate import CueFilter, gated, lower_case_is_faithful
from partynet.gazetteer import Gazetteer
from partynet.ingest.chars import HAN
from partynet.ingest.dateline import MONTHS

_MONTH = r"(?P<month_name>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ANY_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_ZH_YEAR = r"(?P<zh_year>(?:19|20)\d\d)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|—|to|until|through|till|and)\s*(?:the\s+)?"  # between the two days of a range
_ZH_TO = r"\s*[—–\-~～至到]\s*"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_WEEKDAYS = "一二三四五六日"
# Ranges come first: a range starts on its first day ("from the 9th to the 11th of December 2011",
# "November 30 to December 3, 2017", "7月31日至8月3日"), and the year written after it is its year.
_RANGES = (
    (
        "ymd",
        re.compile(
            rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}{_TO}(?:{_ANY_MONTH}\s+)?\d{{1,2}}{_ORDINAL},?\s+{_YEAR}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ymd",
        re.compile(
            rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}{_TO}\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?"
            rf"{_ANY_MONTH},?\s+{_YEAR}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ymd",
        re.compile(
            rf"\b(?P<day>\d{{1,2}}){_ORDINAL}{_TO}\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ymd",
        re.compile(
            rf"{_YEAR}\s*年\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*[日号]?{_ZH_TO}"
            r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]"
        ),
    ),
    (
        "md",
        re.compile(
            rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}{_TO}(?:{_ANY_MONTH}\s+)?\d{{1,2}}{_ORDINAL}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "md",
        re.compile(
            rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}{_TO}\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?"
            rf"{_ANY_MONTH}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "md",
        re.compile(
            rf"\b(?P<day>\d{{1,2}}){_ORDINAL}{_TO}\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE
        ),
    ),
    (
        "md",
        re.compile(
            rf"(?<![\d年])(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*[日号]?{_ZH_TO}"
            r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]"
        ),
    ),
)
_EXPRESSIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    *_RANGES,
    ("ymd", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)")),
    (
        "ymd",
        re.compile(
            r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*[日号])?"
        ),
    ),
    # "去年10月19日": a month (and day) of the year before the report's, or of its own or the next
    (
        "other_year",
        re.compile(r"(?P<which>去|今|明)年\s*(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*[日号])?"),
    ),
    ("md", re.compile(r"(?<![\d年])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]")),
    ("d", re.compile(r"(?<![\d月年])(?P<day>\d{1,2})\s*日(?![元本])")),
    # "本月2日": the 2nd of the report's own month, whether before or after the report
    ("this_month", re.compile(r"本月\s*(?P<day>\d{1,2})\s*[日号]")),
    # the Taiwanese press writes the day inside "today" and "yesterday": 昨（3）日, 今(4)日
    ("d", re.compile(r"[今昨明前]\s*[（(]\s*(?P<day>\d{1,2})\s*[）)]\s*日")),
    (
        "ymd",
        re.compile(
            r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ymd",
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "md",
        re.compile(
            r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)", re.IGNORECASE
        ),
    ),
    (
        "md",
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b(?!,?\s*(?:19|20)\d\d)",
            re.IGNORECASE,
        ),
    ),
    ("ym", re.compile(r"\b" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)),
    (
        "weekday",
        re.compile(r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE),
    ),
    ("weekday", re.compile(r"(?:周|星期)(?P<zh_weekday>[一二三四五六日天])")),
    # the end of a year is its last day ("as of the end of 2024"); a year alone is a year ("in 2017")
    # (English and Chinese forms are patterns of their own: a gate checks an English form's first
    # letter, and a text without Han characters is not searched for a Chinese one)
    ("year_end", re.compile(rf"\b(?:the\s+)?end\s+of\s+{_YEAR}\b", re.IGNORECASE)),
    ("year_end", re.compile(rf"{_ZH_YEAR}\s*年底")),
    (
        "y",
        re.compile(
            # Chinese bare years are left out: "1992年共识", "2030年议程", "自2016年以来" name no date
            rf"\b(?:in|during)\s+(?:early\s+|late\s+|mid-?)?{_YEAR}\b(?!\s*[-–/]\s*\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "today",
        re.compile(
            r"\b(?P<today>today|yesterday|tomorrow|this morning|this afternoon|tonight)\b", re.IGNORECASE
        ),
    ),
    ("today", re.compile(r"(?P<zh_today>今天|昨天|今日|昨日|明天|明日)")),
)
# Words before a date that put it after the report ("will hold a dialogue Thursday", "将于20日举行"):
# such a weekday or day of the month is the next one, not the last.
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|to be held|is scheduled|are scheduled|is set to|are set to|upcoming)\b"
    r"|将|將|拟|擬",
    re.IGNORECASE,
)
FUTURE_WINDOW = 40
CLAUSE_WINDOW = 300  # characters back to where a clause starts, at most
# a bare year after these words dates a party's history, not an exchange
_BACKGROUND = re.compile(
    r"\b(?:founded|established|formed|created|set up|born|launched|since)\s*$", re.IGNORECASE
)
BACKGROUND_WINDOW = 20  # characters before a date searched for a future tense
_CLAUSE_END = re.compile(r"[.!?。！？;；]")


# Where a match can start, for the patterns that start with a month name or a digit run: one scan for
# these places, then each such pattern tried only there, finds what `finditer` would (every match starts
# at one of them) in a third of the time. A pattern not listed here is searched for as usual, behind a
# gate on its first characters (the month and weekday alternations are otherwise tried at every word).
_STARTS = {
    "month": gated(re.compile(rf"\b{_ANY_MONTH}", re.IGNORECASE)),
    "digits": re.compile(r"\d+"),  # the start of each run of digits
}
_START_PREFIXES = (
    ("month", r"\b(?P<month_name>"),
    ("digits", r"\b(?P<day>"),
    ("digits", r"(?<![\d"),
    ("digits", r"(?<!\d)"),
)
_STARTS_AT = tuple(
    next((name for name, prefix in _START_PREFIXES if pattern.pattern.startswith(prefix)), None)
    for _, pattern in _EXPRESSIONS
)
_EXPRESSIONS = tuple((form, gated(pattern)) for form, pattern in _EXPRESSIONS)
# patterns written only in Chinese: a text without Han characters cannot match them
_CHINESE_ONLY = frozenset(
    i for i, (_, p) in enumerate(_EXPRESSIONS) if HAN.search(p.pattern) and "\\b" not in p.pattern
)
_CUES = CueFilter([pattern for _, pattern in _EXPRESSIONS])
_MONTH_NAMES = Gazetteer(dict.fromkeys(sorted(MONTHS, key=len, reverse=True)))
_DIGIT = re.compile(r"\d")
_NEEDS_DIGITS = frozenset(("ymd", "md", "d", "this_month", "ym", "y", "year_end", "other_year"))
_FORMS_WITH_YEAR = frozenset(("ymd", "ym", "year_end"))


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int
    end: int
    value: PartialDate


def dates_in(text: str, anchor: PartialDate | None, forms: frozenset[str] | None = None) -> list[FoundDate]:
    """Every resolvable date expression of `text`, in order, the longest where they overlap; only those
    of `forms` when given."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    # cheap looks first: most of the patterns cannot match a text without a digit or without Han
    digits = _DIGIT.search(text) is not None
    han = HAN.search(text) is not None
    starts: dict[str, list[int]] = {}
    possible = _CUES.possible(text)
    for i, (form, pattern) in enumerate(_EXPRESSIONS):
        if (form in _NEEDS_DIGITS and not digits) or (forms is not None and form not in forms):
            continue
        if (not han and i in _CHINESE_ONLY) or i not in possible:
            continue
        for match in _matches(pattern, text, starts, _STARTS_AT[i]):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if form == "y" and _BACKGROUND.search(
                text[max(0, match.start() - BACKGROUND_WINDOW) : match.start()]
            ):
                continue  # "founded in 1951" dates the party, not anything it did
            value = _resolve(form, match, anchor, future=_future_before(text, match.start()))
            if value is not None:
                found.append(FoundDate(match.start(), match.end(), value))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def _matches(
    pattern: re.Pattern[str], text: str, starts: dict[str, list[int]], start_kind: str | None
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` yields, trying the pattern only where a match can start."""
    if start_kind is None:
        yield from pattern.finditer(text)
        return
    if start_kind not in starts:
        starts[start_kind] = _month_starts(text) if start_kind == "month" else _starts(start_kind, text)
    end = 0
    for start in starts[start_kind]:
        if start < end:
            continue  # inside the last match: finditer goes on from its end
        match = pattern.match(text, start)
        if match:
            yield match
            end = match.end()


def _starts(start_kind: str, text: str) -> list[int]:
    return [m.start() for m in _STARTS[start_kind].finditer(text)]


def _month_starts(text: str) -> list[int]:
    """Where a month's name starts a word: what `_STARTS["month"]` finds, from one scan of the text in
    lower case for all names. A name is letters only, so no match of the scan can hide the start of a
    word; the text's lower case is used only where it keeps the offsets and spells ASCII letters as a
    pattern that ignores case reads them."""
    lowered = text.lower()
    if len(lowered) != len(text) or not lower_case_is_faithful(text):
        return _starts("month", text)
    return [
        start
        for start, _, _, _ in _MONTH_NAMES.find(lowered)
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")  # \b before a letter
    ]


def year_anchor(text: str) -> PartialDate | None:
    """For a document without a date: the latest year a full date of its text names, else the year of a
    gathering it names with its year ("The 2025 Liberation Movements Summit"), as a year."""
    # without an anchor only the forms that write their year resolve: the others are not looked for
    years = [
        int(found.value.value[:4])
        for found in dates_in(text, None, _FORMS_WITH_YEAR)
        if found.value.precision is not DatePrecision.YEAR
    ] or [int(m.group("year")) for m in _EVENT_YEAR.finditer(text)]
    return PartialDate(str(max(years)), DatePrecision.YEAR) if years else None


def year_said(text: str) -> PartialDate | None:
    """The latest year a text says an event happened in ("said in 2020, the SCO had ..."): the last
    resort of a report that nothing else dates."""
    years = [
        found.value
        for found in dates_in(text, None, frozenset(("y",)))
        if not _future_before(text, found.start, CLAUSE_WINDOW)  # "will hold the election in 2023"
    ]
    return max(years, key=lambda d: d.value) if years else None


# a gathering named with its year: a report without a date tells its year so ("the 2023 Dialogue")
_EVENT_YEAR = re.compile(
    rf"\b[Tt]he {_YEAR}\s+(?:[A-Z][\w'’-]*\s+){{0,6}}?"
    r"(?:Summit|Forum|Dialogue|Conference|Congress|Meeting|Seminar|Assembly|Council)\b"
)


def _future_before(text: str, start: int, reach: int = FUTURE_WINDOW) -> bool:
    """Whether the clause before `start` (back at most `reach` characters) is in the future tense."""
    window = text[max(0, start - reach) : start]
    ends = [m.end() for m in _CLAUSE_END.finditer(window)]
    return _FUTURE.search(window[ends[-1] if ends else 0 :]) is not None


def _resolve(
    form: str, match: re.Match[str], anchor: PartialDate | None, *, future: bool = False
) -> PartialDate | None:
    groups = match.groupdict()
    if form == "y":
        return PartialDate(groups["year"] or "", DatePrecision.YEAR)
    if form == "year_end":
        return _make(int(groups.get("year") or groups.get("zh_year") or 0), 12, 31)
    if form in ("ymd", "ym"):
        day = int(groups["day"]) if groups.get("day") else None
        return _make(int(groups["year"]), _month(groups), day)
    if form in ("md", "other_year"):
        return _month_day(groups, anchor, future=future)
    anchor_day = _anchor_day(anchor)
    if anchor_day is None:
        return None
    return _RELATIVE[form](groups, anchor_day, future)


_YEAR_OFFSET = {"去": -1, "今": 0, "明": 1}


def _month_day(
    groups: dict[str, str | None], anchor: PartialDate | None, *, future: bool
) -> PartialDate | None:
    """A month and a day take the anchor's year (a year-level anchor is enough), or the year before or
    after it that the text names ("去年10月19日")."""
    if anchor is None:
        return None
    month, year = _month(groups), int(anchor.value[:4])
    if groups.get("which"):
        return _make(year + _YEAR_OFFSET[groups["which"] or ""], month, int(groups["day"] or 0) or None)
    day = int(groups["day"] or 0)
    anchor_day = _anchor_day(anchor)
    # a month later than the document's is last year's ("on December 28" in a January report), and
    # an announced one earlier than it is next year's ("will open on January 5" in a December report)
    if (
        anchor_day
        and not future
        and (month, day) > (anchor_day.month, anchor_day.day)
        and month - anchor_day.month > 1
    ):
        year -= 1
    if (
        anchor_day
        and future
        and (month, day) < (anchor_day.month, anchor_day.day)
        and anchor_day.month - month > 1
    ):
        year += 1
    return _make(year, month, day)


def _day_only(groups: dict[str, str | None], anchor_day: date, future: bool) -> PartialDate | None:
    day = int(groups["day"] or 0)
    month, year = anchor_day.month, anchor_day.year
    if not future and day > anchor_day.day + 1:  # "27日" in a report of the 3rd: last month's 27th
        month, year = (month - 1, year) if month > 1 else (12, year - 1)
    if future and day < anchor_day.day:  # "将于3日举行" in a report of the 27th: next month's 3rd
        month, year = (month + 1, year) if month < 12 else (1, year + 1)
    return _make(year, month, day)


def _weekday(groups: dict[str, str | None], anchor_day: date, future: bool) -> PartialDate | None:
    name = groups.get("weekday")
    weekday = _WEEKDAYS.index(name.lower()) if name else _zh_weekday(groups)
    if future:  # the next such day on or after the report
        return _make_date(anchor_day + timedelta(days=(weekday - anchor_day.weekday()) % 7))
    back = (anchor_day.weekday() - weekday) % 7  # the latest such day on or before the report
    return _make_date(anchor_day - timedelta(days=back))


_DAY_SHIFT = {"yesterday": -1, "昨天": -1, "昨日": -1, "tomorrow": 1, "明天": 1, "明日": 1}


def _today(groups: dict[str, str | None], anchor_day: date, _: bool) -> PartialDate | None:
    word = (groups.get("today") or groups.get("zh_today") or "").lower()
    return _make_date(anchor_day + timedelta(days=_DAY_SHIFT.get(word, 0)))


def _this_month(groups: dict[str, str | None], anchor_day: date, _: bool) -> PartialDate | None:
    return _make(anchor_day.year, anchor_day.month, int(groups["day"] or 0))


_RELATIVE = {"d": _day_only, "this_month": _this_month, "weekday": _weekday, "today": _today}


def _month(groups: dict[str, str | None]) -> int:
    name = groups.get("month_name")
    if name:
        return MONTHS[name.lower().rstrip(".")]
    return int(groups["month"] or 0)


def _zh_weekday(groups: dict[str, str | None]) -> int:
    char = groups.get("zh_weekday") or "日"
    return 6 if char in ("日", "天") else _ZH_WEEKDAYS.index(char)


def _anchor_day(anchor: PartialDate | None) -> date | None:
    if anchor is None or anchor.precision is not DatePrecision.DAY:
        return None
    return date.fromisoformat(anchor.value)


def _make(year: int, month: int, day: int | None) -> PartialDate | None:
    if not 1 <= month <= 12:
        return None
    if day is None:
        return PartialDate(f"{year:04d}-{month:02d}", DatePrecision.MONTH)
    try:
        return _make_date(date(year, month, day))
    except ValueError:
        return None


def _make_date(value: date) -> PartialDate:
    return PartialDate(value.isoformat(), DatePrecision.DAY)


# a gathering dated by its close, with its length said nearby: "the three-day forum closed on Friday"
_CLOSED = re.compile(r"\b(?:closed|concluded|wrapped up|came to a close)\b|闭幕|閉幕|落下帷幕|落幕")
_OPENED = re.compile(r"\b(?:opened|kicked off|began)\b|(?<![闭閉])开幕|(?<![闭閉])開幕")
_DURATION = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|\d)-day\b|[为為]期(?P<zh>[两兩二三四五六七]|\d)天", re.IGNORECASE
)
DURATION_WINDOW = 400  # characters around a closing sentence to look for the gathering's length


def first_day(value: PartialDate, sentence: str, text: str, start: int) -> PartialDate:
    """The first day of a gathering a sentence dates by its close, when the text says how many days
    it lasted nearby (a multi-day gathering is dated by its first day); else `value` unchanged."""
    if value.precision is not DatePrecision.DAY or not _CLOSED.search(sentence) or _OPENED.search(sentence):
        return value
    window = text[max(0, start - DURATION_WINDOW) : start + len(sentence) + DURATION_WINDOW]
    length = _DURATION.search(window)
    days = parse_number(length.group("n") or length.group("zh")) if length else None
    if not days or days < 2:
        return value
    return _make_date(date.fromisoformat(value.value) - timedelta(days=days - 1))
