"""`partynet coverage|relations|network|claims check`: the network the store's evidence supports."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from partynet.analysis.coverage import check_claims, coverage
from partynet.analysis.model import NetworkData
from partynet.analysis.network import Period, change, ego, graph, measures, within
from partynet.analysis.relations import (
    RegularContactRule,
    Relation,
    most_active,
    relations,
)
from partynet.analysis.report import report_data, write_report
from partynet.analysis.serialize import (
    change_json,
    claim_check_json,
    coverage_json,
    measures_json,
    relations_report,
)
from partynet.cli_common import err, load_registry_for, open_store, settings_of
from partynet.registry.registry import Registry
from partynet.settings import Settings
from partynet.store.network import load_network

claims_app = typer.Typer(help="Network-size claims beside the evidence.", no_args_is_help=True)

PartyOption = Annotated[
    str | None, typer.Option("--party", help="registry id or exact name (default: the most active party)")
]
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON")]
FromOption = Annotated[int | None, typer.Option("--from", help="first year counted")]
ToOption = Annotated[int | None, typer.Option("--to", help="last year counted")]


@dataclass(slots=True)
class Network:
    """The counted network of the store, with the registry and the regular-contact rule."""

    data: NetworkData
    registry: Registry
    rule: RegularContactRule

    def relations(self) -> dict[tuple[str, str], Relation]:
        return relations(self.data, self.rule)

    def focal(self, party: str | None) -> str:
        """The party asked for (id or exact name), or the party with most exchanges."""
        if party is None:
            found = most_active(self.data)
            if found is None:
                err.print("[red]error:[/red] the store holds no exchanges yet: ingest some reports first")
                raise typer.Exit(1)
            return found
        return resolve_party(self.registry, self.data, party)


def load(settings: Settings, period: Period | None = None) -> Network:
    registry = load_registry_for(settings)
    with open_store(settings) as store:
        data = load_network(store, settings.relation_statuses, registry)
    rule = RegularContactRule.from_settings(settings)
    return Network(within(data, period) if period else data, registry, rule)


def resolve_party(registry: Registry, data: NetworkData, given: str) -> str:
    """A registry id, or a name or abbreviation written exactly (case aside), as the registry holds it."""
    if given in registry.by_id:
        return registry.canonical_id(given)
    wanted = given.casefold()
    matches = {
        registry.canonical_id(p.id)
        for p in registry.parties
        if wanted in (p.name.casefold(), (p.abbreviation or "").casefold(), (p.name_zh or "").casefold())
    }
    in_data = sorted(m for m in matches if m in data.parties) or sorted(matches)
    if not in_data:
        err.print(f"[red]error:[/red] no party {given!r} in the registry (try `partynet registry search`)")
        raise typer.Exit(2)
    if len(in_data) > 1:
        err.print(f"[red]error:[/red] {given!r} names several parties: {', '.join(in_data)}; give an id")
        raise typer.Exit(2)
    return in_data[0]


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage_command)
    app.command("relations")(relations_command)
    app.command("network")(network_command)
    app.command("report")(report_command)
    app.add_typer(claims_app, name="claims")


def coverage_command(ctx: typer.Context, party: PartyOption = None, as_json: JsonOption = False) -> None:
    """Per year: distinct partners, parties and countries in contact, cumulative, exchanges by kind."""
    net = load(settings_of(ctx))
    focal = net.focal(party)
    result = coverage_json(coverage(net.data, focal, net.relations()), net.rule)
    if as_json:
        _print_json(result)
        return
    totals = result["totals"]
    table = Table(
        "year", "exchanges", "partners", "parties", "countries", "cumulative partners",
        "cumulative countries", "new", "kinds",
        title=f"{result['party']['name']} ({focal}): {totals['partners']} partners in "
        f"{totals['countries']} countries, {totals['exchanges']} exchanges",
    )  # fmt: skip
    for year in result["years"]:
        table.add_row(
            str(year["year"]), str(year["exchanges"]), str(year["partners"]), str(year["parties"]),
            str(year["countries"]), str(year["cumulative_partners"]), str(year["cumulative_countries"]),
            str(len(year["new_partners"])), _counts(year["kinds"]),
        )  # fmt: skip
    console = Console()
    console.print(table)
    console.print(
        f"undated exchanges: {totals['undated_exchanges']}; by continent: {_counts(result['by_continent'])}"
    )


def relations_command(
    ctx: typer.Context,
    party: Annotated[
        str | None, typer.Option("--party", help="only this party's relations (id or name)")
    ] = None,
    regular_only: Annotated[bool, typer.Option("--regular", help="only pairs in regular contact")] = False,
    as_json: JsonOption = False,
) -> None:
    """Pairs of parties in contact: first and last contact, exchanges by kind, strength, regular or not."""
    net = load(settings_of(ctx))
    focal = resolve_party(net.registry, net.data, party) if party else None
    result = relations_report(net.data, net.rule, focal, regular_only=regular_only)
    if as_json:
        _print_json(result)
        return
    table = Table("party", "party", "exchanges", "kinds", "first", "last", "strength", "regular",
                  title=f"{len(result['relations'])} relations")  # fmt: skip
    for r in result["relations"]:
        table.add_row(
            r["a_name"], r["b_name"], str(r["exchanges"]), _counts(r["kinds"]), r["first"] or "-",
            r["last"] or "-", f"{r['strength']:g}", "yes" if r["regular"] else "",
        )  # fmt: skip
    Console().print(table)


def network_command(
    ctx: typer.Context,
    start: FromOption = None,
    end: ToOption = None,
    party: Annotated[str | None, typer.Option("--party", help="the ego network of this party")] = None,
    radius: Annotated[int, typer.Option("--radius", help="ego network radius")] = 1,
    compare: Annotated[
        str | None, typer.Option("--compare", help="another period FROM-TO to compare --from/--to with")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="rows to print")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Degree, weighted degree, betweenness, PageRank, communities; ego networks; change between periods."""
    settings = settings_of(ctx)
    period = Period(start, end)
    net = load(settings)
    data = within(net.data, period)
    g = graph(data, relations(data, net.rule))
    if party:
        g = ego(g, resolve_party(net.registry, net.data, party), radius)
    rows = measures(g)
    result: dict[str, Any] = {
        "period": period.label(),
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "communities": len({r.community for r in rows}),
        "measures": measures_json(rows),
    }
    if compare:
        result["change"] = change_json(change(net.data, _period(compare), period, net.rule))
    if as_json:
        _print_json(result)
        return
    table = Table("party", "country", "degree", "weighted", "betweenness", "pagerank", "community",
                  title=f"{result['nodes']} parties, {result['edges']} relations, {result['communities']} "
                  f"communities ({result['period']})")  # fmt: skip
    for r in rows[:top]:
        table.add_row(r.name, r.country, str(r.degree), f"{r.weighted_degree:g}", f"{r.betweenness:.4f}",
                      f"{r.pagerank:.4f}", str(r.community))  # fmt: skip
    Console().print(table)
    if "change" in result:
        c = result["change"]
        Console().print(
            f"{c['before']} → {c['after']}: parties {c['nodes_before']} → {c['nodes_after']}, relations "
            f"{c['edges_before']} → {c['edges_after']}, {len(c['new_partnerships'])} new, "
            f"{len(c['lapsed_partnerships'])} lapsed"
        )


