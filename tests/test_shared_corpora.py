"""Acceptance on the project's shared real documents, when ../shared is beside the checkout (CI has it)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from partynet.cli import app
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"
DEV = SHARED / "corpus" / "dev" / "docs.jsonl"
IMAGE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif)$")
runner = CliRunner()


def _run(store_url: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", store_url, *args])
    assert result.exit_code == 0, result.output
    return result.output


def _exported(store_url: str) -> dict[str, dict[str, str]]:
    rows = [json.loads(x) for x in _run(store_url, "export", "documents", "--format", "jsonl").splitlines()]
    return {row["source"].rsplit("/", 1)[-1]: row for row in rows}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seeds(store_url: str) -> None:
    summary = json.loads(_run(store_url, "ingest", str(SEEDS), "--json"))
    assert (summary["read"], summary["kept"], summary["duplicate"]) == (4, 3, 1)
    (dup,) = summary["duplicates"]
    assert dup["source"].startswith("000_")
    assert dup["duplicate_of_source"].startswith("001_")
    docs = _exported(store_url)
    spam_copy = next(v for k, v in docs.items() if k.startswith("000_"))
    raw = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8").split("\n")
    text = " ".join(spam_copy["text"].split())
    for number in (1, 2, 4, 7, *range(110, 119)):
        line = " ".join(raw[number - 1].split())
        assert not line or line[:40] not in text, f"spam line {number} survived"
    for number in range(9, 109):
        line = " ".join(raw[number - 1].split())
        if line and not IMAGE_NAME.match(line):
            assert line in text, f"article line {number} was lost"
    doubled = next(v for k, v in docs.items() if k.startswith("003_"))
    for sentence in (
        "The CPC has maintained regular contact with more than 600 political parties",
        "Bounnhang Vorachith, former general secretary",
        "Xinhua contributed to this story.",
    ):
        assert doubled["text"].count(sentence) == 1
    footer = next(v for k, v in docs.items() if k.startswith("004_"))
    for boilerplate in ("Copyright Beijing Review", "Advertise with Us", "Partners:", "China Tibet Online"):
        assert boilerplate not in footer["text"]
    assert "the CPC must carry forward its tradition" in footer["text"]
    original = next(v for k, v in docs.items() if k.startswith("001_"))
    assert "副本.png" not in original["text"]
    assert original["published"] == "2025-07-15"
    assert footer["published"] == "2021-06-29"
    assert {d["lang"] for d in docs.values()} == {"en"}


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/corpus is not beside this checkout")
def test_dev_corpus_is_recorded_with_ids_dates_and_languages(store_url: str) -> None:
    expected = {row["id"]: row for row in map(json.loads, DEV.read_text(encoding="utf-8").splitlines())}
    summary = json.loads(_run(store_url, "ingest", str(DEV), "--json"))
    assert summary["read"] == len(expected)
    assert summary["kept"] + summary["duplicate"] == len(expected)
    rows = [json.loads(x) for x in _run(store_url, "export", "documents").splitlines()]
    assert sorted(r["external_id"] for r in rows) == sorted(expected)
    for row in rows:
        gold = expected[row["external_id"]]
        assert row["lang"] == gold["lang"], row["external_id"]
        if gold["date"]:
            assert row["published"] == gold["date"], row["external_id"]
        assert row["status"] in {"kept", "duplicate"}
