"""A deterministic bilingual requirement extractor, and the rule that reconciles it with the
model's tool-call arguments.

The reconciliation rule (recorded in every ToolCall's `corrections`):
1. An explicit cue in the user's words wins: "4K", "手机", "battery", "CUDA only" set the field,
   whatever the model said.
2. A model value with no cue is kept only when it is grounded in the user's words: its number
   appears in the text, or a hint word for that field does ("app" for mobile, "effects" for
   complex motion, ...). Otherwise it is dropped as invented, so a vague question never gets
   a verdict from values the user did not give.
3. A model `false` with no cue is dropped: not mentioning something is not saying no.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from pydantic import ValidationError

from assistant.rules import normalize
from assistant.rules.normalize import clean
from assistant.rules.requirements import Requirements

_NEGATION = re.compile(
    r"(?:\bno\b|\bnot\b|n't|\bwithout\b|\bnever\b|不需要|不用|无需|没有|不是|不|无)"
    r"[^.,;。，；]{0,12}$"
)
_RESOLUTION = re.compile(
    r"\d{3,4}\s*[x×*]\s*\d{3,4}|(?<!\d)\d{3,4}p(?![a-z0-9])|(?<![a-z0-9])[248]k(?![a-z0-9])"
    r"|\buhd\b|\bfhd\b|\bfull ?hd\b"
    r"|超高清|全高清|高清|标清|\bhd\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a|an|half an?)"
    r"\s*-?\s*(?:seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h)\b"
    r"|(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+)\s*(?:秒钟?|分钟|分|个?小时)半?(?:以上|以内)?"
    r"|\b\d+:\d{2}\b",
    re.IGNORECASE,
)
_FPS = re.compile(r"(\d{2,3})\s*(?:fps|帧)", re.IGNORECASE)
_WATTS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:w|watts?|瓦|mw)\b", re.IGNORECASE)
_VOLUME = re.compile(
    r"((?:\d[\d,.]*(?![\d,.])(?!\s*(?:p|fps|x)\b)\s*[k万]?)|数万|几万|tens of thousands"
    r"|hundreds of thousands)\s*(?:[\w\- ]{0,40}?|[\u4e00-\u9fff]{0,8}?)\s*(?:a|per|/|每|一)\s*"
    r"(?:day|天)"
    r"|每天[^,，。.]{0,6}?((?:\d[\d,.]*\s*[k万]?)|数万|几万)",
    re.IGNORECASE,
)

_FLAG_CUES: dict[str, str] = {
    "cuda_only_model": r"cuda[- ]only|only\b[^.。]{0,30}\bcuda|cuda\b[^.。]{0,20}\bonly\b"
    r"|(?:仅|只)[^,，。]{0,8}cuda|依赖\s*cuda|cuda\s*(?:专用|独占)",
    "battery_powered": r"batter(?:y|ies)|battery-powered|电池|续航",
    "offline": r"offline|no (?:network|internet|connectivity)|without (?:a )?(?:network|internet)"
    r"|离线|无网|没有网络|断网",
    "realtime": r"real[- ]?time|live (?:video|generation|effects)|instant(?:ly)?|实时|即时",
    "complex_motion": r"fluid|simulation|multi-?character|multiple characters|crowds?|physics"
    r"|complex (?:motion|dynamics|effects)|\bvfx\b|visual effects|流体|多人物|复杂动态|物理模拟|特效",
    "interactive_edits": r"keyframes?|mid-?generation|change (?:the )?(?:parameters|resolution|style)"
    r"|adjust (?:the )?(?:style|camera|parameters)|tweak|interactive|关键帧|中途|调整参数|修改参数"
    r"|实时调整|调整风格|镜头角度",
    "experimental_model": r"experimental|unreleased|not open[- ]?source|cutting[- ]edge|frontier"
    r"|research (?:model|prototype)|sora[- ]?(?:like|class|style)|brand[- ]new model|latest model"
    r"|实验|未开源|前沿|最新(?:的)?模型|新模型|尚未发布",
    "templated": r"templat\w*|standardi[sz]ed|fixed (?:format|layout|resolution)|模板|标准化",
    "cost_priority": r"\bcost\b|cheap|electricity|save money|(?<!power )budget|成本|电费|省钱|预算",
}
_WANTS = re.compile(
    r"(?:we|i)\s+(?:want|prefer|would like|plan|insist|must|have)\s+(?:to\s+)?(?:use\s+)?"
    r"(?:an?\s+)?(gpu|npu)s?\b|(?:想|希望|打算|计划|偏好|坚持|必须)(?:用|使用)\s*(gpu|npu)",
    re.IGNORECASE,
)
# Words that make a model's value for a field plausible when no explicit cue was found.
_HINTS: dict[str, str] = {
    "deployment": r"\bapps?\b|app|on-device|handheld|wearable|surveillance|security|vehicle|car"
    r"|server|cluster|hosted|saas|e-?commerce|news|短视频|监控|车载|服务器|电商|新闻",
    "complex_motion": r"effects?|action|dynamic|motion|特效|动态|动作",
    "interactive_edits": r"adjust|edit|tweak|control|调整|修改|编辑",
    "experimental_model": r"\bnew\b|latest|research|prototype|novel|最新|研究|新",
    "realtime": r"live|immediate|latency|fast|即时|马上|延迟",
    "cuda_only_model": r"cuda|nvidia|triton|英伟达",
    "battery_powered": r"portable|wearable|handheld|便携|手持|穿戴",
    "offline": r"local|on-device|本地",
    "templated": r"standard|batch|bulk|批量|统一",
    "cost_priority": r"price|expens|money|spend|价格|贵|花费",
    "workload": r"train|fine|inference|serv|训练|微调|推理",
}


def _flag(text: str, pattern: str) -> bool | None:
    """True for a cue, False for a negated cue, None for no cue."""
    match = re.search(pattern, text, re.IGNORECASE)
    if match is None:
        return None
    return not _NEGATION.search(text[max(0, match.start() - 24) : match.start()])


def _largest(pattern: re.Pattern[str], text: str, parse: Any) -> Any:
    values = []
    for match in pattern.finditer(text):
        try:
            values.append(parse(match.group(0).replace("-", " ")))
        except ValueError:
            continue
    return max(values) if values else None


_RES_ORDER = {r: i for i, r in enumerate(normalize.RESOLUTIONS)}


def extract(text: str) -> dict[str, Any]:
    """Requirement fields the text states explicitly, in canonical form."""
    folded = clean(text).replace("cutting-edge", "cutting edge").replace("leading-edge", "leading")
    cues: dict[str, Any] = {}
    resolutions = []
    for match in _RESOLUTION.finditer(folded):
        try:
            resolutions.append(normalize.parse_resolution(match.group(0)))
        except ValueError:
            continue
    if resolutions:
        cues["resolution"] = max(resolutions, key=_RES_ORDER.__getitem__)
    if (seconds := _largest(_DURATION, folded, normalize.parse_duration)) is not None:
        cues["duration_seconds"] = seconds
    if fps := _FPS.search(folded):
        cues["fps"] = int(fps.group(1))
    if (watts := _largest(_WATTS, folded, normalize.parse_watts)) is not None:
        cues["power_budget_watts"] = watts
    if volume := _VOLUME.search(folded):
        with contextlib.suppress(ValueError):
            cues["videos_per_day"] = normalize.parse_count(volume.group(1) or volume.group(2))
    if deployments := normalize._by_keywords(folded, normalize._DEPLOYMENT_WORDS):
        cues["deployment"] = deployments[0]
    workloads = normalize._by_keywords(folded, {"training": normalize._WORKLOAD_WORDS["training"]})
    if workloads:
        serving = re.search(r"inference|serv|deploy|推理|部署|批量生成|mass[- ]produc", folded)
        cues["workload"] = "both" if serving else "training"
    for name, pattern in _FLAG_CUES.items():
        if (value := _flag(folded, pattern)) is not None:
            cues[name] = value
    if wants := _WANTS.search(folded):
        cues["preferred_hardware"] = (wants.group(1) or wants.group(2)).upper()
    return cues


def _normalised(name: str, value: Any) -> Any:
    try:
        return getattr(Requirements.model_validate({name: value}), name)
    except ValidationError:
        return None


def _grounded(name: str, value: Any, text: str) -> bool:
    if isinstance(value, bool):
        hint = _HINTS.get(name)
        return bool(value) and hint is not None and re.search(hint, text, re.IGNORECASE) is not None
    if isinstance(value, int | float):
        return re.search(rf"(?<!\d){int(value)}(?!\d)", text) is not None
    if name == "resolution":
        return str(value).rstrip("pk") in text.lower()
    hint = _HINTS.get(name)
    return hint is not None and re.search(hint, text, re.IGNORECASE) is not None


def reconcile(
    model_args: dict[str, Any] | None, cues: dict[str, Any], text: str
) -> tuple[dict[str, Any], list[str]]:
    """Final arguments from the cues and the model's call, and the rules that fired."""
    final = dict(cues)
    notes: list[str] = []
    for name, raw in (model_args or {}).items():
        value = _normalised(name, raw)
        if value is None:
            if raw is not None:
                notes.append(f"{name}: dropped the model's invalid value {raw!r}")
            continue
        if name in cues:
            if cues[name] != value:
                notes.append(f"{name}: the text says {cues[name]!r}, the model said {value!r}")
            continue
        if value is False:
            continue
        if _grounded(name, value, text):
            final[name] = value
        else:
            notes.append(f"{name}: dropped the model's {value!r}, not grounded in the question")
    return final, notes
