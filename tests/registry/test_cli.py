from __future__ import annotations

import json

from typer.testing import CliRunner

from partynet.cli import app

runner = CliRunner()


def run(store_url: str, *args: str) -> dict | list:  # type: ignore[type-arg]
    result = runner.invoke(app, ["--db", store_url, "registry", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_search_show_and_stats_speak_json(store_url: str) -> None:
    found = run(store_url, "search", "非国大", "--json")
    assert isinstance(found, list)
    assert found[0]["id"] == "pf:1219"
    assert set(found[0]) >= {"id", "name", "country", "score", "reason"}
    shown = run(store_url, "show", "pf:1219", "--json")
    assert isinstance(shown, dict)
    assert shown["name_zh"]
    assert "ANC" in {a["text"] for a in shown["aliases"]}
    stats = run(store_url, "stats", "--json")
    assert isinstance(stats, dict)
    assert stats["parties"] >= 5800
    assert stats["countries"] >= 200
    assert stats["aliases"] > stats["parties"]


def test_analysts_add_alias_and_merge_through_the_cli(store_url: str) -> None:
    added = runner.invoke(
        app,
        ["--db", store_url, "registry", "add", "Workers Party of Wonderland", "--country", "GBR", "--zh", "仙境工人党",
         "--note", "party leaflet, 2024", "--by", "ana"],
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    new_id = added.output.strip()
    assert run(store_url, "search", "仙境工人党", "--json")[0]["id"] == new_id  # type: ignore[index]
    alias = runner.invoke(
        app, ["--db", store_url, "registry", "alias", new_id, "WPW", "--kind", "abbreviation", "--by", "ana"]
    )
    assert alias.exit_code == 0, alias.output
    merged = runner.invoke(app, ["--db", store_url, "registry", "merge", new_id, "pf:1516", "--by", "ana"])
    assert merged.exit_code == 0, merged.output
    assert run(store_url, "show", new_id, "--json")["merged_into"] == "pf:1516"  # type: ignore[index]


def test_unknown_ids_and_missing_notes_are_clear_errors(store_url: str) -> None:
    missing = runner.invoke(app, ["--db", store_url, "registry", "show", "pf:0"])
    assert missing.exit_code == 1
    assert "no registry entry" in missing.output
    no_note = runner.invoke(app, ["--db", store_url, "registry", "add", "Some Party"])
    assert no_note.exit_code == 2
    assert "--note" in no_note.output
