"""A sentence-transformers model folder run by onnxruntime, so a server embeds without torch.

torch and transformers alone take ~430 MB of a server's memory to embed one query. The folder's
transformer is exported once with torch.onnx (in a child process, so the caller never imports
torch), cached under the digest of its weights, and checked against sentence-transformers'
own vectors before it is kept. Pooling and normalisation follow the folder's `modules.json`.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

EXPORT_TIMEOUT_S = 900
PARITY_TOLERANCE = 1e-4  # max |difference| of normalised vectors against sentence-transformers
_POOLING = "sentence_transformers.models.Pooling"


class ExportError(RuntimeError):
    """The folder could not be exported or its export does not match sentence-transformers."""


def weights_digest(model_path: Path) -> str:
    """A short digest of the folder's weights and configuration (what the export depends on)."""
    digest = hashlib.sha256()
    for name in sorted(p.name for p in model_path.iterdir() if p.is_file()):
        if name.endswith((".safetensors", ".bin", ".json", ".txt")):
            digest.update(name.encode())
            digest.update((model_path / name).read_bytes())
    return digest.hexdigest()[:16]


def exported(model_path: Path, cache_dir: Path) -> Path:
    """The ONNX file for `model_path`, exporting it first if no checked export is cached."""
    target = cache_dir / f"{model_path.name}-{weights_digest(model_path)}.onnx"
    if target.exists():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Another process may export the same file: each writes its own temporary, then renames.
    fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".onnx.part")
    os.close(fd)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ingest.onnx_export", str(model_path), tmp],
            capture_output=True,
            text=True,
            timeout=EXPORT_TIMEOUT_S,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
        )
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise ExportError(lines[-1] if lines else f"exit {done.returncode}")
        os.replace(tmp, target)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ExportError(str(exc)) from exc
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def pooling_of(model_path: Path) -> str:
    """ "mean" or "cls", as the folder's Pooling module declares it (vectors are always
    normalised: chipwise stores unit vectors)."""
    modules = json.loads((model_path / "modules.json").read_text())
    pooling = next((m for m in modules if m.get("type") == _POOLING), None)
    if pooling is None:
        raise ExportError(f"no Pooling module in {model_path / 'modules.json'}")
    config = json.loads((model_path / pooling["path"] / "config.json").read_text())
    if config.get("pooling_mode_mean_tokens"):
        return "mean"
    if config.get("pooling_mode_cls_token"):
        return "cls"
    raise ExportError(f"unsupported pooling in {model_path}: {config}")


def max_seq_length(model_path: Path) -> int:
    """The folder's `max_seq_length` (sentence-transformers truncates there)."""
    config = model_path / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length") or 256)
    return 256


class OnnxEncoder:
    """Tokenise with the folder's tokenizer.json, run the export, pool, normalise."""

    def __init__(self, model_path: Path, onnx_path: Path, threads: int | None = None) -> None:
        self.model_path = model_path
        self.onnx_path = onnx_path
        self.threads = threads or min(2, os.cpu_count() or 1)
        self.max_seq_length = max_seq_length(model_path)
        self.pooling = pooling_of(model_path)

    @cached_property
    def tokenizer(self) -> Any:
        """The tokenizer, without truncation: splitting counts whole texts."""
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return tokenizer

    @cached_property
    def _batch_tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_seq_length)
        tokenizer.enable_padding()
        return tokenizer

    @cached_property
    def session(self) -> Any:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        # No arena: it would keep the largest ingest batch's buffers (~300 MB) for good.
        options.enable_cpu_mem_arena = False
        # Spinning worker threads would take the cores llama.cpp needs right after a query.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(
            str(self.onnx_path), options, providers=["CPUExecutionProvider"]
        )

    def count_tokens(self, text: str) -> int:
        """Word-pieces in `text`, special tokens excluded (as `tokenizer.tokenize` counts)."""
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors of `texts`, one row each."""
        rows = [self._encode(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)]
        return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def _encode(self, texts: list[str]) -> np.ndarray:
        encodings = self._batch_tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        names = {i.name for i in self.session.get_inputs()}
        (hidden,) = self.session.run(None, {k: v for k, v in feeds.items() if k in names})
        if self.pooling == "mean":
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        else:
            pooled = hidden[:, 0]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit
