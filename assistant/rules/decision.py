"""The GPU/NPU framework as a pure function: requirements in, a cited verdict out.

Rules in precedence order; the first that applies sets the verdict, later facts only add
reasons, warnings (trade-offs, with the way out) or assumptions (unknowns taken for granted):

1. Heavy target (4k/8k, or 300 s and longer): NPUs lack the parallel compute (a 10-minute video
   could take hours), so GPU, with no NPU inference either. On a phone, edge device or
   battery/power-limited device the GPU must not run on the device: generate on cloud GPUs
   and deliver the video (both pitfalls are warned; offline, shrink the target instead).
2. Power-limited device (deployment mobile or edge; battery-powered when not on a server; a
   power budget of 10 W or less): NPU, mandatory. A CUDA-only or experimental model, complex
   motion and mid-generation edits become warnings with the way out (port the model, or
   offload that part to a GPU server); training happens off the device on GPUs (workload
   training: GPU; both: GPU+NPU).
3. Standardized batch (fixed templates and tens of thousands of videos a day): GPU+NPU, GPUs
   train and preprocess, NPUs run the inference (30-50 % less energy); a CUDA-only or
   experimental model keeps it all on GPUs for now (warned: port the inference later).
4. GPU signals: interactive edits, complex motion, an experimental or CUDA-only model,
   training, or (on a known server) a professional target of 1080p+ and 30 s+: GPU.
5. A server (cloud or datacenter) with the target or the volume known: GPU, the flexible
   default, assuming no large standardized batch when the volume is unknown.
6. Otherwise no verdict: `needs` lists the missing fields, most important first.

Why this order: physical limits (NPU throughput, battery and power) cannot be engineered
away; the deployment rules out whole classes of hardware; lock-in and immature models cost
weeks of porting, a trade-off worth warning about; cost only shows which way a batch leans.
A verdict always comes with empty `needs`; unknown nice-to-haves become assumptions and lower
the confidence instead (see FIRM_CONFIDENCE).
"""

from __future__ import annotations

from assistant.rules.requirements import Requirements
from assistant.rules.verdict import (
    FIRM_CONFIDENCE,
    NEED_PROMPTS,
    SECTION_IDS,
    Decision,
    Draft,
    Finding,
    ScenarioId,
    Verdict,
)

__all__ = [
    "BATCH_VIDEOS_PER_DAY",
    "DEVICE_POWER_WATTS",
    "FIRM_CONFIDENCE",
    "LONG_VIDEO_SECONDS",
    "NEED_PROMPTS",
    "PROFESSIONAL_SECONDS",
    "SECTION_IDS",
    "SHORT_CLIP_SECONDS",
    "Decision",
    "Finding",
    "ScenarioId",
    "Verdict",
    "is_batch",
    "is_heavy",
    "is_on_device",
    "recommend_hardware",
]

LONG_VIDEO_SECONDS = 300  # "5 minutes and more": from here on an NPU is too slow
DEVICE_POWER_WATTS = 10.0  # edge NPUs draw under 10 W; a budget this small fits no GPU
BATCH_VIDEOS_PER_DAY = 10_000  # "tens of thousands a day" in the data-center scenario
SHORT_CLIP_SECONDS = 10  # what phone and edge NPUs are built for
PROFESSIONAL_SECONDS = 30  # the professional scenario's "30 s and longer"
_SERVERS = ("cloud", "datacenter")
_HEAVY = ("4k", "8k")


def recommend_hardware(requirements: Requirements) -> Decision:
    """Recommend GPU, NPU or GPU+NPU for AI video generation; pass only what the user said."""
    req, draft = requirements, Draft()
    if is_heavy(req):
        _heavy(req, draft)
    elif is_on_device(req):
        _device(req, draft)
    elif is_batch(req):
        _batch(req, draft)
    elif _gpu_signals(req, draft):
        draft.verdict = "GPU"
        _assume_server(req, draft)
    elif req.deployment in _SERVERS and _target_or_volume_known(req):
        _server_default(req, draft)
    else:
        draft.needs = _missing(req)
    _closing_notes(req, draft)
    return draft.finish(req)


