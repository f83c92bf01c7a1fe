"""A job no hardware fits gets a plain, deterministic answer: why, and the two ways out."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import build
from assistant.chat import templates
from assistant.rules.decision import recommend_hardware
from assistant.rules.requirements import Requirements
from assistant.settings import Settings
from assistant.testing import MemoryRetriever, ScriptedModel

OFFLINE_DRONE_8K = Requirements(deployment="edge", offline=True, resolution="8k")


@pytest.mark.parametrize(
    ("lang", "head", "way_out"),
    [("en", "No hardware fits", "Way out 2"), ("zh", "按目前的条件,没有可行的硬件方案", "出路二")],
)
def test_the_template_says_why_and_gives_both_ways_out(lang: str, head: str, way_out: str) -> None:
    decision = recommend_hardware(OFFLINE_DRONE_8K)
    text = templates.infeasible(decision, lang)
    assert text.startswith(head) and way_out in text
    for finding in (*decision.reasons, *decision.warnings):
        assert (finding.text_zh if lang == "zh" else finding.text) in text
        assert f"[{finding.section_id}]" in text


def test_the_pipeline_answers_an_infeasible_job_without_the_model(tmp_path: Path) -> None:
    model = ScriptedModel(arguments=OFFLINE_DRONE_8K.known(), replies=["Recommendation: GPU."])
    assistant = build(Settings(data_dir=tmp_path), chat_model=model, retriever=MemoryRetriever([]))
    answer = assistant.ask("Our offline drone must make 8K videos on board: GPU or NPU?")
    assert answer.decision is not None and answer.decision.infeasible
    assert answer.verdict is None and answer.needs == []
    assert answer.text.startswith("No hardware fits")
    assert answer.cited == answer.decision.sources
    assert [kind for kind, _ in model.calls] == ["tool"]


@pytest.mark.parametrize(
    ("lang", "line"), [("en", "No hardware fits"), ("zh", "没有可行的硬件方案")]
)
def test_the_card_says_nothing_fits(lang: str, line: str) -> None:
    from ui.format import decision_card_markdown, verdict_line

    decision = recommend_hardware(OFFLINE_DRONE_8K)
    assert line in verdict_line(decision, lang)
    assert line in decision_card_markdown(decision, lang)
