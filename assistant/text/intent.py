"""Does a question ask for a hardware choice, a fact, or something chipwise does not cover?

Deterministic cues, because llama-cpp-python's `tool_choice="auto"` is unreliable and a
classification call would cost seconds: the tool call is then forced only when it is needed.

In scope means about the hardware for AI video generation. A question's subject must be
video, its generation or the GPU/NPU choice itself; GPUs, resolutions and frame rates alone
are shared with gaming, streaming and editing. A question about another use of GPUs or video
(mining, games, editing software, streaming, video calls, drivers, stocks, travel) is out of
scope unless it also names video generation or the GPU-versus-NPU choice.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.text.clauses import fold
from assistant.text.cues import cue
from assistant.text.extract import extract
from assistant.types import Intent, Turn

# What chipwise is about: video and its generation, and the NPU (the other half of the choice).
_SUBJECT = cue(
    r"\b(?:videos?|clips?|footage|frames?|montages?|animations?|episodes?|commercials?|ads|spots"
    r"|generat\w*|render\w*|diffusion|sora|pika|text-to-video|npus?|neural processors?)\b"
    r"|视频|短片|片段|镜头|画面|帧|广告|生成|渲染|出片|文生视频|npu"
)
# The choice chipwise makes: GPU versus NPU, in either order and language.
_GPU_OR_NPU = cue(
    r"\b(?:gpus?|npus?)\b[^.?!。？！]{0,30}?(?:\b(?:or|vs\.?|versus|and)\b|还是|和|或|跟)"
    r"[^.?!。？！]{0,20}?\b(?:gpus?|npus?)\b"
)
_HARDWARE = cue(
    r"\b(?:gpus?|npus?|chips?|hardware|accelerators?|processors?)\b|显卡|芯片|硬件|算力"
)
_GENERATION = cue(
    r"\b(?:generat\w*|render\w*|diffusion|sora|text-to-video)\b|生成|渲染|文生视频|出片"
)
# Other uses of GPUs, chips and video.
_ELSEWHERE = cue(
    r"\b(?:min(?:ing|er|ers)|hash ?rate|crypto\w*|coins?|gam(?:e|es|ing)|play(?:ing)?|ray[- ]tracing"
    r"|edit(?:ing|or|ors)?|photos?|lightroom|photoshop|final cut|davinci|premiere|streams?"
    r"|streaming|bandwidth|mbps|netflix|download speed|buffer\w*|drivers?|nvidia-smi|ubuntu"
    r"|install\w*|stocks?|shares|invest\w*|overvalued|transcod\w*|plex|jellyfin|webcams?"
    r"|video (?:calls?|meetings?)|zoom|meetings?|travel\w*|trip|visit|vlogs?)\b"
    r"|挖矿|矿机|挖币|游戏|玩|光追|剪视频|剪辑|修图|照片|达芬奇|网速|带宽|宽带|流媒体|卡顿|驱动"
    r"|股票|股价|芯片股|转码|硬解|视频会议|视频通话|旅行|旅游|vlog"
)
_CHOICE = cue(
    r"\b(?:gpu or (?:an? )?npu|npu or (?:an? )?gpu|gpus? or npus?|npus? or gpus?|gpu vs\.? npu"
    r"|npu vs\.? gpu|which (?:one|should|is better|do|kind|block|cloud)|which (?:\w+ ){0,2}?(?:chips?"
    r"|hardware|accelerators?|processors?|silicon|gpus?|npus?|cards?|compute)|should (?:we|i|they) (?:use|run|pick|choose|go|buy|fit|target|provision|rent)"
    r"|recommend|what (?:hardware|silicon|chips?|processors?|accelerators?|compute|onboard compute"
    r"|kind of (?:chip|processor|hardware)s?)|what should (?:we|i) (?:use|run|buy)"
    r"|best (?:hardware|chip|option)|run (?:it|this|them) on|go with|what should do)\b"
    r"|还是|选哪|选什么|用什么|推荐|哪个|哪种|哪类|哪块|哪款|应该用|该用|适合用|选择|怎么选|如何选"
    r"|配什么|上什么|装什么|什么样的(?:算力|芯片|硬件|处理器)"
)
_FACT = cue(
    r"\b(?:how much|how many|how long|how fast|how quickly|what is|what's|what are|why|explain"
    r"|difference|compare|tell me about)\b|多少|多久|为什么|什么是|区别|解释|介绍|是多少|有多|多长时间"
)
# Fields that belong to other topics as well: a resolution, a frame rate, a price.
_SHARED_FIELDS = {"resolution", "fps", "cost_priority", "preferred_hardware"}
# Questions about what the knowledge base says are factual even when they name a choice.
_ABOUT_SOURCES = cue(
    r"\b(?:your (?:guidance|sources|documents|knowledge)|according to)\b|资料里|资料中|文档里"
)


def classify(question: str, history: Sequence[Turn] = ()) -> Intent:
    """'recommend', 'factual' or 'out_of_scope' for one question in its conversation."""
    text = fold(question).text
    fields = set(extract(question))
    choice = bool(_CHOICE.search(text) or _GPU_OR_NPU.search(text))
    if _ELSEWHERE.search(text) and not (_GPU_OR_NPU.search(text) or _GENERATION.search(text)):
        return "out_of_scope"
    own = bool(fields - _SHARED_FIELDS) or bool(choice and fields)
    about = bool(_SUBJECT.search(text) or _GPU_OR_NPU.search(text)) or own
    follow_up = _continues_a_recommendation(history)
    if not about and not (follow_up and (fields or _HARDWARE.search(text))):
        return "out_of_scope"
    if _ABOUT_SOURCES.search(text):
        return "factual"
    if choice:
        return "recommend"
    if _FACT.search(text):
        return "factual"
    return "recommend" if fields else "factual"


def _continues_a_recommendation(history: Sequence[Turn]) -> bool:
    """True when the conversation was already about choosing hardware."""
    return any(t.role == "user" and classify(t.content) == "recommend" for t in history[-4:])
