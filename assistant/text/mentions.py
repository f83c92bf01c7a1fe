"""Every cue match in folded text, as Mentions: numbers first, then words, overlaps resolved."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from assistant.rules import normalize, quantities
from assistant.text import cues
from assistant.text.clauses import Mention

_FLAGS = [
    (field, cues.cue(pattern), plain, negated)
    for field, entries in cues.FLAG_CUES.items()
    for pattern, plain, negated in entries
]
_PLACES = {label: cues.cue(p) for label, p in cues.deployment_patterns().items()}
_WORKLOADS = [
    ("training", cues.cue(cues.TRAINING)),
    ("inference", cues.cue(cues.INFERENCE)),
    ("then", cues.cue(cues.THEN_SERVE)),
]
_WATTS = cues.cue(cues.WATTS.format(number=quantities.NUMBER))
_COUNTS = (
    cues.cue(cues.COUNT_EN.format(en_number=quantities.EN_NUMBER)),
    cues.cue(cues.COUNT_EN_DAY_FIRST.format(en_number=quantities.EN_NUMBER)),
    cues.cue(cues.COUNT_ZH.format()),
)
_WEAK = {w.rstrip("s") for w in cues.WEAK_SERVER}


def is_weak_server(words: str) -> bool:
    """True for a generic server word ("servers", "服务器"), which a named cloud outranks."""
    return words.rstrip("s") in _WEAK


def _numbers(text: str) -> Iterator[Mention]:
    for amount in quantities.find_durations(text):
        value = round(amount.value)
        yield Mention(
            "duration_seconds", value, amount.start, amount.end, None, False, amount.display
        )
    for m in _WATTS.finditer(text):
        with contextlib.suppress(ValueError):
            watts = normalize.parse_watts(f"{m['n']} {m['unit']}")
            yield Mention(
                "power_budget_watts", watts, m.start(), m.end(), None, False, f"{watts:g} W"
            )
    for pattern in _COUNTS:
        for m in pattern.finditer(text):
            with contextlib.suppress(ValueError):
                count = normalize.parse_count(m["n"])
                yield Mention("videos_per_day", count, *m.span("n"), None, False, f"{count}/day")
    for m in cues.FPS.finditer(text):
        yield Mention("fps", int(m[1]), m.start(), m.end(), None, False, f"{m[1]} fps")


def _words(text: str) -> Iterator[Mention]:
    for m in cues.RESOLUTION.finditer(text):
        if cues.SCREEN_AFTER.match(text, m.end()):
            continue  # "4K TVs": the screen's resolution, not the video's
        with contextlib.suppress(ValueError):
            yield Mention("resolution", normalize.parse_resolution(m[0]), m.start(), m.end())
    for label, pattern in _PLACES.items():
        for m in pattern.finditer(text):
            yield Mention("deployment", label, m.start(), m.end())
    for kind, pattern in _WORKLOADS:
        for m in pattern.finditer(text):
            yield Mention("workload", kind, m.start(), m.end())
    for field, pattern, plain, neg in _FLAGS:
        for m in pattern.finditer(text):
            yield Mention(field, plain, m.start(), m.end(), neg)
    for m in cues.WANTS.finditer(text):
        yield Mention("preferred_hardware", (m[1] or m[2]).upper(), m.start(), m.end())


_YIELDING = ("videos_per_day", "power_budget_watts")


def _precedence(m: Mention) -> tuple[bool, int]:
    """Counts and watts yield to any other reading of their number; longer matches go first."""
    return m.field in _YIELDING, m.start - m.end


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def find_mentions(text: str) -> list[Mention]:
    """Every mention in text order; a longer match wins an overlap within a field, and a
    number read as a duration or resolution is not also a count ("4K videos a day")."""
    kept: list[Mention] = []
    for m in sorted([*_numbers(text), *_words(text)], key=_precedence):
        if not any(_overlaps(m, k) and (k.field == m.field or m.field in _YIELDING) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
