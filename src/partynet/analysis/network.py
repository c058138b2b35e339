"""The party network as a graph: measures (igraph for the heavy ones), ego networks, change between two
periods, and the graph files analysts open in Gephi, Cytoscape or pandas.

Nodes are parties (and non-party organisations) that some relation links; edges are relations
(relations.py). Time: a node or an edge is present from its first year of contact to its last, which
GEXF writes as intervals so that Gephi's timeline can replay the network.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, TypeAlias

import igraph
import networkx as nx

from partynet.analysis.model import NetworkData
from partynet.analysis.relations import RegularContactRule, Relation, relations

PartyGraph: TypeAlias = "nx.Graph[str]"  # nodes are party ids


@dataclass(frozen=True, slots=True)
class Period:
    start: int | None = None  # first and last year included; None: open
    end: int | None = None

    def holds(self, year: int | None) -> bool:
        if year is None:
            return self.start is None and self.end is None  # undated exchanges belong to no period
        return (self.start is None or year >= self.start) and (self.end is None or year <= self.end)

    def label(self) -> str:
        if self.start is None and self.end is None:
            return "all years"
        return f"{self.start or '…'}–{self.end or '…'}"


def within(data: NetworkData, period: Period) -> NetworkData:
    """The data restricted to the exchanges of a period."""
    return replace(data, exchanges=[e for e in data.exchanges if period.holds(e.year)])


def graph(data: NetworkData, all_relations: dict[tuple[str, str], Relation] | None = None) -> PartyGraph:
    """An undirected weighted graph of the relations, with the attributes the exports carry."""
    all_relations = relations(data) if all_relations is None else all_relations
    g: PartyGraph = nx.Graph()
    for relation in all_relations.values():
        for party_id in (relation.a, relation.b):
            if party_id not in g:
                g.add_node(party_id, **_node_attributes(data, party_id))
        g.add_edge(relation.a, relation.b, **_edge_attributes(relation))
    _add_time_spans(g)
    return g


def _node_attributes(data: NetworkData, party_id: str) -> dict[str, Any]:
    party = data.parties.get(party_id)
    country = data.countries.get(party.country or "") if party else None
    return {
        "label": party.name if party else party_id,
        "country": (party.country if party else None) or "",
        "continent": (country.continent if country else None) or "",
        "region": (country.region if country else None) or "",
        "type": party.type if party else "party",
    }


def _edge_attributes(relation: Relation) -> dict[str, Any]:
    return {
        "exchanges": relation.exchanges,
        "weight": relation.strength,
        "first": relation.first or "",
        "last": relation.last or "",
        "regular": relation.regular,
        "kinds": ";".join(f"{kind}:{n}" for kind, n in sorted(relation.kinds.items())),
        "first_year": min(relation.years) if relation.years else None,
        "last_year": max(relation.years) if relation.years else None,
    }


def _add_time_spans(g: PartyGraph) -> None:
    """Node counts and years from their edges: a node is in the network from its first contact."""
    for node in g.nodes:
        edges = [g.edges[node, other] for other in g.neighbors(node)]
        years = [y for e in edges for y in (e["first_year"], e["last_year"]) if y is not None]
        g.nodes[node]["exchanges"] = sum(e["exchanges"] for e in edges)
        g.nodes[node]["partners"] = len(edges)
        g.nodes[node]["first_year"] = min(years) if years else None
        g.nodes[node]["last_year"] = max(years) if years else None


@dataclass(slots=True)
class NodeMeasures:
    party_id: str
    name: str
    country: str
    degree: int
    weighted_degree: float
    betweenness: float
    pagerank: float
    community: int


def measures(g: PartyGraph) -> list[NodeMeasures]:
    """Degree, weighted degree, normalised betweenness, PageRank and modularity communities (igraph's
    multilevel method, i.e. Louvain), per node, highest PageRank first."""
    if g.number_of_nodes() == 0:
        return []
    nodes = list(g.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in g.edges])
    weights = [float(g.edges[a, b]["weight"]) for a, b in g.edges]
    ig.es["weight"] = weights
    pagerank = ig.pagerank(weights="weight")
    # betweenness over shortest paths where a stronger tie is a shorter one
    betweenness = ig.betweenness(weights=[1.0 / w if w > 0 else 1.0 for w in weights])
    pairs = (len(nodes) - 1) * (len(nodes) - 2) / 2 or 1
    communities = ig.community_multilevel(weights="weight").membership if ig.ecount() else [0] * len(nodes)
    rows = [
        NodeMeasures(
            party_id=node,
            name=str(g.nodes[node].get("label", node)),
            country=str(g.nodes[node].get("country", "")),
            degree=int(g.degree(node)),
            weighted_degree=round(float(g.degree(node, weight="weight")), 3),
            betweenness=round(betweenness[i] / pairs, 6),
            pagerank=round(pagerank[i], 6),
            community=communities[i],
        )
        for i, node in enumerate(nodes)
    ]
    return sorted(rows, key=lambda r: (-r.pagerank, r.party_id))


def ego(g: PartyGraph, party_id: str, radius: int = 1) -> PartyGraph:
    """A party, its partners (and theirs, for radius 2), and the relations among them."""
    if party_id not in g:
        return nx.Graph()
    ego_graph: PartyGraph = nx.ego_graph(g, party_id, radius=radius)
    return ego_graph


@dataclass(slots=True)
class PeriodChange:
    before: str
    after: str
    nodes_before: int
    nodes_after: int
    edges_before: int
    edges_after: int
    new_partnerships: list[tuple[str, str]]
    lapsed_partnerships: list[tuple[str, str]]
    degree_change: list[tuple[str, int, int]]  # party, degree before, degree after: largest change first


def change(
    data: NetworkData, before: Period, after: Period, rule: RegularContactRule | None = None
) -> PeriodChange:
    """How the network of one period differs from that of another."""
    g1 = graph(within(data, before), relations(within(data, before), rule))
    g2 = graph(within(data, after), relations(within(data, after), rule))
    e1 = {tuple(sorted(e)) for e in g1.edges}
    e2 = {tuple(sorted(e)) for e in g2.edges}
    parties = set(g1.nodes) | set(g2.nodes)
    degrees = [(p, int(g1.degree(p)) if p in g1 else 0, int(g2.degree(p)) if p in g2 else 0) for p in parties]
    return PeriodChange(
        before=before.label(),
        after=after.label(),
        nodes_before=g1.number_of_nodes(),
        nodes_after=g2.number_of_nodes(),
        edges_before=g1.number_of_edges(),
        edges_after=g2.number_of_edges(),
        new_partnerships=sorted((a, b) for a, b in e2 - e1),
        lapsed_partnerships=sorted((a, b) for a, b in e1 - e2),
        degree_change=sorted(degrees, key=lambda d: (-abs(d[2] - d[1]), d[0])),
    )
