"""Chat-model adapters: in-process llama.cpp (default) and any OpenAI-compatible server."""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from assistant.chat.protocols import Completion, Message, narrowed
from assistant.errors import ModelError

CACHE_BYTES = 128 << 20  # saved prompt states (KV only, ~28 KB a token): other prompts' prefixes
log = logging.getLogger(__name__)
CALL_TAG = "<tool_call>"  # how Qwen-style chat templates open a function call
N_BATCH = 256


def _forced(tool: dict[str, Any]) -> dict[str, Any]:
    return {"type": "function", "function": {"name": tool["function"]["name"]}}


@functools.lru_cache(maxsize=64)
def _grammar(schema: str) -> Any:
    """The llama.cpp grammar for a JSON schema (the same few field sets come back often)."""
    from llama_cpp.llama_grammar import LlamaGrammar

    return LlamaGrammar.from_json_schema(schema, verbose=False)


def _parse_arguments(raw: str) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


class LlamaCppModel:
    """A GGUF model in this process through llama-cpp-python, with its own chat template.

    llama.cpp contexts are not thread-safe, so every call holds a lock. A RAM state cache keeps
    the KV state of earlier prompts, so the constant system prompt and tool schema are not
    evaluated again for every question.
    """

    def __init__(
        self,
        path: Path,
        *,
        threads: int,
        context_size: int,
        cache: bool = True,
        recall: str = "bias",
    ):
        self.path = path
        self.recall = recall
        self.name = path.name
        self.threads = threads
        self.context_size = context_size
        self.use_cache = cache
        self._llm: Any = None
        self._lock = threading.RLock()

    @property
    def llm(self) -> Any:
        with self._lock:
            if self._llm is None:
                self._llm = self._load()
            return self._llm

    def _load(self) -> Any:
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ModelError(
                "llama-cpp-python is not installed: run `make setup` (it builds it with "
                'CMAKE_ARGS="-DGGML_NATIVE=OFF").'
            ) from exc
        try:
            llm = Llama(
                model_path=str(self.path),
                n_ctx=self.context_size,
                n_threads=self.threads,
                n_threads_batch=self.threads,
                n_batch=N_BATCH,
                seed=0,
                # Read into memory, not mapped: llama.cpp repacks most weights for the CPU
                # into a second buffer, and a mapping keeps the file's pages resident too
                # (1.9 GB RSS mapped, 1.3 GB read).
                use_mmap=False,
                # Flash attention: the answer's ~190 tokens after the 1,040-token prefix
                # evaluate ~10 % faster on these CPUs (4.0 s -> 3.6 s), decode no slower.
                flash_attn=True,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"Could not load the chat model {self.path}: {exc}") from exc
        _drop_logits_copy(llm)
        if self.use_cache:
            llm.set_cache(_state_cache(CACHE_BYTES))
        return llm

    def call_tool(
        self, messages: list[Message], tool: dict[str, Any], fields: Collection[str] | None = None
    ) -> Completion:
        # With `fields`, the grammar allows only those (the prompt still shows the whole
        # schema, so the cached prefix holds); llama-cpp-python builds a forced call's grammar
        # from the whole schema, so that call passes its own grammar and no tool_choice.
        forced = (
            {"tool_choice": _forced(tool)}
            if fields is None
            else {"grammar": _grammar(json.dumps(narrowed(tool["function"]["parameters"], fields)))}
        )
        with self._lock:
            out = self.llm.create_chat_completion(
                messages=messages, tools=[tool], temperature=0.0, max_tokens=256, **forced
            )
        message = out["choices"][0]["message"]
        calls = message.get("tool_calls") or []
        raw = calls[0]["function"]["arguments"] if calls else (message.get("content") or "")
        usage = out.get("usage") or {}
        return Completion(
            arguments=_parse_arguments(raw),
            raw_arguments=raw,
            completion_tokens=usage.get("completion_tokens", 0),
            prompt_tokens=usage.get("prompt_tokens", 0),
        )

    def complete(
        self, messages: list[Message], max_tokens: int, tool: dict[str, Any] | None = None
    ) -> Completion:
        with self._lock:
            out = self.llm.create_chat_completion(
                messages=_for_template(messages),
                temperature=0.0,
                max_tokens=max_tokens,
                **self._after_call(tool),
            )
        usage = out.get("usage") or {}
        return Completion(
            text=out["choices"][0]["message"].get("content") or "",
            completion_tokens=usage.get("completion_tokens", 0),
            prompt_tokens=usage.get("prompt_tokens", 0),
        )

    def stream(
        self, messages: list[Message], max_tokens: int, tool: dict[str, Any] | None = None
    ) -> Iterator[str]:
        with self._lock:
            for chunk in self.llm.create_chat_completion(
                messages=_for_template(messages),
                temperature=0.0,
                max_tokens=max_tokens,
                stream=True,
                **self._after_call(tool),
            ):
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    yield piece

    def _after_call(self, tool: dict[str, Any] | None) -> dict[str, Any]:
        """Arguments for the answer that follows a call: the same tools (so the template, and
        the evaluated prefix, stay the same) and no second call.

        `recall` is how a second call is prevented: "bias" forbids the call token, "stop"
        ends the answer at it, "none" trusts the model (bench/assistant.py measures each).
        """
        if tool is None:
            return {}
        kwargs: dict[str, Any] = {"tools": [tool]}
        if self.recall in ("stop", "bias"):
            kwargs["stop"] = [CALL_TAG]
        token = self._call_token()
        if self.recall == "bias" and token is not None:
            kwargs["logit_bias"] = {token: -100.0}
        return kwargs

    def _call_token(self) -> int | None:
        """The chat template's tool-call token, if the model has one as a single token."""
        tokens = self.llm.tokenize(CALL_TAG.encode(), add_bos=False, special=True)
        return int(tokens[0]) if len(tokens) == 1 else None


