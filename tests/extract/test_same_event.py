from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import create_engine, select
from typer.testing import CliRunner

from partynet.cli import app
from partynet.domain import DatePrecision, PartialDate
from partynet.extract.same_event import EventKey, same_event
from partynet.store.schema import evidence, exchanges

DAY = DatePrecision.DAY


def key(kind: str, day: str | None, *parties: str, mechanism: str | None = None) -> EventKey:
    return EventKey(kind, PartialDate(day, DAY) if day else None, frozenset(parties), mechanism)


def test_reports_of_one_exchange_are_the_same_event() -> None:
    assert same_event(key("meeting", "2024-06-25", "cpc", "anc"), key("meeting", "2024-06-26", "cpc", "anc"))
    assert same_event(key("visit", "2024-06-25", "cpc", "anc"), key("meeting", "2024-06-25", "cpc", "anc"))
    assert same_event(
        key("conference", "2024-06-25", "cpc", mechanism="hlm"),
        key("conference", "2024-06-25", "cpc", "x", mechanism="hlm"),
    )


def test_other_days_kinds_or_counterparts_are_other_events() -> None:
    base = key("meeting", "2024-06-25", "cpc", "anc")
    assert not same_event(base, key("meeting", "2024-06-29", "cpc", "anc"))  # four days apart
    assert not same_event(base, key("call", "2024-06-25", "cpc", "anc"))
    assert not same_event(base, key("meeting", "2024-06-25", "cpc", "cpv"))  # one counterpart in common
    assert not same_event(key("meeting", None, "cpc", "anc"), key("meeting", None, "cpc", "anc"))  # undated


def test_two_reports_make_one_exchange_and_re_extracting_one_keeps_the_other(
    tmp_path: Path, store_url: str
) -> None:
    reports = [
        {"id": "a", "date": "2024-06-26", "lang": "en",
         "text": "On Tuesday the Communist Party of China held talks with the African National Congress in Beijing."},
        {"id": "b", "date": "2024-06-25", "lang": "zh", "text": "6月25日，中国共产党同南非非洲人国民大会在北京举行会谈。"},
    ]  # fmt: skip
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in reports), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", store_url, "ingest", str(path), "--quiet"]).exit_code == 0
    (exchange,) = [
        json.loads(line)
        for line in runner.invoke(app, ["--db", store_url, "export", "exchanges"]).output.splitlines()
    ]
    assert sorted(e["document_external_id"] for e in exchange["evidence"]) == ["a", "b"]
    assert runner.invoke(app, ["--db", store_url, "extract"]).exit_code == 0
    engine = create_engine(store_url)
    with engine.connect() as connection:
        stored = connection.execute(select(exchanges.c.id)).all()
        spans = connection.execute(
            select(evidence.c.document_id).where(evidence.c.exchange_id.is_not(None))
        ).all()
    engine.dispose()
    assert len(stored) == 1
    assert len(spans) == 2


def test_two_reports_that_each_state_another_day_of_meeting_tell_of_two_meetings() -> None:
    stated = {"kind": "meeting", "parties": frozenset(("cpc", "cpv")), "stated": True}
    tuesday = EventKey(date=PartialDate("2026-02-03", DAY), **stated)  # type: ignore[arg-type]
    wednesday = EventKey(date=PartialDate("2026-02-04", DAY), **stated)  # type: ignore[arg-type]
    assert not same_event(tuesday, wednesday)
    assert same_event(tuesday, tuesday)
    # a report dated only by its dateline may be a day off: it still joins
    assert same_event(tuesday, EventKey("meeting", PartialDate("2026-02-04", DAY), frozenset(("cpc", "cpv"))))
    # a visit stated by its first day takes in the meetings of its other days
    visit = EventKey("visit", PartialDate("2023-09-04", DAY), frozenset(("cpc", "cpv")), stated=True)
    assert same_event(
        visit, EventKey("meeting", PartialDate("2023-09-05", DAY), frozenset(("cpc", "cpv")), stated=True)
    )


def test_a_visit_joined_by_a_report_of_its_dated_meeting_becomes_that_meeting(
    tmp_path: Path, store_url: str
) -> None:
    reports = [
        {"id": "visit", "date": "2024-06-28", "lang": "en",
         "text": "A Communist Party of China delegation visited the African National Congress from Monday to "
                 "Wednesday."},
        {"id": "meeting", "date": "2024-06-27", "lang": "en",
         "text": "On June 25 the Communist Party of China held talks with the African National Congress."},
    ]  # fmt: skip
    (exchange,) = ingested_exchanges(tmp_path, store_url, reports)
    assert (exchange["kind"], exchange["date"]) == ("meeting", "2024-06-25")
    assert sorted(e["document_external_id"] for e in exchange["evidence"]) == ["meeting", "visit"]


def test_a_date_a_report_states_replaces_the_report_date_another_gave_the_event(
    tmp_path: Path, store_url: str
) -> None:
    reports = [
        {"id": "carried", "date": "2024-06-28", "lang": "en",
         "text": "The Communist Party of China and the African National Congress held talks in Beijing."},
        {"id": "stated", "date": "2024-06-28", "lang": "en",
         "text": "On Thursday the Communist Party of China held talks with the African National Congress."},
    ]  # fmt: skip
    (exchange,) = ingested_exchanges(tmp_path, store_url, reports)
    assert exchange["date"] == "2024-06-27"
    assert sorted(e["document_external_id"] for e in exchange["evidence"]) == ["carried", "stated"]


def test_a_report_joins_its_event_not_the_other_events_of_those_days(tmp_path: Path, store_url: str) -> None:
    reports = [
        {"id": "anc", "date": "2024-06-25", "lang": "en",
         "text": "On Tuesday the Communist Party of China held talks with the African National Congress."},
        {"id": "cpv", "date": "2024-06-25", "lang": "en",
         "text": "On Tuesday the Communist Party of China held talks with the Communist Party of Vietnam."},
        {"id": "year", "date": "2024", "lang": "en",
         "text": "The Communist Party of China held talks with the African National Congress in 2024."},
        {"id": "anc-again", "date": "2024-06-26", "lang": "zh", "text": "6月25日，中国共产党同南非非洲人国民大会举行会谈。"},
    ]  # fmt: skip
    found = ingested_exchanges(tmp_path, store_url, reports)
    assert sorted(sorted(e["document_external_id"] for e in x["evidence"]) for x in found) == [
        ["anc", "anc-again"],  # the same day's talks with another party, and a year, are other events
        ["cpv"],
        ["year"],
    ]


def ingested_exchanges(tmp_path: Path, store_url: str, reports: list[dict[str, str]]) -> list[dict]:  # type: ignore[type-arg]
    """The exchanges `partynet export` gives after `partynet ingest` of the reports."""
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in reports), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", store_url, "ingest", str(path), "--quiet"]).exit_code == 0
    exported = runner.invoke(app, ["--db", store_url, "export", "exchanges"]).output
    return [json.loads(line) for line in exported.splitlines()]
