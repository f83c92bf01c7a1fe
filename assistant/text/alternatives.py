"""Comparison questions split into their alternatives, deterministically, before any model.

"phone 720p 10 s vs cloud 4K 2 min?" is two requirement sets. Only explicit comparison words
split ("vs", "versus", "compared with", 对比, 相比, "A和B相比"): "GPU or NPU" and "还是" ask for a
verdict, not a comparison. Every part must state a requirement; a field one part leaves out is
taken from the first part that states it ("on a phone: 720p vs 1080p" compares two phone jobs).
"""

from __future__ import annotations

import re

from assistant.rules.compare import MAX_OPTIONS, MIN_OPTIONS
from assistant.text.extract import Reading, read

_SEPARATOR = re.compile(
    r"\s*(?:\bvs\b\.?|\bversus\b|\bcompared (?:to|with)\b|\bagainst\b|相比于|相较于|对比|比起|相比)\s*",
    re.IGNORECASE,
)
# "手机720p 10秒和云端4K 2分钟相比" / "…比较一下" / "…对比": A and B, then the comparison word.
_PAIR_THEN_WORD = re.compile(r"^(.+?)(?:和|与|跟)(.+?)(?:相比|比较|对比)")
# "Compare A with B" / "比较A和B": the comparison word first.
_WORD_THEN_PAIR = re.compile(
    r"^\s*(?:compare\s+(.+?)\s+(?:with|to|and)\s+(.+)|(?:比较|对比)(?:一下)?(.+?)(?:和|与|跟)(.+))$",
    re.IGNORECASE,
)
_IGNORED = {"preferred_hardware"}  # "GPU vs NPU" names the answer, not a requirement


def _parts(text: str) -> list[str]:
    pair = _PAIR_THEN_WORD.match(text.strip()) or _WORD_THEN_PAIR.match(text.strip())
    if pair:
        return [group for group in pair.groups() if group]
    return [part for part in _SEPARATOR.split(text) if part.strip()]


def alternatives(text: str) -> list[dict[str, Reading]] | None:
    """The requirement readings of each alternative, or None if `text` is not a comparison."""
    parts = _parts(text)
    if not MIN_OPTIONS <= len(parts) <= MAX_OPTIONS:
        return None
    options = [{r.field: r for r in read(part) if r.field not in _IGNORED} for part in parts]
    if not all(options):
        return None
    for index, option in enumerate(options):
        for other in options:
            for name, reading in other.items():
                option.setdefault(name, reading)
        options[index] = option
    values = [tuple(sorted((n, repr(r.value)) for n, r in o.items())) for o in options]
    return options if len(set(values)) == len(values) else None
