"""Verdict agreement within a paraphrase group: a run-level metric over the case records.

Each answer has one outcome: `decline` (routed out of scope), its verdict (`GPU`, `NPU`,
`GPU+NPU`), `infeasible` (the Decision says no hardware fits), `ask` (no verdict, something
asked for) or `none` (no verdict and nothing asked: never right). A group counts when at
least two of its phrasings were answered (no error); it holds when every answer has the same
outcome and that outcome is the group's expected one. `robustness` is the share of counted
groups that hold (None: no group counted).

Pure functions of the records the runner writes (`group` and `expected_outcome` next to the
`answer`), so stored reports score again the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evals.cases import Case

METRIC = "robustness"
MIN_ANSWERED = 2


def expected_outcome(case: Case) -> str | None:
    """What every answer of the case's group must come to (None: not a robustness case)."""
    if not case.group:
        return None
    e = case.expect
    if e.decline:
        return "decline"
    if e.verdict is not None:
        return e.verdict
    return "ask" if e.clarify else "infeasible"


def record_fields(case: Case) -> dict[str, Any]:
    """What the runner adds to a case's record so the metric can group it."""
    return {"group": case.group or None, "expected_outcome": expected_outcome(case)}


def outcome(answer: Mapping[str, Any]) -> str:
    """An answer record's outcome: decline, its verdict, infeasible, ask or none."""
    if answer.get("intent") == "out_of_scope":
        return "decline"
    decision = answer.get("decision") or {}
    if decision.get("verdict"):
        return str(decision["verdict"])
    if decision.get("infeasible"):
        return "infeasible"
    return "ask" if answer.get("needs") else "none"


@dataclass(frozen=True)
class GroupResult:
    """One group's answers: what each case came to and whether the group holds."""

    group: str
    expected: str
    outcomes: dict[str, str]  # case id → outcome

    @property
    def agree(self) -> bool:
        return len(set(self.outcomes.values())) == 1

    @property
    def passed(self) -> bool:
        return self.agree and set(self.outcomes.values()) == {self.expected}

    def describe(self) -> str:
        got = ", ".join(f"{case}: {out}" for case, out in self.outcomes.items())
        why = "answers disagree" if not self.agree else "all agree on the wrong outcome"
        return f"{self.group}: expected {self.expected}, {why} ({got})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "expected": self.expected,
            "outcomes": dict(self.outcomes),
            "agree": self.agree,
            "passed": self.passed,
        }


def group_results(results: Sequence[Mapping[str, Any]]) -> list[GroupResult]:
    """Every group with at least MIN_ANSWERED answered cases, in order of first appearance."""
    answered: dict[str, list[Mapping[str, Any]]] = {}
    for record in results:
        if record.get("group") and record.get("answer") and not record.get("error"):
            answered.setdefault(str(record["group"]), []).append(record)
    groups = []
    for group, records in answered.items():
        if len(records) < MIN_ANSWERED:
            continue
        expected = next((r["expected_outcome"] for r in records if r.get("expected_outcome")), "")
        outcomes = {str(r["id"]): outcome(r["answer"]) for r in records}
        groups.append(GroupResult(group, str(expected), outcomes))
    return groups


def robustness(results: Sequence[Mapping[str, Any]]) -> float | None:
    """Share of the counted groups that hold; None when no group has two answers."""
    groups = group_results(results)
    return sum(g.passed for g in groups) / len(groups) if groups else None


def counted(results: Sequence[Mapping[str, Any]]) -> int:
    """How many groups the metric was computed over."""
    return len(group_results(results))


def failing(results: Sequence[Mapping[str, Any]]) -> list[str]:
    """One line per group that does not hold, for the reports."""
    return [g.describe() for g in group_results(results) if not g.passed]
