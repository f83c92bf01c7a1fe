"""Canonical requirement values and the English and Chinese words that name each of them."""

from __future__ import annotations

import unicodedata

RESOLUTIONS = ("480p", "720p", "1080p", "2k", "4k", "8k")
DEPLOYMENTS = ("cloud", "datacenter", "edge", "mobile")
WORKLOADS = ("inference", "training", "both")
HARDWARE = ("GPU", "NPU")

# Words that mean "not stated": models and users write these instead of leaving a field out.
BLANK = {"", "none", "null", "unknown", "n/a", "na", "unspecified", "not sure", "?"}
BLANK |= {"不知道", "未知", "不确定", "不清楚", "未指定"}

RESOLUTION_ALIASES: dict[str, tuple[str, ...]] = {
    "480p": ("480p", "480", "sd", "标清", "854x480", "640x480"),
    "720p": ("720p", "720", "hd", "高清", "1280x720"),
    "1080p": ("1080p", "1080", "1080i", "fhd", "fullhd", "全高清", "1920x1080"),
    "2k": ("2k", "1440p", "1440", "qhd", "wqhd", "2560x1440"),
    "4k": ("4k", "2160p", "2160", "uhd", "ultrahd", "4kuhd", "超高清", "3840x2160", "4096x2160"),
    "8k": ("8k", "4320p", "4320", "8kuhd", "7680x4320"),
}
# (level, short side, long side) in descending order: a frame size maps to the highest level
# either side reaches, so portrait 1080x1920 is 1080p and cinema 3840x1600 is 4k.
LEVELS = (
    ("8k", 4320, 7680),
    ("4k", 2160, 3840),
    ("2k", 1440, 2560),
    ("1080p", 1080, 1920),
    ("720p", 720, 1280),
)
DEPLOYMENT_WORDS: dict[str, tuple[str, ...]] = {
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
WORKLOAD_WORDS: dict[str, tuple[str, ...]] = {
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
BOTH = {"both", "all", "两者", "都有", "都要", "全部"}
TRUE = {"true", "yes", "y", "t", "1", "on", "是", "是的", "对", "有", "需要", "要", "真"}
FALSE = {
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
EN_NUMBER_WORDS = {
    **{"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7},
    **{"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13},
    **{"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18},
    **{"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60},
    **{"seventy": 70, "eighty": 80, "ninety": 90},
}
# Typical values of vague durations (seconds) and daily volumes; a numeral before 几 makes it a
# number ("二十几分钟" ≈ 25 min), which quantities.py reads, not this table.
VAGUE_SECONDS = {
    **{"几十秒": 30, "几秒": 5, "数秒": 5, "几分钟": 180, "数分钟": 180, "几小时": 7200},
    **{"a few seconds": 5, "few seconds": 5, "several seconds": 5, "a few minutes": 180},
    **{"few minutes": 180, "several minutes": 180, "a few hours": 7200},
}
VAGUE_COUNTS = {
    **{"hundreds of thousands": 200_000, "数十万": 200_000, "数万": 20_000, "几万": 20_000},
    **{"tens of thousands": 20_000, "数千": 2_000, "几千": 2_000, "thousands": 2_000},
    **{"几百": 200, "hundreds": 200},
}
HARDWARE_WORDS = {"GPU": ("gpu", "显卡", "图形处理器"), "NPU": ("npu", "神经网络处理器")}


def clean(value: str) -> str:
    """Fold width and case and collapse spaces, so "４Ｋ " and "4k" compare equal."""
    return " ".join(unicodedata.normalize("NFKC", value).lower().split())
