"""Pure ranking: BM25 tokens (jieba for Chinese) and reciprocal-rank fusion, language-aware."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from assistant.types import Passage

RRF_K = 60
DENSE_CANDIDATES = 20
OTHER_LANGUAGE_WEIGHT = 0.75
MAX_PER_SECTION = 2
MIN_DENSE_SIMILARITY = 0.25  # below this a dense hit is noise (cosine similarity)
_WORD = re.compile(r"[\w\u3400-\u9fff]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
# The label that opens chipwise's own advice in the knowledge: provenance, not content; as a
# search term it made "chipwise" match every labelled chunk before the overview.
_PROVENANCE = re.compile(r"\*\*chipwise(?:'s note:| 补充[：:])\*\*")
_STOPWORDS = {
    "a",
    "an",
    "the",
    "is",
    "are",
    "was",
    "be",
    "to",
    "of",
    "and",
    "or",
    "in",
    "on",
    "for",
    "with",
    "what",
    "which",
    "how",
    "do",
    "does",
    "i",
    "we",
    "our",
    "my",
    "it",
    "should",
    "can",
    "that",
    "this",
    "you",
    "your",
    "me",
    "use",
    "run",
    "的",
    "了",
    "是",
    "吗",
    "呢",
    "我",
    "我们",
    "用",
    "在",
    "和",
    "还是",
    "什么",
    "应该",
    "一个",
    # question and function words: every question has them, no passage is about them
    "要",
    "哪",
    "哪些",
    "哪种",
    "哪个",
    "几种",
    "哪几种",
    "怎么",
    "怎么办",
    "如何",
    "多久",
    "多少",
    "多长",
    "多大",
    "时候",
    "说",
    "想",
    "能",
    "会",
    "吧",
    "啊",
    "把",
    "给",
    "让",
    "就",
    "都",
    "也",
    "还",
    "这",
    "那",
    "这个",
    "那个",
    "这些",
    "有",
    "没有",
    "不",
    "到",
    "从",
    "对",
    "可以",
}


def tokenize(text: str, words: frozenset[str] = frozenset(), stem: bool = False) -> list[str]:
    """Words for BM25: jieba splits Chinese, English is lower-cased; stopwords dropped.

    `words` are domain terms (the knowledge's topics) kept whole, so a question's 避坑 or
    视频生成 meets the same token in the passage instead of two looser halves. With `stem`,
    English words are reduced to their Snowball stems, so "steps" meets "step".
    """
    tokens: list[str] = []
    cut = _segmenter(words)
    for piece in _WORD.findall(text.lower()):
        pieces = cut(piece) if _HAN.search(piece) else [piece]
        tokens += [w for w in pieces if w.strip() and w not in _STOPWORDS]
    return [_stem(t) for t in tokens] if stem else tokens


_STEM_LOCK = threading.Lock()


@functools.lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    """An English word's Snowball stem; Chinese words as they are."""
    if _HAN.search(word):
        return word
    with _STEM_LOCK:  # a Snowball stemmer keeps its state on the object while it works
        return str(_english_stemmer().stemWord(word))


@functools.lru_cache(maxsize=1)
def _english_stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=8)
def _segmenter(words: frozenset[str]) -> Callable[[str], list[str]]:
    """jieba's search-mode cut, with `words` added to a private dictionary (not the global one)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer() if words else jieba.dt  # the default dictionary is shared
    for word in sorted(words):
        segmenter.add_word(word.lower())
    cut: Callable[[str], list[str]] = segmenter.lcut_for_search
    return cut


def domain_words(topics: Iterable[str]) -> frozenset[str]:
    """The Chinese terms among comma-separated topic lists, for `tokenize`."""
    return frozenset(
        t.strip().lower() for line in topics for t in line.split(",") if _HAN.search(t)
    )


def keyworded(
    text: str, meta: dict[str, Any], languages: frozenset[str] | None, labels: bool = False
) -> str:
    """The text BM25 indexes: a chunk's section topics first, for sections in `languages`.

    Without `labels`, the label that marks chipwise's own advice is left out.
    """
    text = text if labels else _PROVENANCE.sub(" ", text)
    if languages is not None and meta.get("lang") not in languages:
        return text
    topics = str(meta.get("topics", "")).replace(",", " ")
    return f"{topics}\n{text}" if topics.strip() else text


def fuse(
    rankings: Sequence[Sequence[tuple[str, str, dict[str, Any], float]]],
    language: str,
    k: int,
    min_score: float = 0.0,
    weight: Callable[[dict[str, Any], str], float] | None = None,
) -> list[Passage]:
    """Reciprocal-rank fusion, the question's language preferred, ≤ 2 chunks per section."""
    weigh = weight or (
        lambda meta, lang: 1.0 if meta.get("lang") == lang else OTHER_LANGUAGE_WEIGHT
    )
    fused: dict[str, float] = {}
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for ranking in rankings:
        for rank, (cid, text, meta, _score) in enumerate(ranking):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
            found[cid] = (text, meta)
    scored = sorted(
        ((score * weigh(found[cid][1], language), cid) for cid, score in fused.items()),
        key=lambda pair: (-pair[0], pair[1]),
    )
    passages: list[Passage] = []
    per_section: dict[str, int] = {}
    for score, cid in scored:
        text, meta = found[cid]
        section = str(meta.get("section_id", ""))
        if score < min_score or per_section.get(section, 0) >= MAX_PER_SECTION:
            continue
        per_section[section] = per_section.get(section, 0) + 1
        passages.append(
            Passage(
                chunk_id=cid,
                section_id=section,
                title=str(meta.get("title", "")),
                path=str(meta.get("source", "")),
                lang=str(meta.get("lang", "")),
                text=text,
                score=score,
            )
        )
        if len(passages) == k:
            break
    return passages


