"""Parsers that turn loose English and Chinese values into canonical requirement values."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.rules.quantities import (
    parse_count,
    parse_duration,
    parse_fps,
    parse_watts,
    to_number,
    zh_number,
)
from assistant.rules.vocabulary import (
    BLANK,
    BOTH,
    DEPLOYMENT_WORDS,
    DEPLOYMENTS,
    FALSE,
    HARDWARE,
    HARDWARE_WORDS,
    LEVELS,
    RESOLUTION_ALIASES,
    RESOLUTIONS,
    TRUE,
    WORKLOAD_WORDS,
    WORKLOADS,
    clean,
)

__all__ = [
    "DEPLOYMENTS",
    "HARDWARE",
    "RESOLUTIONS",
    "WORKLOADS",
    "clean",
    "is_blank",
    "parse_bool",
    "parse_count",
    "parse_deployment",
    "parse_duration",
    "parse_fps",
    "parse_hardware",
    "parse_resolution",
    "parse_watts",
    "parse_workload",
    "to_number",
    "zh_number",
]

# The keyword tables under the names assistant/text/extract.py reads them by.
_DEPLOYMENT_WORDS = DEPLOYMENT_WORDS
_WORKLOAD_WORDS = WORKLOAD_WORDS


def is_blank(value: object) -> bool:
    """True for None and for words that mean "not stated"."""
    return value is None or (isinstance(value, str) and clean(value) in BLANK)


def _not_one_of(
    field: str, value: object, allowed: Iterable[str], also: Iterable[str]
) -> ValueError:
    listed = f"{', '.join(allowed)} (also accepted: {', '.join(also)}, ...)"
    return ValueError(f"{field} {value!r} is not one of {listed}")


def parse_resolution(value: object, field: str = "resolution") -> str:
    """Map "4K", "2160p", "UHD", "超高清", "3840x2160" or 2160 to one of RESOLUTIONS."""
    also = ("4K", "2160p", "UHD", "超高清", "3840x2160", "FHD", "全高清", "1920x1080", "HD", "高清")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _not_one_of(field, value, RESOLUTIONS, also)
    text = clean(str(value))
    for noise in (" ", "-", "_", "分辨率", "resolution", "视频", "video"):
        text = text.replace(noise, "")
    for level, aliases in RESOLUTION_ALIASES.items():
        if text in aliases:
            return level
    if dims := re.fullmatch(r"(\d{3,5})[x×*](\d{3,5})", text):
        short, long = sorted((int(dims[1]), int(dims[2])))
        return next((n for n, s, lo in LEVELS if short >= s or long >= lo), "480p")
    if height := re.fullmatch(r"(\d{3,4})[pi]?", text):
        return next((n for n, s, _ in LEVELS if int(height[1]) >= s), "480p")
    if prefix := re.match(r"(\d{3,4}p|[248]k)", text):  # "4k超高清", "1080p60"
        return parse_resolution(prefix[1], field)
    raise _not_one_of(field, value, RESOLUTIONS, also)


def parse_bool(value: object, field: str = "flag") -> bool:
    """True/False from a bool, 0/1, "yes"/"no", "true"/"false" or "是"/"否"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = re.sub(r"[.!。!]+$", "", clean(value)) if isinstance(value, str) else None
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(
        f"{field} {value!r} is not a yes/no value (accepted: yes, no, true, false, 是, 否)"
    )


def _by_keywords(text: str, words: dict[str, tuple[str, ...]]) -> list[str]:
    found = []
    for label, keywords in words.items():
        for word in keywords:
            hit = word in text if not word.isascii() else re.search(rf"\b{re.escape(word)}\b", text)
            if hit:
                found.append(label)
                break
    return found


def parse_deployment(value: object, field: str = "deployment") -> str:
    """Map "phone", "手机", "drone", "摄像头", "data center", "云端"... to one of DEPLOYMENTS."""
    also = (
        "phone",
        "tablet",
        "手机",
        "平板",
        "drone",
        "camera",
        "IoT",
        "无人机",
        "边缘",
        "数据中心",
    )
    if not isinstance(value, str):
        raise _not_one_of(field, value, DEPLOYMENTS, also)
    text = clean(value).replace("_", " ")
    for label, words in DEPLOYMENT_WORDS.items():
        if text in words or text.replace(" ", "") in words:
            return label
    found = _by_keywords(text, DEPLOYMENT_WORDS)
    if not found:
        raise _not_one_of(field, value, DEPLOYMENTS, also)
    return found[0]


def parse_workload(value: object, field: str = "workload") -> str:
    """Map "generation", "推理", "fine-tuning", "训练和推理"... to one of WORKLOADS."""
    also = ("generation", "推理", "fine-tuning", "训练", "training and inference", "两者")
    if not isinstance(value, str):
        raise _not_one_of(field, value, WORKLOADS, also)
    text = clean(value)
    if text in BOTH:
        return "both"
    found = _by_keywords(text, WORKLOAD_WORDS)
    if not found:
        raise _not_one_of(field, value, WORKLOADS, also)
    return "both" if len(found) > 1 else found[0]


def parse_hardware(value: object, field: str = "preferred_hardware") -> str:
    """Map "gpu", "显卡", "npu"... to one of HARDWARE."""
    text = clean(value) if isinstance(value, str) else ""
    found = _by_keywords(text, HARDWARE_WORDS)
    if len(found) != 1:
        raise _not_one_of(field, value, HARDWARE, ("gpu", "npu", "显卡"))
    return found[0]
