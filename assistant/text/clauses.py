"""Folded text, its clauses, which cue mentions are negated, and the role of each named place.

A mention is one cue match: a field, the value it states, where it is. Negation is scoped to
a clause: a negator reaches forward over the next mention and the same field's mentions right
after it ("no fluid simulation or crowds"); a post-negator reaches back when nothing follows
("4K isn't needed", "4K就不考虑了"). A place's role comes from the nearest role word in its
clause: where videos are generated, watched, or only captured.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.text.cues import (
    CLAUSE_BREAK,
    COORDINATOR,
    NEGATOR,
    POST_NEGATOR,
    ROLE_MARKERS,
    TYPO_WORDS,
    cue,
)

_ROLES = [(role, cue(p), reach) for role, ms in ROLE_MARKERS.items() for p, reach in ms]
_TYPOS = {word: None for word in TYPO_WORDS}
# "or" in the clause after a comma makes that clause the end of a list ("A, B or C").
_LIST_END = cue(r"\b(?:or|nor)\b|或")
# A negated generation verb right after a negator: its place does not generate.
_GENERATES = cue(rf"\W{{0,2}}(?:\w+\s)?\s*(?:做)?(?:{ROLE_MARKERS['generator'][0][0]})")


@dataclass(frozen=True)
class Folded:
    """Text folded for matching (NFKC, lower case, swapped letters repaired), with a map back."""

    text: str
    original: str
    index: tuple[int, ...]  # index[i]: where folded character i came from; one extra at the end

    def words(self, start: int, end: int) -> str:
        """The user's own words for a span of the folded text."""
        return self.original[self.index[start] : self.index[end]].strip()


@dataclass(frozen=True)
class Mention:
    """One cue match. `negated_value` is what a negation states; None: a negation drops it."""

    field: str
    value: Any
    start: int
    end: int
    negated_value: Any = None
    negatable: bool = True
    display: str = ""


def _swapped(word: str, known: str) -> bool:
    """True when `word` is `known` with two neighbouring letters swapped ("secnods")."""
    diff = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == known[diff[1]]


def _repair(match: re.Match[str]) -> str:
    word = match[0]
    if word in _TYPOS:
        return word
    same = (k for k in _TYPOS if len(k) == len(word) and sorted(k) == sorted(word))
    return next((k for k in same if _swapped(word, k)), word)


def fold(text: str) -> Folded:
    """Fold text character by character, so every span maps back to the user's words."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for out in unicodedata.normalize("NFKC", ch).lower():
            chars.append(out)
            index.append(i)
    index.append(len(text))
    repaired = re.sub(r"(?<![a-z])[a-z]{5,}(?![a-z])", _repair, "".join(chars))
    return Folded(repaired, text, tuple(index))


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every clause: between punctuation and the words that open a new one."""
    spans, start = [], 0
    for brk in CLAUSE_BREAK.finditer(text):
        if brk.start() > start:
            spans.append((start, brk.start()))
        start = brk.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _list_tail(
    text: str,
    spans: Sequence[tuple[int, int]],
    end: int,
    mentions: Sequence[Mention],
    order: list[int],
) -> list[int]:
    """Mentions of the next clause when it only ends a list: "no fluid, crowds or physics"."""
    following = [s for s in spans if s[0] >= end][:1]
    if not following or not re.fullmatch(r"[,，]\s*", text[end : following[0][0]]):
        return []
    lo, hi = following[0]
    inside = [i for i in order if lo <= mentions[i].start < hi]
    tail = text[lo:hi]
    opens = inside and not text[lo : mentions[inside[0]].start].strip()
    return inside if opens and _LIST_END.search(tail) else []


def _a_not_a(text: str, neg: re.Match[str]) -> bool:
    """True for a Chinese A-not-A question ("能不能", "有没有", "是不是"): it negates nothing."""
    before, after = text[neg.start() - 1 : neg.start()], text[neg.end() : neg.end() + 1]
    return neg[0] in ("不", "没") and before != "" and before == after


def _joined(gap: str) -> bool:
    """True when two mentions are one list: adjacent, or joined by "or", "和", "这类"..."""
    return not gap.strip(" -") or (len(gap) <= 20 and COORDINATOR.search(gap) is not None)


def _clause(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next((s for s in spans if s[0] <= pos < s[1]), (pos, pos + 1))


def negated(text: str, mentions: Sequence[Mention]) -> set[int]:
    """Indices of the mentions a negation reaches, clause by clause."""
    spans = clause_spans(text)
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)

    def inside(m: re.Match[str]) -> bool:
        return any(x.start <= m.start() < x.end for x in mentions)

    def run(indices: list[int]) -> list[int]:
        """The first mention and the same field's mentions coordinated with it, if negatable."""
        if not indices or not mentions[indices[0]].negatable:
            return []
        taken = [indices[0]]
        for i in indices[1:]:
            a, b = sorted((mentions[taken[-1]], mentions[i]), key=lambda m: m.start)
            if mentions[i].field != mentions[indices[0]].field or not _joined(
                text[a.end : b.start]
            ):
                break
            taken.append(i)
        return taken

    hit: set[int] = set()
    for neg in NEGATOR.finditer(text):
        if inside(neg) or _a_not_a(text, neg):
            continue
        lo, hi = _clause(spans, neg.start())
        after = [i for i in order if neg.end() <= mentions[i].start < hi]
        if after:
            hit.update(run(after + _list_tail(text, spans, hi, mentions, order)))
        elif _GENERATES.match(text, neg.end()):  # "手机端不做生成", "the drone doesn't render"
            places = [i for i in order if lo <= mentions[i].start < neg.start()]
            hit.update(i for i in places[-1:] if mentions[i].field == "deployment")
    for post in POST_NEGATOR.finditer(text):
        if inside(post):
            continue
        lo, hi = _clause(spans, post.start())
        if any(post.end() <= mentions[i].start < hi for i in order):
            continue  # "不需要4K": a negator before its cue, handled above
        hit.update(run([i for i in reversed(order) if lo <= mentions[i].start < post.start()]))
    return hit


def role(text: str, mention: Mention) -> str:
    """'generator', 'viewer', 'source' or 'neutral': the nearest role word in the clause."""
    lo, hi = _clause(clause_spans(text), mention.start)
    best: tuple[int, str] = (len(text) + 1, "neutral")
    for name, pattern, reach in _ROLES:
        for marker in pattern.finditer(text, lo, hi):
            if marker.end() <= mention.start and reach in ("both", "after"):
                best = min(best, (mention.start - marker.end(), name))
            elif marker.start() >= mention.end and reach in ("both", "before"):
                best = min(best, (marker.start() - mention.end, name))
    return best[1]
