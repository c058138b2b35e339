"""The `partynet` command: a thin driver over the stages and the store."""

from __future__ import annotations

import csv
import getpass
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import as_file, files
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from sqlalchemy.engine import make_url

from partynet import __version__
from partynet.domain import IngestSummary, SourceFormat
from partynet.evaluate import evaluate
from partynet.extract.export import (
    CLAIM_CSV_FIELDS,
    EXCHANGE_CSV_FIELDS,
    claim_csv,
    claim_json,
    exchange_csv,
    exchange_json,
)
from partynet.extract.run import BatchExtractor, ExtractBatch, ExtractSummary, extract_stored
from partynet.ingest.pipeline import IngestOptions, ingest
from partynet.ingest.readers import ReadOptions
from partynet.registry.build import BuildInputs, RegistryInputError, build_registry
from partynet.registry.countries import CountryDataMissingError
from partynet.registry.extension import ExtensionError
from partynet.registry.file import RegistryFileError, load_registry, packaged_path, write_registry
from partynet.registry.link import Linker
from partynet.registry.model import Alias, AliasKind, Party, PartyType
from partynet.registry.present import candidate_json, new_party, party_json
from partynet.registry.registry import Registry
from partynet.settings import Settings, db_url_from, settings_from_env
from partynet.store.extractions import Extractions
from partynet.store.registry_edits import RegistryEditError, RegistryEdits
from partynet.store.repository import EXPORT_FIELDS, Store, StoreError

app = typer.Typer(
    help="Map party-to-party diplomacy from news reports.", no_args_is_help=True, add_completion=False
)
export_app = typer.Typer(help="Write stored records out as JSONL or CSV.", no_args_is_help=True)
db_app = typer.Typer(help="Inspect and migrate the store.", no_args_is_help=True)
registry_app = typer.Typer(
    help="The party registry: build, search, show, and analysts' edits.", no_args_is_help=True
)
app.add_typer(export_app, name="export")
app.add_typer(db_app, name="db")
app.add_typer(registry_app, name="registry")
err = Console(stderr=True)


class FormatChoice(StrEnum):
    AUTO = "auto"
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    FEED = "feed"
    WARC = "warc"


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class Context:
    settings: Settings


def _settings(ctx: typer.Context) -> Settings:
    state = ctx.find_object(Context)
    return state.settings if state else settings_from_env()


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


@contextmanager
def _open_store(settings: Settings) -> Iterator[Store]:
    try:
        store = Store.open(settings.db_url)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    try:
        yield store
    finally:
        store.close()


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="files or directories (read recursively)")],
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
    settings = _settings(ctx)
    summary, extracted = _run_ingest(
        settings, [str(p) for p in paths], fmt, show_progress=not quiet and not as_json
    )
    if as_json:
        typer.echo(
            json.dumps(summary.as_dict() | {"extracted": extracted.as_dict()}, ensure_ascii=False, indent=1)
        )
    elif not quiet:
        _print_summary(summary)
        _print_extracted(extracted)


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
    linker = Linker(_registry(settings))
    with _open_store(settings) as store, _progress(enabled=show_progress) as advance:
        extractor = BatchExtractor(Extractions(store), linker)
        summary = ingest(
            paths, store, options, progress=advance, annotate=ExtractBatch(linker), after_write=extractor
        )
    return summary, extractor.summary


def _print_extracted(extracted: ExtractSummary) -> None:
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(extracted.by_kind.items())) or "-"
    Console().print(
        f"extracted from {extracted.documents} documents: {extracted.exchanges} exchanges ({kinds}), "
        f"{extracted.claims} claims"
    )


