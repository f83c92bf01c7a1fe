"""chipwise: GPU or NPU for AI video generation, decided by rules, explained with sources.

from assistant import build, Settings
answer = build(Settings()).ask("90-second 4K ads with fluid simulation: GPU or NPU?")
"""

from __future__ import annotations

from assistant.chat.pipeline import Assistant, check_question
from assistant.chat.protocols import ChatModel, Retriever
from assistant.errors import (
    BusyError,
    ChipwiseError,
    KnowledgeStoreError,
    ModelError,
    QuestionError,
)
from assistant.feedback import FeedbackStore, Rating, feedback_path, read_feedback
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
)
from assistant.rules.wording import finding_line, finding_text, need_prompt
from assistant.settings import Settings
from assistant.startup import ingest_knowledge, open_assistant
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
    "Decision",
    "DecisionEvent",
    "DecisionMap",
    "Deployment",
    "FeedbackStore",
    "Finding",
    "Flip",
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
    "StreamEvent",
    "TextEvent",
    "Timings",
    "ToolCall",
    "ToolCallEvent",
    "Turn",
    "Workload",
    "build",
    "check_question",
    "citations",
    "compare",
    "contradictions",
    "decision_map",
    "detect_language",
    "feedback_path",
    "field_words",
    "finding_line",
    "finding_text",
    "ingest_knowledge",
    "need_prompt",
    "open_assistant",
    "parse_assignments",
    "read_feedback",
    "recommend_hardware",
    "stated_verdicts",
    "strip_citations",
    "value_words",
    "written_language",
]

# The documented stable name for the one composition root.
build = open_assistant
