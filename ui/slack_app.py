"""chipwise in Slack: mentions, direct messages and `/chipwise`, answered in threads with the card.

Every listener acks at once and does its work in a lazy listener (Slack wants an ack within
3 s; an answer takes longer). Answers go into the thread: a "thinking…" message first, then
`chat.update` with the Block Kit card and a plain-text fallback. Each thread keeps its own
conversation memory; retried events (same `event_id`) are answered once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from assistant import (
    Assistant,
    BusyError,
    ChipwiseError,
    EventLedger,
    QuestionError,
    ThreadHistory,
    Turn,
    detect_language,
    parse_assignments,
)
from ui.format import decision_summary, decision_to_slack, escape_mrkdwn, to_slack
from ui.http import BodyLimit, without_surrogates
from ui.slack_connect import UNREACHABLE, TokenRefused, check_token, describe, retry_in_background
from ui.slack_requests import BadSlackRequest, check_request, request_key
from ui.slack_state import SeenEvents, ThreadKey, ThreadMemory

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024  # Slack's payloads are a few kB
MESSAGES = {
    "thinking": {"en": "_thinking…_", "zh": "_思考中…_"},
    "busy": {
        "en": "chipwise is busy answering other questions; ask again in {s} s.",
        "zh": "chipwise 正在回答其他问题，请 {s} 秒后再问。",
    },
    "failed": {
        "en": "Sorry, something went wrong while answering; please ask again.",
        "zh": "抱歉，回答时出了问题，请再问一次。",
    },
    "asked": {"en": "<@{user}> asked: {question}", "zh": "<@{user}> 提问：{question}"},
}
USAGE = (
    "Ask chipwise whether your AI video generation should run on a GPU or an NPU:\n"
    "• `/chipwise We make 90-second 4K ads with fluid simulation: GPU or NPU?`\n"
    "• `/chipwise decide deployment=mobile resolution=720p duration=10s`\n"
    "Mention @chipwise in a channel or message it directly; it answers in the thread and "
    "remembers the thread."
)
_MENTION = re.compile(r"<@[A-Z0-9]+(\|[^>]*)?>")


def _text(key: str, lang: str, **values: Any) -> str:
    return MESSAGES[key]["zh" if lang == "zh" else "en"].format(**values)


def clean_text(text: str) -> str:
    """A message's text without mentions, with Slack's &amp; &lt; &gt; turned back."""
    text = _MENTION.sub(" ", without_surrogates(text or ""))
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def parse_command(raw: str) -> tuple[str, str, str | None]:
    """A `/chipwise` text as (kind: "help" | "decide" | "ask", text, problem or None)."""
    text = clean_text(raw)
    if not text or text.lower() == "help":
        return "help", text, None
    items = decide_arguments(text)
    if items is None:
        return "ask", text, None
    try:
        parse_assignments(items)
    except ValueError as exc:
        return "decide", text, escape_mrkdwn(str(exc))
    return "decide", text, None


def decide_arguments(text: str) -> list[str] | None:
    """The `key=value` items of a `decide ...` request, or None for a question."""
    words = text.split()
    if words and words[0].lower() == "decide":
        return words[1:]
    return None


class SlackBot:
    """What the listeners share: the assistant and each thread's memory."""

    def __init__(self, assistant: Assistant, memory: ThreadHistory) -> None:
        self.assistant = assistant
        self.memory = memory

    def answer_in_thread(
        self, client: WebClient, channel: str, thread_ts: str, text: str, lang: str
    ) -> None:
        """Post "thinking…" in the thread, then replace it with the answer or the card."""
        thinking = client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, text=_text("thinking", lang)
        )
        fallback, blocks = self.reply(text, (channel, thread_ts), lang)
        client.chat_update(channel=channel, ts=thinking["ts"], text=fallback, blocks=blocks or None)

    def _recall(self, key: ThreadKey) -> list[Turn]:
        try:
            return self.memory.history(key)
        except ChipwiseError as exc:  # answer without the thread's memory rather than not at all
            log.error("thread memory unavailable: %s", exc)
            return []

    def reply(
        self, text: str, key: ThreadKey | None, lang: str
    ) -> tuple[str, list[dict[str, Any]]]:
        """Fallback text and blocks for one request, remembered in thread `key` (if any)."""
        history = self._recall(key) if key else []
        try:
            items = decide_arguments(text)
            if items is not None:
                decision = self.assistant.decide(parse_assignments(items))
                summary, rendered = decision_summary(decision), decision_to_slack(decision, lang)
            else:
                answer = self.assistant.ask(text, history)
                summary, rendered = answer.text, to_slack(answer)
        except BusyError as exc:
            return _text("busy", lang, s=max(1, round(exc.retry_after_s))), []
        except (QuestionError, ValueError) as exc:
            return escape_mrkdwn(str(exc)), []
        except Exception:
            log.exception("answering %r failed", text)
            return _text("failed", lang), []
        if key:
            try:
                self.memory.remember(key, text, summary)
            except ChipwiseError as exc:  # the answer still goes out; only the memory is lost
                log.error("thread memory not saved: %s", exc)
        return rendered


