"""Hybrid retrieval: dense (embedder + Chroma) fused with BM25 by reciprocal rank.

The packaged embedder is English-only, so Chinese questions lean on BM25 over jieba tokens
(a Chinese section's topics count as its keywords); English ones get both. The EN and ZH files of a section share its id, so a match in either
language returns the section in the question's language (measured in bench/retrieval.py).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.settings import Settings
from assistant.text.ranking import (
    DENSE_CANDIDATES,
    MIN_DENSE_SIMILARITY,
    domain_words,
    fuse,
    fuse_sections,
    keyworded,
    section_passages,
    tokenize,
)
from assistant.types import Passage

if TYPE_CHECKING:
    from ingest.config import IngestConfig
    from ingest.embeddings import SentenceEmbeddings


@dataclass(frozen=True)
class RetrievalOptions:
    """The knobs bench/retrieval.py compares; the defaults are the measured best."""

    dense: bool = True
    # the packaged MiniLM reads English only: its ranking of a Chinese question is noise
    dense_languages: frozenset[str] | None = frozenset({"en"})
    sparse: bool = True
    shared_sections: bool = True  # fuse by section id across languages
    other_language_weight: float = 1.0  # for shared_sections; fuse() has its own
    domain_words: bool = True  # the knowledge's Chinese topics as a jieba dictionary
    # Sections whose topics BM25 reads as keywords (None: all). Chinese topics are the words
    # users ask with (长视频, 部署环境) where the body words it otherwise; English topics are
    # slugs (data-center, how-to) and measured worse as search terms (bench/retrieval.py).
    keyword_languages: frozenset[str] | None = frozenset({"zh"})
    # BM25's votes in the fusion: alone it ranks better than MiniLM (EN hit@1 0.76 vs 0.64);
    # neutral over the retrieval set and the held-out one together (bench/retrieval.py)
    sparse_weight: float = 1.25
    # index the label of chipwise's own advice as words (it made "chipwise" find every note)
    index_labels: bool = False
    k1: float = 1.5
    b: float = 0.75
    # English words reduced to their stems for BM25 ("steps" meets "step"); Chinese untouched.
    stem_english: bool = True


@dataclass
class _Corpus:
    ids: list[str]
    documents: list[str]
    metadatas: list[dict[str, Any]]
    bm25: Any
    words: frozenset[str]


class HybridRetriever:
    """Dense + BM25 over one Chroma collection (a LangChain `Chroma` store)."""

    def __init__(
        self,
        store: Any,
        *,
        min_score: float = 0.0,
        dense_only: bool = False,
        options: RetrievalOptions | None = None,
    ) -> None:
        self.store = store
        self.min_score = min_score
        self.options = options or RetrievalOptions(sparse=not dense_only)
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
                metas = [m or {} for m in got["metadatas"]]
                words = (
                    domain_words(str(m.get("topics", "")) for m in metas)
                    if self.options.domain_words
                    else frozenset()
                )
                texts = [
                    keyworded(d, m, self.options.keyword_languages, self.options.index_labels)
                    for d, m in zip(docs, metas, strict=True)
                ]
                tokens = [tokenize(t, words, self.options.stem_english) or ["_"] for t in texts]
                bm25 = BM25Okapi(tokens, k1=self.options.k1, b=self.options.b)
                self._corpus = _Corpus(got["ids"], docs, metas, bm25, words)
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
        query = tokenize(question, corpus.words, self.options.stem_english)
        if not query or not corpus.ids:
            return []
        scores = corpus.bm25.get_scores(query)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], corpus.ids[i]))
        return [
            (corpus.ids[i], corpus.documents[i], corpus.metadatas[i], float(scores[i]))
            for i in order[:DENSE_CANDIDATES]
            if scores[i] > 0
        ]

    def sections(self, section_ids: Sequence[str], language: str) -> list[Passage]:
        corpus = self._bm25()
        chunks = list(zip(corpus.ids, corpus.documents, corpus.metadatas, strict=True))
        return section_passages(chunks, section_ids, language)

    def retrieve(self, question: str, language: str, k: int) -> list[Passage]:
        if self.count() == 0:
            return []
        rankings, weights = [], []
        languages = self.options.dense_languages
        if self.options.dense and (languages is None or language in languages):
            rankings.append(self._dense(question))
            weights.append(1.0)
        if self.options.sparse:
            rankings.append(self._sparse(question))
            weights.append(self.options.sparse_weight)
        if not self.options.shared_sections:
            return fuse(rankings, language, k, self.min_score)
        corpus = self._bm25()
        chunks = list(zip(corpus.ids, corpus.documents, corpus.metadatas, strict=True))
        return fuse_sections(
            rankings,
            language,
            k,
            chunks,
            self.min_score,
            self.options.other_language_weight,
            weights,
        )


def from_settings(
    settings: Settings, config: IngestConfig, embeddings: SentenceEmbeddings
) -> HybridRetriever:
    """The retriever over the configured store as it is (start-up fills an empty one)."""
    from ingest.store import open_store

    return HybridRetriever(open_store(config, embeddings), min_score=settings.min_score)
