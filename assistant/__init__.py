"""chipwise: GPU or NPU for AI video generation, decided by rules, explained with sources.

from assistant import build, Settings
answer = build(Settings()).ask("90-second 4K ads with fluid simulation: GPU or NPU?")
"""

from __future__ import annotations

from assistant.chat.pipeline import Assistant
from assistant.errors import (
    BusyError,
    ChipwiseError,
    KnowledgeStoreError,
    ModelError,
    QuestionError,
)
from assistant.rules.decision import Decision, Finding, recommend_hardware
from assistant.rules.requirements import Requirements
from assistant.settings import Settings
from assistant.startup import ingest_knowledge, open_assistant
from assistant.types import (
    Answer,
    AnswerEvent,
    DecisionEvent,
    Passage,
    PassagesEvent,
    StreamEvent,
    TextEvent,
    ToolCall,
    ToolCallEvent,
    Turn,
)

__all__ = [
    "Answer",
    "AnswerEvent",
    "Assistant",
    "BusyError",
    "ChipwiseError",
    "Decision",
    "DecisionEvent",
    "Finding",
    "KnowledgeStoreError",
    "ModelError",
    "Passage",
    "PassagesEvent",
    "QuestionError",
    "Requirements",
    "Settings",
    "StreamEvent",
    "TextEvent",
    "ToolCall",
    "ToolCallEvent",
    "Turn",
    "build",
    "ingest_knowledge",
    "open_assistant",
    "recommend_hardware",
]

# The documented stable name for the one composition root.
build = open_assistant
