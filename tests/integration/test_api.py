"""The HTTP API served by uvicorn on loopback, spoken to with httpx and the openai client."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from support.fake_slack import questions, scripted_assistant, serve

from ui.api import create_api

TOKEN = "s3cret-token"
QUESTION = "We generate 10-second 720p clips on a phone: GPU or NPU?"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return scripted_assistant(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def base_url(assistant: Any) -> Iterator[str]:
    with serve(create_api(assistant, token=TOKEN, max_body_bytes=4096)) as url:
        yield url


@pytest.fixture
def http(base_url: str) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as client:
        yield client


def test_ask_returns_the_answer_json(http: httpx.Client) -> None:
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    response = http.post("/v1/ask", json={"question": QUESTION, "history": history})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= {
        "question",
        "answer",
        "language",
        "decision",
        "needs",
        "tool_calls",
        "sources",
        "timings",
    }
    assert body["decision"]["verdict"] == "NPU"
    assert body["question"] == QUESTION


def test_decide_normalises_loose_values(http: httpx.Client) -> None:
    response = http.post("/v1/decide", json={"deployment": "手机", "resolution": "720P"})
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["verdict"] == "NPU"
    assert decision["requirements"] == {"deployment": "mobile", "resolution": "720p"}
    assert decision["sources"]


def test_decide_rejects_unknown_fields_with_a_message(http: httpx.Client) -> None:
    response = http.post("/v1/decide", json={"colour": "blue"})
    assert response.status_code == 422
    assert "colour" in response.json()["error"]["message"]


def test_healthz_and_openapi_need_no_token(base_url: str) -> None:
    assert httpx.get(f"{base_url}/healthz").json()["status"] == "ok"
    spec = httpx.get(f"{base_url}/openapi.json").json()
    assert {"/v1/ask", "/v1/decide", "/v1/chat/completions", "/healthz"} <= set(spec["paths"])
    assert "chipwise" in spec["info"]["description"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic " + TOKEN])
def test_wrong_or_missing_token_is_401(base_url: str, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = httpx.post(f"{base_url}/v1/ask", json={"question": QUESTION}, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "authentication_error"
    assert response.headers["www-authenticate"] == "Bearer"


def test_oversized_body_is_413(http: httpx.Client) -> None:
    response = http.post("/v1/ask", json={"question": "x" * 10_000})
    assert response.status_code == 413
    assert "4096 bytes" in response.json()["error"]["message"]


def test_oversized_chunked_body_is_413(http: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies while reading
        yield b'{"question": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    response = http.post("/v1/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_invalid_json_is_422_with_a_message(http: httpx.Client) -> None:
    response = http.post(
        "/v1/ask", content=b'{"question": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert "not valid JSON" in response.json()["error"]["message"]


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_422(http: httpx.Client, question: str) -> None:
    response = http.post("/v1/ask", json={"question": question})
    assert response.status_code == 422
    assert "empty" in response.json()["error"]["message"]


def test_too_long_question_is_422(tmp_path: Path) -> None:
    long_question = "GPU or NPU? " * 400  # 4,800 characters: over the 4,000 limit
    with serve(create_api(scripted_assistant(tmp_path))) as url:
        response = httpx.post(f"{url}/v1/ask", json={"question": long_question})
    assert response.status_code == 422
    assert "4,000" in response.json()["error"]["message"]  # the pipeline's one check says so


def test_busy_is_503_with_retry_after(tmp_path: Path) -> None:
    assistant = scripted_assistant(tmp_path, queue_size=0)  # nobody may wait for the model
    with serve(create_api(assistant)) as url, assistant.gate.hold():  # someone else uses it
        response = httpx.post(f"{url}/v1/ask", json={"question": QUESTION})
        streamed = httpx.post(
            f"{url}/v1/chat/completions",
            json={"messages": [{"role": "user", "content": QUESTION}], "stream": True},
        )
    for reply in (response, streamed):
        assert reply.status_code == 503
        assert reply.headers["retry-after"] == "15"
        assert "busy" in reply.json()["error"]["message"]


def test_openai_client_plain(base_url: str) -> None:
    client = openai.OpenAI(base_url=f"{base_url}/v1", api_key=TOKEN)
    completion = client.chat.completions.create(
        model="chipwise",
        messages=[
            {"role": "system", "content": "ignored"},
            {"role": "user", "content": QUESTION},
        ],
        temperature=0.2,
    )
    assert completion.choices[0].message.content.startswith("Recommendation: NPU")
    assert completion.choices[0].finish_reason == "stop"
    extra = completion.model_extra["chipwise"]
    assert extra["decision"]["verdict"] == "NPU"
    assert extra["answer"] == completion.choices[0].message.content


def test_openai_client_streaming(base_url: str) -> None:
    client = openai.OpenAI(base_url=f"{base_url}/v1", api_key=TOKEN)
    stream = client.chat.completions.create(
        model="chipwise", messages=[{"role": "user", "content": QUESTION}], stream=True
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text.startswith("Recommendation: NPU")
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert last.model_extra["chipwise"]["decision"]["verdict"] == "NPU"
    assert len(chunks) > 3  # really streamed, piece by piece


def test_openai_client_history_reaches_the_assistant(base_url: str, assistant: Any) -> None:
    client = openai.OpenAI(base_url=f"{base_url}/v1", api_key=TOKEN)
    completion = client.chat.completions.create(
        model="chipwise",
        messages=[
            {"role": "user", "content": "It runs on a phone."},
            {"role": "assistant", "content": "What resolution?"},
            {"role": "user", "content": [{"type": "text", "text": "720p, 10 seconds"}]},
        ],
    )
    assert completion.model_extra["chipwise"]["decision"]["verdict"] == "NPU"
    assert questions(assistant)[-1] == ["It runs on a phone.", "720p, 10 seconds"]


def test_streamed_answer_rewritten_by_the_guard_is_marked(tmp_path: Path) -> None:
    assistant = scripted_assistant(tmp_path)
    # the first draft contradicts the decision (NPU); the guard has it rewritten
    assistant.chat_model.replies = (
        "Recommendation: GPU, surely.",
        "Recommendation: NPU. [scenario.mobile]",
    )
    with serve(create_api(assistant)) as url:
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="none")
        chunks = list(
            client.chat.completions.create(
                model="chipwise", messages=[{"role": "user", "content": QUESTION}], stream=True
            )
        )
    resets = [c for c in chunks if (c.model_extra or {}).get("chipwise") == {"event": "reset"}]
    assert len(resets) == 1
    # The rewritten answer replaces the draft: the accepted retry, completed by rule.
    rewritten = resets[0].choices[0].delta.content
    assert rewritten.startswith("\n\n---\nRecommendation: NPU. [scenario.mobile]\n\nWhy:")
    final = chunks[-1].model_extra["chipwise"]
    assert final["answer"] == rewritten.removeprefix("\n\n---\n")
    assert final["guard"] == "regenerated" and "GPU, surely" not in final["answer"]


def test_openai_client_sees_401_and_the_message(base_url: str) -> None:
    client = openai.OpenAI(base_url=f"{base_url}/v1", api_key="wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError, match="invalid bearer token"):
        client.chat.completions.create(
            model="chipwise", messages=[{"role": "user", "content": QUESTION}]
        )


def test_chat_needs_a_user_message_last(http: httpx.Client) -> None:
    response = http.post(
        "/v1/chat/completions", json={"messages": [{"role": "assistant", "content": "hi"}]}
    )
    assert response.status_code == 422
    assert "user" in json.loads(response.text)["error"]["message"]


def test_cli_decide_prints_the_card_or_json() -> None:
    from typer.testing import CliRunner

    from ui.cli import app

    card = CliRunner().invoke(app, ["decide", "deployment=mobile", "resolution=720p"])
    assert card.exit_code == 0 and "Verdict: NPU" in card.output
    as_json = CliRunner().invoke(app, ["decide", "--json", "res=4k", "where=手机"])
    assert json.loads(as_json.output)["verdict"] == "GPU"
    bad = CliRunner().invoke(app, ["decide", "colour=blue"])
    assert bad.exit_code == 2 and "unknown requirement 'colour'" in bad.output


@pytest.mark.slow
def test_openai_client_streams_a_real_answer(real_assistant: Any) -> None:
    with serve(create_api(real_assistant, token=TOKEN)) as url:
        client = openai.OpenAI(base_url=f"{url}/v1", api_key=TOKEN, timeout=900)
        chunks = list(
            client.chat.completions.create(
                model="chipwise", messages=[{"role": "user", "content": QUESTION}], stream=True
            )
        )
    final = chunks[-1].model_extra["chipwise"]
    assert final["decision"]["verdict"] == "NPU"
    assert final["tool_calls"][0]["arguments"]["deployment"] == "mobile"
    assert "NPU" in final["answer"] and final["sources"]
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert final["answer"] in streamed  # the text, or the guard's rewrite after a reset


class SlowStream:
    """Wraps a scripted model so that its prose arrives one word every 50 ms."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.name = "slow"

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)

    def stream(self, messages: Any, max_tokens: int, tool: Any = None) -> Iterator[str]:
        for piece in self.model.stream(messages, max_tokens):
            time.sleep(0.05)
            yield piece


