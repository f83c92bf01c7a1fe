"""The one pure formatter: an Answer or Decision as Markdown (web), Block Kit (Slack) or JSON."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.rules.decision import NEED_PROMPTS, Decision, Finding
from assistant.types import Answer, Passage, ToolCall

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "verdict": "Verdict",
        "undecided": "Not decided yet",
        "scenario": "Scenario",
        "confidence": "confidence",
        "reasons": "Why",
        "warnings": "Watch out",
        "assumptions": "Assumed",
        "needs": "To decide, tell me",
        "sources": "Sources",
        "no_sources": "No passages from the knowledge base were used.",
        "used": "used",
        "colon": ": ",
    },
    "zh": {
        "verdict": "结论",
        "undecided": "尚无结论",
        "scenario": "场景",
        "confidence": "置信度",
        "reasons": "理由",
        "warnings": "注意",
        "assumptions": "假设",
        "needs": "还需要了解",
        "sources": "参考来源",
        "no_sources": "本次回答未使用知识库段落。",
        "used": "调用了",
        "colon": "：",
    },
}
SCENARIOS: dict[str, tuple[str, str]] = {
    "scenario.professional": ("Professional ultra-HD and long video", "专业级超高清/长视频"),
    "scenario.mobile": ("Mobile and lightweight generation", "移动端轻量生成"),
    "scenario.datacenter": ("Data-center standardized batches", "数据中心标准化批量生成"),
    "scenario.edge": ("Edge devices generating locally", "边缘设备本地生成"),
    "scenario.experimental": ("Experimental and frontier models", "实验性/前沿模型"),
}
SNIPPET_CHARS = 180
SLACK_HEADER_CHARS = 150
SLACK_SECTION_CHARS = 3000
SLACK_CONTEXT_CHARS = 2000
SLACK_MAX_BLOCKS = 50
_SAFE_ID = re.compile(r"^[\w.\-]+$")


def labels(lang: str) -> dict[str, str]:
    """The card labels for a language ("zh" or anything else for English)."""
    return LABELS["zh" if lang == "zh" else "en"]


# ---- escaping -------------------------------------------------------------------------------


def escape_md(text: str) -> str:
    """Text from documents, users or the model, safe inside Markdown rendered as HTML."""
    escaped = html.escape(text, quote=False)
    # No links or images: a document must not make the page fetch or open anything.
    return escaped.replace("[", "\\[").replace("]", "\\]")


def escape_mrkdwn(text: str) -> str:
    """Slack's three control characters, escaped as Slack asks."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _section_md(section_id: str) -> str:
    return f"`{section_id}`" if _SAFE_ID.match(section_id) else escape_md(section_id)


def _finding_text(finding: Finding, lang: str) -> str:
    return finding.text_zh if lang == "zh" else finding.text


def scenario_name(scenario: str | None, lang: str) -> str:
    """A scenario id in words, in the given language."""
    if scenario is None:
        return ""
    en, zh = SCENARIOS.get(scenario, (scenario, scenario))
    return zh if lang == "zh" else en


def snippet(text: str, limit: int = SNIPPET_CHARS, title: str = "") -> str:
    """A passage flattened to one line (no headings, no line breaks, no leading title)."""
    flat = re.sub(r"(^|\n)\s*#+\s*", " ", text)
    flat = " ".join(flat.split())
    if title and flat.startswith(title):
        flat = flat[len(title) :].lstrip(" >·:-") or flat  # chunks repeat their heading path
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# ---- Markdown (web) -------------------------------------------------------------------------


def verdict_line(decision: Decision, lang: str) -> str:
    """'Verdict: GPU' or '结论：NPU'; 'Not decided yet' without a verdict."""
    lab = labels(lang)
    if decision.verdict is None:
        return lab["undecided"]
    return f"{lab['verdict']}{lab['colon']}{decision.verdict}"


def decision_card_markdown(decision: Decision, lang: str) -> str:
    """The verdict card: verdict, scenario, reasons, warnings, assumptions, each with its id."""
    lab = labels(lang)
    lines = [f"### {verdict_line(decision, lang)}"]
    if decision.scenario:
        name = escape_md(scenario_name(decision.scenario, lang))
        lines.append(
            f"**{lab['scenario']}**{lab['colon']}{name} ({_section_md(decision.scenario)})"
            f" · {lab['confidence']} {decision.confidence:.2f}"
        )
    for key, findings, mark in (
        ("reasons", decision.reasons, "✅"),
        ("warnings", decision.warnings, "⚠️"),
        ("assumptions", decision.assumptions, "💭"),
    ):
        if findings:
            lines.append(f"\n**{lab[key]}**")
            lines.extend(
                f"- {mark} {escape_md(_finding_text(f, lang))} {_section_md(f.section_id)}"
                for f in findings
            )
    if decision.needs:
        lines.append(f"\n**{lab['needs']}**")
        lines.extend(f"- ❓ {escape_md(need_prompt(name, lang))}" for name in decision.needs)
    return "\n".join(lines)


def need_prompt(field: str, lang: str) -> str:
    """The question to ask for a missing requirement."""
    prompts = NEED_PROMPTS.get(field)
    if not prompts:
        return field
    return prompts["zh" if lang == "zh" else "en"]