@contextmanager
def _progress(*, enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingest", total=None, rate="-")

        def advance(count: int) -> None:
            progress.advance(task, count)
            elapsed = progress.tasks[0].elapsed or 0
            if elapsed:
                progress.update(task, rate=f"{progress.tasks[0].completed / elapsed:,.0f}")

        yield advance


def _print_summary(summary: IngestSummary) -> None:
    data = summary.as_dict()
    table = Table(title="ingest", show_header=False)
    for key in ("read", "unchanged", "kept", "duplicate", "spam", "empty", "unreadable", "repointed"):
        table.add_row(key, str(data[key]))
    table.add_row("languages", ", ".join(f"{k} {v}" for k, v in summary.by_lang.most_common()) or "-")
    table.add_row("removed", ", ".join(f"{k} {v}" for k, v in summary.removals.most_common()) or "-")
    Console().print(table)
    for dup in summary.duplicates[:20]:
        Console().print(
            f"  duplicate: {dup['source']} of {dup['duplicate_of_source']} (similarity {dup['similarity']})"
        )


@export_app.command("documents")
def export_documents(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl or csv")] = ExportFormat.JSONL,
    out: Annotated[
        Path | None, typer.Option("--out", help="file to write (default: standard output)")
    ] = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="only these statuses (repeatable)")
    ] = None,
) -> None:
    """Every stored document with its provenance, status and clean text."""
    settings = _settings(ctx)
    with _open_store(settings) as store, _output(out) as stream:
        rows = store.iter_documents(status)
        if fmt is ExportFormat.JSONL:
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(stream, fieldnames=[*EXPORT_FIELDS, "status_reason"])
            writer.writeheader()
            writer.writerows(rows)


@export_app.command("exchanges")
def export_exchanges(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl or csv")] = ExportFormat.JSONL,
    out: Annotated[
        Path | None, typer.Option("--out", help="file to write (default: standard output)")
    ] = None,
) -> None:
    """Every exchange with its participants (registry entries), date, kind and evidence spans."""
    settings = _settings(ctx)
    registry = _registry(settings)
    with _open_store(settings) as store, _output(out) as stream:
        rows = (exchange_json(row, registry) for row in Extractions(store).iter_exchanges())
        _write_records(stream, fmt, rows, EXCHANGE_CSV_FIELDS, exchange_csv)


@export_app.command("claims")
def export_claims(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl or csv")] = ExportFormat.JSONL,
    out: Annotated[
        Path | None, typer.Option("--out", help="file to write (default: standard output)")
    ] = None,
) -> None:
    """Every aggregate claim ("more than 600 parties from 160 countries") with its evidence."""
    with _open_store(_settings(ctx)) as store, _output(out) as stream:
        rows = (claim_json(row) for row in Extractions(store).iter_claims())
        _write_records(stream, fmt, rows, CLAIM_CSV_FIELDS, claim_csv)


def _write_records(
    stream: TextIO,
    fmt: ExportFormat,
    rows: Iterable[dict[str, Any]],
    fields: tuple[str, ...],
    flat: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
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
) -> None:
    """Re-run extraction over the stored documents (after the extractor changed); analysts' records stay."""
    settings = _settings(ctx)
    linker = Linker(_registry(settings))
    with _open_store(settings) as store:
        summary = extract_stored(Extractions(store), linker)
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    else:
        _print_extracted(summary)


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
        registry = _registry(settings)
        with _open_store(settings) as store:
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
) -> None:
    """Ingest the demo reports shipped with partynet and print what the store now holds."""
    settings = _settings(ctx)
    with as_file(files("partynet") / "demo") as demo_dir:
        summary, extracted = _run_ingest(
            settings, [str(demo_dir)], FormatChoice.AUTO, show_progress=not as_json
        )
    registry = _registry(settings)
    with _open_store(settings) as store:
        counts = store.document_counts()
        found = Extractions(store)
        exchanges = [exchange_json(row, registry) for row in found.iter_exchanges()]
        claims = [claim_json(row) for row in found.iter_claims()]
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "run": summary.as_dict(),
                    "extracted": extracted.as_dict(),
                    "store": counts,
                    "exchanges": exchanges,
                    "claims": claims,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    _print_summary(summary)
    Console().print(
        f"store {settings.db_url}: {counts['documents']} documents, by status {counts['by_status']}, "
        f"kept by language {counts['kept_by_language']}"
    )
    _print_network(exchanges, claims)


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
    with _open_store(_settings(ctx)) as store:
        current, head = store.schema_revision()
    typer.echo(f"schema at {current} (newest {head})")


