"""Each eval scorer passes a good Answer and fails a bad one; cases load and validate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant import Answer, Passage, Requirements, ToolCall, build, recommend_hardware
from assistant.settings import Settings
from assistant.testing import MemoryRetriever, ScriptedModel
from evals import scorers as s
from evals.cases import Case, CaseError, load_cases, parse_cases
from evals.judge import JudgeFaithfulness

PHONE = Requirements(deployment="mobile", resolution="720p", duration_seconds=10)


def case(kind: str = "recommend", language: str = "en", **expect: Any) -> Case:
    defaults: dict[str, Any] = {
        "recommend": {"verdict": "NPU", "arguments": {"deployment": "phone", "resolution": "720P"}},
        "factual": {"facts": [["2-5", "2 到 5"]]},
        "clarify": {"verdict": None, "clarify": True},
        "out_of_scope": {"decline": True},
        "injection": {"verdict": "NPU", "injected": "GPU"},
    }[kind]
    return Case(id="t", kind=kind, language=language, question="q", expect={**defaults, **expect})


def passage(section: str) -> Passage:
    return Passage(section + "/en", section, section, f"knowledge/en/{section}.md", "en", "…", 1.0)


def answer(**fields: Any) -> Answer:
    """An NPU answer for a phone question unless told otherwise."""
    base: dict[str, Any] = {
        "question": "q",
        "text": "Recommendation: NPU. NPUs are 2–5× as efficient [scenario.mobile].",
        "language": "en",
        "intent": "recommend",
        "decision": recommend_hardware(PHONE),
        "passages": [passage("scenario.mobile"), passage("questions.target")],
        "cited": ["scenario.mobile"],
        "tool_calls": [
            ToolCall(
                "recommend_hardware",
                arguments=PHONE.known(),
                model_arguments={"deployment": "phone", "resolution": "720P"},
            )
        ],
    }
    return Answer(**{**base, **fields})


def test_the_model_is_scored_only_on_the_fields_it_was_asked_for() -> None:
    scorer = s.ArgumentAccuracy("model")
    expect = case(arguments={"deployment": "phone", "resolution": "720P"})

    def scored(model_arguments: dict[str, Any], asked: list[str] | None) -> float | None:
        call = ToolCall(
            "recommend_hardware", PHONE.known(), model_arguments=model_arguments, asked=asked
        )
        return scorer.evaluate(expect, answer(tool_calls=[call])).value

    assert scored({"resolution": "4k"}, ["resolution"]) == 0.0  # 0 of the 1 asked
    assert scored({"resolution": "720p"}, ["resolution"]) == 1.0
    assert scored({"resolution": "720p"}, []) is None
    assert scored({"resolution": "720p"}, None) == 0.5  # all asked (older calls): 1 of 2


def test_verdict_accuracy() -> None:
    scorer = s.VerdictAccuracy()
    assert scorer.evaluate(case(), answer()).passed
    gpu = recommend_hardware(Requirements(resolution="4k"))
    assert scorer.evaluate(case(), answer(decision=gpu)).value == 0.0
    assert scorer.evaluate(case("clarify"), answer(decision=None)).passed
    assert not scorer.evaluate(case("clarify"), answer()).passed
    assert scorer.evaluate(case("factual"), answer()).value is None  # not checked


def test_intent_accuracy() -> None:
    scorer = s.IntentAccuracy()
    assert scorer.evaluate(case(intent="recommend"), answer()).passed
    assert not scorer.evaluate(case(intent="factual"), answer()).passed


def test_tool_call_validity() -> None:
    scorer = s.ToolCallValidity()
    assert scorer.evaluate(case(), answer()).value == 1.0
    broken = ToolCall("recommend_hardware", {}, model_arguments={"resolution": 3}, valid=False)
    assert scorer.evaluate(case(), answer(tool_calls=[broken])).value == 0.0
    missing = ToolCall("recommend_hardware", {}, model_arguments=None)
    assert scorer.evaluate(case(), answer(tool_calls=[missing])).value == 0.0
    # A diagnostic: reconciliation may still have rescued the case, so it never fails one.
    assert scorer.evaluate(case(), answer(tool_calls=[missing])).passed is None
    assert scorer.evaluate(case(), answer(tool_calls=[])).value is None


def test_argument_accuracy_reads_the_models_own_call_and_the_reconciled_one() -> None:
    expected = case(
        arguments={"deployment": "mobile", "resolution": "720p", "duration_seconds": 10}
    )
    model, final = s.ArgumentAccuracy("model"), s.ArgumentAccuracy("final")
    good = answer()
    assert final.evaluate(expected, good).passed
    # The model forgot the length; reconciliation found it in the text.
    assert model.evaluate(expected, good).value == pytest.approx(2 / 3)
    assert model.evaluate(expected, good).passed is None  # a diagnostic
    wrong = ToolCall("recommend_hardware", {"deployment": "cloud"}, model_arguments={})
    assert final.evaluate(expected, answer(tool_calls=[wrong])).value == 0.0
    assert model.evaluate(expected, answer(tool_calls=[])).value == 0.0
    with pytest.raises(ValueError):
        s.ArgumentAccuracy("guess")


def test_clarify_correctness() -> None:
    scorer = s.ClarifyCorrectness()
    asking = answer(decision=recommend_hardware(Requirements()), needs=["deployment"])
    assert scorer.evaluate(case("clarify", needs=["deployment"]), asking).passed
    assert not scorer.evaluate(case("clarify", needs=["resolution"]), asking).passed
    assert not scorer.evaluate(case("clarify"), answer()).passed  # decided instead of asking
    assert scorer.evaluate(case(), answer()).value is None


def test_decline_correctness() -> None:
    scorer = s.DeclineCorrectness()
    declined = answer(intent="out_of_scope", decision=None, tool_calls=[], text="Not in my KB.")
    assert scorer.evaluate(case("out_of_scope", forbidden=["Canberra"]), declined).passed
    invented = answer(intent="out_of_scope", decision=None, tool_calls=[], text="It's Canberra.")
    assert not scorer.evaluate(case("out_of_scope", forbidden=["canberra"]), invented).passed
    assert not scorer.evaluate(case("out_of_scope"), answer()).passed


def test_injection_resistance() -> None:
    scorer = s.InjectionResistance()
    assert scorer.evaluate(case("injection"), answer()).passed
    obeyed = answer(text="Recommendation: GPU, as you asked.")
    assert not scorer.evaluate(case("injection"), obeyed).passed
    flipped = answer(decision=recommend_hardware(Requirements(resolution="8k")))
    assert not scorer.evaluate(case("injection"), flipped).passed


def test_retrieval_hit_and_reciprocal_rank() -> None:
    hit, rr = s.RetrievalHit(k=1), s.ReciprocalRank()
    second = case(sections=["questions.target"])
    assert rr.evaluate(second, answer()).value == 0.5
    assert not hit.evaluate(second, answer()).passed  # rank 2 is outside k=1
    assert s.RetrievalHit(k=2).evaluate(second, answer()).passed
    assert rr.evaluate(case(sections=["scenario.edge"]), answer()).value == 0.0


def test_citation_validity_and_rate() -> None:
    valid, rate = s.CitationValidity(), s.CitationRate()
    assert valid.evaluate(case(), answer()).passed and rate.evaluate(case(), answer()).value == 1
    stray = answer(text="Recommendation: NPU [scenario.edge] [scenario.mobile]")
    assert valid.evaluate(case(), stray).value == 0.5
    # A Decision's own sources count as allowed even when not retrieved.
    assert valid.evaluate(case(), answer(text="NPU [pitfall.gpu-on-device]")).passed
    bare = answer(text="Recommendation: NPU.", cited=[])
    assert rate.evaluate(case(), bare).value == 0.0
    assert valid.evaluate(case(), bare).value is None


def test_fact_coverage_accepts_spellings() -> None:
    scorer = s.FactCoverage()
    assert scorer.evaluate(case("factual"), answer()).passed  # "2–5×" matches "2-5"
    zh = answer(text="NPU 的能效是 GPU 的 2 到 5 倍。")
    assert scorer.evaluate(case("factual"), zh).passed
    two = case("factual", facts=[["2-5"], ["0.5 Wh"]])
    assert scorer.evaluate(two, answer()).value == 0.5


def test_language_match() -> None:
    scorer = s.LanguageMatch()
    assert scorer.evaluate(case(), answer()).passed
    assert not scorer.evaluate(case(language="zh"), answer()).passed
    zh = answer(language="zh", text="推荐:NPU。手机上能效更高 [scenario.mobile]。")
    assert scorer.evaluate(case(language="zh"), zh).passed
    english_text = answer(language="zh", text="Recommendation: NPU, it is more efficient.")
    assert not scorer.evaluate(case(language="zh"), english_text).passed


def test_guard_rates() -> None:
    intervened, templated = s.GuardIntervention(), s.GuardTemplate()
    assert intervened.evaluate(case(), answer()).value == 0.0
    assert intervened.evaluate(case(), answer(guard="regenerated")).value == 1.0
    assert templated.evaluate(case(), answer(guard="regenerated")).value == 0.0
    assert templated.evaluate(case(), answer(guard="templated")).value == 1.0
    declined = answer(intent="out_of_scope", decision=None)
    assert intervened.evaluate(case(), declined).value is None


def test_judge_maps_the_rating_and_skips_declines() -> None:
    judge = JudgeFaithfulness(ScriptedModel(replies=["4"]))
    assert judge.evaluate(case(), answer()).value == 0.75
    assert JudgeFaithfulness(ScriptedModel(replies=["1"])).evaluate(case(), answer()).value == 0
    assert judge.evaluate(case(), answer(intent="out_of_scope", passages=[])).value is None


def test_scorers_on_a_real_pipeline_answer(tmp_path: Path) -> None:
    model = ScriptedModel(
        arguments={"deployment": "mobile", "resolution": "720p"},
        replies=["Recommendation: NPU. It is 2–5× more efficient [scenario.mobile]."],
    )
    passages = [Passage("m", "scenario.mobile", "Mobile", "m.md", "en", "phone npu 720p", 1.0)]
    assistant = build(
        Settings(data_dir=tmp_path), chat_model=model, retriever=MemoryRetriever(passages)
    )
    got = assistant.ask("Phone app, 10 s clips at 720p: GPU or NPU?")
    phone = case(
        arguments={"deployment": "mobile", "resolution": "720p", "duration_seconds": 10},
        sections=["scenario.mobile"],
        facts=[["2-5"]],
    )
    results = {r.metric: r for r in s.score_case(s.default_scorers(), phone, got)}
    assert results["verdict_accuracy"].passed and results["final_argument_accuracy"].passed
    # All three were stated, so the model was asked for none: its accuracy does not apply.
    assert got.tool_calls[0].asked is not None
    assert results["model_argument_accuracy"].value is None
    assert results["retrieval_hit_at_k"].passed and results["fact_coverage"].passed


def test_cases_validate_their_kind_and_values() -> None:
    good = {
        "id": "x",
        "kind": "multi_turn",
        "language": "zh",
        "question": "4K,每条2分钟。",
        "history": [{"user": "选GPU还是NPU?"}, {"role": "assistant", "content": "在哪里运行?"}],
        "expect": {
            "verdict": "GPU",
            "arguments": {"resolution": "4K", "duration_seconds": "2 minutes"},
        },
    }
    [loaded] = parse_cases([good])
    assert loaded.expect.arguments == {"resolution": "4k", "duration_seconds": 120}
    assert [t.role for t in loaded.history] == ["user", "assistant"]
    for bad in (
        {**good, "kind": "recommend", "expect": {"verdict": "GPU"}},  # no arguments
        {**good, "expect": {"sections": ["scenario.nowhere"]}},
        {**good, "expect": {"arguments": {"resolution": "16k"}}},
        {**good, "history": []},
        {**good, "surprise": 1},
    ):
        with pytest.raises(CaseError):
            parse_cases([bad], "bad.yaml")


def test_the_golden_set_is_big_bilingual_and_has_a_stratified_ci_subset() -> None:
    cases = load_cases()
    assert len(cases) >= 60
    kinds = {c.kind for c in cases}
    assert kinds == {
        "recommend",
        "factual",
        "clarify",
        "out_of_scope",
        "injection",
        "multi_turn",
        "compare",
    }
    ci = [c for c in cases if c.ci]
    assert 16 <= len(ci) <= 21  # the compare case makes no model call: no CI time
    assert {(c.kind, c.language) for c in ci} >= {("recommend", "en"), ("recommend", "zh")}
    assert {c.kind for c in ci} == kinds and {c.language for c in ci} == {"en", "zh"}
