"""The `partynet` command: a thin driver over the stages and the store."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Iterator
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

from partynet import __version__
from partynet.domain import IngestSummary, SourceFormat
from partynet.ingest.pipeline import IngestOptions, ingest
from partynet.ingest.readers import ReadOptions
from partynet.settings import Settings, db_url_from, settings_from_env
from partynet.store.repository import EXPORT_FIELDS, Store, StoreError

app = typer.Typer(
    help="Map party-to-party diplomacy from news reports.", no_args_is_help=True, add_completion=False
)
export_app = typer.Typer(help="Write stored records out as JSONL or CSV.", no_args_is_help=True)
db_app = typer.Typer(help="Inspect and migrate the store.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(db_app, name="db")
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
    summary = _run_ingest(settings, [str(p) for p in paths], fmt, show_progress=not quiet and not as_json)
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    elif not quiet:
        _print_summary(summary)


def _run_ingest(
    settings: Settings, paths: list[str], fmt: FormatChoice, *, show_progress: bool
) -> IngestSummary:
    force = None if fmt is FormatChoice.AUTO else SourceFormat(fmt.value)
    read = ReadOptions(
        force_format=force,
        max_document_bytes=settings.max_document_bytes,
        max_decompressed_ratio=settings.max_decompressed_ratio,
    )
    options = IngestOptions.from_settings(settings, read=read)
    with _open_store(settings) as store, _progress(enabled=show_progress) as advance:
        return ingest(paths, store, options, progress=advance)


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
        summary = _run_ingest(settings, [str(demo_dir)], FormatChoice.AUTO, show_progress=not as_json)
    with _open_store(settings) as store:
        counts = store.document_counts()
    if as_json:
        typer.echo(json.dumps({"run": summary.as_dict(), "store": counts}, ensure_ascii=False, indent=1))
        return
    _print_summary(summary)
    Console().print(
        f"store {settings.db_url}: {counts['documents']} documents, by status {counts['by_status']}, "
        f"kept by language {counts['kept_by_language']}"
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


@app.command("version")
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
