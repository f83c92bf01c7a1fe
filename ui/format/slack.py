"""Answers and Decisions as Slack's Block Kit blocks with a plain-text fallback."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant import Answer, Decision, Finding, Passage, finding_line, need_prompt
from ui.format.common import (
    SAFE_ID,
    escape_mrkdwn,
    finding_groups,
    flip_lines,
    labels,
    scenario_name,
    unique_sections,
    verdict_line,
)
from ui.format.compare import comparison_blocks
from ui.format.reading import Reading, fix_hint, given_readings, reading_lines, readings_of, words

SLACK_HEADER_CHARS = 150
SLACK_SECTION_CHARS = 3000
SLACK_CONTEXT_CHARS = 2000
SLACK_MAX_BLOCKS = 50
Blocks = list[dict[str, Any]]


def _markdown_to_mrkdwn(text: str) -> str:
    """Model Markdown to Slack mrkdwn: **bold** → *bold*, headings → bold lines."""
    text = re.sub(r"\*\*(.+?)\*\*", r"*\1*", text)
    return re.sub(r"(?m)^#{1,6}\s+(.+)$", r"*\1*", text)


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` chars, cut at paragraph, line or word ends where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        if cut < limit // 2:
            cut = limit
            amp = window.rfind("&")  # never cut through an &amp; entity
            if amp > limit - 6 and ";" not in window[amp:]:
                cut = amp
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _code(section_id: str) -> str:
    return f"`{section_id}`"


def _findings_mrkdwn(title: str, findings: Sequence[Finding], lang: str, mark: str) -> str:
    rows = [finding_line(f, lang, mark=mark, escape=escape_mrkdwn, cite=_code) for f in findings]
    return f"*{title}*\n" + "\n".join(rows)


def _header_text(decision: Decision, lang: str) -> str:
    text = verdict_line(decision, lang)
    if decision.scenario:
        text += f" · {scenario_name(decision.scenario, lang)}"
    return text if len(text) <= SLACK_HEADER_CHARS else text[: SLACK_HEADER_CHARS - 1] + "…"


def _decision_blocks(
    decision: Decision, lang: str, readings: Sequence[Reading] | None = None
) -> Blocks:
    lab = labels(lang)
    title = {"type": "plain_text", "text": _header_text(decision, lang)}
    blocks: Blocks = [{"type": "header", "text": title}]
    if readings is None:
        readings = given_readings(decision.requirements)
    if read := reading_lines(readings, decision, lang, escape=escape_mrkdwn):
        text = f"*{words(lang)['title']}*\n" + "\n".join(read)
        blocks.extend(_section(piece) for piece in split_text(text, SLACK_SECTION_CHARS))
    for key, findings, mark in finding_groups(decision):
        text = _findings_mrkdwn(lab[key], findings, lang, mark)
        blocks.extend(_section(piece) for piece in split_text(text, SLACK_SECTION_CHARS))
    if decision.needs:
        asks = "\n".join(f"❓ {escape_mrkdwn(need_prompt(n, lang))}" for n in decision.needs)
        blocks.append(_section(f"*{lab['needs']}*\n{asks}"))
    if flips := flip_lines(decision, lang, escape=escape_mrkdwn, cite=_code):
        blocks.append(_section(f"*{lab['flips']}*\n" + "\n".join(flips)))
    return blocks


def _sources_context(passages: Sequence[Passage], lang: str) -> dict[str, Any]:
    items = [
        f"`{p.section_id}` {escape_mrkdwn(p.title)}"
        if SAFE_ID.match(p.section_id)
        else escape_mrkdwn(f"{p.section_id} {p.title}")
        for p in unique_sections(passages)
    ]
    text = f"*{labels(lang)['sources']}*: " + " · ".join(items)
    text = split_text(text, SLACK_CONTEXT_CHARS)[0]
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _fit(blocks: Blocks, tail: Blocks) -> Blocks:
    """At most SLACK_MAX_BLOCKS blocks, keeping the tail (the sources) and marking the cut."""
    room = SLACK_MAX_BLOCKS - len(tail)
    if len(blocks) > room:
        blocks = [*blocks[: room - 1], _section("…")]
    return [*blocks, *tail]


def _fallback(decision: Decision | None, prose: str, lang: str) -> str:
    head = verdict_line(decision, lang) if decision else ""
    text = "\n\n".join(part for part in (head, prose.strip()) if part)
    return escape_mrkdwn(text if len(text) <= SLACK_SECTION_CHARS else text[:2999] + "…")


def to_slack(answer: Answer) -> tuple[str, Blocks]:
    """An answer as Slack's plain-text fallback and Block Kit blocks."""
    lang = answer.language
    readings = readings_of(answer)
    blocks = _decision_blocks(answer.decision, lang, readings) if answer.decision else []
    if answer.comparison is not None:
        blocks = comparison_blocks(answer.comparison, lang)
    if (answer.decision or answer.comparison) and answer.text.strip():
        blocks.append({"type": "divider"})
    prose = escape_mrkdwn(_markdown_to_mrkdwn(answer.text))
    blocks.extend(_section(piece) for piece in split_text(prose, SLACK_SECTION_CHARS))
    tail = [_sources_context(answer.passages, lang)] if answer.passages else []
    if answer.decision and (hint := fix_hint(readings, lang, "/chipwise")):
        tail.append({"type": "context", "elements": [{"type": "mrkdwn", "text": hint}]})
    return _fallback(answer.decision, answer.text, lang), _fit(blocks, tail)


def decision_to_slack(decision: Decision, lang: str) -> tuple[str, Blocks]:
    """A decision alone (the `/chipwise decide` command) as fallback text and blocks."""
    lab = labels(lang)
    cited = ", ".join(decision.sources)
    context = {"type": "mrkdwn", "text": f"*{lab['sources']}*: {cited}"}
    tail = [{"type": "context", "elements": [context]}]
    blocks = _fit(_decision_blocks(decision, lang), tail if decision.sources else [])
    return _fallback(decision, "", lang), blocks


def decision_summary(decision: Decision) -> str:
    """What a thread remembers of a `decide` card: the verdict and the reasons, in English."""
    reasons = " ".join(f.text for f in decision.reasons)
    return f"Verdict: {decision.verdict or 'not decided yet'}. {reasons}".strip()
