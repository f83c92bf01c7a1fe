"""What a scorer returns (a Score) and what a scorer is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from assistant import Answer
from evals.cases import Case


@dataclass(frozen=True)
class Score:
    """One scorer's result for one case."""

    metric: str
    value: float | None
    passed: bool | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        value = None if self.value is None else round(self.value, 4)
        return {"metric": self.metric, "value": value, "passed": self.passed, "detail": self.detail}


def skip(metric: str) -> Score:
    """The scorer does not apply to this case."""
    return Score(metric, None)


def graded(metric: str, value: float, detail: str = "") -> Score:
    """A check of what the user gets: the case passes it only when perfect."""
    return Score(metric, value, value >= 1.0, detail)


def diagnostic(metric: str, value: float, detail: str = "") -> Score:
    """A rate that explains failures (the model's own call, ranks, citing): never fails a case."""
    return Score(metric, value, None, detail)


class Scorer(Protocol):
    """Anything with a metric name that scores one case's answer."""

    metric: str

    def evaluate(self, case: Case, answer: Answer) -> Score: ...
