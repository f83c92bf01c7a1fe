"""Text helpers for the scorers: fact folding, stated verdicts, citations, languages."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import ValidationError

from assistant import Answer, Requirements

CITATION = re.compile(r"\[([a-z]+(?:\.[a-z0-9-]+)?)\]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_STATED = re.compile(
    r"(?:recommendation|verdict|推荐|结论|建议)\s*[:：]?\s*\**\s*(GPU\s*\+\s*NPU|NPU|GPU)",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Text compared for facts: NFKC, lower case, one kind of dash, no spaces, × → x."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[‐‑‒–—−~～]", "-", text).replace("×", "x")
    return re.sub(r"\s+", "", text)


def requirements_of(arguments: dict[str, Any] | None) -> dict[str, Any]:
    """Arguments normalised through Requirements, field by field (bad fields dropped)."""
    known: dict[str, Any] = {}
    for name, value in (arguments or {}).items():
        try:
            known.update(Requirements.model_validate({name: value}).known())
        except ValidationError:
            continue
    return known


def stated_hardware(text: str) -> list[str]:
    """Hardware the text announces as its recommendation ("Recommendation: NPU", "推荐:GPU")."""
    return [re.sub(r"\s+", "", m.upper()) for m in _STATED.findall(text)]


def cited_ids(answer: Answer) -> list[str]:
    """Ids the answer cites: the guard's list and any [section.id] left in the text."""
    return list(dict.fromkeys([*answer.cited, *CITATION.findall(answer.text)]))


def text_language(text: str) -> str | None:
    """'zh' when Chinese characters dominate the letters, 'en' otherwise (None: no letters)."""
    prose = CITATION.sub("", text)
    cjk, latin = len(_CJK.findall(prose)), len(_LATIN.findall(prose))
    if cjk + latin == 0:
        return None
    return "zh" if cjk >= latin / 4 else "en"
