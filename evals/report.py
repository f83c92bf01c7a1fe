"""The eval report: report.json, report.md and a self-contained report.html with plots."""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from evals import robustness
from evals.floors import below_floor
from evals.metrics import SPEC, SPECS

STATUS = {True: "ok", False: "REGRESSION"}
FAILED = "FAILED: a gated metric regressed or is below its floor"


def fmt(name: str, value: float | None) -> str:
    """A metric value for people: percentages for rates, seconds for latencies."""
    if value is None:
        return "–"
    if SPEC[name].unit == "ms":
        return f"{value / 1000:.1f} s"
    return f"{value * 100:.1f} %"


def table_rows(report: Mapping[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(metric, value, baseline, limit, status) for every metric that has a value."""
    checks = {c["metric"]: c for c in report.get("checks", [])}
    rows = []
    for spec in SPECS:
        value = report["metrics"].get(spec.name)
        check = checks.get(spec.name)
        if value is None and (check is None or check["baseline"] is None):
            continue
        base = check["baseline"] if check else None
        limit = check["limit"] if check else None
        if check is None or check["limit"] is None:
            status = "reported"
        elif not check["ok"] and below_floor(spec.name, value):
            status = "BELOW FLOOR"
        else:
            status = STATUS[bool(check["ok"])]
        rows.append(
            (spec.label, fmt(spec.name, value), fmt(spec.name, base), fmt(spec.name, limit), status)
        )
    return rows


def provenance_notes(report: Mapping[str, Any]) -> list[str]:
    """What differs between this run's producer and the baseline's (model, embedder, ...)."""
    base = (report.get("baseline") or {}).get("produced_by") or {}
    now = report["produced_by"]
    keys = ("model", "embedder", "knowledge_version", "top_k")
    return [
        f"note: the baseline's {k} was {base[k]}, this run's is {now.get(k)}"
        for k in keys
        if k in base and base[k] != now.get(k)
    ]


def case_changes(report: Mapping[str, Any]) -> list[str]:
    """Cases that started or stopped failing since the baseline, and the paraphrase groups
    whose answers do not all reach the expected outcome."""
    lines = [f"robustness: {line}" for line in robustness.failing(report["results"])]
    if report.get("newly_failing"):
        lines.append(f"newly failing since the baseline: {', '.join(report['newly_failing'])}")
    if report.get("newly_passing"):
        lines.append(f"newly passing since the baseline: {', '.join(report['newly_passing'])}")
    return lines


def print_table(report: Mapping[str, Any], out: TextIO) -> None:
    """The metrics table on the terminal."""
    head = ("metric", "value", "baseline", "limit", "status")
    rows = [head, *table_rows(report)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)), file=out)
        if i == 0:
            print("  ".join("-" * w for w in widths), file=out)
    for note in [*provenance_notes(report), *case_changes(report)]:
        print(note, file=out)
    failed = sum(not r["passed"] for r in report["results"])
    verdict = "PASSED" if report["passed"] else FAILED
    print(
        f"{report['cases']} cases ({report['subset']}), {failed} with a failed check, "
        f"{report['seconds']:.0f} s. {verdict}",
        file=out,
    )


def ordered_results(results: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Failures first, then by id."""
    return sorted(results, key=lambda r: (bool(r["passed"]), r["id"]))


def markdown(report: Mapping[str, Any]) -> str:
    by = report["produced_by"]
    lines = [
        f"# chipwise eval: {report['subset']} ({report['cases']} cases)",
        "",
        f"Model `{by['model']}`, embedder `{by['embedder']}`, knowledge `{by['knowledge_version']}`, "
        f"{report['seconds']:.0f} s. **{'PASSED' if report['passed'] else 'FAILED'}**",
        "",
        *[f"> {note}\n" for note in [*provenance_notes(report), *case_changes(report)]],
        "| metric | value | baseline | limit | status |",
        "|---|---|---|---|---|",
        *[f"| {' | '.join(row)} |" for row in table_rows(report)],
        "",
        "## Cases (failures first)",
        "",
        "| case | kind | lang | result | failed checks | verdict | s |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in ordered_results(report["results"]):
        verdict = (r["answer"] or {}).get("decision") or {}
        failed = ", ".join(r["failed"]) or (r["error"] or "")
        lines.append(
            f"| {r['id']} | {r['kind']} | {r['language']} | {'pass' if r['passed'] else 'FAIL'} "
            f"| {failed.replace('|', '/')} | {verdict.get('verdict') or '–'} | {r['seconds']:.1f} |"
        )
    return "\n".join(lines) + "\n"


def _png(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def plots(report: Mapping[str, Any]) -> dict[str, str]:
    """Base64 PNGs: the rate metrics against the baseline, and the latency distribution."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    baseline = (report.get("baseline") or {}).get("metrics", {})
    rates = [s for s in SPECS if s.unit == "rate" and report["metrics"].get(s.name) is not None]
    images = {}
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(rates) + 1))
    y = list(range(len(rates)))
    ax.barh([i + 0.2 for i in y], [report["metrics"][s.name] for s in rates], 0.4, label="this run")
    ax.barh([i - 0.2 for i in y], [baseline.get(s.name) or 0 for s in rates], 0.4, label="baseline")
    limits = {c["metric"]: c["limit"] for c in report.get("checks", []) if c["limit"] is not None}
    marked = [(i, limits[s.name]) for i, s in zip(y, rates, strict=True) if s.name in limits]
    if marked:
        ax.scatter(
            [m[1] for m in marked],
            [m[0] for m in marked],
            marker="|",
            s=300,
            c="black",
            label="gate",
        )
    ax.set_yticks(y, [s.label for s in rates])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.legend(loc="lower right")
    ax.set_title("Metrics against the baseline")
    images["metrics"] = _png(fig)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 3.5))
    kinds = sorted({r["kind"] for r in report["results"] if r["answer"]})
    data = [
        [
            r["answer"]["timings"]["total_ms"] / 1000
            for r in report["results"]
            if r["answer"] and r["kind"] == k
        ]
        for k in kinds
    ]
    if kinds:
        ax.boxplot(data, orientation="horizontal")
        ax.set_yticks(range(1, len(kinds) + 1), kinds)
    for name, style in (("latency_p50_ms", "--"), ("latency_p95_ms", ":")):
        if baseline.get(name):
            ax.axvline(
                baseline[name] / 1000, linestyle=style, color="gray", label=f"baseline {name[8:11]}"
            )
    ax.set_xlabel("seconds per answer")
    ax.set_title("Latency by kind of case")
    if baseline.get("latency_p50_ms"):
        ax.legend(loc="lower right")
    images["latency"] = _png(fig)
    plt.close(fig)
    return images


def _cell(value: Any) -> str:
    return f"<td>{html.escape(str(value))}</td>"


def html_page(report: Mapping[str, Any]) -> str:
    """One HTML file with everything inline: styles, plots (base64 PNG), the case table."""
    images = plots(report)
    esc = html.escape
    by = report["produced_by"]
    head = "".join(f"<th>{h}</th>" for h in ("metric", "value", "baseline", "limit", "status"))
    metric_rows = "".join(
        f"<tr class='{row[4].lower().replace(' ', '-')}'>{''.join(_cell(c) for c in row)}</tr>"
        for row in table_rows(report)
    )
    case_rows = []
    for r in ordered_results(report["results"]):
        answer = r["answer"] or {}
        decision = answer.get("decision") or {}
        failed = ", ".join(r["failed"]) or (r["error"] or "")
        details = "".join(
            f"<li>{esc(s['metric'])}: {esc(str(s['value']))} {esc(s['detail'])}</li>"
            for s in r["scores"]
            if s["value"] is not None
        )
        case_rows.append(
            f"<tr class='{'ok' if r['passed'] else 'regression'}'>"
            + "".join(_cell(v) for v in (r["id"], r["kind"], r["language"]))
            + _cell("pass" if r["passed"] else "FAIL")
            + _cell(failed)
            + _cell(decision.get("verdict") or "–")
            + _cell(f"{r['seconds']:.1f}")
            + f"<td><details><summary>{esc(r['question'][:90])}</summary>"
            f"<pre>{esc(answer.get('answer', r['error'] or ''))}</pre><ul>{details}</ul></details></td></tr>"
        )
    verdict = "PASSED" if report["passed"] else FAILED
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>chipwise eval</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2rem;max-width:75rem}}
table{{border-collapse:collapse;margin:1rem 0}}td,th{{border:1px solid #ccc;padding:.25rem .5rem;
vertical-align:top;text-align:left}}tr.regression td,tr.below-floor td{{background:#fde2e2}}
pre{{white-space:pre-wrap;max-width:50rem}}img{{max-width:100%}}
</style></head><body>
<h1>chipwise eval: {esc(report["subset"])} ({report["cases"]} cases) — {esc(verdict)}</h1>
<p>Model <code>{esc(by["model"])}</code>, embedder <code>{esc(str(by["embedder"]))}</code>,
knowledge <code>{esc(by["knowledge_version"])}</code>, {report["seconds"]:.0f} s.</p>
{"".join(f"<p><em>{esc(n)}</em></p>" for n in [*provenance_notes(report), *case_changes(report)])}
<table><tr>{head}</tr>{metric_rows}</table>
<h2>Metrics against the baseline</h2><img alt="metrics" src="data:image/png;base64,{images["metrics"]}">
<h2>Latency</h2><img alt="latency" src="data:image/png;base64,{images["latency"]}">
<h2>Cases, failures first</h2>
<table><tr><th>case</th><th>kind</th><th>lang</th><th>result</th><th>failed checks</th>
<th>verdict</th><th>s</th><th>question / answer</th></tr>{"".join(case_rows)}</table>
</body></html>
"""


def write_reports(out_dir: Path, report: Mapping[str, Any]) -> list[Path]:
    """report.json, report.md and report.html under `out_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "report.json", out_dir / "report.md", out_dir / "report.html"]
    paths[0].write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    paths[1].write_text(markdown(report), "utf-8")
    paths[2].write_text(html_page(report), "utf-8")
    return paths
