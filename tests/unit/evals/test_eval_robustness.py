"""The robustness set (paraphrase groups as cases), verdict agreement within a group, and the
gate's absolute floors. Fast: data, pure functions and the scripted pipeline."""

from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant import Answer, Passage, Requirements, ToolCall, build
from assistant.settings import Settings
from assistant.testing import MemoryRetriever, ScriptedModel
from evals import scorers as s
from evals.cases import Case, load_cases
from evals.floors import FLOORS
from evals.metrics import aggregate, compare, counts
from evals.paraphrase_cases import (
    CI_GROUPS,
    CI_PAIRS,
    PARAPHRASES_DIR,
    ci_plan,
    load_eval_set,
    load_groups,
    robustness_cases,
)
from evals.robustness import group_results, robustness
from evals.runner import Options, evaluate

GROUPS = load_groups()
CASES = robustness_cases()


def test_every_group_gives_one_english_and_one_chinese_case() -> None:
    assert len(GROUPS) >= 87 and len(CASES) == 2 * len(GROUPS)
    by_group: dict[str, list[Case]] = {}
    for case in CASES:
        by_group.setdefault(case.group, []).append(case)
    assert set(by_group) == {g.id for g in GROUPS}
    for group in GROUPS:
        pair = by_group[group.id]
        assert sorted(c.language for c in pair) == ["en", "zh"]
        for case in pair:
            assert case.kind == "robustness" and case.id == f"robust.{group.id}.{case.language}"
            assert (case.language, case.question) in group.phrasings
            e = case.expect
            if not group.in_scope:
                assert e.decline and e.intent == "out_of_scope" and e.verdict is None
                continue
            assert e.intent == "recommend" and e.checks_verdict
            assert e.verdict == group.expect["verdict"]
            assert e.arguments == group.expect["requirements"]
            assert e.accept == {k: tuple(v) for k, v in group.expect.get("accept", {}).items()}
            infeasible = group.expect.get("infeasible", False)
            assert e.clarify == (e.verdict is None and not infeasible)
            assert e.needs == group.expect.get("needs", [])


def test_the_selection_is_deterministic_and_independent_of_order(tmp_path: Path) -> None:
    again = robustness_cases()
    assert [(c.id, c.question, c.ci) for c in again] == [(c.id, c.question, c.ci) for c in CASES]
    # The same groups with their phrasings and the groups themselves in reverse order.
    for path in PARAPHRASES_DIR.glob("*.yaml"):
        groups = yaml.safe_load(path.read_text(encoding="utf-8"))
        for group in groups:
            group["phrasings"].reverse()
        (tmp_path / path.name).write_text(yaml.safe_dump(groups[::-1], allow_unicode=True), "utf-8")
    shuffled = {c.id: (c.question, c.ci) for c in robustness_cases(tmp_path)}
    assert shuffled == {c.id: (c.question, c.ci) for c in CASES}
    assert ci_plan(GROUPS[::-1]) == ci_plan(GROUPS)


def test_the_ci_subset_is_small_and_stratified() -> None:
    ci = robustness_cases(ci_only=True)
    assert ci == [c for c in CASES if c.ci]
    assert len(ci) == CI_GROUPS + CI_PAIRS
    groups = {g.id: g for g in GROUPS}
    picked = Counter(c.group for c in ci)
    assert len(picked) == CI_GROUPS and sorted(picked.values()).count(2) == CI_PAIRS
    assert {groups[g].theme for g in picked} == {g.theme for g in GROUPS}  # every theme
    assert Counter(groups[g].theme for g in picked).most_common(1)[0][1] <= 2
    languages = Counter(c.language for c in ci)
    assert abs(languages["en"] - languages["zh"]) <= 1
    outcomes = {c.expect.verdict for c in ci if not c.expect.decline}
    assert any(c.expect.decline for c in ci) and len(outcomes) >= 3


def test_the_eval_set_has_at_least_150_cases_with_decline_well_measured(tmp_path: Path) -> None:
    cases = load_eval_set()
    assert len(cases) >= 150
    assert len({c.id for c in cases}) == len(cases)
    kinds = Counter(c.kind for c in cases)
    assert kinds["robustness"] == len(CASES)
    assert kinds["out_of_scope"] >= 18  # 8 first cases + near misses that mention GPUs or video
    declines = [c for c in cases if c.expect.decline]
    assert len(declines) >= 38 and {c.language for c in declines} == {"en", "zh"}
    ci = load_eval_set(ci_only=True)
    assert {c.kind for c in ci} >= {"robustness", "out_of_scope", "recommend"}
    assert len(ci) == len(load_cases(ci_only=True)) + CI_GROUPS + CI_PAIRS
    # A case folder with no paraphrases/ beside it has no robustness cases.
    shutil.copytree(PARAPHRASES_DIR.parent / "cases", tmp_path / "cases")
    assert all(c.kind != "robustness" for c in load_eval_set(tmp_path / "cases"))


