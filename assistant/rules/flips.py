"""What would change it: the nearest requirement changes that give another verdict.

The rules are explored, not restated: each candidate change is decided by the same function.
Dimensions are the framework's own (target, place, power, batch, model, workload). Ordered
ones (resolution, duration, volume) step to the nearest value across a threshold the rules
use, so no smaller change on that dimension flips; categorical ones try their alternatives.

Hard constraints are facts about the world, not choices: a stated `offline=true` (no network
there), `battery_powered=true` (the device has a battery) and a stated power budget. They are
reported as `constraints` and never offered as flips. A heavy target that no single change
fixes gets one joint resolution-and-duration change (shrink the job).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from assistant.rules.requirements import Requirements
from assistant.rules.verdict import Change, Decision, Flip

MAX_FLIPS = 3
RESOLUTIONS = ("480p", "720p", "1080p", "2k", "4k", "8k")
DEPLOYMENTS = ("cloud", "datacenter", "edge", "mobile")
WORKLOADS = ("inference", "training", "both")
DURATION_EDGES = (30, 300)  # the professional "30 s and longer" and the heavy "5 minutes"
UNSTATED_DURATIONS = (10, 30, 300)  # a short clip, a professional length, a long video
VOLUME_EDGE = 10_000  # the data-center "tens of thousands a day"
DEVICE_WATTS = 10.0
# In the order a tie is broken: the target first, the place, the batch, the model, the facts.
DIMENSIONS = (
    "resolution",
    "duration_seconds",
    "deployment",
    "workload",
    "videos_per_day",
    "templated",
    "cuda_only_model",
    "experimental_model",
    "offline",
    "battery_powered",
    "power_budget_watts",
)
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "resolution": ("resolution", "分辨率"),
    "duration_seconds": ("duration", "时长"),
    "fps": ("fps", "帧率"),
    "deployment": ("deployment", "运行位置"),
    "workload": ("workload", "任务"),
    "videos_per_day": ("videos per day", "每日数量"),
    "templated": ("standardized templates", "标准化模板"),
    "interactive_edits": ("edits during generation", "生成中途调整"),
    "complex_motion": ("complex motion", "复杂动态"),
    "realtime": ("real time", "实时"),
    "power_budget_watts": ("power budget", "功耗上限"),
    "battery_powered": ("battery-powered", "电池供电"),
    "offline": ("offline", "离线运行"),
    "cuda_only_model": ("CUDA-only model", "仅支持CUDA"),
    "experimental_model": ("experimental model", "实验性模型"),
    "cost_priority": ("cost matters most", "成本优先"),
    "preferred_hardware": ("preferred hardware", "指定硬件"),
}
_VALUES_ZH = {
    "cloud": "云端",
    "datacenter": "数据中心",
    "edge": "边缘设备",
    "mobile": "手机",
    "inference": "推理",
    "training": "训练",
    "both": "训练和推理",
}
_UNITS = {"duration_seconds": " s", "power_budget_watts": " W"}
Decide = Callable[[Requirements], Decision]
Candidate = tuple[int, Any]  # (steps away, value)


def constraints(req: Requirements) -> list[str]:
    """The stated hard constraints: fields no flip may change."""
    held = [req.offline is True, req.battery_powered is True, req.power_budget_watts is not None]
    names = ("offline", "battery_powered", "power_budget_watts")
    return [name for name, on in zip(names, held, strict=True) if on]


def candidates(field: str, value: Any) -> list[Candidate]:
    """The values to try for a field, nearest first: those across the rules' thresholds."""
    if field == "resolution":
        here = RESOLUTIONS.index(value) if value else -1
        others = [(abs(i - here), i, r) for i, r in enumerate(RESOLUTIONS) if r != value]
        return [(steps, r) for steps, _, r in sorted(others)]
    if field == "duration_seconds":
        if value is None:
            return [(i + 1, d) for i, d in enumerate(UNSTATED_DURATIONS)]
        up = [edge for edge in DURATION_EDGES if edge > value]
        down = [edge - 1 for edge in reversed(DURATION_EDGES) if edge <= value]
        ranked = [(i + 1, d) for i, d in enumerate(up)] + [(i + 1, d) for i, d in enumerate(down)]
        return sorted(ranked, key=lambda c: (abs(c[1] - value), c[1]))
    if field == "videos_per_day":
        after = VOLUME_EDGE - 1 if value is not None and value >= VOLUME_EDGE else VOLUME_EDGE
        return [(1, after)]
    if field == "power_budget_watts":
        return [(1, DEVICE_WATTS)]
    if field == "deployment":
        return [(1, d) for d in DEPLOYMENTS if d != value]
    if field == "workload":
        same = value or "inference"  # unstated, the workload decides exactly like inference
        return [(1, w) for w in WORKLOADS if w != same]
    return [(1, flag) for flag in (True, False) if flag is not value]


