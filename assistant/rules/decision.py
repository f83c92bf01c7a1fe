"""The GPU/NPU framework as a pure function: requirements in, a cited verdict out.

Rules in precedence order; the first that applies sets the verdict, later facts only add
reasons (which always argue for the verdict), warnings (the other side, with the way out) or
assumptions (unknowns taken for granted):

1. Heavy target (4k/8k, or 300 s and longer): NPUs lack the parallel compute (a 10-minute video
   may need several hours), so GPU, with no NPU inference either. On a phone, edge device or
   battery/power-limited device the GPU must stay off the device: the GPUs are cloud GPUs and
   the video is delivered (a network is assumed when `offline` is unknown). Offline, with the
   videos generated on the device, no hardware fits: `infeasible`, no verdict, and the two
   ways out (shrink the job for the device's NPU; get a network and use cloud GPUs).
2. Power-limited device (deployment mobile or edge; with no server named, battery-powered or a
   power budget of 10 W or less): NPU, mandatory. A CUDA-only or experimental model, complex
   motion and mid-generation edits become warnings with the way out. Training happens off the
   device on GPUs: workload training is GPU (the device's NPU is a warning), both is GPU+NPU.
3. Standardized batch: the data-center split needs tens of thousands of videos a day stated,
   plus fixed templates or a server; the missing third fact is assumed. GPU+NPU: GPUs train
   and preprocess, NPUs run the inference (it can save 30-50 % energy); a CUDA-only or
   experimental model keeps it all on GPUs for now (warned: port the inference later).
   Templates or volume stated but the batch still open: no verdict, ask for the place and the
   volume (a CUDA-only or experimental model is GPU either way, rule 4).
4. GPU signals: interactive edits, complex motion, an experimental or CUDA-only model,
   training, or (on a known server) a professional target of 1080p+ and 30 s+: GPU, assuming
   servers when no place is named and no large standardized batch when nothing says so.
5. A server (cloud or datacenter) with the target or the volume known: GPU, the default.
   A power cap on a server constrains a server, not a device: the server rules apply, and a
   device-sized cap is warned about (the framework counts server power as the electricity bill).
6. Otherwise no verdict: `needs` lists the missing fields, most important first.

Why this order: physical limits (NPU throughput, battery and power) cannot be engineered
away; the deployment rules out whole classes of hardware; lock-in and immature models cost
weeks of porting, a trade-off worth warning about; cost only shows which way a batch leans.

What "decided" means: a verdict, or `infeasible`, rests on the stated fields plus the fields
its assumptions name (`Text.assumes`); filling in any other unknown never changes it. A
verdict always comes with empty `needs`; assumptions lower the confidence (FIRM_CONFIDENCE).
The workload is the one exception by design: unstated, it means generating videos and decides
exactly like `inference`; training is another job, with its own verdict.
"""

from __future__ import annotations

from typing import Literal

from assistant.rules import device_rules, flips
from assistant.rules.device_rules import (
    DEVICE_POWER_WATTS,
    SERVERS,
    SHORT_CLIP_SECONDS,
    is_on_device,
    tight,
)
from assistant.rules.requirements import Requirements
from assistant.rules.verdict import (
    FIRM_CONFIDENCE,
    NEED_PROMPTS,
    SECTION_IDS,
    Decision,
    Draft,
    Finding,
    Flip,
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
    "BatchState",
    "Decision",
    "Finding",
    "Flip",
    "ScenarioId",
    "Verdict",
    "batch_state",
    "decide_only",
    "is_batch",
    "is_heavy",
    "is_on_device",
    "recommend_hardware",
]

LONG_VIDEO_SECONDS = 300  # "5 minutes and more": from here on an NPU is too slow
BATCH_VIDEOS_PER_DAY = 10_000  # "tens of thousands a day" in the data-center scenario
PROFESSIONAL_SECONDS = 30  # the professional scenario's "30 s and longer"
_HEAVY = ("4k", "8k")
BatchState = Literal["yes", "open", "no"]


def recommend_hardware(requirements: Requirements) -> Decision:
    """Recommend GPU, NPU or GPU+NPU for AI video generation; pass only what the user said."""
    decision = decide_only(requirements)
    update = {
        "flips": flips.nearest_flips(requirements, decision, decide_only),
        "constraints": flips.constraints(requirements),
    }
    return decision.model_copy(update=update)


def decide_only(requirements: Requirements) -> Decision:
    """The rules' Decision without what would change it (the flips explore with this)."""
    req, draft = requirements, Draft()
    batch = batch_state(req)
    if is_heavy(req):
        _heavy(req, draft)
    elif is_on_device(req):
        device_rules.device(req, draft)
    elif batch == "yes":
        _batch(req, draft)
    elif batch == "open" and not _model_locked(req):
        draft.needs = [n for n in ("deployment", "videos_per_day") if getattr(req, n) is None]
    elif _gpu_signals(req, draft):
        draft.verdict = "GPU"
        _assume_server(req, draft)
        _assume_no_batch(req, draft)
    elif req.deployment in SERVERS and _target_or_volume_known(req):
        _server_default(req, draft)
    else:
        draft.needs = _missing(req)
    _closing_notes(req, draft)
    return draft.finish(req)