def record(case_id: str, group: str, expected: str, outcome: str) -> dict[str, Any]:
    """A case record as the runner writes it, answering with `outcome`."""
    timings = {"total_ms": 1.0, "decision_ms": 1.0, "first_token_ms": 1.0}
    answer: dict[str, Any] = {
        "intent": "recommend",
        "decision": None,
        "needs": [],
        "timings": timings,
    }
    if outcome == "decline":
        answer["intent"] = "out_of_scope"
    elif outcome == "ask":
        answer |= {"decision": {"verdict": None}, "needs": ["deployment"]}
    elif outcome == "infeasible":
        answer["decision"] = {"verdict": None, "infeasible": True}
    else:
        answer["decision"] = {"verdict": outcome}
    return {
        "id": case_id,
        "group": group,
        "expected_outcome": expected,
        "answer": answer,
        "error": None,
        "passed": True,
        "scores": [],
    }


def test_a_group_holds_only_when_all_answers_agree_on_the_expected_outcome() -> None:
    agree = [record("a.en", "a", "NPU", "NPU"), record("a.zh", "a", "NPU", "NPU")]
    disagree = [record("b.en", "b", "GPU", "GPU"), record("b.zh", "b", "GPU", "ask")]
    wrong = [record("c.en", "c", "GPU+NPU", "GPU"), record("c.zh", "c", "GPU+NPU", "GPU")]
    assert robustness(agree) == 1.0
    assert robustness(disagree) == 0.0
    assert robustness(wrong) == 0.0
    results = group_results([*agree, *disagree, *wrong])
    assert [(g.group, g.agree, g.passed) for g in results] == [
        ("a", True, True),
        ("b", False, False),
        ("c", True, False),
    ]
    assert robustness([*agree, *disagree, *wrong]) == pytest.approx(1 / 3)
    assert "disagree" in results[1].describe() and "wrong" in results[2].describe()


def test_declines_asks_and_infeasible_agree_too_and_lone_answers_do_not_count() -> None:
    declined = [record(f"d.{i}", "d", "decline", "decline") for i in range(2)]
    asked = [record(f"q.{i}", "q", "ask", "ask") for i in range(3)]
    infeasible = [record(f"i.{i}", "i", "infeasible", "infeasible") for i in range(2)]
    assert robustness([*declined, *asked, *infeasible]) == 1.0
    half_declined = [
        record("h.en", "h", "decline", "decline"),
        record("h.zh", "h", "decline", "GPU"),
    ]
    assert robustness(half_declined) == 0.0
    broken = record("e.zh", "e", "NPU", "NPU") | {"error": "boom", "answer": None}
    lone = [record("e.en", "e", "NPU", "GPU"), broken]  # one answered phrasing: not counted
    plain = [{**record("x", "", "", "GPU"), "group": None, "expected_outcome": None}]
    assert robustness([*lone, *plain]) is None
    assert counts([*declined, *lone])["robustness"] == 1
    metrics = aggregate([*declined, *half_declined, *lone])
    assert metrics["robustness"] == 0.5


def test_floors_fail_a_run_whatever_the_baseline_says() -> None:
    assert FLOORS == {
        "case_pass_rate": 0.95,
        "verdict_accuracy": 0.98,
        "robustness": 1.0,
        "decline_correctness": 1.0,
    }
    low = {
        "case_pass_rate": 0.7,
        "verdict_accuracy": 0.9,
        "decline_correctness": 0.5,
        "robustness": 0.5,
    }
    tolerances = {name: 0.0 for name in low}

    def failed(metrics: dict[str, float | None]) -> set[str]:
        return {c.metric for c in compare(metrics, low, tolerances) if not c.ok}

    # Better than a low baseline, still under every floor.
    above_baseline = {"case_pass_rate": 0.9, "verdict_accuracy": 0.97, "decline_correctness": 0.9}
    assert failed({**above_baseline, "robustness": 0.9}) == set(FLOORS)
    at_the_floors = {**FLOORS, "case_pass_rate": 0.96}
    assert failed(at_the_floors) == set()
    # A floor binds with no baseline value at all, and a metric with no value is not checked.
    checks = {c.metric: c for c in compare({"robustness": 0.5}, {}, {})}
    assert not checks["robustness"].ok and checks["robustness"].limit == 1.0
    assert checks["robustness"].gated and checks["robustness"].floor == 1.0
    assert checks["verdict_accuracy"].ok and checks["retrieval_mrr"].floor is None
    # The baseline's own limit still applies above a floor.
    strict = compare({"case_pass_rate": 0.96}, {"case_pass_rate": 1.0}, {"case_pass_rate": 0.01})
    assert not next(c for c in strict if c.metric == "case_pass_rate").ok


