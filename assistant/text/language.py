"""Which language a text is in: chipwise answers in English or Chinese."""

from __future__ import annotations

import re

from assistant.types import Language

_CJK = re.compile(r"[\u3400-\u9fff]")


def written_language(text: str) -> Language | None:
    """'zh' when a noticeable share of the letters are Chinese, 'en' otherwise; None: no letters."""
    letters = [c for c in text[:4000] if c.isalpha()]
    if not letters:
        return None
    share = sum(bool(_CJK.match(c)) for c in letters) / len(letters)
    return "zh" if share > 0.2 else "en"


def detect_language(text: str) -> Language:
    """The language to answer `text` in: its written language, English when it has no letters."""
    return written_language(text) or "en"
