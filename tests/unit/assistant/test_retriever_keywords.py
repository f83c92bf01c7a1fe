"""BM25 reads a Chinese section's topics as its keywords (the words users ask with)."""

from __future__ import annotations

from typing import Any

from assistant.adapters.retriever import HybridRetriever, RetrievalOptions


class _Store:
    """The two calls the sparse side makes on a LangChain Chroma store."""

    def __init__(self, chunks: list[tuple[str, str, dict[str, Any]]]) -> None:
        self.chunks = chunks
        self._collection = self

    def count(self) -> int:
        return len(self.chunks)

    def get(self, include: list[str]) -> dict[str, list[Any]]:
        return {
            "ids": [c[0] for c in self.chunks],
            "documents": [c[1] for c in self.chunks],
            "metadatas": [c[2] for c in self.chunks],
        }


def _chunk(section: str, lang: str, text: str, topics: str) -> tuple[str, str, dict[str, Any]]:
    meta = {"section_id": section, "lang": lang, "topics": topics, "chunk_index": 0}
    return f"{lang}/{section}", text, meta


CHUNKS = [
    _chunk("pitfall.npu-not-universal", "zh", "时长达到 5 分钟及以上时必须用 GPU。", "避坑,长视频"),
    _chunk("scenario.professional", "zh", "专业级视频制作优先 GPU,视频时长较长。", "场景,专业级"),
    _chunk("pitfall.npu-not-universal", "en", "Five minutes or longer needs a GPU.", "long-video"),
    _chunk("scenario.professional", "en", "Professional video production prefers a GPU.", "film"),
]


def _sections(question: str, lang: str, options: RetrievalOptions) -> list[str]:
    retriever = HybridRetriever(_Store(CHUNKS), options=options)
    return list(dict.fromkeys(p.section_id for p in retriever.retrieve(question, lang, 4)))


def test_a_chinese_topic_missing_from_the_body_still_finds_its_section() -> None:
    question = "长视频交给 NPU 靠谱吗？"
    assert _sections(question, "zh", RetrievalOptions(dense=False))[0] == (
        "pitfall.npu-not-universal"
    )
    without = RetrievalOptions(dense=False, keyword_languages=frozenset())
    assert _sections(question, "zh", without)[0] == "scenario.professional"


def test_english_topics_are_slugs_and_not_search_terms_by_default() -> None:
    assert _sections("film", "en", RetrievalOptions(dense=False)) == []
    everywhere = RetrievalOptions(dense=False, keyword_languages=None)
    assert _sections("film", "en", everywhere) == ["scenario.professional"]
