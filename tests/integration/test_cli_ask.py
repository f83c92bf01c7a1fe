"""`chipwise ask --json -` as other tools call it: one JSON object per stdin line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

KEYS = {"question", "answer", "language", "decision", "needs", "tool_calls", "sources", "timings"}


@pytest.mark.slow
def test_ask_json_reads_one_question_per_line(real_settings) -> None:
    lines = "What is the capital of France?\n\n我们该用GPU还是NPU?\n"
    env = {**os.environ, "CHIPWISE_DATA_DIR": str(real_settings.data_dir)}
    out = subprocess.run(
        [sys.executable, "-m", "ui.cli", "ask", "--json", "-"],
        input=lines,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 2 and all(r.keys() >= KEYS for r in records)
    outside, vague = records
    assert outside["decision"] is None and outside["tool_calls"] == []
    assert vague["language"] == "zh" and vague["decision"]["verdict"] is None
    assert vague["needs"][0] == "deployment"
    assert vague["tool_calls"][0]["name"] == "recommend_hardware"
    assert set(vague["timings"]) >= {
        "retrieve_ms",
        "first_token_ms",
        "total_ms",
        "completion_tokens",
    }


def test_ask_rejects_an_empty_question(tmp_path) -> None:
    env = {**os.environ, "CHIPWISE_DATA_DIR": str(tmp_path), "CHIPWISE_MODEL_PATH": __file__}
    out = subprocess.run(
        [sys.executable, "-m", "ui.cli", "ask", "  "],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode != 0 and "error:" in out.stderr
