"""Feedback records, Slack event ids already taken, and the registry of knowledge sources."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from assistant.errors import StorageError
from assistant.feedback import Rating, feedback_entry
from assistant.storage.database import Database
from assistant.storage.schema import FeedbackRow, SeenEventRow, SourceRow, utcnow
from assistant.types import Answer, Turn


class DatabaseFeedback:
    """👍/👎 records in the database, one row each; the record is `feedback_entry`'s."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, entry: dict[str, Any]) -> None:
        with self.db.session() as session:
            session.add(
                FeedbackRow(
                    rating=str(entry.get("rating", "")),
                    question=str(entry.get("question", "")),
                    record=entry,
                )
            )

    def record(
        self, answer: Answer, rating: Rating, history: Sequence[Turn] = ()
    ) -> dict[str, Any]:
        """Store a rating of `answer` and return the stored record."""
        entry = feedback_entry(answer, rating, history)
        self.add(entry)
        return entry

    def records(self) -> list[dict[str, Any]]:
        """Every record, oldest first."""
        with self.db.session() as session:
            return [dict(r) for r in session.scalars(select(FeedbackRow.record).order_by("id"))]


class DatabaseEvents:
    """Event ids every replica sees: the first to insert one answers it, the others skip."""

    def __init__(self, db: Database, keep: timedelta = timedelta(days=1)) -> None:
        self.db = db
        self.keep = keep  # Slack retries within minutes; a day is plenty
        self._added = 0

    def first_time(self, key: str) -> bool:
        try:
            with self.db.session() as session:
                session.add(SeenEventRow(key=key[:200]))
        except StorageError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                return False  # the primary key says another request (or replica) took it
            raise
        self._added += 1
        if self._added % 500 == 0:
            self.forget_before(utcnow() - self.keep)
        return True

    def forget_before(self, when: datetime) -> None:
        with self.db.session() as session:
            session.execute(delete(SeenEventRow).where(SeenEventRow.seen_at < when))


@dataclass(frozen=True)
class SourceRecord:
    """One knowledge file: the JSON object `GET /v1/sources` lists."""

    id: str
    path: str
    title: str
    language: str
    chunks: int
    embedder: str
    size_bytes: int
    uploaded: bool
    ingested_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "language": self.language,
            "chunks": self.chunks,
            "embedder": self.embedder,
            "size_bytes": self.size_bytes,
            "uploaded": self.uploaded,
            "ingested_at": self.ingested_at.isoformat(timespec="seconds"),
        }


def source_id(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()[:16]


def _record(row: SourceRow) -> SourceRecord:
    return SourceRecord(
        row.id,
        row.path,
        row.title,
        row.language,
        row.chunks,
        row.embedder,
        row.size_bytes,
        row.uploaded,
        row.ingested_at,
    )


class SourceRegistry:
    """Which files the knowledge store holds, by path."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def put(
        self,
        path: str,
        *,
        title: str,
        language: str,
        chunks: int,
        embedder: str,
        size_bytes: int,
        uploaded: bool,
    ) -> SourceRecord:
        """Record (or update) the file at `path` as just ingested."""
        values = {
            "title": title[:300],
            "language": language[:8],
            "chunks": chunks,
            "embedder": embedder[:300],
            "size_bytes": size_bytes,
            "uploaded": uploaded,
            "ingested_at": utcnow(),
        }
        with self.db.session() as session:
            row = session.get(SourceRow, source_id(path))
            if row is None:
                row = SourceRow(id=source_id(path), path=path, **values)
                session.add(row)
            else:
                for name, value in values.items():
                    setattr(row, name, value)
            session.flush()
            return _record(row)

    def get(self, source: str) -> SourceRecord | None:
        with self.db.session() as session:
            row = session.get(SourceRow, source)
            return _record(row) if row else None

    def all(self) -> list[SourceRecord]:
        with self.db.session() as session:
            return [_record(r) for r in session.scalars(select(SourceRow).order_by(SourceRow.path))]

    def remove(self, source: str) -> bool:
        with self.db.session() as session:
            result = session.execute(delete(SourceRow).where(SourceRow.id == source))
            return bool(getattr(result, "rowcount", 0))
