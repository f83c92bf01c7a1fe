"""Numbers, durations, frame rates, watts and daily counts from loose English and Chinese text."""

from __future__ import annotations

import re

from assistant.rules.vocabulary import clean

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


def _strip_hedges(text: str) -> str:
    return " ".join(_HEDGES.sub(" ", text).split())


def _positive(field: str, value: object, number: float) -> float:
    if number <= 0:
        raise ValueError(f"{field} {value!r} must be greater than zero")
    return number


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
