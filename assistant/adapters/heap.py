"""glibc's allocator, told to give freed memory back, so a server's RSS tracks what it uses."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
MMAP_THRESHOLD = 1 << 20
ARENAS = 2


@functools.cache
def return_freed_memory() -> bool:
    """Fix the mmap threshold at 1 MiB and use two arenas (no-op where libc is not glibc).

    glibc raises its mmap threshold after each large free (up to 32 MB), so the prompt
    states, ingest batches and request buffers that follow land in heap arenas that never
    shrink, one arena per thread: a server grew ~500 MB over an ingest and kept it.
    """
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_ARENA_MAX, ARENAS))
