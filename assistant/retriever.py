"""Hybrid retrieval: dense (embedder + Chroma) fused with BM25 by reciprocal rank.

The packaged embedder is English-only, so Chinese questions lean on BM25 over jieba tokens;
English ones get both. Passages in the question's language are preferred, not required.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

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


class Retriever(Protocol):
    """What the pipeline needs: passages for a question, best first."""

    def retrieve(self, question: str, language: str, k: int) -> list[Passage]: ...


def tokenize(text: str) -> list[str]:
    """Words for BM25: jieba splits Chinese, English is lower-cased; stopwords dropped."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokens: list[str] = []
    for piece in _WORD.findall(text.lower()):
        words = jieba.lcut_for_search(piece) if re.search(r"[\u3400-\u9fff]", piece) else [piece]
        tokens += [w for w in words if w.strip() and w not in _STOPWORDS]
    return tokens


@dataclass
class _Corpus:
    ids: list[str]
    documents: list[str]
    metadatas: list[dict[str, Any]]
    bm25: Any


class HybridRetriever:
    """Dense + BM25 over one Chroma collection (a LangChain `Chroma` store)."""

    def __init__(self, store: Any, *, min_score: float = 0.0, dense_only: bool = False) -> None:
        self.store = store
        self.min_score = min_score
        self.dense_only = dense_only
        self._corpus: _Corpus | None = None
        self._corpus_count = -1
        self._lock = threading.Lock()

    def count(self) -> int:
        return int(self.store._collection.count())

    def _bm25(self) -> _Corpus:
        """The BM25 index, rebuilt when the collection changed size."""
        from rank_bm25 import BM25Okapi

        with self._lock:
            count = self.count()
            if self._corpus is None or count != self._corpus_count:
                got = self.store.get(include=["documents", "metadatas"])
                docs = [d or "" for d in got["documents"]]
                tokens = [tokenize(d) or ["_"] for d in docs]
                self._corpus = _Corpus(got["ids"], docs, got["metadatas"], BM25Okapi(tokens))
                self._corpus_count = count
            return self._corpus

    def _dense(self, question: str) -> list[tuple[str, str, dict[str, Any], float]]:
        hits = self.store.similarity_search_with_relevance_scores(question, k=DENSE_CANDIDATES)
        return [
            (doc.id, doc.page_content, doc.metadata, float(score))
            for doc, score in hits
            if score >= MIN_DENSE_SIMILARITY
        ]

    def _sparse(self, question: str) -> list[tuple[str, str, dict[str, Any], float]]:
        corpus = self._bm25()
        query = tokenize(question)
        if not query or not corpus.ids:
            return []
        scores = corpus.bm25.get_scores(query)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], corpus.ids[i]))
        return [
            (corpus.ids[i], corpus.documents[i], corpus.metadatas[i], float(scores[i]))
            for i in order[:DENSE_CANDIDATES]
            if scores[i] > 0
        ]

    def retrieve(self, question: str, language: str, k: int) -> list[Passage]:
        if self.count() == 0:
            return []
        rankings = [self._dense(question)]
        if not self.dense_only:
            rankings.append(self._sparse(question))
        return fuse(rankings, language, k, self.min_score)


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


def from_settings(settings: Any, *, warn: Callable[[str], None] | None = None) -> HybridRetriever:
    """The retriever over the configured store; an empty store gets the bundled knowledge."""
    from ingest.embeddings import SentenceEmbeddings
    from ingest.pipeline import ingest_paths
    from ingest.store import open_store

    embeddings = SentenceEmbeddings(settings.embedding_model, settings.embed_batch_size)
    store = open_store(settings, embeddings)
    retriever = HybridRetriever(store, min_score=settings.min_score)
    if retriever.count() == 0:
        (warn or _stderr)(
            f"chipwise: the knowledge store is empty; ingesting {settings.knowledge_dir} first "
            "(one time, about a minute)."
        )
        ingest_paths(
            [settings.knowledge_dir],
            settings,
            embeddings=embeddings,
            progress=False,
            warn=warn or _stderr,
        )
    return retriever


def _stderr(message: str) -> None:
    import sys

    print(message, file=sys.stderr, flush=True)
