"""Check the bot token with Slack at start; when Slack is out of reach, keep trying in the background."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from tenacity import RetryCallState, Retrying, retry_if_exception_type, wait_exponential

log = logging.getLogger(__name__)

# Connection failures, not refusals: a refused token (SlackApiError) is final.
UNREACHABLE = (URLError, OSError, TimeoutError)
RETRY_WAIT = wait_exponential(multiplier=1, min=1, max=60)


class TokenRefused(Exception):
    """Slack answered, and refused the bot token."""


def check_token(client: WebClient) -> None:
    """auth.test once; `TokenRefused` when Slack says no, an `UNREACHABLE` error when it is away."""
    try:
        client.auth_test()
    except SlackApiError as exc:
        raise TokenRefused(str(exc.response.get("error", exc))) from exc


def _log_retry(state: RetryCallState) -> None:
    wait = state.next_action.sleep if state.next_action else 0
    error = state.outcome.exception() if state.outcome else None
    log.warning("Slack still unreachable (%s); next try in %.0f s", error, wait)


def retry_in_background(client: WebClient, err: Callable[[str], None]) -> threading.Thread:
    """Retry auth.test until Slack answers; say once when it does (or when it refuses the token)."""

    def run() -> None:
        try:
            for attempt in Retrying(
                retry=retry_if_exception_type(UNREACHABLE),
                wait=RETRY_WAIT,
                before_sleep=_log_retry,
                reraise=True,
            ):
                with attempt:
                    check_token(client)
        except TokenRefused as exc:
            err(f"error: Slack refused SLACK_BOT_TOKEN: {exc}; replies will fail until it is fixed")
            return
        err("Slack reached: the bot token is valid; replies go out again.")

    thread = threading.Thread(target=run, name="slack-auth-retry", daemon=True)
    thread.start()
    return thread


def describe(exc: BaseException) -> str:
    """The reason of a connection failure, without a traceback."""
    reason = getattr(exc, "reason", None)
    return str(reason or exc)
