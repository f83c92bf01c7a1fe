"""Properties that hold for every combination of requirements, not just the table's."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from requirement_space import REQUIREMENTS, heavy, on_device

from assistant.rules.decision import (
    FIRM_CONFIDENCE,
    NEED_PROMPTS,
    SECTION_IDS,
    Decision,
    recommend_hardware,
)
from assistant.rules.requirements import Requirements

# The same requirements, written the loose way people and models write them.
LOOSE = st.fixed_dictionaries(
    {},
    optional={
        "resolution": st.sampled_from(["4K", "超高清", "1920x1080", "高清", "8K", "720P"]),
        "duration_seconds": st.sampled_from(["90s", "2 minutes", "两分钟", "5分钟以上", "十秒"]),
        "deployment": st.sampled_from(["phone", "手机", "drone", "摄像头", "数据中心", "云端"]),
        "templated": st.sampled_from(["yes", "no", "是", "否"]),
        "videos_per_day": st.sampled_from(["数万条", "20k", "500"]),
        "power_budget_watts": st.sampled_from(["5W", "500mW", "300 watts"]),
        "battery_powered": st.sampled_from(["yes", "否"]),
        "cuda_only_model": st.sampled_from(["true", "是"]),
    },
)


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_same_input_same_decision(req: Requirements) -> None:
    first = recommend_hardware(req)
    assert recommend_hardware(req) == first
    assert recommend_hardware(Requirements.model_validate(req.known())) == first
    assert first.requirements == req


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_never_npu_inference_for_4k_8k_or_long_videos(req: Requirements) -> None:
    if heavy(req):
        decision = recommend_hardware(req)
        assert decision.verdict == "GPU" or decision.infeasible


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_never_gpu_on_a_battery_device_without_the_pitfall_warning(req: Requirements) -> None:
    decision = recommend_hardware(req)
    if on_device(req) and decision.verdict == "GPU":
        assert "pitfall.gpu-on-device" in {w.section_id for w in decision.warnings}


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_needs_only_when_there_is_no_verdict(req: Requirements) -> None:
    decision = recommend_hardware(req)
    if decision.verdict is not None and decision.confidence >= FIRM_CONFIDENCE:
        assert decision.needs == []
    if decision.verdict is not None:
        assert decision.needs == [] and decision.reasons
    elif decision.infeasible:
        assert decision.needs == [] and decision.confidence == 0.0 and decision.reasons
    else:
        assert decision.needs and decision.confidence == 0.0 and not decision.infeasible
        for name in decision.needs:
            assert name in NEED_PROMPTS and getattr(req, name) is None


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_every_citation_is_a_known_section(req: Requirements) -> None:
    decision = recommend_hardware(req)
    assert set(decision.sources) <= set(SECTION_IDS)
    for finding in (*decision.reasons, *decision.warnings, *decision.assumptions):
        assert finding.text and finding.text_zh and finding.section_id in SECTION_IDS


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_scenario_agrees_with_verdict(req: Requirements) -> None:
    decision = recommend_hardware(req)
    if decision.scenario in ("scenario.professional", "scenario.experimental"):
        assert decision.verdict == "GPU"
    if decision.scenario in ("scenario.mobile", "scenario.edge"):
        assert decision.verdict is not None and "NPU" in decision.verdict
    if decision.scenario == "scenario.datacenter":
        assert decision.verdict == "GPU+NPU"


@given(REQUIREMENTS)
def test_to_dict_is_json_and_round_trips(req: Requirements) -> None:
    decision = recommend_hardware(req)
    data = json.loads(json.dumps(decision.to_dict(), ensure_ascii=False))
    assert data["sources"] == decision.sources
    assert Decision.model_validate(data) == decision


@given(LOOSE)
def test_loose_inputs_decide_like_their_canonical_form(loose: dict[str, str]) -> None:
    req = Requirements.model_validate(loose)
    assert recommend_hardware(req) == recommend_hardware(Requirements(**req.known()))


@given(REQUIREMENTS, REQUIREMENTS)
def test_merging_keeps_every_newer_field(older: Requirements, newer: Requirements) -> None:
    merged = older.merged_with(newer)
    assert newer.known().items() <= merged.known().items()
    assert set(merged.known()) == set(older.known()) | set(newer.known())


@given(REQUIREMENTS)
def test_the_tool_result_gives_the_model_an_id_the_decision_rests_on(req: Requirements) -> None:
    from assistant.chat import prompts
    from assistant.text.guard import citations

    decision = recommend_hardware(req)
    if decision.verdict is None:
        return
    for lang in ("en", "zh"):
        cited = citations(prompts.tool_result(decision, lang))
        assert cited and set(cited) <= set(decision.sources), (cited, decision.sources)
