"""The CI gate: the `ci: true` cases on the real model must hold the committed baseline."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from evals.metrics import BASELINE_FILE, read_baseline
from evals.runner import Options, evaluate

REPORTS = Path(__file__).resolve().parents[2] / "test-output" / "eval-ci"


@pytest.mark.slow
def test_ci_subset_holds_the_committed_baseline(real_assistant) -> None:  # type: ignore[no-untyped-def]
    # The session's one loaded model and store: a second model instance would double the load.
    baseline = read_baseline(BASELINE_FILE)
    assert baseline is not None and "ci" in baseline["subsets"], (
        "run `chipwise eval --update-baseline`"
    )
    printed = io.StringIO()
    options = Options(out_dir=REPORTS, ci=True, progress=False)
    code = evaluate(options, real_assistant, printed)
    assert code == 0, (
        f"the eval regressed (report: {REPORTS / 'report.html'}):\n{printed.getvalue()}"
    )
