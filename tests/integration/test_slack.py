"""The Slack app served on loopback, its WebClient pointed at a fake Slack Web API server."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from support.fake_slack import (
    BOT_ID,
    BOT_USER_ID,
    FakeSlack,
    FakeSocketMode,
    questions,
    scripted_assistant,
    serve,
)

from ui.slack_app import create_slack_app, create_slack_asgi

SECRET = "signing-secret-for-tests"
TOKEN = "xoxb-test-token"
CHANNEL = "C0CHANNEL"
USER = "U0ALICE"


@dataclass
class Bot:
    """The app under test: its URL, the fake Slack it talks to, and its assistant."""

    url: str
    slack: FakeSlack
    assistant: Any

    def post(
        self,
        body: str,
        content_type: str,
        *,
        sign: bool = True,
        age_s: int = 0,
        secret: str = SECRET,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        timestamp = str(int(time.time()) - age_s)
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if sign:
            signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
            all_headers |= {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}
        return httpx.post(f"{self.url}/slack/events", content=body, headers=all_headers, timeout=30)

    def event(self, event: dict[str, Any], event_id: str = "Ev1", **kwargs: Any) -> httpx.Response:
        body = json.dumps(
            {
                "token": "x",
                "team_id": "TTEAM",
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "event": event,
            }
        )
        return self.post(body, "application/json", **kwargs)

    def command(self, text: str, **kwargs: Any) -> httpx.Response:
        form = {
            "token": "x",
            "team_id": "TTEAM",
            "channel_id": CHANNEL,
            "user_id": USER,
            "command": "/chipwise",
            "text": text,
            "trigger_id": "T.1",
            "response_url": self.slack.response_url,
        }
        return self.post(urlencode(form), "application/x-www-form-urlencoded", **kwargs)

    def posted(self) -> list[Any]:
        """Calls that would show something in Slack."""
        return [c for c in self.slack.calls if c.method != "auth.test"]


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[Bot]:
    slack = FakeSlack().start()
    assistant = scripted_assistant(tmp_path)
    client = WebClient(token=TOKEN, base_url=slack.base_url)
    app = create_slack_app(assistant, token=TOKEN, signing_secret=SECRET, client=client)
    try:
        with serve(create_slack_asgi(app)) as url:
            yield Bot(url, slack, assistant)
    finally:
        slack.stop()


def mention(text: str, ts: str = "1700000001.000100", **extra: Any) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "user": USER,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": CHANNEL,
        **extra,
    }


def _blocks_text(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_mention_is_acked_then_answered_in_its_thread(bot: Bot) -> None:
    started = time.monotonic()
    response = bot.event(mention("10-second 720p clips on a phone: GPU or NPU?"))
    assert response.status_code == 200
    assert time.monotonic() - started < 3
    [update] = bot.slack.wait_for("chat.update")
    [thinking] = bot.slack.answered("chat.postMessage")
    assert thinking.params["thread_ts"] == "1700000001.000100"
    assert "thinking" in thinking.params["text"]
    assert update.params["channel"] == CHANNEL
    assert update.params["ts"] == "1800000001.000900"  # the thinking message, updated
    blocks = update.params["blocks"]
    assert blocks[0]["type"] == "header" and "NPU" in blocks[0]["text"]["text"]
    assert "NPU" in update.params["text"]  # the plain-text fallback
    assert questions(bot.assistant) == [["10-second 720p clips on a phone: GPU or NPU?"]]


def test_mention_inside_a_thread_answers_in_that_thread(bot: Bot) -> None:
    bot.event(mention("GPU or NPU for 4k?", ts="1700000009.000200", thread_ts="1700000001.000100"))
    bot.slack.wait_for("chat.update")
    assert bot.slack.answered("chat.postMessage")[0].params["thread_ts"] == "1700000001.000100"


def test_two_messages_in_one_thread_share_memory(bot: Bot) -> None:
    root = "1700000001.000100"
    bot.event(mention("We generate short clips on a phone.", ts=root), event_id="Ev1")
    bot.slack.wait_for("chat.update")
    bot.event(
        mention("What if they are 4k?", ts="1700000002.000100", thread_ts=root), event_id="Ev2"
    )
    first, second = bot.slack.wait_for("chat.update", 2)
    assert "NPU" in first.params["blocks"][0]["text"]["text"]
    # 4k on a phone: GPU in the cloud, with the on-device pitfall; "phone" came from turn one
    assert "GPU" in second.params["blocks"][0]["text"]["text"]
    assert "pitfall.gpu-on-device" in _blocks_text(second.params["blocks"])
    assert questions(bot.assistant)[1] == [
        "We generate short clips on a phone.",
        "What if they are 4k?",
    ]


def test_other_threads_do_not_share_memory(bot: Bot) -> None:
    bot.event(
        mention("We generate short clips on a phone.", ts="1700000001.000100"), event_id="Ev1"
    )
    bot.slack.wait_for("chat.update")
    bot.event(
        mention("What if the generated videos are 4k?", ts="1700000005.000100"), event_id="Ev2"
    )
    _, second = bot.slack.wait_for("chat.update", 2)
    assert questions(bot.assistant)[1] == ["What if the generated videos are 4k?"]
    # The second thread's reading holds only its own words: nothing of the first thread's phone.
    text = _blocks_text(second.params["blocks"])
    assert "decide resolution=4k`" in text and "mobile" not in text


def test_direct_message_is_answered(bot: Bot) -> None:
    dm = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DM",
        "user": USER,
        "text": "720p clips on a phone?",
        "ts": "1700000003.000100",
    }
    bot.event(dm)
    [update] = bot.slack.wait_for("chat.update")
    assert update.params["channel"] == "D0DM"
    assert bot.slack.answered("chat.postMessage")[0].params["thread_ts"] == "1700000003.000100"


@pytest.mark.parametrize(
    "event",
    [
        {"user": BOT_USER_ID, "text": "my own answer"},  # the bot itself
        {"bot_id": BOT_ID, "text": "my own answer"},
        {"bot_id": "B0OTHER", "user": "U0OTHERBOT", "text": "another bot"},
        {"subtype": "message_changed", "user": USER, "text": "edited"},
        {"channel_type": "channel", "user": USER, "text": "chatter in a channel"},
    ],
)
def test_bot_messages_subtypes_and_channel_chatter_are_ignored(
    bot: Bot, event: dict[str, Any]
) -> None:
    body = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DM",
        "ts": "1700000003.000100",
        **event,
    }
    assert bot.event(body).status_code == 200
    time.sleep(1.0)
    assert bot.posted() == []


def test_retried_event_is_answered_once(bot: Bot) -> None:
    event = mention("720p clips on a phone?")
    assert bot.event(event, event_id="EvRetry").status_code == 200
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert bot.event(event, event_id="EvRetry", headers=retry).status_code == 200
    assert (
        bot.event(event, event_id="EvRetry", headers={"X-Slack-Retry-Num": "2"}).status_code == 200
    )
    bot.slack.wait_for("chat.update")
    time.sleep(1.0)
    assert len(bot.slack.answered("chat.postMessage")) == 1
    assert len(bot.slack.answered("chat.update")) == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"secret": "forged-secret"},  # signed with the wrong secret
        {"age_s": 6 * 60},  # stale: older than 5 minutes
        {"sign": False},  # unsigned
    ],
    ids=["forged", "stale", "unsigned"],
)
def test_bad_signatures_get_401_and_no_answer(bot: Bot, kwargs: dict[str, Any]) -> None:
    assert bot.event(mention("720p clips on a phone?"), **kwargs).status_code == 401
    assert bot.command("720p clips on a phone?", **kwargs).status_code == 401
    time.sleep(1.0)
    assert bot.posted() == []
    assert questions(bot.assistant) == []


def test_slash_command_question_starts_a_thread(bot: Bot) -> None:
    response = bot.command("GPU or NPU for 720p clips on a phone?")
    assert response.status_code == 200
    [update] = bot.slack.wait_for("chat.update")
    asked, thinking = bot.slack.answered("chat.postMessage")
    assert asked.params["channel"] == CHANNEL and "thread_ts" not in asked.params
    assert f"<@{USER}>" in asked.params["text"]
    assert thinking.params["thread_ts"] == "1800000001.000900"  # under the "asked" message
    assert "NPU" in update.params["blocks"][0]["text"]["text"]


def test_slash_command_escapes_the_question(bot: Bot) -> None:
    bot.command("is <!channel> & <b>4k</b> on a phone > 1080p?")
    bot.slack.wait_for("chat.update")
    asked = bot.slack.answered("chat.postMessage")[0].params["text"]
    assert "&lt;!channel&gt; &amp; &lt;b&gt;4k&lt;/b&gt;" in asked
    assert "<!channel>" not in asked


def test_slash_decide_posts_the_card(bot: Bot) -> None:
    response = bot.command("decide deployment=mobile resolution=720p")
    assert response.status_code == 200
    [card] = bot.slack.wait_for("chat.postMessage")
    blocks = card.params["blocks"]
    assert blocks[0]["type"] == "header" and "NPU" in blocks[0]["text"]["text"]
    assert blocks[-1]["type"] == "context" and "scenario.mobile" in _blocks_text(blocks[-1:])
    assert card.params["text"].startswith("Verdict: NPU")
    assert questions(bot.assistant) == []  # the rules alone, no model


def test_slash_decide_with_a_bad_key_explains_in_the_ack(bot: Bot) -> None:
    response = bot.command("decide colour=blue")
    assert response.status_code == 200
    assert "unknown requirement" in response.text
    time.sleep(1.0)
    assert bot.posted() == []


def test_slash_help_is_the_usage(bot: Bot) -> None:
    response = bot.command("")
    assert "/chipwise decide" in response.text
    time.sleep(0.5)
    assert bot.posted() == []


def test_rate_limited_update_is_retried_after_retry_after(bot: Bot) -> None:
    bot.slack.rate_limit_once("chat.update", retry_after_s=1)
    bot.event(mention("720p clips on a phone?"))
    [update] = bot.slack.wait_for("chat.update")
    limited = [c for c in bot.slack.calls if c.status == 429]
    assert [c.method for c in limited] == ["chat.update"]
    assert "NPU" in update.params["text"]


def test_busy_assistant_says_so_in_the_thread(bot: Bot) -> None:
    bot.assistant.gate.queue_size = 0  # nobody may wait for the model
    with bot.assistant.gate.hold():  # someone else is using it
        bot.event(mention("720p clips on a phone?"))
        [update] = bot.slack.wait_for("chat.update")
    assert "busy" in update.params["text"] and "15 s" in update.params["text"]


def test_slash_command_where_the_bot_cannot_post_answers_through_response_url(bot: Bot) -> None:
    bot.slack.closed_channels.add(CHANNEL)
    bot.command("GPU or NPU for 720p clips on a phone?")
    [reply] = bot.slack.wait_for("respond")
    assert reply.params["response_type"] == "ephemeral"
    assert reply.params["blocks"][0]["type"] == "header"
    assert "NPU" in reply.params["text"]


def test_long_answers_stay_within_slack_limits(bot: Bot) -> None:
    long_prose = (
        "Recommendation: NPU [scenario.mobile]. " + "Battery & <heat> matter a lot here. " * 2000
    )
    bot.assistant.chat_model.replies = (long_prose,)
    bot.event(mention("720p clips on a phone: GPU or NPU?"))
    [update] = bot.slack.wait_for("chat.update")
    blocks = update.params["blocks"]
    assert len(blocks) <= 50
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(text) <= 3000 for text in sections)
    assert len(update.params["text"]) <= 40_000  # Slack truncates message text beyond this
    assert "&amp; &lt;heat&gt;" in sections[-2] and "<heat>" not in json.dumps(blocks)


def test_socket_mode_answers_a_mention(tmp_path: Path) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    slack, socket_mode = FakeSlack().start(), FakeSocketMode().start()
    slack.socket_url = socket_mode.url
    assistant = scripted_assistant(tmp_path)
    client = WebClient(token=TOKEN, base_url=slack.base_url)
    app = create_slack_app(assistant, token=TOKEN, signing_secret="", client=client)
    handler = SocketModeHandler(app, "xapp-test-token", web_client=client)
    try:
        handler.connect()
        payload = {
            "type": "event_callback",
            "event_id": "EvSocket",
            "team_id": "TTEAM",
            "event": mention("720p clips on a phone: GPU or NPU?"),
        }
        envelope_id = socket_mode.send(payload)
        assert socket_mode.wait_ack(envelope_id)["envelope_id"] == envelope_id
        [update] = slack.wait_for("chat.update")
    finally:
        handler.close()
        socket_mode.stop()
        slack.stop()
    assert "NPU" in update.params["blocks"][0]["text"]["text"]
    assert slack.answered("apps.connections.open")


@pytest.mark.parametrize(
    ("args", "missing"),
    [([], "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"), (["--socket"], "SLACK_APP_TOKEN")],
)
def test_cli_says_which_tokens_are_missing(
    monkeypatch: pytest.MonkeyPatch, args: list[str], missing: str
) -> None:
    from typer.testing import CliRunner

    from ui.cli import app

    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"CHIPWISE_{name}", raising=False)
    result = CliRunner().invoke(app, ["slack", *args])
    assert result.exit_code == 2
    assert missing in result.output


@pytest.mark.slow
def test_mention_answered_by_the_real_model(real_assistant: Any) -> None:
    slack = FakeSlack().start()
    assistant = real_assistant
    client = WebClient(token=TOKEN, base_url=slack.base_url)
    app = create_slack_app(assistant, token=TOKEN, signing_secret=SECRET, client=client)
    try:
        with serve(create_slack_asgi(app)) as url:
            bot = Bot(url, slack, assistant)
            started = time.monotonic()
            assert (
                bot.event(mention("我们在手机上生成10秒720P的短视频,用GPU还是NPU?")).status_code
                == 200
            )
            assert time.monotonic() - started < 3
            [update] = slack.wait_for("chat.update", timeout=900)
    finally:
        slack.stop()
    assert "NPU" in update.params["blocks"][0]["text"]["text"]
    assert "结论" in update.params["text"]  # answered in Chinese
    assert slack.answered("chat.postMessage")[0].params["text"] == "_思考中…_"


def test_oversized_request_is_413_and_not_answered(bot: Bot) -> None:
    response = bot.event(mention("x" * (2 * 1024 * 1024)))
    assert response.status_code == 413
    assert bot.posted() == []


def test_bare_mention_gets_the_usage_in_its_thread(bot: Bot) -> None:
    bot.event({**mention(""), "text": f"<@{BOT_USER_ID}>"})
    [usage] = bot.slack.wait_for("chat.postMessage")
    assert "/chipwise decide" in usage.params["text"]
    assert usage.params["thread_ts"] == "1700000001.000100"
    assert questions(bot.assistant) == []


def _decide_line(blocks: list[dict[str, Any]]) -> str:
    """The `/chipwise decide ...` line of a reply's context block."""
    found = re.search(r"`(/chipwise decide [^`]*)`", _blocks_text(blocks))
    assert found, _blocks_text(blocks)
    return found.group(1)