def _for_template(messages: list[Message]) -> list[Message]:
    """OpenAI messages as chat templates expect them: a call's arguments as an object.

    The OpenAI shape carries arguments as a JSON string, which Qwen-style templates would
    print as a quoted string the model never produced.
    """
    out = []
    for message in messages:
        calls = message.get("tool_calls")
        if calls:
            calls = [
                {
                    **c,
                    "function": {
                        **c["function"],
                        "arguments": _parse_arguments(c["function"]["arguments"]) or {},
                    },
                }
                if isinstance(c.get("function", {}).get("arguments"), str)
                else c
                for c in calls
            ]
            message = {**message, "content": message.get("content") or "", "tool_calls": calls}
        out.append(message)
    return out


def _drop_logits_copy(llm: Any) -> None:
    """Shrink llama-cpp-python's logits mirror to one row.

    Without `logits_all` nothing reads it (sampling runs in llama.cpp), yet it holds n_batch
    rows x 152k vocabulary x 4 B (155 MB) that every saved state copies and every restore
    touches; one row keeps `save_state`/`load_state` working (it broadcasts).
    """
    import numpy as np

    if not llm._logits_all:
        llm.scores = np.zeros((1, llm.n_vocab()), dtype=np.single)


def _state_cache(capacity_bytes: int) -> Any:
    """llama-cpp-python's RAM cache, counting each state's logits copy against its capacity.

    The library counts only the KV state, but every saved state also holds a copy of the
    logits (~150 MB here), so without this the process grows by gigabytes under load.
    """
    from llama_cpp.llama_cache import LlamaRAMCache

    class BoundedRAMCache(LlamaRAMCache):
        @property
        def cache_size(self) -> int:
            return sum(
                int(s.llama_state_size) + int(getattr(s.scores, "nbytes", 0))
                for s in self.cache_state.values()
            )

    return BoundedRAMCache(capacity_bytes=capacity_bytes)


class OpenAICompatModel:
    """Any OpenAI-compatible server (llama.cpp server, vLLM, ...) with tool calling."""

    def __init__(self, base_url: str, *, api_key: str, model: str = "chipwise") -> None:
        from openai import OpenAI

        self.name = f"{model}@{base_url}"
        self.model = model
        self._client = OpenAI(base_url=base_url, api_key=api_key, max_retries=2, timeout=300)

    def _create(self, **kwargs: Any) -> Any:
        from openai import OpenAIError

        try:
            return self._client.chat.completions.create(model=self.model, temperature=0.0, **kwargs)
        except OpenAIError as exc:
            raise _server_failed(exc) from exc

    def call_tool(
        self, messages: list[Message], tool: dict[str, Any], fields: Collection[str] | None = None
    ) -> Completion:
        # `fields` is not passed on: the OpenAI API has no grammar, and a narrowed schema would
        # change the prompt's prefix; `reconcile` drops what the other fields would set.
        out = self._create(
            messages=messages, tools=[tool], tool_choice=_forced(tool), max_tokens=256
        )
        message = out.choices[0].message
        raw = (
            message.tool_calls[0].function.arguments
            if message.tool_calls
            else (message.content or "")
        )
        return Completion(
            arguments=_parse_arguments(raw),
            raw_arguments=raw,
            completion_tokens=out.usage.completion_tokens if out.usage else 0,
        )

    def complete(
        self, messages: list[Message], max_tokens: int, tool: dict[str, Any] | None = None
    ) -> Completion:
        out = self._create(messages=messages, max_tokens=max_tokens, **_no_call(tool))
        return Completion(
            text=out.choices[0].message.content or "",
            completion_tokens=out.usage.completion_tokens if out.usage else 0,
        )

    def stream(
        self, messages: list[Message], max_tokens: int, tool: dict[str, Any] | None = None
    ) -> Iterator[str]:
        from openai import OpenAIError

        try:
            for chunk in self._create(
                messages=messages, max_tokens=max_tokens, stream=True, **_no_call(tool)
            ):
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except OpenAIError as exc:  # a failure mid-stream
            raise _server_failed(exc) from exc


def _no_call(tool: dict[str, Any] | None) -> dict[str, Any]:
    """The answer after a call on a server: the same tools, and the API's way to forbid a call."""
    return {} if tool is None else {"tools": [tool], "tool_choice": "none"}


def _server_failed(exc: Exception) -> ModelError:
    """The ModelError a client sees: the status code at most. The server's text (paths,
    stack traces) goes to the log only."""
    log.error("the chat model server failed: %s", exc)
    status = getattr(exc, "status_code", None)
    detail = f" (HTTP {status})" if status else ""
    return ModelError(f"The chat model server failed{detail}; see the chipwise log.")
