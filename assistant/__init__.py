"""chipwise: GPU or NPU for AI video generation, decided by rules, explained with sources.

from assistant import build, Settings
answer = build(Settings()).ask("90-second 4K ads with fluid simulation: GPU or NPU?")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from assistant.chat.pipeline import Assistant, check_question
from assistant.chat.protocols import ChatModel, Retriever
from assistant.errors import (
    BusyError,
    ChipwiseError,
    KnowledgeStoreError,
    ModelError,
    QuestionError,
    StorageError,
)
from assistant.feedback import (
    ExportFormat,
    FeedbackStore,
    Rating,
    export_feedback,
    feedback_path,
    read_feedback,
)
from assistant.rules.compare import MAX_OPTIONS, MIN_OPTIONS, Comparison, compare
from assistant.rules.decision import SECTION_IDS, Decision, Finding, Flip, recommend_hardware
from assistant.rules.decision_map import DecisionMap, decision_map
from assistant.rules.flips import FIELD_NAMES, field_words, value_words
from assistant.rules.requirements import (
    Deployment,
    Requirements,
    Resolution,
    Workload,
    parse_assignments,
    validation_message,
)
from assistant.rules.wording import finding_line, finding_text, need_prompt
from assistant.settings import Settings
from assistant.startup import (
    database_url,
    ingest_knowledge,
    open_assistant,
    open_storage,
    warm_in_background,
)
from assistant.text.guard import citations, contradictions, stated_verdicts, strip_citations
from assistant.text.language import detect_language, written_language
from assistant.types import (
    Answer,
    AnswerEvent,
    DecisionEvent,
    Language,
    Passage,
    PassagesEvent,
    Quote,
    StreamEvent,
    TextEvent,
    Timings,
    ToolCall,
    ToolCallEvent,
    Turn,
)

if TYPE_CHECKING:
    from assistant.curation import CurationError, Curator
    from assistant.storage import (
        ConversationRecord,
        ConversationStore,
        EventLedger,
        FeedbackSink,
        SourceRecord,
        SourceRegistry,
        Storage,
        StoredMessage,
        ThreadHistory,
        ThreadKey,
        check_id,
        memory_storage,
    )

# The database and curation load SQLAlchemy and Alembic: only when first used, so that
# `chipwise --help` and `chipwise ask` start as fast as before.
_LAZY = {
    "ConversationRecord": "assistant.storage",
    "ConversationStore": "assistant.storage",
    "EventLedger": "assistant.storage",
    "FeedbackSink": "assistant.storage",
    "SourceRecord": "assistant.storage",
    "SourceRegistry": "assistant.storage",
    "Storage": "assistant.storage",
    "StoredMessage": "assistant.storage",
    "ThreadHistory": "assistant.storage",
    "ThreadKey": "assistant.storage",
    "check_id": "assistant.storage",
    "memory_storage": "assistant.storage",
    "CurationError": "assistant.curation",
    "Curator": "assistant.curation",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")


__all__ = [
    "FIELD_NAMES",
    "MAX_OPTIONS",
    "MIN_OPTIONS",
    "SECTION_IDS",
    "Answer",
    "AnswerEvent",
    "Assistant",
    "BusyError",
    "ChatModel",
    "ChipwiseError",
    "Comparison",
    "ConversationRecord",
    "ConversationStore",
    "CurationError",
    "Curator",
    "Decision",
    "DecisionEvent",
    "DecisionMap",
    "Deployment",
    "EventLedger",
    "ExportFormat",
    "FeedbackSink",
    "FeedbackStore",
    "Finding",
    "Flip",
    "KnowledgeStoreError",
    "Language",
    "ModelError",
    "Passage",
    "PassagesEvent",
    "QuestionError",
    "Quote",
    "Rating",
    "Requirements",
    "Resolution",
    "Retriever",
    "Settings",
    "SourceRecord",
    "SourceRegistry",
    "Storage",
    "StorageError",
    "StoredMessage",
    "StreamEvent",
    "TextEvent",
    "ThreadHistory",
    "ThreadKey",
    "Timings",
    "ToolCall",
    "ToolCallEvent",
    "Turn",
    "Workload",
    "build",
    "check_id",
    "check_question",
    "citations",
    "compare",
    "contradictions",
    "database_url",
    "decision_map",
    "detect_language",
    "export_feedback",
    "feedback_path",
    "field_words",
    "finding_line",
    "finding_text",
    "ingest_knowledge",
    "memory_storage",
    "need_prompt",
    "open_assistant",
    "open_storage",
    "parse_assignments",
    "read_feedback",
    "recommend_hardware",
    "stated_verdicts",
    "strip_citations",
    "validation_message",
    "value_words",
    "warm_in_background",
    "written_language",
]

# The documented stable name for the one composition root.
build = open_assistant
