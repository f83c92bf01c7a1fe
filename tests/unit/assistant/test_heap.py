"""Freed memory goes back to the system, so a server's RSS does not keep its peaks."""

from __future__ import annotations

import subprocess
import sys

import pytest

_PROGRAM = """
import sys
from assistant.adapters.heap import return_freed_memory
if sys.argv[1] == "on":
    assert return_freed_memory()
def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
big = b"x" * (16 << 20)  # a large free (under 32 MB): glibc then raises its mmap threshold
del big
blocks = [b"x" * (4 << 20) for _ in range(50)]  # 200 MB in 4 MB pieces
kept = blocks[-1]  # the last piece stays, as a live object would
del blocks[:-1]
print(rss_mb())
"""


def _retained_mb(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc only")
def test_freed_blocks_are_returned_not_kept_in_the_heap() -> None:
    off, on = _retained_mb("off"), _retained_mb("on")
    assert off > 150, off  # without it the heap keeps what was freed below the live piece
    assert on < off - 150, (on, off)
