"""Absolute floors of the gate: the least a run must reach, whatever the baseline says.

The baseline comparison catches a drop; a floor catches a level that is too low to ship, and
a baseline refreshed on a bad run cannot lower it (floors live here, not in baseline.json, so
`--update-baseline` never moves them). A metric with no value in a run (no case it applies
to) is not checked against its floor.
"""

from __future__ import annotations

from collections.abc import Mapping

FLOORS: Mapping[str, float] = {
    "case_pass_rate": 0.95,
    "verdict_accuracy": 0.98,
    "robustness": 1.0,
    "decline_correctness": 1.0,
}


def floor_of(metric: str) -> float | None:
    """The metric's floor, None when it has none (every floor is for a higher-is-better rate)."""
    return FLOORS.get(metric)


def floored(metric: str, limit: float | None) -> float | None:
    """The gate's limit with the floor applied: the stricter of the two."""
    floor = floor_of(metric)
    if floor is None:
        return limit
    return floor if limit is None else max(limit, floor)


def below_floor(metric: str, value: float | None) -> bool:
    """True when the value is under the metric's floor."""
    floor = floor_of(metric)
    return floor is not None and value is not None and value < floor - 1e-9
