"""The OpenAI chat-completions wire format: requests, completions, chunks and the SSE stream.

chipwise adds one field, `chipwise`, holding the Answer JSON (verdict card, sources, needs,
timings): on the completion object, and on the last chunk of a stream (the one with
`finish_reason`). When the consistency guard rewrites a streamed answer, a chunk carrying
`"chipwise": {"event": "reset"}` starts the corrected text after a `---` separator; the
`answer` in the last chunk's `chipwise` field is always the authoritative text.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from assistant import (
    Answer,
    AnswerEvent,
    BusyError,
    ModelError,
    PassagesEvent,
    QuestionError,
    StreamEvent,
    TextEvent,
    Turn,
)
from ui.http import error_body, without_surrogates

log = logging.getLogger(__name__)
MODEL_NAME = "chipwise"
RESET_SEPARATOR = "\n\n---\n"


class ChatMessage(BaseModel):
    """An OpenAI chat message; `content` may be a string or a list of text parts."""

    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            text = "".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        else:
            text = self.content or ""
        return without_surrogates(text)


class ChatRequest(BaseModel):
    """An OpenAI chat completion request; sampling options are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = MODEL_NAME
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False


def model_card() -> dict[str, Any]:
    """chipwise as an OpenAI model object (`GET /v1/models`, `client.models.list()`)."""
    return {"id": MODEL_NAME, "object": "model", "created": 0, "owned_by": MODEL_NAME}


def chat_input(request: ChatRequest) -> tuple[str, list[Turn]]:
    """The last user message is the question; earlier user/assistant messages the history."""
    turns = [m for m in request.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user":
        raise QuestionError("the last message must come from the user.")
    history = [Turn(role=m.role, content=m.text()) for m in turns[:-1]]  # type: ignore[arg-type]
    return turns[-1].text(), history


def completion(answer: Answer, completion_id: str) -> dict[str, Any]:
    """The OpenAI completion object of a whole answer."""
    tokens = answer.timings.completion_tokens
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_NAME,
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": answer.text},
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": tokens, "total_tokens": tokens},
        MODEL_NAME: answer.to_dict(),
    }


def _chunk(
    completion_id: str, delta: dict[str, Any], finish: str | None = None, **extra: Any
) -> str:
    body = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": MODEL_NAME,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **extra,
    }
    return without_surrogates(json.dumps(body, ensure_ascii=False))


def until_model(events: Iterator[StreamEvent]) -> list[StreamEvent]:
    """The first events up to and including the first that needed the model (or the last)."""
    head: list[StreamEvent] = []
    for event in events:
        head.append(event)
        if not isinstance(event, PassagesEvent):
            break
    return head


async def sse_chunks(
    head: list[StreamEvent], events: Iterator[StreamEvent], completion_id: str
) -> AsyncIterator[str]:
    """Stream events as OpenAI chunks; pulls the blocking iterator in a worker thread."""
    done = object()
    pending = list(head)
    try:
        yield _chunk(completion_id, {"role": "assistant", "content": ""})
        while True:
            event = pending.pop(0) if pending else await run_in_threadpool(next, events, done)
            if event is done:
                break
            if isinstance(event, TextEvent) and event.text:
                if event.reset:
                    yield _chunk(
                        completion_id,
                        {"content": RESET_SEPARATOR + event.text},
                        chipwise={"event": "reset"},
                    )
                else:
                    yield _chunk(completion_id, {"content": event.text})
            elif isinstance(event, AnswerEvent):
                yield _chunk(completion_id, {}, "stop", chipwise=event.answer.to_dict())
    except (BusyError, ModelError, QuestionError) as exc:
        yield json.dumps(error_body(str(exc), type(exc).__name__, 503))
    except Exception:  # still a clean end for the client: an error chunk, then [DONE]
        log.exception("streaming answer %s failed", completion_id)
        yield json.dumps(error_body("internal error while answering", "server_error", 500))
    finally:
        # Also on a client that went away: closing the pipeline's generator frees the model.
        # Synchronous on purpose: an await here would be cancelled along with the response.
        close = getattr(events, "close", None)
        if close is not None:
            close()
    yield "[DONE]"
