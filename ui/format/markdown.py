"""Answers and Decisions as Markdown: the chat page, the terminal and `chipwise decide`."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from assistant import (
    Answer,
    Comparison,
    Decision,
    Passage,
    Quote,
    ToolCall,
    finding_line,
    need_prompt,
)
from ui.format.common import (
    SAFE_ID,
    escape_md,
    finding_groups,
    flip_lines,
    labels,
    scenario_name,
    snippet,
    unique_sections,
    verdict_line,
)
from ui.format.compare import comparison_markdown
from ui.format.reading import (
    Reading,
    fix_hint,
    given_readings,
    reading_lines,
    readings_of,
    words,
)


def section_md(section_id: str) -> str:
    """A section id as inline code (escaped text if it is not a plain id)."""
    return f"`{section_id}`" if SAFE_ID.match(section_id) else escape_md(section_id)


def decision_card_markdown(
    decision: Decision, lang: str, readings: Sequence[Reading] | None = None
) -> str:
    """The verdict card: verdict, scenario, the requirements as read, reasons, warnings,
    assumptions (each with its id) and open questions.

    `readings` are the tool call's; None means the requirements were given directly (the
    form, `chipwise decide`)."""
    lab = labels(lang)
    lines = [f"### {verdict_line(decision, lang)}"]
    if decision.scenario:
        name = escape_md(scenario_name(decision.scenario, lang))
        lines.append(
            f"**{lab['scenario']}**{lab['colon']}{name} ({section_md(decision.scenario)})"
            f" · {lab['confidence']} {decision.confidence:.2f}"
        )
    if readings is None:
        readings = given_readings(decision.requirements)
    if read := reading_lines(readings, decision, lang, escape=escape_md):
        lines.append(f"\n**{words(lang)['title']}**")
        lines.extend(f"- {line}" for line in read)
    for key, findings, mark in finding_groups(decision):
        lines.append(f"\n**{lab[key]}**")
        lines.extend(
            finding_line(f, lang, mark=f"- {mark}", escape=escape_md, cite=section_md)
            for f in findings
        )
    if decision.needs:
        lines.append(f"\n**{lab['needs']}**")
        lines.extend(f"- ❓ {escape_md(need_prompt(name, lang))}" for name in decision.needs)
    if flips := flip_lines(decision, lang, escape=escape_md, cite=section_md):
        lines.append(f"\n**{lab['flips']}**")
        lines.extend(f"- {line}" for line in flips)
    return "\n".join(lines)


def sources_markdown(
    passages: Sequence[Passage],
    lang: str,
    quotes: Sequence[Quote] = (),
    mark: Callable[[str], str] = lambda s: f"**{s}**",
) -> str:
    """The sources panel: one line per section used, with title, section id and either the
    sentence the answer rests on, highlighted with `mark`, or a snippet."""
    lab = labels(lang)
    if not passages:
        return f"**{lab['sources']}**\n\n{lab['no_sources']}"
    used = {q.section_id: q.sentence for q in quotes}
    lines = [f"**{lab['sources']}**", ""]
    for passage in unique_sections(passages):
        sentence = used.get(passage.section_id)
        body = (
            f"“{mark(escape_md(sentence))}”"
            if sentence
            else escape_md(snippet(passage.text, title=passage.title))
        )
        lines.append(
            f"1. **{escape_md(passage.title)}** {section_md(passage.section_id)}  \n   {body}"
        )
    return "\n".join(lines)


def message_markdown(
    decision: Decision | None,
    prose: str,
    lang: str,
    readings: Sequence[Reading] | None = None,
    comparison: Comparison | None = None,
    picture: str = "",
) -> str:
    """One chat message: the card (or the comparison table), a `picture` under the card
    (the web's decision map), and the prose under them."""
    card = decision_card_markdown(decision, lang, readings) if decision else ""
    if comparison is not None:
        card = comparison_markdown(comparison, lang)
    if card and picture:
        card = f"{card}\n\n{picture}"
    text = escape_md(prose.strip())
    return f"{card}\n\n---\n\n{text}" if card and text else card or text


def answer_markdown(answer: Answer, program: str | None = "chipwise") -> str:
    """A whole answer as Markdown: card, prose, sources and (with a `program`, for the
    terminal) the `chipwise decide ...` line that re-runs the reading."""
    readings = readings_of(answer)
    body = message_markdown(
        answer.decision, answer.text, answer.language, readings, answer.comparison
    )
    text = f"{body}\n\n{sources_markdown(answer.passages, answer.language, answer.quotes)}"
    hint = fix_hint(readings, answer.language, program) if program and answer.decision else ""
    return f"{text}\n\n{hint}" if hint else text


def tool_call_title(call: ToolCall, lang: str = "en") -> str:
    """'🛠️ used recommend_hardware(resolution=4k, ...)' for the collapsible step."""
    args = ", ".join(f"{k}={v}" for k, v in call.arguments.items())
    return escape_md(f"🛠️ {labels(lang)['used']} {call.name}({args})")


def tool_call_markdown(call: ToolCall) -> str:
    """The collapsible step's body: the arguments used and any corrections made to them."""
    body = json.dumps(call.arguments, ensure_ascii=False, indent=2)
    lines = [f"```json\n{body}\n```"]
    lines.extend(f"- {escape_md(c)}" for c in call.corrections)
    return "\n".join(lines)


def tool_call_line(call: ToolCall) -> str:
    """The terminal's note of a tool call: '[used recommend_hardware({...})]'."""
    return f"[used {call.name}({json.dumps(call.arguments)})]"


def to_json(answer: Answer) -> dict[str, Any]:
    """The JSON object of the API and `chipwise ask --json`."""
    return answer.to_dict()