def test_reply_shows_the_reading_and_the_decide_line_that_reruns_it(bot: Bot) -> None:
    bot.event(mention("Our phone app makes 720p clips shorter than 300 seconds: GPU or NPU?"))
    [update] = bot.slack.wait_for("chat.update")
    blocks = update.params["blocks"]
    reading = blocks[1]["text"]["text"]
    assert reading.startswith("*As read*\n")
    assert "🗣️ duration: &lt; 300 s — “shorter than 300 seconds”" in reading
    assert "🗣️ resolution: 720p — “720p”" in reading
    line = _decide_line(blocks)
    assert line == "/chipwise decide resolution=720p duration=299s deployment=mobile"
    assert blocks[-1]["type"] == "context" and line in _blocks_text(blocks[-1:])
    # The line, sent back as the command, runs the rules alone on the same requirements.
    bot.command(line.removeprefix("/chipwise "))
    [card] = bot.slack.wait_for("chat.postMessage", 2)[1:]
    assert card.params["blocks"][0]["text"] == blocks[0]["text"]
    assert "📝 duration: 299 s" in _blocks_text(card.params["blocks"])
    assert len(questions(bot.assistant)) == 1  # no model for the decide


def test_chinese_reply_shows_the_reading_in_chinese(bot: Bot) -> None:
    bot.event(mention("手机APP生成720p视频，不到5分钟，用GPU还是NPU？"))
    [update] = bot.slack.wait_for("chat.update")
    blocks = update.params["blocks"]
    assert blocks[1]["text"]["text"].startswith("*读取结果*\n🗣️ 分辨率：720p — “720p”")
    assert "🗣️ 时长：&lt; 300 s — “不到5分钟”" in blocks[1]["text"]["text"]
    assert "如需修正读取结果，请运行：`/chipwise decide " in _blocks_text(blocks)
    assert "deployment=mobile" in _decide_line(blocks)
