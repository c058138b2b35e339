from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import create_engine, select, update
from typer.testing import CliRunner

from partynet.cli import app
from partynet.store.schema import exchanges

runner = CliRunner()
REPORTS = [
    {"id": "r1", "date": "2024-06-27", "lang": "en",
     "text": "On Tuesday the Communist Party of China held talks with the African National Congress in Beijing."},
    {"id": "r2", "date": "2024-06-28", "lang": "zh", "text": "6月26日，中联部部长刘建超会见越共代表团。"},
    {"id": "r3", "date": "2024-06-28", "lang": "en",
     "text": "The CPC keeps contact with over 700 political parties from more than 170 countries, the Communist Party of China said."},
]  # fmt: skip


def invoke(store_url: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", store_url, *args])
    assert result.exit_code == 0, result.output
    return result.output


def ingest(tmp_path: Path, store_url: str) -> dict:  # type: ignore[type-arg]
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in REPORTS), encoding="utf-8")
    return json.loads(invoke(store_url, "ingest", str(path), "--json"))  # type: ignore[no-any-return]


def test_ingest_extracts_and_exports_exchanges_and_claims(tmp_path: Path, store_url: str) -> None:
    summary = ingest(tmp_path, store_url)
    assert summary["extracted"]["exchanges"] == 2
    rows = [json.loads(line) for line in invoke(store_url, "export", "exchanges").splitlines()]
    by_doc = {r["evidence"][0]["document_external_id"]: r for r in rows}
    assert by_doc["r1"]["kind"] == "meeting"
    assert by_doc["r1"]["date"] == "2024-06-25"
    assert {p["party"]["country"] for p in by_doc["r1"]["participants"]} == {"CHN", "ZAF"}
    assert {p["party"]["name"] for p in by_doc["r2"]["participants"]} == {
        "Communist Party of China",
        "Communist Party of Vietnam",
    }
    claims = [json.loads(line) for line in invoke(store_url, "export", "claims").splitlines()]
    assert [(c["parties"], c["countries"], c["qualifier"]) for c in claims] == [(700, 170, "over")]
    table = list(csv.DictReader(io.StringIO(invoke(store_url, "export", "exchanges", "--format", "csv"))))
    assert {row["documents"] for row in table} >= {"r1", "r2"}


def test_re_extraction_replaces_machine_records_and_keeps_analysts(tmp_path: Path, store_url: str) -> None:
    ingest(tmp_path, store_url)
    engine = create_engine(store_url)
    with engine.begin() as connection:
        kept_id = connection.scalar(select(exchanges.c.id).order_by(exchanges.c.id).limit(1))
        connection.execute(update(exchanges).where(exchanges.c.id == kept_id).values(status="accepted"))
    summary = json.loads(invoke(store_url, "extract", "--json"))
    assert summary["exchanges"] == 2
    with engine.connect() as connection:
        statuses = dict(connection.execute(select(exchanges.c.id, exchanges.c.status)).all())
    engine.dispose()
    assert statuses[kept_id] == "accepted"
    assert len(statuses) == 2  # replaced, not added again


def test_a_near_duplicate_report_adds_its_evidence_to_the_same_records(
    tmp_path: Path, store_url: str
) -> None:
    # one party alone at a gathering: no second counterpart to match reports by, only the copied sentence
    story = (
        "The Communist Party of Vietnam hosted an international seminar of world political parties in Hanoi. "
        "The seminar discussed governance with more than 60 political parties from over 30 countries. "
        "It ended with a joint declaration on cooperation among the parties present and a visit to a school."
    )
    copy = "Breaking news | Latest | Home\n" + story + "\nShare this article"
    path = tmp_path / "copies.jsonl"
    rows = [{"id": "a", "date": "2024-06-27", "text": story}, {"id": "b", "date": "2024-07-15", "text": copy}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    summary = json.loads(invoke(store_url, "ingest", str(path), "--json"))
    assert summary["duplicate"] == 1
    (exchange,) = [json.loads(line) for line in invoke(store_url, "export", "exchanges").splitlines()]
    assert sorted(e["document_external_id"] for e in exchange["evidence"]) == ["a", "b"]
    (claim,) = [json.loads(line) for line in invoke(store_url, "export", "claims").splitlines()]
    assert sorted(e["document_external_id"] for e in claim["evidence"]) == ["a", "b"]
    json.loads(invoke(store_url, "extract", "--json"))  # re-extraction keeps one record of each
    assert len(invoke(store_url, "export", "exchanges").splitlines()) == 1
    assert len(invoke(store_url, "export", "claims").splitlines()) == 1


def test_a_reworded_undated_repost_joins_the_dated_report(tmp_path: Path, store_url: str) -> None:
    story = (
        "HANOI, June 25 -- The Communist Party of Vietnam held talks on Tuesday with a delegation of the "
        "African National Congress led by its secretary general. The two parties agreed to exchange "
        "experience in party building, cadre training and economic development in the coming years."
    )
    repost = "Repost from the party wire\n" + story.replace("June 25 --", "June 25 (Party Daily) --")
    path = tmp_path / "reposts.jsonl"
    rows = [{"id": "a", "date": "2024-06-27", "text": story}, {"id": "b", "text": repost}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert json.loads(invoke(store_url, "ingest", str(path), "--json"))["duplicate"] == 1
    (exchange,) = [json.loads(line) for line in invoke(store_url, "export", "exchanges").splitlines()]
    assert sorted(e["document_external_id"] for e in exchange["evidence"]) == ["a", "b"]
    assert (exchange["date"], exchange["date_source"]) == ("2024-06-25", "text")


def test_meetings_one_sentence_reports_with_each_counterpart_are_all_stored(
    tmp_path: Path, store_url: str
) -> None:
    # one span, one kind, two exchanges: neither may take the other's place in the store
    text = (
        "On Tuesday the Communist Party of Vietnam met separately with the African National Congress "
        "and the Communist Party of Cuba in Hanoi."
    )
    path = tmp_path / "separately.jsonl"
    path.write_text(json.dumps({"id": "s", "date": "2024-06-27", "text": text}), encoding="utf-8")
    assert json.loads(invoke(store_url, "ingest", str(path), "--json"))["extracted"]["exchanges"] == 2
    rows = [json.loads(line) for line in invoke(store_url, "export", "exchanges").splitlines()]
    pairs = sorted(sorted(p["party"]["country"] for p in row["participants"]) for row in rows)
    assert pairs == [["CUB", "VNM"], ["VNM", "ZAF"]]
    assert {row["evidence"][0]["start"] for row in rows} == {0}
    ids = {row["id"] for row in rows}
    invoke(store_url, "extract", "--json")
    assert {json.loads(line)["id"] for line in invoke(store_url, "export", "exchanges").splitlines()} == ids
