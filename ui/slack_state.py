"""What the Slack bot remembers: each thread's turns, and the event ids already answered."""

from __future__ import annotations

import threading
from collections import OrderedDict

from assistant import Turn

ThreadKey = tuple[str, str]  # (channel, thread_ts)


class ThreadMemory:
    """The turns of each Slack thread, bounded in threads (least recent dropped) and turns."""

    def __init__(self, max_threads: int = 1000, max_turns: int = 20) -> None:
        self.max_threads = max_threads
        self.max_turns = max_turns
        self._threads: OrderedDict[ThreadKey, list[Turn]] = OrderedDict()
        self._lock = threading.Lock()

    def history(self, key: ThreadKey) -> list[Turn]:
        with self._lock:
            return list(self._threads.get(key, ()))

    def remember(self, key: ThreadKey, question: str, answer: str) -> None:
        with self._lock:
            turns = self._threads.pop(key, [])
            turns += [Turn("user", question), Turn("assistant", answer)]
            self._threads[key] = turns[-self.max_turns :]
            while len(self._threads) > self.max_threads:
                self._threads.popitem(last=False)


class SeenEvents:
    """Event ids already taken, so that Slack's retries are answered once (bounded)."""

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        with self._lock:
            if event_id in self._ids:
                return False
            self._ids[event_id] = None
            while len(self._ids) > self.limit:
                self._ids.popitem(last=False)
            return True
