"""Pure parsers that turn loose English and Chinese values into canonical requirement values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

RESOLUTIONS = ("480p", "720p", "1080p", "2k", "4k", "8k")
DEPLOYMENTS = ("cloud", "datacenter", "edge", "mobile")
WORKLOADS = ("inference", "training", "both")
HARDWARE = ("GPU", "NPU")

# Words that mean "not stated": models and users write these instead of leaving a field out.
_BLANK = {"", "none", "null", "unknown", "n/a", "na", "unspecified", "not sure", "?"}
_BLANK |= {"不知道", "未知", "不确定", "不清楚", "未指定"}

_RESOLUTION_ALIASES: dict[str, tuple[str, ...]] = {
    "480p": ("480p", "480", "sd", "标清", "854x480", "640x480"),
    "720p": ("720p", "720", "hd", "高清", "1280x720"),
    "1080p": ("1080p", "1080", "1080i", "fhd", "fullhd", "全高清", "1920x1080"),
    "2k": ("2k", "1440p", "1440", "qhd", "wqhd", "2560x1440"),
    "4k": ("4k", "2160p", "2160", "uhd", "ultrahd", "4kuhd", "超高清", "3840x2160", "4096x2160"),
    "8k": ("8k", "4320p", "4320", "8kuhd", "7680x4320"),
}
# (level, short side, long side) in descending order: a frame size maps to the highest level
# either side reaches, so portrait 1080x1920 is 1080p and cinema 3840x1600 is 4k.
_LEVELS = (
    ("8k", 4320, 7680),
    ("4k", 2160, 3840),
    ("2k", 1440, 2560),
    ("1080p", 1080, 1920),
    ("720p", 720, 1280),
)
_DEPLOYMENT_WORDS: dict[str, tuple[str, ...]] = {
    # Checked in this order: the most constrained device wins ("phone app on the cloud" is mobile).
    "mobile": (
        *("mobile", "phone", "smartphone", "cellphone", "tablet", "ipad", "iphone", "android"),
        *("ios", "handset", "手机", "平板", "移动端", "移动设备", "智能手机"),
    ),
    "edge": (
        *("edge", "drone", "uav", "camera", "cameras", "iot", "embedded", "dashcam", "robot"),
        *("无人机", "摄像头", "摄像机", "相机", "边缘", "嵌入式", "监控", "安防", "物联网", "车载"),
    ),
    "datacenter": (
        *("datacenter", "data center", "data centre", "datacentre", "server farm", "idc"),
        *("server", "servers", "cluster", "on-prem", "on-premises", "数据中心", "云端数据中心"),
        *("服务器", "机房", "集群"),
    ),
    "cloud": ("cloud", "aws", "azure", "gcp", "云", "云端", "云上", "云服务"),
}
_WORKLOAD_WORDS: dict[str, tuple[str, ...]] = {
    "training": (
        "train",
        "training",
        "fine-tune",
        "fine-tuning",
        "finetune",
        "finetuning",
        "训练",
        "微调",
    ),
    "inference": (
        *("inference", "infer", "generation", "generate", "generating", "serving"),
        *("推理", "生成", "部署"),
    ),
}
_BOTH = {"both", "all", "两者", "都有", "都要", "全部"}
_TRUE = {"true", "yes", "y", "t", "1", "on", "是", "是的", "对", "有", "需要", "要", "真"}
_FALSE = {
    "false",
    "no",
    "n",
    "f",
    "0",
    "off",
    "否",
    "不",
    "不是",
    "没有",
    "无",
    "不需要",
    "不要",
    "假",
}
_HARDWARE_WORDS = {"GPU": ("gpu", "显卡", "图形处理器"), "NPU": ("npu", "神经网络处理器")}

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_ZH_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_EN_NUMBERS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20}
_EN_NUMBERS |= {"thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90}
_ZH_NUM = "[零〇一二两三四五六七八九十百千万半]+"
_EN_NUM = "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
_NUM = rf"\d+(?:\.\d+)?|{_ZH_NUM}|(?<![a-z])(?:{_EN_NUM})(?![a-z])"
_SECONDS_PER_UNIT = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "秒", "秒钟"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "分", "分钟", "分鐘"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "小时", "小時", "钟头"), 3600),
}
_UNIT = "|".join(sorted(_SECONDS_PER_UNIT, key=len, reverse=True))
# "一个半小时" (1.5 h), "两分半" (2.5 min), "1 hour 30 minutes": number, optional half, unit.
_DURATION_PART = re.compile(
    rf"(?P<num>{_NUM})\s*(?:个)?(?P<half>半)?\s*(?P<unit>{_UNIT})(?![a-z])(?P<half2>半)?"
)
_VAGUE_SECONDS = {
    "十几秒": 15,
    "几十秒": 30,
    "几秒": 5,
    "数秒": 5,
    "几分钟": 180,
    "数分钟": 180,
    "几小时": 7200,
    "a few seconds": 5,
    "few seconds": 5,
    "several seconds": 5,
    "a few minutes": 180,
    "few minutes": 180,
    "several minutes": 180,
    "a few hours": 7200,
}
# Typical values for vague volumes; "tens of thousands" only has to clear the batch threshold.
_VAGUE_COUNTS = {
    "hundreds of thousands": 200_000,
    "数十万": 200_000,
    "数万": 20_000,
    "几万": 20_000,
    "tens of thousands": 20_000,
    "数千": 2_000,
}
_VAGUE_COUNTS |= {"几千": 2_000, "thousands": 2_000, "几百": 200, "hundreds": 200}
_COUNT_SCALE = {"k": 1e3, "thousand": 1e3, "千": 1e3, "万": 1e4, "m": 1e6, "million": 1e6}
_WATT_SCALE = {"mw": 1e-3, "milliwatt": 1e-3, "milliwatts": 1e-3, "毫瓦": 1e-3, "w": 1.0}
_WATT_SCALE |= {"watt": 1.0, "watts": 1.0, "瓦": 1.0, "瓦特": 1.0, "kw": 1e3, "千瓦": 1e3}
# Hedges around a number that do not change it: "under 10 W", "20,000+ per day", "约60帧".
_HEDGES = re.compile(
    r"about|around|approx(?:imately)?|roughly|at least|at most|up to|less than|more than|over"
    r"|under|below|max(?:imum)?|per day|a day|/day|daily|videos?|clips?|each|budget"
    r"|大约|大概|约|左右|以上|以下|以内|不超过|最多|至少|超过|每天|每日|一天|条|段|个|多|[<>≤≥~+≈]"
)


def clean(value: str) -> str:
    """Fold width and case and collapse spaces, so "４Ｋ " and "4k" compare equal."""
    return " ".join(unicodedata.normalize("NFKC", value).lower().split())


def is_blank(value: object) -> bool:
    """True for None and for words that mean "not stated"."""
    return value is None or (isinstance(value, str) and clean(value) in _BLANK)


def zh_number(text: str) -> float | None:
    """Read a Chinese numeral ("两", "十五", "一百二十", "两万", "半"); None if it is not one."""
    if not text or any(
        ch not in _ZH_DIGITS and ch not in _ZH_UNITS and ch not in "万半" for ch in text
    ):
        return None
    if text == "半":
        return 0.5
    total, section, digit = 0, 0, 0
    for ch in text.rstrip("半"):
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            section += (digit or 1) * _ZH_UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10_000
            section, digit = 0, 0
        else:
            return None  # "半" in the middle is not a number
    value = float(total + section + digit)
    return value + 0.5 if text.endswith("半") and len(text) > 1 else value


def to_number(token: str) -> float | None:
    """Read "1,200", "1.5", "十五" or "two"; None if it is none of those."""
    token = token.replace(",", "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    return float(_EN_NUMBERS[token]) if token in _EN_NUMBERS else zh_number(token)


def _not_one_of(
    field: str, value: object, allowed: Iterable[str], also: Iterable[str]
) -> ValueError:
    listed = f"{', '.join(allowed)} (also accepted: {', '.join(also)}, ...)"
    return ValueError(f"{field} {value!r} is not one of {listed}")


def _strip_hedges(text: str) -> str:
    return " ".join(_HEDGES.sub(" ", text).split())


def _positive(field: str, value: object, number: float) -> float:
    if number <= 0:
        raise ValueError(f"{field} {value!r} must be greater than zero")
    return number


def parse_resolution(value: object, field: str = "resolution") -> str:
    """Map "4K", "2160p", "UHD", "超高清", "3840x2160" or 2160 to one of RESOLUTIONS."""
    also = ("4K", "2160p", "UHD", "超高清", "3840x2160", "FHD", "全高清", "1920x1080", "HD", "高清")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _not_one_of(field, value, RESOLUTIONS, also)
    text = clean(str(value))
    for noise in (" ", "-", "_", "分辨率", "resolution", "视频", "video"):
        text = text.replace(noise, "")
    for level, aliases in _RESOLUTION_ALIASES.items():
        if text in aliases:
            return level
    if dims := re.fullmatch(r"(\d{3,5})[x×*](\d{3,5})", text):
        short, long = sorted((int(dims[1]), int(dims[2])))
        return next((n for n, s, lo in _LEVELS if short >= s or long >= lo), "480p")
    if height := re.fullmatch(r"(\d{3,4})[pi]?", text):
        return next((n for n, s, _ in _LEVELS if int(height[1]) >= s), "480p")
    if prefix := re.match(r"(\d{3,4}p|[248]k)", text):  # "4k超高清", "1080p60"
        return parse_resolution(prefix[1], field)
    raise _not_one_of(field, value, RESOLUTIONS, also)


def parse_duration(value: object, field: str = "duration_seconds") -> int:
    """Seconds from 90, "90s", "2 minutes", "1.5 hours", "1:30", "两分钟", "5分钟以上" or "十秒"."""
    error = ValueError(
        f"{field} {value!r} is not a duration: give seconds, or e.g. '90s', '2 minutes', "
        "'1.5 hours', '1:30', '两分钟', '5分钟以上', '十秒'"
    )
    if isinstance(value, bool):
        raise error
    if isinstance(value, int | float):
        return round(_positive(field, value, float(value)))
    if not isinstance(value, str):
        raise error
    text = clean(value)
    text = text.replace("half an hour", "0.5 hour").replace("half a minute", "30 s")
    if clock := re.fullmatch(r"(?:(\d+):)?(\d{1,2}):(\d{2})", text):
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return round(_positive(field, value, hours * 3600 + minutes * 60 + seconds))
    for phrase, seconds in _VAGUE_SECONDS.items():
        if phrase in text:
            return seconds
    total = 0.0
    for part in _DURATION_PART.finditer(text):
        number = to_number(part["num"])
        if number is None:
            continue
        if part["half"] or part["half2"]:
            number += 0.5
        total += number * _SECONDS_PER_UNIT[part["unit"]]
    if total:
        return round(total)
    number = to_number(_strip_hedges(text))  # a bare number is already seconds
    if number is None:
        raise error
    return round(_positive(field, value, number))


def parse_fps(value: object, field: str = "fps") -> int:
    """Frames per second from 60, "60fps", "60 FPS", "60帧" or "每秒60帧"."""
    error = ValueError(f"{field} {value!r} is not a frame rate: give e.g. 30, '60fps', '60帧'")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise error
    text = _strip_hedges(clean(str(value)))
    text = re.sub(
        r"fps|frames?\s*(?:per|/)\s*(?:second|sec|s)|帧\s*(?:/\s*秒|每秒)?|每秒|hz", "", text
    )
    number = to_number(text.strip())
    if number is None or number > 1000:
        raise error
    return round(_positive(field, value, number))


def parse_watts(value: object, field: str = "power_budget_watts") -> float:
    """Watts from 10, "10W", "under 10 watts", "500mW", "10瓦" or "1kW"."""
    error = ValueError(f"{field} {value!r} is not a power: give watts, e.g. 10, '10W', '500mW'")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise error
    text = _strip_hedges(clean(str(value)))
    match = re.fullmatch(rf"({_NUM})\s*([a-z瓦千毫特]*)", text)
    number = to_number(match[1]) if match else None
    if match is None or number is None or match[2] not in ("", *_WATT_SCALE):
        raise error
    return _positive(field, value, number * _WATT_SCALE.get(match[2], 1.0))


def parse_count(value: object, field: str = "videos_per_day") -> int:
    """A daily volume from 20000, "20k", "20,000/day", "2万", "数万条" or "tens of thousands"."""
    error = ValueError(f"{field} {value!r} is not a count: give e.g. 20000, '20k', '2万', '数万'")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise error
    text = clean(str(value))
    for phrase, count in _VAGUE_COUNTS.items():
        if phrase in text:
            return count
    text = _strip_hedges(text)
    match = re.fullmatch(r"([\d.,]+|[零〇一二两三四五六七八九十百千万]+)\s*([a-z千万]*)", text)
    number = to_number(match[1]) if match else None
    if match is None or number is None or match[2] not in ("", *_COUNT_SCALE):
        raise error
    count = round(number * _COUNT_SCALE.get(match[2], 1.0))
    if count < 0:
        raise error
    return count


def parse_bool(value: object, field: str = "flag") -> bool:
    """True/False from a bool, 0/1, "yes"/"no", "true"/"false" or "是"/"否"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = re.sub(r"[.!。!]+$", "", clean(value)) if isinstance(value, str) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
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
    for label, words in _DEPLOYMENT_WORDS.items():
        if text in words or text.replace(" ", "") in words:
            return label
    found = _by_keywords(text, _DEPLOYMENT_WORDS)
    if not found:
        raise _not_one_of(field, value, DEPLOYMENTS, also)
    return found[0]


def parse_workload(value: object, field: str = "workload") -> str:
    """Map "generation", "推理", "fine-tuning", "训练和推理"... to one of WORKLOADS."""
    also = ("generation", "推理", "fine-tuning", "训练", "training and inference", "两者")
    if not isinstance(value, str):
        raise _not_one_of(field, value, WORKLOADS, also)
    text = clean(value)
    if text in _BOTH:
        return "both"
    found = _by_keywords(text, _WORKLOAD_WORDS)
    if not found:
        raise _not_one_of(field, value, WORKLOADS, also)
    return "both" if len(found) > 1 else found[0]


def parse_hardware(value: object, field: str = "preferred_hardware") -> str:
    """Map "gpu", "显卡", "npu"... to one of HARDWARE."""
    text = clean(value) if isinstance(value, str) else ""
    found = _by_keywords(text, _HARDWARE_WORDS)
    if len(found) != 1:
        raise _not_one_of(field, value, HARDWARE, ("gpu", "npu", "显卡"))
    return found[0]
