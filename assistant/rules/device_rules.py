"""Rule 2 and the infeasible end of rule 1: generation on a phone, edge or power-limited device."""

from __future__ import annotations

from assistant.rules.requirements import Requirements
from assistant.rules.verdict import Draft

DEVICE_POWER_WATTS = 10.0  # edge NPUs usually draw under 10 W: a budget up to this is device-sized
SHORT_CLIP_SECONDS = 10  # phones: 10 s or less; the edge's "a few seconds" read as the same
SERVERS = ("cloud", "datacenter")
DEVICES = ("mobile", "edge")


def is_on_device(req: Requirements) -> bool:
    """Generation on a phone or edge device, or (no server named) on battery or a tight budget."""
    if req.deployment in SERVERS:
        return False  # a server's battery or power cap belongs to a client or the server itself
    return req.deployment in DEVICES or tight(req) or bool(req.battery_powered)


def tight(req: Requirements) -> bool:
    """A power budget of 10 W or less: device-sized."""
    return req.power_budget_watts is not None and req.power_budget_watts <= DEVICE_POWER_WATTS


def infeasible(req: Requirements, d: Draft, target: dict[str, str]) -> None:
    """Pitfall 1 needs GPUs, pitfall 2 keeps them off the device, offline rules out the cloud."""
    d.infeasible = True
    d.reason("heavy.npu_too_slow", **target)
    d.reason("infeasible.no_device_gpu")
    d.reason("infeasible.offline")
    d.warn("infeasible.shrink")
    d.warn("infeasible.cloud")
    if req.deployment is None:
        d.assume("device.unplaced")


def device(req: Requirements, d: Draft) -> None:
    """Rule 2: the NPU on the device; training moves to GPUs off the device."""
    d.base = 0.95
    if req.workload == "training":
        # Training never runs on the device: GPUs train it elsewhere, the NPU is the device's.
        d.verdict = "GPU"
        d.reason("device.training")
        d.warn("device.train_off_device")
    else:
        d.verdict = "GPU+NPU" if req.workload == "both" else "NPU"
        if req.deployment in DEVICES:
            d.scenario = "scenario.mobile" if req.deployment == "mobile" else "scenario.edge"
            d.reason(f"device.{req.deployment}")
        if tight(req):
            d.reason("device.watts", watts=f"{req.power_budget_watts:g}")
        d.reason("device.npu_only_choice")
        if req.workload == "both":
            d.reason("device.training")
    if req.deployment is None:
        d.assume("device.unplaced")
    device_limits(req, d)


def device_limits(req: Requirements, d: Draft) -> None:
    """Warnings for what the device's NPU handles poorly, each with the way out."""
    res, long = req.resolution, (req.duration_seconds or 0) > SHORT_CLIP_SECONDS
    offline = "_offline" if req.offline else ""
    if req.deployment == "edge" and (res in ("1080p", "2k") or long):
        d.warn(f"limits.edge_target{offline}")
    elif req.deployment in ("mobile", None) and (res == "2k" or long):
        d.warn(f"limits.mobile_target{offline}")
    if req.fps is not None and req.fps > 30:
        d.warn("limits.fps", fps=req.fps)
    if req.cuda_only_model:
        d.base -= 0.1  # lock-in against a hard power limit: the limit wins, at a price
        d.warn(f"limits.cuda{offline}")
    if req.experimental_model:
        d.base -= 0.1
        d.warn("limits.experimental")
    if req.interactive_edits or req.complex_motion:
        d.warn(f"limits.motion{offline}")
    if req.workload == "training":
        return  # the rest argues for the device's NPU, which is not what is being chosen
    if req.deployment == "edge" and (req.offline or req.realtime):
        d.reason("limits.edge_local")
    if req.deployment == "mobile" and req.cost_priority:
        d.reason("limits.mobile_cost")
    if res is None or req.duration_seconds is None:
        d.assume(f"limits.target_unknown{offline}")
