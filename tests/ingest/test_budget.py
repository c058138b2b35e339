"""The per-document time budget: work that overruns it is stopped (or refused after, off the main thread)."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from partynet.domain import RawDocument, SourceFormat, Status
from partynet.ingest.budget import OverBudgetError, time_budget
from partynet.ingest.clean import CleanOptions, clean


def busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_work_over_the_budget_is_interrupted() -> None:
    with pytest.raises(OverBudgetError, match=r"took over 0\.05 s"), time_budget(0.05):
        busy(5)  # interrupted long before the end: the test would otherwise take 5 s


def test_work_within_the_budget_is_untouched_and_the_handler_restored() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with time_budget(5):
        busy(0.01)
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_off_the_main_thread_overrunning_work_is_refused_after() -> None:
    outcome: list[str] = []

    def work() -> None:
        try:
            with time_budget(0.01):
                busy(0.05)
            outcome.append("finished")
        except OverBudgetError:
            outcome.append("refused")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["refused"]


def test_no_budget_means_no_limit() -> None:
    with time_budget(0):
        busy(0.01)


def test_a_document_over_the_budget_is_recorded_as_unreadable() -> None:
    page = "<html><body>" + "<div><p>Talks between the parties went on.</p></div>" * 20_000 + "</body></html>"
    raw = RawDocument("x.html", "x.html", "", SourceFormat.HTML, is_html=True, data=page.encode())
    doc = clean(raw, CleanOptions(time_budget_seconds=0.000_001))
    assert doc.status is Status.UNREADABLE
    assert doc.status_reason is not None
    assert "time budget" in doc.status_reason
    assert doc.text == ""
    assert clean(raw, CleanOptions()).status is Status.KEPT  # the same page with the default budget
