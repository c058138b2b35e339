from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from partynet.cli import app
from tests.conftest import write
from tests.fixtures import ZH_ARTICLE, clean_page, spam_page

runner = CliRunner()


def invoke(store_url: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", store_url, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_json_then_export_jsonl_and_csv(tmp_path: Path, store_url: str) -> None:
    write(tmp_path / "in" / "a.txt", clean_page())
    write(tmp_path / "in" / "b.txt", spam_page())
    write(
        tmp_path / "in" / "c.jsonl",
        json.dumps({"id": "zh-1", "date": "2024-06-27", "text": ZH_ARTICLE}) + "\n",
    )
    summary = json.loads(invoke(store_url, "ingest", str(tmp_path / "in"), "--json"))
    assert (summary["read"], summary["kept"], summary["duplicate"]) == (3, 2, 1)
    assert summary["languages"] == {"en": 1, "zh": 1}

    rows = [
        json.loads(line)
        for line in invoke(store_url, "export", "documents", "--format", "jsonl").splitlines()
    ]
    assert len(rows) == 3
    assert set(rows[0]) >= {
        "id",
        "external_id",
        "source",
        "url",
        "title",
        "published",
        "lang",
        "status",
        "duplicate_of",
        "text",
    }
    zh = next(r for r in rows if r["external_id"] == "zh-1")
    assert (zh["lang"], zh["published"], zh["status"]) == ("zh", "2024-06-27", "kept")

    out = tmp_path / "docs.csv"
    invoke(store_url, "export", "documents", "--format", "csv", "--out", str(out))
    with out.open(encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert sorted(r["id"] for r in table) == sorted(r["id"] for r in rows)


def test_ingest_table_output_and_quiet(tmp_path: Path, store_url: str) -> None:
    write(tmp_path / "a.txt", clean_page())
    assert "kept" in invoke(store_url, "ingest", str(tmp_path / "a.txt"))
    assert invoke(store_url, "ingest", "--quiet", str(tmp_path / "a.txt")) == ""


def test_missing_path_is_a_clear_error(tmp_path: Path, store_url: str) -> None:
    result = runner.invoke(app, ["--db", store_url, "ingest", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_another_signature_length_than_the_store_holds_is_a_clear_error(
    tmp_path: Path, store_url: str
) -> None:
    invoke(store_url, "ingest", "--quiet", str(write(tmp_path / "a.txt", clean_page())))
    write(tmp_path / "b.txt", spam_page())
    result = runner.invoke(
        app,
        ["--db", store_url, "ingest", str(tmp_path / "b.txt")],
        env={"PARTYNET_MINHASH_PERMUTATIONS": "64"},
    )
    assert result.exit_code == 2
    assert "PARTYNET_MINHASH_PERMUTATIONS=128" in " ".join(result.output.split())
    assert "Traceback" not in result.output
    again = runner.invoke(app, ["--db", store_url, "ingest", "--json", str(tmp_path / "b.txt")])
    assert json.loads(again.output)["duplicate"] == 1  # nothing of the refused run was kept


def _stderr_on_a_terminal(*args: str) -> str:
    """Run partynet with its standard error on a pseudo-terminal, as a user's shell would; what it drew."""
    controller, terminal = pty.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "partynet", *args],
            stdout=subprocess.DEVNULL, stderr=terminal, check=True, timeout=120,
        )  # fmt: skip
    finally:
        os.close(terminal)
    drawn = b""
    with contextlib.suppress(OSError):  # the terminal's other end is closed once everything is read
        while chunk := os.read(controller, 65536):
            drawn += chunk
    os.close(controller)
    return drawn.decode("utf-8", "replace")


def test_an_export_or_extract_draws_its_progress_on_a_terminal_unless_quiet(
    tmp_path: Path, store_url: str
) -> None:
    invoke(store_url, "ingest", "--quiet", str(write(tmp_path / "a.txt", clean_page())))
    out = tmp_path / "documents.jsonl"
    assert "exporting" in _stderr_on_a_terminal("--db", store_url, "export", "documents", "--out", str(out))
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    quiet = _stderr_on_a_terminal("--db", store_url, "export", "documents", "--quiet", "--out", str(out))
    assert "exporting" not in quiet
    assert "extracting" in _stderr_on_a_terminal("--db", store_url, "extract")


def test_the_bar_shows_the_stored_index_being_read_and_then_only_the_run() -> None:
    from rich.console import Console
    from rich.progress import Progress, TextColumn

    from partynet.cli_output import Bar

    screen = io.StringIO()
    with Progress(
        TextColumn("{task.description} {task.completed}/{task.total}"), console=Console(file=screen)
    ) as shown:
        bar = Bar(shown, shown.add_task("ingesting", total=None, rate="-"))
        bar.loading(20_000, 50_000)
        assert [(t.description, t.completed, t.total) for t in shown.tasks] == [
            ("ingesting", 0, None),
            (Bar.LOADING, 20_000, 50_000),
        ]
        bar.loading(50_200, 50_000)  # another run wrote meanwhile: more rows than were counted
        bar(200)
        assert [(t.description, t.completed) for t in shown.tasks] == [("ingesting", 200)]


def test_forced_format(tmp_path: Path, store_url: str) -> None:
    write(tmp_path / "page.txt", "<p>The two parties met in Hanoi and agreed to hold a seminar.</p>")
    invoke(store_url, "ingest", "--format", "text", str(tmp_path / "page.txt"))
    (row,) = [json.loads(x) for x in invoke(store_url, "export", "documents").splitlines()]
    assert row["text"].startswith("<p>")


def test_a_json_export_with_an_unusual_opening_is_read_when_forced(tmp_path: Path, store_url: str) -> None:
    text = "The two parties met in Hanoi and agreed to hold a seminar on party building."
    # a JSON array whose first item is a number: counted as data unless forced, then read item by item
    write(tmp_path / "rows.json", json.dumps([7, {"id": "r1", "text": text}]))
    summary = json.loads(invoke(store_url, "ingest", "--json", str(tmp_path / "rows.json")))
    assert (summary["read"], summary["skipped_records"]) == (0, {"application/json": 1})
    invoke(store_url, "ingest", "--format", "json", str(tmp_path / "rows.json"))
    rows = [json.loads(x) for x in invoke(store_url, "export", "documents").splitlines()]
    assert sorted((r["status"], r["external_id"] or "") for r in rows) == [("kept", "r1"), ("unreadable", "")]


def test_demo_ingests_the_shipped_reports(store_url: str) -> None:
    data = json.loads(invoke(store_url, "demo", "--json"))
    run = data["run"]
    assert run["read"] >= 45
    assert run["kept"] >= 40
    assert run["duplicate"] >= 2
    assert run["spam"] + run["removals"].get("keyword_list", 0) + run["removals"].get("link_farm", 0) > 0
    assert {"en", "zh"} <= set(run["languages"])
    assert run["languages"]["zh"] * 5 >= run["kept"]  # about a quarter in Chinese
    assert len(data["exchanges"]) >= 40
    assert {(c["parties"], c["countries"]) for c in data["claims"]} >= {(500, 160), (300, 120)}
    again = json.loads(invoke(store_url, "demo", "--json"))
    assert again["run"]["unchanged"] == run["read"]
    assert again["store"] == data["store"]
    # what the README tells a newcomer the demo prints is what it prints
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    told = re.search(r"(\d+) read, (\d+) kept, (\d+) duplicates, then the network — (\d+) exchanges", readme)
    assert told is not None
    shown = (run["read"], run["kept"], run["duplicate"], len(data["exchanges"]))
    assert tuple(map(int, told.groups())) == shown


def test_db_check_and_upgrade(store_url: str) -> None:
    assert "schema at" in invoke(store_url, "db", "upgrade")
    assert re.search(r"schema at (\w+) \(newest \1\)", invoke(store_url, "db", "check"))


def test_env_variable_selects_the_store(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", clean_page())
    env = os.environ | {"PARTYNET_DB": str(tmp_path / "env.db")}
    subprocess.run(
        [sys.executable, "-m", "partynet", "ingest", "--quiet", str(tmp_path / "a.txt")],
        check=True,
        env=env,
        capture_output=True,
    )
    assert (tmp_path / "env.db").exists()
    out = subprocess.run(
        [sys.executable, "-m", "partynet", "export", "documents", "--format", "csv"],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert len(list(csv.DictReader(io.StringIO(out)))) == 1
