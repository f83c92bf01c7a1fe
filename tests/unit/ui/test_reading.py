"""The requirements as read on every card, and the `decide key=value ...` line they give."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hypothesis import given, settings

from assistant.rules.decision import recommend_hardware
from assistant.rules.requirements import Requirements, parse_assignments
from assistant.types import Answer, ToolCall
from ui import format as fmt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "assistant"))
from requirement_space import REQUIREMENTS

STATED = {
    "field": "duration_seconds",
    "value": 299,
    "words": "shorter than 300 seconds",
    "display": "< 300 s",
    "stated": True,
}
MODEL = {"field": "deployment", "value": "mobile", "words": None, "display": "mobile"}
MODEL["stated"] = False
PHONE = {"field": "deployment", "value": "mobile", "words": "手机", "display": "mobile"}
PHONE["stated"] = True
RES = {"field": "resolution", "value": "720p", "words": "720p", "display": "720p", "stated": True}
FLAG = {"field": "battery_powered", "value": True, "words": "battery", "display": "yes"}
FLAG["stated"] = True


def answer(readings: list[dict[str, object]], lang: str = "en") -> Answer:
    values = {str(r["field"]): r["value"] for r in readings}
    decision = recommend_hardware(Requirements.model_validate(values))
    call = ToolCall("recommend_hardware", values, readings=readings)
    return Answer("q", "Recommendation: NPU.", lang, "recommend", decision, tool_calls=[call])  # type: ignore[arg-type]


def test_stated_reading_shows_the_users_words_in_english() -> None:
    lines = fmt.reading_lines([STATED, RES, FLAG], None, "en")
    assert lines == [
        "🗣️ duration: < 300 s — “shorter than 300 seconds”",
        "🗣️ resolution: 720p — “720p”",
        "🗣️ battery-powered: yes — “battery”",
    ]


def test_stated_reading_in_chinese() -> None:
    lines = fmt.reading_lines([STATED | {"words": "不到5分钟"}, PHONE, FLAG], None, "zh")
    assert lines == [
        "🗣️ 时长：< 300 s — “不到5分钟”",
        "🗣️ 运行位置：mobile — “手机”",
        "🗣️ 电池供电：是 — “battery”",
    ]


def test_a_model_value_has_no_words_and_says_so() -> None:
    assert fmt.reading_lines([MODEL], None, "en") == [
        "🤖 deployment: mobile — read by the model, not in your words"
    ]
    assert fmt.reading_lines([MODEL], None, "zh") == [
        "🤖 运行位置：mobile — 由模型读出，并非你的原话"
    ]
    unit = {"field": "power_budget_watts", "value": 5.0, "words": None, "stated": False}
    assert fmt.reading_lines([unit], None, "en")[0].startswith("🤖 power budget: 5 W — ")


def test_assumed_fields_are_named_after_the_readings() -> None:
    decision = recommend_hardware(Requirements(resolution="4k"))
    assert "deployment" in decision.assumed
    en = fmt.reading_lines([RES | {"value": "4k", "words": "4K", "display": "4K"}], decision, "en")
    assert en[0] == "🗣️ resolution: 4K — “4K”"
    assert "💭 deployment — not stated: assumed by the rules" in en
    zh = fmt.reading_lines([], decision, "zh")
    assert "💭 运行位置 — 未说明：由规则假设" in zh


def test_given_requirements_are_plain_lines() -> None:
    readings = fmt.given_readings(Requirements(deployment="mobile", duration_seconds=10))
    assert fmt.reading_lines(readings, None, "en") == ["📝 duration: 10 s", "📝 deployment: mobile"]


def test_the_card_lists_the_reading_in_both_languages() -> None:
    en = fmt.answer_markdown(answer([RES, STATED, MODEL]))
    assert "**As read**\n- 🗣️ resolution: 720p — “720p”" in en
    assert "- 🗣️ duration: &lt; 300 s — “shorter than 300 seconds”" in en  # escaped
    assert "- 🤖 deployment: mobile — read by the model, not in your words" in en
    assert en.endswith(
        "To correct the reading, run: "
        "`chipwise decide resolution=720p duration=299s deployment=mobile`"
    )
    zh = fmt.answer_markdown(answer([RES, PHONE], "zh"))
    assert "**读取结果**\n- 🗣️ 分辨率：720p — “720p”\n- 🗣️ 运行位置：mobile — “手机”" in zh
    assert "如需修正读取结果，请运行：`chipwise decide resolution=720p deployment=mobile`" in zh


def test_slack_blocks_carry_the_reading_and_the_slash_decide_line() -> None:
    _, blocks = fmt.to_slack(answer([RES, STATED, MODEL]))
    text = json.dumps(blocks, ensure_ascii=False)
    assert blocks[1]["text"]["text"].startswith("*As read*\n🗣️ resolution: 720p — “720p”")
    assert "🗣️ duration: &lt; 300 s" in text
    assert "`/chipwise decide resolution=720p duration=299s deployment=mobile`" in text


def test_answer_json_has_the_readings_and_the_assumed_fields() -> None:
    data = answer([RES | {"value": "4k"}]).to_dict()
    assert data["readings"] == [RES | {"value": "4k"}]
    assert "deployment" in data["assumed"]
    assert {"question", "answer", "decision", "tool_calls", "sources", "timings"} <= set(data)
    assert Answer("q", "t", "en", "factual").to_dict()["readings"] == []


def test_decide_line_uses_short_keys_and_units() -> None:
    readings = fmt.given_readings(
        Requirements(
            deployment="mobile", duration_seconds=299, power_budget_watts=4.5, offline=False
        )
    )
    line = fmt.decide_line(readings)
    assert line == "chipwise decide duration=299s deployment=mobile power=4.5W offline=false"
    assert fmt.decide_line(readings, "/chipwise").startswith("/chipwise decide duration=299s")


@settings(max_examples=300, deadline=None)
@given(REQUIREMENTS)
def test_decide_line_parses_back_to_the_same_requirements(req: Requirements) -> None:
    for program in ("chipwise", "/chipwise"):
        line = fmt.decide_line(fmt.given_readings(req), program)
        assert parse_assignments(line.split()[2:]) == req
