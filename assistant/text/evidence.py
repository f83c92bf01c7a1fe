"""The sources an answer rests on, attached by rule rather than left to a 1.5B model.

Three pure steps after the prose is written:
1. `quotes`: for each section the answer uses (the Decision's findings, the passages the model
   was given), the one sentence that shares most with the prose: the sources panel
   highlights it, and its section is cited whether or not the prose wrote the id.
2. `key_quote`: the sentence of the given passages that best answers the question: one that
   states an amount when it asks for a quantity ("how much", "多少"), else a close match.
3. `carried`: the prose, with that sentence appended as a cited quote when the prose lost
   one of its figures or names, so a required fact always reaches the user in the source's
   own words; a refusal ("not in my knowledge base") despite such a sentence gives way to it.
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
# An amount without digits: "that may take weeks", "可能要数周".
_AMOUNT_WORD = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?)\b|秒|分钟|小时|天|周|个月", re.IGNORECASE
)
# A proper name (Snapdragon, TensorRT) or a model number (H100, 310B; not 720P, 4K, 10W).
_NAME = re.compile(
    r"\b[A-Z][a-z]+(?:[A-Z][a-z]*)*\b"
    r"|(?<![A-Za-z0-9])(?:[A-Z]+\d+[A-Z]*|\d+[ABCDEFGHIJLMNOQRTUVXYZ])(?![A-Za-z0-9])"
)
# Questions that ask for a name, the way "how much" asks for an amount.
_ASKS_NAME = re.compile(
    r"\bwhich (?:\w+ ){0,2}(?:chips?|cards?|socs?|models?|brands?|products?|hardware)\b|\bname\b"
    r"|哪款|哪种芯片|哪些芯片|哪个型号|什么型号|举.{0,4}例|举的是",
    re.IGNORECASE,
)
# How the model says the passages do not hold the answer (the factual prompt asks it to).
_REFUSAL = re.compile(
    r"not in (?:my|the) knowledge base|no information|(?:do|does) not (?:mention|say|contain)"
    r"|知识库中没有|没有这方面|没有提到|未提及|没有相关",
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


def best_sentence(passage: Passage, words: set[str]) -> tuple[int, str]:
    """The passage's sentence sharing most words with `words`."""
    best = (0, "")
    for sentence in sentences(passage.text):
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


def names(text: str) -> set[str]:
    """Proper names a sentence states mid-sentence (Snapdragon, TensorRT), lower-cased."""
    body = re.sub(r"^\W*\w+", "", text)  # a sentence's first word is capitalised anyway
    return {n.lower() for n in _NAME.findall(body)}


def facts(text: str) -> set[str]:
    """What a key sentence must not lose: its numbers and its proper names."""
    return numbers(text) | names(text)


def refuses(prose: str) -> bool:
    """True when the prose says the knowledge base does not hold the answer."""
    return bool(_REFUSAL.search(prose))


def key_quote(
    question: str, passages: Sequence[Passage], *, factual: bool = False, follows: str = ""
) -> Quote | None:
    """The sentence of the given passages that best answers the question: one that states an
    amount for a quantity question, a name for a "which chip" question, for any factual
    question a close match (three shared words); so its figures and names reach the answer.
    A follow-up's words count with those of the question it `follows`, but the sentence
    must share one with the follow-up itself (it answers that, not the question before)."""
    quantity = asks_quantity(question)
    wants_name = bool(_ASKS_NAME.search(question))
    if not (quantity or factual):
        return None
    own = set(tokenize(question)) | numbers(question)
    words = own | set(tokenize(follows)) | numbers(follows)
    best = (0, "", "")
    for passage in passages:
        for sentence in sentences(passage.text):
            amount = bool(numbers(sentence)) or bool(_AMOUNT_WORD.search(sentence))
            if (quantity and not amount) or (wants_name and not names(sentence)):
                continue  # it cannot answer what is asked
            tokens = tokenize(sentence)
            if follows and not _overlap(tokens, own):
                continue  # about the earlier question only
            score = _overlap(tokens, words) + len(numbers(sentence) & words)
            score += int(quantity)  # it states the kind of thing asked for
            if score > best[0]:
                best = (score, sentence, passage.section_id)
    score, sentence, section = best
    return Quote(section, sentence) if score >= (2 if quantity or wants_name else 3) else None


def carried(prose: str, key: Quote | None, lang: str) -> str:
    """The prose, ending with the key quote (cited) when it lost one of the quote's facts;
    a refusal despite a matching sentence gives way to that sentence."""
    if key is None:
        return prose
    quote = f"{QUOTE_LABEL[lang]} [{key.section_id}]: “{key.sentence}”"
    if refuses(prose) and quote not in prose:
        return quote
    lost = numbers(key.sentence) - numbers(prose)
    lost |= {n for n in names(key.sentence) if n not in prose.lower()}
    if not lost or quote in prose:
        return prose
    return f"{prose}\n\n{quote}"


def unsupported_figures(prose: str, sources: Iterable[str]) -> list[str]:
    """Figures with a unit in the prose that none of `sources` states, in order, each once."""
    known = set().union(*(numbers(s) for s in sources))
    stated = [m.group(1) for m in _FIGURE.finditer(prose)]
    return list(dict.fromkeys(n for n in stated if n not in known))
