"""The decision map drawn as SVG and said again in words, in English and Chinese."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from assistant import decision_map, parse_assignments, recommend_hardware
from assistant.rules.decision_map import DURATIONS
from assistant.rules.flips import RESOLUTIONS
from ui.format import alt_text, map_markdown, map_svg

SVG = "{http://www.w3.org/2000/svg}"
PHONE = ["deployment=mobile", "res=720p", "duration=10s"]


def test_the_svg_colours_each_cell_marks_the_user_and_draws_the_flip() -> None:
    decision = recommend_hardware(parse_assignments(PHONE))
    root = ET.fromstring(map_svg(decision, "en"))
    cells = [r for r in root.iter(f"{SVG}rect") if r.get("width") == "52"]
    assert len(cells) == len(RESOLUTIONS) * len(DURATIONS)
    assert {c.get("fill") for c in cells} == {"#59a14f", "#4e79a7"}  # NPU and GPU
    assert len(list(root.iter(f"{SVG}circle"))) == 1
    assert len(list(root.iter(f"{SVG}line"))) == 1  # the duration flip; deployment is no axis
    assert root.find(f"{SVG}desc").text == alt_text(
        decision_map(decision.requirements), decision, "en"
    )


def test_the_alt_text_says_the_map_in_words_in_both_languages() -> None:
    decision = recommend_hardware(parse_assignments(PHONE))
    grid = decision_map(decision.requirements)
    en = alt_text(grid, decision, "en")
    assert "At 480p–2k: NPU under 5 min, GPU from 5 min." in en
    assert "At 4k–8k: GPU at any length." in en
    assert "Your job (720p, 10 s) is in the NPU area." in en
    assert "Arrow: duration: 10 s → 300 s gives GPU." in en
    zh = alt_text(grid, decision, "zh")
    assert "480p–2k：5分钟以下为NPU，5分钟及以上为GPU。" in zh
    assert "你的任务（720p，10秒）位于NPU区域。" in zh


def test_an_unplaced_job_is_said_to_be_off_the_map() -> None:
    decision = recommend_hardware(parse_assignments(["deployment=datacenter", "per_day=20000"]))
    text = alt_text(decision_map(decision.requirements), decision, "en")
    assert "not on the map" in text


def test_the_chat_image_carries_the_svg_and_the_alt_text() -> None:
    decision = recommend_hardware(parse_assignments(PHONE))
    image = map_markdown(decision, "zh")
    alt, _, data = image.removeprefix("![").partition("](data:image/svg+xml;base64,")
    assert "位于NPU区域" in alt and "[" not in alt
    assert base64.b64decode(data.removesuffix(")")).decode() == map_svg(decision, "zh")


def test_the_web_card_and_the_form_show_the_map(tmp_path) -> None:
    from support.fake_slack import scripted_assistant

    from assistant import AnswerEvent, FeedbackStore
    from ui.web_chat import AnswerView, ChatHandler

    assistant = scripted_assistant(tmp_path)
    view = AnswerView(language="en")
    view.apply(AnswerEvent(assistant.ask("10-second 720p clips on a phone: GPU or NPU?")))
    body = view.messages()[-1]["content"]
    assert "What would change it" in body
    assert "![Decision map for mobile" in body and "data:image/svg+xml;base64," in body
    handler = ChatHandler(assistant, FeedbackStore(tmp_path / "feedback.jsonl"))
    card = handler.decide_markdown("zh", {"deployment": "mobile", "resolution": "720p"})
    assert "![手机的决策图" in card
    undecided = handler.decide_markdown("en", {})
    assert "data:image/svg+xml" not in undecided
