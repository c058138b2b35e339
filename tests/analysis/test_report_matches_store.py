"""On the demo data and on the dev corpus: every headline and per-year figure of the report equals a
query of the store written here from scratch (the pair rule re-implemented over plain SQL rows)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from partynet.cli import app
from partynet.registry.file import load_registry
from partynet.store.repository import Store
from partynet.store.schema import exchanges, participants, parties
from tests.conftest import SHARED

runner = CliRunner()
DEV = SHARED / "corpus" / "dev" / "docs.jsonl"


def _figures_by_query(url: str, focal: str) -> dict[str, object]:
    registry = load_registry()
    store = Store.open(url)
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(
                exchanges.c.id,
                exchanges.c.kind,
                exchanges.c.date,
                participants.c.party_id,
                participants.c.role,
            )
            .join(participants, participants.c.exchange_id == exchanges.c.id)
            .where(exchanges.c.status != "rejected", participants.c.party_id.is_not(None))
        ).all()
        country = dict(connection.execute(select(parties.c.id, parties.c.country)).all())
    store.close()

    def party_of(pid: str) -> str:
        entry = registry.by_id.get(pid)
        return entry.parent if entry and entry.type.value == "party_body" and entry.parent else pid

    seats: dict[str, list[tuple[str, str]]] = defaultdict(list)
    kinds, dates = {}, {}
    for eid, kind, date, pid, role in rows:
        seats[eid].append((party_of(pid), role))
        kinds[eid], dates[eid] = kind, date
    partners_in: dict[str, set[str]] = {}
    for eid, seated in seats.items():
        members = {p for p, _ in seated}
        if focal not in members:
            continue
        hosts = {p for p, role in seated if role in ("host", "sender")}
        hosted_gathering = kinds[eid] in ("conference", "briefing") and len(members) > 2 and hosts
        partners_in[eid] = members - {focal} if not hosted_gathering or focal in hosts else hosts - {focal}
    everyone = set().union(*partners_in.values())
    by_year: dict[int, set[str]] = defaultdict(set)
    count_by_year: dict[int, int] = defaultdict(int)
    for eid, partners in partners_in.items():
        if dates[eid]:
            by_year[int(dates[eid][:4])] |= partners
            count_by_year[int(dates[eid][:4])] += 1
    return {
        "exchanges": len(partners_in),
        "partners": len(everyone),
        "countries": len({country.get(p) for p in everyone} - {None}),
        "years": {y: (count_by_year[y], len(by_year[y])) for y in sorted(count_by_year)},
    }


def _check(report_dir: Path, url: str) -> None:
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    focal = report["coverage"]["party"]["id"]
    expected = _figures_by_query(url, focal)
    totals = report["coverage"]["totals"]
    assert (totals["exchanges"], totals["partners"], totals["countries"]) == (
        expected["exchanges"], expected["partners"], expected["countries"],
    )  # fmt: skip
    assert {y["year"]: (y["exchanges"], y["partners"]) for y in report["coverage"]["years"]} == expected[
        "years"
    ]
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    assert f'id="fig-partners" href="#partners">{expected["partners"]}<' in html


def test_demo_report_equals_direct_queries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = runner.invoke(app, ["--db", url, "demo", "--json", "--report", "out"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["report"] == str(Path("out") / "report.html")
    _check(tmp_path / "out", url)


@pytest.mark.skipif(not DEV.exists(), reason="the shared dev corpus is not beside this checkout")
def test_dev_corpus_report_equals_direct_queries(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'dev.db'}"
    assert runner.invoke(app, ["--db", url, "ingest", str(DEV), "--quiet"]).exit_code == 0
    assert runner.invoke(app, ["--db", url, "report", "--out", str(tmp_path / "r")]).exit_code == 0
    _check(tmp_path / "r", url)
    assert (tmp_path / "r" / "report.html").stat().st_size < 5_000_000
