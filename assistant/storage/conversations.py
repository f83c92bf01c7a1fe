"""Conversations that last: the page's chats, API conversation ids and Slack threads."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from assistant.errors import StorageError
from assistant.storage.database import Database
from assistant.storage.protocols import ThreadKey
from assistant.storage.schema import ConversationRow, MessageRow, utcnow
from assistant.types import Answer, Turn

CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")
TITLE_CHARS = 80


@dataclass(frozen=True)
class StoredMessage:
    """One message as stored: the Answer JSON for an assistant message."""

    role: str
    content: str
    answer: dict[str, Any] | None = None
    display: str | None = None
    created_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        when = self.created_at.isoformat(timespec="seconds") if self.created_at else None
        return {"role": self.role, "content": self.content, "answer": self.answer, "at": when}


@dataclass(frozen=True)
class ConversationRecord:
    """A conversation and (when asked for) its messages, oldest first."""

    id: str
    kind: str
    title: str
    created_at: datetime
    updated_at: datetime
    messages: list[StoredMessage] = field(default_factory=list)

    def turns(self) -> list[Turn]:
        return [Turn(_role(m.role), m.content) for m in self.messages]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "updated_at": self.updated_at.isoformat(timespec="seconds"),
            "messages": [m.to_dict() for m in self.messages],
        }


def _role(role: str) -> Literal["user", "assistant"]:
    return "user" if role == "user" else "assistant"


def new_id() -> str:
    return uuid.uuid4().hex


def check_id(conversation_id: str) -> str:
    """A conversation id as given, if it is one (letters, digits, `_.:-`, at most 80)."""
    if not CONVERSATION_ID.match(conversation_id):
        raise ValueError(
            "conversation_id must be 1 to 80 letters, digits or _ . : - (as returned by chipwise)"
        )
    return conversation_id


def title_of(question: str) -> str:
    text = " ".join(question.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


class ConversationStore:
    """Conversations and their messages in the database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, kind: str = "web", title: str = "", conversation_id: str | None = None) -> str:
        """A new conversation's id (or the given id's, if another process just created it)."""
        conversation_id = check_id(conversation_id) if conversation_id else new_id()
        try:
            with self.db.session() as session:
                if session.get(ConversationRow, conversation_id) is None:
                    session.add(ConversationRow(id=conversation_id, kind=kind, title=title))
        except StorageError as exc:
            if not isinstance(exc.__cause__, IntegrityError):  # a replica created it first
                raise
        return conversation_id

    def get(self, conversation_id: str, *, messages: bool = True) -> ConversationRecord | None:
        with self.db.session() as session:
            row = session.get(ConversationRow, conversation_id)
            if row is None:
                return None
            stored = [
                StoredMessage(m.role, m.content, m.answer, m.display, m.created_at)
                for m in (row.messages if messages else [])
            ]
            return ConversationRecord(
                row.id, row.kind, row.title, row.created_at, row.updated_at, stored
            )

    def exists(self, conversation_id: str) -> bool:
        return self.get(conversation_id, messages=False) is not None

    def turns(self, conversation_id: str, last: int | None = None) -> list[Turn]:
        """The conversation's turns, oldest first (only the `last` ones if given)."""
        query = select(MessageRow.role, MessageRow.content).where(
            MessageRow.conversation_id == conversation_id
        )
        with self.db.session() as session:
            if last is None:
                rows = session.execute(query.order_by(MessageRow.id)).all()
            else:
                newest = session.execute(query.order_by(MessageRow.id.desc()).limit(last)).all()
                rows = list(reversed(newest))
        return [Turn(_role(role), content) for role, content in rows]

    def append(
        self,
        conversation_id: str,
        question: str,
        answer: Answer | str,
        *,
        kind: str = "api",
        display: str | None = None,
    ) -> None:
        """Add one exchange (the question and its answer); the conversation is made if new."""
        self.create(kind, title_of(question), conversation_id)
        text = answer if isinstance(answer, str) else answer.text
        answer_json = None if isinstance(answer, str) else answer.to_dict()
        now = utcnow()
        with self.db.session() as session:
            session.add(MessageRow(conversation_id=conversation_id, role="user", content=question))
            session.add(
                MessageRow(
                    conversation_id=conversation_id,
                    role="assistant",
                    content=text,
                    answer=answer_json,
                    display=display,
                )
            )
            row = session.get(ConversationRow, conversation_id)
            if row is not None:
                row.updated_at = now
                row.title = row.title or title_of(question)

    def recent(self, kind: str = "web", limit: int = 50) -> list[ConversationRecord]:
        """The conversations of `kind` that have messages, most recently used first."""
        has_messages = select(func.count(MessageRow.id)).where(
            MessageRow.conversation_id == ConversationRow.id
        )
        query = (
            select(ConversationRow)
            .where(ConversationRow.kind == kind, has_messages.scalar_subquery() > 0)
            .order_by(ConversationRow.updated_at.desc())
            .limit(limit)
        )
        with self.db.session() as session:
            return [
                ConversationRecord(r.id, r.kind, r.title, r.created_at, r.updated_at)
                for r in session.scalars(query)
            ]

    def rename(self, conversation_id: str, title: str) -> bool:
        title = title_of(title) or "untitled"
        with self.db.session() as session:
            result = session.execute(
                update(ConversationRow)
                .where(ConversationRow.id == conversation_id)
                .values(title=title)
            )
            return bool(getattr(result, "rowcount", 0))

    def delete(self, conversation_id: str) -> bool:
        with self.db.session() as session:
            session.execute(delete(MessageRow).where(MessageRow.conversation_id == conversation_id))
            result = session.execute(
                delete(ConversationRow).where(ConversationRow.id == conversation_id)
            )
            return bool(getattr(result, "rowcount", 0))


class DatabaseThreads:
    """Each Slack thread's turns, kept as a conversation every replica sees."""

    def __init__(self, conversations: ConversationStore, max_turns: int = 20) -> None:
        self.conversations = conversations
        self.max_turns = max_turns

    @staticmethod
    def conversation_id(key: ThreadKey) -> str:
        channel, thread_ts = key
        return f"slack:{channel}:{thread_ts}"[:80]

    def history(self, key: ThreadKey) -> list[Turn]:
        return self.conversations.turns(self.conversation_id(key), last=self.max_turns)

    def remember(self, key: ThreadKey, question: str, answer: str) -> None:
        self.conversations.append(self.conversation_id(key), question, answer, kind="slack")
