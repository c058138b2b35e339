"""The network files read back with the tools analysts use, and the report's figures equal direct
queries of the store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from partynet.analysis.files import write_graph, write_tables
from partynet.analysis.network import Period, change, graph, measures
from partynet.cli import app
from partynet.store.network import load_network
from partynet.store.repository import Store
from partynet.store.schema import exchanges, participants
from tests.analysis.builder import Built
from tests.analysis.test_network_figures import COUNTED, scenario

runner = CliRunner()


@pytest.fixture
def built_store(store_url: str) -> str:
    scenario().write(store_url).close()
    return store_url


def test_graphml_gexf_and_json_read_back_with_the_same_nodes_and_edges(
    built_store: str, tmp_path: Path
) -> None:
    store = Store.open(built_store)
    data = load_network(store, COUNTED)
    store.close()
    g = graph(data)
    assert (g.number_of_nodes(), g.number_of_edges()) == (8, 9)
    for fmt in ("graphml", "gexf", "json"):
        write_graph(g, fmt, tmp_path / f"n.{fmt}")
    graphml = nx.read_graphml(tmp_path / "n.graphml")
    gexf = nx.read_gexf(tmp_path / "n.gexf")
    linked = nx.node_link_graph(json.loads((tmp_path / "n.json").read_text(encoding="utf-8")), edges="edges")
    for back in (graphml, gexf, linked):
        assert (back.number_of_nodes(), back.number_of_edges()) == (8, 9)
    assert graphml.edges["A", "B"]["exchanges"] == 3
    assert graphml.nodes["B"]["country"] == "VNM"
    text = (tmp_path / "n.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text
    assert 'timeformat="date"' in text
    assert gexf.nodes["A"]["start"] == "2019-03-01", "A's first dated contact"
    assert gexf.nodes["C"]["end"] == "2019-05-31", "a month-precision contact lasts to the month's end"
    assert gexf.edges["A", "B"]["end"] == "2020-06-01"


def test_tables_load_in_pandas_as_they_are(built_store: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", built_store, "export", "network", "--format", "parquet", "--out",
                                 str(tmp_path / "pq")])  # fmt: skip
    assert result.exit_code == 0, result.output
    edges = pd.read_parquet(tmp_path / "pq" / "edges.parquet")
    assert len(edges) == 9
    assert set(edges.columns) >= {"source", "target", "exchanges", "weight", "regular", "first_year"}
    assert len(pd.read_parquet(tmp_path / "pq" / "exchanges.parquet")) == 8, "e7 was rejected"
    store = Store.open(built_store)
    data = load_network(store, COUNTED)
    store.close()
    write_tables(graph(data), data, "csv", tmp_path / "csv")
    assert len(pd.read_csv(tmp_path / "csv" / "participants.csv")) == 19, "8 counted exchanges, 19 seats"


def test_unknown_format_is_refused_with_a_clear_message(built_store: str) -> None:
    result = runner.invoke(app, ["--db", built_store, "export", "network", "--format", "xlsx"])
    assert result.exit_code != 0
    assert "xlsx" in result.output


def test_measures_and_change_between_two_periods(built_store: str) -> None:
    store = Store.open(built_store)
    data = load_network(store, COUNTED)
    store.close()
    top = measures(graph(data))[0]
    assert top.party_id == "A"
    assert top.degree == 5
    found = change(data, Period(2019, 2019), Period(2020, 2021))
    assert found.new_partnerships == [("A", "D"), ("A", "E"), ("E", "F"), ("E", "G"), ("F", "G")]
    assert found.lapsed_partnerships == [("A", "C")]


def test_cli_coverage_relations_and_claims_json(built_store: str) -> None:
    cov = json.loads(runner.invoke(app, ["--db", built_store, "coverage", "--json"]).output)
    assert cov["party"]["id"] == "A"
    assert [(y["year"], y["partners"], y["cumulative_countries"]) for y in cov["years"]] == [
        (2019, 2, 2),
        (2020, 3, 4),
    ]
    assert cov["years"][1]["kinds"] == {"call": 1, "conference": 1}
    rel = json.loads(runner.invoke(app, ["--db", built_store, "relations", "--party", "B", "--json"]).output)
    assert [(r["a"], r["b"], r["regular"]) for r in rel["relations"]] == [("A", "B", True), ("B", "H", False)]
    claims = json.loads(runner.invoke(app, ["--db", built_store, "claims", "check", "--json"]).output)[
        "claims"
    ]
    k1 = next(c for c in claims if c["id"] == "k1")
    assert k1["gap"] == {"partners": 8, "countries": 6}
    missing = runner.invoke(app, ["--db", built_store, "coverage", "--party", "Nobody"])
    assert missing.exit_code == 2
    assert "no party" in missing.output


def test_report_figures_equal_direct_queries(built_store: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", built_store, "report", "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    # the same figures straight from the tables: A's counted exchanges, per year, and the others in them
    store = Store.open(built_store)
    stands_for = {"Abody": "A", "B2": "B"}
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(exchanges.c.id, exchanges.c.date, participants.c.party_id)
            .join(participants, participants.c.exchange_id == exchanges.c.id)
            .where(exchanges.c.status != "rejected")
        ).all()
    store.close()
    members: dict[str, set[str]] = {}
    for exchange_id, _, party in rows:
        members.setdefault(exchange_id, set()).add(stands_for.get(party, party))
    mine = {e for e, m in members.items() if "A" in m}
    partners = set().union(*(members[e] for e in mine)) - {"A"}  # A hosts all its gatherings here
    dates = {e: d for e, d, _ in rows}
    totals = report["coverage"]["totals"]
    assert totals["exchanges"] == len(mine)
    assert totals["partners"] == len(partners)
    for year in report["coverage"]["years"]:
        assert year["exchanges"] == sum(1 for e in mine if (dates[e] or "").startswith(str(year["year"])))
    assert f'id="fig-partners" href="#partners">{len(partners)}<' in html
    assert f'id="fig-exchanges" href="#exchanges">{len(mine)}<' in html
    for exchange_id in mine:
        assert f'id="ex-{exchange_id}"' in html, "every counted exchange is listed with its evidence"
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|url\(\s*['\"]?https?:|@import", html), (
        "the report loads nothing from the web"
    )
    assert (tmp_path / "r" / "report.md").read_text(encoding="utf-8").startswith("# Party A")


def test_a_store_without_exchanges_says_so(store_url: str, tmp_path: Path) -> None:
    Built().party("A", "CHN").write(store_url).close()
    result = runner.invoke(app, ["--db", store_url, "report", "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert "no exchanges" in result.output
