"""The seams of the pipeline: what it needs from a chat model and from a retriever."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
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


def narrowed(parameters: dict[str, Any], fields: Collection[str]) -> dict[str, Any]:
    """The same parameters limited to `fields` (schema order): what a call's grammar allows
    when the rest could not change the result. The prompt keeps the whole schema, so its
    evaluated prefix is the same for every question."""
    properties = {n: p for n, p in parameters["properties"].items() if n in fields}
    return {
        **parameters,
        "properties": properties,
        "required": [n for n in parameters.get("required", []) if n in properties],
    }


class ChatModel(Protocol):
    """What the pipeline needs from a chat model."""

    name: str

    def call_tool(
        self, messages: list[Message], tool: dict[str, Any], fields: Collection[str] | None = None
    ) -> Completion:
        """Force a call of `tool`; its arguments are grammar-constrained to the schema, and to
        `fields` when given (the ones whose values could still change the result)."""
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

    def sections(self, section_ids: Sequence[str], language: str) -> list[Passage]:
        """The chunks of these sections (those a Decision cites but retrieval did not rank)."""
        ...
