"""What the commands print beside their output: a progress bar with the rate, and an ingest's summary."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
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
) -> Iterator[Bar | None]:
    """A progress bar on standard error (gone when done), called to advance it; None when it is not
    enabled or standard error is no terminal (a log file or a pipe gets no bar and no stray line)."""
    if not enabled or not err.is_terminal:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn(f"{{task.fields[rate]}} {unit}/s"),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        yield Bar(progress, progress.add_task(label, total=total, rate="-"))


class Bar:
    """The running bar: called with a count to advance it; `loading` draws a second line while the
    store's duplicate index is read, which on a large store takes seconds before the first document."""

    LOADING = "reading the stored duplicate index"

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self.progress, self.task = progress, task
        self.loading_task: TaskID | None = None

    def __call__(self, count: int) -> None:
        self.progress.advance(self.task, count)
        self._show_rate(self.task)

    def loading(self, done: int, total: int) -> None:
        if self.loading_task is None:
            self.loading_task = self.progress.add_task(self.LOADING, total=total, rate="-")
        self.progress.update(self.loading_task, completed=done, total=max(total, done))
        self._show_rate(self.loading_task)
        if done >= total:
            self.progress.remove_task(self.loading_task)
            self.loading_task = None

    def _show_rate(self, task: TaskID) -> None:
        shown = next(t for t in self.progress.tasks if t.id == task)
        if shown.elapsed:
            self.progress.update(task, rate=f"{shown.completed / shown.elapsed:,.0f}")


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
