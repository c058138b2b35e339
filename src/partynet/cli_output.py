"""What the commands print beside their output: a progress bar with the rate, and an ingest's summary."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

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
def progress_bar(
    *, enabled: bool, label: str = "ingesting", unit: str = "docs", total: int | None = None
) -> Iterator[Any]:
    """A progress bar on standard error (gone when done), and the function that advances it; None when
    it is not enabled or standard error is no terminal (a log file or a pipe gets no bar and no stray
    line)."""
    if not enabled or not err.is_terminal:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn(f"{{task.fields[rate]}} {unit}/s"),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=total, rate="-")

        def advance(count: int) -> None:
            progress.advance(task, count)
            elapsed = progress.tasks[0].elapsed or 0
            if elapsed:
                progress.update(task, rate=f"{progress.tasks[0].completed / elapsed:,.0f}")

        yield advance


Row = TypeVar("Row")


def counted(rows: Iterable[Row], advance: Callable[[int], None] | None, every: int = 1_000) -> Iterator[Row]:
    """The rows, advancing the bar every `every` of them (a bar drawn per row would slow a large export)."""
    if advance is None:
        yield from rows
        return
    pending = 0
    for row in rows:
        yield row
        pending += 1
        if pending == every:
            advance(pending)
            pending = 0
    if pending:
        advance(pending)


def print_summary(summary: IngestSummary) -> None:
    data = summary.as_dict()
    table = Table(title="ingest", show_header=False)
    for key in ("read", "unchanged", "kept", "duplicate", "spam", "empty", "unreadable", "repointed"):
        table.add_row(key, str(data[key]))
    table.add_row("languages", ", ".join(f"{k} {v}" for k, v in summary.by_lang.most_common()) or "-")
    table.add_row("removed", ", ".join(f"{k} {v}" for k, v in summary.removals.most_common()) or "-")
    if summary.skipped_files or summary.skipped_records:
        skipped = [f"{summary.skipped_files} files"] if summary.skipped_files else []
        skipped += [f"{k} {v}" for k, v in summary.skipped_records.most_common()]
        table.add_row("not documents", ", ".join(skipped))
    Console().print(table)
    for dup in summary.duplicates[:20]:
        Console().print(
            f"  duplicate: {dup['source']} of {dup['duplicate_of_source']} (similarity {dup['similarity']})"
        )
