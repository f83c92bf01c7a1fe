"""`chipwise feedback export` and `chipwise eval from-feedback` read the database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assistant import (
    Answer,
    Requirements,
    Settings,
    Turn,
    export_feedback,
    open_storage,
    recommend_hardware,
)
from ui.cli import app

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("CHIPWISE_DATA_DIR", str(data))
    monkeypatch.delenv("CHIPWISE_DATABASE_URL", raising=False)
    storage = open_storage(Settings(data_dir=data))
    decision = recommend_hardware(Requirements(deployment="mobile", resolution="720p"))
    liked = Answer(
        "Phone, 720p, 10 s: GPU or NPU?", "Recommendation: NPU", "en", "recommend", decision
    )
    storage.feedback.record(liked, "up")
    storage.feedback.record(
        Answer("什么是NPU？", '不知道, "quoted"', "zh", "factual"), "down", [Turn("user", "hi")]
    )
    storage.close()
    return data


def test_export_jsonl_to_stdout(data_dir: Path) -> None:
    result = runner.invoke(app, ["feedback", "export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    up, down = (json.loads(line) for line in result.stdout.splitlines())
    assert (up["rating"], up["verdict"]) == ("up", "NPU")
    assert (down["question"], down["history"]) == (
        "什么是NPU？",
        [{"role": "user", "content": "hi"}],
    )


def test_export_csv_to_a_file(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "feedback.csv"
    result = runner.invoke(app, ["feedback", "export", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["rating"] for r in rows] == ["up", "down"]
    assert (
        rows[1]["answer"] == '不知道, "quoted"'
        and json.loads(rows[1]["history"])[0]["role"] == "user"
    )
    assert not list(tmp_path.glob("*.partial"))


def test_a_bad_format_is_refused(data_dir: Path) -> None:
    result = runner.invoke(app, ["feedback", "export", "--format", "xml"])
    assert result.exit_code == 2 and "csv or jsonl" in result.output


def test_export_of_nothing_is_a_header_only() -> None:
    out = io.StringIO()
    assert export_feedback([], out, "csv") == 0
    assert out.getvalue().startswith("timestamp,rating,question")


def test_eval_from_feedback_reads_the_database(data_dir: Path, tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    result = runner.invoke(app, ["eval", "from-feedback", "--out", str(drafts)])
    assert result.exit_code == 0, result.output
    [path] = drafts.glob("*.yaml")
    up, down = yaml.safe_load(path.read_text())
    assert up["expect"]["verdict"] == "NPU" and "todo" in down
