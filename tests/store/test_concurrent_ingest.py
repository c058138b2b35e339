"""Two `partynet ingest` processes over overlapping inputs at the same time, while the API serves
reads: every document ends stored exactly once, nothing is lost, and the store stays sound. Runs on
SQLite (writers wait for each other) and, in the PostgreSQL pass of the suite, on PostgreSQL."""

from __future__ import annotations

import json
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

DOCUMENTS = 120
WORDS = ("party delegation talks cooperation governance youth training seminar dialogue congress "
         "exchange visit letter forum minister secretary bureau council province river harbour").split()  # fmt: skip


def _reports(root: Path) -> list[Path]:
    rng = random.Random(11)
    paths = []
    for i in range(DOCUMENTS):
        words = " ".join(rng.choice(WORDS) for _ in range(120))
        path = root / f"report-{i:03d}.txt"
        path.write_text(f"Report number {i} of the series.\n\n{words.capitalize()}.\n", encoding="utf-8")
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
