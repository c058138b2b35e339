"""The report opens in a real headless Chromium with its charts and map drawn (Debian's chromium,
driven by Playwright; skipped where neither is installed). Screenshots go to PARTYNET_SCREENSHOTS
when it is set, else to the test's temporary directory."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from partynet.cli import app
from tests.analysis.test_network_figures import scenario

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium on this machine")


def test_report_renders_charts_and_map_in_chromium(store_url: str, tmp_path: Path) -> None:
    scenario().write(store_url).close()
    result = CliRunner().invoke(app, ["--db", store_url, "report", "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    shots = Path(os.environ.get("PARTYNET_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((tmp_path / "r" / "report.html").as_uri())
        assert page.locator("svg.pygal-chart").count() == 4
        # the countries in contact are drawn filled on the map: Viet Nam, South Africa, Cuba, Russia, China
        shaded = page.locator("#map ~ div svg .country.vn, #map ~ div svg .country.za")
        assert shaded.count() >= 2
        assert page.locator("#fig-partners").inner_text() == "5"
        page.click("#fig-exchanges")
        assert page.locator("#ex-e1").is_visible()
        page.goto((tmp_path / "r" / "report.html").as_uri())
        page.screenshot(path=str(shots / "report.png"), full_page=False)
        page.locator("#map").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "report-map.png"))
        browser.close()
    assert not errors, errors
    assert (shots / "report.png").stat().st_size > 10_000


def test_demo_report_in_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert CliRunner().invoke(app, ["--db", url, "demo", "--json", "--report", "out"]).exit_code == 0
    shots = Path(os.environ.get("PARTYNET_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page(viewport={"width": 1100, "height": 1300})
        page.goto((tmp_path / "out" / "report.html").as_uri())
        assert page.locator("svg.pygal-chart").count() == 4
        assert page.locator("h1").inner_text().startswith("Communist Party of China")
        page.screenshot(path=str(shots / "demo-report.png"))
        page.locator("#map").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "demo-report-map.png"))
        browser.close()
