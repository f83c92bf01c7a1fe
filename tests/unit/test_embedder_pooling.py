"""The ONNX embedder pools as the model folder declares, and refuses what it cannot do."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ingest.onnx_runtime import ExportError, OnnxEncoder, pooling_of, weights_digest


def _folder(tmp_path: Path, pooling: dict[str, bool] | None) -> Path:
    modules = [{"idx": 0, "path": "", "type": "sentence_transformers.models.Transformer"}]
    if pooling is not None:
        modules.append(
            {"idx": 1, "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}
        )
        (tmp_path / "1_Pooling").mkdir()
        (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    return tmp_path


@pytest.mark.parametrize(
    ("pooling", "expected"),
    [({"pooling_mode_mean_tokens": True}, "mean"), ({"pooling_mode_cls_token": True}, "cls")],
)
def test_pooling_follows_the_folder(tmp_path: Path, pooling, expected) -> None:  # type: ignore[no-untyped-def]
    assert pooling_of(_folder(tmp_path, pooling)) == expected


@pytest.mark.parametrize("pooling", [None, {"pooling_mode_max_tokens": True}])
def test_an_unsupported_pooling_is_an_export_error(tmp_path: Path, pooling) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ExportError):
        pooling_of(_folder(tmp_path, pooling))


def test_the_cache_key_changes_with_the_weights(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"pooling_mode_mean_tokens": True})
    (folder / "model.safetensors").write_bytes(b"one")
    before = weights_digest(folder)
    (folder / "model.safetensors").write_bytes(b"two")
    assert weights_digest(folder) != before


class _Session:
    """An ONNX session double: each token's state is (its id, 1, 0)."""

    def get_inputs(self):  # type: ignore[no-untyped-def]
        return [type("Input", (), {"name": n})() for n in ("input_ids", "attention_mask")]

    def run(self, _outputs, feeds):  # type: ignore[no-untyped-def]
        ids = feeds["input_ids"].astype(np.float32)
        return [np.stack([ids, np.ones_like(ids), np.zeros_like(ids)], axis=2)]


def test_mean_pooling_ignores_padding(tmp_path: Path) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers

    folder = _folder(tmp_path, {"pooling_mode_mean_tokens": True})
    tokenizer = Tokenizer(models.WordLevel({"[PAD]": 0, "a": 1, "b": 3}, unk_token="[PAD]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.save(str(folder / "tokenizer.json"))
    encoder = OnnxEncoder(folder, folder / "unused.onnx")
    encoder.__dict__["session"] = _Session()
    together = encoder.encode(["a b", "b"])
    alone = encoder.encode(["b"])
    # "b" alone and "b" padded next to a longer text pool to the same unit vector.
    np.testing.assert_allclose(together[1], alone[0], atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-6)
    assert encoder.count_tokens("a b b") == 3
