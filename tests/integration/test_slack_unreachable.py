"""`chipwise slack` (HTTP mode) starts while Slack is out of reach, says so, and retries."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.fake_slack import FakeSlack, scripted_assistant, serve
from tenacity import wait_fixed

import ui.slack_connect
from assistant.testing import free_port
from ui.slack_app import run_from_env

TOKEN = "xoxb-test-token"


@pytest.fixture
def started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """run_from_env with Slack's port closed; uvicorn.run replaced by a recorder."""
    import uvicorn

    import assistant

    port = free_port()
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    monkeypatch.setenv("CHIPWISE_DATA_DIR", str(tmp_path / "data"))  # its storage goes there
    monkeypatch.setenv("CHIPWISE_SLACK_API_URL", f"http://127.0.0.1:{port}/api/")
    monkeypatch.setattr(assistant, "open_assistant", lambda _: scripted_assistant(tmp_path))
    monkeypatch.setattr(ui.slack_connect, "RETRY_WAIT", wait_fixed(0.2))
    seen: dict[str, Any] = {"port": port, "said": []}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app))
    seen["rc"] = run_from_env(host="127.0.0.1", port=0, socket=False, err=seen["said"].append)
    return seen


def test_http_mode_starts_says_why_and_reaches_slack_later(started: dict[str, Any]) -> None:
    assert started["rc"] == 0 and "app" in started
    [warning] = started["said"]
    assert "Slack is unreachable" in warning and "retrying in the background" in warning
    with serve(started["app"]) as url:
        assert httpx.get(f"{url}/healthz").status_code == 200
    slack = FakeSlack(port=started["port"]).start()  # Slack comes back
    try:
        slack.wait_for("auth.test", timeout=20)
        deadline = time.monotonic() + 10
        while len(started["said"]) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        slack.stop()
    assert "Slack reached" in started["said"][-1]


def test_socket_mode_without_slack_is_a_clear_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    monkeypatch.setenv("CHIPWISE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CHIPWISE_SLACK_API_URL", f"http://127.0.0.1:{free_port()}/api/")
    said: list[str] = []
    assert run_from_env(host="127.0.0.1", port=0, socket=True, err=said.append) == 1
    assert "Slack is unreachable" in said[0] and "Connection refused" in said[0]
