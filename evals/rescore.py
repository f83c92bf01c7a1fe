"""Score the answers stored in an earlier report again: new cases or scorers, no model run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assistant import Answer, Comparison, Decision, Passage, Timings, ToolCall
from evals.cases import Case


def answer_from_record(record: Mapping[str, Any]) -> Answer:
    """The Answer a report stored (passages keep only what the scorers read: section ids)."""
    decision, comparison = record.get("decision"), record.get("comparison")
    return Answer(
        question=record["question"],
        text=record["answer"],
        language=record["language"],
        intent=record["intent"],
        decision=Decision.model_validate(decision) if decision else None,
        comparison=Comparison.model_validate({"options": comparison["options"]})
        if comparison
        else None,
        needs=list(record.get("needs") or []),
        tool_calls=[ToolCall(**trace) for trace in record.get("tool_traces") or []],
        passages=[
            Passage(f"{section}#{i}", section, section, "", "", "", 0.0)
            for i, section in enumerate(record.get("passages") or [])
        ],
        cited=list(record.get("cited") or []),
        guard=record.get("guard", "ok"),
        guard_problems=list(record.get("guard_problems") or []),
        timings=Timings(**record.get("timings", {})),
    )


class StoredAnswers:
    """Stands in for the assistant: answers each case's question from a stored report."""

    def __init__(self, report: Mapping[str, Any]) -> None:
        self.produced_by = dict(report.get("produced_by", {}))
        self._answers = {
            (r["question"], _history_key(r.get("history") or [])): r
            for r in report.get("results", [])
            if r.get("answer")
        }

    def covers(self, case: Case) -> bool:
        return (case.question, _history_key(case.history_dicts())) in self._answers

    def ask(self, question: str, history: Sequence[Any] = ()) -> Answer:
        turns = [
            t if isinstance(t, dict) else {"role": t.role, "content": t.content} for t in history
        ]
        record = self._answers.get((question, _history_key(turns)))
        if record is None:
            raise KeyError(f"no stored answer for {question!r}")
        return answer_from_record(record["answer"])


def _history_key(turns: Sequence[Mapping[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((t["role"], t["content"]) for t in turns)
