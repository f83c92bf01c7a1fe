"""Hypothesis strategies that write requirement phrasings from templates, EN and ZH.

A Phrasing knows the requirements it was written from: `expect` (exact values) and `accept`
(inclusive ranges for strict bounds and vague amounts). Snippets cover durations (digits,
spelled-out English, Chinese numerals, ranges, strict and inclusive bounds, hedges,
approximate Chinese amounts), resolutions, where generation runs, where videos are only
watched, negated other values, and filler that states nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from hypothesis import strategies as st

EN_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
EN_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ZH_DIGITS = "零一二三四五六七八九"


def en_words(n: int) -> str:
    """1..999 in English words: 45 -> "forty-five", 300 -> "three hundred"."""
    if n >= 100:
        rest = n % 100
        return f"{EN_ONES[n // 100]} hundred" + (f" {en_words(rest)}" if rest else "")
    if n >= 20:
        return EN_TENS[n // 10] + (f"-{EN_ONES[n % 10]}" if n % 10 else "")
    return EN_TEENS[n - 10] if n >= 10 else EN_ONES[n]


def zh_numeral(n: int, counting: bool = True) -> str:
    """1..9999 in Chinese numerals: 2 -> 两 (before a unit), 20 -> 二十, 15 -> 十五."""
    if n == 2 and counting:
        return "两"
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if unit == "十" and digit == 1 and not out else ZH_DIGITS[digit]) + unit
        elif out and n:
            out += "零" if not out.endswith("零") else ""
    return out + (ZH_DIGITS[n] if n else "")


@dataclass(frozen=True)
class Phrasing:
    """Clauses of one language and the requirements they state."""

    lang: str
    clauses: tuple[str, ...]
    expect: dict[str, Any] = field(default_factory=dict)
    accept: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        tail = "GPU or NPU?" if self.lang == "en" else "用GPU还是NPU?"
        joiner = ", " if self.lang == "en" else ","
        return joiner.join(self.clauses) + (". " if self.lang == "en" else ",") + tail

    def plus(self, clause: str, at: int = -1) -> Phrasing:
        """The same phrasing with one more clause that states nothing."""
        clauses = list(self.clauses)
        clauses.insert(at if at >= 0 else len(clauses), clause)
        return replace(self, clauses=tuple(clauses))


Snippet = tuple[str, int, tuple[int, int] | None]  # text, expected seconds, accepted range


@st.composite
def durations(draw: st.DrawFn, lang: str) -> Snippet:
    """A duration clause in many shapes, with the seconds it states."""
    n = draw(st.integers(2, 59))
    m = draw(st.integers(2, 9))
    lo = draw(st.integers(1, m - 1))
    tens = draw(st.sampled_from([10, 20, 30, 40]))
    if lang == "en":
        options: list[Snippet] = [
            (f"each clip is {n} seconds long", n, None),
            (f"{n}-second clips", n, None),
            (f"{en_words(n)} seconds per video", n, None),
            (f"{en_words(m)}-minute videos", m * 60, None),
            (f"{en_words(m)} and a half minutes each", m * 60 + 30, None),
            (f"roughly {n} seconds each", n, None),
            (f"about {m} minutes per video", m * 60, None),
            (f"under {en_words(m)} minutes", m * 60 - 1, (1, m * 60 - 1)),
            (f"shorter than {m * 60} seconds", m * 60 - 1, (1, m * 60 - 1)),
            (f"less than {m} min each", m * 60 - 1, (1, m * 60 - 1)),
            (f"at most {m} minutes", m * 60, None),
            (f"no longer than {en_words(m)} minutes", m * 60, None),
            (f"{lo} to {m} minutes long", m * 60, None),
            (f"between {en_words(lo)} and {en_words(m)} minutes", m * 60, None),
            (f"{lo * 10}–{m * 10} s each", m * 10, None),
            ("half an hour each", 1800, None),
            ("a couple of minutes each", 120, None),
            (f"{en_words(m * 100)} seconds each", m * 100, None),
            (f"a bit over {en_words(tens)} minutes", tens * 60, (tens * 60, tens * 60 + 599)),
            (f"{en_words(tens)}-odd seconds", tens, (tens, tens + 9)),
            (f"{en_words(tens)}-ish minutes", tens * 60, (tens * 60 - 300, tens * 60 + 300)),
            ("a quarter of an hour", 900, None),
        ]
    else:
        options = [
            (f"每条{n}秒", n, None),
            (f"每段{zh_numeral(n)}秒", n, None),
            (f"时长{zh_numeral(m)}分钟", m * 60, None),
            (f"每条{zh_numeral(m)}分半", m * 60 + 30, None),
            (f"大概{m}分钟", m * 60, None),
            (f"{n}秒左右", n, None),
            (f"不到{zh_numeral(m)}分钟", m * 60 - 1, (1, m * 60 - 1)),
            (f"每条{m}分钟以下", m * 60 - 1, (1, m * 60 - 1)),
            (f"短于{m * 60}秒", m * 60 - 1, (1, m * 60 - 1)),
            (f"不超过{m}分钟", m * 60, None),
            (f"{lo}到{m}分钟", m * 60, None),
            (f"{zh_numeral(lo)}到{zh_numeral(m)}分钟", m * 60, None),
            (f"{lo * 10}~{m * 10}秒", m * 10, None),
            ("半小时", 1800, None),
            (f"{zh_numeral(tens, False)}多分钟", tens * 60, (tens * 60, tens * 60 + 599)),
            (f"{zh_numeral(tens, False)}来分钟", tens * 60, (tens * 60 - 300, tens * 60 + 300)),
            (f"每条{zh_numeral(tens, False)}几秒", tens, (tens, tens + 9)),
            ("一个多小时", 3600, (3600, 7199)),
            (f"{zh_numeral(tens, False)}分钟上下", tens * 60, None),
            ("一刻钟", 900, None),
        ]
    return draw(st.sampled_from(options))


RESOLUTIONS = {
    "en": [
        ("720p", "720p"),
        ("1080p", "1080p"),
        ("1080 p", "1080p"),
        ("4K", "4k"),
        ("4K UHD", "4k"),
        ("8K", "8k"),
    ],
    "zh": [
        ("720P", "720p"),
        ("1080P", "1080p"),
        ("4K超高清", "4k"),
        ("8K", "8k"),
        ("全高清", "1080p"),
        ("超高清", "4k"),
    ],
}
RESOLUTION_CLAUSES = {
    "en": ["at {}", "{} output", "the resolution is {}"],
    "zh": ["分辨率{}", "要{}的"],
}
# Where generation runs, in words that say so.
PLACES = {
    "en": {
        "mobile": [
            "generated on the phone itself",
            "on-device in our smartphone app",
            "locally on the tablet",
        ],
        "edge": [
            "generated on board the drone",
            "on the security camera itself",
            "on our embedded edge devices",
        ],
        "datacenter": ["in our own data center", "on our on-prem servers", "in our server farm"],
        "cloud": ["generated in the cloud", "on AWS", "on rented cloud instances"],
    },
    "zh": {
        "mobile": ["在手机上本地生成", "手机端本地跑", "在平板上生成"],
        "edge": ["在无人机上本地生成", "摄像头端生成", "在边缘设备上跑"],
        "datacenter": ["在自己的数据中心生成", "机房里跑", "在自建数据中心"],
        "cloud": ["在云端生成", "云上跑", "放在云服务上"],
    },
}
PLACE_NOUNS = {
    "en": {"mobile": "phone", "edge": "drone", "datacenter": "servers", "cloud": "cloud"},
    "zh": {"mobile": "手机", "edge": "无人机", "datacenter": "服务器", "cloud": "云端"},
}
# Clauses about where videos are only watched: they never set the deployment.
VIEWERS = {
    "en": ["people watch the videos on their phones", "users only view them on mobile"],
    "zh": ["用户在手机上观看", "手机只负责播放"],
}
FILLERS = {
    "en": [
        "we're a team of 12",
        "our company was founded in 2015",
        "we already own a few RTX 4090s",
        "thanks in advance",
    ],
    "zh": ["我们团队有8个人", "公司成立十年了", "我们已经有几张4090了", "先谢谢了"],
}


@st.composite
def phrasings(draw: st.DrawFn, lang: str | None = None) -> Phrasing:
    """A phrasing that states some of duration, resolution and deployment, in any order."""
    lang = lang or draw(st.sampled_from(["en", "zh"]))
    clauses: list[str] = []
    expect: dict[str, Any] = {}
    accept: dict[str, tuple[int, int]] = {}
    if draw(st.booleans()):
        text, seconds, bounds = draw(durations(lang))
        clauses.append(text)
        expect["duration_seconds"] = seconds
        if bounds:
            accept["duration_seconds"] = bounds
    if draw(st.booleans()):
        words, value = draw(st.sampled_from(RESOLUTIONS[lang]))
        clauses.append(draw(st.sampled_from(RESOLUTION_CLAUSES[lang])).format(words))
        expect["resolution"] = value
    if draw(st.booleans()) or not clauses:
        place = draw(st.sampled_from(sorted(PLACES[lang])))
        clauses.append(draw(st.sampled_from(PLACES[lang][place])))
        expect["deployment"] = place
    order = draw(st.permutations(clauses))
    return Phrasing(lang, tuple(order), expect, accept)


@st.composite
def negations(draw: st.DrawFn, phrasing: Phrasing) -> str:
    """A clause that rules out a value other than the stated one."""
    lang = phrasing.lang
    stated_res = phrasing.expect.get("resolution")
    others = [w for w, v in RESOLUTIONS[lang] if v != stated_res]
    stated_place = phrasing.expect.get("deployment")
    places = [n for p, n in PLACE_NOUNS[lang].items() if p != stated_place]
    res, place = draw(st.sampled_from(others)), draw(st.sampled_from(places))
    if lang == "en":
        options = [f"{res} isn't needed", f"we don't want {res}", f"{res} is out of the question"]
        options += [f"no {res}", f"it won't run on the {place}", f"not generated on the {place}"]
        # The value first, then what rules it out ("4K is overkill", "4K can be skipped").
        options += [f"{res} is overkill", f"{res} is excluded", f"{res} can be skipped"]
        options += [f"{res} is more than we need", f"{res} is not in scope"]
    else:
        options = [f"不需要{res}", f"用不到{res}", f"{res}就不考虑了", f"不在{place}上跑"]
        options += [f"不是在{place}上生成的"]
        # The value first, then a potential complement or verdict that rules it out.
        options += [f"{res}用不上", f"{res}用不着", f"{res}没必要", f"{res}不是必须的"]
        options += [f"{res}可以不要", f"{res}就免了", f"{res}排除在外", f"{res}不在考虑范围内"]
        options += [f"{res}没什么必要", f"{res}不太需要"]
    return draw(st.sampled_from(options))
