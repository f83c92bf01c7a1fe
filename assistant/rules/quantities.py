"""Numbers, durations, frame rates, watts and daily counts from loose English and Chinese text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.rules.numbers import (
    EN_NUMBER,
    NUMBER,
    ZH_NUMBER,
    en_number,
    midpoint_step,
    to_number,
    zh_number,
)
from assistant.rules.vocabulary import VAGUE_COUNTS, VAGUE_SECONDS, clean

__all__ = ["EN_NUMBER", "NUMBER", "Amount", "en_number", "find_durations", "to_number", "zh_number"]

_SECONDS_PER_UNIT = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "秒", "秒钟"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "分钟", "分鐘"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "小时", "小時", "钟头", "鐘頭"), 3600),
    "刻钟": 900,  # 一刻钟 = a quarter of an hour
}
# A bare 分 is a minute only before 半, a number or a non-Chinese character: "十分重要" is not.
_UNIT = (
    "|".join(sorted(_SECONDS_PER_UNIT, key=len, reverse=True))
    + r"|分(?=半|钟|[\d零一二两三四五六七八九十]|[^\u4e00-\u9fff]|$)"
)
_UNIT_SECONDS = {**_SECONDS_PER_UNIT, "分": 60}
# One amount of time: "two and a half minutes", "十多分钟", "一个半小时", "thirty-odd seconds",
# "10+ minute", "hour-plus", "an hour and a bit", "两分半钟". Vague ones ("a few minutes") too.
_ATOM = re.compile(
    rf"(?P<vague>{'|'.join(sorted(VAGUE_SECONDS, key=len, reverse=True))})"
    rf"|(?P<clock>(?<![\d:])(?:\d+:)?\d{{1,2}}:\d{{2}}(?![\d:]))"
    rf"|(?:(?P<num>{NUMBER})(?P<approx>多|几|来|余|\+|[\s-]?odd|[\s-]?ish)?(?P<andhalf>[\s-]+and[\s-]+a[\s-]+half)?"
    rf"\s*个?(?P<approx_zh>多)?(?P<half>半)?[\s-]*(?P<unit>{_UNIT})(?![a-z])(?P<half2>半)?钟?"
    r"|(?P<bare>hour|minute)(?=[\s-]+plus))"
    r"(?P<tail>[\s-]+and[\s-]+a[\s-]+(?:half|bit)|[\s-]+plus\b|多一点|多)?"
)
_BEFORE = re.compile(
    r"(?:(?P<over_neg>no (?:less|shorter|fewer) than|not (?:less|shorter) than|not under|不少于|不低于"
    r"|不短于|不小于|不下于)"
    r"|(?P<strict>under|below|less than|shorter than|fewer than|\bsub-?|不到|不足|少于|短于|小于|低于|未满)"
    r"|(?P<strict_neg>\b(?:none|no|not|never|nothing)\b(?:\s+\w+){0,3}?\s+(?:reach(?:es|ing)?|hits?"
    r"|as long as))"
    r"|(?P<upto>at most|up to|no (?:more|longer) than|not (?:more|longer) than|nothing longer than"
    r"|none longer than|max(?:imum)?(?: of)?|within|不超过|最多|最长|至多|顶多)"
    r"|(?P<over>(?:(?:a little|a bit|just|slightly|somewhere)\s+)?(?:over|more than|longer than|at least|past|beyond|超过|多于|长于|大于|至少))"
    r"|(?P<about>about|around|roughly|approximately|approx\.?|some|~|≈|大约|大概|约|差不多))"
    r"(?:\s+the)?\s*$"
)
_AFTER = re.compile(
    r"\s*(?:(?P<strict>以下)|(?P<upto>以内|之内|max(?:imum)?\b|tops\b|or (?:less|shorter)\b)"
    r"|(?P<over>以上|or (?:more|longer)\b)|(?P<about>左右|上下|or so\b))"
)
_RANGE = re.compile(
    rf"(?:between\s+(?P<lo1>{NUMBER})\s*(?P<u1>{_UNIT})?\s+and"
    rf"|(?P<lo2>{NUMBER})\s*(?P<u2>{_UNIT})?\s*(?:to|-|–|—|~|～|到|至))\s*$"
)
_BOUND_SIGN = {"strict": "<", "strict_neg": "<", "upto": "≤", "over": "≥", "over_neg": "≥"}
_BOUND_SIGN |= {"about": "≈"}


@dataclass(frozen=True)
class Amount:
    """A quantity read from text: where it is, its canonical value and how to show it."""

    start: int
    end: int
    value: float
    display: str


def _atom_seconds(match: re.Match[str]) -> tuple[float, str | None] | None:
    """Seconds of one atom and the bound its own wording implies ("多", "+", "plus")."""
    if match["vague"]:
        return float(VAGUE_SECONDS[match["vague"]]), "about"
    if match["clock"]:
        parts = [int(p) for p in match["clock"].split(":")]
        return float(sum(p * 60**i for i, p in enumerate(reversed(parts)))), None
    bound: str | None = None
    number = 1.0 if match["bare"] else to_number(match["num"])
    if number is None or (match["num"] in ("a", "an") and match["unit"] == "second"):
        return None  # "a second opinion" is not one second
    if match["unit"] == "s" and match[0].endswith(f"{match['num']}s") and number >= 1000:
        return None  # "4090s", "1000s of videos": a plural, not seconds
    approx = (match["approx"] or match["approx_zh"] or "").strip(" -")
    if approx in ("多", "几", "余", "odd"):
        number, bound = number + midpoint_step(number), "about"
    elif approx in ("来", "ish"):
        bound = "about"
    elif approx == "+":
        bound = "over"
    if match["andhalf"] or match["half"] or match["half2"]:
        number += 0.5
    unit = _UNIT_SECONDS[match["unit"] or match["bare"]]
    tail = (match["tail"] or "").strip(" -")
    if tail.endswith("half"):
        number += 0.5
    elif tail:
        bound = "over"
    return number * unit, bound


def find_durations(text: str) -> list[Amount]:
    """Every duration in lower-case text, in seconds: strict bounds below, ranges at the top."""
    found: list[Amount] = []
    for match in _ATOM.finditer(text):
        read = _atom_seconds(match)
        if read is None or read[0] <= 0:
            continue
        seconds, bound = read
        start, end = match.span()
        last = found[-1] if found else None
        if (
            last
            and re.fullmatch(r"\s*(?:and\s*)?", text[last.end : start])
            and last.value > seconds
        ):
            found[-1] = Amount(last.start, end, last.value + seconds, f"{last.value + seconds:g} s")
            continue  # "2分30秒", "1 hour 30 minutes"
        before = _BEFORE.search(text, max(0, start - 40), start)
        after = _AFTER.match(text, end)
        kinds = [k for m in (before, after) if m for k, v in m.groupdict().items() if v]
        kind = kinds[0] if kinds else bound
        ranged = _RANGE.search(text, max(0, start - 30), start)
        display = _display(seconds, kind)
        if ranged:
            if last and ranged.start() <= last.start:
                found.pop()  # "半分钟到一分钟": the lower end belongs to this range
            low = to_number(ranged["lo1"] or ranged["lo2"])
            unit = _UNIT_SECONDS.get(
                ranged["u1"] or ranged["u2"] or match["unit"] or match["bare"] or "", 1
            )
            display = f"{low * unit:g}–{seconds:g} s" if low is not None else display
        starts = [start] + [m.start() for m in (before, ranged) if m]
        value = seconds - 1 if kind in ("strict", "strict_neg") and seconds > 1 else seconds
        found.append(Amount(min(starts), after.end() if after else end, value, display))
    return found


def _display(seconds: float, kind: str | None) -> str:
    sign = _BOUND_SIGN.get(kind or "")
    return f"{sign} {seconds:g} s" if sign else f"{seconds:g} s"


def _positive(field: str, value: object, number: float) -> float:
    if not number < float("inf"):  # inf and NaN: round() would raise OverflowError
        raise ValueError(f"{field} {str(value)[:20]}... is too large or not a number")
    if number <= 0:
        raise ValueError(f"{field} {value!r} must be greater than zero")
    return number


# Hedges around a number that do not change it: "under 10 W", "20,000+ per day", "约60帧".
_HEDGES = re.compile(
    r"about|around|approx(?:imately)?|roughly|at least|at most|up to|less than|more than|over"
    r"|under|below|max(?:imum)?|per day|a day|/day|daily|videos?|clips?|each|budget"
    r"|大约|大概|约|左右|以上|以下|以内|不超过|最多|至少|超过|每天|每日|一天|条|段|个|多|[<>≤≥~+≈]"
)


def _strip_hedges(text: str) -> str:
    return " ".join(_HEDGES.sub(" ", text).split())


def parse_duration(value: object, field: str = "duration_seconds") -> int:
    """Seconds from 90, "90s", "2 minutes", "1:30", "两分钟", "under five minutes" (299) or "十多秒"."""
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
    if seconds := re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)", text):
        return round(_positive(field, value, float(seconds[1])))  # "1000s" alone is seconds
    amounts = find_durations(text)
    if amounts:
        return round(max(a.value for a in amounts))
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


_WATT_SCALE = {"mw": 1e-3, "milliwatt": 1e-3, "milliwatts": 1e-3, "毫瓦": 1e-3, "w": 1.0}
_WATT_SCALE |= {"watt": 1.0, "watts": 1.0, "瓦": 1.0, "瓦特": 1.0, "kw": 1e3, "千瓦": 1e3}
_COUNT_SCALE = {"k": 1e3, "thousand": 1e3, "千": 1e3, "万": 1e4, "m": 1e6, "million": 1e6}


def parse_watts(value: object, field: str = "power_budget_watts") -> float:
    """Watts from 10, "10W", "under 10 watts", "500mW", "10瓦", "five watts" or "1kW"."""
    error = ValueError(f"{field} {value!r} is not a power: give watts, e.g. 10, '10W', '500mW'")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise error
    text = _strip_hedges(clean(str(value)).replace("-", " "))
    match = re.fullmatch(rf"({NUMBER})\s*([a-z瓦千毫特]*)", text)
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
    for phrase, count in VAGUE_COUNTS.items():
        if phrase in text:
            return count
    text = _strip_hedges(text)
    match = re.fullmatch(rf"([\d.,]+|{ZH_NUMBER}|{EN_NUMBER})\s*([a-z千万]*)", text)
    number = to_number(match[1]) if match else None
    if match is None or number is None or match[2] not in ("", *_COUNT_SCALE):
        raise error
    count = round(number * _COUNT_SCALE.get(match[2], 1.0))
    if count < 0:
        raise error
    return count
