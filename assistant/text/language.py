"""Which language a text is in: chipwise answers in English or Chinese."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff]")


def detect_language(text: str) -> str:
    """'zh' when a noticeable share of the letters are Chinese, else 'en'."""
    letters = [c for c in text[:4000] if c.isalpha()]
    if not letters:
        return "en"
    share = sum(bool(_CJK.match(c)) for c in letters) / len(letters)
    return "zh" if share > 0.2 else "en"
