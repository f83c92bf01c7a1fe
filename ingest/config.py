"""What ingest needs to know, handed in by whoever starts it; ingest reads no settings itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DetectLanguage = Callable[[str], str]


@dataclass(frozen=True)
class IngestConfig:
    """Where the store lives, which embedder fills it, and how a file's language is told."""

    data_dir: Path
    # Used when a file's front matter names no `lang`; returns "en" or "zh".
    detect_language: DetectLanguage
    collection: str = "chipwise"
    chroma_url: str | None = None
    embedding_model: str | None = None
    embed_batch_size: int = 32
    # Where the embedder's checked ONNX export is kept (None: ~/.cache/chipwise/embedders).
    embedder_cache_dir: Path | None = None

    @property
    def chroma_dir(self) -> Path:
        """The embedded store's folder (unused with a Chroma server)."""
        return self.data_dir / "chroma"