def changed_outcome(decision: Decision, other: Decision) -> bool:
    """True if `other` has a verdict and it is not `decision`'s."""
    return other.verdict is not None and other.verdict != decision.verdict


def nearest_flips(req: Requirements, decision: Decision, decide: Decide) -> list[Flip]:
    """At most MAX_FLIPS nearest changes that give another verdict (none while undecided)."""
    if decision.verdict is None and not decision.infeasible:
        return []
    fixed = constraints(req)
    found: list[tuple[int, int, Flip]] = []
    for priority, field in enumerate(DIMENSIONS):
        if field in fixed:
            continue
        for steps, value in candidates(field, getattr(req, field)):
            update = {field: value}
            if flip := _flip(req, decision, decide, update):
                found.append((steps, priority, flip))
                break
    target = {"resolution", "duration_seconds"}
    if not target & {change.field for _, _, f in found for change in f.changes}:
        found.extend(_joint_target(req, decision, decide))
    found.sort(key=lambda item: (item[0], item[1]))
    return [flip for _, _, flip in found[:MAX_FLIPS]]


def _joint_target(
    req: Requirements, decision: Decision, decide: Decide
) -> Iterator[tuple[int, int, Flip]]:
    """The smallest joint resolution and duration change that flips, if any."""
    pairs = [
        (rs + ds, r, d)
        for rs, r in candidates("resolution", req.resolution)
        for ds, d in candidates("duration_seconds", req.duration_seconds)
    ]
    for steps, resolution, duration in sorted(
        pairs, key=lambda p: (p[0], RESOLUTIONS.index(p[1]), p[2])
    ):
        update = {"resolution": resolution, "duration_seconds": duration}
        if flip := _flip(req, decision, decide, update):
            yield steps, 0, flip
            return


def _flip(
    req: Requirements, decision: Decision, decide: Decide, update: dict[str, Any]
) -> Flip | None:
    other = decide(req.model_copy(update=update))
    if other.verdict is None or not changed_outcome(decision, other):
        return None
    changes = [Change(field=f, before=getattr(req, f), after=v) for f, v in update.items()]
    section = other.reasons[0].section_id if other.reasons else "summary"
    return Flip(
        changes=changes,
        verdict=other.verdict,
        section_id=section,
        text=flip_text(changes, other.verdict, "en"),
        text_zh=flip_text(changes, other.verdict, "zh"),
    )


def value_words(field: str, value: Any, lang: str) -> str:
    """A value in words: "yes"/"是", "299 s", "10 W", "720p", "mobile"/"手机"."""
    zh = lang == "zh"
    if value is None:
        return "未说明" if zh else "not stated"
    if isinstance(value, bool):
        return ("是" if value else "否") if zh else ("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if zh and isinstance(value, str):
        return _VALUES_ZH.get(value, value)
    return f"{value}{_UNITS.get(field, '')}"


def field_words(field: str, lang: str) -> str:
    """A field's name in words, in English or Chinese."""
    en, zh = FIELD_NAMES.get(field, (field, field))
    return zh if lang == "zh" else en


def flip_text(changes: list[Change], verdict: str, lang: str) -> str:
    """'resolution: 4k → 2k gives NPU' or '分辨率：4k → 2k，结论变为 NPU'."""
    zh = lang == "zh"
    colon, join = ("：", "；") if zh else (": ", "; ")
    parts = [
        f"{field_words(c.field, lang)}{colon}{value_words(c.field, c.before, lang)} → "
        f"{value_words(c.field, c.after, lang)}"
        for c in changes
    ]
    tail = f"，结论变为 {verdict}" if zh else f" gives {verdict}"
    return join.join(parts) + tail
