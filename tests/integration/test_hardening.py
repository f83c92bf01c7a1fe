"""Hostile or absurd input gets a clear 4xx JSON error (or exit 2), never a 500 or a traceback."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from support.fake_slack import FakeSlack, scripted_assistant, serve
from typer.testing import CliRunner

from ui.api import create_api
from ui.cli import app as cli_app
from ui.slack_app import create_slack_app, create_slack_asgi

SECRET = "signing-secret-for-tests"
NINES = "9" * 400


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return scripted_assistant(tmp_path_factory.mktemp("hardening"))


@pytest.fixture(scope="module")
def http(assistant: Any) -> Iterator[httpx.Client]:
    with serve(create_api(assistant)) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


@pytest.fixture
def slack(tmp_path: Path) -> Iterator[tuple[str, FakeSlack]]:
    fake = FakeSlack().start()
    client = WebClient(token="xoxb-test", base_url=fake.base_url)
    app = create_slack_app(
        scripted_assistant(tmp_path), token="xoxb-test", signing_secret=SECRET, client=client
    )
    try:
        with serve(create_slack_asgi(app)) as url:
            yield f"{url}/slack/events", fake
    finally:
        fake.stop()


def signed_post(
    url: str, body: bytes | str, content_type: str, timestamp: str | None = None
) -> httpx.Response:
    raw = body.encode() if isinstance(body, str) else body
    timestamp = timestamp or str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(
        timestamp=timestamp, body=raw.decode("utf-8", "replace")
    )
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }
    return httpx.post(url, content=raw, headers=headers, timeout=30)


def command_form(text: str, response_url: str = "http://127.0.0.1:9/r") -> str:
    form = {
        "token": "x",
        "team_id": "TTEAM",
        "channel_id": "C0CHANNEL",
        "user_id": "U0ALICE",
        "command": "/chipwise",
        "text": text,
        "trigger_id": "T.1",
        "response_url": response_url,
    }
    return urlencode(form)


# 1. Overflowing and absurd numbers.

OVERFLOWING = [
    ('{"duration_seconds": 1e309}', "duration_seconds"),
    (f'{{"duration_seconds": {NINES}}}', "duration_seconds"),
    (f'{{"duration_seconds": "{NINES}"}}', "duration_seconds"),
    (f'{{"videos_per_day": {NINES}}}', "videos_per_day"),
    (f'{{"videos_per_day": "{NINES}"}}', "videos_per_day"),
    (f'{{"fps": {NINES}}}', "fps"),
    (f'{{"power_budget_watts": "{NINES}"}}', "power_budget_watts"),
    ('{"power_budget_watts": 1e309}', "power_budget_watts"),
    ('{"duration_seconds": 1000000000000000000000000000000}', "duration_seconds"),
    ('{"duration_seconds": 90000}', "duration_seconds"),
    ('{"fps": 241}', "fps"),
    ('{"videos_per_day": 1000000001}', "videos_per_day"),
    ('{"power_budget_watts": 100001}', "power_budget_watts"),
    ('{"duration_seconds": NaN}', "duration_seconds"),
]


@pytest.mark.parametrize(("body", "field"), OVERFLOWING)
def test_decide_refuses_overflowing_and_absurd_numbers(
    http: httpx.Client, body: str, field: str
) -> None:
    response = http.post("/v1/decide", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    message = response.json()["error"]["message"]
    assert field in message and "at most" in message
    assert len(message) < 400  # the 400 digits are not echoed back whole


def test_decide_accepts_the_bounds_themselves(http: httpx.Client) -> None:
    limits = {
        "duration_seconds": 86400,
        "fps": 240,
        "videos_per_day": 10**9,
        "power_budget_watts": 100000,
    }
    response = http.post("/v1/decide", json=limits)
    assert response.status_code == 200, response.text
    assert response.json()["requirements"]["duration_seconds"] == 86400


@pytest.mark.parametrize(
    "item", [f"duration={NINES}", f"power={NINES}", f"videos={NINES}", "duration=100000h"]
)
def test_cli_decide_refuses_huge_numbers_without_a_traceback(item: str) -> None:
    result = CliRunner().invoke(cli_app, ["decide", "--json", item])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "at most" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_slack_decide_with_a_huge_number_says_so(slack: tuple[str, FakeSlack]) -> None:
    url, _ = slack
    response = signed_post(
        url, command_form(f"decide duration={NINES}"), "application/x-www-form-urlencoded"
    )
    assert response.status_code == 200, response.text
    assert "at most" in response.text and "Value error" not in response.text
    assert json.dumps(response.text)  # a plain ack text


@pytest.mark.parametrize(
    "question",
    [f"a {NINES} second 4K video on a phone: GPU or NPU?", f"{NINES} videos per day in the cloud"],
)
def test_ask_with_a_400_digit_number_is_answered(http: httpx.Client, question: str) -> None:
    response = http.post("/v1/ask", json={"question": question})
    assert response.status_code == 200, response.text


# 2. A lone UTF-16 surrogate in a question.

LONE_SURROGATE = '"GPU or NPU for 4K video \\ud800 on a phone?"'  # JSON escape: valid JSON


def _json_post(http: httpx.Client, path: str, body: str) -> httpx.Response:
    return http.post(path, content=body, headers={"Content-Type": "application/json"})


def test_ask_with_a_lone_surrogate_is_a_clear_422_or_answered(http: httpx.Client) -> None:
    response = _json_post(http, "/v1/ask", f'{{"question": {LONE_SURROGATE}}}')
    assert response.status_code in (200, 422), response.text
    assert response.json()


def test_chat_with_a_lone_surrogate_is_not_a_500(http: httpx.Client) -> None:
    body = f'{{"messages": [{{"role": "user", "content": {LONE_SURROGATE}}}]}}'
    response = _json_post(http, "/v1/chat/completions", body)
    assert response.status_code in (200, 422), response.text
    assert response.json()


def test_streamed_chat_with_a_lone_surrogate_ends_with_done(http: httpx.Client) -> None:
    body = f'{{"stream": true, "messages": [{{"role": "user", "content": {LONE_SURROGATE}}}]}}'
    response = _json_post(http, "/v1/chat/completions", body)
    if response.status_code == 422:
        assert response.json()["error"]["message"]
        return
    assert response.status_code == 200, response.text
    data = [line[6:] for line in response.text.splitlines() if line.startswith("data: ")]
    assert data[-1] == "[DONE]"
    chunks = [json.loads(d) for d in data[:-1]]
    last = chunks[-1]
    assert "error" in last or last["choices"][0]["finish_reason"] == "stop"


# 3. Unsigned or malformed Slack requests.


def test_slack_body_with_invalid_utf8_is_refused(slack: tuple[str, FakeSlack]) -> None:
    url, _ = slack
    headers = {"Content-Type": "application/json"}
    response = httpx.post(url, content=b'{"type": "\xff\xfe"}', headers=headers, timeout=30)
    assert response.status_code in (400, 401), response.text


def test_slack_non_numeric_timestamp_is_refused(slack: tuple[str, FakeSlack]) -> None:
    url, _ = slack
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": "yesterday",
        "X-Slack-Signature": "v0=00",
    }
    response = httpx.post(url, content=b'{"type": "event_callback"}', headers=headers, timeout=30)
    assert response.status_code in (400, 401), response.text


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2, 3]", "application/json"),
        ('{"type": "event_callback", "event_id": "Ev9", "event": "x"}', "application/json"),
        ("payload={not json", "application/x-www-form-urlencoded"),
        ("payload=%5B1%5D", "application/x-www-form-urlencoded"),
    ],
)
def test_slack_signed_but_malformed_bodies_are_400(
    slack: tuple[str, FakeSlack], body: str, content_type: str
) -> None:
    url, _ = slack
    response = signed_post(url, body, content_type)
    assert response.status_code == 400, response.text


# 4. A replayed signed slash command runs once.


def test_a_replayed_slash_command_is_answered_once(slack: tuple[str, FakeSlack]) -> None:
    url, fake = slack
    body = command_form("decide deployment=mobile resolution=720p", fake.response_url)
    timestamp = str(int(time.time()))
    kind = "application/x-www-form-urlencoded"
    first = signed_post(url, body, kind, timestamp)
    replay = signed_post(url, body, kind, timestamp)
    assert first.status_code == replay.status_code == 200
    fake.wait_for("chat.postMessage")
    time.sleep(1.5)  # the replay's lazy listener would have posted by now
    assert len(fake.answered("chat.postMessage")) == 1
    # The same command sent again later (a new timestamp) is a new request: answered.
    signed_post(url, body, kind, str(int(timestamp) + 1))
    fake.wait_for("chat.postMessage", 2)


def test_a_replayed_interactive_payload_is_dropped(slack: tuple[str, FakeSlack]) -> None:
    url, _ = slack
    action = {"type": "button", "action_id": "chipwise_nothing", "block_id": "b", "value": "1"}
    payload = json.dumps(
        {"type": "block_actions", "actions": [action], "user": {"id": "U0ALICE"}, "team": None}
    )
    body = urlencode({"payload": payload})
    timestamp = str(int(time.time()))
    kind = "application/x-www-form-urlencoded"
    signed_post(url, body, kind, timestamp)
    replay = signed_post(url, body, kind, timestamp)
    assert replay.status_code == 200 and replay.text == ""


# 5. A model server's error text is logged, not passed to the client.


@pytest.fixture
def failing_model_server() -> Iterator[str]:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Failing(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = b'{"error": {"message": "crash in /srv/models/secret-weights.gguf"}}'
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1"
    finally:
        server.shutdown()


def test_a_model_server_error_body_does_not_reach_the_client(
    failing_model_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    from assistant import ModelError
    from assistant.adapters.chat_models import OpenAICompatModel

    model = OpenAICompatModel(failing_model_server, api_key="x")
    for call in (
        lambda: model.complete([{"role": "user", "content": "hi"}], 8),
        lambda: list(model.stream([{"role": "user", "content": "hi"}], 8)),
    ):
        with pytest.raises(ModelError) as err:
            call()
        assert "secret-weights" not in str(err.value) and "/srv" not in str(err.value)
        assert "model server failed" in str(err.value)
    assert "secret-weights" in caplog.text  # logged for the operator


# 6. GET /v1/models in the OpenAI shape, behind the same auth.


def test_models_list_and_retrieve_with_the_openai_client(assistant: Any) -> None:
    import asyncio

    import openai

    with serve(create_api(assistant, token="tok")) as url:
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="tok")
        assert [m.id for m in client.models.list()] == ["chipwise"]
        assert client.models.retrieve("chipwise").owned_by == "chipwise"
        with pytest.raises(openai.NotFoundError):
            client.models.retrieve("gpt-4")
        with pytest.raises(openai.AuthenticationError):
            openai.OpenAI(base_url=f"{url}/v1", api_key="wrong").models.list()

        async def listed() -> list[str]:
            async_client = openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="tok")
            return [m.id async for m in async_client.models.list()]

        assert asyncio.run(listed()) == ["chipwise"]
