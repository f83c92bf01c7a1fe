"""One request at a time on the model, a bounded queue behind it, "busy" past that."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from assistant.errors import BusyError


class RequestGate:
    """Admit one holder; let up to `queue_size` wait (each at most `timeout_s`); refuse more."""

    def __init__(self, queue_size: int, timeout_s: float, retry_after_s: float = 15.0) -> None:
        self.queue_size = queue_size
        self.timeout_s = timeout_s
        self.retry_after_s = retry_after_s
        self._lock = threading.Lock()
        self._state = threading.Lock()
        self._waiting = 0

    @property
    def waiting(self) -> int:
        return self._waiting

    @contextmanager
    def hold(self) -> Iterator[None]:
        if self._lock.acquire(blocking=False):
            try:
                yield
            finally:
                self._lock.release()
            return
        with self._state:
            if self._waiting >= self.queue_size:
                raise BusyError(self.retry_after_s * (self._waiting + 1))
            self._waiting += 1
        try:
            acquired = self._lock.acquire(timeout=self.timeout_s)
        finally:
            with self._state:
                self._waiting -= 1
        if not acquired:
            raise BusyError(self.retry_after_s)
        try:
            yield
        finally:
            self._lock.release()
