"""What would change it, on every front end: card, Slack blocks, API JSON, decide and ask."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.fake_slack import scripted_assistant
from typer.testing import CliRunner

from assistant import parse_assignments, recommend_hardware
from ui import cli
from ui.api import create_api
from ui.cli import app as cli_app
from ui.format import decision_card_markdown, decision_to_slack, to_slack

PHONE = ["deployment=mobile", "resolution=720p", "duration=10s"]
QUESTION = "We generate 10-second 720p clips on a phone: GPU or NPU?"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return scripted_assistant(tmp_path_factory.mktemp("flips"))


def test_the_card_says_what_would_change_it_in_english_and_chinese() -> None:
    decision = recommend_hardware(parse_assignments(PHONE))
    en = decision_card_markdown(decision, "en")
    assert "**What would change it**" in en
    assert "- ➡️ deployment: mobile → cloud gives GPU `summary`" in en
    zh = decision_card_markdown(decision, "zh")
    assert "**怎样会改变结论**" in zh
    assert "- ➡️ 运行位置：手机 → 云端，结论变为 GPU `summary`" in zh


def test_the_card_names_the_constraints_it_held_fixed() -> None:
    items = ["deployment=mobile", "res=4k", "duration=10min", "offline=true"]
    card = decision_card_markdown(recommend_hardware(parse_assignments(items)), "en")
    assert "🔒 Held fixed (stated constraints): offline" in card
    assert "offline: no → " not in card and "offline: yes → " not in card


def test_a_verdict_nothing_nearby_changes_says_so() -> None:
    items = ["deployment=cloud", "res=4k", "duration=2min"]
    card = decision_card_markdown(recommend_hardware(parse_assignments(items)), "en")
    assert "No nearby change of the requirements gives another verdict." in card


def test_an_undecided_card_asks_instead_of_listing_flips() -> None:
    card = decision_card_markdown(recommend_hardware(parse_assignments([])), "en")
    assert "What would change it" not in card


def test_slack_blocks_carry_the_flips() -> None:
    _, blocks = decision_to_slack(recommend_hardware(parse_assignments(PHONE)), "zh")
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    flips = [t for t in texts if t.startswith("*怎样会改变结论*")]
    assert flips and "➡️ 运行位置：手机 → 云端，结论变为 GPU `summary`" in flips[0]


def test_cli_decide_prints_and_serialises_the_flips() -> None:
    result = CliRunner().invoke(cli_app, ["decide", *PHONE])
    assert result.exit_code == 0, result.output
    assert "What would change it" in result.output
    assert "deployment: mobile → cloud gives GPU" in result.output
    result = CliRunner().invoke(cli_app, ["decide", "--json", *PHONE])
    data = json.loads(result.output)
    assert data["flips"][0]["changes"] == [{"field": "deployment", "from": "mobile", "to": "cloud"}]
    assert {f["verdict"] for f in data["flips"]} == {"GPU"}


def test_cli_ask_shows_the_flips(assistant: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_assistant", lambda: assistant)
    result = CliRunner().invoke(cli_app, ["ask", QUESTION])
    assert result.exit_code == 0, result.output
    assert "What would change it" in result.output
    result = CliRunner().invoke(cli_app, ["ask", "--json", QUESTION])
    flips = json.loads(result.output)["decision"]["flips"]
    assert flips[0]["text"] == "deployment: mobile → cloud gives GPU"


def test_the_api_json_has_the_flips(assistant: Any) -> None:
    client = TestClient(create_api(assistant))
    decided = client.post("/v1/decide", json={"deployment": "手机", "resolution": "720P"}).json()
    assert decided["flips"][0]["verdict"] == "GPU"
    assert decided["flips"][0]["section_id"] == "summary"
    asked = client.post("/v1/ask", json={"question": QUESTION}).json()
    assert (
        asked["decision"]["flips"]
        == recommend_hardware(parse_assignments(PHONE)).to_dict()["flips"]
    )


def test_the_slack_answer_carries_the_flips(assistant: Any) -> None:
    _, blocks = to_slack(assistant.ask(QUESTION))
    assert any(
        "*What would change it*" in b["text"]["text"] for b in blocks if b["type"] == "section"
    )
