from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partynet.domain import DatePrecision, PartialDate, RawDocument, SourceFormat
from partynet.ingest.clean import CleanOptions, clean
from partynet.ingest.dateline import date_from_url, find_dateline, parse_date, year_from_url


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2024-06-27", "2024-06-27", DatePrecision.DAY),
        ("2024-06-27T08:00:00+08:00", "2024-06-27", DatePrecision.DAY),
        ("Jan. 13, 2024", "2024-01-13", DatePrecision.DAY),
        ("13 September 2019", "2019-09-13", DatePrecision.DAY),
        ("2024年6月27日", "2024-06-27", DatePrecision.DAY),
        ("2024年6月", "2024-06", DatePrecision.MONTH),
        ("2024-06", "2024-06", DatePrecision.MONTH),
        ("2021", "2021", DatePrecision.YEAR),
        ("20240627", "2024-06-27", DatePrecision.DAY),
        ("20240627T080000Z", "2024-06-27", DatePrecision.DAY),
        ("27.06.2024", "2024-06-27", DatePrecision.DAY),
        ("7.6.2024 10:00", "2024-06-07", DatePrecision.DAY),
        ("27/06/2024", "2024-06-27", DatePrecision.DAY),
        ("06/27/2024", "2024-06-27", DatePrecision.DAY),
    ],
)
def test_parse_date(value: str, expected: str, precision: DatePrecision) -> None:
    parsed = parse_date(value)
    assert parsed is not None
    assert (parsed.value, parsed.precision) == (expected, precision)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "yesterday",
        "2024-13-45",
        "no date here",
        "31 February 2024",
        "06/07/2024",
        "20241340",
        "31.02.2024",
    ],
)
def test_unparseable_dates_are_none_not_invented(value: str) -> None:
    assert parse_date(value) is None


def test_date_from_url() -> None:
    assert parse_date("2024-01-15") == date_from_url("http://en.people.cn/n3/2024/0115/c90000-20121732.html")
    assert date_from_url("https://x.org/2023-04-18/story") is not None
    assert date_from_url("https://x.org/about") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.org.cn/lldt/202112/t20211217_148093.html", "2021-12-17"),  # a CMS article name
        ("https://blog.example.com/2011/12/meeting-of-parties.html", "2011-12"),  # a month folder: a month
        ("http://example.gr/News/2007news/2007-02-wg-press/index.html", "2007-02"),
        ("https://www.example.com/nation/2019/jun/07/delegation-meets-leaders.html", "2019-06-07"),
    ],
)
def test_dates_in_urls_keep_their_precision(url: str, expected: str) -> None:
    found = date_from_url(url)
    assert found is not None
    assert found.value == expected


@pytest.mark.parametrize(
    "url", ["https://x.org/party/2024-13-list", "https://x.org/items/20191/", "https://x.org/t2021121_1.html"]
)
def test_numbers_in_urls_that_are_no_dates(url: str) -> None:
    assert date_from_url(url) is None


def test_dateline_prefers_the_earliest_date_of_the_header() -> None:
    header = "Title\n\n2025-07-21 12:00:10 | Author: X | Source: qstheory.cn2025-07-15\n\nBody text."
    found = find_dateline(header)
    assert found is not None
    assert found.value == "2025-07-15"


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["iso", "zh", "en", "compact", "dots"]),
)
def test_written_dates_parse_back_exactly(day: date, style: str) -> None:
    text = {
        "iso": day.isoformat(),
        "zh": f"{day.year}年{day.month}月{day.day}日",
        "en": f"{day.strftime('%B')} {day.day}, {day.year}",
        "compact": day.strftime("%Y%m%d"),
        "dots": f"{day.day}.{day.month}.{day.year}",
    }[style]
    parsed = parse_date(f"published {text} in Beijing") or parse_date(text)
    assert parsed is not None
    assert parsed.value == day.isoformat()


@given(st.text(max_size=300))
def test_parsing_never_raises_and_stays_in_range(text: str) -> None:
    for found in (parse_date(text), find_dateline(text)):
        if found is not None:
            year = int(found.value[:4])
            assert 1900 <= year <= 2099
            assert date(year, 1, 1) - timedelta(days=1) < date(2100, 1, 1)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.org/our-meetings/councils/santiago-2006/", "2006"),  # a slug's year
        ("https://www.example.org/news/2019/party-congress", "2019"),  # a year folder
        ("https://x.org/party/2024-13-list", None),  # a year followed by more numbers is no year alone
        ("https://x.org/items/20191/", None),
        ("https://x.org/story?year=2019", None),  # the query is not the page's path
    ],
)
def test_a_year_alone_in_a_urls_path(url: str, expected: str | None) -> None:
    found = year_from_url(url)
    assert (found.value if found else None) == expected


def test_a_page_nothing_else_dates_takes_the_year_of_its_address() -> None:
    raw = RawDocument(
        "p",
        "p",
        "",
        SourceFormat.TEXT,
        is_html=False,
        data=b"The council met on 6 and 7 November.",
        url="https://www.example.org/councils/santiago-2006/",
    )
    doc = clean(raw, CleanOptions())
    assert doc.published == PartialDate("2006", DatePrecision.YEAR)
