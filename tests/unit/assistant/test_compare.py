"""Compare: requirement sets side by side, and comparison questions split deterministically."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from requirement_space import REQUIREMENTS

from assistant import Settings, build, compare, parse_assignments, recommend_hardware
from assistant.testing import MemoryRetriever, ScriptedModel
from assistant.text.alternatives import alternatives

PHONE = {"deployment": "mobile", "resolution": "720p", "duration_seconds": 10}
CLOUD = {"deployment": "cloud", "resolution": "4k", "duration_seconds": 120}
# Paraphrases of one comparison: every one must split into exactly PHONE and CLOUD.
GROUPS = {
    "en": [
        "phone 720p 10 s vs cloud 4K 2 min?",
        "720p 10-second clips on a phone versus 4K 2-minute videos in the cloud: which chip?",
        "Compare a 10-second 720p clip on a phone with a 2-minute 4K video in the cloud",
        "On a phone at 720p for 10 seconds, compared with the cloud at 4K for 2 minutes?",
    ],
    "zh": [
        "手机720p 10秒 vs 云端4K 2分钟?",
        "手机上720p 10秒 对比 云端4K 2分钟",
        "手机720p 10秒和云端4K 2分钟相比呢?",
        "比较手机上10秒720p和云端2分钟4K",
    ],
}
NOT_COMPARISONS = [
    "GPU vs NPU for 4K on a phone?",
    "用GPU还是NPU",
    "We run 4K on a phone or tablet",
    "10-second 720p clips on a phone: GPU or NPU?",
    "720p on a phone vs 720p on a phone",
]


@pytest.mark.parametrize("question", [q for group in GROUPS.values() for q in group])
def test_paraphrases_split_into_the_same_alternatives(question: str) -> None:
    options = alternatives(question)
    assert options is not None
    assert [{name: r.value for name, r in o.items()} for o in options] == [PHONE, CLOUD]


@pytest.mark.parametrize("question", NOT_COMPARISONS)
def test_a_verdict_question_is_not_split(question: str) -> None:
    assert alternatives(question) is None


def test_a_part_inherits_what_it_leaves_out() -> None:
    options = alternatives("on a phone: 720p vs 1080p")
    assert options is not None
    assert [o["deployment"].value for o in options] == ["mobile", "mobile"]


@settings(max_examples=100)
@given(st.lists(REQUIREMENTS, min_size=2, max_size=4))
def test_each_option_is_decided_by_the_rules_alone(sets: list) -> None:
    result = compare(sets)
    assert result.options == [recommend_hardware(req) for req in sets]
    for name in result.differing:
        assert len({repr(getattr(req, name)) for req in sets}) > 1
    assert result.verdicts_differ == (len({(d.verdict, d.infeasible) for d in result.options}) > 1)


def test_compare_needs_two_to_four_sets() -> None:
    one = parse_assignments(["deployment=mobile"])
    with pytest.raises(ValueError, match="2 to 4"):
        compare([one])
    with pytest.raises(ValueError, match="2 to 4"):
        compare([one] * 5)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_comparison_question_is_answered_side_by_side_without_the_model(
    lang: str, tmp_path
) -> None:
    model = ScriptedModel(arguments={"deployment": "datacenter"}, replies=("Recommendation: GPU",))
    assistant = build(Settings(data_dir=tmp_path), chat_model=model, retriever=MemoryRetriever([]))
    answers = [assistant.ask(q) for q in GROUPS[lang]]
    assert model.calls == []  # neither the reading nor the verdicts come from the model
    first = answers[0]
    assert first.language == lang and first.decision is None and first.comparison is not None
    assert [d.verdict for d in first.comparison.options] == ["NPU", "GPU"]
    assert first.comparison.differing == ["resolution", "duration_seconds", "deployment"]
    assert all(a.comparison == first.comparison for a in answers)
    assert ("方案1：NPU" if lang == "zh" else "Option 1: NPU") in first.text
    assert len(first.tool_calls) == 2
    assert first.to_dict()["comparison"]["verdicts_differ"] is True
