"""Test doubles shipped as real classes: a scripted chat model and an in-memory retriever."""

from __future__ import annotations

import json
import socket
import subprocess
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.chat.protocols import Completion, Message
from assistant.text.ranking import fuse, section_passages, tokenize
from assistant.types import Passage

Reply = str | Callable[[list[Message]], str]


@dataclass
class ScriptedModel:
    """A ChatModel whose tool arguments and prose come from a script; records every call.

    `arguments` is returned for every tool call (a dict, or a function of the messages);
    `replies` are used in order for prose (the last one repeats).
    """

    arguments: dict[str, Any] | Callable[[list[Message]], dict[str, Any]] = field(
        default_factory=dict
    )
    replies: Sequence[Reply] = ("Recommendation: GPU",)
    name: str = "scripted"
    calls: list[tuple[str, list[Message]]] = field(default_factory=list)
    fields: list[list[str] | None] = field(default_factory=list)  # each call's open fields

    def _reply(self, messages: list[Message]) -> str:
        prose = [m for m in self.calls if m[0] != "tool"]
        reply = self.replies[min(len(prose) - 1, len(self.replies) - 1)]
        return reply(messages) if callable(reply) else reply

    def call_tool(
        self, messages: list[Message], tool: dict[str, Any], fields: Collection[str] | None = None
    ) -> Completion:
        self.calls.append(("tool", messages))
        self.fields.append(None if fields is None else list(fields))
        args = self.arguments(messages) if callable(self.arguments) else self.arguments
        if fields is not None:  # what a grammar limited to `fields` lets through
            args = {k: v for k, v in args.items() if k in fields}
        return Completion(arguments=dict(args), raw_arguments=json.dumps(args))

    def complete(
        self, messages: list[Message], max_tokens: int, tool: dict[str, Any] | None = None
    ) -> Completion:
        self.calls.append(("complete", messages))
        text = self._reply(messages)
        return Completion(text=text, completion_tokens=len(text.split()))

    def stream(
        self, messages: list[Message], max_tokens: int, tool: dict[str, Any] | None = None
    ) -> Iterator[str]:
        self.calls.append(("stream", messages))
        text = self._reply(messages)
        for word in text.split(" "):
            yield word + " "


@dataclass
class MemoryRetriever:
    """A Retriever over passages held in memory, ranked by BM25-style token overlap."""

    passages: list[Passage]

    def retrieve(self, question: str, language: str, k: int) -> list[Passage]:
        query = set(tokenize(question))
        scored = [
            (
                p.chunk_id,
                p.text,
                {"section_id": p.section_id, "title": p.title, "source": p.path, "lang": p.lang},
                float(len(query & set(tokenize(p.text)))),
            )
            for p in self.passages
        ]
        ranking = sorted((s for s in scored if s[3] > 0), key=lambda s: -s[3])
        return fuse([ranking], language, k)

    def sections(self, section_ids: Sequence[str], language: str) -> list[Passage]:
        chunks = [
            (p.chunk_id, p.text, {"section_id": p.section_id, "lang": p.lang, "title": p.title})
            for p in self.passages
        ]
        return section_passages(chunks, section_ids, language)


def free_port() -> int:
    """A free TCP port on the loopback interface, for servers started by tests and benches."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_process(proc: subprocess.Popen[bytes], timeout_s: float = 30) -> None:
    """Terminate a server a test or bench started; kill it if it does not stop in time."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
