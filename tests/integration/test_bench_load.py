"""bench/load_api.py itself works: a dry run over the scripted model, idle and contended."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "load_api.py"


def test_the_load_bench_dry_run_reports_both_runs_and_passes() -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--dry-run",
            "--seconds",
            "2",
            "--startup-timeout",
            "120",
            "--min-ratio",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    # --min-ratio 0: the scripted model's throughput under contention says nothing; the real
    # model's run keeps the 0.5 floor.
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    results = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert [r["competing_process"] for r in results] == [False, True]
    for result in results:
        assert result["answered"] > 0 and result["errors"] == 0
        assert result["p50_s"] is not None and result["rss_max_mb"] > 0
    assert out.stdout.rstrip().endswith("throughput held")
