"""👍/👎 records from the chat page become draft cases, for a person to review.

Drafts go to their own folder, never into the gated set: a 👍 locks in what the answer did (its
intent, verdict, arguments), a 👎 keeps what it did under `observed` with a TODO to fill in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from assistant import detect_language, read_feedback
from evals.cases import CASES_DIR, load_cases

DRAFTS_DIR = Path(__file__).resolve().parent / "drafts"


def _kind(record: Mapping[str, Any]) -> str:
    intent = record.get("intent")
    if record.get("history"):
        return "multi_turn"
    if intent == "out_of_scope":
        return "out_of_scope"
    if intent == "recommend":
        return "recommend" if record.get("verdict") else "clarify"
    return "factual"


def _observed(record: Mapping[str, Any]) -> dict[str, Any]:
    calls = record.get("tool_calls") or []
    decided = (record.get("decision") or {}).get("requirements") or {}
    return {
        "intent": record.get("intent"),
        "verdict": record.get("verdict"),
        "needs": list(record.get("needs") or []),
        "arguments": dict((calls[-1].get("arguments") if calls else None) or decided),
        "sections": [s.get("id") for s in record.get("sources") or [] if s.get("id")],
        "answer": record.get("answer", ""),
    }


def draft_case(record: Mapping[str, Any]) -> dict[str, Any]:
    """One draft case from one feedback record."""
    question = str(record.get("question", "")).strip()
    history = [
        {str(t.get("role")): str(t.get("content"))}
        for t in record.get("history") or []
        if t.get("role") in ("user", "assistant")
    ]
    digest = hashlib.sha256((question + repr(history)).encode()).hexdigest()[:8]
    observed = _observed(record)
    kind = _kind(record)
    case: dict[str, Any] = {
        "id": f"feedback-{digest}",
        "kind": kind,
        "language": record.get("language") or detect_language(question),
        "question": question,
    }
    if history:
        case["history"] = history
    if record.get("rating") == "up":
        case["expect"] = _expect_from(observed, kind)
        case["note"] = f"👍 on {record.get('timestamp', '?')}: expectations copied from the answer."
    else:
        case["expect"] = {"intent": observed["intent"]} if observed["intent"] else {}
        case["observed"] = observed
        case["todo"] = (
            f"👎 on {record.get('timestamp', '?')}: write what a good answer does (verdict and "
            "arguments, facts, or must ask / decline), then delete `observed` and `todo`."
        )
    return case


def _expect_from(observed: Mapping[str, Any], kind: str) -> dict[str, Any]:
    expect: dict[str, Any] = {"intent": observed["intent"]}
    if kind in ("recommend", "multi_turn") and observed["verdict"]:
        expect["verdict"] = observed["verdict"]
        expect["arguments"] = observed["arguments"]
    if kind == "clarify":
        expect.update(verdict=None, clarify=True, needs=observed["needs"])
    if kind == "out_of_scope":
        expect["decline"] = True
    if observed["sections"] and kind in ("recommend", "factual", "multi_turn"):
        expect["sections"] = observed["sections"][:1]
    return expect


def drafts_from_feedback(
    records: Iterable[Mapping[str, Any]], known_questions: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """Draft cases, one per distinct question (the latest rating wins), known ones skipped."""
    known = {q.strip() for q in known_questions}
    drafts: dict[str, dict[str, Any]] = {}
    for record in records:
        if (
            record.get("rating") not in ("up", "down")
            or not str(record.get("question", "")).strip()
        ):
            continue
        if str(record["question"]).strip() in known:
            continue
        case = draft_case(record)
        drafts[case["id"]] = case
    return list(drafts.values())


def write_drafts(
    feedback: Path | Iterable[Mapping[str, Any]],
    out_dir: Path = DRAFTS_DIR,
    cases_dir: Path = CASES_DIR,
) -> tuple[Path | None, int]:
    """Write the drafts of feedback records (or a JSONL file of them) to one YAML file in
    `out_dir`: (path, count)."""
    try:
        known = [c.question for c in load_cases(cases_dir)]
    except ValueError:
        known = []
    records = read_feedback(feedback) if isinstance(feedback, Path) else feedback
    drafts = drafts_from_feedback(records, known)
    if not drafts:
        return None, 0
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = out_dir / f"feedback-{stamp}.yaml"
    header = (
        "# Draft cases from 👍/👎 feedback. Review each one, fix its expectations, then move it\n"
        "# into evals/cases/ (drafts are never part of the gated set).\n"
    )
    body = yaml.safe_dump(drafts, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + body, encoding="utf-8")
    return path, len(drafts)
