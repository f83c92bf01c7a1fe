"""The decision report as people see it: its HTML rendered by headless chromium, on screen
and printed (A4 PDF), with a screenshot kept for the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from ui.cli import app as cli_app

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "report"
DOCS = REPO / "docs"
JOBS = {
    "report-en": ["deployment=mobile", "res=720p", "duration=10s"],
    "report-zh": ["deployment=mobile", "res=4k", "duration=10min", "offline=true", "--lang", "zh"],
}


def _report(name: str, tmp_path: Path) -> Path:
    result = CliRunner().invoke(cli_app, ["report", *JOBS[name], "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return Path(result.output.split()[0])


def test_the_report_renders_and_prints(browser: Any, tmp_path: Path) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name in JOBS:
        page = browser.new_page(viewport={"width": 900, "height": 1200})
        fetched: list[str] = []
        page.on("request", lambda request, seen=fetched: seen.append(request.url))
        page.goto(_report(name, tmp_path).as_uri())
        assert [url for url in fetched if not url.startswith("file:")] == []  # self-contained
        svg = page.locator("svg").bounding_box()
        assert svg is not None and svg["width"] > 300  # the map is drawn, not a broken image
        assert page.locator("h2").count() >= 4  # requirements, why, flips, map
        page.screenshot(path=OUTPUT / f"{name}.png", full_page=True)
        page.screenshot(path=DOCS / f"{name}.png", full_page=True)
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF")
        (OUTPUT / f"{name}.pdf").write_bytes(pdf)
        page.close()
