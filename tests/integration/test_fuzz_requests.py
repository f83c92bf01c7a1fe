"""Request fuzzing against real servers on loopback (scripted model): never a 5xx but the
documented 503, always JSON, and the server healthy after. Bounded: a few seconds per target."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from support.fake_slack import FakeSlack, scripted_assistant, serve

from ui.api import create_api
from ui.slack_app import create_slack_app, create_slack_asgi

SECRET = "fuzz-signing-secret"
MAX_BODY = 16 * 1024
FUZZ = settings(
    max_examples=int(os.environ.get("CHIPWISE_FUZZ_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

# Text with what breaks servers: lone surrogates, control characters, NULs, huge runs.
ODD_TEXT = st.one_of(
    st.text(st.characters(codec=None, categories=None), max_size=40),
    st.sampled_from(["\ud800", "\udfff x", "\x00", "\x1b[31m", "\u202e", "🎬" * 50, " " * 300]),
)
NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=False),  # NaN/inf are not JSON; huge literals are below
    st.sampled_from([0, -1, 2**63, -(2**63)]),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, ODD_TEXT)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(ODD_TEXT, inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = [
    "question",
    "history",
    "role",
    "content",
    "messages",
    "stream",
    "model",
    "resolution",
    "duration_seconds",
    "fps",
    "deployment",
    "workload",
    "power_budget_watts",
    "videos_per_day",
    "preferred_hardware",
    "offline",
]


def _shaped(fields: list[str]) -> st.SearchStrategy[Any]:
    """Objects with the endpoint's own keys (so validation is passed often) and odd values."""
    message = st.fixed_dictionaries(
        {"role": st.sampled_from(["user", "assistant", "system", "tool", ""]), "content": JSON}
    )
    value = st.one_of(JSON, st.lists(message, max_size=3), message)
    return st.dictionaries(st.sampled_from(fields), value, max_size=5)


def _bodies(fields: list[str]) -> st.SearchStrategy[bytes]:
    """Raw request bodies: shaped JSON, any JSON, huge number literals, broken bytes."""
    as_json = st.one_of(_shaped(fields), JSON).map(
        lambda v: json.dumps(v, ensure_ascii=bool(v) and len(str(v)) % 2 == 0).encode(
            "utf-8", "surrogatepass"
        )
    )
    literal = st.sampled_from(
        [
            b'{"duration_seconds": 1e309}',
            b'{"question": "x", "history": [{"role": "user", "content": 1e99999}]}',
            b'{"messages": [{"role": "user", "content": "' + b"9" * 5000 + b'"}]}',
            b'{"question": "\\ud800"}',
            b'{"messages": [{"role": "user", "content": "\\udfff"}], "stream": true}',
            b"[" * 5000,
            b"\xff\xfe\x00",
            b"",
        ]
    )
    return st.one_of(as_json, literal, st.binary(max_size=200))


def _assert_sane(reply: httpx.Response) -> None:
    assert reply.status_code < 500 or reply.status_code == 503, (reply.status_code, reply.text)
    kind = reply.headers.get("content-type", "")
    if kind.startswith("text/event-stream"):
        assert reply.text.rstrip().endswith("data: [DONE]"), reply.text[-300:]
        return
    assert kind.startswith("application/json"), (kind, reply.text[:300])
    body = reply.json()
    if reply.status_code >= 400:
        assert isinstance(body, dict) and body.get("error"), body


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assistant = scripted_assistant(tmp_path_factory.mktemp("fuzz-api"))
    with serve(create_api(assistant, max_body_bytes=MAX_BODY)) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/v1/ask", ["question", "history", "role", "content"]),
        ("/v1/decide", FIELDS[6:]),
        ("/v1/chat/completions", ["messages", "stream", "model", "role", "content"]),
    ],
)
def test_api_endpoints_survive_fuzzed_bodies(api: str, path: str, fields: list[str]) -> None:
    with httpx.Client(base_url=api, timeout=30) as http:

        @FUZZ
        @given(body=_bodies(fields), kind=st.sampled_from(["application/json", "text/plain"]))
        def check(body: bytes, kind: str) -> None:
            _assert_sane(http.post(path, content=body, headers={"content-type": kind}))

        check()
        oversized = http.post(path, content=b'{"question": "' + b"x" * MAX_BODY * 2 + b'"}')
        assert oversized.status_code == 413 and oversized.json()["error"]
        assert http.get("/healthz").status_code == 200
        good = http.post("/v1/ask", json={"question": "720p clips on a phone: GPU or NPU?"})
        assert good.status_code == 200 and good.json()["answer"]


@pytest.fixture(scope="module")
def slack_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    slack = FakeSlack().start()
    assistant = scripted_assistant(tmp_path_factory.mktemp("fuzz-slack"))
    client = WebClient(token="xoxb-fuzz", base_url=slack.base_url)
    app = create_slack_app(assistant, token="xoxb-fuzz", signing_secret=SECRET, client=client)
    try:
        with serve(create_slack_asgi(app)) as url:
            yield url
    finally:
        slack.stop()


def _signed(body: bytes) -> dict[str, str]:
    stamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


def _utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_slack_events_survive_fuzzed_bodies(slack_url: str) -> None:
    event_fields = ["type", "event", "event_id", "challenge", "command", "text", "payload"]
    forms = st.dictionaries(st.sampled_from(event_fields), ODD_TEXT, max_size=4).map(
        lambda d: "&".join(f"{k}={v}" for k, v in d.items()).encode("utf-8", "surrogatepass")
    )
    with httpx.Client(base_url=slack_url, timeout=30) as http:

        @FUZZ
        @given(
            body=st.one_of(_bodies(event_fields), forms),
            kind=st.sampled_from(["application/json", "application/x-www-form-urlencoded"]),
            sign=st.sampled_from(["yes", "no", "bad-stamp"]),
        )
        def check(body: bytes, kind: str, sign: str) -> None:
            headers = {"content-type": kind}
            if sign == "yes" and _utf8(body):  # Slack signs only UTF-8 bodies
                headers |= _signed(body)
            elif sign == "bad-stamp":
                headers |= {"X-Slack-Request-Timestamp": "12e3", "X-Slack-Signature": "v0=00"}
            reply = http.post("/slack/events", content=body, headers=headers)
            assert reply.status_code < 500, (reply.status_code, reply.text[:300])

        check()
        assert http.get("/healthz").status_code == 200


def test_fuzz_findings_bad_slack_fields_and_blank_payload_are_refused_clearly(
    slack_url: str,
) -> None:
    for body in (
        b'{"type": "event_callback", "event_id": {"a": 1}, "event": {"type": "message"}}',
        b"payload=%7B%22event%22%3A%20%5B%5D%7D",  # payload={"event": []}
        b"payload=",  # found by the fuzzer: Bolt keeps blank values and parses "" as JSON (500)
        b"text=hi&payload=%5B",
        b"{" + b'"a":[' * 5000,  # found by the fuzzer: json.loads raised RecursionError (500)
    ):
        kind = "application/json" if body.startswith(b"{") else "application/x-www-form-urlencoded"
        reply = httpx.post(
            f"{slack_url}/slack/events",
            content=body,
            headers={"content-type": kind, **_signed(body)},
        )
        assert reply.status_code == 400 and " is not " in reply.json()["error"]
