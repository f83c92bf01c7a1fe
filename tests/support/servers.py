"""Start real servers on free loopback ports for tests, and stop them after."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from assistant.testing import stop_process


@contextlib.contextmanager
def running(
    command: Sequence[str],
    ready_url: str,
    log: Path,
    timeout_s: float = 120,
    env: dict[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` (with `env` added to the environment) until `ready_url` answers 200;
    terminate it on exit."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            list(command),
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"{command[0]} exited: {log.read_text()[-2000:]}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(ready_url, timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{ready_url} not ready: {log.read_text()[-2000:]}")
                time.sleep(0.3)
            yield proc
        finally:
            stop_process(proc, 20)
