"""Refuse malformed Slack HTTP requests before Bolt sees them: 400 or 401, never a 500.

Bolt parses the body before its own checks can answer, so invalid UTF-8, a timestamp that is
not a number, a body that is not a JSON object, an `event` that is not an object, or a
`payload=` that is not JSON would raise inside it. Here the signature is checked first (401),
then the shape (400).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier


class BadSlackRequest(Exception):
    """A request to refuse: its status (400 or 401) and a short reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def check_request(body: bytes, headers: Mapping[str, str], signing_secret: str) -> str:
    """The body as text if the request is signed and well formed; else BadSlackRequest."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadSlackRequest(400, "request body is not UTF-8") from None
    timestamp = headers.get("x-slack-request-timestamp")
    if timestamp is not None and not timestamp.isdigit():
        raise BadSlackRequest(401, "invalid X-Slack-Request-Timestamp")
    signature = headers.get("x-slack-signature")
    if not SignatureVerifier(signing_secret).is_valid(text, timestamp, signature):
        raise BadSlackRequest(401, "invalid or missing Slack signature")
    _check_shape(text, headers.get("content-type", ""))
    return text


def _check_shape(text: str, content_type: str) -> None:
    # Bolt's own parser, so that what passes here is exactly what Bolt can read.
    try:
        body = parse_body(text, content_type.split(";")[0] or None)
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        raise BadSlackRequest(400, "body or payload is not valid JSON") from None
    if not isinstance(body, dict):
        raise BadSlackRequest(400, "body or payload is not a JSON object")
    _check_fields(body)


def _check_fields(body: dict[str, object]) -> None:
    """The fields Bolt and the dedup read must have their Slack types, or Bolt raises."""
    if "event" in body and not isinstance(body["event"], dict):
        raise BadSlackRequest(400, "event is not a JSON object")
    if "event_id" in body and not isinstance(body["event_id"], str):
        raise BadSlackRequest(400, "event_id is not a string")


def request_key(req: object) -> str | None:
    """A signed HTTP request's identity (timestamp and body): a replay has the same key.

    Slash commands and interactive payloads carry no event id; within Slack's 5-minute
    window a replayed request has the same signed timestamp and body. None in Socket Mode
    (no timestamp header) and for Bolt's own lazy-only re-dispatch.
    """
    headers: Mapping[str, Sequence[str]] = getattr(req, "headers", {}) or {}
    timestamp = next(iter(headers.get("x-slack-request-timestamp") or ()), "")
    if not timestamp or headers.get("x-slack-bolt-lazy-only"):
        return None
    raw = str(getattr(req, "raw_body", ""))
    return "request:" + hashlib.sha256(f"{timestamp}:{raw}".encode()).hexdigest()
