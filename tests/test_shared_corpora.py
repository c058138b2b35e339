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


def _same_kind(a: str, b: str) -> bool:
    family = {"visit": "meeting"}
    return family.get(a, a) == family.get(b, b)


def _found(expected: dict, exchanges: list[dict]) -> bool:  # type: ignore[type-arg]
    """An exchange of the same document and kind, with one of the expected parties, on the date the
    text states (dates a reader knows only from background are not asked of an extractor)."""
    wanted = {(p["name"].casefold(), p["country"]) for p in expected["parties"]}
    for exchange in exchanges:
        sources = {e["document_source"].rsplit("/", 1)[-1] for e in exchange["evidence"]}
        parties = {
            (p["party"]["name"].casefold(), p["party"]["country"])
            for p in exchange["participants"]
            if p["party"]
        }
        dated = not expected["date_explicit"] or (exchange["date"] or "").startswith(expected["date"])
        if (
            expected["doc"] in sources
            and _same_kind(exchange["kind"], expected["kind"])
            and parties & wanted
            and dated
        ):
            return True
    return False


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seeds_exchanges_claims_mechanisms_and_parties(store_url: str) -> None:
    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    _run(store_url, "ingest", str(SEEDS))
    exchanges = [json.loads(x) for x in _run(store_url, "export", "exchanges").splitlines()]
    found = [e for e in expected["exchanges"] if _found(e, exchanges)]
    assert len(found) >= 8, [e["evidence"][:60] for e in expected["exchanges"] if e not in found]
    claims = [json.loads(x) for x in _run(store_url, "export", "claims").splitlines()]
    for claim in expected["claims"]:
        assert any(
            (c["parties"], c["countries"]) == (claim["parties"], claim["countries"])
            and claim["doc"] in {e["document_source"].rsplit("/", 1)[-1] for e in c["evidence"]}
            for c in claims
        ), claim["evidence"]
    mentions = [json.loads(x) for x in _run(store_url, "export", "mentions").splitlines()]
    forums = {m["surface"].casefold() for m in mentions if m["mechanism_id"]}
    assert {name.casefold() for name in expected["mechanisms"]} <= forums
    named = {(m["party_name"].casefold(), m["party_country"]) for m in mentions if m["party_id"]}
    assert {(p["name"].casefold(), p["country"]) for p in expected["parties_named"]} <= named
