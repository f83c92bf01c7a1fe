"""Hybrid retrieval: dense (embedder + Chroma) fused with BM25 by reciprocal rank.

The packaged embedder is English-only, so Chinese questions lean on BM25 over jieba tokens;
English ones get both. Passages in the question's language are preferred, not required.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.settings import Settings
from assistant.text.ranking import DENSE_CANDIDATES, MIN_DENSE_SIMILARITY, fuse, tokenize
from assistant.types import Passage

if TYPE_CHECKING:
    from ingest.config import IngestConfig
    from ingest.embeddings import SentenceEmbeddings


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


def from_settings(
    settings: Settings, config: IngestConfig, embeddings: SentenceEmbeddings
) -> HybridRetriever:
    """The retriever over the configured store as it is (start-up fills an empty one)."""
    from ingest.store import open_store

    return HybridRetriever(open_store(config, embeddings), min_score=settings.min_score)
