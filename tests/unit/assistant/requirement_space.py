"""Requirements generated broadly for the decision properties, thresholds included."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from assistant.rules.decision import Decision
from assistant.rules.requirements import Requirements


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _around(edges: list[Any], spread: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The rules' thresholds and their neighbours, or anything in range."""
    return st.sampled_from(edges) | spread


FLAG = _maybe(st.booleans())
RESOLUTIONS = ["480p", "720p", "1080p", "2k", "4k", "8k"]
DEPLOYMENTS = ["cloud", "datacenter", "edge", "mobile"]
SERVERS = ("cloud", "datacenter")
DEVICES = ("mobile", "edge")
REQUIREMENTS = st.builds(
    Requirements,
    resolution=_maybe(st.sampled_from(RESOLUTIONS)),
    duration_seconds=_maybe(
        _around([3, 10, 11, 29, 30, 299, 300, 600], st.integers(min_value=1, max_value=7200))
    ),
    fps=_maybe(st.sampled_from([24, 30, 60, 120])),
    deployment=_maybe(st.sampled_from(DEPLOYMENTS)),
    workload=_maybe(st.sampled_from(["inference", "training", "both"])),
    videos_per_day=_maybe(
        _around([0, 500, 9_999, 10_000, 50_000], st.integers(min_value=0, max_value=200_000))
    ),
    templated=FLAG,
    interactive_edits=FLAG,
    complex_motion=FLAG,
    realtime=FLAG,
    power_budget_watts=_maybe(
        _around([0.5, 5.0, 10.0, 10.5, 300.0], st.floats(min_value=0.1, max_value=2000))
    ),
    battery_powered=FLAG,
    offline=FLAG,
    cuda_only_model=FLAG,
    experimental_model=FLAG,
    cost_priority=FLAG,
    preferred_hardware=_maybe(st.sampled_from(["GPU", "NPU"])),
)

# A few values per field that cross every threshold the rules look at.
CANDIDATES: dict[str, list[Any]] = {
    "resolution": ["720p", "1080p", "4k"],
    "duration_seconds": [5, 30, 299, 300],
    "fps": [30, 60],
    "deployment": DEPLOYMENTS,
    "workload": ["inference", "training", "both"],
    "videos_per_day": [500, 10_000],
    "power_budget_watts": [5.0, 300.0],
    "preferred_hardware": ["GPU", "NPU"],
}
for _name, _field in Requirements.model_fields.items():
    CANDIDATES.setdefault(_name, [True, False])


def with_values(req: Requirements, **values: Any) -> Requirements:
    """The requirements with more fields set."""
    return Requirements.model_validate({**req.known(), **values})


def outcome(decision: Decision) -> tuple[str | None, bool]:
    """What a decision decides: the verdict, and whether no hardware fits."""
    return decision.verdict, decision.infeasible


def heavy(req: Requirements) -> bool:
    """4K/8K or 5 minutes and more, restated from the framework's pitfall 1."""
    return req.resolution in ("4k", "8k") or (req.duration_seconds or 0) >= 300


def on_device(req: Requirements) -> bool:
    """Generated on a phone or edge device, or on battery or ≤ 10 W with no server named."""
    if req.deployment in SERVERS:
        return False
    small = req.power_budget_watts is not None and req.power_budget_watts <= 10
    return req.deployment in DEVICES or bool(req.battery_powered) or small
