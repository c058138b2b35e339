"""Two `partynet ingest` processes over overlapping inputs at the same time, while the API serves
reads: every document ends stored exactly once, nothing is lost, and the store stays sound. Runs on
SQLite (writers wait for each other) and, in the PostgreSQL pass of the suite, on PostgreSQL."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from partynet.api.app import create_app
from partynet.settings import Settings
from partynet.store.repository import Store
from partynet.store.schema import documents
from partynet.store.users import Role, Users
from tests.conftest import write

DOCUMENTS = 120
WORDS = ("party delegation talks cooperation governance youth training seminar dialogue congress "
         "exchange visit letter forum minister secretary bureau council province river harbour").split()  # fmt: skip


def _reports(root: Path, lead: str = "") -> list[Path]:
    rng = random.Random(11)
    paths = []
    for i in range(DOCUMENTS):
        words = " ".join(rng.choice(WORDS) for _ in range(120))
        path = root / f"report-{i:03d}.txt"
        path.write_text(
            f"Report number {i} of the series. {lead}\n\n{words.capitalize()}.\n", encoding="utf-8"
        )
        paths.append(path)
    return paths


def test_two_ingests_of_overlapping_inputs_store_each_document_once(store_url: str, tmp_path: Path) -> None:
    paths = _reports(tmp_path)
    store = Store.open(store_url)
    token = Users(store).add("reader", Role.VIEWER)
    store.close()
    first, second = paths[: DOCUMENTS * 2 // 3], paths[DOCUMENTS // 3 :]
    command = [sys.executable, "-m", "partynet", "--db", store_url, "ingest", "--json", "--quiet"]
    runs = [
        subprocess.Popen(
            [*command, *map(str, part)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for part in (first, second)
    ]
    read_failures: list[int] = []
    reads = 0
    with TestClient(create_app(Settings(db_url=store_url))) as client:
        stop = threading.Event()

        def read() -> None:
            nonlocal reads
            while not stop.is_set():
                answer = client.get("/api/documents?limit=200", headers={"Authorization": f"Bearer {token}"})
                reads += 1
                if answer.status_code != 200:
                    read_failures.append(answer.status_code)

        reader = threading.Thread(target=read)
        reader.start()
        outcomes = [run.communicate(timeout=300) for run in runs]
        stop.set()
        reader.join()
    for run, (_, err) in zip(runs, outcomes, strict=True):
        assert run.returncode == 0, err
    summaries = [json.loads(out) for out, _ in outcomes]
    written = sum(s["kept"] + s["duplicate"] + s["spam"] + s["empty"] for s in summaries)
    assert written == DOCUMENTS, "each document written by exactly one of the two runs"
    assert sum(s["unchanged"] for s in summaries) == len(first) + len(second) - DOCUMENTS
    assert reads > 0
    assert not read_failures
    store = Store.open(store_url)
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(documents)) == DOCUMENTS
        keys = connection.scalar(select(func.count(func.distinct(documents.c.source_key))))
        assert keys == DOCUMENTS
        if store.engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    store.close()


def test_near_duplicates_split_between_two_concurrent_ingests_are_found(
    store_url: str, tmp_path: Path
) -> None:
    """Each report in one process's input and its repost (another first line) in the other's: the two
    runs write batch by batch at the same time, and the store ends as one run over both inputs would
    leave it: one of each pair kept, the other pointing to it, and the parties they name stored once."""
    (tmp_path / "reports").mkdir()
    # an exchange in every report: both runs also write the same parties and reports of one event
    lead = "The Communist Party of Vietnam held talks with the Cambodian People's Party in Hanoi."
    reports = _reports(tmp_path / "reports", lead)
    for path in reports:
        write(
            tmp_path / "reposts" / path.name, "Shared from the wire.\n\n" + path.read_text(encoding="utf-8")
        )
    command = [sys.executable, "-m", "partynet", "--db", store_url, "ingest", "--json", "--quiet"]
    env = os.environ | {"PARTYNET_BATCH_SIZE": "5", "PARTYNET_WORKERS": "1"}
    runs = [
        subprocess.Popen(
            [*command, str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for root in (tmp_path / "reports", tmp_path / "reposts")
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    store = Store.open(store_url)
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(documents.c.source, documents.c.status, documents.c.duplicate_of)
        ).all()
        source_of = dict(connection.execute(select(documents.c.id, documents.c.source)).all())
    store.close()
    assert len(rows) == 2 * DOCUMENTS
    assert sum(status == "kept" for _, status, _ in rows) == DOCUMENTS
    pairs = [(Path(source), Path(source_of[original])) for source, _, original in rows if original]
    assert sorted(copy.name for copy, _ in pairs) == sorted(path.name for path in reports)
    assert all(copy.name == original.name and copy.parent != original.parent for copy, original in pairs)
