"""Replicas share their state through the database: two API and two Slack processes on one
real PostgreSQL server, and one API process restarted on its SQLite file."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier
from support.fake_slack import BOT_USER_ID, FakeSlack
from support.postgres import new_database
from support.servers import running

from assistant.testing import free_port

REPO = Path(__file__).resolve().parents[2]
SECRET = "signing-secret-for-tests"
FIRST = "Our phone app generates 10-second 720p clips on the device. GPU or NPU?"
FOLLOW_UP = "And what about the same clips, but 8 seconds long?"


@contextlib.contextmanager
def replicas(kind: str, count: int, tmp_path: Path, env: dict[str, str]) -> Iterator[list[str]]:
    """`count` replica processes of `kind` ("api" or "slack"); yields their base URLs."""
    with contextlib.ExitStack() as stack:
        urls = []
        for i in range(count):
            port = free_port()
            command = [sys.executable, "-m", "support.replica", kind, "--port", str(port)]
            data = {"CHIPWISE_DATA_DIR": str(tmp_path / f"{kind}-{i}"), "PYTHONPATH": "tests"}
            log = tmp_path / f"{kind}-{i}.log"
            url = f"http://127.0.0.1:{port}"
            stack.enter_context(running(command, f"{url}/healthz", log, 120, {**env, **data}))
            urls.append(url)
        yield urls


@pytest.fixture
def shared_database(postgres: str) -> dict[str, str]:
    return {"CHIPWISE_DATABASE_URL": new_database(postgres)}


def ask(url: str, question: str, conversation_id: str | None = None) -> dict[str, Any]:
    body = {"question": question, "conversation_id": conversation_id}
    response = httpx.post(f"{url}/v1/ask", json=body, timeout=60)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_conversation_started_on_one_api_replica_continues_on_the_other(
    tmp_path: Path, shared_database: dict[str, str]
) -> None:
    with replicas("api", 2, tmp_path, shared_database) as (one, other):
        first = ask(one, FIRST)
        assert first["decision"]["verdict"] == "NPU"
        follow_up = ask(other, FOLLOW_UP, first["conversation_id"])
        assert follow_up["conversation_id"] == first["conversation_id"]
        # the phone from the first turn reached the model on the other replica
        assert follow_up["decision"] and follow_up["decision"]["verdict"] == "NPU"
        alone = ask(other, FOLLOW_UP)  # a new conversation: nothing to decide with
        assert (alone["decision"] or {}).get("verdict") is None
        stored = httpx.get(f"{one}/v1/conversations/{first['conversation_id']}").json()
        assert [m["role"] for m in stored["messages"]] == ["user", "assistant"] * 2
        assert stored["messages"][3]["answer"]["decision"]["verdict"] == "NPU"


def test_a_restarted_api_process_loses_nothing(tmp_path: Path) -> None:
    env = {"CHIPWISE_DATA_DIR": str(tmp_path / "data")}  # the default: a SQLite file there
    with replicas("api", 1, tmp_path, env) as (url,):
        first = ask(url, FIRST)
    with replicas("api", 1, tmp_path, env) as (url,):
        stored = httpx.get(f"{url}/v1/conversations/{first['conversation_id']}").json()
        assert stored["messages"][0]["content"] == FIRST
        follow_up = ask(url, FOLLOW_UP, first["conversation_id"])
        assert follow_up["decision"] and follow_up["decision"]["verdict"] == "NPU"
    assert (tmp_path / "api-0" / "chipwise.db").exists()


def signed_event(url: str, event: dict[str, Any], event_id: str, retry: int = 0) -> int:
    body = json.dumps(
        {"type": "event_callback", "team_id": "TTEAM", "event_id": event_id, "event": event}
    )
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body)
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    response = httpx.post(f"{url}/slack/events", content=body, headers=headers, timeout=30)
    return response.status_code


def mention(text: str, ts: str, thread_ts: str | None = None) -> dict[str, Any]:
    event = {"type": "app_mention", "user": "U0ALICE", "text": f"<@{BOT_USER_ID}> {text}"}
    return {
        **event,
        "ts": ts,
        "channel": "C0CHANNEL",
        **({"thread_ts": thread_ts} if thread_ts else {}),
    }


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def test_slack_replicas_answer_a_retry_once_and_share_thread_memory(
    tmp_path: Path, shared_database: dict[str, str], slack: FakeSlack
) -> None:
    env = {
        **shared_database,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "FAKE_SLACK_URL": slack.base_url,
    }
    with replicas("slack", 2, tmp_path, env) as (one, other):
        event = mention(FIRST, "1700000001.000100")
        # Slack retries an event on whichever replica the load balancer picks
        assert signed_event(one, event, "EvShared") == 200
        assert signed_event(other, event, "EvShared", retry=1) == 200
        assert signed_event(one, event, "EvShared", retry=2) == 200
        [update] = slack.wait_for("chat.update")
        assert "Recommendation: NPU" in update.params["text"]
        time.sleep(1.5)  # a second answer would have been posted by now
        assert len(slack.answered("chat.postMessage")) == 1

        follow_up = mention(FOLLOW_UP, "1700000002.000200", thread_ts="1700000001.000100")
        assert signed_event(other, follow_up, "EvFollowUp") == 200
        updates = slack.wait_for("chat.update", 2)
        assert updates[-1].params["channel"] == "C0CHANNEL"
        assert (
            "Recommendation: NPU" in updates[-1].params["text"]
        )  # the thread's phone was remembered