def is_heavy(req: Requirements) -> bool:
    """4K/8K, or 5 minutes and longer: too much for an NPU."""
    long = req.duration_seconds is not None and req.duration_seconds >= LONG_VIDEO_SECONDS
    return req.resolution in _HEAVY or long


def batch_state(req: Requirements) -> BatchState:
    """The data-center batch: "yes" (volume stated, plus templates or a server), "open", "no"."""
    volume = req.videos_per_day
    if req.templated is False or (volume is not None and volume < BATCH_VIDEOS_PER_DAY):
        return "no"
    if volume is not None and (req.templated or req.deployment in SERVERS):
        return "yes"
    return "open" if volume is not None or req.templated else "no"


def is_batch(req: Requirements) -> bool:
    """Standardized jobs at data-center volume, stated or (for one missing fact) assumed."""
    return batch_state(req) == "yes"


def _model_locked(req: Requirements) -> bool:
    """A CUDA-only or experimental model: GPUs for now, whatever the volume."""
    return bool(req.cuda_only_model or req.experimental_model)


def _heavy_target(req: Requirements) -> dict[str, str]:
    """The heavy target in words, e.g. target="8K video of 10 min", target_zh="10分钟的8K视频"."""
    res = (req.resolution or "").upper() if req.resolution in _HEAVY else ""
    seconds = req.duration_seconds or 0
    minutes = round(seconds / 60, 1)
    length = (f"{minutes:g} min", f"{minutes:g}分钟")
    if seconds < 60:
        length = (f"{seconds} s", f"{seconds}秒")
    if res and seconds:
        return {"target": f"{res} video of {length[0]}", "target_zh": f"{length[1]}的{res}视频"}
    if res:
        return {"target": f"{res} video", "target_zh": f"{res}视频"}
    return {"target": f"A {length[0]} video", "target_zh": f"{length[1]}的视频"}


def _heavy(req: Requirements, d: Draft) -> None:
    device = is_on_device(req)
    if device and req.offline and req.workload != "training":
        device_rules.infeasible(req, d, _heavy_target(req))
        return
    d.verdict, d.scenario, d.base = "GPU", "scenario.professional", 0.95
    d.reason("heavy.npu_too_slow", **_heavy_target(req))
    d.reason("heavy.professional")
    if device:
        d.base -= 0.1  # a conflict: neither chip fits on the device itself
        d.warn("heavy.device_npu")
        if req.offline:  # training only: the GPUs train elsewhere, the model cannot run here
            d.warn("heavy.device_gpu_offline")
            d.warn("heavy.train_offline")
        else:
            d.warn("heavy.device_gpu")
            if req.offline is None:
                d.assume("heavy.online_assumed")
        if req.deployment is None:
            d.assume("device.unplaced")
    else:
        if req.deployment is None:
            d.assume("heavy.unplaced_offline" if req.offline else "heavy.unplaced")
        if batch_state(req) != "no":
            d.warn("heavy.batch")
    if req.cost_priority:
        d.warn("heavy.cost")
    _gpu_signals(req, d)


def _batch(req: Requirements, d: Draft) -> None:
    if _model_locked(req):
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
    if req.resolution is None or req.duration_seconds is None:
        d.assume("batch.target_unknown")
    if req.templated is None:
        d.assume("batch.templated_unknown")
    if req.cuda_only_model is None or req.experimental_model is None:
        d.assume("batch.model_unknown")
    _assume_server(req, d)


def _gpu_signals(req: Requirements, d: Draft) -> bool:
    """Add a reason for each fact that points to a GPU; True if there was any."""
    before = len(d.reasons)
    professional = req.deployment in SERVERS and _professional_target(req)
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


def _assume_no_batch(req: Requirements, d: Draft) -> None:
    """A batch would add NPU inference, unless the model keeps everything on GPUs anyway."""
    if req.templated is None and req.videos_per_day is None and not _model_locked(req):
        d.assume("server.batch_unknown")


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
    if req.deployment in SERVERS:
        order = ["resolution", "duration_seconds", "videos_per_day"]
    return [name for name in order if getattr(req, name) is None]


def _closing_notes(req: Requirements, d: Draft) -> None:
    """Warnings that hold whichever rule decided: a server's client or cap, a preference."""
    server = req.deployment in SERVERS
    gpu = d.verdict is not None and "GPU" in d.verdict
    if gpu and server and req.battery_powered and not d.cites("pitfall.gpu-on-device"):
        d.warn("close.battery_client")
    if d.verdict and server and tight(req):
        d.warn("server.power_cap", watts=f"{req.power_budget_watts:g}")
    wanted = req.preferred_hardware
    if d.verdict and wanted and wanted not in d.verdict and d.reasons:
        first = d.reasons[0]
        d.warn(
            "close.preferred",
            section=first.section_id,
            wanted=wanted,
            verdict=d.verdict,
            first=first.text,
            first_zh=first.text_zh,
        )