def _first_time(ledger: EventLedger, key: str) -> bool:
    """Whether `key` is new; with the database down, answer (maybe twice) rather than never."""
    try:
        return ledger.first_time(key)
    except ChipwiseError as exc:
        log.error("cannot check %s against the events already answered: %s", key, exc)
        return True


def _is_user_dm(event: dict[str, Any]) -> bool:
    return (
        event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
    )


def create_slack_app(
    assistant: Assistant,
    *,
    token: str,
    signing_secret: str,
    client: WebClient | None = None,
    memory: ThreadHistory | None = None,
    seen: EventLedger | None = None,
) -> App:
    """The Bolt app answering mentions, direct messages and `/chipwise` with `assistant`.

    `memory` and `seen` keep thread turns and taken event ids (in memory unless given; the
    database's are shared by every replica).
    """
    client = client or WebClient(token=token)
    client.token = client.token or token
    if not any(isinstance(h, RateLimitErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=3))
    # No auth.test here: `chipwise slack` checks the token itself and starts while Slack is away.
    app = App(
        signing_secret=signing_secret,
        client=client,
        token=token,
        token_verification_enabled=False,
        process_before_response=False,
    )
    bot = SlackBot(assistant, memory or ThreadMemory())
    ledger = seen or SeenEvents()

    @app.middleware
    def answer_once(req: BoltRequest, body: dict[str, Any], next: Callable[[], Any]) -> Any:
        key = body.get("event_id") or request_key(req)
        if key and not _first_time(ledger, key):
            log.info("ignoring retry or replay of %s", key)
            return BoltResponse(status=200, body="")
        return next()

    def ack_now(ack: Callable[..., Any]) -> None:
        ack()

    def on_mention(event: dict[str, Any], client: WebClient) -> None:
        if event.get("bot_id"):
            return
        thread_ts = event.get("thread_ts") or event["ts"]
        text = clean_text(event.get("text", ""))
        if not text:  # a bare mention: say what chipwise does
            client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, text=USAGE)
            return
        bot.answer_in_thread(client, event["channel"], thread_ts, text, detect_language(text))

    def on_message(event: dict[str, Any], client: WebClient) -> None:
        if _is_user_dm(event):
            on_mention(event, client)

    def ack_command(ack: Callable[..., Any], command: dict[str, Any]) -> None:
        kind, _, problem = parse_command(command.get("text", ""))
        if kind == "help" or problem:
            ack(f"{problem}\n\n{USAGE}" if problem else USAGE)
        else:
            ack()

    def on_command(command: dict[str, Any], client: WebClient, respond: Callable[..., Any]) -> None:
        kind, text, problem = parse_command(command.get("text", ""))
        if kind == "help" or problem:
            return  # the ack said it all
        lang = detect_language(text)
        channel = command["channel_id"]
        try:
            if kind == "decide":  # the rules alone are instant: the card, no "thinking…"
                fallback, blocks = bot.reply(text, None, lang)
                posted = client.chat_postMessage(channel=channel, text=fallback, blocks=blocks)
                bot.memory.remember((channel, posted["ts"]), text, fallback)  # for follow-ups
                return
            asked = _text("asked", lang, user=command["user_id"], question=escape_mrkdwn(text))
            parent = client.chat_postMessage(channel=channel, text=asked)
        except SlackApiError as exc:  # e.g. not_in_channel: answer through the response_url
            log.info("posting in %s failed (%s); responding instead", channel, exc)
            fallback, blocks = bot.reply(text, None, lang)
            respond(text=fallback, blocks=blocks, response_type="ephemeral")
            return
        bot.answer_in_thread(client, channel, parent["ts"], text, lang)

    app.event("app_mention")(ack=ack_now, lazy=[on_mention])
    app.event("message")(ack=ack_now, lazy=[on_message])
    app.command("/chipwise")(ack=ack_command, lazy=[on_command])
    return app


