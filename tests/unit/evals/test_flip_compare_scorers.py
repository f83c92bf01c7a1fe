"""The scorers for what would change it and for comparisons, on hand-made answers."""

from __future__ import annotations

from assistant import Answer, compare, parse_assignments, recommend_hardware
from evals.cases import Case, load_cases
from evals.scorers import ComparisonAccuracy, FlipAccuracy

PHONE = ["deployment=mobile", "res=720p", "duration=10s"]
CLOUD = ["deployment=cloud", "res=4k", "duration=2min"]


def _case(**expect: object) -> Case:
    kind = "compare" if "compare" in expect else "recommend"
    base = {"intent": "recommend", "verdict": "NPU", "arguments": {"deployment": "mobile"}}
    return Case.model_validate(
        {
            "id": "t",
            "kind": kind,
            "language": "en",
            "question": "q",
            "expect": expect if kind == "compare" else {**base, **expect},
        }
    )


def _answer(**fields: object) -> Answer:
    return Answer(question="q", text="", language="en", intent="recommend", **fields)  # type: ignore[arg-type]


def test_flip_accuracy_counts_the_expected_flips_offered() -> None:
    answer = _answer(decision=recommend_hardware(parse_assignments(PHONE)))
    both = [
        {"field": "deployment", "to": "cloud", "verdict": "GPU"},
        {"field": "duration_seconds", "to": 300, "verdict": "GPU"},
    ]
    assert FlipAccuracy().evaluate(_case(flips=both), answer).value == 1.0
    wrong = [*both[:1], {"field": "resolution", "to": "4k", "verdict": "GPU"}]
    score = FlipAccuracy().evaluate(_case(flips=wrong), answer)
    assert score.value == 0.5 and score.passed is False and "resolution" in score.detail
    assert FlipAccuracy().evaluate(_case(flips=both), _answer()).value == 0.0
    assert FlipAccuracy().evaluate(_case(), answer).value is None


def test_comparison_accuracy_wants_the_table_with_each_verdict() -> None:
    sets = [parse_assignments(PHONE), parse_assignments(CLOUD)]
    answer = _answer(comparison=compare(sets))
    assert ComparisonAccuracy().evaluate(_case(compare=["NPU", "GPU"]), answer).value == 1.0
    assert ComparisonAccuracy().evaluate(_case(compare=["GPU", "GPU"]), answer).value == 0.0
    no_table = _answer(decision=recommend_hardware(sets[0]))
    assert ComparisonAccuracy().evaluate(_case(compare=["NPU", "GPU"]), no_table).value == 0.0


def test_a_comparison_is_not_scored_as_model_prose() -> None:
    from evals.scorers import CitationValidity

    sets = [parse_assignments(PHONE), parse_assignments(CLOUD)]
    comparison = compare(sets)
    answer = _answer(comparison=comparison, cited=["scenario.mobile"])
    case = _case(compare=["NPU", "GPU"])
    assert CitationValidity().evaluate(case, answer).value is None


def test_the_golden_cases_load_with_their_new_checks() -> None:
    cases = {c.id: c for c in load_cases()}
    assert cases["compare-zh-phone-vs-cloud"].expect.compare == ["NPU", "GPU"]
    assert cases["flip-en-phone-clip-to-cloud"].expect.flips[0]["to"] == "cloud"
