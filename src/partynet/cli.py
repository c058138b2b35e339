"""The `partynet` command: a thin driver over the stages and the store."""

from __future__ import annotations

import csv
import json
import logging
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from importlib.resources import as_file, files
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table

from partynet import __version__
from partynet.analysis.files import TABLE_FORMATS, write_graph, write_tables
from partynet.analysis.network import Period, graph
from partynet.analysis.report import report_data, write_report
from partynet.cli_analysis import load as load_network_for
from partynet.cli_analysis import register as register_analysis
from partynet.cli_common import Context, err, load_registry_for, open_store, settings_of
from partynet.cli_output import counted, print_extracted, print_summary, progress_bar
from partynet.cli_registry import registry_app
from partynet.cli_serve import register as register_serve
from partynet.cli_spark import register as register_spark
from partynet.domain import IngestSummary, SourceFormat
from partynet.evaluate import evaluate
from partynet.extract.export import (
    CLAIM_CSV_FIELDS,
    EXCHANGE_CSV_FIELDS,
    MENTION_FIELDS,
    claim_csv,
    claim_json,
    exchange_csv,
    exchange_json,
    mention_json,
)
from partynet.extract.run import ExtractSummary, extract_stored, ingest_with_extraction
from partynet.ingest.pipeline import IngestOptions
from partynet.ingest.readers import ReadOptions
from partynet.registry.link import Linker
from partynet.settings import Settings, db_url_from, settings_from_env
from partynet.store.backup import BackupError, backup, restore
from partynet.store.errors import StoreError
from partynet.store.extractions import EXTRACTABLE, Extractions
from partynet.store.repository import EXPORT_FIELDS, Store

