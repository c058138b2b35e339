"""The network and its tables as files: GraphML, GEXF (with time intervals), node-link JSON, and
CSV or Parquet tables (nodes, edges, exchanges, participants, parties) that load in pandas or polars
as they are."""

from __future__ import annotations

import csv
import json
from calendar import monthrange
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

from partynet.analysis.model import NetworkData
from partynet.analysis.network import PartyGraph

GRAPH_FORMATS = ("graphml", "gexf", "json")
TABLE_FORMATS = ("csv", "parquet")


def write_graph(g: PartyGraph, fmt: str, out: Path) -> None:
    """One graph file. Missing values are left out of an element (GraphML and GEXF have no null)."""
    clean = _without_missing(g)
    if fmt == "graphml":
        nx.write_graphml(clean, out)
    elif fmt == "gexf":
        nx.write_gexf(_timed(clean), out)
    elif fmt == "json":
        out.write_text(json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1), "utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r}: choose one of {', '.join(GRAPH_FORMATS)}")


def _without_missing(g: PartyGraph) -> PartyGraph:
    clean: PartyGraph = nx.Graph()
    clean.add_nodes_from((n, {k: v for k, v in d.items() if v is not None}) for n, d in g.nodes(data=True))
    clean.add_edges_from(
        (a, b, {k: v for k, v in d.items() if v is not None}) for a, b, d in g.edges(data=True)
    )
    return clean


def _timed(g: PartyGraph) -> PartyGraph:
    """GEXF's dynamic mode: each edge present from its first contact to its last (as dates: Gephi's
    timeline reads timeformat "date"), each node from its first contact to its last with anyone."""
    timed = g.copy()
    timed.graph["mode"] = "dynamic"
    spans: dict[str, list[tuple[str, str]]] = {node: [] for node in timed.nodes}
    for a, b, data in timed.edges(data=True):
        if data.get("first") and data.get("last"):
            data["start"], data["end"] = _day(data["first"], start=True), _day(data["last"], start=False)
            spans[a].append((data["start"], data["end"]))
            spans[b].append((data["start"], data["end"]))
    for node, found in spans.items():
        if found:
            timed.nodes[node]["start"] = min(start for start, _ in found)
            timed.nodes[node]["end"] = max(end for _, end in found)
    return timed


def _day(value: str, *, start: bool) -> str:
    """A date of any precision as the first (or last) day it covers: "2024" -> 2024-01-01 (2024-12-31)."""
    if len(value) == len("2024"):
        return f"{value}-01-01" if start else f"{value}-12-31"
    if len(value) == len("2024-06"):
        if start:
            return f"{value}-01"
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-{monthrange(year, month)[1]:02d}"
    return value


def write_tables(g: PartyGraph, data: NetworkData, fmt: str, out_dir: Path) -> list[Path]:
    """nodes, edges, exchanges, participants and parties as CSV or Parquet files in `out_dir`."""
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown table format {fmt!r}: choose one of {', '.join(TABLE_FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = {
        "nodes": [{"id": n, **d} for n, d in g.nodes(data=True)],
        "edges": [{"source": a, "target": b, **d} for a, b, d in g.edges(data=True)],
        "exchanges": [
            {"id": e.id, "kind": e.kind, "date": e.date, "status": e.status, "mechanism_id": e.mechanism_id}
            for e in data.exchanges
        ],
        "participants": [
            {"exchange_id": e.id, "party_id": p.party_id, "role": p.role}
            for e in data.exchanges
            for p in e.participants
        ],
        "parties": [
            {"id": p.id, "name": p.name, "country": p.country, "type": p.type} for p in data.parties.values()
        ],
    }
    written = []
    for name, rows in tables.items():
        path = out_dir / f"{name}.{fmt}"
        (_write_csv if fmt == "csv" else _write_parquet)(rows, path, _COLUMNS[name])
        written.append(path)
    return written


_COLUMNS = {
    "nodes": ["id", "label", "country", "continent", "region", "type", "exchanges", "partners", "first_year",
              "last_year"],
    "edges": ["source", "target", "exchanges", "weight", "first", "last", "regular", "kinds", "first_year",
              "last_year"],
    "exchanges": ["id", "kind", "date", "status", "mechanism_id"],
    "participants": ["exchange_id", "party_id", "role"],
    "parties": ["id", "name", "country", "type"],
}  # fmt: skip


def _write_csv(rows: Iterable[dict[str, Any]], path: Path, columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path, columns: list[str]) -> None:
    rows = list(rows)
    table = pa.Table.from_pydict({c: [row.get(c) for row in rows] for c in columns})
    pq.write_table(table, path)
