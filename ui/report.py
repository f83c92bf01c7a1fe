"""`chipwise report` and the page's report button: gather a Decision's report and write it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant import Answer, Decision, Settings
from evals.metrics import knowledge_version  # the version the eval baseline records
from ui.format import readings_of
from ui.format.report import Report, report_html, report_markdown

RULES_ONLY = {"en": "none: the decision rules alone", "zh": "无：仅使用决策规则"}
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def _first_sentence(text: str) -> str:
    """The section's opening sentence: its first paragraph after the heading, one line."""
    for block in text.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", "-", "|", "```")):
            flat = " ".join(block.split())
            end = re.search(r"(?<=[.!?。！？])\s", flat)
            return flat[: end.start()] if end else flat
    return ""


def section_sources(folder: Path, lang: str, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Title and opening sentence of each cited section, in the language (English if missing)."""
    found: dict[str, tuple[str, str]] = {}
    for section in ids:
        path = folder / lang / f"{section}.md"
        if not path.is_file():
            path = folder / "en" / f"{section}.md"
        if not path.is_file():
            continue
        text = path.read_text("utf-8")
        front = _FRONT.match(text)
        title = section
        if front and (m := re.search(r'^title:\s*"?(.*?)"?\s*$', front.group(1), re.M)):
            title = m.group(1)
        found[section] = (title, _first_sentence(text[front.end() :] if front else text))
    return found


def build_report(
    decision: Decision,
    lang: str,
    settings: Settings,
    *,
    model: str | None = None,
    answer: Answer | None = None,
    now: datetime | None = None,
) -> Report:
    """A Report for a Decision (from key=value) or an Answer (from a question)."""
    folder = settings.knowledge_dir
    readings: Sequence[Mapping[str, Any]] | None = readings_of(answer) if answer else None
    return Report(
        decision=decision,
        lang=lang,
        knowledge_version=knowledge_version(folder),
        model=model or RULES_ONLY["zh" if lang == "zh" else "en"],
        date=(now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        question=answer.question if answer else "",
        answer=answer.text if answer else "",
        readings=readings or None,
        sources=section_sources(folder, lang, decision.sources),
    )


def write_report(report: Report, folder: Path, stem: str | None = None) -> tuple[Path, Path]:
    """Write `<stem>.html` and `<stem>.md` into `folder` and return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    verdict = (report.decision.verdict or "undecided").replace("+", "-").lower()
    if report.decision.infeasible:
        verdict = "infeasible"
    stem = stem or f"chipwise-report-{verdict}-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}"
    html_path, md_path = folder / f"{stem}.html", folder / f"{stem}.md"
    html_path.write_text(report_html(report), "utf-8")
    md_path.write_text(report_markdown(report), "utf-8")
    return html_path, md_path
