"""The ONNX embedder gives sentence-transformers' vectors, and a server never loads torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from ingest.embeddings import SentenceEmbeddings, TorchEncoder
from ingest.onnx_runtime import ExportError, OnnxEncoder

REPO = Path(__file__).resolve().parents[2]


def _knowledge_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "knowledge").rglob("*.md"))]


def test_onnx_vectors_and_counts_match_sentence_transformers(embedder) -> None:
    assert isinstance(embedder.encoder, OnnxEncoder)
    texts = [line for text in _knowledge_texts() for line in text.splitlines() if line.strip()]
    torch = TorchEncoder(embedder.model_path)
    np.testing.assert_allclose(
        embedder.encoder.encode(texts), torch.encode(texts), atol=1e-4, rtol=0
    )
    whole = _knowledge_texts()
    assert [embedder.count_tokens(t) for t in whole] == [torch.count_tokens(t) for t in whole]


def test_a_failed_export_falls_back_to_sentence_transformers(monkeypatch, tmp_path) -> None:
    def fail(*_a: object) -> Path:
        raise ExportError("no exporter here")

    monkeypatch.setattr("ingest.onnx_runtime.exported", fail)
    warnings: list[str] = []
    embeddings = SentenceEmbeddings(cache_dir=tmp_path, warn=warnings.append)
    assert isinstance(embeddings.encoder, TorchEncoder)
    assert len(embeddings.embed_query("GPU or NPU?")) == 384
    assert any("no exporter here" in w and "sentence-transformers" in w for w in warnings)


def test_answering_a_retrieval_loads_no_torch(real_settings) -> None:
    code = (
        "import sys\n"
        "from assistant import Settings\n"
        "from assistant.startup import open_retriever\n"
        f"settings = Settings(data_dir={str(real_settings.data_dir)!r})\n"
        "assert open_retriever(settings).retrieve('GPU or NPU for a phone app?', 'en', 3)\n"
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') "
        "if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
