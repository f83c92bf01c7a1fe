"""The Slack bot on the database: with the database down it still answers, without memory."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from support.fake_slack import BOT_USER_ID, FakeSlack, scripted_assistant, serve

from assistant import memory_storage
from ui.slack_app import create_slack_app, create_slack_asgi

SECRET = "signing-secret-for-tests"


def post_event(url: str, event_id: str, text: str) -> int:
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "TTEAM",
            "event_id": event_id,
            "event": {
                "type": "app_mention",
                "user": "U0ALICE",
                "text": f"<@{BOT_USER_ID}> {text}",
                "ts": "1700000001.000100",
                "channel": "C0CHANNEL",
            },
        }
    )
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
            timestamp=timestamp, body=body
        ),
    }
    return httpx.post(f"{url}/slack/events", content=body, headers=headers, timeout=30).status_code


def test_a_database_that_is_down_costs_memory_not_answers(tmp_path: Path) -> None:
    slack = FakeSlack().start()
    storage = memory_storage()
    client = WebClient(token="xoxb-test", base_url=slack.base_url)
    app = create_slack_app(
        scripted_assistant(tmp_path),
        token="xoxb-test",
        signing_secret=SECRET,
        client=client,
        memory=storage.threads,
        seen=storage.events,
    )
    storage.close()  # the in-memory database is gone: every query fails
    try:
        with serve(create_slack_asgi(app)) as url:
            assert post_event(url, "EvDown", "720p clips on a phone: GPU or NPU?") == 200
            [update] = slack.wait_for("chat.update")
            assert "NPU" in update.params["text"]
    finally:
        slack.stop()
