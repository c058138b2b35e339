"""/api/relations, /api/coverage, /api/claims/check, /api/network, /api/statistics: the figures of the
analysis (analysis/), in the JSON shapes the CLI's --json prints."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy import func, select

from partynet.analysis.coverage import check_claims, coverage
from partynet.analysis.model import NetworkData
from partynet.analysis.network import Period, graph, measures, within
from partynet.analysis.relations import (
    RegularContactRule,
    most_active,
    relations,
)
from partynet.analysis.serialize import (
    claim_check_json,
    coverage_json,
    measures_json,
    relations_report,
)
from partynet.api.auth import viewer
from partynet.api.state import services
from partynet.store.schema import claims, documents, exchanges
from partynet.store.users import User

router = APIRouter(prefix="/api", tags=["network"])
Year = Annotated[int | None, Query(ge=1900, le=2100)]


def _network(
    request: Request, start: int | None = None, end: int | None = None
) -> tuple[NetworkData, RegularContactRule]:
    data, rule = services(request).network()
    return within(data, Period(start, end)), rule


def _focal(data: NetworkData, party: str | None) -> str:
    focal = party or most_active(data)
    if focal is None:
        raise HTTPException(404, "the store holds no exchanges yet")
    return focal


@router.get("/relations")
async def get_relations(
    request: Request,
    _: Annotated[User, Depends(viewer)],
    party: Annotated[str | None, Query(max_length=64)] = None,
    regular: bool = False,
    year_from: Annotated[Year, Query(alias="from")] = None,
    year_to: Annotated[Year, Query(alias="to")] = None,
) -> dict[str, Any]:
    data, rule = _network(request, year_from, year_to)
    return relations_report(data, rule, party, regular_only=regular)


@router.get("/coverage")
async def get_coverage(
    request: Request,
    _: Annotated[User, Depends(viewer)],
    party: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    data, rule = _network(request)
    return coverage_json(coverage(data, _focal(data, party), relations(data, rule)), rule)


@router.get("/claims/check")
async def get_claims_check(request: Request, _: Annotated[User, Depends(viewer)]) -> dict[str, Any]:
    data, _rule = _network(request)
    return {"claims": [claim_check_json(c) for c in check_claims(data)]}


@router.get("/network")
async def get_network(
    request: Request,
    _: Annotated[User, Depends(viewer)],
    year_from: Annotated[Year, Query(alias="from")] = None,
    year_to: Annotated[Year, Query(alias="to")] = None,
    region: Annotated[str | None, Query(max_length=64)] = None,
    kind: Annotated[str | None, Query(max_length=16)] = None,
) -> dict[str, Any]:
    """Nodes and edges for the graph view (with their measures), filtered by years, region and kind."""
    data, rule = _network(request, year_from, year_to)
    if kind:
        data.exchanges = [e for e in data.exchanges if e.kind == kind]
    g = graph(data, relations(data, rule))
    if region:
        g = g.subgraph(
            [n for n, d in g.nodes(data=True) if region in (d.get("region"), d.get("continent"))]
        ).copy()
    scores = {m.party_id: m for m in measures(g)}
    nodes = []
    for node, attributes in g.nodes(data=True):
        score = scores.get(node)
        extra = {"pagerank": score.pagerank, "community": score.community} if score else {}
        nodes.append({"id": node, **attributes, **extra})
    return {
        "nodes": nodes,
        "edges": [{"source": a, "target": b, **d} for a, b, d in g.edges(data=True)],
        "measures": measures_json(list(scores.values())[:50]),
    }


@router.get("/statistics")
async def get_statistics(request: Request, _: Annotated[User, Depends(viewer)]) -> dict[str, Any]:
    with services(request).store.engine.connect() as connection:
        by_status = _counts(connection, documents.c.status)
        exchange_status = _counts(connection, exchanges.c.status)
        by_kind = _counts(connection, exchanges.c.kind)
        claim_count = connection.scalar(select(func.count()).select_from(claims))
    return {"documents": by_status, "exchanges": exchange_status, "kinds": by_kind, "claims": claim_count}


def _counts(connection: Any, column: Any) -> dict[str, int]:
    return {
        str(value): int(n) for value, n in connection.execute(select(column, func.count()).group_by(column))
    }