def report_command(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", help="directory to write report.html, report.md, report.json")
    ],
    party: PartyOption = None,
    start: FromOption = None,
    end: ToOption = None,
) -> None:
    """A self-contained HTML report (and Markdown) of one party's network: coverage, kinds and regions
    charts, a world map, top partners, claims beside the evidence, every figure linked to its exchanges."""
    net = load(settings_of(ctx))
    focal = net.focal(party)
    written = write_report(report_data(net.data, focal, Period(start, end), net.rule), out)
    typer.echo(f"report of {net.data.name_of(focal)}: {written.html} (also {written.markdown.name}, "
               f"{written.data.name})")  # fmt: skip


def _period(text: str) -> Period:
    try:
        first, _, last = text.partition("-")
        return Period(int(first) if first else None, int(last) if last else None)
    except ValueError as exc:
        err.print(f"[red]error:[/red] a period is FROM-TO in years, e.g. 2013-2017, not {text!r}")
        raise typer.Exit(2) from exc


@claims_app.command("check")
def claims_check_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Every stated claim beside what the stored evidence supports for the same party and date."""
    net = load(settings_of(ctx))
    rows = [claim_check_json(c) for c in check_claims(net.data)]
    if as_json:
        _print_json({"claims": rows})
        return
    table = Table("subject", "as of", "claimed parties", "supported", "gap", "claimed countries",
                  "supported", "gap", title=f"{len(rows)} claims")  # fmt: skip
    for row in rows:
        claimed, supported, gap = row["claimed"], row["supported"], row["gap"]
        table.add_row(
            row["subject"] or "-", claimed["as_of"] or "-", _n(claimed["parties"]), _n(supported["partners"]),
            _n(gap["partners"]), _n(claimed["countries"]), _n(supported["countries"]), _n(gap["countries"]),
        )  # fmt: skip
    Console().print(table)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def _n(value: int | None) -> str:
    return "-" if value is None else str(value)


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=1))
