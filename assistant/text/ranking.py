"""Pure ranking: BM25 tokens (jieba for Chinese) and reciprocal-rank fusion, language-aware."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from assistant.types import Passage

RRF_K = 60
DENSE_CANDIDATES = 20
OTHER_LANGUAGE_WEIGHT = 0.75
MAX_PER_SECTION = 2
MIN_DENSE_SIMILARITY = 0.25  # below this a dense hit is noise (cosine similarity)
_WORD = re.compile(r"[\w\u3400-\u9fff]+")
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
}


def tokenize(text: str) -> list[str]:
    """Words for BM25: jieba splits Chinese, English is lower-cased; stopwords dropped."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokens: list[str] = []
    for piece in _WORD.findall(text.lower()):
        words = jieba.lcut_for_search(piece) if re.search(r"[\u3400-\u9fff]", piece) else [piece]
        tokens += [w for w in words if w.strip() and w not in _STOPWORDS]
    return tokens


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
