"""Numbers in English and Chinese words or digits: "three hundred", "两万", "a couple of"."""

from __future__ import annotations

import re

from assistant.rules.vocabulary import EN_NUMBER_WORDS

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_ZH_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_EN_SCALES = {"hundred": 100, "thousand": 1000}
_EN_ARTICLES: dict[str, float] = {
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a dozen": 12,
}
_EN_ARTICLES |= {"half an": 0.5, "half a": 0.5, "half": 0.5, "a quarter of an": 0.25}
_EN_ARTICLES |= {"quarter of an": 0.25, "quarter": 0.25, "three quarters of an": 0.75}
ZH_NUMBER = "[零〇一二两三四五六七八九十百千万半]+"
_ONES = "|".join(w for w, n in EN_NUMBER_WORDS.items() if n < 10)
_TEENS = "|".join(w for w, n in EN_NUMBER_WORDS.items() if 10 <= n < 20)
_TENS = "|".join(w for w, n in EN_NUMBER_WORDS.items() if n >= 20)
_UPTO_99 = rf"(?:(?:{_TENS})(?:[\s-]+(?:{_ONES}))?|{_TEENS}|{_ONES})"
_UPTO_999 = rf"{_UPTO_99}(?:\s+hundred(?:\s+(?:and\s+)?{_UPTO_99})?)?"
# Only well-formed numbers: "one two and a half minutes" is "one", then "two and a half".
EN_NUMBER = rf"{_UPTO_999}(?:\s+thousand(?:\s+(?:and\s+)?{_UPTO_999})?)?"
_ARTICLE = "|".join(sorted(_EN_ARTICLES, key=len, reverse=True))
# Digits not glued to a word ("A100"), except minutes after hours ("1h30m"); words whole.
NUMBER = rf"(?:(?<![a-z0-9.])|(?<=\d[hm]))\d+(?:\.\d+)?|{ZH_NUMBER}|(?<![a-z])(?:{EN_NUMBER}|{_ARTICLE})(?![a-z])"


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


def en_number(text: str) -> float | None:
    """Read "three hundred", "twenty-five", "a couple of" or "two"; None if it is not one."""
    if text in _EN_ARTICLES:
        return float(_EN_ARTICLES[text])
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.strip()):
        if word == "and":
            continue
        if word in EN_NUMBER_WORDS:
            current += EN_NUMBER_WORDS[word]
        elif word in _EN_SCALES:
            current = (current or 1) * _EN_SCALES[word]
            if word == "thousand":
                total, current = total + current, 0
        else:
            return None
    return float(total + current)


def to_number(token: str) -> float | None:
    """Read "1,200", "1.5", "十五", "two" or "three hundred"; None if it is none of those."""
    token = token.replace(",", "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        number = float(token)
        return number if number < float("inf") else None  # 400 digits overflow: not a number
    return en_number(token) if token.isascii() else zh_number(token)


def midpoint_step(number: float) -> float:
    """Half the place of a number's last non-zero digit: 十多 ≈ 15, 一个多 ≈ 1.5, 120多 ≈ 125."""
    if number != int(number) or number < 1:
        return 0.0
    place = 1
    while int(number) % (place * 10) == 0:
        place *= 10
    return place / 2
