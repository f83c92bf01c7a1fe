"""The seams of the pipeline: what it needs from a chat model and from a retriever."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.types import Passage

Message = dict[str, Any]


@dataclass(frozen=True)
class Completion:
    """One model reply: prose, or the arguments of a forced function call."""

    text: str = ""
    arguments: dict[str, Any] | None = None
    raw_arguments: str | None = None
    completion_tokens: int = 0
    prompt_tokens: int = 0


class ChatModel(Protocol):
    """What the pipeline needs from a chat model."""

    name: str

    def call_tool(self, messages: list[Message], tool: dict[str, Any]) -> Completion:
        """Force a call of `tool`; its arguments are grammar-constrained to the schema."""
        ...

    def complete(
        self, messages: list[Message], max_tokens: int, tool: dict[str, Any] | None = None
    ) -> Completion:
        """A prose reply, all at once; with `tool`, the answer after that tool's call."""
        ...

    def stream(
        self, messages: list[Message], max_tokens: int, tool: dict[str, Any] | None = None
    ) -> Iterator[str]:
        """A prose reply, piece by piece; with `tool`, the answer after that tool's call
        (the same tools offered, so the conversation's prefix is reused, and no new call)."""
        ...


class Retriever(Protocol):
    """What the pipeline needs: passages for a question, best first."""

    def retrieve(self, question: str, language: str, k: int) -> list[Passage]: ...
