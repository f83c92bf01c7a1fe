"""What a video generation job needs, as one frozen model that normalises loose values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from assistant.rules import normalize

Resolution = Literal["480p", "720p", "1080p", "2k", "4k", "8k"]
Deployment = Literal["cloud", "datacenter", "edge", "mobile"]
Workload = Literal["inference", "training", "both"]
Hardware = Literal["GPU", "NPU"]

_FLAGS = (
    "templated",
    "interactive_edits",
    "complex_motion",
    "realtime",
    "battery_powered",
    "offline",
    "cuda_only_model",
    "experimental_model",
    "cost_priority",
)
_PARSERS: dict[str, Callable[[object, str], object]] = {
    "resolution": normalize.parse_resolution,
    "duration_seconds": normalize.parse_duration,
    "fps": normalize.parse_fps,
    "deployment": normalize.parse_deployment,
    "workload": normalize.parse_workload,
    "videos_per_day": normalize.parse_count,
    "power_budget_watts": normalize.parse_watts,
    "preferred_hardware": normalize.parse_hardware,
    **dict.fromkeys(_FLAGS, normalize.parse_bool),
}
# Short names people type on the command line, mapped to field names.
KEY_ALIASES = {
    "res": "resolution",
    "duration": "duration_seconds",
    "length": "duration_seconds",
    "seconds": "duration_seconds",
    "frame_rate": "fps",
    "framerate": "fps",
    "deploy": "deployment",
    "where": "deployment",
    "per_day": "videos_per_day",
    "volume": "videos_per_day",
    "videos": "videos_per_day",
    "template": "templated",
    "standardized": "templated",
    "interactive": "interactive_edits",
    "motion": "complex_motion",
    "real_time": "realtime",
    "power": "power_budget_watts",
    "watts": "power_budget_watts",
    "power_budget": "power_budget_watts",
    "battery": "battery_powered",
    "cuda": "cuda_only_model",
    "cuda_only": "cuda_only_model",
    "experimental": "experimental_model",
    "cost": "cost_priority",
    "prefer": "preferred_hardware",
    "preferred": "preferred_hardware",
}
# Upper bounds of the numeric fields: past them a value is a typo or an attack, not a video job.
LIMITS: dict[str, tuple[float, str]] = {
    "duration_seconds": (86_400, "86400 seconds (24 hours)"),
    "fps": (240, "240 frames per second"),
    "videos_per_day": (1_000_000_000, "1000000000 (10^9) videos per day"),
    "power_budget_watts": (100_000, "100000 W (100 kW)"),
}


def _shown(value: object) -> str:
    """The value as quoted in an error, shortened: a 400-digit number is not echoed whole."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:20]}...({len(text)} characters)"


def _plain_number(value: object) -> object:
    """A JSON number as it is, a string such as "1e309" or "999" as a float; else `value`."""
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").strip())
        except ValueError:
            return value
    return value


def _within_limit(field: str, value: object, parsed: object) -> object:
    """`parsed`, if it is a finite number under the field's limit (NaN and inf are not)."""
    limit, shown = LIMITS.get(field, (None, ""))
    if limit is None or isinstance(parsed, bool) or not isinstance(parsed, int | float):
        return parsed
    if parsed != parsed:  # NaN
        raise ValueError(f"{field} {value!r} is not a number: it must be at most {shown}")
    if parsed > limit:
        raise ValueError(f"{field} {_shown(value)} is too large: it must be at most {shown}")
    return parsed