def is_heavy(req: Requirements) -> bool:
    """4K/8K, or 5 minutes and longer: too much for an NPU."""
    long = req.duration_seconds is not None and req.duration_seconds >= LONG_VIDEO_SECONDS
    return req.resolution in _HEAVY or long


def is_on_device(req: Requirements) -> bool:
    """Generation on a phone or edge device, on battery, or within a device-sized power budget."""
    tight = req.power_budget_watts is not None and req.power_budget_watts <= DEVICE_POWER_WATTS
    battery = bool(req.battery_powered) and req.deployment not in _SERVERS
    return req.deployment in ("mobile", "edge") or tight or battery


def is_batch(req: Requirements) -> bool:
    """Standardized jobs at data-center volume; one unknown half counts as yes (assumed)."""
    if req.templated is None and req.videos_per_day is None:
        return False
    volume_ok = req.videos_per_day is None or req.videos_per_day >= BATCH_VIDEOS_PER_DAY
    return req.templated is not False and volume_ok


def _heavy_target(req: Requirements) -> tuple[str, str]:
    """The heavy target in words, e.g. ("8K video of 10 min", "10分钟的8K视频")."""
    res = (req.resolution or "").upper() if req.resolution in _HEAVY else ""
    seconds = req.duration_seconds or 0
    minutes = round(seconds / 60, 1)
    length = (f"{minutes:g} min", f"{minutes:g}分钟")
    if seconds < 60:
        length = (f"{seconds} s", f"{seconds}秒")
    if res and seconds:
        return f"{res} video of {length[0]}", f"{length[1]}的{res}视频"
    if res:
        return f"{res} video", f"{res}视频"
    return f"A {length[0]} video", f"{length[1]}的视频"


def _heavy(req: Requirements, d: Draft) -> None:
    d.verdict, d.scenario, d.base = "GPU", "scenario.professional", 0.95
    target, target_zh = _heavy_target(req)
    d.reason("heavy.npu_too_slow", target=target, target_zh=target_zh)
    d.reason("heavy.professional")
    if is_on_device(req):
        d.base -= 0.1  # a conflict: neither chip fits on the device itself
        d.warn("heavy.device_npu")
        d.warn("heavy.device_gpu_offline" if req.offline else "heavy.device_gpu")
        if req.offline:
            d.base -= 0.2
            d.warn("heavy.offline")
    elif req.deployment is None:
        d.assume("heavy.unplaced")
    if is_batch(req) and not is_on_device(req):
        d.warn("heavy.batch")
    if req.cost_priority:
        d.warn("heavy.cost")
    _gpu_signals(req, d)


def _device(req: Requirements, d: Draft) -> None:
    d.base = 0.95
    # Training never runs on the device: it moves to GPU servers, inference stays on the NPU.
    d.verdict = "GPU" if req.workload == "training" else "NPU"
    if req.workload == "both":
        d.verdict = "GPU+NPU"
    if d.verdict != "GPU" and req.deployment in ("mobile", "edge"):
        d.scenario = "scenario.mobile" if req.deployment == "mobile" else "scenario.edge"
    if req.deployment in ("mobile", "edge"):
        d.reason(f"device.{req.deployment}")
    watts = req.power_budget_watts
    if watts is not None and watts <= DEVICE_POWER_WATTS:
        d.reason("device.watts", watts=f"{watts:g}")
        if req.deployment in _SERVERS:
            d.warn("device.watts_on_server", watts=f"{watts:g}")
    if d.verdict == "GPU":
        d.warn("device.train_off_device")
    else:
        d.reason("device.npu_only_choice")
    if req.workload in ("training", "both"):
        d.reason("device.training")
    _device_limits(req, d)


