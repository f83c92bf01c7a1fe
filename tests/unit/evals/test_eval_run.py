"""The whole eval on a tiny case set with the scripted pipeline: reports, baseline, exit codes."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assistant import Answer, FeedbackStore, Passage, Turn, build, recommend_hardware
from assistant.rules.requirements import Requirements
from assistant.settings import Settings
from assistant.testing import MemoryRetriever, ScriptedModel
from evals.feedback import write_drafts
from evals.runner import Options, evaluate
from ui.cli import app

CASES = [
    {
        "id": "phone",
        "kind": "recommend",
        "language": "en",
        "ci": True,
        "question": "Our phone app makes 10-second 720p clips. GPU or NPU?",
        "expect": {
            "verdict": "NPU",
            "arguments": {"deployment": "mobile", "resolution": "720p", "duration_seconds": 10},
            "sections": ["scenario.mobile"],
        },
    },
    {
        "id": "energy",
        "kind": "factual",
        "language": "en",
        "question": "How much more efficient is a phone NPU than a GPU?",
        "expect": {"intent": "factual", "facts": [["2-5"]], "sections": ["scenario.mobile"]},
    },
    {
        "id": "vague",
        "kind": "clarify",
        "language": "zh",
        "ci": True,
        "question": "做AI视频生成,用GPU还是NPU好?",
        "expect": {"verdict": None, "clarify": True, "needs": ["deployment"]},
    },
    {
        "id": "capital",
        "kind": "out_of_scope",
        "language": "en",
        "question": "What's the capital of Australia?",
        "expect": {"decline": True, "forbidden": ["Canberra"]},
    },
]
MOBILE = Passage(
    "m",
    "scenario.mobile",
    "Mobile",
    "knowledge/en/scenario.mobile.md",
    "en",
    "A phone NPU is 2-5x more efficient than a GPU for a 720p clip.",
    1.0,
)
TARGET = Passage(
    "t",
    "questions.target",
    "Target",
    "knowledge/en/questions.target.md",
    "en",
    "Write down resolution, length and frame rate.",
    1.0,
)


def scripted(tmp_path: Path, reply: str, passages: list[Passage]):  # type: ignore[no-untyped-def]
    arguments = {"deployment": "mobile", "resolution": "720p", "duration_seconds": 10}
    model = ScriptedModel(arguments=arguments, replies=[reply])
    return build(
        Settings(data_dir=tmp_path / "data"), chat_model=model, retriever=MemoryRetriever(passages)
    )


GOOD = "Recommendation: NPU. A phone NPU is 2–5× as efficient as a GPU [scenario.mobile]."


@pytest.fixture
def cases_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(yaml.safe_dump(CASES, allow_unicode=True), "utf-8")
    return folder


def test_a_run_writes_reports_and_a_regression_fails(tmp_path: Path, cases_dir: Path) -> None:
    baseline, out = tmp_path / "baseline.json", tmp_path / "out"
    options = Options(cases_dir, out, baseline, update_baseline=True, progress=False)
    printed = io.StringIO()
    assert evaluate(options, scripted(tmp_path, GOOD, [MOBILE, TARGET]), printed) == 0
    written = json.loads(baseline.read_text())
    assert set(written["subsets"]) == {"all", "ci"}
    assert written["subsets"]["all"]["metrics"]["verdict_accuracy"] == 1.0
    assert written["produced_by"]["model"] == "scripted"
    assert written["produced_by"]["knowledge_version"].startswith("sha256:")
    assert "verdict_accuracy" in written["tolerances"]
    assert "Verdict accuracy" in printed.getvalue()

    # The same pipeline again passes against its own baseline.
    options.update_baseline = False
    assert evaluate(options, scripted(tmp_path, GOOD, [MOBILE, TARGET]), io.StringIO()) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["passed"] and len(report["results"]) == 4
    assert all(r["passed"] for r in report["results"]), report["results"]

    # Retrieval loses the mobile section and the prose loses its facts: a regression.
    printed = io.StringIO()
    worse = scripted(tmp_path, "Recommendation: NPU. It suits phones.", [TARGET])
    assert evaluate(options, worse, printed) == 1
    assert "REGRESSION" in printed.getvalue() and "FAILED" in printed.getvalue()
    report = json.loads((out / "report.json").read_text())
    failed = {c["metric"] for c in report["checks"] if not c["ok"]}
    assert {"retrieval_hit_at_k", "retrieval_mrr"} <= failed
    assert "phone" in report["newly_failing"] and "newly failing" in printed.getvalue()
    assert report["results"][0]["passed"] is False or report["results"][1]["passed"] is False

    md = (out / "report.md").read_text()
    assert md.index("| FAIL |") < md.index("| pass |")  # failures first
    page = (out / "report.html").read_text()
    assert page.count("data:image/png;base64,") == 2
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "<script" not in page and "<link" not in page
    assert page.index("FAIL") < page.index(">pass<")


def test_ci_subset_compares_with_the_ci_baseline(tmp_path: Path, cases_dir: Path) -> None:
    baseline = tmp_path / "baseline.json"
    full = Options(cases_dir, tmp_path / "out", baseline, update_baseline=True, progress=False)
    evaluate(full, scripted(tmp_path, GOOD, [MOBILE, TARGET]), io.StringIO())
    ci = Options(cases_dir, tmp_path / "ci", baseline, ci=True, progress=False)
    assert evaluate(ci, scripted(tmp_path, GOOD, [MOBILE, TARGET]), io.StringIO()) == 0
    assert json.loads((tmp_path / "ci" / "report.json").read_text())["cases"] == 2


def test_no_baseline_exits_2_and_a_latency_blowup_fails(tmp_path: Path, cases_dir: Path) -> None:
    baseline = tmp_path / "baseline.json"
    options = Options(cases_dir, tmp_path / "out", baseline, progress=False)
    assert evaluate(options, scripted(tmp_path, GOOD, [MOBILE, TARGET]), io.StringIO()) == 2
    options.update_baseline = True
    evaluate(options, scripted(tmp_path, GOOD, [MOBILE, TARGET]), io.StringIO())
    data = json.loads(baseline.read_text())
    data["subsets"]["all"]["metrics"]["latency_p95_ms"] = -5000  # far below this run
    baseline.write_text(json.dumps(data))
    options.update_baseline = False
    assert evaluate(options, scripted(tmp_path, GOOD, [MOBILE, TARGET]), io.StringIO()) == 1


def test_cli_eval_and_from_feedback(
    tmp_path: Path, cases_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The runner opens the assistant with assistant.open_assistant: the scripted one, not the
    # real model (build is the same function, so patching only `build` loaded the real model).
    monkeypatch.setattr(
        "assistant.open_assistant",
        lambda settings=None, **_: scripted(tmp_path, GOOD, [MOBILE, TARGET]),
    )
    runner = CliRunner()
    baseline, out = tmp_path / "b.json", tmp_path / "out"
    args = ["eval", "--cases", str(cases_dir), "--out", str(out), "--baseline", str(baseline), "-q"]
    result = runner.invoke(app, [*args, "--update-baseline"])
    assert result.exit_code == 0, result.output
    assert "Verdict accuracy" in result.output and baseline.exists()
    assert runner.invoke(app, args).exit_code == 0
    (cases_dir / "broken.yaml").write_text("- id: Bad Id\n  kind: nonsense\n")
    broken = runner.invoke(app, args)
    assert broken.exit_code == 2 and "broken.yaml" in broken.output

    feedback = tmp_path / "feedback.jsonl"
    store = FeedbackStore(feedback)
    decision = recommend_hardware(Requirements(deployment="mobile", resolution="720p"))
    liked = Answer(
        "Phone, 720p clips: GPU or NPU?", "Recommendation: NPU", "en", "recommend", decision
    )
    disliked = Answer("What is an NPU?", "No idea.", "en", "factual")
    store.record(liked, "up")
    store.record(disliked, "down", [Turn("user", "hi")])
    drafts = tmp_path / "drafts"
    result = runner.invoke(
        app, ["eval", "from-feedback", "--feedback", str(feedback), "--out", str(drafts)]
    )
    assert result.exit_code == 0, result.output
    [path] = drafts.glob("*.yaml")
    up, down = yaml.safe_load(path.read_text())
    assert up["expect"]["verdict"] == "NPU" and "todo" not in up
    assert (
        "todo" in down and down["observed"]["answer"] == "No idea." and down["kind"] == "multi_turn"
    )
    missing = runner.invoke(
        app, ["eval", "from-feedback", "--feedback", str(tmp_path / "nope.jsonl")]
    )
    assert missing.exit_code == 2


def test_liked_drafts_load_as_cases_and_known_questions_are_skipped(
    tmp_path: Path, cases_dir: Path
) -> None:
    from evals.cases import parse_cases

    feedback = tmp_path / "f.jsonl"
    store = FeedbackStore(feedback)
    decision = recommend_hardware(Requirements(deployment="edge"))
    store.record(
        Answer("Drone clips on board?", "Recommendation: NPU", "en", "recommend", decision), "up"
    )
    store.record(Answer(CASES[3]["question"], "Not in my KB", "en", "out_of_scope"), "up")
    path, count = write_drafts(feedback, tmp_path / "drafts", cases_dir)
    assert count == 1 and path is not None
    [draft] = parse_cases(yaml.safe_load(path.read_text()), path.name)
    assert draft.expect.verdict == "NPU" and draft.id.startswith("feedback-")


def test_the_judge_is_reported_but_never_gated(tmp_path: Path, cases_dir: Path) -> None:
    baseline = tmp_path / "baseline.json"
    options = Options(cases_dir, tmp_path / "out", baseline, update_baseline=True, progress=False)
    evaluate(options, scripted(tmp_path, GOOD, [MOBILE, TARGET]), io.StringIO())
    options.update_baseline, options.judge = False, True
    data = json.loads(baseline.read_text())
    data["subsets"]["all"]["metrics"]["judge_faithfulness"] = 1.0  # far above what it will get
    data["tolerances"]["judge_faithfulness"] = 0.0  # even a tolerance in the file does not gate
    baseline.write_text(json.dumps(data))
    assert evaluate(options, scripted(tmp_path, GOOD, [MOBILE, TARGET]), io.StringIO()) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["metrics"]["judge_faithfulness"] is not None
    [judge] = [c for c in report["checks"] if c["metric"] == "judge_faithfulness"]
    assert judge["gated"] is False and judge["ok"] is True


def test_stored_answers_are_scored_again_without_a_model(tmp_path: Path, cases_dir: Path) -> None:
    baseline = tmp_path / "baseline.json"
    first = Options(cases_dir, tmp_path / "run", baseline, update_baseline=True, progress=False)
    evaluate(first, scripted(tmp_path, GOOD, [MOBILE, TARGET]), io.StringIO())
    again = Options(cases_dir, tmp_path / "again", baseline, progress=False)
    again.answers = tmp_path / "run" / "report.json"
    assert evaluate(again, None, io.StringIO()) == 0
    before = json.loads((tmp_path / "run" / "report.json").read_text())
    after = json.loads((tmp_path / "again" / "report.json").read_text())
    assert after["metrics"] == before["metrics"] and after["produced_by"]["rescored"] is True
    assert [r["scores"] for r in after["results"]] == [r["scores"] for r in before["results"]]


def test_tolerances_allow_a_number_of_case_flips_that_scales_with_the_cases() -> None:
    from evals.metrics import compare

    base = {"fact_coverage": 0.9, "verdict_accuracy": 1.0, "latency_p95_ms": 10_000.0}
    tolerances = {
        "fact_coverage": {"abs": 0.0, "cases": 1},
        "verdict_accuracy": 0.0,
        "latency_p95_ms": 3.0,
    }

    def failed(metrics: dict[str, float], n: int) -> set[str]:
        checks = compare(metrics, base, tolerances, {"fact_coverage": n})
        return {c.metric for c in checks if not c.ok}

    assert failed({"fact_coverage": 0.85, "verdict_accuracy": 1.0}, 20) == set()  # one flip
    assert failed({"fact_coverage": 0.8, "verdict_accuracy": 1.0}, 20) == {"fact_coverage"}
    assert failed({"fact_coverage": 0.7, "verdict_accuracy": 1.0}, 5) == set()  # 1/5 allowed
    assert failed({"fact_coverage": 0.9, "verdict_accuracy": 0.95}, 20) == {"verdict_accuracy"}
    assert failed({"latency_p95_ms": 29_000.0}, 20) == set()
    assert failed({"latency_p95_ms": 31_000.0}, 20) == {"latency_p95_ms"}


def test_a_stored_comparison_is_scored_again_as_a_comparison() -> None:
    from assistant import Answer, Requirements, compare
    from evals.rescore import answer_from_record

    options = [
        Requirements(deployment="mobile", resolution="720p", duration_seconds=10),
        Requirements(deployment="cloud", resolution="4k", duration_seconds=120),
    ]
    answer = Answer("phone vs cloud?", "…", "en", "recommend", comparison=compare(options))
    record = {**answer.to_dict(), "tool_traces": [], "passages": []}
    again = answer_from_record(record)
    assert again.comparison is not None
    assert [d.verdict for d in again.comparison.options] == [
        d.verdict for d in answer.comparison.options
    ]


class StopsAfter:
    """An answerer that answers `n` questions, then fails as a killed run would."""

    def __init__(self, inner, n: int) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.left, self.asked = inner, n, 0

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)  # settings, chat_model: what the report names

    def ask(self, question: str, history):  # type: ignore[no-untyped-def]
        if self.left == 0:
            raise KeyboardInterrupt
        self.left -= 1
        self.asked += 1
        return self.inner.ask(question, history)


def test_a_stopped_run_keeps_its_answers_and_resume_asks_only_the_rest(
    tmp_path: Path, cases_dir: Path
) -> None:
    baseline, out = tmp_path / "baseline.json", tmp_path / "out"
    options = Options(cases_dir, out, baseline, update_baseline=True, progress=False)
    with pytest.raises(KeyboardInterrupt):
        evaluate(options, StopsAfter(scripted(tmp_path, GOOD, [MOBILE, TARGET]), 2), io.StringIO())
    logged = [json.loads(line) for line in (out / "answers.jsonl").read_text().splitlines()]
    assert [r["id"] for r in logged] == ["phone", "energy"]

    rest = StopsAfter(scripted(tmp_path, GOOD, [MOBILE, TARGET]), 10)
    options.resume = True
    assert evaluate(options, rest, io.StringIO()) == 0
    assert rest.asked == 2  # only the two cases the stopped run had not answered
    report = json.loads((out / "report.json").read_text())
    assert [r["id"] for r in report["results"]] == ["phone", "energy", "vague", "capital"]
    assert len((out / "answers.jsonl").read_text().splitlines()) == 4

    options.resume = False  # a fresh run starts the log again
    fresh = StopsAfter(scripted(tmp_path, GOOD, [MOBILE, TARGET]), 10)
    assert evaluate(options, fresh, io.StringIO()) == 0 and fresh.asked == 4
