"""Run the cases through the assistant, score them, compare with the baseline, report."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol, TextIO

from tqdm import tqdm

from assistant import Answer, Assistant, Turn
from evals import metrics, robustness
from evals.cases import CASES_DIR, Case
from evals.paraphrase_cases import load_eval_set
from evals.score import Scorer
from evals.scorers import default_scorers, score_case

DEFAULT_OUT = Path("test-output") / "eval"
LOG_NAME = "answers.jsonl"  # one record per line, appended as each case is answered


class Answerer(Protocol):
    """What the cases are run through: the Assistant, or stored answers scored again."""

    def ask(self, question: str, history: Sequence[Turn]) -> Answer: ...


def answer_record(answer: Answer) -> dict[str, Any]:
    """The Answer's JSON shape plus what the scorers looked at (tool traces, passages)."""
    return {
        **answer.to_dict(),
        "tool_traces": [call.trace() for call in answer.tool_calls],
        "passages": [p.section_id for p in answer.passages],
        "guard_problems": list(answer.guard_problems),
    }


def run_case(assistant: Answerer, case: Case, scorers: Sequence[Scorer]) -> dict[str, Any]:
    """One case: ask, score, and the record that the report and metrics read."""
    record: dict[str, Any] = {
        "id": case.id,
        "kind": case.kind,
        "language": case.language,
        "ci": case.ci,
        **robustness.record_fields(case),
        "question": case.question,
        "history": case.history_dicts(),
        "answer": None,
        "scores": [],
        "error": None,
    }
    started = time.perf_counter()
    try:
        answer = assistant.ask(case.question, case.history)
    except Exception as exc:  # one broken case must not lose the rest of a long run
        record["error"] = f"{type(exc).__name__}: {exc}"
    else:
        record["answer"] = answer_record(answer)
        record["scores"] = [s.to_dict() for s in score_case(scorers, case, answer)]
    record["seconds"] = round(time.perf_counter() - started, 2)
    failed = [s["metric"] for s in record["scores"] if s["passed"] is False]
    record["failed"] = failed
    record["passed"] = record["error"] is None and not failed
    return record


def run_cases(
    assistant: Answerer,
    cases: Sequence[Case],
    scorers: Sequence[Scorer],
    *,
    progress: bool = True,
    log: Path | None = None,
    done: Sequence[dict[str, Any]] = (),
) -> list[dict[str, Any]]:
    """Every case in order, with a progress bar on stderr; each record is appended to `log` as
    it is made (a long run that is stopped keeps its answers), and a case already in `done`
    (by id and question) is taken from there instead of asked again."""
    kept = {(r["id"], r["question"]): r for r in done if r.get("answer")}
    results = []
    bar = tqdm(cases, desc="eval", unit="case", disable=not progress, file=sys.stderr)
    for case in bar:
        bar.set_postfix_str(case.id)
        record = kept.get((case.id, case.question))
        if record is None:
            record = run_case(assistant, case, scorers)
            if log is not None:
                with log.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        results.append(record)
    return results


