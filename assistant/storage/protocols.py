"""The seams front ends keep state through; in memory for tests, in the database for real."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from assistant.feedback import Rating
from assistant.types import Answer, Turn

ThreadKey = tuple[str, str]  # (channel, thread_ts)


class EventLedger(Protocol):
    """Remembers which event ids were taken, so a retried event is answered once."""

    def first_time(self, key: str) -> bool: ...


class ThreadHistory(Protocol):
    """The turns of each Slack thread."""

    def history(self, key: ThreadKey) -> list[Turn]: ...

    def remember(self, key: ThreadKey, question: str, answer: str) -> None: ...


class FeedbackSink(Protocol):
    """Where 👍/👎 on answers go."""

    def record(
        self, answer: Answer, rating: Rating, history: Sequence[Turn] = ()
    ) -> dict[str, Any]: ...
