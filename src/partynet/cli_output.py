"""What the commands that ingest print: a progress bar with the rate, and the run's summary."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

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

from partynet.cli_common import err
from partynet.domain import IngestSummary
from partynet.extract.run import ExtractSummary


def print_extracted(extracted: ExtractSummary) -> None:
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(extracted.by_kind.items())) or "-"
    Console().print(
        f"extracted from {extracted.documents} documents: {extracted.exchanges} exchanges ({kinds}), "
        f"{extracted.claims} claims"
    )


@contextmanager
def progress_bar(*, enabled: bool) -> Iterator[Any]:
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


def print_summary(summary: IngestSummary) -> None:
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
