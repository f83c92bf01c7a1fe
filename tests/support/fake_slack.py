"""Loopback test parts: a fake Slack Web API (a real HTTP server recording its calls), a server
thread for ASGI apps, and the assistants the Slack and API tests talk to."""

from __future__ import annotations

import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

BOT_USER_ID = "UCHIPWISE"
BOT_ID = "BCHIPWISE"
TEAM_ID = "TTEAM"


@dataclass
class Call:
    """One Web API call as the fake received it."""

    method: str  # "chat.postMessage", "chat.update", ... or "respond" for a response_url
    params: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200  # what the fake answered (429 for a rate-limited attempt)


class FakeSlack:
    """Answers auth.test, chat.postMessage, chat.update and response_url posts; records them."""

    def __init__(self, port: int = 0) -> None:
        self.calls: list[Call] = []
        self._rate_limits: dict[str, int] = {}  # method -> Retry-After seconds, used once
        self.closed_channels: set[str] = set()  # chat.postMessage there fails: not_in_channel
        self.socket_url = ""  # what apps.connections.open answers (a FakeSocketMode's url)
        self._ts = itertools.count(1)
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """What a WebClient takes as `base_url`."""
        return f"http://127.0.0.1:{self.port}/api/"

    @property
    def response_url(self) -> str:
        """A response_url for slash-command payloads."""
        return f"http://127.0.0.1:{self.port}/respond"

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def rate_limit_once(self, method: str, retry_after_s: int = 1) -> None:
        """Answer the next call of `method` with 429 and Retry-After."""
        self._rate_limits[method] = retry_after_s

    def answered(self, method: str | None = None) -> list[Call]:
        """Calls answered with 200, optionally of one method."""
        return [c for c in self.calls if c.status == 200 and (method is None or c.method == method)]

    def wait_for(self, method: str, count: int = 1, timeout: float = 30.0) -> list[Call]:
        """Block until `count` calls of `method` were answered; return them."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.answered(method)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{method}: {len(self.answered(method))} of {count} calls")
                self._changed.wait(left)
        return self.answered(method)

    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any], dict]:
        """(status, JSON body, extra headers) for one call."""
        if method in self._rate_limits:
            retry_after = self._rate_limits.pop(method)
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)}
        if method == "auth.test":
            body = {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team_id": TEAM_ID,
                "user": "chipwise",
                "team": "test",
                "url": "http://127.0.0.1/",
            }
            return 200, body, {}
        if method == "chat.postMessage" and params.get("channel") in self.closed_channels:
            return 200, {"ok": False, "error": "not_in_channel"}, {}
        if method == "chat.postMessage":
            ts = f"{1_800_000_000 + next(self._ts)}.000900"  # never an event ts
            message = {"text": params.get("text"), "ts": ts, "bot_id": BOT_ID}
            return (
                200,
                {"ok": True, "channel": params.get("channel"), "ts": ts, "message": message},
                {},
            )
        if method == "chat.update":
            return (
                200,
                {
                    "ok": True,
                    "channel": params.get("channel"),
                    "ts": params.get("ts"),
                    "text": params.get("text"),
                },
                {},
            )
        if method == "respond":
            return 200, {"ok": True}, {}
        if method == "apps.connections.open":
            return 200, {"ok": True, "url": self.socket_url}, {}
        return 200, {"ok": False, "error": "unknown_method"}, {}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    params = dict(parse_qsl(raw))
                for key in ("blocks", "attachments"):  # form posts carry these as JSON text
                    if isinstance(params.get(key), str):
                        params[key] = json.loads(params[key])
                path = self.path.split("?", 1)[0]
                method = "respond" if path.startswith("/respond") else path.rsplit("/", 1)[-1]
                status, body, extra = fake._answer(method, params)
                payload = json.dumps(body).encode()
                fake._record(Call(method, params, dict(self.headers.items()), status))
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        return Handler


class FakeSocketMode:
    """Slack's end of Socket Mode: a websocket server that sends envelopes and records acks."""

    def __init__(self) -> None:
        from websockets.sync.server import serve as ws_serve

        self.acks: list[dict[str, Any]] = []
        self._sockets: list[Any] = []
        self._changed = threading.Condition()
        self._ids = itertools.count(1)
        self._server = ws_serve(self._handle, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._server.socket.getsockname()[1]}/link"

    def start(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def _handle(self, websocket: Any) -> None:
        websocket.send(json.dumps({"type": "hello", "num_connections": 1}))
        with self._changed:
            self._sockets.append(websocket)
            self._changed.notify_all()
        for message in websocket:
            with self._changed:
                self.acks.append(json.loads(message))
                self._changed.notify_all()

    def _wait(self, ready: Any, timeout: float) -> None:
        with self._changed:
            if not self._changed.wait_for(ready, timeout):
                raise TimeoutError("socket mode: nothing arrived")

    def send(self, payload: dict[str, Any], kind: str = "events_api") -> str:
        """Deliver one envelope to the connected app; return its envelope id."""
        self._wait(lambda: self._sockets, 10)
        envelope_id = f"env-{next(self._ids)}"
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
        }
        self._sockets[-1].send(json.dumps(envelope))
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = 10) -> dict[str, Any]:
        self._wait(lambda: any(a.get("envelope_id") == envelope_id for a in self.acks), timeout)
        return next(a for a in self.acks if a.get("envelope_id") == envelope_id)


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free loopback port; yield its base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def knowledge_passages() -> list[Any]:
    """One Passage per bundled knowledge file (English and Chinese), for the in-memory retriever."""
    import yaml

    from assistant.settings import BUNDLED_KNOWLEDGE
    from assistant.types import Passage

    passages = []
    for path in sorted(BUNDLED_KNOWLEDGE.glob("*/*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(front)
        passages.append(
            Passage(
                f"{meta['lang']}:{meta['id']}",
                meta["id"],
                meta["title"],
                str(path),
                meta["lang"],
                body.strip(),
                1.0,
            )
        )
    return passages


def _explain(messages: list[dict[str, Any]]) -> str:
    """Scripted prose that states the verdict given in the answer prompt and cites, as the guard wants."""
    prompt = messages[-1]["content"]
    found = re.search(
        r"(?:decision|verdict|结论)[^\n:：]{0,10}[:：]\s*(GPU\+NPU|GPU|NPU)", prompt, re.I
    )
    given = re.search(r"\[([a-z]+\.[a-z0-9-]+)\]", prompt)  # cite what it was given
    cite = f" [{given.group(1)}]" if given else ""
    if found:
        return f"Recommendation: {found.group(1)}. It fits what you described.{cite}"
    return f"The knowledge base covers this.{cite}"


def scripted_assistant(data_dir: Path, **settings: Any) -> Any:
    """The real pipeline with a scripted chat model and an in-memory retriever: fast."""
    from assistant import Settings, build
    from assistant.testing import MemoryRetriever, ScriptedModel

    return build(
        Settings(data_dir=data_dir, **settings),
        chat_model=ScriptedModel(replies=(_explain,)),
        retriever=MemoryRetriever(knowledge_passages()),
    )


def questions(assistant: Any) -> list[str]:
    """The user messages of each tool call the scripted model received, per call."""
    return [
        [m["content"] for m in messages if m["role"] == "user"]
        for kind, messages in assistant.chat_model.calls
        if kind == "tool"
    ]
