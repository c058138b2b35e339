"""`partynet spark run` (a corpus on Apache Spark, to Parquet) and `partynet load` (Parquet to the store)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from partynet.cli_common import err, load_registry_for, open_store, settings_of
from partynet.cli_output import print_extracted, print_summary, progress_bar
from partynet.ingest.pipeline import IngestOptions
from partynet.registry.link import Linker

spark_app = typer.Typer(help="Run the pipeline on Apache Spark (pip install 'partynet[spark]').")


def register(app: typer.Typer) -> None:
    app.add_typer(spark_app, name="spark")
    app.command("load")(load_command)


@spark_app.command("run")
def spark_run(
    ctx: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(help="files, directories or URIs (s3a://, hdfs://, file://)")
    ],
    out: Annotated[str, typer.Option("--out", help="directory (or URI) for the Parquet tables")],
    master: Annotated[
        str,
        typer.Option("--master", help="Spark master: local[N], spark://host:port, yarn, k8s://..."),
    ] = "local[*]",
    partitions: Annotated[int, typer.Option("--partitions", help="0: one per input file")] = 0,
    conf: Annotated[
        list[str] | None, typer.Option("--conf", help="extra Spark setting key=value (repeatable)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the run summary as JSON")] = False,
) -> None:
    """Read, clean, de-duplicate and extract a corpus on Spark; write documents, exchanges,
    participants, claims and mentions as Parquet, plus summary.json. `partynet load` stores them."""
    try:
        from partynet.spark.job import SparkOptions, run, session  # noqa: PLC0415 - Spark is an extra
    except ImportError as exc:
        err.print(f"[red]error:[/red] Spark is not installed ({exc}): pip install 'partynet[spark]'")
        raise typer.Exit(2) from exc
    config = _config(conf or [])
    local = [p for p in inputs if "://" not in p and not Path(p).exists()]
    if local:
        err.print(f"[red]error:[/red] no such file or directory: {', '.join(local)}")
        raise typer.Exit(2)
    settings = settings_of(ctx)
    options = SparkOptions(master=master, partitions=partitions, config=config)
    spark = session(options)
    try:
        summary = run(
            spark, inputs, out, IngestOptions.from_settings(settings), load_registry_for(settings), options
        )
    finally:
        spark.stop()
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    else:
        typer.echo(
            f"{summary.read} documents from {summary.inputs} inputs in {summary.seconds} s "
            f"({summary.docs_per_second} docs/s on {summary.master}): "
            + ", ".join(f"{k} {v}" for k, v in summary.by_status.items())
            + f"; {summary.exchanges} exchanges, {summary.claims} claims → {out}"
        )


def _config(pairs: list[str]) -> dict[str, str]:
    config = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            err.print(f"[red]error:[/red] --conf takes key=value, got {pair!r}")
            raise typer.Exit(2)
        config[key.strip()] = value.strip()
    return config


def load_command(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="the --out directory of `partynet spark run`")],
    as_json: Annotated[bool, typer.Option("--json", help="print the load summary as JSON")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar, no table")] = False,
) -> None:
    """Store a Spark run's tables, exactly as `partynet ingest` would have stored the same inputs.
    Loading the same directory again changes nothing."""
    from partynet.spark.load import LoadError, load, read_run_summary  # noqa: PLC0415

    try:
        read_run_summary(directory)
    except LoadError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    settings = settings_of(ctx)
    linker = Linker(load_registry_for(settings))
    with open_store(settings) as store, progress_bar(enabled=not quiet and not as_json) as advance:
        try:
            summary = load(directory, store, IngestOptions.from_settings(settings), linker, progress=advance)
        except LoadError as exc:  # tables that do not match: what was stored so far is whole batches
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    elif not quiet:
        print_summary(summary.ingest)
        print_extracted(summary.extracted)
