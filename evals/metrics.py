"""Metrics over a run, the committed baseline, and the per-metric tolerance check."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from evals import robustness
from evals.floors import floor_of, floored

BASELINE_FILE = Path(__file__).resolve().parent / "baseline.json"
LATENCY_SLACK_MS = 2000.0  # a latency limit is never tighter than baseline + 2 s (timer noise)


@dataclass(frozen=True)
class MetricSpec:
    """What a metric means, which way is better, and its default gate."""

    name: str
    label: str
    higher_is_better: bool = True
    unit: Literal["rate", "ms"] = "rate"
    # rate: the largest allowed drop (absolute); ms: the largest allowed ratio to the baseline.
    # None: reported, never gated.
    tolerance: float | None = 0.0
    # Cases that may flip on top of that: prose written at temperature 0 still varies a little
    # across CPUs and cache states, and one flip weighs 1/n, so the allowance scales with n.
    cases: int = 0

    @property
    def default_tolerance(self) -> float | dict[str, float] | None:
        if self.tolerance is None or not self.cases:
            return self.tolerance
        return {"abs": self.tolerance, "cases": self.cases}


SPECS: tuple[MetricSpec, ...] = (
    MetricSpec("case_pass_rate", "Cases passed", cases=1),
    MetricSpec("verdict_accuracy", "Verdict accuracy"),
    MetricSpec("intent_accuracy", "Intent accuracy"),
    MetricSpec("tool_call_validity", "Tool-call validity (model)", cases=1),
    MetricSpec("model_argument_accuracy", "Argument accuracy (model's call)", cases=1),
    MetricSpec("final_argument_accuracy", "Argument accuracy (reconciled)", tolerance=0.01),
    MetricSpec("clarify_correctness", "Clarify correctness"),
    MetricSpec("decline_correctness", "Decline correctness"),
    MetricSpec("robustness", "Robustness (one outcome per paraphrase group)"),
    MetricSpec("injection_resistance", "Injection resistance"),
    MetricSpec("retrieval_hit_at_k", "Retrieval hit@5"),
    MetricSpec("retrieval_mrr", "Retrieval MRR", tolerance=0.01),
    MetricSpec("citation_validity", "Citation validity"),
    MetricSpec("citation_rate", "Prose that cites a source", tolerance=0.05, cases=2),
    MetricSpec("fact_coverage", "Fact coverage", cases=1),
    MetricSpec("language_match", "Language match", cases=1),
    MetricSpec("guard_intervention_rate", "Guard intervened", False, cases=1),
    MetricSpec("guard_template_rate", "Guard templated", False, cases=1),
    MetricSpec("flip_accuracy", "What would change it (expected flips offered)"),
    MetricSpec("comparison_accuracy", "Comparisons answered side by side"),
    MetricSpec("error_rate", "Errors", False),
    MetricSpec("latency_p50_ms", "Latency p50", False, "ms", tolerance=3.0),
    MetricSpec("latency_p95_ms", "Latency p95", False, "ms", tolerance=3.0),
    MetricSpec("decision_p50_ms", "Time to Decision p50", False, "ms", tolerance=3.0),
    MetricSpec("first_token_p50_ms", "Time to first token p50", False, "ms", tolerance=None),
    MetricSpec("judge_faithfulness", "Judge: faithfulness", tolerance=None),
)
SPEC = {s.name: s for s in SPECS}


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation; None for no values."""
    data = sorted(values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return data[low] + (data[high] - data[low]) * (pos - low)


def _mean(values: Iterable[float]) -> float | None:
    data = list(values)
    return sum(data) / len(data) if data else None


def aggregate(results: Sequence[Mapping[str, Any]]) -> dict[str, float | None]:
    """Metrics over case results (report dicts: `scores`, `answer`, `error`, `passed`)."""
    answered = [r for r in results if not r.get("error")]
    metrics: dict[str, float | None] = {}
    for spec in SPECS:
        if spec.unit == "rate":
            values = [
                s["value"]
                for r in answered
                for s in r["scores"]
                if s["metric"] == spec.name and s["value"] is not None
            ]
            metrics[spec.name] = _mean(values)
    metrics["case_pass_rate"] = _mean(float(bool(r["passed"])) for r in results)
    metrics["error_rate"] = _mean(float(bool(r.get("error"))) for r in results)
    metrics["robustness"] = robustness.robustness(results)  # over groups, not cases
    timings = [r["answer"]["timings"] for r in answered if r["answer"]["intent"] != "out_of_scope"]
    totals = [t["total_ms"] for t in timings]
    metrics["latency_p50_ms"] = percentile(totals, 50)
    metrics["latency_p95_ms"] = percentile(totals, 95)
    metrics["decision_p50_ms"] = percentile(
        [t["decision_ms"] for t in timings if t["decision_ms"]], 50
    )
    metrics["first_token_p50_ms"] = percentile(
        [t["first_token_ms"] for t in timings if t["first_token_ms"]], 50
    )
    return {name: (None if v is None else round(v, 4)) for name, v in metrics.items()}


Tolerance = float | Mapping[str, float]


def default_tolerances() -> dict[str, Any]:
    """The gate of every gated metric."""
    return {s.name: s.default_tolerance for s in SPECS if s.tolerance is not None}


def counts(results: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many cases each rate metric was computed over."""
    found: dict[str, int] = {"case_pass_rate": len(results), "error_rate": len(results)}
    found["robustness"] = robustness.counted(results)  # groups
    for r in results:
        for score in r["scores"] if not r.get("error") else []:
            if score["value"] is not None:
                found[score["metric"]] = found.get(score["metric"], 0) + 1
    return found


def allowance(tolerance: Tolerance, n: int) -> float:
    """The allowed change: a number as is; {"abs": a, "cases": k} is a + k/n."""
    if isinstance(tolerance, Mapping):
        return float(tolerance.get("abs", 0.0)) + float(tolerance.get("cases", 0)) / max(n, 1)
    return float(tolerance)


@dataclass(frozen=True)
class Check:
    """One metric against the baseline."""

    metric: str
    value: float | None
    baseline: float | None
    limit: float | None
    gated: bool
    ok: bool
    floor: float | None = None  # evals/floors.py: the limit is never below it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def compare(
    metrics: Mapping[str, float | None],
    baseline: Mapping[str, float | None],
    tolerances: Mapping[str, Tolerance],
    n: Mapping[str, int] | None = None,
) -> list[Check]:
    """Each metric against the baseline; a gated one fails beyond its tolerance (`n`: how
    many cases each metric was computed over in this run) or under its floor, whatever the
    baseline (evals/floors.py)."""
    checks = []
    for spec in SPECS:
        value, base = metrics.get(spec.name), baseline.get(spec.name)
        tol = tolerances.get(spec.name) if spec.tolerance is not None else None
        limit: float | None = None
        if base is not None and tol is not None:
            allowed = allowance(tol, (n or {}).get(spec.name, 1))
            if spec.unit == "ms":
                limit = max(base * allowed, base + LATENCY_SLACK_MS)
            else:
                limit = base - allowed if spec.higher_is_better else base + allowed
        limit, floor = floored(spec.name, limit), floor_of(spec.name)
        ok = True
        if limit is not None and value is not None:
            ok = value >= limit - 1e-9 if spec.higher_is_better else value <= limit + 1e-9
        gated = tol is not None or floor is not None
        checks.append(Check(spec.name, value, base, limit, gated, ok, floor))
    return checks


def knowledge_version(folder: Path) -> str:
    """A hash of every file under the knowledge folder (paths and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return "sha256:" + digest.hexdigest()[:16]


def cases_version(case_ids: Iterable[str]) -> str:
    """A short hash of which cases a subset holds."""
    return hashlib.sha256("\n".join(sorted(case_ids)).encode()).hexdigest()[:12]


def read_baseline(path: Path) -> dict[str, Any] | None:
    """The committed baseline, or None when there is no file."""
    path = Path(path)
    if not path.exists():
        return None
    return dict(json.loads(path.read_text(encoding="utf-8")))


def updated_baseline(
    old: Mapping[str, Any] | None,
    produced_by: Mapping[str, Any],
    subsets: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    """The baseline with these subsets replaced (each records what produced it); tolerances
    are kept, defaults added for new metrics."""
    old = old or {}
    kept = {k: v for k, v in old.get("subsets", {}).items() if k not in subsets}
    fresh = {k: {"produced_by": dict(produced_by), **v} for k, v in subsets.items()}
    return {
        "produced_by": dict(produced_by),
        "tolerances": {**default_tolerances(), **old.get("tolerances", {})},
        "subsets": {**kept, **fresh},
    }


def write_baseline(path: Path, baseline: Mapping[str, Any]) -> None:
    Path(path).write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", "utf-8")
