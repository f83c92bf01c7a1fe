"""What the HTTP front ends share: the JSON error shape and the request-body limit."""

from __future__ import annotations

import re
from typing import Any

from fastapi import HTTPException
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with lone UTF-16 surrogates (valid JSON "\\ud800", not encodable) as U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def error_body(message: str, kind: str, code: int) -> dict[str, Any]:
    """The JSON error shape of every endpoint (OpenAI's, so its clients show the message)."""
    return {"error": {"message": message, "type": kind, "code": code}}


def error_response(
    status: int, message: str, kind: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """An error as a JSON response with that shape."""
    return JSONResponse(error_body(message, kind, status), status_code=status, headers=headers)


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413, by header or while reading."""

    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = larger or {}  # path -> its own limit (file uploads)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] in self.larger:
            limit = self.larger[scope["path"]]
            await BodyLimit(self.app, limit)(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large()(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise HTTPException(413, self._message())
            return message

        await self.app(scope, limited, send)

    def _message(self) -> str:
        return f"request body is larger than {self.max_bytes} bytes"

    def _too_large(self) -> JSONResponse:
        return error_response(413, self._message(), "request_too_large")
