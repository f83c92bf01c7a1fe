"""chipwise over HTTP: the Answer JSON, the decision tool and an OpenAI-compatible chat endpoint.

`POST /v1/ask` answers one question (with history); `POST /v1/decide` runs the decision rules;
`POST /v1/chat/completions` speaks the OpenAI chat format, plain and `stream: true` over SSE.
Errors are JSON `{"error": {"message", "type", "code"}}`; busy answers are 503 with Retry-After.
"""

from __future__ import annotations

import hmac
import logging
import math
import uuid
from collections.abc import Callable
from importlib.metadata import version as package_version
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, field_validator
from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import (
    MAX_OPTIONS,
    MIN_OPTIONS,
    Assistant,
    BusyError,
    Curator,
    ModelError,
    QuestionError,
    Requirements,
    Storage,
    StorageError,
    Turn,
    check_id,
    compare,
    memory_storage,
)
from ui import openai_chat
from ui.api_sources import add_source_routes, upload_limit
from ui.http import BodyLimit, error_response, without_surrogates
from ui.openai_chat import (
    MODEL_NAME,
    ChatRequest,
    chat_input,
    completion,
    model_card,
    sse_chunks,
    until_model,
)

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 256 * 1024
MEMORY_TURNS = 20  # the stored turns a continued conversation gives the assistant


class HistoryTurn(BaseModel):
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str

    @field_validator("content")
    @classmethod
    def _clean(cls, value: str) -> str:
        return without_surrogates(value)


class AskRequest(BaseModel):
    """A question, with the conversation so far (oldest first)."""

    question: str = Field(description="The question, in English or Chinese.")
    history: list[HistoryTurn] = Field(
        default_factory=list, description="Earlier turns; with a conversation_id, leave it empty."
    )
    conversation_id: str | None = Field(
        None,
        description="Continue this stored conversation (its turns are the history); "
        "omitted: a new conversation. The answer returns the id.",
    )

    @field_validator("question")
    @classmethod
    def _clean(cls, value: str) -> str:
        return without_surrogates(value)

    @field_validator("conversation_id")
    @classmethod
    def _known_shape(cls, value: str | None) -> str | None:
        return None if value is None else check_id(value)


class CompareRequest(BaseModel):
    """Two to four requirement sets to decide side by side (the bounds of /v1/decide apply)."""

    options: list[Requirements] = Field(min_length=MIN_OPTIONS, max_length=MAX_OPTIONS)


def _validation_message(exc: RequestValidationError) -> str:
    """One readable line from pydantic's error list."""
    parts = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            detail = (err.get("ctx") or {}).get("error", "")
            parts.append(f"request body is not valid JSON ({detail})".replace(" ()", ""))
            continue
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(api: FastAPI) -> None:
    @api.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, _validation_message(exc), "invalid_request_error")

    @api.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = {401: "authentication_error", 413: "request_too_large"}.get(exc.status_code)
        return error_response(
            exc.status_code,
            str(exc.detail),
            kind or "invalid_request_error",
            dict(exc.headers or {}),
        )

    @api.exception_handler(QuestionError)
    async def _question(_: Request, exc: QuestionError) -> JSONResponse:
        return error_response(422, str(exc), "invalid_request_error")

    @api.exception_handler(BusyError)
    async def _busy(_: Request, exc: BusyError) -> JSONResponse:
        retry = str(max(1, math.ceil(exc.retry_after_s)))
        return error_response(503, str(exc), "busy", {"Retry-After": retry})

    @api.exception_handler(StorageError)
    async def _storage(_: Request, exc: StorageError) -> JSONResponse:
        log.error("storage failed: %s", exc)
        return error_response(503, str(exc), "storage_error", {"Retry-After": "5"})

    @api.exception_handler(ModelError)
    async def _model(_: Request, exc: ModelError) -> JSONResponse:
        return error_response(503, str(exc), "model_error")

    @api.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Logged with its traceback; the client gets the documented JSON shape, no internals.
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal error", "server_error")


_BEARER = HTTPBearer(auto_error=False, description="CHIPWISE_API_TOKEN, if the server has one.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]


def _require_token(token: str | None) -> Callable[..., None]:
    """A dependency checking `Authorization: Bearer <token>` (nothing when token is None)."""

    def check(credentials: Credentials) -> None:
        if token is None:
            return
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            message = "missing bearer token" if not given else "invalid bearer token"
            raise HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})

    return check


