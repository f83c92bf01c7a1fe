"""The prompt-state cache counts what it really holds, so the model's memory stays bounded."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from assistant.adapters.chat_models import _state_cache


def _state(kv_bytes: int, logits_rows: int) -> SimpleNamespace:
    return SimpleNamespace(
        llama_state_size=kv_bytes, scores=np.zeros((logits_rows, 1000), dtype=np.float32)
    )


def test_logits_count_against_the_capacity() -> None:
    cache = _state_cache(capacity_bytes=10_000_000)
    for i in range(10):
        cache[(1, 2, i)] = _state(kv_bytes=1_000_000, logits_rows=1000)  # 1 MB + 4 MB each
    assert len(cache.cache_state) == 2
    assert cache.cache_size <= 10_000_000
    assert (1, 2, 9) in cache.cache_state and (1, 2, 0) not in cache.cache_state


def test_the_longest_prefix_is_found() -> None:
    cache = _state_cache(capacity_bytes=100_000_000)
    cache[(1, 2, 3)] = _state(10, 1)
    cache[(7, 8)] = _state(10, 1)
    assert cache[(1, 2, 3, 4, 5)] is cache.cache_state[(1, 2, 3)]
