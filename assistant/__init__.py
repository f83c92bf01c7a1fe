"""chipwise: GPU or NPU for AI video generation, decided by rules, explained with sources.

from assistant import build, Settings
answer = build(Settings()).ask("90-second 4K ads with fluid simulation: GPU or NPU?")
"""

from __future__ import annotations

from assistant.chat.pipeline import Assistant, check_question
from assistant.chat.protocols import ChatModel, Retriever
from assistant.curation import CurationError, Curator
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
from assistant.rules.decision import SECTION_IDS, Decision, Finding, recommend_hardware
from assistant.rules.requirements import (
    Deployment,
    Requirements,
    Resolution,
    Workload,
    parse_assignments,
)
from assistant.rules.wording import finding_line, finding_text, need_prompt
from assistant.settings import Settings
from assistant.startup import database_url, ingest_knowledge, open_assistant, open_storage
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
from assistant.text.guard import citations, contradictions, stated_verdicts, strip_citations
from assistant.text.language import detect_language, written_language
from assistant.types import (
    Answer,
    AnswerEvent,
    DecisionEvent,
    Language,
    Passage,
    PassagesEvent,
    StreamEvent,
    TextEvent,
    Timings,
    ToolCall,
    ToolCallEvent,
    Turn,
)

__all__ = [
    "SECTION_IDS",
    "Answer",
    "AnswerEvent",
    "Assistant",
    "BusyError",
    "ChatModel",
    "ChipwiseError",
    "ConversationRecord",
    "ConversationStore",
    "CurationError",
    "Curator",
    "Decision",
    "DecisionEvent",
    "Deployment",
    "EventLedger",
    "ExportFormat",
    "FeedbackSink",
    "FeedbackStore",
    "Finding",
    "KnowledgeStoreError",
    "Language",
    "ModelError",
    "Passage",
    "PassagesEvent",
    "QuestionError",
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
    "contradictions",
    "database_url",
    "detect_language",
    "export_feedback",
    "feedback_path",
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
    "written_language",
]

# The documented stable name for the one composition root.
build = open_assistant
