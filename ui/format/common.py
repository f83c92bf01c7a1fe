"""What every rendering shares: labels, scenario names, escaping, snippets, the verdict line."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence

from assistant import Decision, Finding, Flip, Passage, field_words

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "verdict": "Verdict",
        "undecided": "Not decided yet",
        "infeasible": "No hardware fits as stated",
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
        "flips": "What would change it",
        "no_flips": "No nearby change of the requirements gives another verdict.",
        "constraints": "Held fixed (stated constraints)",
    },
    "zh": {
        "verdict": "结论",
        "undecided": "尚无结论",
        "infeasible": "按目前的条件没有可行的硬件方案",
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
        "flips": "怎样会改变结论",
        "no_flips": "需求在附近的任何改动都不会改变结论。",
        "constraints": "保持不变(已说明的约束)",
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
SAFE_ID = re.compile(r"^[\w.\-]+$")


def labels(lang: str) -> dict[str, str]:
    """The card labels for a language ("zh" or anything else for English)."""
    return LABELS["zh" if lang == "zh" else "en"]


def escape_md(text: str) -> str:
    """Text from documents, users or the model, safe inside Markdown rendered as HTML."""
    escaped = html.escape(text, quote=False)
    # No links or images: a document must not make the page fetch or open anything.
    return escaped.replace("[", "\\[").replace("]", "\\]")


def escape_mrkdwn(text: str) -> str:
    """Slack's three control characters, escaped as Slack asks."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


def verdict_line(decision: Decision, lang: str) -> str:
    """'Verdict: GPU' or '结论：NPU'; 'Not decided yet' without a verdict, or that nothing fits."""
    lab = labels(lang)
    if decision.infeasible:
        return lab["infeasible"]
    if decision.verdict is None:
        return lab["undecided"]
    return f"{lab['verdict']}{lab['colon']}{decision.verdict}"


def finding_groups(decision: Decision) -> list[tuple[str, Sequence[Finding], str]]:
    """The card's groups of findings that are not empty: (label key, findings, mark)."""
    groups = (
        ("reasons", decision.reasons, "✅"),
        ("warnings", decision.warnings, "⚠️"),
        ("assumptions", decision.assumptions, "💭"),
    )
    return [group for group in groups if group[1]]


def unique_sections(passages: Iterable[Passage]) -> list[Passage]:
    """The first passage of each section, in order."""
    seen: dict[str, Passage] = {}
    for passage in passages:
        seen.setdefault(passage.section_id, passage)
    return list(seen.values())


def flip_lines(
    decision: Decision,
    lang: str,
    *,
    escape: Callable[[str], str] = str,
    cite: Callable[[str], str] = str,
) -> list[str]:
    """'➡️ deployment: mobile → cloud gives GPU `summary`' per flip, then the constraints held.

    [] for a decision without a verdict and without flips (it asks questions instead)."""
    lines = [
        f"➡️ {escape(flip_text(flip, lang))} {cite(flip.section_id)}" for flip in decision.flips
    ]
    if not lines and decision.verdict is not None:
        lines.append(f"➡️ {escape(labels(lang)['no_flips'])}")
    if lines and decision.constraints:
        names = ", ".join(field_words(name, lang) for name in decision.constraints)
        lines.append(f"🔒 {escape(labels(lang)['constraints'] + labels(lang)['colon'] + names)}")
    return lines


def flip_text(flip: Flip, lang: str) -> str:
    """The flip in the given language."""
    return flip.text_zh if lang == "zh" else flip.text
