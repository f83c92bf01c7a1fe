"""State in a database: conversations, feedback, Slack event ids and the source registry."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.storage.conversations import (
    ConversationRecord,
    ConversationStore,
    DatabaseThreads,
    StoredMessage,
    check_id,
)
from assistant.storage.database import Database, default_url, open_database
from assistant.storage.protocols import EventLedger, FeedbackSink, ThreadHistory, ThreadKey
from assistant.storage.records import (
    DatabaseEvents,
    DatabaseFeedback,
    SourceRecord,
    SourceRegistry,
)


@dataclass
class Storage:
    """Every store over one database; front ends receive this, never the engine."""

    database: Database
    conversations: ConversationStore
    feedback: DatabaseFeedback
    events: DatabaseEvents
    threads: DatabaseThreads
    sources: SourceRegistry

    def close(self) -> None:
        self.database.close()


def storage_over(database: Database) -> Storage:
    """The stores over an opened (migrated) database."""
    conversations = ConversationStore(database)
    return Storage(
        database,
        conversations,
        DatabaseFeedback(database),
        DatabaseEvents(database),
        DatabaseThreads(conversations),
        SourceRegistry(database),
    )


def memory_storage() -> Storage:
    """A private in-memory SQLite database (tests, and front ends built without storage)."""
    return storage_over(open_database("sqlite://"))


__all__ = [
    "ConversationRecord",
    "ConversationStore",
    "Database",
    "DatabaseEvents",
    "DatabaseFeedback",
    "DatabaseThreads",
    "EventLedger",
    "FeedbackSink",
    "SourceRecord",
    "SourceRegistry",
    "Storage",
    "StoredMessage",
    "ThreadHistory",
    "ThreadKey",
    "check_id",
    "default_url",
    "memory_storage",
    "open_database",
    "storage_over",
]
