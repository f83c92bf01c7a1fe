"""Does a question ask for a hardware choice, a fact, or something chipwise does not cover?

Deterministic cues, because llama-cpp-python's `tool_choice="auto"` is unreliable and a
classification call would cost seconds: the tool call is then forced only when it is needed.

In scope means about the hardware for AI video generation: a question names video or its
generation together with the hardware or a requirement of the job (a place, a length, a
volume...), or names a requirement outright. GPUs, resolutions and frame rates alone are
shared with gaming, streaming and editing, and video alone with writing prompts or removing
watermarks. A question about another use of GPUs, phones or video (mining, games, editing,
watching, capturing, calls, troubleshooting, drivers, stocks, careers, travel) is out of scope
unless it also names video generation or the GPU-versus-NPU choice.
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
    r"|films?|film-?making|filmmaking|generat\w*|render\w*|diffusion|sora|pika|text-to-video|npus?"
    r"|neural processors?)\b|视频|短片|片段|镜头|画面|帧|广告|影片|生成|渲染|出片|文生视频|npu"
)
# The choice chipwise makes: GPU versus NPU, in either order and language.
_GPU_OR_NPU = cue(
    r"\b(?:gpus?|npus?)\b[^.?!。？！]{0,30}?(?:\b(?:or|vs\.?|versus|and)\b|还是|和|或|跟)"
    r"[^.?!。？！]{0,20}?\b(?:gpus?|npus?)\b"
)
# Words for the hardware itself, plain and figurative ("silicon", "the brains", "算力").
_HW = (
    r"(?:gpus?|npus?|tpus?|chips?|chipsets?|socs?|hardware|accelerators?|processors?|silicon"
    r"|compute|cards?|brains|h100s?|a100s?|rtx)"
)
_HARDWARE = cue(rf"\b{_HW}\b|显卡|芯片|硬件|算力|处理器|加速卡")
# Making video: the verbs of generation, or making/turning something into video.
_GENERATION = cue(
    r"\b(?:generat\w*|render\w*|diffusion|sora|text-to-video)\b|生成|渲染|文生视频|出片"
    r"|\b(?:mak|creat|produc|turn|churn)\w*\s+(?:out\s+)?(?:\w+[\s-]+){0,5}?(?:videos?|clips?|films?"
    r"|animations?|montages?|commercials?|ads|spots|episodes?)\b|做[^,，。]{0,10}?(?:视频|短片|广告|片)"
)
# Other uses of GPUs, chips, phones and video: mining, games, editing, streaming, calls,
# everyday phone use, troubleshooting, drivers, stocks, careers, travel. (Watching is no sign:
# "users watch on phones" is how in-scope questions place the viewer.)
_ELSEWHERE = cue(
    r"\b(?:min(?:ing|er|ers)|hash ?rate|crypto\w*|coins?|gam(?:e|es|ing)|to play|playing|ray[- ]tracing"
    r"|edit(?:ing|or|ors)?|photos?|lightroom|photoshop|final cut|davinci|premiere|watermarks?"
    r"|music|soundtracks?|subtitles?|compress\w*|storage|youtube|bandwidth|mbps|netflix"
    r"|download speed|buffer\w*|video (?:calls?|meetings?)|zoom|meetings?|webcams?|browsing|texting|messaging|fans?|loud"
    r"|quiet\w*|noise|noisy|overheat\w*|temperature|drivers?|nvidia-smi|ubuntu|install\w*|stocks?"
    r"|shares|invest\w*|overvalued|transcod\w*|plex|jellyfin|stud(?:y|ying)|universit\w*|degrees?"
    r"|careers?|jobs|founders?|travel\w*|trip|visit|vlogs?)\b"
    r"|挖矿|矿机|挖币|游戏|玩|光追|剪视频|剪辑|修图|照片|达芬奇|水印|背景音乐|配乐|字幕|压缩|占空间"
    r"|网速|带宽|宽带|流媒体|卡顿|录屏|视频会议|视频通话|上网|聊天|风扇|噪音|温度"
    r"|死机|驱动|股票|股价|芯片股|转码|硬解|专业|大学|就业|创始人|旅行|旅游|vlog"
)
_CHOICE = cue(
    r"\b(?:gpu or (?:an? )?npu|npu or (?:an? )?gpu|gpus? or npus?|npus? or gpus?|gpu vs\.? npu"
    r"|npu vs\.? gpu|which (?:one|should|is better|do|kind|block|cloud)"
    rf"|(?:which|what) (?:\w+ ){{0,2}}?{_HW}|should (?:we|i|they) (?:use|run|pick|choose|go|buy"
    r"|fit|target|provision|rent|get)|recommend|what should (?:we|i) (?:use|run|buy)"
    r"|best (?:hardware|chip|option)|run (?:it|this|them) on|go with|what should do)\b"
    r"|还是|选哪|选什么|用什么|推荐|哪个|哪种|哪类|哪块|哪款|应该用|该用|适合用|选择|怎么选|如何选"
    r"|(?:配|上|装|买|租|采购)(?:什么|哪)"
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
    hardware = bool(_HARDWARE.search(text))
    own = bool(fields - _SHARED_FIELDS) or (choice and bool(fields))
    about = (bool(_SUBJECT.search(text)) and (hardware or bool(fields))) or own
    follow_up = _continues_a_recommendation(history)
    if not about and not (follow_up and (fields or hardware)):
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
