"""The deployment for more than one machine, for real: two `chipwise api` replicas and one
`chipwise slack`, all on PostgreSQL, a Chroma server and one OpenAI-compatible model server
(llama.cpp on the packaged GGUF), each on loopback. Three real answers: a few minutes."""

from __future__ import annotations

import contextlib
import json
import shutil
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

from assistant.adapters.model_files import resolve_model_path
from assistant.settings import Settings
from assistant.startup import ingest_knowledge
from assistant.testing import free_port

pytestmark = pytest.mark.slow

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
ADMIN = "admin-token-for-tests"
SECRET = "signing-secret-for-tests"
FIRST = "Our phone app generates 10-second 720p clips on the device. GPU or NPU?"
FOLLOW_UP = "And if the clips were 1080p instead, GPU or NPU?"
# In scope (a hardware choice for generated clips): an out-of-scope question is declined before
# retrieval, whichever replica holds what.
UPLOADED_QUESTION = "Our zebracodec encoder on the Kestrel board makes 720p clips: GPU or NPU?"
DOC = (
    "# Zebracodec on the Kestrel board\n\n"
    "The zebracodec encoder runs best on the Kestrel board's NPU for 720p clips.\n"
)


def chipwise() -> list[str]:
    script = Path(sys.executable).parent / "chipwise"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli"]


def loopback(port: int) -> list[str]:
    return ["--host", "127.0.0.1", "--port", str(port)]


@contextlib.contextmanager
def deployment(tmp_path: Path, postgres: str, embedder: Any) -> Iterator[dict[str, Any]]:
    """Chroma, the model server, two API replicas and the Slack bot; all stopped after."""
    settings = Settings()
    ports = {name: free_port() for name in ("chroma", "llm", "api1", "api2", "slack")}
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    slack = FakeSlack().start()
    with contextlib.ExitStack() as stack:
        stack.callback(slack.stop)
        chroma_url = f"http://127.0.0.1:{ports['chroma']}"
        stack.enter_context(
            running(
                [chroma, "run", *loopback(ports["chroma"]), "--path", str(tmp_path / "chroma")],
                f"{chroma_url}/api/v2/heartbeat",
                tmp_path / "chroma.log",
            )
        )
        llm = f"http://127.0.0.1:{ports['llm']}/v1"
        stack.enter_context(
            running(
                [
                    *(sys.executable, "-m", "llama_cpp.server", *loopback(ports["llm"])),
                    *("--model", str(resolve_model_path(settings)), "--model_alias", "chipwise"),
                    *("--n_ctx", str(settings.context_size), "--n_threads", str(settings.threads)),
                ],
                f"{llm}/models",
                tmp_path / "llm.log",
                300,
            )
        )
        shared = Settings(data_dir=tmp_path / "ingest", chroma_url=chroma_url)
        ingest_knowledge([KNOWLEDGE], shared, embeddings=embedder, progress=False)
        env = {
            "CHIPWISE_DATABASE_URL": new_database(postgres),
            "CHIPWISE_CHROMA_URL": chroma_url,
            "CHIPWISE_LLM_BASE_URL": llm,
            "CHIPWISE_ADMIN_TOKEN": ADMIN,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "CHIPWISE_SLACK_API_URL": slack.base_url,
        }
        urls = {}
        for name in ("api1", "api2", "slack"):
            kind = "slack" if name == "slack" else "api"
            url = f"http://127.0.0.1:{ports[name]}"
            data = {**env, "CHIPWISE_DATA_DIR": str(tmp_path / name)}
            command = [*chipwise(), kind, *loopback(ports[name])]
            log = tmp_path / f"{name}.log"
            stack.enter_context(running(command, f"{url}/healthz", log, 300, data))
            urls[name] = url
        yield {**urls, "slack_fake": slack}


def signed(url: str, body: dict[str, Any], retry: int = 0) -> int:
    text = json.dumps(body)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
            timestamp=timestamp, body=text
        ),
    }
    if retry:
        headers["X-Slack-Retry-Num"] = str(retry)
    return httpx.post(f"{url}/slack/events", content=text, headers=headers, timeout=30).status_code


def test_two_replicas_and_the_slack_bot_share_postgres_chroma_and_the_model(
    tmp_path: Path, postgres: str, embedder: Any
) -> None:
    with deployment(tmp_path, postgres, embedder) as site:
        admin = {"Authorization": f"Bearer {ADMIN}"}
        first = httpx.post(f"{site['api1']}/v1/ask", json={"question": FIRST}, timeout=900)
        assert first.status_code == 200, first.text
        assert first.json()["decision"]["verdict"] == "NPU"
        files = {"file": ("zebracodec.md", DOC.encode(), "text/markdown")}
        uploaded = httpx.post(f"{site['api1']}/v1/sources", headers=admin, files=files, timeout=300)
        assert uploaded.status_code == 201, uploaded.text
        listed = httpx.get(f"{site['api2']}/v1/sources", headers=admin, timeout=300).json()
        assert uploaded.json()["id"] in [s["id"] for s in listed]

        body = {"question": FOLLOW_UP, "conversation_id": first.json()["conversation_id"]}
        follow_up = httpx.post(f"{site['api2']}/v1/ask", json=body, timeout=900)
        assert follow_up.status_code == 200, follow_up.text
        answer = follow_up.json()
        assert answer["decision"]["requirements"]["deployment"] == "mobile"  # memory kept
        asked = httpx.post(
            f"{site['api2']}/v1/ask", json={"question": UPLOADED_QUESTION}, timeout=900
        )
        assert asked.status_code == 200, asked.text
        paths = [s["path"] for s in asked.json()["sources"]]
        assert any(p.endswith("uploads/zebracodec.md") for p in paths), paths

        event = {
            "type": "event_callback",
            "team_id": "TTEAM",
            "event_id": "EvScale",
            "event": {
                "type": "app_mention",
                "user": "U0ALICE",
                "text": f"<@{BOT_USER_ID}> {FIRST}",
                "ts": "1700000001.000100",
                "channel": "C0CHANNEL",
            },
        }
        assert signed(site["slack"], event) == 200
        assert signed(site["slack"], event, retry=1) == 200
        slack = site["slack_fake"]
        [update] = slack.wait_for("chat.update", timeout=900)
        assert "NPU" in update.params["text"]
        assert len(slack.answered("chat.postMessage")) == 1
