"""`/v1/ask` with a conversation_id, and `GET /v1/conversations/{id}`, over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.fake_slack import questions, scripted_assistant, serve

from assistant import Storage, memory_storage
from ui.api import create_api

TOKEN = "s3cret-token"
FIRST = "We generate 10-second 720p clips on a phone: GPU or NPU?"


@pytest.fixture
def storage() -> Storage:
    return memory_storage()


@pytest.fixture
def http(tmp_path: Path, storage: Storage) -> Iterator[httpx.Client]:
    assistant = scripted_assistant(tmp_path)
    with serve(create_api(assistant, token=TOKEN, storage=storage)) as url:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
            client.assistant = assistant  # type: ignore[attr-defined]
            yield client


def test_a_conversation_id_carries_the_memory(http: httpx.Client) -> None:
    first = http.post("/v1/ask", json={"question": FIRST}).json()
    conversation_id = first["conversation_id"]
    assert len(conversation_id) == 32 and first["decision"]["verdict"] == "NPU"
    again = http.post(
        "/v1/ask", json={"question": "And at 1080p?", "conversation_id": conversation_id}
    ).json()
    assert again["conversation_id"] == conversation_id
    assert questions(http.assistant)[-1] == [FIRST, "And at 1080p?"]  # type: ignore[attr-defined]
    stored = http.get(f"/v1/conversations/{conversation_id}").json()
    assert stored["id"] == conversation_id and stored["kind"] == "api"
    assert stored["title"] == FIRST
    assert [(m["role"], m["content"]) for m in stored["messages"][::2]] == [
        ("user", FIRST),
        ("user", "And at 1080p?"),
    ]
    assert stored["messages"][1]["answer"]["question"] == FIRST


def test_without_an_id_each_question_starts_a_conversation(http: httpx.Client) -> None:
    one = http.post("/v1/ask", json={"question": FIRST}).json()["conversation_id"]
    two = http.post("/v1/ask", json={"question": FIRST}).json()["conversation_id"]
    assert one != two
    assert questions(http.assistant)[-1] == [FIRST]  # type: ignore[attr-defined]


def test_unknown_and_malformed_ids_are_clear_errors(http: httpx.Client) -> None:
    unknown = http.post("/v1/ask", json={"question": FIRST, "conversation_id": "nope"})
    assert unknown.status_code == 404
    assert "unknown conversation_id" in unknown.json()["error"]["message"]
    bad = http.post("/v1/ask", json={"question": FIRST, "conversation_id": "../../etc"})
    assert bad.status_code == 422 and "conversation_id" in bad.json()["error"]["message"]
    missing = http.get("/v1/conversations/nope")
    assert missing.status_code == 404 and "not found" in missing.json()["error"]["message"]


def test_conversations_need_the_token(http: httpx.Client) -> None:
    response = httpx.get(http.base_url.join("/v1/conversations/x"))
    assert response.status_code == 401


def test_a_failing_database_is_a_503_and_the_api_still_decides(
    http: httpx.Client, storage: Storage
) -> None:
    storage.close()  # the in-memory database is gone
    response = http.post("/v1/ask", json={"question": FIRST})
    assert response.status_code == 503 and response.json()["error"]["type"] == "storage_error"
    assert "Traceback" not in response.text and response.headers["Retry-After"] == "5"
    decided = http.post("/v1/decide", json={"deployment": "mobile", "resolution": "720p"})
    assert decided.status_code == 200