def read_log(path: Path) -> list[dict[str, Any]]:
    """The records a (possibly stopped) run appended; a torn last line is dropped."""
    if not path.exists():
        return []
    records = []
    for line in path.read_text("utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records


def produced_by(assistant: Assistant) -> dict[str, Any]:
    """Which model, embedder and knowledge produced the numbers."""
    settings = assistant.settings
    store = getattr(getattr(assistant, "retriever", None), "store", None)
    embedder = getattr(getattr(store, "embeddings", None), "name", None)
    try:
        chipwise = version("chipwise")
    except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
        chipwise = "unknown"
    return {
        "model": getattr(assistant.chat_model, "name", type(assistant.chat_model).__name__),
        "embedder": embedder or settings.embedding_model or "packaged all-MiniLM-L6-v2",
        "retriever": type(getattr(assistant, "retriever", None)).__name__,
        "knowledge_version": metrics.knowledge_version(settings.knowledge_dir),
        "top_k": settings.top_k,
        "threads": settings.threads,
        "chipwise": chipwise,
        "commit": _commit(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }


@dataclass
class Options:
    """What `chipwise eval` was asked to do."""

    cases_dir: Path = CASES_DIR
    out_dir: Path = DEFAULT_OUT
    baseline: Path = metrics.BASELINE_FILE
    update_baseline: bool = False
    ci: bool = False
    judge: bool = False
    progress: bool = True
    answers: Path | None = None  # a report.json whose stored answers are scored again
    resume: bool = False  # keep the answers out_dir/answers.jsonl holds from a stopped run
    paraphrases: Path | None = None  # the groups; None: the paraphrases/ beside cases_dir


def evaluate(options: Options, assistant: Any = None, out: TextIO | None = None) -> int:
    """The whole eval: 0 when no gated metric fell beyond its tolerance, 1 when one did,
    2 when there is nothing to run or no baseline to compare with."""
    from evals.report import print_table, write_reports

    out = out or sys.stdout

    cases = load_eval_set(options.cases_dir, options.paraphrases, ci_only=options.ci)
    if not cases:
        print("No cases to run (is any case marked ci: true?).", file=out)
        return 2
    stored = None
    if options.answers is not None:
        from evals.rescore import StoredAnswers

        stored = StoredAnswers(json.loads(Path(options.answers).read_text("utf-8")))
        missing = [c.id for c in cases if not stored.covers(c)]
        if missing:
            print(f"No stored answer for {len(missing)} cases, skipped: {missing}", file=out)
        cases = [c for c in cases if stored.covers(c)]
        assistant = stored
    elif assistant is None:
        from assistant import Settings, open_assistant

        assistant = open_assistant(Settings())
    scorers: list[Scorer] = default_scorers()
    if options.judge and stored is None:
        from evals.judge import JudgeFaithfulness

        scorers.append(JudgeFaithfulness(assistant.chat_model))
    by = {**stored.produced_by, "rescored": True} if stored else produced_by(assistant)
    started = time.perf_counter()
    log, done = None, []
    if stored is None:
        log = Path(options.out_dir) / LOG_NAME
        log.parent.mkdir(parents=True, exist_ok=True)
        done = read_log(log) if options.resume else []
        if not options.resume:
            log.unlink(missing_ok=True)
    results = run_cases(assistant, cases, scorers, progress=options.progress, log=log, done=done)
    if stored is not None:
        for record in results:  # the time the answer took when it was made
            record["seconds"] = round(record["answer"]["timings"]["total_ms"] / 1000, 2)
    subset = "ci" if options.ci else "all"
    subsets = {subset: _subset(results)}
    if subset == "all" and any(r["ci"] for r in results):
        subsets["ci"] = _subset([r for r in results if r["ci"]])
    old = metrics.read_baseline(options.baseline)
    report: dict[str, Any] = {
        "produced_by": by,
        "subset": subset,
        "cases": len(results),
        "seconds": round(time.perf_counter() - started, 1),
        "metrics": subsets[subset]["metrics"],
        "baseline": None,
        "checks": [],
        "passed": True,
        "results": results,
    }
    if old is not None and subset in old.get("subsets", {}):
        base = old["subsets"][subset]
        checks = metrics.compare(
            report["metrics"],
            base["metrics"],
            old.get("tolerances", {}),
            subsets[subset]["counts"],
        )
        report["baseline"] = {
            "produced_by": base.get("produced_by", old.get("produced_by", {})),
            "metrics": base["metrics"],
            "cases_version": base.get("cases_version"),
        }
        report["checks"] = [c.to_dict() for c in checks]
        report["passed"] = all(c.ok for c in checks)
        if "failing" in base:  # which cases changed, reported (metrics gate, cases explain)
            ids = {r["id"] for r in results}
            now, before = set(subsets[subset]["failing"]), set(base["failing"]) & ids
            report["newly_failing"] = sorted(now - before)
            report["newly_passing"] = sorted(before - now)
    paths = write_reports(options.out_dir, report)
    print_table(report, out)
    print(f"Reports: {', '.join(str(p) for p in paths)}", file=out)
    if options.update_baseline:
        new = metrics.updated_baseline(old, report["produced_by"], subsets)
        metrics.write_baseline(options.baseline, new)
        print(f"Baseline written: {options.baseline} ({', '.join(subsets)})", file=out)
        return 0
    if old is None or subset not in old.get("subsets", {}):
        print(f"No baseline for '{subset}' in {options.baseline}: nothing to compare.", file=out)
        return 2
    return 0 if report["passed"] else 1


def _subset(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {
        "cases": len(results),
        "cases_version": metrics.cases_version(r["id"] for r in results),
        "metrics": metrics.aggregate(results),
        "counts": metrics.counts(results),
        "failing": sorted(r["id"] for r in results if not r["passed"]),
    }


def _commit() -> str | None:
    """The checkout's commit, when there is one (which code produced the numbers)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            cwd=Path(__file__).resolve().parent,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None
