"""The CI gate: the `ci: true` cases on the real model must hold the committed baseline."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from evals.metrics import BASELINE_FILE, read_baseline
from evals.runner import Options, evaluate

REPORTS = Path(__file__).resolve().parents[2] / "test-output" / "eval-ci"


@pytest.mark.slow
def test_ci_subset_holds_the_committed_baseline(tmp_path: Path) -> None:
    from assistant import Settings, build

    baseline = read_baseline(BASELINE_FILE)
    assert baseline is not None and "ci" in baseline["subsets"], (
        "run `chipwise eval --update-baseline`"
    )
    assistant = build(Settings(data_dir=tmp_path / "data"))
    printed = io.StringIO()
    options = Options(out_dir=REPORTS, ci=True, progress=False)
    code = evaluate(options, assistant, printed)
    assert code == 0, (
        f"the eval regressed (report: {REPORTS / 'report.html'}):\n{printed.getvalue()}"
    )
