"""The word tables the requirement reader matches: cues per field, negators, roles, clauses.

Every table is data; assistant/text/clauses.py and extract.py hold the mechanism. Patterns run
on folded text (NFKC, lower case, swapped letters repaired), so they are written lower case.
"""

from __future__ import annotations

import re

from assistant.rules.vocabulary import DEPLOYMENT_WORDS

# \b between ASCII word characters only: "在smartphone上" and "用GPU还是" have boundaries.
ASCII_BOUNDARY = r"(?:(?<![a-z0-9])(?=[a-z0-9])|(?<=[a-z0-9])(?![a-z0-9]))"


def cue(pattern: str) -> re.Pattern[str]:
    """Compile a cue pattern, with \b meaning a boundary of ASCII words."""
    return re.compile(pattern.replace(r"\b", ASCII_BOUNDARY))


# (pattern, value when stated, value when negated). None: that form sets nothing. A negated
# antonym flips: "hasn't been released" is experimental, "no network" is offline.
FlagCue = tuple[str, bool | None, bool | None]
FLAG_CUES: dict[str, tuple[FlagCue, ...]] = {
    "templated": (
        (r"templat\w*|standardi[sz]ed|fixed[- ](?:format|layout)|模板|标准化", True, False),
    ),
    "cuda_only_model": (
        (
            r"cuda[- ]only|cuda (?:lock-?in|kernels and nothing else)|locked (?:in )?to (?:nvidia )?cuda"
            r"|\bonly\b[^.;,]{0,30}\bcuda|\bcuda\b[^.;,]{0,25}\bonly\b|depends? on (?:the )?cuda"
            r"|(?:仅|只)[^,，。;；]{0,8}cuda|依赖\s*cuda|离不开\s*cuda|cuda\s*(?:专用|独占)",
            True,
            False,
        ),
        (
            r"portable across|also runs? on (?!cuda)\w+|也能在非\s*cuda|非\s*cuda\s*平台",
            False,
            None,
        ),
    ),
    "battery_powered": (
        (r"batter(?:y|ies)|battery[- ](?:powered|run)|电池|续航", True, False),
        (r"plugged in(?:to)?|wall power|mains power|插电|外接电源", False, None),
    ),
    "offline": (
        (r"offline|off-?line|air-?gapped|离线|断网|无网|连不上网|不能连网", True, False),
        (
            r"\b(?:network|internet|connectivity|signal|connection|link to the ground|wi-?fi|cellular"
            r"|lte|coverage)\b|网络|联网|连网|信号|wifi",
            None,
            True,
        ),
    ),
    "realtime": ((r"real[- ]?time|\blive\b|instant(?:ly)?|实时|即时", True, False),),
    "complex_motion": (
        (
            r"fluid|liquids?|simulation|multi-?character|multiple characters|(?:many|interacting)"
            r" characters|crowds?|physics|complex (?:motion|dynamics)|流体|多人物|多人互动|复杂动态"
            r"|复杂运动|复杂的?动作|物理模拟",
            True,
            False,
        ),
        (r"simple motion|动作很简单|画面简单", False, None),
    ),
    "interactive_edits": (
        (
            r"keyframes?|interactive(?:ly)?|tweak\w*|(?:adjust|chang|edit|modif)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:during|while|mid-?)\s*(?:it |they )?generat\w*|adjust\w* (?:the )?(?:style|camera"
            r"|parameters)|style changes|关键帧|调参|调整参数|修改参数|改参数|交互修改|交互式|调整风格"
            r"|镜头角度|随时调整",
            True,
            False,
        ),
        (r"fire-and-forget", False, None),
    ),
    "experimental_model": (
        (
            r"experimental|unreleased|pre-?release|private[- ]preview|early access|in preview|\bbeta\b"
            r"|research (?:model|prototype|release)|paper|arxiv|brand[- ]new|bleeding[- ]edge"
            r"|cutting[- ]edge|frontier|unoptimi[sz]ed|not (?:yet )?optimi[sz]ed|nobody has optimi[sz]ed"
            r"|still[- ]changing|sora[- ]?(?:like|class|style)|latest model|实验|前沿"
            r"|最新的?(?:实验性的?)?(?:视频)?模型|新(?:的)?(?:视频)?模型|内测|论文|刚出|还没(?:做任何)?优化",
            True,
            False,
        ),
        (
            r"(?:publicly |officially )released|been released|released model|\bstable\b(?! (?:video )?diffusion)|\bmature\b"
            r"|production model|in production|正式版|正式发布|公开发布|稳定上线|成熟",
            False,
            True,
        ),
        (r"\bpreview\b(?! of)|类\s*sora", True, False),
        (r"open[- ]?sourced?|开源", None, True),
    ),
    "cost_priority": (
        (
            r"\bcosts?\b|cheap\w*|electricity|power bill|save money|money is tight"
            r"|(?<!power )(?<!energy )(?<!\dw )(?<!watt )(?<!watts )budget"
            r"|成本|电费|省钱|(?<!功耗)预算|省电省钱",
            True,
            False,
        ),
    ),
}
RESOLUTION = cue(
    r"\d{3,4}\s*[x×*]\s*\d{3,4}|(?<![\d.])\d{3,4}\s?p(?![a-z0-9])|(?<![a-z0-9])[248]k(?![a-z0-9])"
    r"|\buhd\b|\bfhd\b|\bfull ?hd\b|超高清|全高清|高清|标清|\bhd\b"
)
# A resolution right before a screen is the screen's ("4K TVs"), not the output's.
SCREEN_AFTER = cue(r"\s*(?:tvs?|screens?|monitors?|displays?|televisions?|电视|屏|显示器)")
FPS = cue(r"(\d{2,3})\s*(?:fps|帧)")
WATTS = r"(?P<n>{number})\s*-?\s*(?P<unit>w|watts?|瓦|mw)(?![a-z])"
_COUNT_NUMBER_EN = (
    r"(?P<n>tens of thousands|hundreds of thousands|thousands|hundreds|(?<![a-z0-9.,])\d[\d,]*"
    r"(?:\.\d+)?\s*(?:k|thousand|million)?|{en_number}(?:\s+thousand)?)\+?(?![a-z0-9])"
)
COUNT_EN = (
    _COUNT_NUMBER_EN + r"(?:\s+[a-z0-9-]+){{0,7}}?\s*(?:(?:a|per|each|every)\s+day|/\s*day|daily)"
)
# The day first, then the count of videos: "every day our farm renders 20000 clips".
COUNT_EN_DAY_FIRST = (
    r"(?:\b(?:every|each|per)\s+day|\bdaily)\b,?(?:\s+[a-z-]+){{0,6}}?\s+"
    + _COUNT_NUMBER_EN
    + r"(?:\s+[a-z0-9-]+){{0,3}}?\s+(?:videos?|clips?|ads?|spots?|reels?|shorts?|movies?)\b"
)
COUNT_ZH = (
    r"(?:每天|每日|一天|日均)[^,，。;；:：]{{0,16}}?(?P<n>好几万|几万|数万|几千|数千|几百|\d[\d,]*(?:\.\d+)?\s*万?"
    r"|[零一二两三四五六七八九十百千万]+)\s*(?:多|余|来)?\s*(?:条|个|段|支|部|份)"
)
TRAINING = r"\btrain(?:s|ing)?\b|fine[- ]?tun\w*|finetun\w*|from scratch|训练(?!好)|微调"
# Serving the model, not serving videos to viewers ("we serve clips from the cloud").
INFERENCE = (
    r"\binferenc\w*|\bserv(?:e|es|ing)\s+(?:it|them|the model|our model)\b|\bmodel serving|推理"
)
# After training, "then run/deploy/generate" or "再部署/再…生成" is serving the trained model.
THEN_SERVE = (
    r"(?:\bthen\b|\band also\b|再|然后|又要)\s*[^,，。;；.]{0,12}?"
    r"(?:\brun\b|\bdeploy\w*|generat\w*|serv\w*|生成|部署|推理|跑|放到)"
)
WANTS = cue(
    r"(?:we|i)\s+(?:want|prefer|would like|plan|insist(?: on)?|must|have to|stick with)\s+"
    r"(?:to\s+)?(?:use\s+)?"
    r"(?:an?\s+)?(gpu|npu)s?\b|(?:想|希望|打算|计划|偏好|坚持|必须)(?:用|使用)\s*(gpu|npu)"
)
# Generic server words: they name a data center only when no cloud is named ("cloud servers").
WEAK_SERVER = ("server", "servers", "server-side", "服务器", "cluster", "集群", "backend")
EXTRA_DEPLOYMENT = {
    "edge": ("行车记录仪", "机载", "dash camera"),
    "datacenter": ("data-center", "data-centre", "on prem", "server-side", "backend"),
    "cloud": ("云服务器",),
}
# Words that look like a device but are not one: "cutting-edge" models, "camera angles".
NOT_A_DEVICE = {
    "edge": r"(?<!cutting )(?<!cutting-)(?<!bleeding )(?<!bleeding-)(?<!leading )(?<!leading-)",
    "camera": r"(?!s?\s+(?:angles?|movements?|moves?|work|shots?|paths?|motion|control))",
}


