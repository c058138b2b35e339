"""`partynet report`: one party's network as a self-contained HTML page (and Markdown), with charts, a
world map, the top partners, the claims beside the evidence, and every figure linked to the exchanges
behind it. The figures are also written as report.json, so that each one can be checked by a query."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from partynet import __version__
from partynet.analysis import charts
from partynet.analysis.coverage import YearCoverage, check_claims, coverage
from partynet.analysis.model import ExchangeFact, NetworkData
from partynet.analysis.network import Period, graph, measures, within
from partynet.analysis.relations import RegularContactRule, relations, relations_of
from partynet.analysis.serialize import claim_check_json, coverage_json, measures_json

TOP_PARTNERS = 25
TOP_MEASURES = 15


@dataclass(frozen=True, slots=True)
class ReportFiles:
    html: Path
    markdown: Path
    data: Path


def report_data(data: NetworkData, party_id: str, period: Period, rule: RegularContactRule) -> dict[str, Any]:
    """Every figure of the report, with the ids of the exchanges behind each."""
    counted = within(data, period)
    found = relations(counted, rule)
    cov = coverage(counted, party_id, found, top=TOP_PARTNERS)
    mine = [e for e in counted.exchanges if party_id in e.party_ids]
    partners_of_country: dict[str, list[str]] = {}
    for relation in relations_of(found, party_id):
        if country := counted.country_of(relation.other(party_id)):
            partners_of_country.setdefault(country, []).append(relation.other(party_id))
    partners_by_country = Counter({iso3: len(members) for iso3, members in partners_of_country.items()})
    claims = [
        claim_check_json(c)
        for c in check_claims(data)  # a claim counts all evidence up to its date, not the period's only
        if c.claim.subject_id == party_id and _in_period(c.claim.as_of, period)
    ]
    return {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": __version__,
        "period": period.label(),
        "coverage": coverage_json(cov, rule),
        "regular_partners": sum(1 for r in found.values() if party_id in (r.a, r.b) and r.regular),
        "names": {p: counted.name_of(p) for e in mine for p in e.party_ids},
        "partners": [
            {
                "party_id": r.other(party_id),
                "name": counted.name_of(r.other(party_id)),
                "exchange_ids": r.exchange_ids,
            }
            for r in relations_of(found, party_id)
        ],
        "partners_by_country": dict(partners_by_country.most_common()),
        "partners_by_country_ids": partners_of_country,
        "country_names": {iso3: _country_name(counted, iso3) for iso3 in partners_by_country},
        "claims": claims,
        "measures": measures_json(measures(graph(counted, found))[:TOP_MEASURES]),
        "exchanges": [_exchange_json(e, counted) for e in sorted(mine, key=lambda e: (e.date or "", e.id))],
    }


def _in_period(as_of: str | None, period: Period) -> bool:
    return as_of is None or period.holds(int(as_of[:4]))


def _country_name(data: NetworkData, iso3: str) -> str:
    country = data.countries.get(iso3)
    return country.name if country else iso3


def _exchange_json(exchange: ExchangeFact, data: NetworkData) -> dict[str, Any]:
    return {
        "id": exchange.id,
        "date": exchange.date,
        "kind": exchange.kind,
        "status": exchange.status,
        "mechanism": data.mechanisms[exchange.mechanism_id].name
        if exchange.mechanism_id in data.mechanisms
        else None,
        "participants": [
            {"id": p.party_id, "name": data.name_of(p.party_id), "role": p.role}
            for p in exchange.participants
        ],
        "sources": [
            {"document_id": s.document_id, "title": s.title, "url": s.url, "text": s.text}
            for s in exchange.sources
        ],
    }


def write_report(report: dict[str, Any], out_dir: Path) -> ReportFiles:
    """report.html (self-contained), report.md (charts as SVG files beside it) and report.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    years = _years_back(report)
    svg = {
        "coverage": charts.coverage_chart(years),
        "kinds": charts.kinds_chart(years),
        "regions": charts.regions_chart(report["coverage"]["by_region"]),
        "map": charts.world_map(report["partners_by_country"]),
    }
    chart_dir = out_dir / "charts"
    chart_dir.mkdir(exist_ok=True)
    for name, content in svg.items():
        (chart_dir / f"{name}.svg").write_text(content, encoding="utf-8")
    environment = Environment(
        loader=PackageLoader("partynet.analysis", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    files = ReportFiles(out_dir / "report.html", out_dir / "report.md", out_dir / "report.json")
    files.html.write_text(environment.get_template("report.html").render(r=report, svg=svg), encoding="utf-8")
    files.markdown.write_text(environment.get_template("report.md").render(r=report), encoding="utf-8")
    files.data.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return files


def _years_back(report: dict[str, Any]) -> list[YearCoverage]:
    """The per-year rows as objects again, for the chart functions."""
    return [YearCoverage(**row) for row in report["coverage"]["years"]]