def test_client_that_leaves_mid_stream_frees_the_model(tmp_path: Path) -> None:
    assistant = scripted_assistant(tmp_path, queue_size=0)  # a held model means 503 at once
    long_reply = "Recommendation: NPU. " + "More words. " * 200  # 400 words: 20 s
    assistant.chat_model.replies = (long_reply, "Recommendation: NPU. [scenario.mobile]")
    assistant.chat_model = SlowStream(assistant.chat_model)
    request = {"messages": [{"role": "user", "content": QUESTION}], "stream": True}
    with serve(create_api(assistant)) as url, httpx.Client(base_url=url, timeout=30) as http:
        with http.stream("POST", "/v1/chat/completions", json=request) as response:
            lines = response.iter_lines()
            assert [next(lines) for _ in range(6)]  # a few chunks, then hang up
        deadline = time.monotonic() + 3  # the rest of the answer would take 20 s
        again = http.post("/v1/ask", json={"question": "720p on a phone?"})
        while again.status_code == 503 and time.monotonic() < deadline:
            time.sleep(0.2)
            again = http.post("/v1/ask", json={"question": "720p on a phone?"})
    assert again.status_code == 200, again.text


def test_langchain_chat_openai_invoke_and_stream(base_url: str) -> None:
    from langchain_openai import ChatOpenAI

    chat = ChatOpenAI(
        model="chipwise", base_url=f"{base_url}/v1", api_key=TOKEN, max_retries=0, timeout=60
    )
    reply = chat.invoke([("system", "ignored"), ("human", QUESTION)])
    assert str(reply.content).startswith("Recommendation: NPU")
    pieces = [str(chunk.content) for chunk in chat.stream(QUESTION)]
    assert "".join(pieces).startswith("Recommendation: NPU")
    assert len([p for p in pieces if p]) > 3  # really streamed
