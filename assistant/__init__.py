"""chipwise: GPU or NPU for AI video generation, decided by rules, explained with sources.

from assistant import build, Settings
answer = build(Settings()).ask("90-second 4K ads with fluid simulation: GPU or NPU?")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.rules.decision import Decision, Finding, recommend_hardware
from assistant.errors import BusyError, ChipwiseError, ModelError, QuestionError
from assistant.chat.pipeline import Assistant
from assistant.rules.requirements import Requirements
from assistant.settings import Settings
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

if TYPE_CHECKING:
    from assistant.chat.protocols import ChatModel
    from assistant.chat.protocols import Retriever

__all__ = [
    "Answer",
    "AnswerEvent",
    "Assistant",
    "BusyError",
    "ChipwiseError",
    "Decision",
    "DecisionEvent",
    "Finding",
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
    "recommend_hardware",
]


def build(
    settings: Settings | None = None,
    *,
    chat_model: ChatModel | None = None,
    retriever: Retriever | None = None,
) -> Assistant:
    """The one composition root: wire settings, retriever, chat model and queue by hand."""
    from assistant.adapters.chat_models import LlamaCppModel, OpenAICompatModel
    from assistant.chat.gate import RequestGate
    from assistant.adapters.model_files import ModelFileError, resolve_model_path
    from assistant.adapters.retriever import from_settings

    settings = settings or Settings()
    if chat_model is None:
        if settings.llm_base_url:
            chat_model = OpenAICompatModel(
                settings.llm_base_url, api_key=settings.llm_api_key, model=settings.llm_model
            )
        else:
            try:
                path = resolve_model_path(settings)
            except ModelFileError as exc:
                raise ModelError(str(exc)) from exc
            chat_model = LlamaCppModel(
                path, threads=settings.threads, context_size=settings.context_size
            )
    if retriever is None:
        retriever = from_settings(settings)
    gate = RequestGate(settings.queue_size, settings.queue_timeout_s)
    return Assistant(settings, chat_model, retriever, gate)