app = typer.Typer(
    help="Map party-to-party diplomacy from news reports.", no_args_is_help=True, add_completion=False
)
export_app = typer.Typer(help="Write stored records out as JSONL or CSV.", no_args_is_help=True)
db_app = typer.Typer(help="Inspect and migrate the store.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(db_app, name="db")
app.add_typer(registry_app, name="registry")
register_analysis(app)
register_serve(app)
register_spark(app)


class FormatChoice(StrEnum):
    AUTO = "auto"
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    JSON = "json"
    FEED = "feed"
    WARC = "warc"


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


FormatOption = Annotated[ExportFormat, typer.Option("--format", help="jsonl or csv")]
OutOption = Annotated[Path | None, typer.Option("--out", help="file to write (default: standard output)")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")]


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", help="store: SQLAlchemy URL or SQLite file (env PARTYNET_DB)")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="log what each stage does")] = False,
) -> None:
    """partynet: ingest reports, then query, export and serve the network they describe."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = Context(settings_from_env(db_url=db_url_from(db) if db else None))


_INPUTS_HELP = (
    "files or directories (read recursively), recognised by content: text, HTML, saved pages (MHTML), "
    "JSON Lines, RSS/Atom, WARC and ARC archives, compressed or not, zip archives (WACZ too)"
)


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help=_INPUTS_HELP)],
    fmt: Annotated[
        FormatChoice, typer.Option("--format", help="force a format instead of recognising it")
    ] = (FormatChoice.AUTO),
    as_json: Annotated[bool, typer.Option("--json", help="print the run summary as JSON")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar, no table")] = False,
) -> None:
    """Read, clean, de-duplicate and store documents. Re-ingesting the same inputs changes nothing."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        err.print(f"[red]error:[/red] no such file or directory: {', '.join(missing)}")
        raise typer.Exit(2)
    settings = settings_of(ctx)
    summary, extracted = _run_ingest(
        settings, [str(p) for p in paths], fmt, show_progress=not quiet and not as_json
    )
    if as_json:
        typer.echo(
            json.dumps(summary.as_dict() | {"extracted": extracted.as_dict()}, ensure_ascii=False, indent=1)
        )
    elif not quiet:
        print_summary(summary)
        print_extracted(extracted)


def _run_ingest(
    settings: Settings, paths: list[str], fmt: FormatChoice, *, show_progress: bool
) -> tuple[IngestSummary, ExtractSummary]:
    force = None if fmt is FormatChoice.AUTO else SourceFormat(fmt.value)
    read = ReadOptions(
        force_format=force,
        max_document_bytes=settings.max_document_bytes,
        max_decompressed_ratio=settings.max_decompressed_ratio,
    )
    options = IngestOptions.from_settings(settings, read=read)
    linker = Linker(load_registry_for(settings))
    with open_store(settings) as store, progress_bar(enabled=show_progress) as advance:
        return ingest_with_extraction(paths, store, options, linker, progress=advance)


@export_app.command("documents")
def export_documents(
    ctx: typer.Context,
    fmt: FormatOption = ExportFormat.JSONL,
    out: OutOption = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="only these statuses (repeatable)")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Every stored document with its provenance, status and clean text."""
    with open_store(settings_of(ctx)) as store, _output(out) as stream:
        rows = store.iter_documents(status)
        fields = (*EXPORT_FIELDS, "status_reason")
        total = store.count_documents(status)
        _write_records(stream, fmt, rows, fields, dict, progress=not quiet, total=total)


@export_app.command("exchanges")
def export_exchanges(
    ctx: typer.Context,
    fmt: FormatOption = ExportFormat.JSONL,
    out: OutOption = None,
    quiet: QuietOption = False,
) -> None:
    """Every exchange with its participants (registry entries), date, kind and evidence spans."""
    settings = settings_of(ctx)
    registry = load_registry_for(settings)
    with open_store(settings) as store, _output(out) as stream:
        rows = (exchange_json(row, registry) for row in Extractions(store).iter_exchanges())
        _write_records(stream, fmt, rows, EXCHANGE_CSV_FIELDS, exchange_csv, progress=not quiet)


@export_app.command("claims")
def export_claims(
    ctx: typer.Context,
    fmt: FormatOption = ExportFormat.JSONL,
    out: OutOption = None,
    quiet: QuietOption = False,
) -> None:
    """Every aggregate claim ("more than 600 parties from 160 countries") with its evidence."""
    with open_store(settings_of(ctx)) as store, _output(out) as stream:
        rows = (claim_json(row) for row in Extractions(store).iter_claims())
        _write_records(stream, fmt, rows, CLAIM_CSV_FIELDS, claim_csv, progress=not quiet)


@export_app.command("mentions")
def export_mentions(
    ctx: typer.Context,
    fmt: FormatOption = ExportFormat.JSONL,
    out: OutOption = None,
    quiet: QuietOption = False,
) -> None:
    """Every party and named mechanism found in the stored documents: span, registry entry and reason."""
    with open_store(settings_of(ctx)) as store, _output(out) as stream:
        rows = (mention_json(row) for row in Extractions(store).iter_mentions())
        _write_records(stream, fmt, rows, MENTION_FIELDS, dict, progress=not quiet)


class NetworkFormat(StrEnum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    JSON = "json"
    CSV = "csv"
    PARQUET = "parquet"


@export_app.command("network")
def export_network(
    ctx: typer.Context,
    fmt: Annotated[
        NetworkFormat,
        typer.Option("--format", help="graphml, gexf or json: one file; csv or parquet: tables"),
    ] = NetworkFormat.GEXF,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="file (graphml, gexf, json; default: standard output) or directory (csv, "
            "parquet; default: ./network)",
        ),
    ] = None,
) -> None:
    """The party network: nodes (country, region, type, counts, first/last year), relations as edges
    (exchanges, kinds, strength, first/last contact, regular), GEXF with time intervals for Gephi's
    timeline; or CSV/Parquet tables of nodes, edges, exchanges, participants and parties."""
    net = load_network_for(settings_of(ctx))
    g = graph(net.data, net.relations())
    if fmt.value in TABLE_FORMATS:
        for path in write_tables(g, net.data, fmt.value, out or Path("network")):
            err.print(f"wrote {path}")
        return
    if out is not None:
        write_graph(g, fmt.value, out)
        err.print(f"wrote {out}: {g.number_of_nodes()} parties, {g.number_of_edges()} relations")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"network.{fmt.value}"
        write_graph(g, fmt.value, path)
        sys.stdout.write(path.read_text(encoding="utf-8"))


def _write_records(
    stream: TextIO,
    fmt: ExportFormat,
    rows: Iterable[dict[str, Any]],
    fields: tuple[str, ...],
    flat: Callable[[dict[str, Any]], dict[str, Any]],
    *,
    progress: bool,
    total: int | None = None,
) -> None:
    with progress_bar(enabled=progress, label="exporting", unit="records", total=total) as advance:
        rows = counted(rows, advance)
        if fmt is ExportFormat.JSONL:
            stream.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
            return
        writer = csv.DictWriter(stream, fieldnames=list(fields))
        writer.writeheader()
        writer.writerows(flat(row) for row in rows)


@app.command("extract")
def extract_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
    quiet: QuietOption = False,
) -> None:
    """Re-run extraction over the stored documents (after the extractor changed); analysts' records stay."""
    settings = settings_of(ctx)
    linker = Linker(load_registry_for(settings))
    with open_store(settings) as store:
        total = store.count_documents(EXTRACTABLE)
        bar = progress_bar(enabled=not quiet and not as_json, label="extracting", total=total)
        with bar as advance:
            summary = extract_stored(Extractions(store), linker, progress=advance)
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    else:
        print_extracted(summary)


@app.command("eval")
def eval_command(
    docs: Annotated[Path, typer.Option("--docs", help="documents, JSONL (id, url, lang, title, date, text)")],
    gold: Annotated[Path, typer.Option("--gold", help="gold annotations, JSONL, one line per document")],
    as_json: Annotated[bool, typer.Option("--json", help="print the metrics as JSON")] = False,
) -> None:
    """Ingest DOCS into a temporary store, extract, and score against GOLD (the corpus scorer's metrics)."""
    for path in (docs, gold):
        if not path.is_file():
            err.print(f"[red]error:[/red] no such file: {path}")
            raise typer.Exit(2)
    gold_rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings_from_env(db_url=f"sqlite:///{Path(tmp) / 'eval.db'}")
        _run_ingest(settings, [str(docs)], FormatChoice.JSONL, show_progress=False)
        registry = load_registry_for(settings)
        with open_store(settings) as store:
            extractions = Extractions(store)
            exchanges = [exchange_json(row, registry) for row in extractions.iter_exchanges()]
            claims = [claim_json(row) for row in extractions.iter_claims()]
    metrics = evaluate(gold_rows, exchanges, claims)
    if as_json:
        typer.echo(json.dumps(metrics, ensure_ascii=False, indent=1))
        return
    for key, value in metrics.items():
        typer.echo(f"{key}: {value}")


@contextmanager
def _output(out: Path | None) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    with out.open("w", encoding="utf-8", newline="") as stream:
        yield stream


@app.command("demo")
def demo(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
    report_dir: Annotated[
        Path, typer.Option("--report", help="directory for the HTML report of the demo network")
    ] = Path("partynet-report"),
) -> None:
    """Ingest the demo reports shipped with partynet, print what the store now holds, and write the
    report of the network they describe."""
    settings = settings_of(ctx)
    with as_file(files("partynet") / "demo") as demo_dir:
        summary, extracted = _run_ingest(
            settings, [str(demo_dir)], FormatChoice.AUTO, show_progress=not as_json
        )
    registry = load_registry_for(settings)
    with open_store(settings) as store:
        counts = store.document_counts()
        found = Extractions(store)
        exchanges = [exchange_json(row, registry) for row in found.iter_exchanges()]
        claims = [claim_json(row) for row in found.iter_claims()]
    net = load_network_for(settings)
    focal = net.focal(None)
    report = write_report(report_data(net.data, focal, Period(), net.rule), report_dir)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "run": summary.as_dict(),
                    "extracted": extracted.as_dict(),
                    "store": counts,
                    "exchanges": exchanges,
                    "claims": claims,
                    "report": str(report.html),
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    print_summary(summary)
    Console().print(
        f"store {settings.db_url}: {counts['documents']} documents, by status {counts['by_status']}, "
        f"kept by language {counts['kept_by_language']}"
    )
    _print_network(exchanges, claims)
    Console().print(f"report of the network of {net.data.name_of(focal)}: [bold]{report.html}[/bold]")


def _print_network(exchanges: list[dict[str, Any]], claims: list[dict[str, Any]]) -> None:
    table = Table("date", "kind", "participants", "source", title=f"{len(exchanges)} exchanges")
    for ex in sorted(exchanges, key=lambda e: e["date"] or ""):
        names = ", ".join(
            f"{p['party']['name']} ({p['party']['country'] or 'intl'})"
            for p in ex["participants"]
            if p["party"]
        )
        first = ex["evidence"][0]
        table.add_row(
            ex["date"] or "-", ex["kind"], names, first["document_external_id"] or first["document_source"]
        )
    Console().print(table)
    for claim in claims:
        qualifier = f"{claim['qualifier']} " if claim["qualifier"] else ""
        countries = f" from {claim['countries']} countries" if claim["countries"] else ""
        Console().print(
            f"claim: {qualifier}{claim['parties']} parties{countries} - {claim['evidence'][0]['text']}"
        )


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Bring the store's schema to the newest migration (every command also does this on open)."""
    with open_store(settings_of(ctx)) as store:
        current, head = store.schema_revision()
    typer.echo(f"schema at {current} (newest {head})")


@db_app.command("check")
def db_check(ctx: typer.Context) -> None:
    """Say whether the store's schema is current, without changing it; exit 1 if it is not."""
    settings = settings_of(ctx)
    try:
        store = Store(settings.db_url)
        current, head = store.schema_revision()
        store.close()
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    typer.echo(f"schema at {current} (newest {head})")
    if current != head:
        raise typer.Exit(1)


@db_app.command("backup")
def db_backup(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help="file to write (gzip-compressed JSON Lines)")],
) -> None:
    """Write the whole store to a portable file that `db restore` loads into SQLite or PostgreSQL."""
    with open_store(settings_of(ctx)) as store:
        counts = backup(store, out)
    typer.echo(f"wrote {out}: {sum(counts.values())} rows of {len(counts)} tables")


@db_app.command("restore")
def db_restore(
    ctx: typer.Context, source: Annotated[Path, typer.Argument(help="a file written by `partynet db backup`")]
) -> None:
    """Load a backup into the store named by --db, which must be empty (any engine)."""
    with open_store(settings_of(ctx)) as store:
        try:
            counts = restore(store, source)
        except BackupError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    typer.echo(f"restored {sum(counts.values())} rows of {len(counts)} tables from {source}")


@app.command("version")
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