def sources_markdown(passages: Sequence[Passage], lang: str) -> str:
    """The sources panel: one line per section used, with title, section id and a snippet."""
    lab = labels(lang)
    if not passages:
        return f"**{lab['sources']}**\n\n{lab['no_sources']}"
    lines = [f"**{lab['sources']}**", ""]
    for passage in _unique_sections(passages):
        lines.append(
            f"1. **{escape_md(passage.title)}** {_section_md(passage.section_id)}  \n"
            f"   {escape_md(snippet(passage.text, title=passage.title))}"
        )
    return "\n".join(lines)


def _unique_sections(passages: Iterable[Passage]) -> list[Passage]:
    seen: dict[str, Passage] = {}
    for passage in passages:
        seen.setdefault(passage.section_id, passage)
    return list(seen.values())


def message_markdown(decision: Decision | None, prose: str, lang: str) -> str:
    """One chat message: the card (when there is a decision) and the prose under it."""
    card = decision_card_markdown(decision, lang) if decision else ""
    text = escape_md(prose.strip())
    return f"{card}\n\n---\n\n{text}" if card and text else card or text


def answer_markdown(answer: Answer) -> str:
    """A whole answer as Markdown: card, prose and sources."""
    body = message_markdown(answer.decision, answer.text, answer.language)
    return f"{body}\n\n{sources_markdown(answer.passages, answer.language)}"


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


def to_json(answer: Answer) -> dict[str, Any]:
    """The JSON object of the API and `chipwise ask --json`."""
    return answer.to_dict()


# ---- Slack (Block Kit) ----------------------------------------------------------------------


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


def _findings_mrkdwn(title: str, findings: Sequence[Finding], lang: str, mark: str) -> str:
    rows = [f"{mark} {escape_mrkdwn(_finding_text(f, lang))} `{f.section_id}`" for f in findings]
    return f"*{title}*\n" + "\n".join(rows)


def _header_text(decision: Decision, lang: str) -> str:
    text = verdict_line(decision, lang)
    if decision.scenario:
        text += f" · {scenario_name(decision.scenario, lang)}"
    return text if len(text) <= SLACK_HEADER_CHARS else text[: SLACK_HEADER_CHARS - 1] + "…"


def _decision_blocks(decision: Decision, lang: str) -> list[dict[str, Any]]:
    lab = labels(lang)
    title = {"type": "plain_text", "text": _header_text(decision, lang)}
    blocks: list[dict[str, Any]] = [{"type": "header", "text": title}]
    for key, findings, mark in (
        ("reasons", decision.reasons, "✅"),
        ("warnings", decision.warnings, "⚠️"),
        ("assumptions", decision.assumptions, "💭"),
    ):
        if findings:
            text = _findings_mrkdwn(lab[key], findings, lang, mark)
            blocks.extend(_section(piece) for piece in split_text(text, SLACK_SECTION_CHARS))
    if decision.needs:
        asks = "\n".join(f"❓ {escape_mrkdwn(need_prompt(n, lang))}" for n in decision.needs)
        blocks.append(_section(f"*{lab['needs']}*\n{asks}"))
    return blocks


def _sources_context(passages: Sequence[Passage], lang: str) -> dict[str, Any]:
    items = [
        f"`{p.section_id}` {escape_mrkdwn(p.title)}"
        if _SAFE_ID.match(p.section_id)
        else escape_mrkdwn(f"{p.section_id} {p.title}")
        for p in _unique_sections(passages)
    ]
    text = f"*{labels(lang)['sources']}*: " + " · ".join(items)
    text = split_text(text, SLACK_CONTEXT_CHARS)[0]
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _fit(blocks: list[dict[str, Any]], tail: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most SLACK_MAX_BLOCKS blocks, keeping the tail (the sources) and marking the cut."""
    room = SLACK_MAX_BLOCKS - len(tail)
    if len(blocks) > room:
        blocks = [*blocks[: room - 1], _section("…")]
    return [*blocks, *tail]


def _fallback(decision: Decision | None, prose: str, lang: str) -> str:
    head = verdict_line(decision, lang) if decision else ""
    text = "\n\n".join(part for part in (head, prose.strip()) if part)
    return escape_mrkdwn(text if len(text) <= SLACK_SECTION_CHARS else text[:2999] + "…")


def to_slack(answer: Answer) -> tuple[str, list[dict[str, Any]]]:
    """An answer as Slack's plain-text fallback and Block Kit blocks."""
    lang = answer.language
    blocks = _decision_blocks(answer.decision, lang) if answer.decision else []
    if answer.decision and answer.text.strip():
        blocks.append({"type": "divider"})
    prose = escape_mrkdwn(_markdown_to_mrkdwn(answer.text))
    blocks.extend(_section(piece) for piece in split_text(prose, SLACK_SECTION_CHARS))
    tail = [_sources_context(answer.passages, lang)] if answer.passages else []
    return _fallback(answer.decision, answer.text, lang), _fit(blocks, tail)


def decision_to_slack(decision: Decision, lang: str) -> tuple[str, list[dict[str, Any]]]:
    """A decision alone (the `/chipwise decide` command) as fallback text and blocks."""
    lab = labels(lang)
    cited = ", ".join(decision.sources)
    context = {"type": "mrkdwn", "text": f"*{lab['sources']}*: {cited}"}
    tail = [{"type": "context", "elements": [context]}]
    blocks = _fit(_decision_blocks(decision, lang), tail if decision.sources else [])
    return _fallback(decision, "", lang), blocks
