"""The pure pieces around the model: guard, cue extractor and reconciliation, intent, prompts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.chat import prompts
from assistant.rules.decision import recommend_hardware
from assistant.rules.requirements import Requirements
from assistant.rules.tool_schema import tool_schema
from assistant.text.extract import extract, provenance, read, reconcile
from assistant.text.guard import check, stated_verdicts
from assistant.text.intent import classify
from assistant.text.language import detect_language
from assistant.types import Passage, Turn

SNAPSHOTS = Path(__file__).parent / "snapshots"
NPU = recommend_hardware(Requirements(deployment="mobile", resolution="720p", duration_seconds=10))


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("**Recommendation: NPU** — it sips power.", ["NPU"]),
        ("We recommend a GPU here.", ["GPU"]),
        ("Don't choose a GPU; choose an NPU.", ["NPU"]),
        ("推荐:GPU+NPU 协同", ["GPU+NPU"]),
        ("建议使用NPU,而不是GPU。", ["NPU"]),
        ("A GPU would drain the battery.", []),
    ],
)
def test_stated_verdicts(text: str, stated: list[str]) -> None:
    assert stated_verdicts(text) == stated


def test_guard_flags_contradiction_missing_verdict_and_unknown_ids() -> None:
    assert check("Recommendation: NPU [scenario.mobile]", NPU, {"scenario.mobile"}).ok
    assert "recommends GPU" in check("We recommend a GPU.", NPU, set()).problems[0]
    assert any("does not state" in p for p in check("Phones are nice.", NPU, set()).problems)
    bad = check("Recommendation: NPU [scenario.fake]", NPU, {"scenario.mobile"})
    assert bad.problems == ["cites [scenario.fake], which is neither retrieved nor in the decision"]


@given(
    st.from_regex(r"[a-z][a-z0-9_]{0,12}(\.[a-z0-9_-]{1,12}){0,2}", fullmatch=True),
    st.sampled_from(["Recommendation: NPU [{}]", "推荐:NPU。[{}]", "NPU it is [{}], clearly."]),
)
def test_guard_flags_any_id_shaped_citation_it_was_not_given(cid: str, shape: str) -> None:
    # The model invents ids from the arguments when the result gives none to copy.
    verdict = check(shape.format(cid), NPU, {"scenario.mobile"})
    assert verdict.ok == (cid == "scenario.mobile"), verdict.problems


def test_a_markdown_links_text_is_not_a_citation() -> None:
    assert check(
        "Recommendation: NPU [scenario.mobile], see [docs](x)", NPU, {"scenario.mobile"}
    ).ok


@given(st.sampled_from(["GPU", "NPU", "GPU+NPU"]), st.text(max_size=60))
def test_guard_never_passes_a_text_recommending_another_verdict(other: str, filler: str) -> None:
    decision = NPU if other != "NPU" else recommend_hardware(Requirements(resolution="8k"))
    text = f"{filler}\nRecommendation: {other}"
    if other != decision.verdict:
        assert not check(text, decision, set()).ok


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "We make 90-second 4K ads with fluid simulation",
            {"resolution": "4k", "duration_seconds": 90, "complex_motion": True},
        ),
        (
            "我们做手机短视频APP,生成10秒720p视频",
            {"resolution": "720p", "duration_seconds": 10, "deployment": "mobile"},
        ),
        (
            "Drone camera, 5 second clips, battery powered, under 5 W",
            {
                "deployment": "edge",
                "duration_seconds": 5,
                "battery_powered": True,
                "power_budget_watts": 5.0,
            },
        ),
        (
            "Our model only runs on CUDA; 20,000 templated clips per day in our data center",
            {
                "cuda_only_model": True,
                "videos_per_day": 20000,
                "templated": True,
                "deployment": "datacenter",
            },
        ),
        (
            "数据中心每天批量生成数万条1080P电商视频,用固定模板",
            {
                "deployment": "datacenter",
                "resolution": "1080p",
                "videos_per_day": 20000,
                "templated": True,
            },
        ),
        (
            "We batch 20,000 templated 1080p e-commerce clips a day",
            {"videos_per_day": 20000, "resolution": "1080p", "templated": True},
        ),
        ("两分钟的超高清视频", {"duration_seconds": 120, "resolution": "4k"}),
        ("Not battery powered, plugged into the wall", {"battery_powered": False}),
        ("Which should I use, GPU or NPU?", {}),
    ],
)
def test_extractor_reads_explicit_cues(question: str, expected: dict[str, object]) -> None:
    cues = extract(question)
    assert {k: cues[k] for k in expected if k in cues} == expected
    assert set(expected) <= set(cues)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Where the video is generated decides the deployment, not where it is watched.
        ("The handset just displays what our servers render", {"deployment": "datacenter"}),
        ("在服务器上渲染好再推送到手机", {"deployment": "datacenter"}),
        ("A cloud service whose users are on phones", {"deployment": "cloud"}),
        ("Our drones just upload footage; the cloud generates the clips", {"deployment": "cloud"}),
        ("Generated right on the user's phone, not on our servers", {"deployment": "mobile"}),
        ("4K clips on rented cloud servers", {"deployment": "cloud", "resolution": "4k"}),
        # A negated value is never set; a negated flag states false.
        ("Phone app, 720p; 4K isn't needed", {"deployment": "mobile", "resolution": "720p"}),
        ("用不到4K,8秒的片段", {"duration_seconds": 8}),
        ("4K is out of the question", {}),
        ("It won't run on the phone", {}),
        ("No CUDA lock-in, the model is portable", {"cuda_only_model": False}),
        (
            "We don't train on the drone, it only runs inference",
            {"deployment": "edge", "workload": "inference"},
        ),
        ("能不能直接在手机上生成?", {"deployment": "mobile"}),
        ("手机端不做生成,视频由云端生成", {"deployment": "cloud"}),
        ("The drone itself doesn't render anything; the cloud does", {"deployment": "cloud"}),
        ("It must run without Wi-Fi on a drone", {"deployment": "edge", "offline": True}),
        ("No fluid simulation, crowds or physics", {"complex_motion": False}),
        ("No 4K, 1080p is fine", {"resolution": "1080p"}),
        # Research and unreleased models.
        ("A model from a paper published last month", {"experimental_model": True}),
        ("It is not publicly released yet", {"experimental_model": True}),
        ("还在内测的模型", {"experimental_model": True}),
        ("A stable, released model, not a preview", {"experimental_model": False}),
        # One vague cue is not a workload.
        ("It has to be fast, and we need a lot of clips", {}),
        ("Cameras on poles get a 3W budget", {"deployment": "edge", "power_budget_watts": 3.0}),
        ("We already own a few RTX 4090s", {}),
    ],
)
def test_extractor_reads_by_clause_negation_and_role(
    question: str, expected: dict[str, object]
) -> None:
    assert extract(question) == expected


def test_every_reading_names_its_words_and_a_display() -> None:
    readings = {r.field: r for r in read("On the phone, every video shorter than 300 seconds")}
    assert readings["duration_seconds"].value == 299
    assert readings["duration_seconds"].words == "shorter than 300 seconds"
    assert readings["duration_seconds"].display == "< 300 s"
    assert readings["deployment"].words == "phone" and readings["deployment"].stated
    stated = {r.field: r for r in read("4K clips")}
    shown = provenance({"resolution": "4k", "realtime": True}, stated)
    assert shown == [
        {"field": "resolution", "value": "4k", "words": "4K", "display": "4K", "stated": True},
        {"field": "realtime", "value": True, "words": None, "display": "yes", "stated": False},
    ]


def test_reconcile_drops_model_values_the_text_rules_out() -> None:
    text = "8-second clips; 4K isn't needed. Users watch them on their phones."
    final, notes = reconcile(
        {"resolution": "4k", "deployment": "mobile", "duration_seconds": 8}, extract(text), text
    )
    assert final == {"duration_seconds": 8}
    assert any("resolution" in n and "rules it out" in n for n in notes)
    assert any("deployment" in n and "watched" in n for n in notes)


def test_reconcile_prefers_cues_and_drops_invented_values() -> None:
    text = "Drone camera making 4K clips"
    final, notes = reconcile(
        {"resolution": "1080p", "deployment": "cloud", "offline": False, "complex_motion": True},
        extract(text),
        text,
    )
    assert final == {"resolution": "4k", "deployment": "edge"}
    assert any("the text says '4k'" in n for n in notes)
    assert any("complex_motion" in n and "not grounded" in n for n in notes)


def test_reconcile_keeps_grounded_model_values() -> None:
    text = "Our short-video app makes clips with lots of action effects"
    final, _ = reconcile({"deployment": "mobile", "complex_motion": True}, extract(text), text)
    assert final["deployment"] == "mobile" and final["complex_motion"] is True


@pytest.mark.parametrize(
    ("question", "history", "intent"),
    [
        ("GPU or NPU for 4K film VFX?", [], "recommend"),
        ("手机上生成短视频用什么芯片?", [], "recommend"),
        ("我们该用GPU还是NPU?", [], "recommend"),
        ("NPU比GPU省电多少?", [], "factual"),
        ("How much more energy efficient is an NPU than a GPU?", [], "factual"),
        ("为什么NPU适合手机?", [], "factual"),
        ("What's the weather in Paris tomorrow?", [], "out_of_scope"),
        ("Write me a poem about cats", [], "out_of_scope"),
        ("10 seconds at 720p", [Turn("user", "Which should we use, GPU or NPU?")], "recommend"),
        # Off-topic uses of GPUs and video are out of scope, however they are worded.
        ("Which GPU gives the best hash rate for crypto mining?", [], "out_of_scope"),
        ("Which GPU do I need to play Cyberpunk at 1440p and 60 fps?", [], "out_of_scope"),
        ("剪视频该买Final Cut Pro还是达芬奇?", [], "out_of_scope"),
        ("Which 1080p webcam would you recommend for video meetings?", [], "out_of_scope"),
        # In scope without a GPU/NPU word.
        ("What silicon should render our AI-generated clips?", [], "recommend"),
        ("用什么芯片跑视频生成模型合适?", [], "recommend"),
        ("为什么不用GPU?", [Turn("user", "手机上生成短视频用什么芯片?")], "factual"),
        # Video without the hardware or the job is not chipwise's either.
        ("AI生成的视频右下角有水印,怎么去掉?", [], "out_of_scope"),
        ("Write me a prompt for an AI video generator: a cat surfing", [], "out_of_scope"),
        ("Does the NPU in my phone drain the battery while I'm texting?", [], "out_of_scope"),
        # Where videos are watched is how in-scope questions place the viewer.
        ("Phones only play the result; what silicon should our servers use?", [], "recommend"),
        ("想做AI短片,该买什么样的加速硬件?", [], "recommend"),
    ],
)
def test_intent(question: str, history: list[Turn], intent: str) -> None:
    assert classify(question, history) == intent


def test_language() -> None:
    assert detect_language("用GPU还是NPU?") == "zh"
    assert detect_language("GPU or NPU for 4K?") == "en"


def _snapshot(name: str, value: object) -> None:
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(text)
    assert text == path.read_text(), f"{name} changed: rerun with UPDATE_SNAPSHOTS=1 if deliberate"


def test_prompt_and_tool_transcript_snapshot() -> None:
    passage = Passage(
        "c1",
        "scenario.mobile",
        "Mobile",
        "knowledge/en/scenario.mobile.md",
        "en",
        "NPUs are 2–5× as efficient as GPUs on phones.",
        0.03,
    )
    question = "Phone app, 10 s clips at 720p: GPU or NPU?"
    _snapshot(
        "prompts",
        {
            "conversation": prompts.conversation(question, [Turn("user", "Hi")]),
            "tool": tool_schema(),
            "after_call_en": prompts.with_result(
                prompts.conversation(question, []),
                {"deployment": "mobile"},
                prompts.tool_result(NPU, "en"),
            ),
            "result_zh": prompts.tool_result(NPU, "zh"),
            "fact_en": prompts.fact_messages("How efficient are NPUs?", [passage], "en"),
        },
    )
