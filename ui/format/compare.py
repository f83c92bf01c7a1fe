"""A Comparison side by side: a Markdown table (web, terminal) and Slack blocks, with the
requirements that differ and the verdicts marked."""

from __future__ import annotations

from typing import Any

from assistant import Comparison, Decision, value_words
from ui.format.common import escape_md, escape_mrkdwn, labels, verdict_line
from ui.format.reading import field_name

WORDS = {
    "en": {"title": "Side by side", "option": "Option", "verdict": "Verdict", "why": "Why"},
    "zh": {"title": "对比", "option": "方案", "verdict": "结论", "why": "依据"},
}
DIFFERS = "◆"  # marks a row whose values are not all the same


def _words(lang: str) -> dict[str, str]:
    return WORDS["zh" if lang == "zh" else "en"]


def _outcome(decision: Decision, lang: str) -> str:
    if decision.verdict:
        return decision.verdict
    return verdict_line(decision, lang)


def rows(comparison: Comparison, lang: str) -> list[tuple[str, list[str], bool]]:
    """(label, one cell per option, differs) for each stated field, then the verdict."""
    table = []
    for name in comparison.fields:
        cells = [
            value_words(name, getattr(d.requirements, name), lang)
            if getattr(d.requirements, name) is not None
            else "—"
            for d in comparison.options
        ]
        table.append((field_name(name, lang), cells, name in comparison.differing))
    verdicts = [_outcome(d, lang) for d in comparison.options]
    table.append((_words(lang)["verdict"], verdicts, comparison.verdicts_differ))
    return table


def comparison_markdown(comparison: Comparison, lang: str) -> str:
    """The options as columns: differing rows marked ◆ with their values in bold."""
    w = _words(lang)
    head = [f"**{w['title']}**", ""]
    columns = [f"{w['option']} {n}" for n in range(1, len(comparison.options) + 1)]
    head.append("| | " + " | ".join(columns) + " |")
    head.append("|---|" + "---|" * len(columns))
    for label, cells, differs in rows(comparison, lang):
        shown = [f"**{escape_md(c)}**" if differs else escape_md(c) for c in cells]
        mark = f"{DIFFERS} " if differs else ""
        head.append(f"| {mark}{escape_md(label)} | " + " | ".join(shown) + " |")
    why = [f"`{d.reasons[0].section_id}`" if d.reasons else "—" for d in comparison.options]
    head.append(f"| {w['why']} | " + " | ".join(why) + " |")
    for number, decision in enumerate(comparison.options, 1):
        if decision.flips:
            text = decision.flips[0].text_zh if lang == "zh" else decision.flips[0].text
            head.append(
                f"\n{w['option']} {number} · {labels(lang)['flips']}{labels(lang)['colon']}"
                f"{escape_md(text)} `{decision.flips[0].section_id}`"
            )
    return "\n".join(head)


def comparison_blocks(comparison: Comparison, lang: str) -> list[dict[str, Any]]:
    """Slack: one section per option, differing requirements and the verdict in bold."""
    w = _words(lang)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": w["title"]}}
    ]
    table = rows(comparison, lang)
    for index in range(len(comparison.options)):
        parts = []
        for label, cells, differs in table:
            cell = escape_mrkdwn(f"{label}: {cells[index]}")
            parts.append(f"*{cell}*" if differs else cell)
        text = f"*{w['option']} {index + 1}*\n" + " · ".join(parts)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text}})
    return blocks
