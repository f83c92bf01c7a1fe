"""👍/👎 on answers: the feedback record, appended one JSON object per line, and its reader."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TextIO

from assistant.types import Answer, Turn

FEEDBACK_FILE = "feedback.jsonl"
Rating = Literal["up", "down"]


def feedback_path(data_dir: Path) -> Path:
    """Where the feedback of a data directory is stored."""
    return Path(data_dir) / FEEDBACK_FILE


def feedback_entry(
    answer: Answer, rating: Rating, history: Sequence[Turn] = (), now: datetime | None = None
) -> dict[str, Any]:
    """One feedback record: the question, the answer, its Decision, the rating and when."""
    data = answer.to_dict()
    return {
        "timestamp": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "rating": rating,
        "question": answer.question,
        "answer": answer.text,
        "language": answer.language,
        "intent": answer.intent,
        "verdict": answer.verdict,
        "decision": data["decision"],
        "needs": data["needs"],
        "tool_calls": data["tool_calls"],
        "sources": data["sources"],
        "history": [{"role": t.role, "content": t.content} for t in history],
    }


class FeedbackStore:
    """Appends feedback records to a JSONL file; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def add(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)

    def record(
        self, answer: Answer, rating: Rating, history: Sequence[Turn] = ()
    ) -> dict[str, Any]:
        """Store a rating of `answer` and return the stored record."""
        entry = feedback_entry(answer, rating, history)
        self.add(entry)
        return entry


def read_feedback(path: Path) -> list[dict[str, Any]]:
    """Every record of a feedback file, oldest first; bad lines are skipped, no file: []."""
    path = Path(path)
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by a crash must not hide the others
        if isinstance(record, dict):
            records.append(record)
    return records


ExportFormat = Literal["csv", "jsonl"]
CSV_COLUMNS = (
    "timestamp",
    "rating",
    "question",
    "answer",
    "language",
    "intent",
    "verdict",
    "sources",
    "history",
)


def export_feedback(
    records: Iterable[Mapping[str, Any]], out: TextIO, format: ExportFormat = "jsonl"
) -> int:
    """Write feedback records to `out`, one JSON object per line or CSV rows: how many."""
    records = list(records)
    if format == "jsonl":
        for record in records:
            out.write(json.dumps(dict(record), ensure_ascii=False) + "\n")
        return len(records)
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        row = {name: record.get(name) for name in CSV_COLUMNS}
        row["sources"] = " ".join(str(s.get("id", "")) for s in record.get("sources") or [])
        row["history"] = json.dumps(record.get("history") or [], ensure_ascii=False)
        writer.writerow(row)
    return len(records)
