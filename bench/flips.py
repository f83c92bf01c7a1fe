"""How long a Decision with its flips takes, p50/p95 (no model): `python -m bench.flips`."""

from __future__ import annotations

import itertools
import statistics
import time

from assistant.rules.decision import recommend_hardware
from assistant.rules.requirements import Requirements

BUDGET_MS = 20.0


def main() -> None:
    """Decide every combination of target, place and batch; print p50/p95 in milliseconds."""
    grid = itertools.product(
        (None, "720p", "1080p", "4k"),
        (None, 10, 120, 600),
        (None, "cloud", "datacenter", "edge", "mobile"),
        (None, 20_000),
        (None, True),
    )
    times = []
    for resolution, duration, deployment, volume, offline in grid:
        req = Requirements(
            resolution=resolution,
            duration_seconds=duration,
            deployment=deployment,
            videos_per_day=volume,
            offline=offline,
        )
        start = time.perf_counter()
        recommend_hardware(req)
        times.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"flips: {len(times)} decisions, p50 {statistics.median(times):.2f} ms, p95 {p95:.2f} ms")
    print("ok" if p95 <= BUDGET_MS else f"over the {BUDGET_MS:g} ms budget")


if __name__ == "__main__":
    main()
