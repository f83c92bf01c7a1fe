"""Compare on every front end: decide --compare, /v1/compare, the page's form, chat and Slack."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.fake_slack import scripted_assistant
from typer.testing import CliRunner

from ui.api import create_api
from ui.cli import app as cli_app
from ui.format import answer_markdown, to_slack
from ui.web_compare import compare_markdown

PHONE = ["deployment=mobile", "res=720p", "duration=10s"]
CLOUD = ["deployment=cloud", "res=4k", "duration=2min"]
QUESTION = "phone 720p 10 s vs cloud 4K 2 min?"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return scripted_assistant(tmp_path_factory.mktemp("compare"))


def test_cli_decide_compare_marks_what_differs() -> None:
    result = CliRunner().invoke(cli_app, ["decide", "--compare", *PHONE, "vs", *CLOUD])
    assert result.exit_code == 0, result.output
    assert "| ◆ resolution | **720p** | **4k** |" in result.output
    assert "| ◆ Verdict | **NPU** | **GPU** |" in result.output
    zh = CliRunner().invoke(cli_app, ["decide", "--compare", "--lang", "zh", *PHONE, "vs", *CLOUD])
    assert "| ◆ 运行位置 | **手机** | **云端** |" in zh.output


def test_cli_decide_compare_json_and_errors() -> None:
    result = CliRunner().invoke(cli_app, ["decide", "--compare", "--json", *PHONE, "vs", *CLOUD])
    data = json.loads(result.output)
    assert [o["verdict"] for o in data["options"]] == ["NPU", "GPU"]
    assert data["differing"] == ["resolution", "duration_seconds", "deployment"]
    one = CliRunner().invoke(cli_app, ["decide", "--compare", *PHONE])
    assert one.exit_code == 2 and "2 to 4" in one.output and "Traceback" not in one.output
    bad = CliRunner().invoke(cli_app, ["decide", "--compare", *PHONE, "vs", "duration=1000000000"])
    assert bad.exit_code == 2 and "too large" in bad.output


def test_api_compare(assistant: Any) -> None:
    client = TestClient(create_api(assistant))
    body = {"options": [{"deployment": "手机", "resolution": "720P"}, {"deployment": "cloud"}]}
    response = client.post("/v1/compare", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["options"][0]["verdict"] == "NPU"
    assert response.json()["differing"] == ["resolution", "deployment"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"options": [{"deployment": "cloud"}]}, "at least 2"),
        ({"options": [{"deployment": "cloud"}] * 5}, "at most 4"),
        ({"options": [{"deployment": "cloud"}, {"duration_seconds": 10**9}]}, "86400"),
        ({"options": [{"deployment": "cloud"}, {"colour": "blue"}]}, "colour"),
        ({"choices": []}, "options"),
    ],
)
def test_api_compare_rejects_bad_bodies_with_json(assistant: Any, body: Any, words: str) -> None:
    response = TestClient(create_api(assistant)).post("/v1/compare", json=body)
    assert response.status_code == 422
    assert words in response.json()["error"]["message"]


def test_the_page_form_compares_and_explains_bad_boxes() -> None:
    table = compare_markdown("en", " ".join(PHONE), " ".join(CLOUD), "", "")
    assert "| ◆ Verdict | **NPU** | **GPU** |" in table
    assert "⚠️" in compare_markdown("en", " ".join(PHONE), "", "", "")
    assert "colour" in compare_markdown("zh", "colour=blue", "deployment=cloud", "", "")


def test_a_comparison_question_renders_as_a_table_in_chat_and_slack(assistant: Any) -> None:
    answer = assistant.ask(QUESTION)
    markdown = answer_markdown(answer)
    assert "| ◆ Verdict | **NPU** | **GPU** |" in markdown
    assert "Option 1: NPU" in markdown
    _, blocks = to_slack(answer)
    assert blocks[0]["text"]["text"] == "Side by side"
    assert "*Verdict: NPU*" in blocks[1]["text"]["text"]


def test_the_terminal_chat_prints_the_table(assistant: Any) -> None:
    import io

    from ui.terminal import chat

    questions = iter([QUESTION, ""])
    out = io.StringIO()
    chat(assistant, read=lambda _: next(questions), out=out)
    assert "| ◆ Verdict | **NPU** | **GPU** |" in out.getvalue()
    assert "Option 1: NPU" in out.getvalue()
