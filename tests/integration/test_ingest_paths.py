"""Odd paths never abort an ingest: each is skipped with a warning naming it, the rest ingest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.startup import ingest_config
from ingest.pipeline import ingest_paths
from ingest.store import StoreError, open_store

CHIPWISE = [sys.executable, "-m", "ui.cli"]
GOOD = "# NPU note\n\nEdge NPUs draw under 10 W.\n"


def _ingest(paths: list[Path], settings: Any, embedder: Any) -> tuple[Any, list[str]]:
    warnings: list[str] = []
    report = ingest_paths(
        paths, ingest_config(settings), embeddings=embedder, progress=False, warn=warnings.append
    )
    return report, warnings


def _stored_paths(settings: Any, embedder: Any) -> set[str]:
    got = open_store(ingest_config(settings), embedder).get(include=["metadatas"])
    return {str(m["path"]) for m in got["metadatas"]}


def _long_path(root: Path) -> Path:
    """A folder under `root` whose files' paths are longer than PATH_MAX (4096)."""
    deep = root
    while len(str(deep)) < 4000:
        deep = deep / ("d" * 200)
    fd = os.open(root, os.O_RDONLY)  # mkdir relative to each parent, so PATH_MAX never stops us
    try:
        for part in deep.relative_to(root).parts:
            os.mkdir(part, dir_fd=fd)
            child = os.open(part, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        leaf = os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(leaf, b"# Deep\n\nToo deep to read.\n")
        os.close(leaf)
    finally:
        os.close(fd)
    return deep / "deep.md"


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mine" / "drop"
    folder.mkdir(parents=True)
    (folder / "good.md").write_text(GOOD)
    (tmp_path / "theirs").mkdir()
    outside = tmp_path / "theirs" / "outside.md"
    outside.write_text("# Outside\n\nNot in the folder.\n")
    (folder / "escape.md").symlink_to(outside)
    (folder / "inside.md").symlink_to(folder / "good.md")  # inside: the same file, once
    (folder / "dangling.md").symlink_to(tmp_path / "gone.md")
    (folder / "loop1.md").symlink_to(folder / "loop2.md")
    (folder / "loop2.md").symlink_to(folder / "loop1.md")
    (folder / "linked-dir").symlink_to(tmp_path, target_is_directory=True)
    (Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.md"))).write_text(GOOD + "Latin-1 name.\n")
    late_nul = ("# Late NUL\n\n" + "x" * 9000).encode() + b"\x00tail\n"
    (folder / "late-nul.txt").write_bytes(late_nul)
    _long_path(folder)
    return folder


def test_odd_paths_are_skipped_with_a_warning_each(odd_folder, settings, embedder) -> None:
    report, warnings = _ingest([odd_folder], settings, embedder)
    assert report.files == 1 and report.chunks_added >= 1
    text = "\n".join(warnings)
    for name in ("escape.md", "dangling.md", "loop1.md", "loop2.md", "linked-dir", "late-nul.txt"):
        assert name in text, f"{name} not named in a warning: {text}"
    assert "caf\ufffd.md" in text and "deep.md" in text and "PATH_MAX" in text
    assert "outside the folder" in text and "binary" in text
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert "dangling" in reasons["dangling.md"] and "loop" in reasons["loop1.md"]
    assert _stored_paths(settings, embedder) == {(odd_folder / "good.md").as_posix()}


def test_the_cli_exits_0_with_the_rest_ingested(odd_folder, tmp_path) -> None:
    env = {**os.environ, "CHIPWISE_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run(
        [*CHIPWISE, "ingest", "--quiet", str(odd_folder)],
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    assert b"Traceback" not in out.stderr
    assert out.stdout.startswith(b"1 files:")
    assert b"escape.md" in out.stderr and b"caf\xef\xbf\xbd.md" in out.stderr


def test_a_truncated_store_is_reported_not_silently_emptied(tmp_path, settings, embedder):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD)
    _ingest([folder], settings, embedder)
    sqlite = ingest_config(settings).chroma_dir / "chroma.sqlite3"
    sqlite.write_bytes(b"")
    with pytest.raises(StoreError) as err:
        _ingest([folder], settings, embedder)
    assert "0 bytes" in str(err.value) and "--rebuild" in str(err.value)
    env = {**os.environ, "CHIPWISE_DATA_DIR": str(settings.data_dir)}
    out = subprocess.run(  # a fresh process: no cached client hides the truncation
        [*CHIPWISE, "ingest", "--quiet", str(folder)], env=env, capture_output=True, timeout=300
    )
    assert out.returncode == 1 and b"0 bytes (truncated)" in out.stderr
    assert sqlite.stat().st_size == 0  # nothing was written over it
    report = ingest_paths(
        [folder], ingest_config(settings), embeddings=embedder, progress=False, rebuild=True
    )
    assert report.chunks_added >= 1
