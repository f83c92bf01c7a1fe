"""Export a sentence-transformers folder's transformer to ONNX and check it (a child process).

Run: python -m ingest.onnx_export MODEL_DIR OUT.onnx — exits 1, naming the problem, if the
export's vectors differ from sentence-transformers' on a few probe texts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.onnx_runtime import PARITY_TOLERANCE, OnnxEncoder, pooling_of

_PROBES = [
    "Should a phone app generate 10-second 720p clips on the NPU?",
    "我们要在云端生成8K、5分钟以上的影视特效视频,用NPU可以吗?",
    "GPU",
    "A long text past the model's limit, which both runtimes truncate alike. " * 30,
]
_INPUTS = ["input_ids", "attention_mask", "token_type_ids"]


def export(model_path: Path, out: Path) -> None:
    """Write the ONNX graph of `model_path`'s transformer (token states out) to `out`."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    class States(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    model = AutoModel.from_pretrained(str(model_path), local_files_only=True).eval()
    sample = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)(
        _PROBES[:2], padding=True, return_tensors="pt"
    )
    axes = {name: {0: "batch", 1: "tokens"} for name in [*_INPUTS, "states"]}
    with torch.no_grad():
        torch.onnx.export(
            States(model),
            tuple(sample[name] for name in _INPUTS),
            str(out),
            input_names=_INPUTS,
            output_names=["states"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )


def parity(model_path: Path, onnx_path: Path) -> float:
    """The largest difference between the export's vectors and sentence-transformers'."""
    from sentence_transformers import SentenceTransformer

    expected = SentenceTransformer(str(model_path), device="cpu", local_files_only=True).encode(
        _PROBES, normalize_embeddings=True
    )
    encoder = OnnxEncoder(model_path, onnx_path)
    batched = encoder.encode(_PROBES)  # padded together, and one by one
    single = [encoder.encode([probe])[0] for probe in _PROBES]
    return float(max(abs(expected - batched).max(), abs(expected - single).max()))


def main(argv: list[str]) -> int:
    model_path, out = Path(argv[0]), Path(argv[1])
    pooling_of(model_path)  # fails early on a pooling the runtime does not implement
    export(model_path, out)
    difference = parity(model_path, out)
    print(f"ONNX export checked: max difference {difference:.1e}", file=sys.stderr)
    if difference > PARITY_TOLERANCE:
        print(
            f"the ONNX export differs from sentence-transformers by {difference:.1e}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