@db_app.command("check")
def db_check(ctx: typer.Context) -> None:
    """Say whether the store's schema is current, without changing it; exit 1 if it is not."""
    settings = _settings(ctx)
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


def _registry(settings: Settings) -> Registry:
    """The shipped registry with what analysts added in the store (when the store exists)."""
    try:
        registry = load_registry()
    except (OSError, RegistryFileError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    url = make_url(settings.db_url)
    if url.get_backend_name() == "sqlite" and not (url.database and Path(url.database).is_file()):
        return registry  # reading the registry should not create a store
    with _open_store(settings) as store:
        return registry.with_changes(RegistryEdits(store).changes())


@registry_app.command("build")
def registry_build(
    source: Annotated[
        Path, typer.Option("--from", help="reference data folder (partyfacts/, parlgov/, ...)")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="registry file to write (default: the shipped one)")
    ] = None,
    extension_dir: Annotated[
        Path | None,
        typer.Option("--extension", help="folder of the project's own entries (default: shipped)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the registry's figures as JSON")] = False,
) -> None:
    """Build the registry file from the reference data and the project's extension."""
    start = time.perf_counter()
    inputs = BuildInputs(source, extension_dir or Path(str(files("partynet.registry") / "extension")))
    try:
        registry = build_registry(inputs)
    except (RegistryInputError, ExtensionError, CountryDataMissingError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    target = out or packaged_path()
    write_registry(registry, target)
    figures = registry.stats() | {"file": str(target), "seconds": round(time.perf_counter() - start, 2)}
    typer.echo(json.dumps(figures, ensure_ascii=False, indent=1) if as_json else _figures_text(figures))


def _figures_text(figures: dict[str, Any]) -> str:
    return "\n".join(f"{key}: {value}" for key, value in figures.items())


@registry_app.command("search")
def registry_search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="a name, abbreviation or Chinese name")],
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-3 code to prefer")] = None,
    limit: Annotated[int, typer.Option("--limit", help="candidates to show")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="print candidates as JSON")] = False,
) -> None:
    """Ranked candidates for a name: id, name, country, score and the reason for the score."""
    registry = _registry(_settings(ctx))
    found = [candidate_json(c, registry) for c in Linker(registry).search(text, country, limit)]
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    table = Table("id", "name", "country", "score", "reason", title=f"registry search: {text}")
    for row in found:
        table.add_row(row["id"], row["name"], row["country"] or "-", f"{row['score']:.2f}", row["reason"])
    Console().print(table)


@registry_app.command("show")
def registry_show(
    ctx: typer.Context,
    party_id: Annotated[str, typer.Argument(help="registry id, e.g. pf:1219")],
    as_json: Annotated[bool, typer.Option("--json", help="print the entry as JSON")] = False,
) -> None:
    """One registry entry: names, aliases, country, dates, bodies and the sources that hold it."""
    registry = _registry(_settings(ctx))
    party = registry.get(party_id)
    if party is None:
        err.print(f"[red]error:[/red] no registry entry {party_id}; try `partynet registry search`")
        raise typer.Exit(1)
    data = party_json(party, registry)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    table = Table(show_header=False, title=f"{party.id} {party.name}")
    for key, value in data.items():
        shown = (
            "; ".join(f"{a['text']} ({a['kind']}, {a['source']})" for a in value)
            if key == "aliases"
            else value
        )
        table.add_row(key, str(shown) if shown not in (None, [], {}, "") else "-")
    Console().print(table)


@registry_app.command("stats")
def registry_stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="print the figures as JSON")] = False,
) -> None:
    """How many parties, countries and aliases the registry holds, by source."""
    figures = _registry(_settings(ctx)).stats()
    typer.echo(json.dumps(figures, ensure_ascii=False, indent=1) if as_json else _figures_text(figures))


