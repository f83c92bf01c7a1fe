"""The decision report as a one-pager: self-contained HTML (prints well) and Markdown."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant import Decision, Finding, decision_map, finding_text
from ui.format.common import escape_md, flip_lines, labels, scenario_name, verdict_line
from ui.format.decision_map import alt_text, map_svg
from ui.format.reading import given_readings, reading_lines

WORDS = {
    "en": {
        "title": "chipwise decision report",
        "question": "Question",
        "requirements": "Requirements",
        "answer": "Answer",
        "map": "Decision map",
        "about": "About this report",
        "knowledge": "Knowledge version",
        "model": "Model",
        "date": "Date",
        "source": "Source",
    },
    "zh": {
        "title": "chipwise 决策报告",
        "question": "问题",
        "requirements": "需求",
        "answer": "回答",
        "map": "决策图",
        "about": "关于本报告",
        "knowledge": "知识库版本",
        "model": "模型",
        "date": "日期",
        "source": "出处",
    },
}


@dataclass(frozen=True)
class Report:
    """Everything a report shows; `sources` maps a section id to its title and first sentence."""

    decision: Decision
    lang: str
    knowledge_version: str
    model: str
    date: str
    question: str = ""
    answer: str = ""
    readings: Sequence[Mapping[str, Any]] | None = None  # None: given directly (key=value)
    sources: Mapping[str, tuple[str, str]] = field(default_factory=dict)


def _w(lang: str) -> dict[str, str]:
    return WORDS["zh" if lang == "zh" else "en"]


def _groups(report: Report) -> list[tuple[str, list[Finding], str]]:
    lab, d = labels(report.lang), report.decision
    groups = [
        (lab["reasons"], d.reasons, "✅"),
        (lab["warnings"], d.warnings, "⚠️"),
        (lab["assumptions"], d.assumptions, "💭"),
    ]
    return [(title, list(items), mark) for title, items, mark in groups if items]


def _readings(report: Report) -> list[str]:
    readings = (
        report.readings
        if report.readings is not None
        else given_readings(report.decision.requirements)
    )
    return reading_lines(readings, report.decision, report.lang)


def _headline(report: Report) -> str:
    d = report.decision
    line = verdict_line(d, report.lang)
    if d.scenario:
        line += f" · {scenario_name(d.scenario, report.lang)}"
    return line


def report_markdown(report: Report) -> str:
    """The report as Markdown (the map as its alt text: Markdown has no pictures of its own)."""
    w, lang, d = _w(report.lang), report.lang, report.decision
    lines = [f"# {w['title']}", "", f"## {escape_md(_headline(report))}"]
    if d.scenario:
        lines.append(f"{labels(lang)['confidence']} {d.confidence:.2f}")
    if report.question:
        lines += ["", f"**{w['question']}**{labels(lang)['colon']}{escape_md(report.question)}"]
    lines += ["", f"## {w['requirements']}", *(f"- {escape_md(r)}" for r in _readings(report))]
    quoted: set[str] = set()  # each section's sentence once, at its first citation
    for title, findings, mark in _groups(report):
        lines += ["", f"## {title}"]
        for f in findings:
            lines.append(f"- {mark} {escape_md(finding_text(f, lang))} `{f.section_id}`")
            if f.section_id in report.sources and f.section_id not in quoted:
                quoted.add(f.section_id)
                name, sentence = report.sources[f.section_id]
                lines.append(f"  > {escape_md(sentence)} ({escape_md(name)})")
    if flips := flip_lines(d, lang, escape=escape_md, cite=lambda s: f"`{s}`"):
        lines += ["", f"## {labels(lang)['flips']}", *(f"- {line}" for line in flips)]
    if d.verdict or d.infeasible:
        lines += ["", f"## {w['map']}", alt_text(decision_map(d.requirements), d, lang)]
    if report.answer:
        lines += ["", f"## {w['answer']}", escape_md(report.answer.strip())]
    lines += ["", f"## {w['about']}", *_about(report, escape_md)]
    return "\n".join(lines) + "\n"


def _about(report: Report, escape: Any) -> list[str]:
    w = _w(report.lang)
    colon = labels(report.lang)["colon"]
    return [
        f"- {w['knowledge']}{colon}{escape(report.knowledge_version)}",
        f"- {w['model']}{colon}{escape(report.model)}",
        f"- {w['date']}{colon}{escape(report.date)}",
    ]


CSS = """
body{font-family:"Helvetica Neue",Arial,"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;
color:#1b1b1b;max-width:46rem;margin:2rem auto;padding:0 1.2rem;line-height:1.45;font-size:14px}
h1{font-size:1.1rem;color:#555;font-weight:600;margin:0 0 .2rem}
h2{font-size:1rem;margin:1.2rem 0 .4rem;border-bottom:1px solid #ddd;padding-bottom:.15rem}
.verdict{font-size:1.6rem;font-weight:700;margin:.2rem 0}
.meta{color:#555}
ul{padding-left:1.1rem;margin:.2rem 0}li{margin:.25rem 0}
code{background:#f1f1f1;padding:0 .25rem;border-radius:3px;font-size:.85em}
blockquote{margin:.2rem 0 .2rem .2rem;padding-left:.6rem;border-left:3px solid #ccc;color:#444;
font-size:.9em}
.map{display:flex;gap:1rem;align-items:flex-start}.map svg{flex:none}
.map p{font-size:.9em;color:#333;margin:0}
footer{margin-top:1.4rem;color:#555;font-size:.85em;border-top:1px solid #ddd;padding-top:.4rem}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}
.map,li{break-inside:avoid}}
"""


def report_html(report: Report) -> str:
    """The report as one self-contained HTML page: inline CSS, the map as inline SVG."""
    w, lang, d = _w(report.lang), report.lang, report.decision
    e = html.escape
    body = [f"<h1>{e(w['title'])}</h1>", f'<p class="verdict">{e(_headline(report))}</p>']
    if d.scenario:
        body.append(f'<p class="meta">{e(labels(lang)["confidence"])} {d.confidence:.2f}</p>')
    if report.question:
        body.append(
            f"<p><strong>{e(w['question'])}</strong>{e(labels(lang)['colon'])}"
            f"{e(report.question)}</p>"
        )
    body.append(f"<h2>{e(w['requirements'])}</h2><ul>")
    body += [f"<li>{e(r)}</li>" for r in _readings(report)]
    body.append("</ul>")
    quoted: set[str] = set()
    for title, findings, mark in _groups(report):
        body.append(f"<h2>{e(title)}</h2><ul>")
        for f in findings:
            quote = ""
            if f.section_id in report.sources and f.section_id not in quoted:
                quoted.add(f.section_id)
                name, sentence = report.sources[f.section_id]
                quote = f"<blockquote>{e(sentence)} <em>({e(name)})</em></blockquote>"
            body.append(
                f"<li>{mark} {e(finding_text(f, lang))} <code>{e(f.section_id)}</code>{quote}</li>"
            )
        body.append("</ul>")
    if flips := flip_lines(d, lang, escape=e, cite=lambda s: f"<code>{e(s)}</code>"):
        body.append(f"<h2>{e(labels(lang)['flips'])}</h2><ul>")
        body += [f"<li>{line}</li>" for line in flips]
        body.append("</ul>")
    if d.verdict or d.infeasible:
        alt = alt_text(decision_map(d.requirements), d, lang)
        body.append(
            f'<h2>{e(w["map"])}</h2><div class="map">{map_svg(d, lang)}<p>{e(alt)}</p></div>'
        )
    if report.answer:
        paragraphs = [p for p in report.answer.strip().split("\n") if p.strip()]
        body.append(f"<h2>{e(w['answer'])}</h2>" + "".join(f"<p>{e(p)}</p>" for p in paragraphs))
    body.append(
        "<footer>" + " · ".join(line.removeprefix("- ") for line in _about(report, e)) + "</footer>"
    )
    title = f"{w['title']}: {_headline(report)}"
    return (
        f'<!DOCTYPE html><html lang="{"zh" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
