"""`chipwise ingest` as users run it: exit codes, JSON summary, and a kill -9 mid-ingest."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from typer.testing import CliRunner

from assistant.startup import ingest_config
from ingest.pipeline import ingest_paths
from ingest.store import open_store
from ui.cli import app

CHIPWISE = [sys.executable, "-m", "ui.cli"]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "CHIPWISE_DATA_DIR": str(data_dir), **extra}


def test_version_and_help() -> None:
    runner = CliRunner()
    assert re.match(r"chipwise \d+\.\d+", runner.invoke(app, ["--version"]).output)
    assert "only what changed" in runner.invoke(app, ["ingest", "--help"]).output


def test_missing_path_exits_2_with_a_message(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CHIPWISE_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output and "nope" in result.output


def test_json_summary(tmp_path, kb) -> None:
    out = subprocess.run(
        [*CHIPWISE, "ingest", "--json", str(kb / "en")],
        env=_env(tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    summary = json.loads(out.stdout)
    assert summary["files"] == 13 and summary["chunks_added"] > 13
    assert {"chunks_unchanged", "chunks_removed", "seconds", "skipped"} <= summary.keys()


def _corpus(tmp_path: Path, kb: Path, copies: int) -> Path:
    corpus = tmp_path / "corpus"
    for i in range(copies):
        shutil.copytree(kb, corpus / f"copy{i}")
    return corpus


def test_kill_9_mid_ingest_leaves_a_usable_store_that_converges(tmp_path, kb, settings, embedder):
    corpus = _corpus(tmp_path, kb, copies=4)
    env = _env(settings.data_dir, CHIPWISE_EMBED_BATCH_SIZE="4")
    proc = subprocess.Popen(
        [*CHIPWISE, "ingest", str(corpus)],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    progress = {"done": 0}

    def watch() -> None:
        assert proc.stderr is not None
        buffer = b""
        while chunk := proc.stderr.read1(4096):  # type: ignore[attr-defined]
            buffer = (buffer + chunk)[-400:]
            found = re.findall(rb"embedding:.*?\| *(\d+)/(\d+)", buffer)
            if found:
                progress["done"] = int(found[-1][0])

    threading.Thread(target=watch, daemon=True).start()
    deadline = time.monotonic() + 240
    while progress["done"] < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)

    config = ingest_config(settings)
    store = open_store(config, embedder)
    partial = store.get(include=["metadatas"])
    assert len(partial["ids"]) > 0  # what was committed is there ...
    assert store.similarity_search("NPU for a phone", k=1)  # ... and it answers queries

    report = ingest_paths([corpus], config, embeddings=embedder, progress=False)
    full = store.get(include=["metadatas", "documents"])
    assert report.chunks_unchanged + report.chunks_added == len(full["ids"])
    pairs = [(m["path"], d) for m, d in zip(full["metadatas"], full["documents"], strict=True)]
    assert len(pairs) == len(set(pairs)), "duplicate chunks after recovery"
    again = ingest_paths([corpus], config, embeddings=embedder, progress=False)
    assert (again.chunks_added, again.chunks_removed) == (0, 0)