def _device_limits(req: Requirements, d: Draft) -> None:
    """Warnings for what the device's NPU handles poorly, each with the way out."""
    res, long = req.resolution, (req.duration_seconds or 0) > SHORT_CLIP_SECONDS
    if req.deployment == "edge" and (res in ("1080p", "2k") or long):
        d.warn("limits.edge_target")
    elif req.deployment in ("mobile", None) and (res == "2k" or long):
        d.warn("limits.mobile_target")
    if req.fps is not None and req.fps > 30:
        d.warn("limits.fps", fps=req.fps)
    if req.cuda_only_model:
        d.base -= 0.1  # lock-in against a hard power limit: the limit wins, at a price
        d.warn("limits.cuda_offline" if req.offline else "limits.cuda")
    if req.experimental_model:
        d.base -= 0.1
        d.warn("limits.experimental")
    if req.interactive_edits or req.complex_motion:
        d.warn("limits.motion")
    if req.deployment == "edge" and (req.offline or req.realtime):
        d.reason("limits.edge_local")
    if req.deployment == "mobile" and req.cost_priority:
        d.reason("limits.mobile_cost")
    if res is None or req.duration_seconds is None:
        d.assume("limits.target_unknown")


def _batch(req: Requirements, d: Draft) -> None:
    if req.cuda_only_model or req.experimental_model:
        d.verdict = "GPU"
        _gpu_signals(req, d)
        d.warn("batch.port_later")
        _assume_server(req, d)
        return
    d.verdict, d.scenario = "GPU+NPU", "scenario.datacenter"
    d.reason("batch.split")
    d.reason("batch.energy")
    if req.workload in ("training", "both"):
        d.reason("batch.training")
    if req.complex_motion:
        d.reason("batch.keyframes")
    if req.interactive_edits:
        d.base -= 0.1
        d.warn("batch.interactive")
    if req.resolution is None and req.duration_seconds is None:
        d.assume("batch.target_unknown")
    if req.videos_per_day is None:
        d.assume("batch.volume_unknown")
    if req.templated is None:
        d.assume("batch.templated_unknown")
    _assume_server(req, d)


def _gpu_signals(req: Requirements, d: Draft) -> bool:
    """Add a reason for each fact that points to a GPU; True if there was any."""
    before = len(d.reasons)
    professional = req.deployment in _SERVERS and _professional_target(req)
    pro = req.interactive_edits or req.complex_motion or professional
    if pro and not d.cites("scenario.professional"):
        d.scenario = d.scenario or "scenario.professional"
        d.reason("gpu.professional")
    if req.experimental_model:
        d.scenario = d.scenario or "scenario.experimental"
        d.reason("gpu.experimental")
    if req.cuda_only_model:
        d.reason("gpu.cuda")
    if req.workload in ("training", "both"):
        d.reason("gpu.training")
    return len(d.reasons) > before


def _professional_target(req: Requirements) -> bool:
    big = req.resolution in ("1080p", "2k", "4k", "8k")
    return big and (req.duration_seconds or 0) >= PROFESSIONAL_SECONDS


def _assume_server(req: Requirements, d: Draft) -> None:
    if req.deployment is None:
        d.assume("placed.server")


def _server_default(req: Requirements, d: Draft) -> None:
    d.verdict, d.base = "GPU", 0.8
    d.reason("server.default")
    if req.templated is None and req.videos_per_day is None:
        d.assume("server.batch_unknown")
    elif req.cost_priority:
        d.warn("server.cost")


def _target_or_volume_known(req: Requirements) -> bool:
    known = (req.resolution, req.duration_seconds, req.templated, req.videos_per_day)
    return any(value is not None for value in known)


def _missing(req: Requirements) -> list[str]:
    """The fields to ask for, most important first."""
    order = ["deployment", "resolution", "duration_seconds"]
    if req.deployment in _SERVERS:
        order = ["resolution", "duration_seconds", "videos_per_day"]
    return [name for name in order if getattr(req, name) is None]


def _closing_notes(req: Requirements, d: Draft) -> None:
    """Warnings that hold whichever rule decided: a client on battery, a stated preference."""
    gpu = d.verdict is not None and "GPU" in d.verdict
    client = bool(req.battery_powered) and req.deployment in _SERVERS and not is_on_device(req)
    if gpu and client and not d.cites("pitfall.gpu-on-device"):
        d.warn("close.battery_client")
    wanted = req.preferred_hardware
    if d.verdict and wanted and wanted not in d.verdict and d.reasons:
        first = d.reasons[0]
        d.warnings.append(
            Finding(
                text=f"You asked for {wanted}, but {d.verdict} fits this job: {first.text}",
                text_zh=f"你希望使用{wanted},但这个任务应选择{d.verdict}:{first.text_zh}",
                section_id=first.section_id,
            )
        )