def test_argument_accuracy_accepts_a_reading_inside_the_accepted_range() -> None:
    under_five = Case(
        id="t",
        kind="recommend",
        language="en",
        question="q",
        expect={
            "verdict": "NPU",
            "arguments": {"deployment": "mobile", "duration_seconds": 299},
            "accept": {"duration_seconds": [1, 299]},
        },
    )
    scorer = s.ArgumentAccuracy("final")

    def call(seconds: int) -> Answer:
        arguments = Requirements(deployment="mobile", duration_seconds=seconds).known()
        return Answer("q", "", "en", "recommend", tool_calls=[ToolCall("recommend", arguments)])

    assert scorer.evaluate(under_five, call(240)).passed
    assert scorer.evaluate(under_five, call(299)).passed
    assert not scorer.evaluate(under_five, call(300)).passed


PHONE_GROUP = {
    "id": "phone-720p-10s",
    "note": "a phone, 720p, 10 s → NPU",
    "expect": {
        "requirements": {"deployment": "mobile", "resolution": "720p", "duration_seconds": 10},
        "verdict": "NPU",
    },
    "phrasings": [
        {
            "lang": "en",
            "text": "Our phone app makes 10-second 720p clips on the handset. GPU or NPU?",
        },
        {"lang": "en", "text": "On-device phone generation, 720p, 10 s per clip: which chip?"},
        {"lang": "zh", "text": "手机App在本地生成10秒720p视频,用GPU还是NPU?"},
        {"lang": "zh", "text": "在手机上生成720P、10秒的视频,选什么芯片?"},
    ],
}
CAPITAL = {
    "id": "capital",
    "kind": "out_of_scope",
    "language": "en",
    "question": "What's the capital of Australia?",
    "expect": {"decline": True, "forbidden": ["Canberra"]},
}
MOBILE = Passage("m", "scenario.mobile", "Mobile", "m.md", "en", "phone npu 720p clips", 1.0)


def test_the_runner_scores_the_groups_and_the_floor_gates_them(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "paraphrases").mkdir()  # beside cases/: read as the robustness set
    (tmp_path / "cases" / "tiny.yaml").write_text(yaml.safe_dump([CAPITAL]), "utf-8")
    groups = yaml.safe_dump([PHONE_GROUP], allow_unicode=True)
    (tmp_path / "paraphrases" / "phone.yaml").write_text(groups, "utf-8")
    model = ScriptedModel(
        arguments={"deployment": "mobile", "resolution": "720p", "duration_seconds": 10},
        replies=["Recommendation: NPU [scenario.mobile]."],
    )
    assistant = build(
        Settings(data_dir=tmp_path / "data"), chat_model=model, retriever=MemoryRetriever([MOBILE])
    )
    baseline, out = tmp_path / "baseline.json", tmp_path / "run"
    options = Options(tmp_path / "cases", out, baseline, update_baseline=True, progress=False)
    assert evaluate(options, assistant, io.StringIO()) == 0
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["cases"] == 3 and report["metrics"]["robustness"] == 1.0
    groups_seen = {r["id"]: r["group"] for r in report["results"]}
    assert groups_seen == {
        "capital": None,
        "robust.phone-720p-10s.en": "phone-720p-10s",
        "robust.phone-720p-10s.zh": "phone-720p-10s",
    }

    # The stored answers with the Chinese one flipped to GPU, against a baseline that is
    # lower still: the baseline comparison passes, the floor fails the run.
    for r in report["results"]:
        if r["id"].endswith(".zh"):
            r["answer"]["decision"]["verdict"] = "GPU"
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(report, ensure_ascii=False), "utf-8")
    data = json.loads(baseline.read_text("utf-8"))
    data["subsets"]["all"]["metrics"] |= {"robustness": 0.0, "verdict_accuracy": 0.0}
    data["tolerances"] |= {"robustness": 0.0, "case_pass_rate": 1.0}
    baseline.write_text(json.dumps(data), "utf-8")
    printed = io.StringIO()
    again = Options(tmp_path / "cases", tmp_path / "again", baseline, progress=False)
    again.answers = tampered
    assert evaluate(again, None, printed) == 1
    rescored = json.loads((tmp_path / "again" / "report.json").read_text("utf-8"))
    checks = {c["metric"]: c for c in rescored["checks"]}
    assert rescored["metrics"]["robustness"] == 0.0
    assert checks["robustness"]["baseline"] == 0.0 and not checks["robustness"]["ok"]
    assert not checks["verdict_accuracy"]["ok"]  # 0.5, over its baseline 0.0, under 0.98
    assert "BELOW FLOOR" in printed.getvalue()
    assert "phone-720p-10s: expected NPU, answers disagree" in printed.getvalue()
    assert "answers disagree" in (tmp_path / "again" / "report.md").read_text("utf-8")
