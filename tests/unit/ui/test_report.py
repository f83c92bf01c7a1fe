"""`chipwise report` and the page's report files: the one-pager in HTML and Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.fake_slack import scripted_assistant
from typer.testing import CliRunner

from assistant import Turn
from ui import cli
from ui.cli import app as cli_app
from ui.web_chat import Conversation
from ui.web_report import report_files

PHONE = ["deployment=mobile", "res=720p", "duration=10s"]


def _no_model() -> Any:
    raise AssertionError("a key=value report must not build the assistant (no model)")


def test_a_key_value_report_needs_no_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_assistant", _no_model)
    result = CliRunner().invoke(cli_app, ["report", *PHONE, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    paths = [Path(line) for line in result.output.split()]
    assert [p.suffix for p in paths] == [".html", ".md"] and all(p.is_file() for p in paths)
    markdown = paths[1].read_text("utf-8")
    assert "## Verdict: NPU · Mobile and lightweight generation" in markdown
    assert "- 📝 resolution: 720p" in markdown  # stated (given) requirements
    # the cited section's own opening sentence, with its title
    assert "> Short-video apps and AI editing on a phone or tablet should go to the NPU" in markdown
    assert "## What would change it" in markdown
    assert "## Decision map" in markdown and "Your job (720p, 10 s) is in the NPU area." in markdown
    assert "Knowledge version: sha256:" in markdown
    assert "Model: none: the decision rules alone" in markdown
    page = paths[0].read_text("utf-8")
    assert (
        page.startswith("<!DOCTYPE html>")
        and "<svg" in page
        and "http" not in page.replace("http://www.w3.org/2000/svg", "")
    )  # self-contained: nothing to fetch


def test_a_report_says_what_was_assumed_in_chinese(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli_app, ["report", "res=4k", "duration=2min", "--lang", "zh", "--out", str(tmp_path)]
    )
    markdown = Path(result.output.split()[1]).read_text("utf-8")
    assert "# chipwise 决策报告" in markdown
    assert "💭 运行位置 — 未说明：由规则假设" in markdown
    assert "模型：无：仅使用决策规则" in markdown


def test_bad_report_input_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["report", "colour=blue", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "unknown requirement" in result.output
    both = CliRunner().invoke(cli_app, ["report", *PHONE, "-q", "GPU or NPU?"])
    assert both.exit_code == 2 and "not both" in both.output


def test_a_question_report_uses_the_assistant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assistant = scripted_assistant(tmp_path / "data")
    monkeypatch.setattr(cli, "_assistant", lambda: assistant)
    question = "We generate 10-second 720p clips on a phone: GPU or NPU?"
    result = CliRunner().invoke(cli_app, ["report", "-q", question, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    markdown = Path(result.output.split()[1]).read_text("utf-8")
    assert f"**Question**: {question}" in markdown
    assert "🗣️ resolution: 720p — “720p”" in markdown  # stated, with the user's words
    assert "Model: scripted" in markdown and "## Answer" in markdown


def test_the_page_writes_the_last_decided_answer(tmp_path: Path) -> None:
    assistant = scripted_assistant(tmp_path / "data")
    assert report_files(assistant, Conversation()) is None
    answer = assistant.ask("我们做手机短视频APP，生成10秒720p视频，用GPU还是NPU？")
    conv = Conversation(turns=[Turn("user", answer.question)], answers={1: (answer, [])})
    files = report_files(assistant, conv)
    assert files is not None and [Path(f).suffix for f in files] == [".html", ".md"]
    assert "结论：NPU" in Path(files[1]).read_text("utf-8")