def create_api(
    assistant: Assistant,
    *,
    token: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    storage: Storage | None = None,
    curator: Curator | None = None,
    admin_token: str | None = None,
) -> FastAPI:
    """The FastAPI app serving `assistant`; `token` turns on bearer-token auth for /v1.

    Conversations are kept in `storage` (a private in-memory database unless given);
    `curator` and `admin_token` turn on knowledge curation (/v1/sources).
    """
    storage = storage or memory_storage()
    api = FastAPI(
        title="chipwise",
        version=package_version("chipwise"),
        summary="Should your AI video generation run on a GPU or an NPU? Local and private.",
        description=f"{__doc__}\n{openai_chat.__doc__}",
    )
    larger = {"/v1/sources": upload_limit(curator)} if curator and admin_token else {}
    api.add_middleware(BodyLimit, max_bytes=max_body_bytes, larger=larger)
    _install_error_handlers(api)
    add_source_routes(api, curator, admin_token)
    auth = [Depends(_require_token(token))]

    @api.get("/healthz", summary="Liveness check (no auth).")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": package_version("chipwise")}

    @api.post("/v1/ask", dependencies=auth, summary="Answer one question: the Answer JSON.")
    def ask(body: AskRequest) -> dict[str, Any]:
        history = [Turn(role=t.role, content=t.content) for t in body.history]
        conversations = storage.conversations
        if body.conversation_id and not conversations.exists(body.conversation_id):
            raise HTTPException(404, "unknown conversation_id; omit it to start a new conversation")
        conversation_id = body.conversation_id or conversations.create("api")
        if body.conversation_id and not history:
            history = conversations.turns(conversation_id, last=MEMORY_TURNS)
        answer = assistant.ask(body.question, history)
        conversations.append(conversation_id, body.question, answer, kind="api")
        return {**answer.to_dict(), "conversation_id": conversation_id}

    @api.get(
        "/v1/conversations/{conversation_id}",
        dependencies=auth,
        summary="A stored conversation and its messages (assistant ones with the Answer JSON).",
    )
    def conversation(conversation_id: str) -> dict[str, Any]:
        record = storage.conversations.get(conversation_id)
        if record is None:
            raise HTTPException(404, f"conversation {conversation_id!r} not found")
        return record.to_dict()

    @api.post("/v1/decide", dependencies=auth, summary="Run the decision rules on requirements.")
    def decide(requirements: Requirements) -> dict[str, Any]:
        return assistant.decide(requirements).to_dict()

    @api.post("/v1/compare", dependencies=auth, summary="Decide 2-4 requirement sets side by side.")
    def compare_options(body: CompareRequest) -> dict[str, Any]:
        return compare(body.options).to_dict()

    @api.get("/v1/models", dependencies=auth, summary="The one model, in the OpenAI shape.")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [model_card()]}

    @api.get("/v1/models/{model_id}", dependencies=auth, summary="One model (OpenAI shape).")
    def model(model_id: str) -> dict[str, Any]:
        if model_id != MODEL_NAME:
            raise HTTPException(404, f"model {model_id!r} not found; the model is {MODEL_NAME!r}")
        return model_card()

    @api.post(
        "/v1/chat/completions",
        dependencies=auth,
        summary="OpenAI-compatible chat; the Answer JSON is in the extra `chipwise` field.",
        response_model=None,
    )
    async def chat(body: ChatRequest) -> Any:
        question, history = chat_input(body)
        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        if not body.stream:
            answer = await run_in_threadpool(assistant.ask, question, history)
            return completion(answer, completion_id)
        events = iter(assistant.stream(question, history))
        # Pull events until the model is reached, so "busy" still gets a status code (503).
        head = await run_in_threadpool(until_model, events)
        return EventSourceResponse(sse_chunks(head, events, completion_id), ping=15)

    return api


def run_from_env(*, host: str, port: int, err: Callable[[str], None]) -> int:
    """`chipwise api`: token from the settings, build the assistant, serve until stopped."""
    import uvicorn

    from assistant import ChipwiseError, Settings, open_assistant, open_storage, warm_in_background

    settings = Settings()
    token = settings.api_token.get_secret_value() if settings.api_token else None
    if token is None and host not in ("127.0.0.1", "localhost", "::1"):
        err(f"warning: serving on {host} without CHIPWISE_API_TOKEN: no authentication")
    try:
        storage = open_storage(settings)
        assistant = open_assistant(settings)
    except ChipwiseError as exc:
        err(f"error: {exc}")
        return 1
    admin = settings.admin_token.get_secret_value() if settings.admin_token else None
    curator = Curator(settings, storage.sources) if admin else None
    api = create_api(assistant, token=token, storage=storage, curator=curator, admin_token=admin)
    warm_in_background(assistant, warn=err)
    uvicorn.run(api, host=host, port=port, log_level="info")
    return 0