def deployment_patterns() -> dict[str, str]:
    """One pattern per deployment: every word of the vocabulary, whole words only."""
    patterns = {}
    for label, words in DEPLOYMENT_WORDS.items():
        alternatives = []
        for word in sorted({*words, *EXTRA_DEPLOYMENT.get(label, ())}, key=len, reverse=True):
            escaped = re.escape(word)
            guard = NOT_A_DEVICE.get(word, "")
            ascii_word = (
                rf"{guard}\b{escaped}s?\b" if word == "edge" else rf"\b{escaped}s?\b{guard}"
            )
            alternatives.append(ascii_word if word.isascii() else escaped)
        patterns[label] = "|".join(alternatives)
    return patterns


# Negators that reach forward over the next cue (and the same field's cues right after it).
NEGATOR = cue(
    r"\b(?:no|not|never|none|nobody|nothing|neither|nor|without|non)\b|n't\b"
    r"|不(?!管|同|断|仅|错|少|久|过|如|但|一样|然|论|等)|没有?|(?<!人)无(?!人机|论|线|限)|非(?!常)|未(?!来)"
)
# Negators that reach back over the cue before them when no cue follows: "4K isn't needed".
POST_NEGATOR = cue(
    r"(?:n't|\bnot)\s+(?:really\s+)?(?:needed|required|a requirement|a must|necessary|involved"
    r"|wanted|an option"
    r"|considered|used|matter|in scope)|out of the question|ruled out|off the table|unnecessary"
    r"|\boverkill\b|\bexcluded\b|\bcan be (?:skipped|dropped)|\bout of scope"
    r"|\bmore than (?:we|i|they) (?:need|want)"
    r"|(?:就)?(?:不需要|不用|用不到|不要|不考虑|不必|没必要|算了|不跑|不运行|不生成|不参与|不涉及|无所谓|不重要)"
    # Potential complements and verdicts: "4K用不上", "4K不是必须的", "4K排除在外".
    r"|用不[上着]|不是必[须需]|非必[须需]|(?:就)?免了|排除|不在考虑"
    # With a softener between: "4K没什么必要", "4K不太需要".
    r"|没(?:什么|啥|太大|多大)必要|不(?:太|怎么|大)需要"
)
# Words that join the items of one list, so one negator covers them all.
COORDINATOR = cue(r"\b(?:or|and|nor|also)\b|[,、/]|和|或|及|与|这类|之类|等|也")
# Where a clause ends: punctuation, and the words that start a new statement.
CLAUSE_BREAK = cue(
    r"[;!?。；！？()（）\[\]\n]|[.:](?=\s|$)|[,，]"
    r"|\b(?:but|then|however|whereas|while|although|though|so|which|that|what|where|whose|who"
    r"|because)\b|但是|但|然后|再|而是|而|不过|之后|可是"
)
# Role markers for a place: (pattern, reach). reach "both" = either side of the place;
# "after" = the place follows the marker ("push them to phones"); "before" = it precedes it
# ("drones upload footage").
ROLE_MARKERS: dict[str, tuple[tuple[str, str], ...]] = {
    "viewer": (
        (
            r"\bwatch\w*|\bview(?:s|ed|ing|ers?)?\b|\bdisplay\w*|\bplay(?:s|ed|back|er)?\b|audience"
            r"|播放|观看|看(?!起来|看)|展示|显示",
            "both",
        ),
        (
            r"\b(?:push|stream|deliver|send|sent)\w*\s+(?!footage|raw|data|inputs?)(?:\w+\s+){0,2}?to\b|\bend up on|\bfor users"
            r"|\bwhose users|\busers?\s+(?:are|is)\s+(?:all\s+)?on|推送|推给|发到|发给|用户都用",
            "after",
        ),
    ),
    "source": (
        (r"\bupload\w*|\bcaptur\w*|\brecord\w*|\bfilm\w*|\bshoot\w*|拍摄|上传|采集", "before"),
    ),
    "generator": (
        (
            r"\bgenerat\w*|\brender\w*|\bmak(?:e|es|ing)\b|\bcreat\w*|\bproduc\w*|\bruns?\b|\brunning\b"
            r"|\bhappen\w*|\blocally\b|\bitself\b|\bthemselves\b|on[- ]device|on[- ]?board|\bhost\w*"
            r"|生成|渲染|跑|运行|出片|本地|推理|部署|本身|自己|机上|端侧",
            "both",
        ),
    ),
}
# Domain words whose letters people swap ("secnods", "smartphnoe", "viedo"): repaired first.
TYPO_WORDS = (
    *("seconds", "second", "minutes", "minute", "hours", "smartphone", "smartphones", "phone"),
    *("phones", "video", "videos", "drone", "drones", "camera", "cameras", "template"),
    *("templates", "templated", "offline", "battery", "generate", "generated", "generation"),
    *("experimental", "unreleased", "server", "servers", "cloud", "tablet", "mobile", "clips"),
)