def _actor(by: str | None) -> str:
    return by or os.environ.get("PARTYNET_USER") or getpass.getuser()


@registry_app.command("add")
def registry_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="the party's English name")],
    country: Annotated[
        str | None, typer.Option("--country", help="ISO 3166 alpha-3; none for internationals")
    ] = None,
    kind: Annotated[
        PartyType, typer.Option("--type", help="party, international, party_body or non_party")
    ] = PartyType.PARTY,
    name_zh: Annotated[str | None, typer.Option("--zh", help="Chinese name")] = None,
    abbreviation: Annotated[str | None, typer.Option("--abbreviation", help="abbreviation")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="the party a party body belongs to")] = None,
    founded: Annotated[int | None, typer.Option("--founded", help="year founded")] = None,
    note: Annotated[str, typer.Option("--note", help="the source: where this party is documented")] = "",
    by: Annotated[str | None, typer.Option("--by", help="who makes the change (env PARTYNET_USER)")] = None,
) -> None:
    """Add a party the registry lacks (audited)."""
    settings = _settings(ctx)
    registry = _registry(settings)
    if not note:
        err.print("[red]error:[/red] --note is required: say where this party is documented")
        raise typer.Exit(2)
    if parent and registry.get(parent) is None:
        err.print(f"[red]error:[/red] no registry entry {parent}")
        raise typer.Exit(1)
    party = new_party(registry, name, country, kind, name_zh, abbreviation, parent, founded, note)
    with _open_store(settings) as store:
        _edit(lambda: RegistryEdits(store).add_party(party, _actor(by), note))
    typer.echo(party.id)


@registry_app.command("alias")
def registry_alias(
    ctx: typer.Context,
    party_id: Annotated[str, typer.Argument(help="registry id")],
    text: Annotated[str, typer.Argument(help="the alias")],
    kind: Annotated[
        AliasKind, typer.Option("--kind", help="name, abbreviation, translation, short_form, ...")
    ] = AliasKind.NAME,
    lang: Annotated[str | None, typer.Option("--lang", help="language code, e.g. zh")] = None,
    note: Annotated[str | None, typer.Option("--note", help="where this form is used")] = None,
    by: Annotated[str | None, typer.Option("--by", help="who makes the change (env PARTYNET_USER)")] = None,
) -> None:
    """Give a party another name, abbreviation or short form (audited)."""
    settings = _settings(ctx)
    party = _existing(_registry(settings), party_id)
    with _open_store(settings) as store:
        _edit(
            lambda: RegistryEdits(store).add_alias(
                party, Alias(text, kind, lang, _actor(by)), _actor(by), note
            )
        )
    typer.echo(f"{party.id}: {kind.value} '{text}'")


@registry_app.command("merge")
def registry_merge(
    ctx: typer.Context,
    merged_id: Annotated[str, typer.Argument(help="the entry that duplicates another")],
    into_id: Annotated[str, typer.Argument(help="the entry to keep")],
    note: Annotated[str | None, typer.Option("--note", help="why they are the same party")] = None,
    by: Annotated[str | None, typer.Option("--by", help="who makes the change (env PARTYNET_USER)")] = None,
) -> None:
    """Record that two entries are one party: mentions of the first link to the second (audited)."""
    settings = _settings(ctx)
    registry = _registry(settings)
    merged, into = _existing(registry, merged_id), _existing(registry, into_id)
    with _open_store(settings) as store:
        _edit(lambda: RegistryEdits(store).merge(merged, into, _actor(by), note))
    typer.echo(f"{merged.id} -> {into.id}")


def _existing(registry: Registry, party_id: str) -> Party:
    party = registry.get(party_id)
    if party is None:
        err.print(f"[red]error:[/red] no registry entry {party_id}")
        raise typer.Exit(1)
    return party


def _edit(change: Callable[[], None]) -> None:
    try:
        change()
    except RegistryEditError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc


@app.command("version")
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
