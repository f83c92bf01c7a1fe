"""The SSE stream always ends with an error chunk (if something failed) and [DONE]."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

from assistant import StreamEvent, TextEvent
from ui.openai_chat import sse_chunks


def _collect(events: Iterator[StreamEvent]) -> list[str]:
    async def run() -> list[str]:
        return [chunk async for chunk in sse_chunks([], events, "chatcmpl-x")]

    return asyncio.run(run())


def test_an_unexpected_failure_mid_stream_sends_an_error_chunk_and_done() -> None:
    def events() -> Iterator[StreamEvent]:
        yield TextEvent("Recommendation: ")
        raise RuntimeError("/home/secret/path exploded")

    chunks = _collect(events())
    assert chunks[-1] == "[DONE]"
    error = json.loads(chunks[-2])["error"]
    assert error["code"] == 500 and "/home/secret" not in error["message"]


def test_a_lone_surrogate_in_streamed_text_is_encodable() -> None:
    chunks = _collect(iter([TextEvent("GPU \ud800 NPU")]))
    for chunk in chunks:
        chunk.encode("utf-8")
    assert chunks[-1] == "[DONE]"
