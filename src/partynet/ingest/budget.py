"""A time budget for one document's work: hostile input (pathological markup, endless repetition) must
not hold a run up. The budget interrupts the work with SIGALRM where it can (the main thread of a
process: the CLI, pool workers, Spark's Python workers); elsewhere (a server thread) the work runs to
its end and is refused after, so the outcome is the same, only later."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class OverBudgetError(Exception):
    """The work took longer than its budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudgetError when the block runs longer than `seconds` (0 or less: no budget). Work inside
    C code is interrupted when it returns to Python."""
    if seconds <= 0:
        yield
        return
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        started = time.monotonic()
        yield
        if time.monotonic() - started > seconds:
            raise OverBudgetError(f"took over {seconds:g} s")
        return

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise OverBudgetError(f"took over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
