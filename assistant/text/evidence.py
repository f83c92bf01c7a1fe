"""The sources an answer rests on, attached by rule rather than left to a 1.5B model.

Three pure steps after the prose is written:
1. `quotes`: for each section the answer uses (the Decision's findings, the passages the model
   was given), the one sentence that shares most with the prose: the sources panel
   highlights it, and its section is cited whether or not the prose wrote the id.
2. `key_quote`: when the question asks for a quantity ("how much", "多少"), the sentence of the
   given passages that best answers it and states a figure.
3. `carried`: the prose, with that sentence appended as a cited quote when the prose lost
   its figure, so a required figure always reaches the user, in the source's own words.
`unsupported_figures` is the guard's check the other way: a figure with a unit in the prose
that no source, finding or question states.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.rules.decision import Decision
from assistant.rules.wording import finding_text
from assistant.text.ranking import tokenize
from assistant.types import Passage, Quote

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\"'(*\[])|(?<=[。！？；])")
_FRONT_MATTER = re.compile(r"^(?:---|[a-z_]+: )")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# A figure the guard checks: a number with a unit, a multiplier or a percentage.
_FIGURE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:%|×|x\b|倍|wh\b|w\b|watts?|ms\b|s\b|seconds?|秒|分钟|minutes?|"
    r"hours?|小时|gb\b|fps\b|帧)",
    re.IGNORECASE,
)
_ASKS_QUANTITY = re.compile(
    r"\bhow (?:much|many|long|fast|big|large|efficient|quick|slow)\b|\bwhat (?:share|"
    r"percentage|fraction|latency|power|speed|efficiency)\b|多少|多大|多长|多久|多快|几倍|"
    r"几秒|几分钟|百分之几|多高",
    re.IGNORECASE,
)
QUOTE_LABEL = {"en": "From", "zh": "出处"}


def sentences(text: str) -> list[str]:
    """The sentences of a passage, line by line (a list item is its own sentence), without
    headings, list marks or emphasis."""
    found = []
    for line in text.splitlines():
        if line.lstrip().startswith("#") or _FRONT_MATTER.match(line):
            continue
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line).replace("**", "").strip()
        found += [s.strip() for s in _SENTENCE_END.split(line) if len(s.strip()) > 3]
    return found


def numbers(text: str) -> set[str]:
    """The numbers a text states, as written ("0.5", "2", "720")."""
    return {n.replace(",", ".") for n in _NUMBER.findall(text)}


def asks_quantity(question: str) -> bool:
    """True when the question asks for a figure: how much, how long, 多少, 几倍…"""
    return bool(_ASKS_QUANTITY.search(question))


def _stem(word: str) -> str:
    """A light English stem, so "efficient" meets "efficiency" (Chinese words are kept)."""
    return word[:6] if word.isascii() and len(word) > 6 else word


def _overlap(a: Iterable[str], b: set[str]) -> int:
    return len({_stem(w) for w in a} & {_stem(w) for w in b})


def best_sentence(passage: Passage, words: set[str], *, figure: bool = False) -> tuple[int, str]:
    """The passage's sentence sharing most words with `words` (with a figure, if asked)."""
    best = (0, "")
    for sentence in sentences(passage.text):
        if figure and not numbers(sentence):
            continue
        score = _overlap(tokenize(sentence), words) + len(numbers(sentence) & words)
        if score > best[0]:
            best = (score, sentence)
    return best


def quotes(
    prose: str, passages: Sequence[Passage], decision: Decision | None, lang: str
) -> list[Quote]:
    """One quote per section the answer rests on: the findings' sections, then passages."""
    words = set(tokenize(prose)) | numbers(prose)
    found: dict[str, Quote] = {}
    if decision is not None:
        for f in (*decision.reasons, *decision.warnings):
            found.setdefault(f.section_id, Quote(f.section_id, finding_text(f, lang)))
    for passage in passages:
        score, sentence = best_sentence(passage, words)
        if score >= 2 and passage.section_id not in found:
            found[passage.section_id] = Quote(passage.section_id, sentence)
    return list(found.values())


def key_quote(question: str, passages: Sequence[Passage]) -> Quote | None:
    """The figure the question asks for: the best-matching sentence with a number, if any."""
    if not asks_quantity(question):
        return None
    words = set(tokenize(question)) | numbers(question)
    scored = [(best_sentence(p, words, figure=True), p.section_id) for p in passages]
    (score, sentence), section = max(scored, key=lambda s: s[0][0], default=((0, ""), ""))
    return Quote(section, sentence) if score >= 1 else None


def carried(prose: str, key: Quote | None, lang: str) -> str:
    """The prose, ending with the key quote (cited) when it lost one of the quote's figures."""
    if key is None or numbers(key.sentence) <= numbers(prose):
        return prose
    return f"{prose}\n\n{QUOTE_LABEL[lang]} [{key.section_id}]: “{key.sentence}”"


def unsupported_figures(prose: str, sources: Iterable[str]) -> list[str]:
    """Figures with a unit in the prose that none of `sources` states, in order, each once."""
    known = set().union(*(numbers(s) for s in sources))
    stated = [m.group(1) for m in _FIGURE.finditer(prose)]
    return list(dict.fromkeys(n for n in stated if n not in known))