Hit = tuple[str, str, dict[str, Any], float]


def fuse_sections(
    rankings: Sequence[Sequence[Hit]],
    language: str,
    k: int,
    chunks: Sequence[tuple[str, str, dict[str, Any]]],
    min_score: float = 0.0,
    other_language_weight: float = 1.0,
    weights: Sequence[float] = (),
) -> list[Passage]:
    """Reciprocal-rank fusion over section ids, answered in the question's language.

    The EN and ZH files of a section share its id, so a hit in either language counts for
    the section; the passages returned are that section's chunks in `language` (the best
    ranked first), in the other language only when the section has none in `language`.
    `weights` scale each ranking's votes (1.0 for a ranking without one).
    """
    section_score: dict[str, float] = {}
    chunk_score: dict[str, float] = {}
    closeness: dict[str, float] = {}  # breaks ties: each ranking's score over its best
    for index, ranking in enumerate(rankings):
        vote = weights[index] if index < len(weights) else 1.0
        order: dict[str, float] = {}
        top = max((hit[3] for hit in ranking), default=0.0)
        best_in: dict[str, float] = {}
        for rank, (cid, _text, meta, raw) in enumerate(ranking):
            chunk_score[cid] = chunk_score.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
            section = str(meta.get("section_id", ""))
            if top > 0:
                best_in[section] = max(best_in.get(section, 0.0), raw / top)
            weight = 1.0 if meta.get("lang") == language else other_language_weight
            order.setdefault(section, 0.0)
            order[section] = max(order[section], weight)
        for rank, (section, weight) in enumerate(order.items()):
            section_score[section] = section_score.get(section, 0.0) + (
                vote * weight / (RRF_K + rank + 1)
            )
        for section, close in best_in.items():
            closeness[section] = closeness.get(section, 0.0) + close
    by_section: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for cid, text, meta in chunks:
        by_section.setdefault(str(meta.get("section_id", "")), []).append((cid, text, meta))
    passages: list[Passage] = []
    # Two rankings that swap two sections tie them in rank fusion; the section each ranking
    # scored closer to its best goes first (the id order used to decide).
    ranked = sorted(section_score.items(), key=lambda p: (-p[1], -closeness.get(p[0], 0.0), p[0]))
    for section, score in ranked:
        if score < min_score:
            break
        own = by_section.get(section, [])
        wanted = [c for c in own if c[2].get("lang") == language] or own
        best = sorted(wanted, key=lambda c: (-chunk_score.get(c[0], 0.0), _index(c[2])))
        for cid, text, meta in best[:MAX_PER_SECTION]:
            passages.append(_passage(cid, text, meta, score))
            if len(passages) == k:
                return passages
    return passages


def section_passages(
    chunks: Sequence[tuple[str, str, dict[str, Any]]], section_ids: Sequence[str], language: str
) -> list[Passage]:
    """Every chunk of the named sections, in the asker's language where it has one, in order."""
    passages: list[Passage] = []
    for section in dict.fromkeys(section_ids):
        own = [c for c in chunks if c[2].get("section_id") == section]
        wanted = [c for c in own if c[2].get("lang") == language] or own
        for cid, text, meta in sorted(wanted, key=lambda c: (str(c[2].get("lang")), _index(c[2]))):
            passages.append(_passage(cid, text, meta, 0.0))
    return passages


def _passage(cid: str, text: str, meta: dict[str, Any], score: float) -> Passage:
    return Passage(
        chunk_id=cid,
        section_id=str(meta.get("section_id", "")),
        title=str(meta.get("title", "")),
        path=str(meta.get("source", "")),
        lang=str(meta.get("lang", "")),
        text=text,
        score=score,
    )


def _index(meta: dict[str, Any]) -> int:
    value = meta.get("chunk_index", 0)
    return value if isinstance(value, int) else 0