class Requirements(BaseModel):
    """A video generation job: what is generated, where it runs, and its constraints."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    resolution: Resolution | None = Field(
        default=None,
        description="Output resolution: 480p, 720p, 1080p, 2k, 4k or 8k (UHD = 4k).",
    )
    duration_seconds: int | None = Field(
        default=None,
        le=LIMITS["duration_seconds"][0],
        description="Length of each video in SECONDS (10 s = 10, 2 minutes = 120, 1 hour = 3600).",
    )
    fps: int | None = Field(
        default=None, le=LIMITS["fps"][0], description="Frame rate in frames per second, e.g. 30."
    )
    deployment: Deployment | None = Field(
        default=None,
        description="Where generation runs: cloud, datacenter (server farm), edge (camera, "
        "drone, IoT) or mobile (phone, tablet).",
    )
    workload: Workload | None = Field(
        default=None,
        description="inference (generating videos), training (training or fine-tuning the "
        "model) or both.",
    )
    videos_per_day: int | None = Field(
        default=None,
        le=LIMITS["videos_per_day"][0],
        description="Videos generated per day (tens of thousands = 20000).",
    )
    templated: bool | None = Field(
        default=None,
        description="true if the jobs are standardized, fixed-template batch work (e.g. "
        "e-commerce or news clips).",
    )
    interactive_edits: bool | None = Field(
        default=None,
        description="true if parameters change or keyframes are inserted during generation.",
    )
    complex_motion: bool | None = Field(
        default=None,
        description="true for complex motion: fluid simulation, many interacting characters.",
    )
    realtime: bool | None = Field(
        default=None, description="true if results are needed in real time (live effects)."
    )
    power_budget_watts: float | None = Field(
        default=None,
        le=LIMITS["power_budget_watts"][0],
        description="Power limit of the hardware in watts, e.g. 5 for a camera.",
    )
    battery_powered: bool | None = Field(
        default=None, description="true if the device generating the video runs on battery."
    )
    offline: bool | None = Field(
        default=None, description="true if it must work with no network connection (no cloud)."
    )
    cuda_only_model: bool | None = Field(
        default=None, description="true if the model only runs on CUDA (NVIDIA GPUs)."
    )
    experimental_model: bool | None = Field(
        default=None,
        description="true for a new, unoptimised or unreleased model still being tested.",
    )
    cost_priority: bool | None = Field(
        default=None, description="true if lowering hardware and electricity cost is a main goal."
    )
    preferred_hardware: Hardware | None = Field(
        default=None,
        description="GPU or NPU, only if the user insists on one chip; leave out for "
        "'GPU or NPU?' questions.",
    )

    @field_validator(*_PARSERS, mode="before")
    @classmethod
    def _normalise(cls, value: object, info: ValidationInfo) -> object:
        """Route every loose value (tool call, CLI string, JSON) through the same parser."""
        if normalize.is_blank(value):
            return None
        field = info.field_name or ""
        _within_limit(field, value, _plain_number(value))  # before the parser: 1e309, 400 nines
        try:
            parsed = _PARSERS[field](value, field)
        except OverflowError:  # e.g. round(inf) for 1e309 or 400 nines
            parsed = float("inf")
        return _within_limit(field, value, parsed)

    @classmethod
    def lenient(cls, arguments: Mapping[str, Any]) -> tuple[Requirements, list[str]]:
        """Requirements from loose arguments, field by field: failing fields dropped and named."""
        try:
            return cls.model_validate(dict(arguments)), []
        except ValidationError:
            pass
        kept: dict[str, Any] = {}
        dropped: list[str] = []
        for name, value in arguments.items():
            try:
                cls.model_validate({name: value})
            except ValidationError:
                dropped.append(name)
            else:
                kept[name] = value
        return cls.model_validate(kept), dropped

    def known(self) -> dict[str, Any]:
        """The fields that are set, by name."""
        return self.model_dump(exclude_none=True)

    def merged_with(self, newer: Requirements) -> Requirements:
        """These requirements updated by the fields set in `newer` (a later turn wins)."""
        return Requirements.model_validate({**self.known(), **newer.known()})


def parse_assignments(items: list[str]) -> Requirements:
    """Requirements from `key=value` strings such as ["deployment=mobile", "duration=10s"]."""
    fields = Requirements.model_fields
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"{item!r} is not key=value (e.g. resolution=4k)")
        name = key.strip().lower().replace("-", "_")
        name = KEY_ALIASES.get(name, name)
        if name not in fields:
            valid = ", ".join([*fields, *KEY_ALIASES])
            raise ValueError(f"unknown requirement {key.strip()!r}; valid keys: {valid}")
        values[name] = value.strip()
    try:
        return Requirements.model_validate(values)
    except ValidationError as exc:
        raise ValueError(validation_message(exc)) from None


def validation_message(exc: ValidationError) -> str:
    """One readable line per failing field, naming it (no pydantic boilerplate or URLs)."""
    lines = []
    for err in exc.errors(include_url=False):
        field = ".".join(str(p) for p in err.get("loc", ())) or "requirements"
        message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        lines.append(message if message.startswith(field) else f"{field}: {message}")
    return "; ".join(lines)
