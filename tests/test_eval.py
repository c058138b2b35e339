"""`partynet eval` and the dev-corpus gate: the pinned metrics in bench/eval_floor.json must hold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from partynet.cli import app
from partynet.evaluate import evaluate
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
DEV = SHARED / "corpus" / "dev"
runner = CliRunner()


def test_eval_scores_a_small_corpus_written_here(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    gold = tmp_path / "gold.jsonl"
    docs.write_text(
        "\n".join(
            json.dumps(d, ensure_ascii=False)
            for d in (
                {"id": "a", "date": "2024-06-27", "lang": "en",
                 "text": "On Tuesday the Communist Party of China held talks with the African National Congress in Beijing."},
                {"id": "b", "date": "2024-06-27", "lang": "en", "text": "The economy grew by five percent last year."},
            )
        ),
        encoding="utf-8",
    )  # fmt: skip
    gold.write_text(
        "\n".join(
            json.dumps(g)
            for g in (
                {"id": "a", "is_exchange": True, "exchanges": [{"kind": "meeting", "date": "2024-06-25", "parties": [
                    {"name": "Communist Party of China", "country": "CHN"},
                    {"name": "African National Congress", "country": "ZAF"}]}], "figures": []},
                {"id": "b", "is_exchange": False, "exchanges": [], "figures": []},
            )
        ),
        encoding="utf-8",
    )  # fmt: skip
    result = runner.invoke(app, ["eval", "--docs", str(docs), "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert metrics["document_is_exchange"]["f1"] == 1.0
    assert metrics["participants"]["f1"] == 1.0
    assert metrics["kind_accuracy"] == 1.0
    assert metrics["date_accuracy"] == 1.0


def test_scoring_counts_wrong_kinds_dates_and_parties() -> None:
    gold = [{"id": "a", "is_exchange": True, "exchanges": [{"kind": "call", "date": "2024-06-25", "parties": [
        {"name": "Communist Party of China", "country": "CHN"}, {"name": "Labour Party", "country": "GBR"}]}],
        "figures": [{"parties": 600, "countries": 160}]}]  # fmt: skip
    predicted = [{"kind": "meeting", "date": "2024-06", "participants": [
        {"party": {"name": "Communist Party of China", "country": "CHN", "type": "party"}},
        {"party": {"name": "Labour Party", "country": "GBR", "type": "party"}}],
        "evidence": [{"document_external_id": "a"}]}]  # fmt: skip
    metrics = evaluate(
        gold, predicted, [{"parties": 600, "countries": 160, "evidence": [{"document_external_id": "a"}]}]
    )
    assert metrics["participants"]["tp"] == 2
    assert metrics["exchanges_matched"] == 1
    assert metrics["kind_accuracy"] == 0.0
    assert metrics["date_accuracy"] == 0.0  # less precise than the gold
    assert metrics["claims"]["f1"] == 1.0
    predicted[0]["participants"][1]["party"]["country"] = "NZL"
    assert (
        evaluate(gold, predicted, [])["participants"]["tp"] == 1
    )  # a namesake of another country is no match


@pytest.mark.skipif(not DEV.is_dir(), reason="the dev corpus is not beside the checkout")
def test_dev_corpus_metrics_hold_their_floor_and_agree_with_the_corpus_scorer(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["eval", "--docs", str(DEV / "docs.jsonl"), "--gold", str(DEV / "gold.jsonl"), "--json"]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    pinned = json.loads((ROOT / "bench" / "eval_floor.json").read_text(encoding="utf-8"))
    for name, floor in pinned["floors"].items():
        value = metrics
        for part in name.split("."):
            value = value[part]
        assert value >= floor - pinned["noise"], f"{name} fell to {value} (floor {floor})"
    db = tmp_path / "dev.db"
    assert runner.invoke(app, ["--db", str(db), "ingest", str(DEV / "docs.jsonl"), "--quiet"]).exit_code == 0
    for what in ("exchanges", "claims"):
        out = runner.invoke(app, ["--db", str(db), "export", what, "--out", str(tmp_path / f"{what}.jsonl")])
        assert out.exit_code == 0, out.output
    scored = subprocess.run(
        [sys.executable, str(SHARED / "corpus" / "score.py"), str(DEV / "gold.jsonl"),
         str(tmp_path / "exchanges.jsonl"), str(tmp_path / "claims.jsonl"), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    theirs = json.loads(scored.stdout)
    for key in ("document_is_exchange", "participants", "claims"):
        assert theirs[key]["f1"] == metrics[key]["f1"]
    for key in ("kind_accuracy", "date_accuracy"):
        assert theirs[key] == metrics[key]