def create_slack_asgi(app: App, path: str = "/slack/events") -> Starlette:
    """An ASGI app for HTTP mode: Slack's requests on `path`, a health check on /healthz."""
    signing_secret = app._signing_secret  # the one Bolt verifies with

    async def events(request: Request) -> Response:
        body = await request.body()
        try:
            check_request(body, request.headers, signing_secret)
        except BadSlackRequest as exc:
            log.info("refusing a Slack request (%s): %s", exc.status, exc.reason)
            return JSONResponse({"error": exc.reason}, status_code=exc.status)
        # dispatch blocks (it verifies, acks, starts the lazy listener): keep the loop free
        bolt_response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        if bolt_response.status >= 500:  # a signed body Bolt could not handle (logged by Bolt)
            return JSONResponse({"error": "request could not be processed"}, status_code=400)
        return to_starlette_response(bolt_response)

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    routes = [Route(path, events, methods=["POST"]), Route("/healthz", healthz)]
    return Starlette(routes=routes, middleware=[Middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)])


REQUIRED_ENV = {
    "http": ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"),
    "socket": ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"),
}


def run_from_env(*, host: str, port: int, socket: bool, err: Callable[[str], None]) -> int:
    """`chipwise slack`: check the Slack tokens, build the assistant, serve until interrupted."""
    from assistant import ChipwiseError, Settings, open_assistant, open_storage, warm_in_background

    settings = Settings()
    bot_token, signing_secret, app_token = (
        secret.get_secret_value() if secret else ""
        for secret in (
            settings.slack_bot_token,
            settings.slack_signing_secret,
            settings.slack_app_token,
        )
    )
    given = {
        "SLACK_BOT_TOKEN": bot_token,
        "SLACK_SIGNING_SECRET": signing_secret,
        "SLACK_APP_TOKEN": app_token,
    }
    mode = "socket" if socket else "http"
    missing = [name for name in REQUIRED_ENV[mode] if not given[name]]
    if missing:
        err(
            f"error: set {' and '.join(missing)} for {mode} mode (from your Slack app's settings: "
            "Basic Information and OAuth & Permissions)."
        )
        return 2
    client = WebClient(token=bot_token, base_url=settings.slack_api_url)
    reachable = True
    try:
        check_token(client)
    except TokenRefused as exc:
        err(f"error: Slack refused SLACK_BOT_TOKEN: {exc}")
        return 1
    except UNREACHABLE as exc:
        if socket:  # Socket Mode has nothing to serve without Slack
            err(f"error: Slack is unreachable at {settings.slack_api_url} ({describe(exc)}).")
            return 1
        reachable = False
        err(
            f"warning: Slack is unreachable at {settings.slack_api_url} ({describe(exc)}); "
            "serving anyway and retrying in the background. Replies fail until it answers."
        )
    try:
        storage = open_storage(settings)
        assistant = open_assistant(settings)
    except ChipwiseError as exc:
        err(f"error: {exc}")
        return 1
    app = create_slack_app(
        assistant,
        token=bot_token,
        signing_secret=signing_secret,
        client=client,
        memory=storage.threads,
        seen=storage.events,
    )
    warm_in_background(assistant, warn=err)
    if socket:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        SocketModeHandler(app, app_token, web_client=client).start()
        return 0
    import uvicorn

    if not reachable:
        retry_in_background(client, err)
    uvicorn.run(create_slack_asgi(app), host=host, port=port, log_level="info")
    return 0
