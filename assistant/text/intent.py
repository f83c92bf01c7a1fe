"""Does a question ask for a hardware choice, a fact, or something chipwise does not cover?

Deterministic cues, because llama-cpp-python's `tool_choice="auto"` is unreliable and a
classification call would cost seconds: the tool call is then forced only when it is needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.types import Intent, Turn

_DOMAIN = re.compile(
    r"(?<![A-Za-z0-9])(gpus?|npus?|tpus?|cuda|chips?|hardware|accelerators?|soc|video|videos|clips?|render\w*|"
    r"generat\w*|diffusion|sora|pika|inference|training|fps|4k|8k|2k|\d{3,4}p|uhd|hd|"
    r"battery|batteries|drones?|cameras?|phones?|smartphones?|tablets?|mobile|edge|"
    r"data ?cent(?:er|re)s?|cloud|power|watts?|energy|efficien\w*|snapdragon|dimensity|"
    r"ascend|h100|a100|rtx|tensorrt|pytorch|latency)(?![A-Za-z0-9])"
    r"|显卡|芯片|硬件|算力|视频|生成|渲染|推理|训练|手机|平板|无人机|摄像头|边缘|数据中心|云端|"
    r"功耗|续航|电池|能效|能耗|超高清|高清|骁龙|天玑|昇腾|帧|分辨率",
    re.IGNORECASE,
)
_CHOICE = re.compile(
    r"(?<![A-Za-z0-9])(gpu or (?:an? )?npu|npu or (?:an? )?gpu|gpu vs\.? npu|npu vs\.? gpu|which (?:one|hardware|"
    r"chip|accelerator|should|is better|do)|should (?:we|i|they) (?:use|run|pick|choose|go|buy)|"
    r"recommend|what hardware|what should (?:we|i) (?:use|run|buy)|best (?:hardware|chip|option)|"
    r"run (?:it|this|them) on|go with)(?![A-Za-z0-9])"
    r"|还是|选哪|选什么|用什么|推荐|哪个|哪种|应该用|该用|适合用|选择|怎么选|如何选",
    re.IGNORECASE,
)
_FACT = re.compile(
    r"(?<![A-Za-z0-9])(how much|how many|how long|how fast|what is|what's|what are|why|explain|difference|"
    r"compare|tell me about)(?![A-Za-z0-9])|多少|多久|为什么|什么是|区别|解释|介绍|是多少|有多",
    re.IGNORECASE,
)
_REQUIREMENT = re.compile(
    r"(?<![A-Za-z0-9])(\d+(?:\.\d+)?\s*(?:s|sec|secs|seconds?|mins?|minutes?|hours?|w|watts?|fps)|\d{3,4}p|"
    r"[248]k|uhd|fhd|phones?|tablets?|drones?|cameras?|edge|mobile|cloud|data ?cent(?:er|re)|"
    r"battery|cuda|offline|real-?time|templates?|batch)(?![A-Za-z0-9])"
    r"|\d+\s*(?:秒|分钟|小时|瓦)|[两一二三四五六七八九十半]+\s*(?:秒|分钟|小时)|手机|平板|无人机|"
    r"摄像头|边缘|云端|数据中心|电池|离线|实时|模板|批量|超高清",
    re.IGNORECASE,
)


def classify(question: str, history: Sequence[Turn] = ()) -> Intent:
    """'recommend', 'factual' or 'out_of_scope' for one question in its conversation."""
    has_requirements = bool(_REQUIREMENT.search(question))
    in_domain = has_requirements or bool(_DOMAIN.search(question))
    follow_up = _continues_a_recommendation(history)
    if not in_domain and not (follow_up and has_requirements):
        return "out_of_scope"
    if _CHOICE.search(question):
        return "recommend"
    if _FACT.search(question):
        return "factual"
    if has_requirements:
        return "recommend"
    return "factual"


def _continues_a_recommendation(history: Sequence[Turn]) -> bool:
    """True when the conversation was already about choosing hardware."""
    return any(t.role == "user" and classify(t.content) == "recommend" for t in history[-4:])
