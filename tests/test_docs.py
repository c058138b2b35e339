"""Docs that must not drift: settings, the README's two commands and CI."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from partynet.settings import SETTING_HELP, Settings, render_settings_doc

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_and_the_doc_is_current() -> None:
    assert {f.name for f in fields(Settings)} == set(SETTING_HELP)
    assert (ROOT / "docs" / "settings.md").read_text(encoding="utf-8") == render_settings_doc()


def test_readme_has_two_setup_commands_and_ci_runs_the_test_one_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```(?:bash|sh)?\n(.*?)```", readme, re.DOTALL)
    assert first_block is not None
    commands = [
        line for line in first_block.group(1).splitlines() if line.strip() and not line.startswith("#")
    ]
    assert len(commands) == 2
    demo, test = commands
    assert "partynet demo" in demo
    assert "pytest" in test
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
